"""The glossary matcher: the first mention of each term in a text links to its entry.

Phrases (a term and its aliases) match as whole words in any case. Case is
folded one character for one character (:func:`phrase_key`), so the matcher
and the check's clash test compare phrases in exactly the same way, and the
positions of a match in the folded text are its positions in the original.
Finding mentions is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .escaping import tooltip
from .urls import anchor

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

    import markdown

    from .links import Linker
    from .model import Term

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

_WHITESPACE = re.compile(r"\s+")


class _Folding(dict[int, str]):
    """str.translate table folding case one character for one (filled as characters appear)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char.casefold()
        if len(folded) != 1:
            folded = char.lower()
        if len(folded) != 1:
            folded = char
        self[code] = folded
        return folded


_FOLDING = _Folding()


def fold(text: str) -> str:
    """Text with its case folded, each character to exactly one character."""
    return text.translate(_FOLDING)


def phrase_key(phrase: str) -> str:
    """What two phrases share when they name the same words: folded case, single spaces."""
    return _WHITESPACE.sub(" ", fold(phrase).strip())


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
        # One owner per phrase, whatever its case (the check refuses clashes).
        by_phrase: dict[str, GlossaryEntry] = {}
        for entry in self.entries:
            for phrase in entry.phrases:
                key = phrase_key(phrase)
                if key:
                    by_phrase.setdefault(key, entry)
        self._owners = by_phrase
        # A lookahead finds a phrase at every position, overlaps included, so
        # that mentions() can prefer the longest phrase even where a shorter one
        # starts earlier ("the Coalition of the Willing" links the latter). A
        # hyphen before a word joins it to the word before ("de-escalation" is
        # not "escalation"); a hyphen after it does not ("Article 5-like").
        # The phrases are merged into one trie-shaped pattern, so each position
        # costs a few character tests however many terms the glossary holds.
        self._pattern = (
            re.compile(rf"(?<![\w-])(?=({_trie_pattern(by_phrase)})(?!\w))") if by_phrase else None
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
        folded = fold(text)
        found: list[Mention] = []
        for match in self._pattern.finditer(folded):
            start, end = match.span(1)
            found.append(Mention(start, end, self._owners[_WHITESPACE.sub(" ", match.group(1))]))
        # Longest first; a mention overlapping one already chosen is dropped. A
        # phrase is short, so testing its span costs a few steps: linear overall.
        taken = bytearray(len(text))
        chosen: list[Mention] = []
        for mention in sorted(found, key=lambda m: (m.start - m.end, m.start)):
            if taken.find(1, mention.start, mention.end) < 0:
                taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
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

    Phrases are folded (:func:`phrase_key`) and single-spaced; a space matches any run of
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
            if "headerlink" in link.get("class", "").split():
                continue  # a heading's permalink (on the glossary, a term's own), not a mention
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
        children: list[Element] = list(links)
        for child in list(element):
            if child.tag not in NO_GLOSSARY_INSIDE:
                self._link_inside(child, linker, linked)
            tail, links = self._split(child.tail, linker, linked)
            child.tail = tail
            children.append(child)
            children.extend(links)
        element[:] = children

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
