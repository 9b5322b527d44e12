"""Problems found in data/, with their place, printed the way editors read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One error at ``path:line:column`` (both 1-based), in words an editor can act on."""

    path: str
    line: int
    column: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}"

    def github_annotation(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message, and , and :
        # too in properties; see GitHub's "workflow commands" documentation.
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.column}::{message}"


class DataError(Exception):
    """Raised when data/ has problems; holds every one of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.format() for p in self.problems]
        files = len({p.path for p in self.problems})
        count = len(self.problems)
        lines.append(
            f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        )
        return "\n".join(lines)
