"""Translations kept beside the English, and the check that none has gone stale unnoticed.

Every reader-facing text of data/ (a field whose schema is the shared ``text`` or
``markdown``, or a list of them) may carry its Ukrainian version in the same
mapping, under ``uk``, with a fingerprint of the English it was made from::

    summary: >-
      The United States would provide intelligence ...
    uk:
      summary:
        text: >-
          Сполучені Штати надавали б розвідувальні дані ...
        translated_from: 3f2a9c1e

When the English changes, its fingerprint no longer matches: the check names
that Ukrainian text at its place, as a warning when an editor runs it and as an
error in CI, unless the translation is marked ``outdated: true`` (known to be
behind, and shown to readers as such).

The ``uk`` slots of the schemas are derived from this rule (:func:`uk_slot`);
``python -m explainer.translations data/schema`` writes them, and a test keeps
the files and the rule in step, so that an editor's IDE completes every slot.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .reading import problem_at

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .problems import Problem
    from .reading import Dataset
    from .schemas import Schemas
    from .yamlload import Document, Pointer

LANGUAGE = "uk"
FINGERPRINT_LENGTH = 8
TEXT_DEFS = ("text", "markdown")
# Lists whose items are matched one by one (a condition with its translation);
# aliases are other words for a term, which a language need not match in number,
# and may need where English has none (the cases of a Ukrainian noun).
UNMATCHED_LISTS = frozenset({"aliases"})
COMMON_REF = "common.schema.json#/$defs/"


def fingerprint(value: Any) -> str:
    """A short, stable fingerprint of an English text (or list of texts), spacing aside."""
    items = value if isinstance(value, list) else [value]
    normal = "\n".join(" ".join(str(item).split()) for item in items)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def _text_def(schema: dict[str, Any]) -> str | None:
    """``text`` or ``markdown`` when schema is (a $ref to) one of the shared text types."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(COMMON_REF):
        name = ref.removeprefix(COMMON_REF)
        return name if name in TEXT_DEFS else None
    return None


def translatable(properties: dict[str, Any]) -> dict[str, str]:
    """The reader-facing fields among properties, each with its translation type.

    A translation itself (text, translated_from) has none: it is not translated again.
    """
    found: dict[str, str] = {}
    if "translated_from" in properties:
        return found
    for name, schema in properties.items():
        if not isinstance(schema, dict) or name == LANGUAGE:
            continue
        single = _text_def(schema)
        items = schema.get("items")
        listed = (
            _text_def(items) if schema.get("type") == "array" and isinstance(items, dict) else None
        )
        if single:
            found[name] = f"translated-{single}"
        elif listed:
            found[name] = f"translated-{listed}-list"
    return found


