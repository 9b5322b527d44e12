"""Read one data file as plain YAML 1.2 data, keeping the line and column of every value.

The loader works on PyYAML's event stream rather than its constructors, so no
tag is ever turned into an object, anchors and aliases are refused outright
(no alias bomb can expand), nesting is bounded before Python's recursion limit
matters, duplicate keys are caught with both lines, and plain scalars follow
the YAML 1.2 core schema: ``yes``, ``no``, ``on``, ``off`` and ``2025-12-18``
stay text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 32

Pointer = tuple[str | int, ...]

try:  # The C parser is much faster; both yield the same events.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# YAML 1.2 core schema, for plain (unquoted) scalars only.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_OTHER_LINE_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


@dataclass(frozen=True)
class Document:
    """One parsed file: its data and where each value (and each mapping key) starts."""

    path: str
    text: str
    data: Any
    marks: dict[Pointer, tuple[int, int]]
    key_marks: dict[Pointer, tuple[int, int]]
    ends: dict[Pointer, int] = field(default_factory=dict)
    """Where each value's source ends, as an index into text."""

    def where(self, pointer: Pointer) -> tuple[int, int]:
        """Line and column (1-based) of the value at pointer, or of its nearest parent."""
        for end in range(len(pointer), -1, -1):
            mark = self.marks.get(pointer[:end])
            if mark is not None:
                return mark
        return (1, 1)

    def where_key(self, pointer: Pointer) -> tuple[int, int]:
        """Line and column of the key that introduces pointer's value."""
        return self.key_marks.get(pointer) or self.where(pointer)

    def find(self, needle: str, pointer: Pointer, after: int = 0) -> tuple[int, int]:
        """Where needle first appears in the source of the value at pointer.

        ``after``: skip that many earlier occurrences inside the value (the second
        of two identical links). Outside the value, it is never looked for.
        """
        line, column = self.where(pointer)
        start = self._line_starts[line - 1] + column - 1
        end = next(
            (
                self.ends[pointer[:n]]
                for n in range(len(pointer), -1, -1)
                if pointer[:n] in self.ends
            ),
            len(self.text),
        )
        index = self.text.find(needle, start, end)
        for _ in range(after):
            if index < 0:
                break
            index = self.text.find(needle, index + 1, end)
        if index < 0:
            return (line, column)
        return _position(self.text, index)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts += [match.end() for match in re.finditer("\n", self.text)]
        return starts


class YamlProblem(Exception):
    """The file cannot be read as data; carries one located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.format())


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _index(mark: Any) -> int:
    return int(mark.index)


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


MAX_DIGITS = 18
"""Longer whole numbers are refused: no field needs them, and Python's int() of
thousands of digits is slow or refused outright."""


def resolve_plain(value: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema.

    Raises ValueError, in an editor's words, for a number that is too large or not finite.
    """
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value) or _OCT.match(value) or _HEX.match(value):
        digits = value.lstrip("+-")
        if len(digits) > MAX_DIGITS:
            raise ValueError(
                f"the number {digits[:12]}... has more than {MAX_DIGITS} digits: "
                "write a smaller number, or put it in quotes if it is text"
            )
        if _INT.match(value):
            return int(value)
        return int(value[2:], 8 if _OCT.match(value) else 16)
    if _FLOAT.match(value) or _INF.match(value) or _NAN.match(value):
        number = float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
        if not math.isfinite(number):
            raise ValueError(
                f"'{value}' is not a finite number: write an ordinary number, "
                "or put it in quotes if it is text"
            )
        return number
    return value


def decode(raw: bytes, path: str) -> str:
    """The file's text, or a problem if it is too large or not UTF-8."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            Problem(
                path,
                1,
                1,
                f"file is larger than the limit of {MAX_BYTES:,} bytes: "
                "split it into smaller files or shorten it",
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise YamlProblem(
            Problem(
                path,
                line,
                column,
                f"file is not UTF-8 (byte 0x{raw[error.start]:02x} here): "
                "save it with UTF-8 encoding",
            )
        ) from None
    text = text.removeprefix("\ufeff")
    # YAML counts these as line breaks, editors and GitHub do not: every position
    # after one would point at the wrong line.
    breaking = _OTHER_LINE_BREAK.search(text)
    if breaking:
        line, column = _position(text, breaking.start())
        raise YamlProblem(
            Problem(
                path,
                line,
                column,
                f"character U+{ord(breaking.group()):04X} is a line break to YAML but not to "
                "editors: replace it with an ordinary line break or a space",
            )
        )
    return text


def _syntax_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _position(text, error.position)
        return Problem(
            path,
            line,
            column,
            f"character U+{error.character:04X} is not allowed in YAML: delete it or retype "
            "the text around it",
        )
    mark = getattr(error, "problem_mark", None)
    line, column = _mark(mark) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if "'\\t'" in problem or "\t" in _indentation(text, line):
        return Problem(
            path,
            line,
            column,
            "a tab character is used for indentation: YAML needs spaces, so replace the tab "
            "with spaces",
        )
    if "maximum nesting depth" in problem:
        return _depth_problem(path, line, column)
    detail = f"{context}, {problem}" if context else problem
    return Problem(
        path,
        line,
        column,
        f"YAML syntax error: {detail}; check the indentation and the quotes on this line "
        "and the one before",
    )


def _indentation(text: str, line: int) -> str:
    """The leading whitespace of a line (1-based), or "" past the end of the text."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    content = lines[line - 1]
    return content[: len(content) - len(content.lstrip(" \t"))]


