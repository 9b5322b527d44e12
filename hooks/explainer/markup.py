"""Turn the Markdown that editors write in data/ into safe HTML for one page.

Data Markdown is rendered with Python-Markdown, with raw HTML switched off (an
editor's ``<b>`` is shown as text, never parsed as a tag) and without
``attr_list`` (so ``{: onclick=...}`` stays text). Then:

- links to ``kind:id`` become relative links to the entity's page or anchor,
  and a target that does not exist raises :class:`UnknownLinkTarget`;
- external ``https://`` links get ``rel="noopener noreferrer"``;
- the first mention of each glossary term in the rendered text links to its
  glossary entry, with a one-line definition in ``title`` (shown on hover);
- nh3 keeps only a few tags and attributes, and only relative or https URLs.

The glossary linking is a Python-Markdown extension, :class:`GlossaryExtension`,
so that the MkDocs hook can register it for the hand-written pages as well::

    GlossaryExtension(explainer.terms.values(), lambda: Linker(current_page_src_uri))
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from explainer.urls import LINK_KINDS, Linker, anchor

if TYPE_CHECKING:
    from explainer.model import Explainer, Term

# What survives sanitizing: enough for prose with links, nothing that runs.
ALLOWED_TAGS = frozenset(
    {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "abbr"}
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "abbr": {"title"}}
# Attributes the engine itself sets, allowed only with exactly these values.
FIXED_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "a": {"class": {"glossary-term"}, "rel": {"noopener noreferrer"}},
}
ALLOWED_URL_SCHEMES = frozenset({"https"})
EXTERNAL_REL = "noopener noreferrer"
GLOSSARY_CLASS = "glossary-term"

# Glossary links never go inside these: a link in a link is invalid, and
# headings and code must read exactly as written.
NO_GLOSSARY_INSIDE = frozenset(
    {"a", "abbr", "code", "pre", "kbd", "samp", "script", "style", "svg", "math"}
    | {f"h{level}" for level in range(1, 7)}
)

# Below MkDocs' own link rewriting ("relpath", priority 0): the glossary emits
# finished .html hrefs, which MkDocs would otherwise report as missing files.
GLOSSARY_PRIORITY = -10
ENTITY_LINK_PRIORITY = -5

TOOLTIP_LIMIT = 240

# Python-Markdown's backslash-escapable characters: escaping them in text we put
# into generated Markdown (headings) makes the text read exactly as written.
# Not ">": "<", ">" and "&" become entities through the templates' autoescape,
# and "\&gt;" would show its backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_BLANK_LINES = re.compile(r"\n\s*\n")
_WHITESPACE = re.compile(r"\s+")

Targets = Mapping[str, Collection[str]]
"""The ids that exist, by link kind: ``{"actor": {"ukraine", ...}, ...}``."""

LinkCallback = Callable[[str, str], None]
"""Told (kind, id) of every ``kind:id`` link rendered, e.g. to list where sources are cited."""


class UnknownLinkTarget(ValueError):
    """A ``kind:id`` link whose target does not exist."""


def known_targets(explainer: Explainer) -> dict[str, Collection[str]]:
    """Every id a ``kind:id`` link may name, by kind."""
    return {
        "actor": explainer.actors.keys(),
        "guarantee": explainer.guarantees.keys(),
        "source": explainer.sources.keys(),
        "event": explainer.events.keys(),
        "term": explainer.terms.keys(),
        "timeline": explainer.timelines.keys(),
    }


# -- glossary -----------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryEntry:
    """One term as the linker needs it: where it points and what the tooltip says."""

    term_id: str
    phrases: tuple[str, ...]
    tooltip: str


class Glossary:
    """The phrases to link in text: whole words, any case, the longest phrase first."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        self.entries = tuple(entries)
        self._by_anchor = {anchor("term", entry.term_id): entry for entry in self.entries}
        # One owner per phrase, whatever its case (the validator refuses clashes).
        by_phrase: dict[str, tuple[str, GlossaryEntry]] = {}
        for entry in self.entries:
            for phrase in entry.phrases:
                words = _WHITESPACE.sub(" ", phrase.strip())
                by_phrase.setdefault(words.casefold(), (words, entry))
        self._owners = {phrase: entry for phrase, (_, entry) in by_phrase.items()}
        # A lookahead finds a phrase at every position, overlaps included, so
        # that mentions() can prefer the longest phrase even where a shorter one
        # starts earlier ("the Coalition of the Willing" links the latter). A
        # hyphen before a word joins it to the word before ("de-escalation" is
        # not "escalation"); a hyphen after it does not ("Article 5-like").
        # The phrases are merged into one trie-shaped pattern, so each position
        # costs a few character tests however many terms the glossary holds.
        self._pattern = (
            re.compile(rf"(?<![\w-])(?=({_trie_pattern(by_phrase)})(?!\w))", re.IGNORECASE)
            if by_phrase
            else None
        )

    def entry_at(self, href: str, linker: Linker) -> GlossaryEntry | None:
        """The entry whose glossary anchor href points at, from linker's page."""
        _, _, fragment = href.partition("#")
        entry = self._by_anchor.get(fragment)
        if entry is None or linker.entity("term", entry.term_id) != href:
            return None
        return entry

    @classmethod
    def from_terms(cls, terms: Iterable[Term]) -> Glossary:
        return cls(
            GlossaryEntry(term.id, (term.term, *term.aliases), tooltip(term.definition))
            for term in terms
        )

    def mentions(self, text: str) -> list[Mention]:
        """The phrases found in text, longest first where they overlap, in text order."""
        if self._pattern is None:
            return []
        found: list[Mention] = []
        for match in self._pattern.finditer(text):
            start, end = match.span(1)
            phrase = _WHITESPACE.sub(" ", match.group(1)).casefold()
            found.append(Mention(start, end, self._owners[phrase]))
        chosen: list[Mention] = []
        for mention in sorted(found, key=lambda m: (m.start - m.end, m.start)):
            if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
                chosen.append(mention)
        return sorted(chosen, key=lambda m: m.start)


