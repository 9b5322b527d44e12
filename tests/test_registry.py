"""The registry is the one table of kinds and vocabularies; every schema field reaches the model.

A field added to a schema but not to the model would be dropped from the site
while every other test stayed green; these tests fail instead.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

import pytest

from explainer import model
from explainer.load import load_explainer
from explainer.model import PartialDate
from explainer.registry import FILE_KINDS, KIND, KINDS, VocabularyError, vocabularies
from explainer.schemas import Schemas, load_schemas

from conftest import ROOT, SCHEMAS

MODEL_OF_KIND = {kind.name: kind.model for kind in FILE_KINDS}
# Answers are keyed by dimension id in YAML and kept as (dimension, answer) pairs.
MAPPED = {(model.Framework, "answers"): model.Answer}


def _record_type(annotation: Any) -> type | None:
    """The dataclass inside an annotation such as ``tuple[Position, ...]`` or ``X | None``."""
    if dataclasses.is_dataclass(annotation):
        return annotation  # type: ignore[return-value]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            found = _record_type(argument)
            if found is not None:
                return found
    return None


def _unmodelled(schemas: Schemas, schema: dict[str, Any], record: type, where: str) -> list[str]:
    schema = schemas.resolve(schema)
    hints = typing.get_type_hints(record, vars(model))
    missing = []
    for name, sub in schema.get("properties", {}).items():
        sub = schemas.resolve(sub)
        if name not in hints:
            missing.append(f"{where}.{name} -> {record.__name__}")
            continue
        if name == "uk":
            # The translations of an item, keyed by the English field they translate.
            for field, slot in sub.get("properties", {}).items():
                missing += _unmodelled(schemas, slot, model.Translation, f"{where}.uk.{field}")
            continue
        items = schemas.resolve(sub.get("items", {})) if sub.get("type") == "array" else sub
        extra = items.get("additionalProperties")
        nested = extra if isinstance(extra, dict) and (record, name) in MAPPED else items
        inner = MAPPED.get((record, name)) or _record_type(hints[name])
        if "properties" in schemas.resolve(nested):
            assert inner is not None, (
                f"{where}.{name} holds fields but the model's is a plain value"
            )
            missing += _unmodelled(schemas, nested, inner, f"{where}.{name}")
    return missing


def test_every_schema_field_has_its_place_in_the_model() -> None:
    schemas = load_schemas(SCHEMAS)
    missing = [
        problem
        for kind in FILE_KINDS
        for problem in _unmodelled(
            schemas, schemas.documents[kind.name], MODEL_OF_KIND[kind.name], kind.name
        )
    ]
    assert missing == [], "schema fields the model does not hold (add them to model.py)"


def test_a_schema_field_missing_from_the_model_is_found() -> None:
    schemas = load_schemas(SCHEMAS)
    guarantee = schemas.documents["guarantee"]
    escalation = guarantee["properties"]["escalates_to"]
    widened = {
        **guarantee,
        "properties": {
            **guarantee["properties"],
            "deadline": {"type": "string"},
            "escalates_to": {
                **escalation,
                "properties": {**escalation["properties"], "after": {"type": "string"}},
            },
        },
    }
    assert _unmodelled(schemas, widened, model.Guarantee, "guarantee") == [
        "guarantee.escalates_to.after -> Escalation",
        "guarantee.deadline -> Guarantee",
    ]


def _values(value: Any) -> list[Any]:
    """Every plain value held in a model record, dates as written in data."""
    if isinstance(value, PartialDate):
        return [value.iso]
    if dataclasses.is_dataclass(value):
        return [v for f in dataclasses.fields(value) for v in _values(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [v for item in value for v in _values(item)]
    if isinstance(value, dict):  # translations, by the field they translate
        return [v for item in value.values() for v in _values(item)]
    return [value]


def test_every_value_of_the_real_data_reaches_the_model() -> None:
    # The loader copies fields one by one: one forgotten line would drop a field.
    from explainer.reading import read_folder

    explainer = load_explainer(ROOT / "data", SCHEMAS)
    schemas = load_schemas(SCHEMAS)
    dataset = read_folder(ROOT / "data")
    checked = 0
    for kind, document in dataset.all_documents():
        entity = (
            getattr(explainer, str(KIND[kind].collection))[document.path.rsplit("/", 1)[1][:-5]]
            if KIND[kind].collection
            else getattr(explainer, kind)
        )
        held = set(map(str, _values(entity)))
        for pointer, _, value in schemas.walk(kind, document.data):
            if isinstance(value, str | int) and pointer and isinstance(pointer[-1], str):
                if pointer[-1] == "language" and kind == "site":
                    continue
                assert str(value) in held, (document.path, pointer)
                checked += 1
    assert checked > 400


def test_vocabularies_come_from_the_schemas_in_their_order() -> None:
    words = vocabularies(load_schemas(SCHEMAS))
    assert list(words["status"]) == [
        "rumoured",
        "reported",
        "proposed",
        "agreed",
        "signed",
        "ratified",
        "in-force",
        "withdrawn",
    ]
    assert words["status"]["in-force"].label == "In force"
    assert words["actor-kind"]["person"].plural == "People"
    for name, vocabulary in words.items():
        for value in vocabulary.values():
            assert value.label, (name, value.id)


def test_a_vocabulary_whose_words_do_not_match_its_values_is_refused() -> None:
    schemas = load_schemas(SCHEMAS)
    common = dict(schemas.documents[schemas.common])
    status = dict(common["$defs"]["status"])
    status["enum"] = [*status["enum"], "suspended"]
    common["$defs"] = {**common["$defs"], "status": status}
    broken = Schemas({**schemas.documents, schemas.common: common})
    with pytest.raises(VocabularyError, match="x-vocabulary must give words for exactly"):
        vocabularies(broken)


def test_every_kind_has_one_entry_and_links_resolve_where_it_is_shown() -> None:
    assert len({kind.name for kind in KINDS}) == len(KINDS)
    for kind in KINDS:
        if kind.linkable:
            page, fragment = kind.location("some-id")
            assert page.endswith(".md")
            assert (fragment is None) == (not kind.anchored)
        assert bool(kind.folder) + bool(kind.file) + bool(kind.within) == 1, kind.name


def test_a_data_key_the_model_has_no_field_for_is_an_error_not_dropped() -> None:
    from explainer.load import ModelError, record

    data = {"guarantee": "monitoring", "condition": "If it fails", "after": "30 days"}
    with pytest.raises(ModelError, match=r"Escalation has no field for after: add it"):
        record(model.Escalation, data)
    built = record(model.Escalation, {"guarantee": "monitoring", "condition": "If it fails"})
    assert built == model.Escalation("monitoring", "If it fails")
