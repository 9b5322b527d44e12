"""Problems found in data/, with their place, printed the way editors read them.

Paths and messages quote data written by anyone who can open a pull request, so
both are passed through :func:`visible` before they reach a terminal or a CI log:
a control character (an ANSI escape, a newline that would start a forged
``::error`` line, a bidi override that reorders what a reviewer reads) shows as
an escape such as ``\\x1b``, ``\\n`` or ``\\u202e``, and one problem is always
exactly one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_INVISIBLE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0, DEL and C1 controls
    "\u061c\u200e\u200f"  # Arabic letter mark, left-to-right and right-to-left marks
    "\u2028\u2029"  # line and paragraph separators: line breaks to str.splitlines()
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u200b\u2060\ufeff"  # zero-width space, word joiner, byte-order mark
    "\ud800-\udfff"  # lone surrogates (an undecodable file name): no encoding can print them
    "]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with each control, line-breaking or bidi character shown as an escape."""
    return _INVISIBLE.sub(_escape, text)


def warnings_report(warnings: list[Problem]) -> str:
    """One line per warning, then a count: what an editor should see but need not fix now."""
    lines = [w.format() for w in sorted(set(warnings))]
    files = len({w.path for w in warnings})
    count = len(set(warnings))
    plural = "s" if count != 1 else ""
    lines.append(f"{count} warning{plural} in {files} file{'s' if files != 1 else ''}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    """A workflow command's message, escaped as ``escapeData`` in actions/toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value, escaped as ``escapeProperty`` in actions/toolkit."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Problem:
    """One error at ``path:line:column`` (both 1-based), in words an editor can act on."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"
    """``error`` (the build stops) or ``warning`` (it goes on, and says so)."""

    def format(self) -> str:
        """One line, ``path:line:column: error: message``, with controls made visible."""
        where = f"{visible(self.path)}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: {visible(self.message)}"

    def github_annotation(self) -> str:
        """A GitHub Actions ``::error`` workflow command, always one line.

        The runner reads each line of stdout as a command, so the text is first made
        visible (no raw newline can start a second command), then escaped by the
        rules of actions/toolkit's ``packages/core/src/command.ts``: ``%``, CR and LF
        in the message, and ``:`` and ``,`` as well in the file property. The
        annotation then reads exactly as the terminal line does.
        """
        path = _escape_property(visible(self.path))
        message = _escape_data(visible(self.message))
        command = "warning" if self.severity == "warning" else "error"
        return f"::{command} file={path},line={self.line},col={self.column}::{message}"


class DataError(Exception):
    """Raised when data/ has problems; holds every one of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__(self.report())

    def report(self) -> str:
        """One line per problem, then a count."""
        lines = [p.format() for p in self.problems]
        files = len({p.path for p in self.problems})
        count = len(self.problems)
        lines.append(
            f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        )
        return "\n".join(lines)