@dataclass(frozen=True)
class Mention:
    """Where a glossary phrase occurs in a text, and whose phrase it is."""

    start: int
    end: int
    entry: GlossaryEntry


def _trie_pattern(phrases: Iterable[str]) -> str:
    """One regular expression matching any of the phrases, longest first at each position.

    Phrases are casefolded and single-spaced; a space matches any run of
    whitespace, since a phrase may be wrapped across lines in the source.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Ending here is the last choice, so the longest phrase wins.
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


class GlossaryTreeprocessor(Treeprocessor):
    """Links the first mention of each term in one document to its glossary entry."""

    def __init__(
        self,
        md: markdown.Markdown,
        glossary: Glossary,
        linker_factory: Callable[[], Linker],
        skip_terms: Collection[str] = (),
    ) -> None:
        super().__init__(md)
        self.glossary = glossary
        self.linker_factory = linker_factory
        self.skip_terms = frozenset(skip_terms)

    def run(self, root: Element) -> None:
        linker = self.linker_factory()
        linked = set(self.skip_terms) | self._linked_by_hand(root, linker)
        self._link_inside(root, linker, linked)

    def _linked_by_hand(self, root: Element, linker: Linker) -> set[str]:
        """Terms the writer linked explicitly: given the tooltip, and not linked again."""
        linked = set()
        for link in root.iter("a"):
            entry = self.glossary.entry_at(link.get("href", ""), linker)
            if entry is not None:
                link.set("class", GLOSSARY_CLASS)
                link.set("title", link.get("title") or entry.tooltip)
                linked.add(entry.term_id)
        return linked

    def _link_inside(self, element: Element, linker: Linker, linked: set[str]) -> None:
        # Document order: an element's text, then each child and its tail.
        text, links = self._split(element.text, linker, linked)
        element.text = text
        for index, link in enumerate(links):
            element.insert(index, link)
        for child in list(element)[len(links) :]:
            if child.tag not in NO_GLOSSARY_INSIDE:
                self._link_inside(child, linker, linked)
            tail, links = self._split(child.tail, linker, linked)
            child.tail = tail
            position = list(element).index(child) + 1
            for offset, link in enumerate(links):
                element.insert(position + offset, link)

    def _split(
        self, text: str | None, linker: Linker, linked: set[str]
    ) -> tuple[str | None, list[Element]]:
        """Text before the first new link, and the new links, each holding its tail."""
        if not text:
            return text, []
        head: str | None = None
        links: list[Element] = []
        cursor = 0
        for mention in self.glossary.mentions(text):
            if mention.entry.term_id in linked:
                continue
            linked.add(mention.entry.term_id)
            before = text[cursor : mention.start]
            if links:
                links[-1].tail = before
            else:
                head = before
            words = text[mention.start : mention.end]
            links.append(glossary_link(mention.entry, words, linker))
            cursor = mention.end
        if not links:
            return text, []
        links[-1].tail = text[cursor:]
        return head, links


def glossary_link(entry: GlossaryEntry, words: str, linker: Linker) -> Element:
    link = Element(
        "a",
        {
            "href": linker.entity("term", entry.term_id),
            "class": GLOSSARY_CLASS,
            "title": entry.tooltip,
        },
    )
    link.text = words
    return link


class GlossaryExtension(Extension):
    """Python-Markdown extension: link glossary terms in a page to the glossary.

    ``terms`` are the model's terms; ``linker_factory`` is called once per
    document and returns the :class:`~explainer.urls.Linker` of the page being
    converted (MkDocs builds every page with this same extension object, so the
    hook keeps track of the current page, e.g. in ``on_page_markdown``). Terms
    in ``skip_terms`` are never linked; a term the writer linked by hand gets
    the tooltip and is not linked again.
    The first mention of each term per document is linked, never inside links,
    headings or code; the processor runs after MkDocs' link rewriting, so its
    ``.html`` hrefs are emitted as they are.
    """

    def __init__(
        self,
        terms: Iterable[Term] | Glossary,
        linker_factory: Callable[[], Linker],
        *,
        skip_terms: Collection[str] = (),
    ) -> None:
        super().__init__()
        self.glossary = terms if isinstance(terms, Glossary) else Glossary.from_terms(terms)
        self.linker_factory = linker_factory
        self.skip_terms = skip_terms

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        processor = GlossaryTreeprocessor(md, self.glossary, self.linker_factory, self.skip_terms)
        md.treeprocessors.register(processor, "explainer_glossary", GLOSSARY_PRIORITY)


# -- entity links --------------------------------------------------------------


class EntityLinkTreeprocessor(Treeprocessor):
    """Resolves ``kind:id`` link targets and marks external links."""

    def __init__(
        self,
        md: markdown.Markdown,
        linker: Linker,
        targets: Targets,
        on_link: LinkCallback | None = None,
    ) -> None:
        super().__init__(md)
        self.linker = linker
        self.targets = targets
        self.on_link = on_link

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            link.set("href", resolve_href(href, self.linker, self.targets))
            if href.lower().startswith("https://"):
                link.set("rel", EXTERNAL_REL)
            kind, _, entity_id = href.partition(":")
            if self.on_link is not None and kind in LINK_KINDS:
                self.on_link(kind, entity_id)


def resolve_href(href: str, linker: Linker, targets: Targets) -> str:
    """The href for a Markdown link target: ``kind:id`` resolved, anything else unchanged."""
    kind, colon, entity_id = href.strip().partition(":")
    if not colon or kind.lower() not in LINK_KINDS:
        return href  # external or malformed: nh3 keeps https and relative URLs only
    if kind not in LINK_KINDS:
        raise UnknownLinkTarget(f"link target '{href}': write the kind in lowercase")
    known = targets.get(kind, ())
    if entity_id not in known:
        close = difflib.get_close_matches(entity_id, list(known), n=1)
        hint = f" (did you mean '{kind}:{close[0]}'?)" if close else ""
        raise UnknownLinkTarget(
            f"link target '{href}' does not exist: no {kind} has the id '{entity_id}'{hint}"
        )
    return linker.entity(kind, entity_id)


# -- rendering -----------------------------------------------------------------


class _DataMarkdownExtension(Extension):
    """Everything data Markdown gets: no raw HTML, entity links, glossary links."""

    def __init__(
        self,
        linker: Linker,
        targets: Targets,
        glossary: Glossary | None,
        skip_terms: Collection[str],
        on_link: LinkCallback | None,
    ) -> None:
        super().__init__()
        self.linker = linker
        self.targets = targets
        self.glossary = glossary
        self.skip_terms = skip_terms
        self.on_link = on_link

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        _without_raw_html(md)
        md.treeprocessors.register(
            EntityLinkTreeprocessor(md, self.linker, self.targets, self.on_link),
            "explainer_entity_links",
            ENTITY_LINK_PRIORITY,
        )
        if self.glossary is not None:
            linker = self.linker
            md.treeprocessors.register(
                GlossaryTreeprocessor(md, self.glossary, lambda: linker, self.skip_terms),
                "explainer_glossary",
                GLOSSARY_PRIORITY,
            )


def _without_raw_html(md: markdown.Markdown) -> None:
    # Unregistered, raw HTML is escaped as text: nothing an editor types can
    # become a tag, and nh3 never has to guess what was meant.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")


def _converter(
    linker: Linker,
    targets: Targets,
    glossary: Glossary | None,
    skip_terms: Collection[str],
    on_link: LinkCallback | None,
) -> markdown.Markdown:
    extension = _DataMarkdownExtension(linker, targets, glossary, skip_terms, on_link)
    return markdown.Markdown(extensions=["abbr", extension])


def _convert(md: markdown.Markdown, text: str) -> Markup:
    md.reset()
    return Markup(_without_blank_lines(sanitize(md.convert(text))))


def sanitize(fragment: str) -> str:
    """Keep only the allowed tags, attributes and URLs of an HTML fragment."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=FIXED_ATTRIBUTE_VALUES,
        link_rel=None,  # set by EntityLinkTreeprocessor on external links only
        url_schemes=set(ALLOWED_URL_SCHEMES),
        url_relative=_relative_url,
        strip_comments=True,
    )


