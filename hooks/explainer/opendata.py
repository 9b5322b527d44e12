"""The open data: the checked model as one JSON document, one CSV per table, a Data Package.

Every edition publishes, under ``data/`` of its site, what its pages are made
from, in its own language: ``explainer.json`` (the whole model, nested as the
model holds it), one CSV per table (the same facts, flat, one row per entity,
step, membership...) and ``datapackage.json`` (Frictionless Data Package v2:
each file, its columns and their types, the licence, the sources, the
version). ``excel/`` holds the same CSV files with a byte-order mark, which
spreadsheet programs need to read Cyrillic as UTF-8.

CSV follows RFC 4180 (comma, double quotes doubled, CRLF line ends) in UTF-8.
A text cell that a spreadsheet would run as a formula (it starts with ``=``,
``+``, ``-`` or ``@``) gets an apostrophe in front, which spreadsheets read as
"this is text"; the JSON keeps the text as written. Ids are the site's: an
entity's id is the last part of its page's address or of its anchor, and the
``page`` column gives that address, relative to the edition's home page.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from . import urls
from .i18n import translations
from .model import Explainer, Framework, PartialDate
from .registry import KIND

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

FOLDER: Final = "data"
"""Where the downloads live in each edition's site."""
JSON_FILE: Final = "explainer.json"
PACKAGE_FILE: Final = "datapackage.json"
BOM_FOLDER: Final = "excel"
"""The CSV files again, with a byte-order mark, for spreadsheet programs."""
PAGE: Final = f"{FOLDER}/index.md"
"""The Data page, beside the files it describes."""
NAME: Final = "ukraine-security-guarantees"
"""The Data Package's name (each edition's adds its language), and the offline zip's."""
ZIP_FILE: Final = f"{NAME}.zip"
"""The offline edition, at the top of the site (see offline.py)."""

LIST_DELIMITER: Final = ","
"""Between the ids of a list cell (ids hold no comma)."""
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet run a cell as a formula (OWASP's list)."""
TEXT_MARK: Final = "'"
BOM: Final = "\ufeff"

LICENCES: Final = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
}
"""The licences site.yaml may name (SPDX identifiers), with their full names and addresses."""

_PROFILES: Final = "https://datapackage.org/profiles/2.0"


def N_(text: str) -> str:
    """Mark text for the catalogue; it is translated where it is shown."""
    return text


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, its type (Table Schema's) and what it holds."""

    name: str
    description: str
    type: str = "string"
    """string, integer, number, boolean, list (ids, comma-separated) or array (JSON)."""
    vocabulary: str | None = None
    """The schema vocabulary its values come from, listed with their labels."""
    required: bool = False
    markdown: bool = False
    """Its text is Markdown (MARKDOWN_NOTE says how to read it)."""
    date: bool = False
    """It holds a date at the sources' precision (DATE_NOTE)."""


@dataclass(frozen=True)
class Table:
    """One CSV file: its name, what a row is, its columns and how rows come from the model."""

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Explainer], Iterable[dict[str, Any]]]
    key: tuple[str, ...] = ("id",)
    references: tuple[tuple[str, str], ...] = ()
    """(column, table): the column holds the id of a row of that table."""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _page(kind: str, entity_id: str) -> str:
    path, fragment = KIND[kind].location(entity_id)
    built = urls.html_path(path)
    return f"{built}#{fragment}" if fragment else built


def _id(description: str) -> Column:
    return Column("id", description, required=True)


def _sources(description: str = N_("Ids of the sources it rests on (see sources.csv).")) -> Column:
    return Column("sources", description, "list")


_PAGE = Column("page", N_("Where the site shows it, relative to the edition's home page."))
_BACKGROUND = Column(
    "background",
    N_("Whether it is general knowledge, explained on the methodology page, not a cited fact."),
    "boolean",
)
MARKDOWN_NOTE: Final = N_("Markdown: a link [text](kind:id) names a row of another table.")
DATE_NOTE: Final = N_(
    "A date as precise as the sources give it: 2025, 2025-12 or 2025-12-18; a range, "
    "2025-12-15/2025-12-16; or around a date, 2025-12~."
)


