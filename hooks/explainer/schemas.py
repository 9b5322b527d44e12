"""The JSON Schemas in data/schema/: loading them and walking data alongside them.

The schemas are the single definition of the format. Besides validation they
carry three annotations that the cross-reference checks read: ``x-ref`` (the
value is the id of an entity of that kind), ``x-markdown`` (the value is
Markdown that may hold ``kind:id`` links) and a ``$ref`` to the shared ``date``.
Two more are read elsewhere: ``x-vocabulary`` (the words for each value of a
vocabulary, see registry.py) and ``x-moved-here`` (fields that an older layout
wrote at the top and that now live in this list's entries, for the error
message that tells an editor so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from .yamlload import Pointer

from .problems import DataError, Problem
from .registry import FILE_KINDS

COMMON = "common.schema.json"


@dataclass(frozen=True)
class Schemas:
    documents: dict[str, dict[str, Any]]
    """Each kind's schema, and the shared definitions under COMMON."""
    common: str = COMMON

    def validator(self, kind: str) -> Draft202012Validator:
        registry: Registry[Any] = Registry().with_resource(
            COMMON, Resource.from_contents(self.documents[COMMON])
        )
        return Draft202012Validator(self.documents[kind], registry=registry)

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The schema with a local ``$ref`` to the shared definitions merged in."""
        ref = schema.get("$ref")
        if not isinstance(ref, str) or not ref.startswith(COMMON + "#/$defs/"):
            return schema
        target = self.documents[COMMON]["$defs"][ref.rsplit("/", 1)[1]]
        return {**target, **schema, "x-def": ref.rsplit("/", 1)[1]}

    def definition_name(self, schema: dict[str, Any]) -> str | None:
        """The name of the shared definition that schema is, if it is one."""
        for name, definition in self.documents[COMMON]["$defs"].items():
            if schema == definition:
                return str(name)
        return None

    def walk(self, kind: str, instance: Any) -> Iterator[tuple[Pointer, dict[str, Any], Any]]:
        """Every (pointer, resolved schema, value) in instance that the schema describes."""
        yield from self._walk(self.documents[kind], instance, ())

    def _walk(
        self, schema: dict[str, Any], value: Any, pointer: Pointer
    ) -> Iterator[tuple[Pointer, dict[str, Any], Any]]:
        schema = self.resolve(schema)
        yield pointer, schema, value
        if isinstance(value, dict):
            properties = schema.get("properties", {})
            extra = schema.get("additionalProperties")
            for key, item in value.items():
                sub = properties.get(key, extra if isinstance(extra, dict) else None)
                if sub is not None:
                    yield from self._walk(sub, item, (*pointer, key))
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for index, item in enumerate(value):
                yield from self._walk(schema["items"], item, (*pointer, index))


def load_schemas(schema_dir: Path) -> Schemas:
    """The schema of every kind with files, and the shared definitions, from schema_dir."""
    names = [str(kind.schema) for kind in FILE_KINDS]
    documents = {name.removesuffix(".schema.json"): _read(schema_dir / name) for name in names}
    documents[COMMON] = _read(schema_dir / COMMON)
    return Schemas(documents)


def _read(path: Path) -> dict[str, Any]:
    """One schema file, or DataError saying where it is broken."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataError(
            [Problem(path.as_posix(), 1, 1, f"cannot read the schema: {error.strerror}")]
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line, column = (
            (error.lineno, error.colno) if isinstance(error, json.JSONDecodeError) else (1, 1)
        )
        raise DataError(
            [Problem(path.as_posix(), line, column, f"the schema is not valid JSON: {error}")]
        ) from None
    if not isinstance(document, dict):
        raise DataError([Problem(path.as_posix(), 1, 1, "a schema must be a JSON object")])
    return document
