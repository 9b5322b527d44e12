"""Check data/ against the schemas and against itself, collecting every problem.

Three passes, each reporting all it finds: reading (YAML, encoding, size),
the JSON Schema of each kind, then the checks a schema cannot express:
references between files, ``kind:id`` links in Markdown, real dates, date
order, unique event ids and a complete comparison.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import PartialDate
from .problems import Problem
from .urls import LINK_KINDS
from .yamlload import MAX_BYTES, Document, Pointer, YamlProblem, load

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from jsonschema import ValidationError

    from .schemas import Schemas

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Folder of each entity kind, and the schema kind of each folder.
FOLDERS = {
    "actors": "actor",
    "guarantees": "guarantee",
    "sources": "source",
    "timelines": "timeline",
    "glossary": "term",
}
SINGLE_FILES = {"site.yaml": "site", "comparison.yaml": "comparison"}
# A Markdown link (inline or reference definition) whose target looks like kind:id.
LINK = re.compile(
    r"\]\(\s*<?([a-z]+):([^\s)>]*)>?[^)]*\)|^\s*\[[^\]]+\]:\s*<?([a-z]+):(\S*?)>?\s*$", re.M
)
KIND_NAMES = {
    "actor": "actor",
    "guarantee": "guarantee",
    "source": "source",
    "event": "event",
    "term": "glossary term",
    "timeline": "timeline",
}


@dataclass
class Dataset:
    """The files of a data folder that could be read, by kind and id."""

    root: Path
    documents: dict[str, dict[str, Document]] = field(default_factory=dict)
    singles: dict[str, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: dict[str, set[str]] = field(default_factory=dict)
    """Ids of files that exist but could not be read: references to them are not
    reported again, since the file's own problem says what to fix."""

    def ids(self, kind: str) -> set[str]:
        if kind == "event":
            timelines = self.documents.get("timeline", {}).values()
            return {event_id for doc in timelines for _, event_id in _event_ids(doc)}
        return set(self.documents.get(kind, {})) | self.unreadable.get(kind, set())