def _guarantees(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for g in explainer.guarantees_in_order():
        escalation = g.escalates_to
        yield {
            "id": g.id,
            "title": g.title,
            "summary": g.summary,
            "kind": g.kind,
            "phase": g.phase,
            "layer": g.layer,
            "status": g.status,
            "status_since": g.status_since,
            "binding": g.binding,
            "providers": g.providers,
            "beneficiaries": g.beneficiaries,
            "trigger": g.trigger,
            "escalates_to": escalation.guarantee if escalation else None,
            "escalation_condition": escalation.condition if escalation else None,
            "details": g.details,
            "conditions": g.conditions,
            "open_questions": g.open_questions,
            "sources": g.sources,
            "as_of": g.as_of,
            "page": _page("guarantee", g.id),
        }


def _status_steps(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for g in explainer.guarantees_in_order():
        for number, step in enumerate(g.status_history, start=1):
            yield {
                "guarantee": g.id,
                "step": number,
                "date": step.date,
                "status": step.status,
                "binding": step.binding,
                "note": step.note,
                "sources": step.sources,
            }


def _actors(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for a in explainer.actors.values():
        yield {
            "id": a.id,
            "name": a.name,
            "short_name": a.short_name,
            "kind": a.kind,
            "summary": a.summary,
            "speaks_for": a.speaks_for,
            "page": _page("actor", a.id),
        }


def _memberships(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for a in explainer.actors.values():
        for group in a.member_of:
            yield {"actor": a.id, "group": group}


def _positions(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for a in explainer.actors.values():
        for number, position in enumerate(a.positions, start=1):
            yield {
                "actor": a.id,
                "position": number,
                "date": position.date,
                "text": position.text,
                "sources": position.sources,
            }


def _timelines(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for t in explainer.timelines.values():
        yield {"id": t.id, "title": t.title, "description": t.description}


def _events(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for e in explainer.events_in_order():
        yield {
            "id": e.id,
            "timeline": e.timeline,
            "date": e.date,
            "title": e.title,
            "summary": e.summary,
            "actors": e.actors,
            "guarantees": e.guarantees,
            "place": e.place,
            "sources": e.sources,
            "background": e.background,
            "page": _page("event", e.id),
        }


def _places(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for p in explainer.places.values():
        yield {
            "id": p.id,
            "name": p.name,
            "longitude": p.longitude,
            "latitude": p.latitude,
            "description": p.description,
            "sources": p.sources,
            "background": p.background,
            "page": _page("place", p.id),
        }


def _source_rows(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for s in explainer.sources.values():
        yield {
            "id": s.id,
            "publisher": s.publisher,
            "title": s.title,
            "headline": s.headline,
            "date": s.date,
            "signed": s.signed,
            "kind": s.kind,
            "url": s.url,
            "via": s.via,
            "language": s.language,
            "notes": s.notes,
            "page": _page("source", s.id),
        }


def _quotes(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for s in explainer.sources.values():
        for number, q in enumerate(s.quotes, start=1):
            yield {
                "source": s.id,
                "quote": number,
                "text": q.text,
                "original": q.original,
                "language": s.language_of(q),
                "speaker": q.speaker,
                "actor": q.actor,
                "context": q.context,
            }


def _terms(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for t in explainer.terms.values():
        yield {
            "id": t.id,
            "term": t.term,
            "aliases": t.aliases,
            "definition": t.definition,
            "sources": t.sources,
            "page": _page("term", t.id),
        }


def _answers(explainer: Explainer) -> Iterator[dict[str, Any]]:
    dimensions = {d.id: d for d in explainer.comparison.dimensions}
    for f in explainer.comparison.frameworks:
        for dimension, answer in f.answers:
            yield {
                "framework": f.id,
                "framework_name": f.name,
                "dimension": dimension,
                "question": dimensions[dimension].question,
                "answer": answer.answer,
                "note": answer.note,
                "sources": answer.sources,
                "background": answer.background,
            }


def _changes(explainer: Explainer) -> Iterator[dict[str, Any]]:
    for c in explainer.changes.entries:
        yield {
            "id": c.id,
            "date": c.date,
            "type": c.type,
            "summary": c.summary,
            "items": c.items,
            "wrong": c.wrong,
            "sources": c.sources,
            "page": f"{urls.html_path(urls.CHANGES)}#change-{c.id}",
        }


TABLES: Final = (
    Table(
        "guarantees",
        N_("One row per guarantee, in the order of the layered response."),
        (
            _id(N_("The guarantee's id.")),
            Column("title", N_("Its title.")),
            Column("summary", N_("What it is, in short."), markdown=True),
            Column("kind", N_("What kind of commitment it is."), vocabulary="guarantee-kind"),
            Column("phase", N_("When it would act."), vocabulary="phase"),
            Column("layer", N_("Its place in the order of the response, from 1."), "integer"),
            Column("status", N_("Where it stands now."), vocabulary="status"),
            Column("status_since", N_("Since when it has stood there."), date=True),
            Column("binding", N_("How binding it is now."), vocabulary="binding"),
            Column("providers", N_("Ids of the actors who would give it."), "list"),
            Column("beneficiaries", N_("Ids of the actors it would protect."), "list"),
            Column("trigger", N_("What would set it off.")),
            Column("escalates_to", N_("The id of the guarantee that would follow it.")),
            Column("escalation_condition", N_("When that next guarantee would follow.")),
            Column("details", N_("More about it."), markdown=True),
            Column("conditions", N_("Its conditions, as a JSON list of Markdown texts."), "array"),
            Column(
                "open_questions",
                N_("What is not known about it, as a JSON list of Markdown texts."),
                "array",
            ),
            _sources(),
            Column("as_of", N_("When its entry was last checked against the sources."), date=True),
            _PAGE,
        ),
        _guarantees,
        references=(("escalates_to", "guarantees"),),
    ),
    Table(
        "status-steps",
        N_("One row per step of a guarantee's status history, oldest first."),
        (
            Column("guarantee", N_("The guarantee's id."), required=True),
            Column(
                "step", N_("The step's number in its history, from 1."), "integer", required=True
            ),
            Column("date", N_("From when it stood so."), date=True),
            Column("status", N_("Its status from that date."), vocabulary="status"),
            Column("binding", N_("How binding it was from that date."), vocabulary="binding"),
            Column("note", N_("What changed."), markdown=True),
            _sources(),
        ),
        _status_steps,
        key=("guarantee", "step"),
        references=(("guarantee", "guarantees"),),
    ),
    Table(
        "actors",
        N_("One row per actor: a country, an organisation, a body or a person."),
        (
            _id(N_("The actor's id.")),
            Column("name", N_("The actor's name.")),
            Column("short_name", N_("A shorter name, for tables and diagrams.")),
            Column("kind", N_("What kind of actor it is."), vocabulary="actor-kind"),
            Column("summary", N_("Who they are, in short."), markdown=True),
            Column("speaks_for", N_("For a person: the id of the actor they speak for.")),
            _PAGE,
        ),
        _actors,
        references=(("speaks_for", "actors"),),
    ),
    Table(
        "memberships",
        N_("One row per membership: an actor that belongs to a group."),
        (
            Column("actor", N_("The member's id."), required=True),
            Column("group", N_("The group's id."), required=True),
        ),
        _memberships,
        key=("actor", "group"),
        references=(("actor", "actors"), ("group", "actors")),
    ),
    Table(
        "positions",
        N_("One row per position an actor stated, as its sources report it."),
        (
            Column("actor", N_("The actor's id."), required=True),
            Column(
                "position",
                N_("The position's number for that actor, from 1."),
                "integer",
                required=True,
            ),
            Column("date", N_("When it was stated."), date=True),
            Column("text", N_("What the position was."), markdown=True),
            _sources(),
        ),
        _positions,
        key=("actor", "position"),
        references=(("actor", "actors"),),
    ),
    Table(
        "timelines",
        N_("One row per timeline; its events are in events.csv."),
        (
            _id(N_("The timeline's id.")),
            Column("title", N_("Its title.")),
            Column("description", N_("What it follows."), markdown=True),
        ),
        _timelines,
    ),
    Table(
        "events",
        N_("One row per event, in date order."),
        (
            _id(N_("The event's id.")),
            Column("timeline", N_("The id of the timeline that lists it.")),
            Column("date", N_("When it happened."), date=True),
            Column("title", N_("What happened, in a few words.")),
            Column("summary", N_("What happened."), markdown=True),
            Column("actors", N_("Ids of the actors who took part."), "list"),
            Column("guarantees", N_("Ids of the guarantees it concerns."), "list"),
            Column("place", N_("The id of the place where it happened.")),
            _sources(),
            _BACKGROUND,
            _PAGE,
        ),
        _events,
        references=(("timeline", "timelines"), ("place", "places")),
    ),
    Table(
        "places",
        N_("One row per place on the map."),
        (
            _id(N_("The place's id.")),
            Column("name", N_("Its name.")),
            Column("longitude", N_("Degrees east of Greenwich (west is negative)."), "number"),
            Column("latitude", N_("Degrees north of the equator (south is negative)."), "number"),
            Column("description", N_("What it is.")),
            _sources(N_("Ids of the sources that locate it.")),
            _BACKGROUND,
            _PAGE,
        ),
        _places,
    ),
    Table(
        "sources",
        N_("One row per source the site cites."),
        (
            _id(N_("The source's id.")),
            Column("publisher", N_("Who published it.")),
            Column("title", N_("How the site describes it.")),
            Column("headline", N_("Its exact headline, when it is recorded.")),
            Column("date", N_("When it was published."), date=True),
            Column("signed", N_("For a document: when it was signed."), date=True),
            Column("kind", N_("What kind of source it is."), vocabulary="source-kind"),
            Column("url", N_("Its web address.")),
            Column("via", N_("The id of the source through which it was seen.")),
            Column("language", N_("The language it is written in.")),
            Column("notes", N_("What to know about it."), markdown=True),
            _PAGE,
        ),
        _source_rows,
        references=(("via", "sources"),),
    ),
    Table(
        "quotes",
        N_("One row per quotation a source records."),
        (
            Column("source", N_("The id of the source that records it."), required=True),
            Column(
                "quote", N_("The quote's number in that source, from 1."), "integer", required=True
            ),
            Column("text", N_("The words, in the edition's language.")),
            Column(
                "original",
                N_("The words as the source records them, when text is a translation."),
            ),
            Column("language", N_("The language of the words as recorded.")),
            Column("speaker", N_("Who said or wrote them, as the source names them.")),
            Column("actor", N_("The speaker's actor id, when they have one.")),
            Column("context", N_("When and where they were said.")),
        ),
        _quotes,
        key=("source", "quote"),
        references=(("source", "sources"), ("actor", "actors")),
    ),
    Table(
        "terms",
        N_("One row per glossary term."),
        (
            _id(N_("The term's id.")),
            Column("term", N_("The term.")),
            Column("aliases", N_("Other ways of writing it, as a JSON list."), "array"),
            Column("definition", N_("What it means."), markdown=True),
            _sources(),
            _PAGE,
        ),
        _terms,
    ),
    Table(
        "comparison",
        N_("One row per answer of the comparison: a framework, a question, its answer."),
        (
            Column("framework", N_("The framework's id."), required=True),
            Column("framework_name", N_("The framework's name.")),
            Column("dimension", N_("The question's id."), required=True),
            Column("question", N_("The question.")),
            Column("answer", N_("The answer, in a few words.")),
            Column("note", N_("The answer explained."), markdown=True),
            _sources(),
            _BACKGROUND,
        ),
        _answers,
        key=("framework", "dimension"),
    ),
    Table(
        "changes",
        N_("One row per entry of the change log, oldest first."),
        (
            _id(N_("The entry's id.")),
            Column("date", N_("When the site changed."), date=True),
            Column("type", N_("What kind of change it was."), vocabulary="change-type"),
            Column("summary", N_("What changed."), markdown=True),
            Column(
                "items",
                N_("What it touched: kind:id of each entity, or site, or comparison."),
                "list",
            ),
            Column(
                "wrong", N_("For a correction: what the site said that was wrong."), markdown=True
            ),
            _sources(),
            _PAGE,
        ),
        _changes,
    ),
)
TABLE: Final = {table.name: table for table in TABLES}


# -- writing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """One published file: where it is under the edition's data/ folder, and its bytes."""

    path: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class Downloads:
    """Every file an edition publishes under data/, and the version they carry."""

    version: str
    updated: PartialDate
    """The date of the newest data: its as-of date, or a later entry of the change log."""
    files: tuple[Download, ...]

    def size_of(self, path: str) -> int:
        return next(f.size for f in self.files if f.path == path)


def publish(explainer: Explainer, language: str) -> Downloads:
    """The JSON document, the CSV files (plain and with a BOM) and the Data Package."""
    document = json_document(explainer, language)
    updated = data_date(explainer)
    version = data_version(updated, document)
    document = {"version": version, **document}
    json_bytes = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
    tables = [(table, csv_text(table, explainer)) for table in TABLES]
    files = [Download(JSON_FILE, json_bytes)]
    files += [Download(table.file, text.encode()) for table, text in tables]
    files += [
        Download(f"{BOM_FOLDER}/{table.file}", (BOM + text).encode()) for table, text in tables
    ]
    package = data_package(explainer, language, version, {f.path: f.content for f in files})
    files.append(
        Download(PACKAGE_FILE, (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode())
    )
    return Downloads(version, updated, tuple(files))


def data_date(explainer: Explainer) -> PartialDate:
    """The date of the newest data: the site's as-of date or its newest change, if later."""
    dates = [explainer.site.as_of, *(c.date for c in explainer.changes.entries)]
    return max(dates, key=lambda d: d.latest)


def data_version(updated: PartialDate, document: Mapping[str, Any]) -> str:
    """The data's date and a fingerprint of the data, in Semantic Versioning's form.

    Data Package asks for that form: ``2026.3.10+1a2b3c4d``, where the part
    after ``+`` changes whenever any of the data does.
    """
    year, month, day = updated.latest
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return f"{year}.{month}.{day}+{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def cell(column: Column, value: Any) -> str:
    """A value as a CSV cell: empty for nothing, ids joined, a formula-like text marked."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.iso
    if column.type == "boolean":
        return "true" if value else "false"
    if column.type == "list":
        return LIST_DELIMITER.join(value)
    if column.type == "array":
        return json.dumps(list(value), ensure_ascii=False) if value else ""
    text = str(value)
    if column.type == "string" and text.startswith(FORMULA_STARTS):
        return TEXT_MARK + text
    return text


def csv_text(table: Table, explainer: Explainer) -> str:
    """The table as RFC 4180 CSV: a header row, then one row per record."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    for row in table.rows(explainer):
        writer.writerow([cell(column, row[column.name]) for column in table.columns])
    return out.getvalue()


def _plain(value: Any) -> Any:
    """A model value as JSON: records as objects (without their translations), dates as text."""
    if isinstance(value, PartialDate):
        return value.iso
    if isinstance(value, Framework):
        fields = _plain_fields(value, skip={"answers"})
        return {**fields, "answers": [{"dimension": d, **_plain(a)} for d, a in value.answers]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain_fields(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _plain_fields(record: Any, skip: Collection[str] = ()) -> dict[str, Any]:
    # "uk" holds a record's Ukrainian texts: the Ukrainian edition's data has them in place.
    return {
        f.name: _plain(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name != "uk" and f.name not in skip
    }


def json_document(explainer: Explainer, language: str) -> dict[str, Any]:
    """Everything the pages are made from, nested as the model holds it."""

    def entities(kind: str, records: Iterable[Any]) -> list[dict[str, Any]]:
        return [{**_plain(r), "page": _page(kind, r.id)} for r in records]

    return {
        "language": language,
        "site": _plain(explainer.site),
        "guarantees": entities("guarantee", explainer.guarantees_in_order()),
        "actors": entities("actor", explainer.actors.values()),
        "timelines": [
            {**_plain_fields(t, skip={"events"}), "events": entities("event", t.events)}
            for t in explainer.timelines.values()
        ],
        "places": entities("place", explainer.places.values()),
        "sources": entities("source", explainer.sources.values()),
        "terms": entities("term", explainer.terms.values()),
        "comparison": _plain(explainer.comparison),
        "changes": [
            {**_plain(c), "page": f"{urls.html_path(urls.CHANGES)}#change-{c.id}"}
            for c in explainer.changes.entries
        ],
        "vocabularies": {
            name: [{"value": value, "label": vocabulary.label(value)} for value in vocabulary]
            for name, vocabulary in explainer.vocabularies.items()
        },
    }


def describe(column: Column, gettext: Callable[[str], str] = str) -> str:
    """What a column holds, with how to read its Markdown or its dates, in a language."""
    parts = [column.description]
    if column.markdown:
        parts.append(MARKDOWN_NOTE)
    if column.date:
        parts.append(DATE_NOTE)
    return " ".join(gettext(part) for part in parts)


def _field(column: Column, explainer: Explainer, gettext: Callable[[str], str]) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": describe(column, gettext),
    }
    if column.type == "list":
        field |= {"delimiter": LIST_DELIMITER, "itemType": "string"}
    if column.type == "boolean":
        field |= {"trueValues": ["true"], "falseValues": ["false"]}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.vocabulary:
        vocabulary = explainer.vocabularies[column.vocabulary]
        field["categories"] = [{"value": v, "label": vocabulary.label(v)} for v in vocabulary]
        constraints["enum"] = list(vocabulary)
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(
    table: Table, explainer: Explainer, gettext: Callable[[str], str]
) -> dict[str, Any]:
    """The Table Schema of one CSV file: its fields, its key and what its ids refer to."""
    schema: dict[str, Any] = {
        "$schema": f"{_PROFILES}/tableschema.json",
        "fields": [_field(column, explainer, gettext) for column in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.key),
    }
    if table.references:
        schema["foreignKeys"] = [
            {
                "fields": [column],
                "reference": {"fields": ["id"]}
                if target == table.name
                else {"resource": target, "fields": ["id"]},
            }
            for column, target in table.references
        ]
    return schema


def _integrity(content: bytes) -> dict[str, Any]:
    return {"bytes": len(content), "hash": f"sha256:{hashlib.sha256(content).hexdigest()}"}


def data_package(
    explainer: Explainer, language: str, version: str, contents: Mapping[str, bytes]
) -> dict[str, Any]:
    """The Data Package (v2) that describes the edition's downloads."""
    gettext = translations(language).gettext
    site = explainer.site
    package: dict[str, Any] = {
        "$schema": f"{_PROFILES}/datapackage.json",
        "name": f"{NAME}-{language}",
        "title": site.title,
        "description": site.description,
        "version": version,
        "keywords": ["Ukraine", "security guarantees"],
    }
    if site.licence:
        title, path = LICENCES[site.licence]
        package["licenses"] = [{"name": site.licence, "title": title, "path": path}]
    package["sources"] = [
        {"title": f"{s.publisher}: {s.title}", **({"path": s.url} if s.url else {})}
        for s in explainer.sources.values()
    ]
    resources: list[dict[str, Any]] = [
        {
            "name": "explainer",
            "path": JSON_FILE,
            "title": gettext("Everything, in one JSON document"),
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            **_integrity(contents[JSON_FILE]),
        }
    ]
    for table in TABLES:
        resources.append(
            {
                "name": table.name,
                "path": table.file,
                "type": "table",
                "description": gettext(table.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **_integrity(contents[table.file]),
                "dialect": {
                    "$schema": f"{_PROFILES}/tabledialect.json",
                    "header": True,
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                },
                "schema": table_schema(table, explainer, gettext),
            }
        )
    package["resources"] = resources
    return package


TYPE_WORDS: Final = {
    "string": N_("text"),
    "integer": N_("whole number"),
    "number": N_("number"),
    "boolean": N_("true or false"),
    "list": N_("list of ids"),
    "array": N_("JSON list"),
}
"""How the Data page names each column type."""
