"""Turn a data folder into the checked model, or raise DataError with every problem."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .check import check
from .model import (
    Actor,
    Answer,
    Comparison,
    Dimension,
    Escalation,
    Event,
    Explainer,
    Framework,
    Guarantee,
    KeyFact,
    OpenQuestion,
    PartialDate,
    Position,
    Site,
    Source,
    Term,
    Timeline,
)
from .problems import DataError, Problem
from .registry import VocabularyError, vocabularies
from .schemas import COMMON, load_schemas

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from .reading import Dataset
    from .registry import Vocabulary


def load_explainer(root: Path, schema_dir: Path) -> Explainer:
    """Read, check and model a data folder against the schemas in schema_dir.

    Raises DataError listing every problem. The caller says where both folders
    are (the hook: beside mkdocs.yml; the CLI: its options), so the engine works
    the same from a checkout or an installed wheel.
    """
    schemas = load_schemas(schema_dir)
    try:
        words = vocabularies(schemas)
    except VocabularyError as error:
        raise DataError([Problem((schema_dir / COMMON).as_posix(), 1, 1, str(error))]) from None
    dataset, problems = check(root, schemas)
    if problems:
        raise DataError(problems)
    return build_model(dataset, words)


def _ids(values: Any) -> tuple[str, ...]:
    return tuple(values or ())


def _date(value: str) -> PartialDate:
    return PartialDate.parse(value)


def build_model(dataset: Dataset, words: Mapping[str, Vocabulary]) -> Explainer:
    """The model of a dataset that passed every check."""
    site_data = dataset.singles["site"].data
    site = Site(
        title=site_data["title"],
        description=site_data["description"],
        as_of=_date(site_data["as_of"]),
        summary=site_data["summary"],
        language=site_data.get("language", "en"),
        key_facts=tuple(
            KeyFact(f["value"], f["label"], _ids(f["sources"]))
            for f in site_data.get("key_facts", ())
        ),
        open_questions=tuple(
            OpenQuestion(q["text"], _ids(q["sources"])) for q in site_data.get("open_questions", ())
        ),
    )
    docs = dataset.documents
    actors = {
        actor_id: Actor(
            id=actor_id,
            name=d["name"],
            kind=d["kind"],
            summary=d["summary"],
            short_name=d.get("short_name"),
            member_of=_ids(d.get("member_of")),
            speaks_for=d.get("speaks_for"),
            positions=tuple(
                Position(_date(p["date"]), p["text"], _ids(p["sources"]))
                for p in d.get("positions", ())
            ),
        )
        for actor_id, d in _data(docs["actor"])
    }
    guarantees = {
        guarantee_id: Guarantee(
            id=guarantee_id,
            title=d["title"],
            summary=d["summary"],
            kind=d["kind"],
            phase=d["phase"],
            layer=d["layer"],
            providers=_ids(d["providers"]),
            beneficiaries=_ids(d["beneficiaries"]),
            status=d["status"],
            binding=d["binding"],
            sources=_ids(d["sources"]),
            as_of=_date(d["as_of"]),
            trigger=d.get("trigger"),
            escalates_to=(
                Escalation(d["escalates_to"]["guarantee"], d["escalates_to"]["condition"])
                if "escalates_to" in d
                else None
            ),
            details=d.get("details"),
            conditions=tuple(d.get("conditions", ())),
            open_questions=tuple(d.get("open_questions", ())),
        )
        for guarantee_id, d in _data(docs["guarantee"])
    }
    sources = {
        source_id: Source(
            id=source_id,
            publisher=d["publisher"],
            title=d["title"],
            date=_date(d["date"]),
            kind=d["kind"],
            url=d.get("url"),
            via=d.get("via"),
            language=d.get("language"),
            notes=d.get("notes"),
        )
        for source_id, d in _data(docs["source"])
    }
    timelines = {
        timeline_id: Timeline(
            id=timeline_id,
            title=d["title"],
            description=d["description"],
            events=tuple(
                Event(
                    id=e["id"],
                    timeline=timeline_id,
                    date=_date(e["date"]),
                    title=e["title"],
                    summary=e["summary"],
                    sources=_ids(e["sources"]),
                    actors=_ids(e.get("actors")),
                    guarantees=_ids(e.get("guarantees")),
                )
                for e in d["events"]
            ),
        )
        for timeline_id, d in _data(docs["timeline"])
    }
    terms = {
        term_id: Term(
            id=term_id,
            term=d["term"],
            definition=d["definition"],
            sources=_ids(d.get("sources")),
            aliases=_ids(d.get("aliases")),
        )
        for term_id, d in _data(docs["term"])
    }
    comparison_data = dataset.singles["comparison"].data
    dimensions = tuple(
        Dimension(x["id"], x["label"], x["question"]) for x in comparison_data["dimensions"]
    )
    comparison = Comparison(
        dimensions=dimensions,
        frameworks=tuple(
            Framework(
                id=f["id"],
                name=f["name"],
                summary=f["summary"],
                sources=_ids(f["sources"]),
                answers=tuple(
                    (
                        dim.id,
                        Answer(
                            f["answers"][dim.id]["answer"],
                            f["answers"][dim.id]["note"],
                            _ids(f["answers"][dim.id]["sources"]),
                        ),
                    )
                    for dim in dimensions
                ),
            )
            for f in comparison_data["frameworks"]
        ),
    )
    events = {e.id: e for t in timelines.values() for e in t.events}
    return Explainer(
        site=site,
        actors=actors,
        guarantees=guarantees,
        sources=sources,
        timelines=timelines,
        terms=terms,
        comparison=comparison,
        vocabularies=words,
        events=dict(sorted(events.items())),
    )


def _data(documents: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(entity_id, documents[entity_id].data) for entity_id in sorted(documents)]
