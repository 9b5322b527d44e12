"""The data reference page, made from the schemas' descriptions so it cannot drift."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .registry import FILE_KINDS
from .templating import render
from .translations import LANGUAGE

if TYPE_CHECKING:
    from .schemas import Schemas

REFERENCE = "reference.md"


@dataclass(frozen=True)
class Field:
    path: str
    """Dotted name, with [] for list items: ``events[].date``."""
    type: str
    required: bool
    description: str
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class KindReference:
    kind: str
    title: str
    file: str
    description: str
    schema_file: str
    fields: tuple[Field, ...]


def _type(schemas: Schemas, schema: dict[str, Any]) -> str:
    name = schemas.definition_name(schema) or schema.get("x-def")
    if name == "date":
        return "date"
    if schema.get("x-markdown"):
        return "Markdown"
    if schema.get("x-ref"):
        return f"{schema['x-ref']} id"
    if name == "id":
        return "id"
    kind = schema.get("type")
    if kind == "array":
        items = schemas.resolve(schema.get("items", {}))
        return f"list of {_type(schemas, items)}"
    if kind == "object":
        return "fields" if "properties" in schema else "map of id to fields"
    return {"string": "text", "integer": "whole number"}.get(str(kind), str(kind))


def _fields(schemas: Schemas, schema: dict[str, Any], prefix: str) -> list[Field]:
    found: list[Field] = []
    required = set(schema.get("required", ()))
    for key, sub in schema.get("properties", {}).items():
        sub = schemas.resolve(sub)
        path = f"{prefix}{key}"
        if key == LANGUAGE and "properties" in sub:
            # One row: every translation has the same three fields.
            names = ", ".join(sub["properties"])
            found.append(
                Field(
                    path=path,
                    type="fields",
                    required=False,
                    description=(
                        f"The Ukrainian version of {names}: under each, text (the "
                        "translation), translated_from (the fingerprint of the English, which "
                        "make check gives) and, if it is known to be behind, outdated: true. "
                        "See the contributing page, Translating."
                    ),
                )
            )
            continue
        found.append(
            Field(
                path=path,
                type=_type(schemas, sub),
                required=key in required,
                description=str(sub.get("description", "")),
                allowed=tuple(str(v) for v in sub.get("enum", ())),
            )
        )
        items = schemas.resolve(sub.get("items", {})) if sub.get("type") == "array" else {}
        if "properties" in items:
            found.extend(_fields(schemas, items, f"{path}[]."))
        if "properties" in sub:
            found.extend(_fields(schemas, sub, f"{path}."))
        extra = sub.get("additionalProperties")
        if isinstance(extra, dict) and "properties" in extra:
            found.extend(_fields(schemas, extra, f"{path}.<id>."))
    return found


def kind_references(schemas: Schemas) -> list[KindReference]:
    return [
        KindReference(
            kind=kind.name,
            title=str(schemas.documents[kind.name].get("title", kind.name)),
            file=kind.data_path,
            description=str(schemas.documents[kind.name].get("description", "")),
            schema_file=f"schema/{kind.schema}",
            fields=tuple(_fields(schemas, schemas.documents[kind.name], "")),
        )
        for kind in FILE_KINDS
    ]


def reference_page(schemas: Schemas) -> str:
    """The Markdown of the data reference page."""
    return render("page_reference.md.j2", kinds=kind_references(schemas))
