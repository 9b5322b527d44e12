"""Rules for single values that JSON Schema does not state: invisible characters, lines, numbers.

Control characters (ANSI escapes among them) would reach pages and terminals;
bidirectional controls can make a text read differently from what it says
(the "Trojan Source" trick); a one-line text or an id holding a newline, or a
whole number written as ``1.0``, would pass the schema and then surprise the
pages. Each is reported at the character itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .problems import Problem
from .reading import field_name, problem_at

if TYPE_CHECKING:
    from .reading import Dataset
    from .schemas import Schemas
    from .yamlload import Document, Pointer

# C0 controls but tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Embeddings, overrides and isolates, and the marks that steer them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing at all: a glossary term of one would be an invisible link.
# (Zero-width joiners stay allowed: some scripts and emoji need them.)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# How deep Markdown may nest (lists, quotes): the renderer recurses once per level.
MAX_NESTING = 12
_NESTING = re.compile(r"^(?:[ \t]|>|[-*+][ \t]|[0-9]+[.)][ \t])*", re.MULTILINE)
_NEWLINE = re.compile(r"[\n\u2028\u2029]")


def value_problems(dataset: Dataset, schemas: Schemas) -> list[Problem]:
    problems: list[Problem] = []
    for kind, document in dataset.all_documents():
        for pointer, schema, value in schemas.walk(kind, document.data):
            problems.extend(_problems(document, pointer, schema, value))
        problems.extend(_key_problems(document, document.data, ()))
    return problems


def _problems(
    document: Document, pointer: Pointer, schema: dict[str, Any], value: Any
) -> list[Problem]:
    name = field_name(pointer)
    if isinstance(value, float) and schema.get("type") == "integer":
        advice = f"write {int(value)}" if value.is_integer() else "such as 1 or 2"
        return [problem_at(document, pointer, f"{name} must be a whole number: {advice}")]
    if not isinstance(value, str):
        return []
    found = []
    for pattern, what in (
        (_CONTROL, "a control character"),
        (_BIDI, "a bidirectional-text control character"),
        (_INVISIBLE, "an invisible character"),
    ):
        match = pattern.search(value)
        if match:
            found.append(_at_character(document, pointer, match.group(), what, name))
    if not schema.get("x-markdown") and _NEWLINE.search(value):
        found.append(_one_line(document, pointer, name))
    if schema.get("x-markdown") and too_deep(value):
        found.append(
            problem_at(
                document,
                pointer,
                f"{name} nests lists or quotes more than {MAX_NESTING} levels deep: "
                "flatten it (each level is 4 spaces, a '>' or a list marker)",
            )
        )
    return found


def too_deep(markdown: str) -> bool:
    """Whether Markdown nests more than MAX_NESTING levels (4 spaces, '>' or a marker each)."""
    for match in _NESTING.finditer(markdown):
        prefix = match.group().expandtabs(4)
        levels = prefix.count(">") + len(re.findall(r"[-*+0-9]", prefix)) + prefix.count("    ")
        if levels > MAX_NESTING:
            return True
    return False


def _one_line(document: Document, pointer: Pointer, name: str) -> Problem:
    return problem_at(
        document,
        pointer,
        f"{name} must be one line of text without a line break: if you used '|' or '>', "
        "write the text after the colon instead, in quotes if it holds a colon",
    )


def _at_character(document: Document, pointer: Pointer, char: str, what: str, name: str) -> Problem:
    line, column = document.find(char, pointer)
    return Problem(
        document.path,
        line,
        column,
        f"{name} holds {what}, U+{ord(char):04X}, which is invisible or changes how text "
        "is shown: delete it (retype the text around it if you cannot see it)",
    )


def _key_problems(document: Document, value: Any, pointer: Pointer) -> list[Problem]:
    found: list[Problem] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (_CONTROL.search(key) or _BIDI.search(key) or "\n" in key):
                found.append(
                    problem_at(
                        document,
                        (*pointer, key),
                        "a field name holds an invisible or control character: retype it",
                        key=True,
                    )
                )
            found.extend(_key_problems(document, item, (*pointer, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_key_problems(document, item, (*pointer, index)))
    return found