def _depth_problem(path: str, line: int, column: int) -> Problem:
    return Problem(
        path,
        line,
        column,
        f"data is nested more than {MAX_DEPTH} levels deep: flatten this part of the file",
    )


def parse(text: str, path: str) -> Document:
    """Parse one YAML document into plain data (dict, list, str, int, float, bool, None)."""
    marks: dict[Pointer, tuple[int, int]] = {}
    key_marks: dict[Pointer, tuple[int, int]] = {}
    ends: dict[Pointer, int] = {}
    # Each frame: container, its pointer, and for mappings the pending key.
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0

    def fail(mark: Any, message: str) -> YamlProblem:
        line, column = _mark(mark)
        return YamlProblem(Problem(path, line, column, message))

    def place(value: Any, mark: Any) -> Pointer | None:
        """Attach a value to its parent; returns its pointer, or None if it is a pending key."""
        nonlocal root
        if not stack:
            root = value
            pointer: Pointer = ()
        else:
            frame = stack[-1]
            container, parent = frame[0], frame[1]
            if isinstance(container, list):
                pointer = (*parent, len(container))
                container.append(value)
            elif frame[2] is None:
                return None
            else:
                key, key_mark = frame[2], frame[3]
                pointer = (*parent, key)
                if key in container:
                    first = key_marks[pointer][0]
                    raise fail(
                        key_mark,
                        f"duplicate key '{key}' (first on line {first}): "
                        "keep one of them and delete the other",
                    )
                container[key] = value
                key_marks[pointer] = _mark(key_mark)
                frame[2] = None
        marks[pointer] = _mark(mark)
        return pointer

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise fail(
                    event.start_mark,
                    f"alias '*{event.anchor}' is not allowed: write the value out in full",
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise fail(
                    event.start_mark,
                    f"anchor '&{anchor}' is not allowed: write each value out in full",
                )
            tag = getattr(event, "tag", None)
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent) and tag not in (
                None,
                "!",
            ):
                raise fail(
                    event.start_mark,
                    f"YAML tag '{tag}' is not allowed: remove it and write a plain value",
                )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise fail(
                        event.start_mark,
                        "file holds more than one YAML document: keep one, "
                        "without a second '---' line",
                    )
            elif isinstance(event, yaml.ScalarEvent):
                frame = stack[-1] if stack else None
                if frame is not None and isinstance(frame[0], dict) and frame[2] is None:
                    frame[2], frame[3] = event.value, event.start_mark
                    continue
                # The C parser reports plain style as "", the Python one as None.
                plain = event.implicit[0] and not event.style
                try:
                    value = resolve_plain(event.value) if plain else event.value
                except ValueError as error:
                    raise fail(event.start_mark, str(error)) from None
                scalar = place(value, event.start_mark)
                if scalar is not None:
                    ends[scalar] = _index(event.end_mark)
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    line, column = _mark(event.start_mark)
                    raise YamlProblem(_depth_problem(path, line, column))
                frame = stack[-1] if stack else None
                if frame is not None and isinstance(frame[0], dict) and frame[2] is None:
                    raise fail(
                        event.start_mark,
                        "a key must be plain text, not a list or mapping: check the "
                        "indentation and the ':' on this line",
                    )
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                pointer = place(container, event.start_mark)
                stack.append([container, pointer, None, None])
            elif isinstance(event, yaml.CollectionEndEvent):
                closed = stack.pop()
                if closed[1] is not None:
                    ends[closed[1]] = _index(event.end_mark)
    except yaml.YAMLError as error:
        raise YamlProblem(_syntax_problem(path, text, error)) from None
    return Document(path=path, text=text, data=root, marks=marks, key_marks=key_marks, ends=ends)


def load(raw: bytes, path: str) -> Document:
    """Decode, parse and check that a file holds one mapping."""
    text = decode(raw, path)
    document = parse(text, path)
    if document.data is None:
        raise YamlProblem(
            Problem(path, 1, 1, "file is empty: it must hold fields such as 'title: ...'")
        )
    if not isinstance(document.data, dict):
        found = "a list" if isinstance(document.data, list) else "a single value"
        line, column = document.where(())
        raise YamlProblem(
            Problem(
                path,
                line,
                column,
                f"file holds {found}, but it must hold fields ('name: value' lines) "
                "at the top level",
            )
        )
    return document
