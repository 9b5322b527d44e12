"""JSON Schema errors in words an editor can act on, and the ``TODO`` placeholders left to fill."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .reading import field_name, problem_at, slug, suggestion
from .registry import KIND

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jsonschema import ValidationError

    from .problems import Problem
    from .schemas import Schemas
    from .yamlload import Document, Pointer


def schema_problems(document: Document, kind: str, schemas: Schemas) -> list[Problem]:
    problems: list[Problem] = []
    data = document.data
    if KIND[kind].folder and isinstance(data, dict) and "id" in data:
        stem = Path(document.path).stem
        problems.append(
            problem_at(
                document,
                ("id",),
                f"remove the 'id' key: this {KIND[kind].label}'s id is its file name, '{stem}'",
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
            problem_at(
                document,
                pointer,
                f"{field_name(pointer)} is still a placeholder: replace TODO"
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


CONDITIONAL_HINTS = {
    "sources": "the ids of the sources that report it; or, for general knowledge that the "
    "methodology page explains, write background: true instead",
    "wrong": "a correction says what the site said that was wrong",
}

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "fields ('name: value' lines)",
}


def _nested_homes(schema: dict[str, Any]) -> dict[str, str]:
    """Fields that moved into the entries of a list, as the schema records with
    ``x-moved-here``: ``status`` and ``binding`` now live in ``status_history``.

    An editor who writes such a field at the top, as the data had it before, is
    told where it goes, not only that it is unknown.
    """
    homes: dict[str, str] = {}
    for name, prop in schema.get("properties", {}).items():
        moved = prop.get("x-moved-here") if isinstance(prop, dict) else None
        for key in moved if isinstance(moved, list) else ():
            homes.setdefault(key, name)
    return homes


def _explain(document: Document, error: ValidationError, schemas: Schemas) -> list[Problem]:
    pointer: Pointer = tuple(error.absolute_path)
    name = field_name(pointer)
    schema: dict[str, Any] = schemas.resolve(error.schema) if isinstance(error.schema, dict) else {}
    definition = schema.get("x-def") or schemas.definition_name(schema)
    value = error.instance
    validator = error.validator
    expected_values: Any = error.validator_value
    if validator == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        nested = _nested_homes(schema)
        return [
            problem_at(
                document,
                (*pointer, key),
                f"unknown field '{key}' here: write it in a step of {nested[key]}, with the "
                "step's date and sources"
                if key in nested
                else f"unknown field '{key}'{suggestion(key, allowed)}; "
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
            # Required only in some cases (an if/then of the schema): its own words.
            description = description or CONDITIONAL_HINTS.get(key, "")
            # The first sentence of the schema's description says what the field is for.
            hint = f" ({description.split('. ')[0].rstrip('.')})" if description else ""
            where = f" to {name}" if pointer else ""
            problems.append(
                problem_at(
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
        return [problem_at(document, pointer, message)]
    if validator == "enum":
        allowed = [str(v) for v in expected_values]
        return [
            problem_at(
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
                'use "2025", "2025-12" or "2025-12-18", in quotes (or a range, '
                '"2025-12-15/2025-12-16", or "2025-12~" for around)'
            )
        elif definition == "id":
            message = (
                f"{name}: '{value}' is not a valid id: use lowercase letters, digits and "
                f"single hyphens, such as '{slug(str(value))}'"
            )
        elif pointer and pointer[-1] == "url":
            message = (
                f"url '{value}' is not allowed: a source's url must be a full https:// address"
            )
        else:
            message = (
                f"{name}: '{value}' is not in the expected form ({schema.get('description', '')})"
            )
        return [problem_at(document, pointer, message)]
    if validator == "minItems":
        if pointer and pointer[-1] == "sources":
            message = (
                f"{name} is empty: every fact needs at least one source; list the ids of "
                "the sources (files in data/sources/) that support it"
            )
        else:
            message = f"{name} needs at least {error.validator_value} item(s)"
        return [problem_at(document, pointer, message)]
    if validator == "minLength":
        return [problem_at(document, pointer, f"{name} is empty: write some text or remove it")]
    if validator == "uniqueItems":
        return [problem_at(document, pointer, f"{name} lists the same value twice: keep one")]
    if validator in ("minimum", "maximum"):
        return [
            problem_at(
                document,
                pointer,
                f"{name} is {value}, outside the allowed range: {schema.get('description', '')}",
            )
        ]
    if validator == "maxLength":
        return [problem_at(document, pointer, f"{name} is too long: shorten it")]
    return [problem_at(document, pointer, f"{name}: {error.message}")]
