"""``explainer new``: a starting file for an entity, made from its schema.

The file holds the modeline and every required field, each with a ``TODO``
placeholder and its description as a comment, so ``make check`` then lists
exactly what is left to fill in. Being made from the schema, it never drifts
from the format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .registry import FOLDER_KINDS

if TYPE_CHECKING:
    from .schemas import Schemas

PLACEHOLDER = "TODO"
KIND_FOLDERS = {kind.name: str(kind.folder) for kind in FOLDER_KINDS}


def _placeholder(schemas: Schemas, schema: dict[str, Any], indent: str) -> list[str]:
    """Lines for one value (after its key), as YAML."""
    schema = schemas.resolve(schema)
    if schema.get("type") == "array":
        items = schemas.resolve(schema.get("items", {}))
        if items.get("type") == "object":
            return ["", *_mapping(schemas, items, indent + "  ", item=True)]
        return [f" [{PLACEHOLDER}]"]
    if schema.get("type") == "object":
        return ["", *_mapping(schemas, schema, indent + "  ")]
    if schema.get("type") == "integer":
        return [f" {PLACEHOLDER}"]
    return [f' "{PLACEHOLDER}"']


def _mapping(
    schemas: Schemas, schema: dict[str, Any], indent: str, *, item: bool = False
) -> list[str]:
    lines: list[str] = []
    properties: dict[str, Any] = schema.get("properties", {})
    # A field required unless another is given (sources, unless background: true)
    # is written too: the usual case.
    required = [*schema.get("required", []), *schema.get("else", {}).get("required", [])]
    for index, key in enumerate(required):
        sub = schemas.resolve(properties[key])
        description = str(sub.get("description", "")).split(". ")[0].rstrip(".")
        if "enum" in sub and not all(value in description for value in sub["enum"]):
            description += f" (one of: {', '.join(sub['enum'])})"
        prefix = indent[:-2] + "- " if item and index == 0 else indent
        lines.append(f"{prefix}# {description}")
        if item and index == 0:
            prefix = indent
        value = _placeholder(schemas, sub, indent)
        lines.append(f"{prefix}{key}:{value[0]}")
        lines.extend(value[1:])
    return lines


def starting_file(schemas: Schemas, kind: str) -> str:
    """The text of a new file of the given kind (actor, guarantee, source, timeline, term)."""
    if kind not in KIND_FOLDERS:
        raise ValueError(f"unknown kind '{kind}': use one of {', '.join(KIND_FOLDERS)}")
    lines = [f"# yaml-language-server: $schema=../schema/{kind}.schema.json"]
    lines += _mapping(schemas, schemas.documents[kind], "")
    return "\n".join(lines) + "\n"