def display_path(path: Path) -> str:
    """The path as an editor typed it: relative to the working folder when possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _problem(document: Document, pointer: Pointer, message: str, *, key: bool = False) -> Problem:
    line, column = document.where_key(pointer) if key else document.where(pointer)
    return Problem(document.path, line, column, message)


def suggestion(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def read_folder(root: Path) -> Dataset:
    """Read every data file under root; problems in reading are collected, not raised."""
    dataset = Dataset(root=root)
    if not root.is_dir():
        dataset.problems.append(
            Problem(display_path(root), 1, 1, "data folder not found: check the path")
        )
        return dataset
    for name, kind in SINGLE_FILES.items():
        path = root / name
        if not path.is_file():
            dataset.problems.append(
                Problem(display_path(path), 1, 1, f"missing file: data needs {name}")
            )
            continue
        document = _read(path, dataset)
        if document is not None:
            dataset.singles[kind] = document
    for folder, kind in FOLDERS.items():
        dataset.documents[kind] = {}
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.suffix == ".yml":
                dataset.problems.append(
                    Problem(display_path(path), 1, 1, f"rename the file to {path.stem}.yaml")
                )
                continue
            if path.suffix != ".yaml" or not path.is_file():
                continue
            if not ID.match(path.stem):
                dataset.problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        f"file name '{path.name}' is not a valid id: use lowercase letters, "
                        f"digits and single hyphens, such as '{_slug(path.stem)}.yaml'",
                    )
                )
                continue
            document = _read(path, dataset)
            if document is not None:
                dataset.documents[kind][path.stem] = document
            else:
                dataset.unreadable.setdefault(kind, set()).add(path.stem)
    return dataset


def _slug(stem: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", stem.lower())).strip("-") or "my-id"


def _read(path: Path, dataset: Dataset) -> Document | None:
    shown = display_path(path)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit so an oversized file is caught unread.
            raw = handle.read(MAX_BYTES + 1)
        return load(raw, shown)
    except YamlProblem as error:
        dataset.problems.append(error.problem)
    except OSError as error:
        dataset.problems.append(Problem(shown, 1, 1, f"cannot read the file: {error.strerror}"))
    return None


# -- schema -----------------------------------------------------------------


def schema_problems(document: Document, kind: str, schemas: Schemas) -> list[Problem]:
    problems: list[Problem] = []
    data = document.data
    if kind in FOLDERS.values() and "id" in data:
        stem = Path(document.path).stem
        problems.append(
            _problem(
                document,
                ("id",),
                f"remove the 'id' key: this {KIND_NAMES[kind]}'s id is its file name, '{stem}'",
                key=True,
            )
        )
        data = {k: v for k, v in data.items() if k != "id"}
    placeholders = {pointer for pointer, _ in _placeholders(data, ())}
    validator = schemas.validator(kind)
    for error in validator.iter_errors(data):
        pointer = tuple(error.absolute_path)
        if any(pointer[: len(p)] == p for p in placeholders):
            continue
        problems.extend(_explain(document, error, schemas))
    return problems


def _placeholders(value: Any, pointer: Pointer) -> Iterator[tuple[Pointer, str]]:
    """Values left as ``TODO`` by ``explainer new``."""
    if isinstance(value, str) and value.startswith("TODO"):
        yield pointer, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, (*pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, (*pointer, index))


def placeholder_problems(document: Document, kind: str, schemas: Schemas) -> list[Problem]:
    descriptions = {
        pointer: schema.get("description", "")
        for pointer, schema, _ in schemas.walk(kind, document.data)
    }
    problems = []
    for pointer, _ in _placeholders(document.data, ()):
        # A TODO inside a list of ids is described by the list, not by "an id".
        in_list = bool(pointer) and isinstance(pointer[-1], int) and pointer[:-1] in descriptions
        described = pointer[:-1] if in_list else pointer
        hint = str(descriptions.get(described, "")).split(". ")[0].rstrip(".")
        problems.append(
            _problem(
                document,
                pointer,
                f"{_field(pointer)} is still a placeholder: replace TODO"
                + (f" ({hint})" if hint else ""),
            )
        )
    return problems


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a set of fields"


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "fields ('name: value' lines)",
}


def _field(pointer: Pointer) -> str:
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in pointer]
    return ".".join(parts).replace(".[", "[") or "the file"


def _explain(document: Document, error: ValidationError, schemas: Schemas) -> list[Problem]:
    pointer: Pointer = tuple(error.absolute_path)
    name = _field(pointer)
    schema: dict[str, Any] = schemas.resolve(error.schema) if isinstance(error.schema, dict) else {}
    definition = schema.get("x-def") or schemas.definition_name(schema)
    value = error.instance
    validator = error.validator
    expected_values: Any = error.validator_value
    if validator == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        return [
            _problem(
                document,
                (*pointer, key),
                f"unknown field '{key}'{suggestion(key, allowed)}; "
                f"allowed here: {', '.join(allowed)}",
                key=True,
            )
            for key in value
            if key not in allowed
        ]
    if validator == "required" and isinstance(value, dict):
        problems = []
        for key in expected_values:
            if key in value:
                continue
            description = schema.get("properties", {}).get(key, {}).get("description", "")
            # The first sentence of the schema's description says what the field is for.
            hint = f" ({description.split('. ')[0].rstrip('.')})" if description else ""
            where = f" to {name}" if pointer else ""
            problems.append(
                _problem(
                    document,
                    pointer,
                    f"missing required field '{key}'{hint}: add '{key}:'{where}",
                )
            )
        return problems
    if validator == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        if value is None:
            message = f"{name} is empty: write {expected} after the colon, or remove the line"
        elif definition == "date" and isinstance(value, int | float):
            message = f'{name} must be a date in quotes, such as "{value}": add the quotes'
        elif expected == "text" and isinstance(value, bool | int | float):
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            message = (
                f"{name} must be text, but YAML read {_describe(value)}: "
                f'put it in quotes, "{shown}"'
            )
        else:
            message = f"{name} must be {expected}, not {_describe(value)}"
            if expected == "a whole number":
                message += ": write a number such as 1, without quotes"
        return [_problem(document, pointer, message)]
    if validator == "enum":
        allowed = [str(v) for v in expected_values]
        return [
            _problem(
                document,
                pointer,
                f"'{value}' is not a valid {pointer[-1] if pointer else 'value'}"
                f"{suggestion(str(value), allowed)}; use one of: {', '.join(allowed)}",
            )
        ]
    if validator == "pattern":
        if definition == "date":
            message = (
                f"{name}: '{value}' is not a date as this site writes them: "
                'use "2025", "2025-12" or "2025-12-18", in quotes'
            )
        elif definition == "id":
            message = (
                f"{name}: '{value}' is not a valid id: use lowercase letters, digits and "
                f"single hyphens, such as '{_slug(str(value))}'"
            )
        elif pointer and pointer[-1] == "url":
            message = (
                f"url '{value}' is not allowed: a source's url must be a full https:// address"
            )
        else:
            message = (
                f"{name}: '{value}' is not in the expected form ({schema.get('description', '')})"
            )
        return [_problem(document, pointer, message)]
    if validator == "minItems":
        if pointer and pointer[-1] == "sources":
            message = (
                f"{name} is empty: every fact needs at least one source; list the ids of "
                "the sources (files in data/sources/) that support it"
            )
        else:
            message = f"{name} needs at least {error.validator_value} item(s)"
        return [_problem(document, pointer, message)]
    if validator == "minLength":
        return [_problem(document, pointer, f"{name} is empty: write some text or remove it")]
    if validator == "uniqueItems":
        return [_problem(document, pointer, f"{name} lists the same value twice: keep one")]
    if validator in ("minimum", "maximum"):
        return [
            _problem(
                document,
                pointer,
                f"{name} is {value}, outside the allowed range: {schema.get('description', '')}",
            )
        ]
    if validator == "maxLength":
        return [_problem(document, pointer, f"{name} is too long: shorten it")]
    return [_problem(document, pointer, f"{name}: {error.message}")]


# -- cross-references --------------------------------------------------------


def _event_ids(document: Document) -> Iterator[tuple[Pointer, str]]:
    events = document.data.get("events")
    if not isinstance(events, list):
        return
    for index, event in enumerate(events):
        if isinstance(event, dict) and isinstance(event.get("id"), str):
            yield ("events", index, "id"), event["id"]


def reference_problems(dataset: Dataset, schemas: Schemas) -> list[Problem]:
    problems: list[Problem] = []
    known = {kind: dataset.ids(kind) for kind in LINK_KINDS}
    for kind, document in _all_documents(dataset):
        for pointer, schema, value in schemas.walk(kind, document.data):
            if not isinstance(value, str):
                continue
            if value.startswith("TODO"):
                continue
            ref_kind = schema.get("x-ref")
            if isinstance(ref_kind, str) and ID.match(value) and value not in known[ref_kind]:
                problems.append(
                    _problem(
                        document,
                        pointer,
                        f"unknown {KIND_NAMES[ref_kind]} '{value}'"
                        f"{suggestion(value, known[ref_kind])}; "
                        f"it must be the name of a file in data/{_folder(ref_kind)}/",
                    )
                )
            if schema.get("x-markdown"):
                problems.extend(_link_problems(document, pointer, value, known))
            if schema.get("x-def") == "date" and re.fullmatch(r"[0-9-]+", value):
                try:
                    PartialDate.parse(value)
                except ValueError as error:
                    problems.append(_problem(document, pointer, f"{_field(pointer)}: {error}"))
    return problems


def _folder(kind: str) -> str:
    if kind == "event":
        return "timelines (as an event id)"
    return {v: k for k, v in FOLDERS.items()}[kind]


def _all_documents(dataset: Dataset) -> Iterator[tuple[str, Document]]:
    for kind, document in sorted(dataset.singles.items()):
        yield kind, document
    for kind, documents in dataset.documents.items():
        for document in documents.values():
            yield kind, document


def _link_problems(
    document: Document, pointer: Pointer, text: str, known: dict[str, set[str]]
) -> Iterator[Problem]:
    for match in LINK.finditer(text):
        kind = match.group(1) or match.group(3)
        target = match.group(2) if match.group(1) else match.group(4)
        if kind in ("https", "http", "mailto"):
            continue
        line, column = document.find(f"{kind}:{target}", pointer)
        if kind not in known:
            yield Problem(
                document.path,
                line,
                column,
                f"link target '{kind}:{target}' has an unknown kind"
                f"{suggestion(kind, LINK_KINDS)}; use one of: {', '.join(LINK_KINDS)}",
            )
        elif target not in known[kind]:
            yield Problem(
                document.path,
                line,
                column,
                f"broken link: no {KIND_NAMES[kind]} '{target}'{suggestion(target, known[kind])}",
            )


# -- checks that span a file or several ---------------------------------------


def consistency_problems(dataset: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    problems.extend(_timeline_problems(dataset))
    comparison = dataset.singles.get("comparison")
    if comparison is not None:
        problems.extend(_comparison_problems(comparison))
    problems.extend(_actor_problems(dataset))
    problems.extend(_guarantee_problems(dataset))
    problems.extend(_glossary_problems(dataset))
    for source_id, document in dataset.documents.get("source", {}).items():
        if document.data.get("via") == source_id:
            problems.append(_problem(document, ("via",), "a source cannot be seen via itself"))
    return problems


def _safe_date(value: Any) -> PartialDate | None:
    try:
        return PartialDate.parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _timeline_problems(dataset: Dataset) -> Iterator[Problem]:
    first_seen: dict[str, tuple[Document, Pointer]] = {}
    for document in dataset.documents.get("timeline", {}).values():
        for pointer, event_id in _event_ids(document):
            if event_id in first_seen:
                other, other_pointer = first_seen[event_id]
                line, column = other.where(other_pointer)
                yield _problem(
                    document,
                    pointer,
                    f"event id '{event_id}' is already used at {other.path}:{line}:{column}: "
                    "event ids must be unique across all timelines",
                )
            else:
                first_seen[event_id] = (document, pointer)
        events = document.data.get("events")
        if not isinstance(events, list):
            continue
        previous: tuple[PartialDate, str] | None = None
        for index, event in enumerate(events):
            date = _safe_date(event.get("date")) if isinstance(event, dict) else None
            if date is None:
                continue
            label = event.get("id", f"number {index + 1}")
            if previous is not None and date.sort_key < previous[0].sort_key:
                yield _problem(
                    document,
                    ("events", index, "date"),
                    f"events are out of date order: '{label}' ({date.iso}) comes after "
                    f"'{previous[1]}' ({previous[0].iso}); move it up",
                )
            else:
                previous = (date, str(label))


def _comparison_problems(document: Document) -> Iterator[Problem]:
    dimensions = document.data.get("dimensions")
    frameworks = document.data.get("frameworks")
    dimension_ids: list[str] = []
    if isinstance(dimensions, list):
        for index, dimension in enumerate(dimensions):
            if isinstance(dimension, dict) and isinstance(dimension.get("id"), str):
                if dimension["id"] in dimension_ids:
                    yield _problem(
                        document,
                        ("dimensions", index, "id"),
                        f"dimension id '{dimension['id']}' is used twice: rename one",
                    )
                dimension_ids.append(dimension["id"])
    if not isinstance(frameworks, list):
        return
    framework_ids: set[str] = set()
    for index, framework in enumerate(frameworks):
        if not isinstance(framework, dict):
            continue
        framework_id = framework.get("id")
        if isinstance(framework_id, str):
            if framework_id in framework_ids:
                yield _problem(
                    document,
                    ("frameworks", index, "id"),
                    f"framework id '{framework_id}' is used twice: rename one",
                )
            framework_ids.add(framework_id)
        answers = framework.get("answers")
        if not isinstance(answers, dict):
            continue
        for key in answers:
            if key not in dimension_ids:
                yield _problem(
                    document,
                    ("frameworks", index, "answers", key),
                    f"answer to unknown dimension '{key}'{suggestion(key, dimension_ids)}; "
                    f"the dimensions are: {', '.join(dimension_ids)}",
                    key=True,
                )
        for dimension_id in dimension_ids:
            if dimension_id not in answers:
                yield _problem(
                    document,
                    ("frameworks", index, "answers"),
                    f"framework '{framework_id}' does not answer dimension '{dimension_id}': "
                    f"add '{dimension_id}:' with answer, note and sources under answers",
                )


def _actor_problems(dataset: Dataset) -> Iterator[Problem]:
    for actor_id, document in dataset.documents.get("actor", {}).items():
        data = document.data
        if "speaks_for" in data and data.get("kind") != "person":
            yield _problem(
                document,
                ("speaks_for",),
                "speaks_for is only for a person: remove it, or set kind: person",
                key=True,
            )
        member_of = data.get("member_of")
        if isinstance(member_of, list) and actor_id in member_of:
            index = member_of.index(actor_id)
            yield _problem(document, ("member_of", index), "an actor cannot be a member of itself")


def _guarantee_problems(dataset: Dataset) -> Iterator[Problem]:
    guarantees = dataset.documents.get("guarantee", {})
    next_of: dict[str, str] = {}
    for guarantee_id, document in guarantees.items():
        escalation = document.data.get("escalates_to")
        if isinstance(escalation, dict) and isinstance(escalation.get("guarantee"), str):
            next_of[guarantee_id] = escalation["guarantee"]
    reported: set[str] = set()
    for start in sorted(next_of):
        seen: list[str] = []
        current: str | None = start
        while current is not None and current not in seen:
            seen.append(current)
            current = next_of.get(current)
        if current is not None and current == start and start not in reported:
            reported.update(seen)
            chain = " -> ".join([*seen, start])
            yield _problem(
                guarantees[start],
                ("escalates_to", "guarantee"),
                f"escalation goes round in a circle ({chain}): the last layer must not "
                "escalate back to an earlier one",
            )


def _glossary_problems(dataset: Dataset) -> Iterator[Problem]:
    owner: dict[str, str] = {}
    for term_id, document in dataset.documents.get("term", {}).items():
        names: list[tuple[Pointer, Any]] = [(("term",), document.data.get("term"))]
        aliases = document.data.get("aliases")
        if isinstance(aliases, list):
            names += [(("aliases", i), alias) for i, alias in enumerate(aliases)]
        for pointer, name in names:
            if not isinstance(name, str):
                continue
            folded = name.casefold()
            if folded in owner and owner[folded] != term_id:
                yield _problem(
                    document,
                    pointer,
                    f"'{name}' already names the glossary term '{owner[folded]}': "
                    "a word can link to one term only",
                )
            owner.setdefault(folded, term_id)


def check(root: Path, schemas: Schemas) -> tuple[Dataset, list[Problem]]:
    """Read and check a data folder; returns what was read and every problem, sorted."""
    dataset = read_folder(root)
    problems = list(dataset.problems)
    for kind, document in _all_documents(dataset):
        problems.extend(schema_problems(document, kind, schemas))
        problems.extend(placeholder_problems(document, kind, schemas))
    problems.extend(reference_problems(dataset, schemas))
    problems.extend(consistency_problems(dataset))
    return dataset, sorted(set(problems))