def _relative_url(url: str) -> str | None:
    # "/x" and "//host/x" would leave the site (or reach another host): only
    # document-relative links, which the linker writes, are kept.
    return None if url.startswith(("/", "\\")) else url


def _without_blank_lines(fragment: str) -> str:
    # Inside a raw HTML block of the page's Markdown a blank line ends the block.
    return _BLANK_LINES.sub("\n", fragment).strip()


def unwrap_paragraph(fragment: Markup) -> Markup:
    """A single ``<p>`` without its tags (for table cells and list items); else unchanged."""
    if (
        fragment.startswith("<p>")
        and fragment.endswith("</p>")
        and fragment.count("<p>") == 1
        and fragment.count("</p>") == 1
    ):
        return Markup(fragment[3:-4])
    return fragment


def append_inline(fragment: Markup, addition: Markup) -> Markup:
    """Put inline HTML (such as citation marks) at the end of a fragment's last paragraph."""
    if not addition:
        return fragment
    if fragment.endswith("</p>"):
        return Markup(fragment[:-4]) + addition + Markup("</p>")
    return fragment + addition


@dataclass(frozen=True)
class PageMarkup:
    """Renders data Markdown for one page: its links are relative to that page."""

    linker: Linker
    targets: Targets
    glossary: Glossary | None = None
    on_link: LinkCallback | None = None
    # One converter per set of skipped terms, reused for every text of the page:
    # building a Markdown instance costs more than converting a short text.
    _converters: dict[tuple[str, ...], markdown.Markdown] = field(
        default_factory=dict, compare=False, repr=False
    )

    def block(self, text: str, end: Markup | None = None, skip_term: str | None = None) -> Markup:
        """Block HTML (paragraphs, lists); ``end`` goes at the end of the last paragraph."""
        skip = (skip_term,) if skip_term else ()
        md = self._converters.get(skip)
        if md is None:
            md = _converter(self.linker, self.targets, self.glossary, skip, self.on_link)
            self._converters[skip] = md
        rendered = _convert(md, text)
        return append_inline(rendered, end) if end else rendered

    def inline(self, text: str, end: Markup | None = None) -> Markup:
        """Like :meth:`block`, without the ``<p>`` of a one-paragraph text."""
        return unwrap_paragraph(self.block(text, end))


# -- plain text ------------------------------------------------------------------


@cache
def _plain_converter() -> markdown.Markdown:
    # Reused (after reset) for every tooltip: building one costs more than a short text.
    md = markdown.Markdown(extensions=["abbr"])
    _without_raw_html(md)
    return md


def plain(text: str) -> str:
    """Markdown as one line of plain text: markup, links and tags dropped, entities decoded."""
    md = _plain_converter()
    md.reset()
    stripped = nh3.clean(md.convert(text), tags=set(), strip_comments=True)
    return _WHITESPACE.sub(" ", html.unescape(stripped)).strip()


def tooltip(definition: str, limit: int = TOOLTIP_LIMIT) -> str:
    """A definition short enough for a hover tooltip, cut at a word if it must be."""
    text = plain(definition)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def escape_markdown(text: str) -> str:
    """Plain text made safe for a Markdown line (a heading): it reads exactly as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())


def markdown_text(text: str) -> Markup:
    """Plain text for a Markdown line of a template: Markdown and HTML specials escaped.

    Quotes stay as they are (they mean nothing outside an attribute), so that
    headings read cleanly in the generated Markdown.
    """
    return Markup(html.escape(escape_markdown(text), quote=False))