def uk_slot(properties: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of the ``uk`` mapping for an object with these properties, if it has texts."""
    fields = translatable(properties)
    if not fields:
        return None
    return {
        "description": (
            "The Ukrainian version of this item's texts, each with the fingerprint of the "
            "English it was translated from (make check gives it)."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": {name: {"$ref": COMMON_REF + kind} for name, kind in fields.items()},
    }


def objects(schema: Any) -> Iterator[dict[str, Any]]:
    """Every object schema (one with properties) inside a schema document."""
    if isinstance(schema, dict):
        if isinstance(schema.get("properties"), dict):
            yield schema
        for value in schema.values():
            yield from objects(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from objects(value)


def sync_schemas(schema_dir: Path) -> list[Path]:
    """Write the ``uk`` slot of every object into the schema files; the files changed."""
    changed = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        if path.name == "common.schema.json":
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        for schema in objects(document):
            slot = uk_slot(schema["properties"])
            if slot is not None:
                schema["properties"][LANGUAGE] = slot
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def translation_problems(
    dataset: Dataset, schemas: Schemas, *, strict: bool
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about the ``uk`` texts of every file.

    A stale translation is a warning, or an error when ``strict`` (CI). A
    translation of a field that has no English, or that does not match it in
    form, is always an error.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for kind, document in dataset.all_documents():
        for pointer, schema, value in schemas.walk(kind, document.data):
            if not isinstance(value, dict) or not isinstance(value.get(LANGUAGE), dict):
                continue
            fields = translatable(schema.get("properties", {}))
            for name, entry in value[LANGUAGE].items():
                if not isinstance(entry, dict) or name not in fields:
                    continue  # the schema reports it
                at = (*pointer, LANGUAGE, name)
                english = value.get(name)
                if english is None and name in UNMATCHED_LISTS:
                    english = []  # a language may need other forms where English needs none
                for problem, stale in _entry_problems(document, at, name, english, entry):
                    (warnings if stale and not strict else errors).append(problem)
    return errors, warnings


def _entry_problems(
    document: Document, at: Pointer, name: str, english: Any, entry: dict[str, Any]
) -> Iterator[tuple[Problem, bool]]:
    if english is None:
        yield (
            problem_at(
                document,
                at,
                f"there is no English '{name}' here to translate: add the English, or remove "
                f"uk.{name}",
                key=True,
            ),
            False,
        )
        return
    text = entry.get("text")
    if (
        isinstance(english, list)
        and isinstance(text, list)
        and name not in UNMATCHED_LISTS
        and len(text) != len(english)
    ):
        yield (
            problem_at(
                document,
                (*at, "text"),
                f"uk.{name} has {len(text)} items and the English {len(english)}: translate "
                "each item, in the same order",
            ),
            False,
        )
    now = fingerprint(english)
    was = entry.get("translated_from")
    outdated = entry.get("outdated") is True
    if not isinstance(was, str) or was == now:
        if outdated and was == now:
            yield (
                problem_at(
                    document,
                    (*at, "outdated"),
                    "this translation is marked outdated, but it was made from the English as "
                    "it is now: remove outdated: true",
                ),
                False,
            )
        return
    if outdated:
        return
    yield (
        problem_at(
            document,
            (*at, "translated_from"),
            f"the English '{name}' has changed since this Ukrainian text was translated from it "
            f"(translated_from: {was}, the English now: {now}): update the Ukrainian and set "
            f"translated_from: {now}, or add outdated: true until it is updated",
        ),
        True,
    )


@dataclass(frozen=True)
class Coverage:
    """How much of the reader-facing text has a Ukrainian version, and how much is behind."""

    texts: int
    translated: int
    stale: int
    outdated: int

    def line(self) -> str:
        missing = self.texts - self.translated - self.stale - self.outdated
        return (
            f"{LANGUAGE}: {self.translated} of {self.texts} texts translated and up to date; "
            f"{self.stale} stale, {self.outdated} marked outdated, {missing} not translated"
        )


def _entries(dataset: Dataset, schemas: Schemas) -> Iterator[tuple[Document, Pointer, str, Any]]:
    """(document, pointer of the item, field, English value) for every text of every file."""
    for kind, document in dataset.all_documents():
        for pointer, schema, value in schemas.walk(kind, document.data):
            if not isinstance(value, dict):
                continue
            for name in translatable(schema.get("properties", {})):
                if value.get(name) not in (None, "", []):
                    yield document, pointer, name, value


def coverage(dataset: Dataset, schemas: Schemas) -> Coverage:
    texts = translated = stale = outdated = 0
    for _, _, name, item in _entries(dataset, schemas):
        texts += 1
        entry = item.get(LANGUAGE, {}).get(name) if isinstance(item.get(LANGUAGE), dict) else None
        if not isinstance(entry, dict):
            continue
        if entry.get("translated_from") == fingerprint(item[name]):
            translated += 1
        elif entry.get("outdated") is True:
            outdated += 1
        else:
            stale += 1
    return Coverage(texts, translated, stale, outdated)


def stamp(dataset: Dataset, schemas: Schemas, paths: set[str]) -> dict[str, int]:
    """Set translated_from to the English as it is now, in the files named: the count per file.

    For a translator who has just brought these files' Ukrainian up to date: it
    writes nothing else, and never touches an entry marked outdated.
    """
    edits: dict[str, list[tuple[int, int, str]]] = {}
    documents: dict[str, Document] = {}
    for document, pointer, name, item in _entries(dataset, schemas):
        if document.path not in paths or not isinstance(item.get(LANGUAGE), dict):
            continue
        entry = item[LANGUAGE].get(name)
        if not isinstance(entry, dict) or entry.get("outdated") is True:
            continue
        now = fingerprint(item[name])
        if "translated_from" not in entry:
            continue
        if entry["translated_from"] == now:
            continue  # a number-like value reads as a number, never equal: it is rewritten
        line, column = document.where((*pointer, LANGUAGE, name, "translated_from"))
        edits.setdefault(document.path, []).append((line, column, now))
        documents[document.path] = document
    for path, changes in edits.items():
        lines = documents[path].text.split("\n")
        for line, column, now in changes:
            text = lines[line - 1]
            start = column - 1
            end = start
            while end < len(text) and not text[end].isspace() and text[end] != "#":
                end += 1
            # Always quoted: a fingerprint of digits alone ("11577561") or one
            # that looks like a number ("03e51629") must still read as text.
            lines[line - 1] = text[:start] + f'"{now}"' + text[end:]
        _replace(Path(path), "\n".join(lines))
    return {path: len(changes) for path, changes in edits.items()}


def _replace(path: Path, text: str) -> None:
    """Write the file whole or not at all: a new file beside it, then renamed over it."""
    temporary = path.with_name(f".{path.name}.stamping")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def main(argv: list[str]) -> int:
    """``python -m explainer.translations SCHEMA_DIR``: write the ``uk`` slots into the schemas."""
    if len(argv) != 1:
        print("usage: python -m explainer.translations SCHEMA_DIR", file=sys.stderr)
        return 2
    for path in sync_schemas(Path(argv[0])):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
