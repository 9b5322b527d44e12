"""``explainer diff``: what changed in data/ between a git revision and the working tree.

The summary is written for a reviewer reading a pull request: one line per
entity that was added, removed or changed, naming the fields and, for short
values, the old and the new value.

Every text that comes from data (ids, keys, values, titles) and the revision's
name are written so that they cannot form Markdown or HTML: in plain text the
characters that make markup are backslash-escaped, in code spans the fence is
longer than any run of backticks inside, and control characters show as
escapes (see :func:`explainer.problems.visible`).
"""

from __future__ import annotations

import difflib
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from .model import PartialDate
from .problems import visible
from .reading import Dataset, read_folder
from .registry import FILE_KINDS

KIND_ORDER = {kind.name: index for index, kind in enumerate(FILE_KINDS)}

SHORT = 60

HISTORY = "status_history"

# What can start markup inside a line: emphasis and strikethrough, links and
# images, code, raw HTML and entities, table cells, math, mentions and issue
# references. Data never starts a line (controls are escaped), so block markers
# such as "-" or "1." are left alone.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]()<>&|#$@])")
_BACKTICKS = re.compile(r"`+")


class RevisionError(Exception):
    """The revision is not a commit, or git cannot give data/ as it was there."""


def md(text: object) -> str:
    """Data as plain Markdown text: it reads exactly as written and forms no markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(str(text)))


def code(text: object) -> str:
    """Data as a Markdown code span, whatever backticks it holds."""
    content = visible(str(text))
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(content)), default=0) + 1)
    spaced = content.startswith(" ") and content.endswith(" ") and content.strip(" ")
    if content.startswith("`") or content.endswith("`") or spaced:
        # A span drops one space at each end: these keep their own.
        content = f" {content} "
    return f"{fence}{content or ' '}{fence}"


@dataclass(frozen=True)
class Change:
    kind: str
    entity: str
    what: str
    """"added", "removed" or "changed"."""
    details: tuple[str, ...] = ()

    def line(self) -> str:
        head = f"- **{md(self.kind)} {code(self.entity)}**: {self.what}"
        return head + ("; " + "; ".join(self.details) if self.details else "")


def _entities(dataset: Dataset) -> dict[tuple[str, str], Any]:
    entities: dict[tuple[str, str], Any] = {}
    for kind, document in dataset.singles.items():
        entities[(kind, kind)] = document.data
    for kind, documents in dataset.documents.items():
        for entity_id, document in documents.items():
            entities[(kind, entity_id)] = document.data
    return entities


def _show(value: Any) -> str:
    """A short value as Markdown, or "" when it is too long to show."""
    if isinstance(value, str):
        text = " ".join(value.split())
        return f'"{md(text)}"' if len(text) <= SHORT else ""
    if isinstance(value, list) and all(
        isinstance(v, int) or (isinstance(v, str) and len(v) <= SHORT) for v in value
    ):
        return ", ".join(md(v) for v in value)
    if isinstance(value, int | float | bool) or value is None:
        return str(value)
    return ""


def _field_changes(old: Any, new: Any, prefix: str = "") -> list[str]:
    details: list[str] = []
    for key in sorted(set(old) | set(new), key=str):
        path = f"{prefix}{key}"
        name = md(path)
        if key not in old:
            shown = _show(new[key])
            details.append(f"new {name}" + (f" {shown}" if shown else ""))
        elif key not in new:
            details.append(f"{name} removed")
        elif old[key] != new[key]:
            a, b = old[key], new[key]
            if key == HISTORY and isinstance(a, list) and isinstance(b, list):
                details.extend(_history_changes(a, b))
            elif isinstance(a, dict) and isinstance(b, dict):
                details.extend(_field_changes(a, b, f"{path}."))
            elif _keyed(a) and _keyed(b):
                # Events and comparison rows are told apart by their ids.
                singular = md(_singular(path))
                old_items = {item["id"]: item for item in a}
                new_items = {item["id"]: item for item in b}
                for item_id in [*old_items, *(i for i in new_items if i not in old_items)]:
                    shown_id = md(item_id)
                    if item_id not in new_items:
                        details.append(f"{singular} {shown_id} removed")
                    elif item_id not in old_items:
                        details.append(f"new {singular} {shown_id}")
                    elif old_items[item_id] != new_items[item_id]:
                        inner = _field_changes(old_items[item_id], new_items[item_id])
                        details.append(f"{singular} {shown_id}: {', '.join(inner)}")
            elif isinstance(a, list) and isinstance(b, list) and _is_id_list(a, b):
                added = [v for v in b if v not in a]
                removed = [v for v in a if v not in b]
                parts = [f"+{md(v)}" for v in added] + [f"-{md(v)}" for v in removed]
                details.append(f"{name} {' '.join(parts)}" if parts else f"{name} reordered")
            elif _show(a) and _show(b):
                details.append(f"{name} {_show(a)} -> {_show(b)}")
            else:
                details.append(f"{name} changed")
    return details


def _history_changes(old: list[Any], new: list[Any]) -> list[str]:
    """A status history's changes as a reviewer reads them.

    Steps are matched by content, so a step added at the end reads as the move
    it is ("status reported -> proposed, 6 January 2026"), one added or removed
    elsewhere is named as such, an edited step lists its fields, and a change of
    the current status is always said.
    """
    details: list[str] = []
    moved = False  # the current step is a new one, told as a move
    matcher = difflib.SequenceMatcher(a=[_key(s) for s in old], b=[_key(s) for s in new])
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            for index in range(b2 - b1):
                a, b = old[a1 + index], new[b1 + index]
                inner = _field_changes(a, b) if isinstance(a, dict) and isinstance(b, dict) else []
                details.append(f"status step {b1 + index + 1}: {', '.join(inner) or 'changed'}")
            continue
        for step in old[a1:a2]:
            details.append(f"status step removed ({_step_words(step)})")
        for index in range(b1, b2):
            if index == len(new) - 1 and a2 == len(old):
                details.append(_step_move(new[index - 1] if index else None, new[index]))
                moved = True
            else:
                details.append(f"status step added ({_step_words(new[index])})")
    before, after = _current(old), _current(new)
    if before != after and not moved:
        details.append(f"current status {md(before)} -> {md(after)}")
    return details


def _key(step: Any) -> str:
    return repr(step)


def _word(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _step_words(step: Any) -> str:
    """``reported, 18 December 2025``: a step in a few words."""
    if not isinstance(step, dict):
        return "not a step"
    date = PartialDate.parse_or_none(step.get("date"))
    parts = [md(w) for w in (_word(step.get("status")), _word(step.get("binding"))) if w]
    return ", ".join([*parts, *([md(date.label)] if date else [])]) or "no status"


def _current(steps: list[Any]) -> str:
    """The status a history ends on, or "none"."""
    last = steps[-1] if steps else None
    status = _word(last.get("status")) if isinstance(last, dict) else None
    return status or "none"


def _step_move(before: Any, step: Any) -> str:
    """``status reported -> proposed, 6 January 2026``: a new step against the one before it."""
    if not isinstance(step, dict):
        return "new status step"
    moves = []
    for field in ("status", "binding"):
        was = _word(before.get(field)) if isinstance(before, dict) else None
        now = _word(step.get(field))
        if now is None:
            continue
        if was is None:
            moves.append(f"{field} {md(now)}")
        elif was != now:
            moves.append(f"{field} {md(was)} -> {md(now)}")
    date = PartialDate.parse_or_none(step.get("date"))
    when = f", {md(date.label)}" if date is not None else ""
    return f"{' and '.join(moves) or 'new status step'}{when}"


def _keyed(items: Any) -> bool:
    return isinstance(items, list) and all(
        isinstance(item, dict) and isinstance(item.get("id"), str) for item in items
    )


def _singular(path: str) -> str:
    """``events`` -> ``event``, ``entries`` -> ``entry``: one item of a keyed list."""
    return path[:-3] + "y" if path.endswith("ies") else path.removesuffix("s")


def _title(data: Any) -> tuple[str, ...]:
    """What the entity is called. Only a headline is in quotation marks: the
    site keeps those for words a publisher printed, not for its own descriptions."""
    if not isinstance(data, dict):
        return ()
    for field in ("headline", "title", "name", "term"):
        if isinstance(data.get(field), str):
            text = " ".join(data[field].split())
            if len(text) > SHORT:  # a long title is cut, not replaced by the field's name
                text = text[: SHORT - 1].rsplit(" ", 1)[0] + "…"
            return (f'"{md(text)}"' if field == "headline" else md(text),)
    return ()


def _is_id_list(a: list[Any], b: list[Any]) -> bool:
    return all(isinstance(v, str) and len(v) <= SHORT for v in [*a, *b])


def compare(old: Dataset, new: Dataset) -> list[Change]:
    before, after = _entities(old), _entities(new)
    changes: list[Change] = []
    for kind, entity in sorted(set(before) | set(after), key=lambda k: (KIND_ORDER[k[0]], k[1])):
        key = (kind, entity)
        if key not in before:
            changes.append(Change(kind, entity, "added", _title(after[key])))
        elif key not in after:
            changes.append(Change(kind, entity, "removed"))
        elif before[key] != after[key]:
            old_data, new_data = before[key], after[key]
            if isinstance(old_data, dict) and isinstance(new_data, dict):
                details = tuple(_field_changes(old_data, new_data))
            else:
                details = ()
            changes.append(Change(kind, entity, "changed", details))
    return changes


def summary(changes: list[Change], base: str) -> str:
    """Markdown for a pull-request comment or a CI job summary."""
    heading = f"### Data changes since {code(base)}"
    if not changes:
        return f"{heading}\n\nNo change in `data/`.\n"
    counts = {
        what: sum(c.what == what for c in changes) for what in ("added", "changed", "removed")
    }
    tally = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    lines = [heading, "", tally, "", *(c.line() for c in changes)]
    return "\n".join(lines) + "\n"


def _git(arguments: list[str], cwd: Path) -> bytes:
    """The output of a git command; any failure as a one-line RevisionError."""
    try:
        result = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, check=False)
    except OSError as error:
        raise RevisionError(f"cannot run git: {error.strerror or error}") from None
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(visible(said[-1]) if said else f"git {arguments[0]} failed")
    return result.stdout


def commit_of(revision: str, repository: Path) -> str:
    """The commit id a revision names; never read as an option, whatever it starts with."""
    if "\0" in revision:
        raise RevisionError("not a commit in this repository")
    try:
        commit = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            repository,
        )
    except RevisionError:
        raise RevisionError("not a commit in this repository") from None
    return commit.decode("ascii").strip()


def dataset_at(revision: str, data: Path) -> Dataset:
    """Read data/ as it was at a git revision, without touching the working tree.

    Raises RevisionError, with a one-line message, when that cannot be done.
    """
    if not data.is_dir():
        raise RevisionError(f"{visible(data.as_posix())} is not a folder")
    repository = Path(
        _git(["rev-parse", "--show-toplevel"], data).decode("utf-8", "surrogateescape").strip()
    )
    try:
        relative = data.resolve().relative_to(repository.resolve()).as_posix()
    except ValueError:
        raise RevisionError(
            f"{visible(str(data))} is not inside {visible(str(repository))}"
        ) from None
    commit = commit_of(revision, repository)
    # The commit is a hex id: nothing in it can be taken for an option.
    archive = _git(["archive", "--format=tar", commit, "--", relative], repository)
    with tempfile.TemporaryDirectory() as folder:
        try:
            with tarfile.open(fileobj=BytesIO(archive)) as tar:
                tar.extractall(folder, filter="data")
        except tarfile.TarError as error:
            raise RevisionError(f"cannot unpack data/ there: {visible(str(error))}") from None
        # Everything is read into memory, so the folder can go.
        return read_folder(Path(folder) / relative)
