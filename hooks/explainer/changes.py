"""``explainer diff``: what changed in data/ between a git revision and the working tree.

The summary is written for a reviewer reading a pull request: one line per
entity that was added, removed or changed, naming the fields and, for short
values, the old and the new value.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from .validate import Dataset, read_folder

SHORT = 60
KIND_ORDER = ("site", "comparison", "guarantee", "actor", "source", "timeline", "term")


@dataclass(frozen=True)
class Change:
    kind: str
    entity: str
    what: str
    """"added", "removed" or "changed"."""
    details: tuple[str, ...] = ()

    def line(self) -> str:
        head = f"- **{self.kind} `{self.entity}`**: {self.what}"
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
    if isinstance(value, str):
        text = " ".join(value.split())
        return f'"{text}"' if len(text) <= SHORT else ""
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, int | float | bool) or value is None:
        return str(value)
    return ""


def _field_changes(old: Any, new: Any, prefix: str = "") -> list[str]:
    details: list[str] = []
    for key in sorted(set(old) | set(new), key=str):
        name = f"{prefix}{key}"
        if key not in old:
            shown = _show(new[key])
            details.append(f"new {name}" + (f" {shown}" if shown else ""))
        elif key not in new:
            details.append(f"{name} removed")
        elif old[key] != new[key]:
            a, b = old[key], new[key]
            if isinstance(a, dict) and isinstance(b, dict):
                details.extend(_field_changes(a, b, f"{name}."))
            elif _keyed(a) and _keyed(b):
                # Events and comparison rows are told apart by their ids.
                singular = name.rstrip("s")
                old_items = {item["id"]: item for item in a}
                new_items = {item["id"]: item for item in b}
                for item_id in [*old_items, *(i for i in new_items if i not in old_items)]:
                    if item_id not in new_items:
                        details.append(f"{singular} {item_id} removed")
                    elif item_id not in old_items:
                        details.append(f"new {singular} {item_id}")
                    elif old_items[item_id] != new_items[item_id]:
                        inner = _field_changes(old_items[item_id], new_items[item_id])
                        details.append(f"{singular} {item_id}: {', '.join(inner)}")
            elif isinstance(a, list) and isinstance(b, list) and _is_id_list(a, b):
                added = [v for v in b if v not in a]
                removed = [v for v in a if v not in b]
                parts = [f"+{v}" for v in added] + [f"-{v}" for v in removed]
                details.append(f"{name} {' '.join(parts)}" if parts else f"{name} reordered")
            elif _show(a) and _show(b):
                details.append(f"{name} {_show(a)} -> {_show(b)}")
            else:
                details.append(f"{name} changed")
    return details


def _keyed(items: Any) -> bool:
    return isinstance(items, list) and all(
        isinstance(item, dict) and isinstance(item.get("id"), str) for item in items
    )


def _title(data: Any) -> tuple[str, ...]:
    if not isinstance(data, dict):
        return ()
    for field in ("title", "name", "term"):
        if isinstance(data.get(field), str):
            return (_show(data[field]) or field,)
    return ()


def _is_id_list(a: list[Any], b: list[Any]) -> bool:
    return all(isinstance(v, str) and len(v) <= SHORT for v in [*a, *b])


def compare(old: Dataset, new: Dataset) -> list[Change]:
    before, after = _entities(old), _entities(new)
    changes: list[Change] = []
    for kind, entity in sorted(
        set(before) | set(after), key=lambda k: (KIND_ORDER.index(k[0]), k[1])
    ):
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
    if not changes:
        return f"### Data changes since `{base}`\n\nNo change in `data/`.\n"
    counts = {
        what: sum(c.what == what for c in changes) for what in ("added", "changed", "removed")
    }
    tally = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    lines = [f"### Data changes since `{base}`", "", tally, "", *(c.line() for c in changes)]
    return "\n".join(lines) + "\n"


def dataset_at(revision: str, data: Path) -> Dataset:
    """Read data/ as it was at a git revision, without touching the working tree."""
    repository = Path(
        subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=data,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    relative = data.resolve().relative_to(repository.resolve()).as_posix()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, relative],
        cwd=repository,
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        # Everything is read into memory, so the folder can go.
        return read_folder(Path(folder) / relative)
