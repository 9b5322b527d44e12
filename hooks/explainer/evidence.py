"""What a citation can support: quoted words, dates, background, and how far a status has got.

An *item* is a part of a file that carries its own evidence: a guarantee, an
event, a position, a key fact, a comparison answer... (any mapping with
``sources`` or ``background``), or a whole file. Its evidence is the sources it
lists and those its text links to with ``source:id``. The rules:

- words in quotation marks must be words that one of those sources records
  (its ``quotes``), compared without regard to the kind of quotation mark,
  case or spacing; in a Ukrainian text, the Ukrainian translation of such a
  quote or its original words, or the name of a publisher as its Ukrainian
  gives it in quotation marks («Бабель»), which is a name, not a quote;
- a source cannot support what is dated after it;
- an item is either cited or marked ``background: true``, never both;
- each step of a guarantee's status history is an item: a status from
  ``proposed`` up needs an official document, a statement or a treaty among
  the step's sources, read at its url (not known only through a report), and
  ``signed`` and above a document that records the signature, read as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import PartialDate
from .problems import Problem
from .reading import problem_at
from .translations import LANGUAGE

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from .reading import Dataset
    from .registry import Vocabulary
    from .schemas import Schemas
    from .yamlload import Document, Pointer

OFFICIAL_KINDS = frozenset({"official-document", "statement", "treaty"})
# Straight or curly double quotation marks around a span of up to a few lines.
_QUOTED = re.compile('["\u201c\u201d]([^"\u201c\u201d]{1,600}?)["\u201c\u201d]')
# A Ukrainian text quotes in «ялинки», „лапки“ within them, or as English does.
_QUOTED_UK = re.compile(f"«([^«»]{{1,600}}?)»|„([^„“]{{1,600}}?)“|{_QUOTED.pattern}")
# Parts of Markdown that are not prose: link targets and titles, code spans.
_NOT_PROSE = re.compile(r"\]\([^)]*\)|^\s*\[[^\]]+\]:.*$|`[^`]*`", re.MULTILINE)
_SOURCE_LINK = re.compile(r"\]\(\s*<?source:([a-z0-9-]+)")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = " \t\n.,;:!?'\u2018\u2019\u2026"
# Markdown around words (links, emphasis) is not part of what was said.
_MARKUP = re.compile(r"[\[\]*_]")


def normalise_quote(text: str) -> str:
    """Quoted words compared as a reader would: quote marks, case and spacing aside."""
    text = text.translate(_STRAIGHT)
    return _SPACES.sub(" ", _MARKUP.sub("", text)).strip(_EDGE_PUNCTUATION).casefold()


_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class _SourceFacts:
    date: PartialDate | None
    kind: Any
    signed: bool
    quotes: tuple[str, ...]
    translated: tuple[str, ...]
    """Its quotes in Ukrainian (each quote's ``uk.text``)."""
    names: tuple[str, ...]
    """What its Ukrainian publisher puts in quotation marks («Бабель»): a name, not a quote."""
    read: bool
    """It was read itself, at its address: it has a url and was not seen through another."""


def evidence_problems(
    dataset: Dataset, schemas: Schemas, vocabularies: Mapping[str, Vocabulary]
) -> list[Problem]:
    sources = _sources(dataset)
    names = tuple(name for facts in sources.values() for name in facts.names)
    problems: list[Problem] = []
    for kind, document in dataset.all_documents():
        own = (document.path.rsplit("/", 1)[-1][:-5],) if kind == "source" else ()
        texts = {p for p, s, v in schemas.walk(kind, document.data) if _is_text(s, v)}
        for pointer, item in _items(document.data, ()):
            problems.extend(
                _item_problems(
                    document, kind, pointer, item, texts, sources, names, own, vocabularies
                )
            )
    return problems


def _is_text(schema: dict[str, Any], value: Any) -> bool:
    if not isinstance(value, str):
        return False
    return bool(schema.get("x-markdown")) or schema.get("x-def") == "text"


def _sources(dataset: Dataset) -> dict[str, _SourceFacts]:
    found = {}
    for source_id, document in dataset.documents.get("source", {}).items():
        data = document.data if isinstance(document.data, dict) else {}
        recorded = data.get("quotes")
        quotes = [q for q in recorded if isinstance(q, dict)] if isinstance(recorded, list) else []
        publisher = _translation(data, "publisher")
        found[source_id] = _SourceFacts(
            date=PartialDate.parse_or_none(data.get("date")),
            kind=data.get("kind"),
            signed=isinstance(data.get("signed"), str),
            read=isinstance(data.get("url"), str) and data.get("via") is None,
            quotes=tuple(
                normalise_quote(q["text"]) for q in quotes if isinstance(q.get("text"), str)
            ),
            translated=tuple(
                normalise_quote(text) for q in quotes if (text := _translation(q, "text"))
            ),
            names=tuple(normalise_quote(words) for _, words in _quoted(_QUOTED_UK, publisher)),
        )
    return found


def _translation(data: dict[str, Any], name: str) -> str:
    """The Ukrainian of one text field of data, or nothing."""
    translations = data.get(LANGUAGE)
    entry = translations.get(name) if isinstance(translations, dict) else None
    text = entry.get("text") if isinstance(entry, dict) else None
    return text if isinstance(text, str) else ""


def _quoted(pattern: re.Pattern[str], text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each span of text in quotation marks, and the words inside the marks."""
    for match in pattern.finditer(text):
        yield match, next(words for words in match.groups() if words is not None)


def _items(value: Any, pointer: Pointer) -> Iterator[tuple[Pointer, dict[str, Any]]]:
    """The file itself, then every mapping below it that carries evidence of its own."""
    if not isinstance(value, dict):
        return
    if not pointer or "sources" in value or "background" in value:
        yield pointer, value
    for key, child in value.items():
        if isinstance(child, dict):
            yield from _items(child, (*pointer, key))
        elif isinstance(child, list):
            for index, element in enumerate(child):
                yield from _items(element, (*pointer, key, index))


def _own_texts(
    item: Any, pointer: Pointer, texts: set[Pointer], translated: bool, inside: bool
) -> Iterator[tuple[Pointer, str]]:
    """The item's text fields, but not those of items nested in it (they have their own).

    Its English texts, or with ``translated`` its Ukrainian ones (those ``inside`` a
    ``uk`` mapping): a translation quotes in translation, and is held to the quotes'.
    """
    if pointer in texts and isinstance(item, str):
        if inside == translated:
            yield pointer, item
    elif isinstance(item, dict):
        if "sources" in item or "background" in item:
            return  # an item of its own
        for key, child in item.items():
            yield from _own_texts(
                child, (*pointer, key), texts, translated, inside or key == LANGUAGE
            )
    elif isinstance(item, list):
        for index, child in enumerate(item):
            yield from _own_texts(child, (*pointer, index), texts, translated, inside)


def _item_problems(
    document: Document,
    kind: str,
    pointer: Pointer,
    item: dict[str, Any],
    texts: set[Pointer],
    sources: dict[str, _SourceFacts],
    names: tuple[str, ...],
    own: tuple[str, ...],
    vocabularies: Mapping[str, Vocabulary],
) -> Iterator[Problem]:
    listed = item.get("sources")
    listed = [s for s in listed if isinstance(s, str)] if isinstance(listed, list) else []
    background = item.get("background") is True
    if background and listed:
        yield problem_at(
            document,
            (*pointer, "background"),
            "an item is either cited or background, not both: remove background: true, "
            "or remove the sources if none of them reports this",
            key=True,
        )
    fields = list(_fields_of(item, pointer, texts))
    linked = [m.group(1) for _, text in fields for m in _SOURCE_LINK.finditer(text)]
    cited = [s for s in dict.fromkeys([*own, *listed, *linked]) if s in sources]
    quotes = [quote for s in cited for quote in sources[s].quotes]
    yield from _quote_problems(document, fields, cited, quotes, background)
    # A translation quotes a quote's Ukrainian, or its original words.
    translations = [*quotes, *(t for s in cited for t in sources[s].translated), *names]
    ukrainian = list(_fields_of(item, pointer, texts, translated=True))
    yield from _quote_problems(document, ukrainian, cited, translations, background, uk=True)
    if kind != "changes":  # a change is made after what it cites, by its nature
        yield from _date_problems(document, pointer, item, sources)
    if kind == "guarantee" and len(pointer) == 2 and pointer[0] == "status_history":
        yield from _step_date_problems(document, pointer, item, listed, sources)
        yield from _status_problems(document, pointer, item, listed, sources, vocabularies)


def _fields_of(
    item: dict[str, Any], pointer: Pointer, texts: set[Pointer], *, translated: bool = False
) -> Iterator[tuple[Pointer, str]]:
    for key, child in item.items():
        yield from _own_texts(child, (*pointer, key), texts, translated, key == LANGUAGE)


def _quote_problems(
    document: Document,
    fields: list[tuple[Pointer, str]],
    cited: list[str],
    recorded: list[str],
    background: bool,
    *,
    uk: bool = False,
) -> Iterator[Problem]:
    """Quoted words of fields (English, or with ``uk`` Ukrainian) that are not recorded."""
    for pointer, text in fields:
        prose = _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
        for match, quoted in _quoted(_QUOTED_UK if uk else _QUOTED, prose):
            words = normalise_quote(quoted)
            if not words or any(words in quote for quote in recorded):
                continue
            # Found by its first word: the quote may run over a line break of the file.
            first = match.group(0).split()[0]
            line, column = document.find(first, pointer, prose.count(first, 0, match.start()))
            shown = _SPACES.sub(" ", _MARKUP.sub("", quoted)).strip()
            where = f"quoted words «{shown}» in the Ukrainian" if uk else f'quoted words "{shown}"'
            yield Problem(
                document.path, line, column, f"{where}: {_advice(cited, background, uk=uk)}"
            )


def _advice(cited: list[str], background: bool, *, uk: bool = False) -> str:
    if background:
        return "background is not quoted: say it in your own words"
    if cited and uk:
        return (
            f"no quote of the sources cited here ({', '.join(cited)}) has these words in its "
            "Ukrainian translation (uk: text: under the source's quotes) or in its original "
            "words: quote the words of that translation, change the translation so that it "
            "reads well wherever it is quoted, or say it without quotation marks"
        )
    if cited:
        return (
            f"none of the sources cited here ({', '.join(cited)}) records these words: "
            "add them to the quotes of the source that reports them, cite that source "
            "here, or say it without quotation marks"
        )
    return (
        "nothing here cites a source: cite the source that records these words "
        "(under its quotes), or say it without quotation marks"
    )


def _date_problems(
    document: Document,
    pointer: Pointer,
    item: dict[str, Any],
    sources: dict[str, _SourceFacts],
) -> Iterator[Problem]:
    date = PartialDate.parse_or_none(item.get("date")) if pointer else None
    if date is None:
        return
    for index, source_id in enumerate(item.get("sources") or ()):
        facts = sources.get(source_id) if isinstance(source_id, str) else None
        if facts is None or facts.date is None:
            continue
        if date.earliest > facts.date.latest:
            yield problem_at(
                document,
                (*pointer, "sources", index),
                f"source '{source_id}' is dated {facts.date.label}, before what it is cited for "
                f"({date.label}): a source can only report what happened by its own date; "
                "cite a later source, or mark general knowledge as background: true",
            )


def _step_date_problems(
    document: Document,
    pointer: Pointer,
    item: dict[str, Any],
    listed: list[str],
    sources: dict[str, _SourceFacts],
) -> Iterator[Problem]:
    """A step is dated by the first source that shows it: never before all of them."""
    date = PartialDate.parse_or_none(item.get("date"))
    dated = [(d, s) for s in listed if s in sources and (d := sources[s].date) is not None]
    if date is None or not dated:
        return
    first, first_id = min(dated, key=lambda pair: pair[0].earliest)
    if date.latest < first.earliest:
        yield problem_at(
            document,
            (*pointer, "date"),
            f"this step is dated {date.label}, before any of its sources (the first, "
            f"'{first_id}', is dated {first.label}): date the step by the first source that "
            "shows it",
        )


def _status_problems(
    document: Document,
    pointer: Pointer,
    item: dict[str, Any],
    listed: list[str],
    sources: dict[str, _SourceFacts],
    vocabularies: Mapping[str, Vocabulary],
) -> Iterator[Problem]:
    status = item.get("status")
    statuses = vocabularies.get("status")
    if not isinstance(status, str) or statuses is None or status not in statuses:
        return
    if status == "withdrawn":
        return
    rank = statuses.rank(status)
    facts = {s: sources[s] for s in listed if s in sources}
    official = [s for s, f in facts.items() if f.kind in OFFICIAL_KINDS]
    unread = [s for s in official if not facts[s].read]
    if rank >= statuses.rank("signed") and not any(f.signed and f.read for f in facts.values()):
        unread_signed = [s for s, f in facts.items() if f.signed and not f.read]
        known_only = (
            f" ('{unread_signed[0]}' records one but is known only through another source or "
            "has no url)"
            if unread_signed
            else ""
        )
        yield problem_at(
            document,
            (*pointer, "status"),
            f"status '{status}' needs a cited document that records the signature (a source "
            f"with signed: and its date, read at its url){known_only}: cite it, or use a "
            "lower status",
        )
    elif rank >= statuses.rank("proposed") and not any(facts[s].read for s in official):
        if unread:
            advice = (
                f"'{unread[0]}' is known only through another source (it has no url, or a "
                "via), and a text nobody here has read cannot show it; cite the official text "
                "at its address, or keep the step at 'reported'"
            )
        else:
            advice = (
                "cite the official document, statement or treaty (a source of that kind), "
                "or use 'reported'"
            )
        yield problem_at(
            document,
            (*pointer, "status"),
            f"status '{status}' means it was put forward officially: {advice}",
        )
