"""Turn a data folder into the checked model, or raise DataError with every problem.

Each record is made from the checked data by field name: a key of the YAML
becomes the field of the same name, converted by the field's type (dates,
tuples, nested records). A key with no field is an error, never dropped.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from . import model
from .check import check
from .model import (
    Answer,
    Changes,
    Comparison,
    Event,
    Explainer,
    Framework,
    PartialDate,
    Timeline,
)
from .problems import DataError, Problem
from .registry import FOLDER_KINDS, SINGLE_FILE_KINDS, VocabularyError, vocabularies
from .schemas import COMMON, Schemas, load_schemas

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from .reading import Dataset
    from .registry import Kind, Vocabulary
    from .yamlload import Document


def load_explainer(root: Path, schema_dir: Path) -> Explainer:
    """Read, check and model a data folder against the schemas in schema_dir.

    Raises DataError listing every problem. The caller says where both folders
    are (the hook: beside mkdocs.yml; the CLI: its options), so the engine works
    the same from a checkout or an installed wheel.
    """
    return load(root, schema_dir).explainer


@dataclasses.dataclass(frozen=True)
class Loaded:
    explainer: Explainer
    warnings: tuple[Problem, ...]
    """What the editor should see but that does not stop the build (stale translations)."""
    schemas: Schemas
    """The schemas the data was checked against (they also say which fields are text)."""


def load(root: Path, schema_dir: Path, *, strict: bool | None = None) -> Loaded:
    """Like :func:`load_explainer`, keeping the warnings for the caller to show."""
    schemas = load_schemas(schema_dir)
    try:
        words = vocabularies(schemas)
    except VocabularyError as error:
        raise DataError([Problem((schema_dir / COMMON).as_posix(), 1, 1, str(error))]) from None
    dataset, problems = check(root, schemas, words, strict=strict)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return Loaded(build_model(dataset, words), warnings, schemas)


class ModelError(TypeError):
    """Checked data holds a key that the model has no field for: a schema and model.py disagree."""


R = TypeVar("R")


@cache
def _hints(record_type: Any) -> dict[str, Any]:
    return typing.get_type_hints(record_type, vars(model))


def record(record_type: type[R], data: Any, **given: Any) -> R:
    """A model record from one checked mapping; ``given`` supplies what the data does not hold."""
    hints = _hints(typing.cast("Any", record_type))  # a class is hashable
    unknown = sorted(set(data) - set(hints) - set(given))
    if unknown:
        raise ModelError(
            f"{record_type.__name__} has no field for {', '.join(unknown)}: "
            "add it to hooks/explainer/model.py"
        )
    values = {
        name: _convert(hints[name], value) for name, value in data.items() if name not in given
    }
    return record_type(**{**values, **given})


def _convert(annotation: Any, value: Any) -> Any:
    if value is None:
        return None
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else ()
    if annotation is PartialDate or PartialDate in options:
        return PartialDate.parse(value)
    for candidate in (annotation, *options):
        if typing.get_origin(candidate) is tuple and isinstance(value, list):
            return tuple(_convert(typing.get_args(candidate)[0], item) for item in value)
        if typing.get_origin(candidate) is dict and isinstance(value, dict):
            item_type = typing.get_args(candidate)[1]
            return {key: _convert(item_type, item) for key, item in value.items()}
    for candidate in (annotation, *options):
        if isinstance(candidate, type) and dataclasses.is_dataclass(candidate):
            return record(candidate, value) if isinstance(value, dict) else value
    return value


def build_model(dataset: Dataset, words: Mapping[str, Vocabulary]) -> Explainer:
    """The model of a dataset that passed every check."""
    collections: dict[str, dict[str, Any]] = {
        str(kind.collection): _entities(kind, dataset.documents[kind.name]) for kind in FOLDER_KINDS
    }
    singles: dict[str, Any] = {
        kind.name: record(kind.model, dataset.singles[kind.name].data, **_given(kind.name))
        for kind in SINGLE_FILE_KINDS
        if kind.name in dataset.singles and kind.model is not None
    }
    events = {e.id: e for t in collections["timelines"].values() for e in t.events}
    return Explainer(
        **collections,  # keyed by the registry's collection names
        site=singles["site"],
        comparison=_with_answers(singles["comparison"], dataset.singles["comparison"].data),
        changes=singles.get("changes", Changes()),
        vocabularies=words,
        events=dict(sorted(events.items())),
    )


def _given(kind: str) -> dict[str, Any]:
    # Frameworks key their answers by dimension: built once the dimensions are known.
    return {"frameworks": ()} if kind == "comparison" else {}


def _entities(kind: Kind, documents: Mapping[str, Document]) -> dict[str, Any]:
    """One record per file, keyed and ordered by id (the file's name)."""
    entities = {}
    for entity_id in sorted(documents):
        data = documents[entity_id].data
        if kind.name == "timeline":
            # Each event knows its timeline, which the data says by where it lists it.
            events = tuple(record(Event, e, timeline=entity_id) for e in data["events"])
            entities[entity_id] = record(Timeline, data, id=entity_id, events=events)
        else:
            entities[entity_id] = record(kind.model, data, id=entity_id)  # type: ignore[arg-type]
    return entities


def _with_answers(comparison: Comparison, data: Mapping[str, Any]) -> Comparison:
    """The comparison's frameworks, each answer in the order of the dimensions."""
    return dataclasses.replace(
        comparison,
        frameworks=tuple(
            record(
                Framework,
                framework,
                answers=tuple(
                    (dimension.id, record(Answer, framework["answers"][dimension.id]))
                    for dimension in comparison.dimensions
                ),
            )
            for framework in data["frameworks"]
        ),
    )
