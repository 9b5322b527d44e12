"""Read a data folder into documents by kind and id, reporting every file that does not belong.

Only regular files with the names the registry gives are read. A symlink (which
could publish a file from outside the repository), a device or fifo, a file
with another extension and a folder named like a file are errors at their path,
never skipped in silence.
"""

from __future__ import annotations

import difflib
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import Problem
from .registry import FOLDER_KINDS, SINGLE_FILE_KINDS, by_folder
from .yamlload import MAX_BYTES, Document, Pointer, YamlProblem, load

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""An id, with ``ID.match``. ``\\Z``, not ``$``: ``$`` would accept a final newline."""
MAX_ID_LENGTH = 64
"""Longer ids make file names and URLs that some systems cannot hold."""
RESERVED_IDS = frozenset({"index"})
"""Ids an entity with a page of its own cannot take: ``actors/index.md`` is the actors' index."""
SCHEMA_FOLDER = "schema"
"""data/schema/ holds the format, not content: the reader leaves it alone."""


@dataclass
class Dataset:
    """The files of a data folder that could be read, by kind and id."""

    root: Path
    documents: dict[str, dict[str, Document]] = field(default_factory=dict)
    singles: dict[str, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: dict[str, set[str]] = field(default_factory=dict)
    """Ids of files that exist but could not be read: references to them are not
    reported again, since the file's own problem says what to fix."""

    def ids(self, kind: str) -> set[str]:
        if kind == "event":
            timelines = self.documents.get("timeline", {}).values()
            return {event_id for doc in timelines for _, event_id in event_ids(doc)}
        return set(self.documents.get(kind, {})) | self.unreadable.get(kind, set())

    def all_documents(self) -> Iterator[tuple[str, Document]]:
        """(kind, document) for every file read, single files first."""
        for kind, document in sorted(self.singles.items()):
            yield kind, document
        for kind, documents in self.documents.items():
            for document in documents.values():
                yield kind, document


def event_ids(document: Document) -> Iterator[tuple[Pointer, str]]:
    """(pointer, id) of each event in a timeline document that has a text id."""
    events = document.data.get("events") if isinstance(document.data, dict) else None
    if not isinstance(events, list):
        return
    for index, event in enumerate(events):
        if isinstance(event, dict) and isinstance(event.get("id"), str):
            yield ("events", index, "id"), event["id"]


def display_path(path: Path) -> str:
    """The path as an editor typed it: relative to the working folder when possible."""
    # The folder is resolved, the name is not: a symlink is shown as itself.
    shown = path.absolute().parent.resolve() / path.name
    try:
        return shown.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def problem_at(document: Document, pointer: Pointer, message: str, *, key: bool = False) -> Problem:
    """A problem at the value (or, with ``key``, the key) that pointer names."""
    line, column = document.where_key(pointer) if key else document.where(pointer)
    return Problem(document.path, line, column, message)


def suggestion(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def field_name(pointer: Pointer) -> str:
    """A pointer as an editor reads it: ``events[2].date``."""
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in pointer]
    return ".".join(parts).replace(".[", "[") or "the file"


def slug(stem: str) -> str:
    """A valid id close to a file name an editor typed."""
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", stem.lower())).strip("-") or "my-id"


def read_folder(root: Path) -> Dataset:
    """Read every data file under root; problems in reading are collected, not raised."""
    dataset = Dataset(root=root)
    # The folder itself may be a link (EXPLAINER_DATA, a checkout elsewhere); what
    # it holds may not.
    if not root.is_dir():
        dataset.problems.append(
            Problem(display_path(root), 1, 1, "data folder not found: check the path")
        )
        return dataset
    _check_top_level(root, dataset)
    for kind in SINGLE_FILE_KINDS:
        path = root / str(kind.file)
        if not _entry_is(path, stat.S_ISREG):
            if not path.exists() and not path.is_symlink() and not kind.optional:
                dataset.problems.append(
                    Problem(display_path(path), 1, 1, f"missing file: data needs {kind.file}")
                )
            continue
        document = _read(path, dataset)
        if document is not None:
            dataset.singles[kind.name] = document
    for kind in FOLDER_KINDS:
        dataset.documents[kind.name] = {}
        directory = root / str(kind.folder)
        if not _entry_is(directory, stat.S_ISDIR):
            continue
        for path in sorted(directory.iterdir()):
            stem = _entity_file(path, dataset)
            if stem is None:
                continue
            document = _read(path, dataset)
            if document is not None:
                dataset.documents[kind.name][stem] = document
            else:
                dataset.unreadable.setdefault(kind.name, set()).add(stem)
    return dataset


def _entry_is(path: Path, test: Any) -> bool:
    """Whether path itself (never what a symlink points to) passes the stat test."""
    try:
        return bool(test(path.lstat().st_mode))
    except OSError:
        return False


def _check_top_level(root: Path, dataset: Dataset) -> None:
    files = {str(kind.file) for kind in SINGLE_FILE_KINDS}
    folders = {str(kind.folder) for kind in FOLDER_KINDS} | {SCHEMA_FOLDER}
    for path in sorted(root.iterdir()):
        name = path.name
        if path.is_symlink():
            dataset.problems.append(_symlink_problem(path))
        elif name in files:
            if not _entry_is(path, stat.S_ISREG):
                dataset.problems.append(
                    Problem(display_path(path), 1, 1, f"{name} must be a file, not a folder")
                )
        elif name in folders:
            if not _entry_is(path, stat.S_ISDIR):
                dataset.problems.append(
                    Problem(display_path(path), 1, 1, f"{name} must be a folder of .yaml files")
                )
        else:
            dataset.problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    f"'{name}' does not belong in the data folder"
                    f"{suggestion(name, files | folders)}: it holds only "
                    f"{', '.join(sorted(files))} and the folders "
                    f"{', '.join(sorted(folders))}; move or remove it",
                )
            )


def _symlink_problem(path: Path) -> Problem:
    return Problem(
        display_path(path),
        1,
        1,
        "is a symbolic link: data files must be real files inside the repository, "
        "so that nothing from elsewhere is published; replace the link with the file",
    )


def _entity_file(path: Path, dataset: Dataset) -> str | None:
    """The id of an entity file, or None after reporting why path is not one."""
    shown = display_path(path)
    if path.is_symlink():
        dataset.problems.append(_symlink_problem(path))
        return None
    if not _entry_is(path, stat.S_ISREG):
        what = "a folder" if _entry_is(path, stat.S_ISDIR) else "not a regular file"
        dataset.problems.append(
            Problem(
                shown,
                1,
                1,
                f"is {what}: {path.parent.name}/ holds only .yaml files, one per entity; "
                "move or remove it",
            )
        )
        return None
    if path.suffix == ".yml":
        dataset.problems.append(Problem(shown, 1, 1, f"rename the file to {path.stem}.yaml"))
        return None
    if path.suffix != ".yaml":
        kind = by_folder(path.parent.name)
        label = kind.label if kind else "entity"
        dataset.problems.append(
            Problem(
                shown,
                1,
                1,
                f"'{path.name}' is not a .yaml file: each {label} is a file named <id>.yaml; "
                "rename it, or move it out of data/",
            )
        )
        return None
    if not ID.match(path.stem) or len(path.stem) > MAX_ID_LENGTH:
        dataset.problems.append(
            Problem(
                shown,
                1,
                1,
                f"file name '{path.name}' is not a valid id: use lowercase letters, "
                f"digits and single hyphens, at most {MAX_ID_LENGTH} characters, "
                f"such as '{slug(path.stem)[:MAX_ID_LENGTH]}.yaml'",
            )
        )
        return None
    kind = by_folder(path.parent.name)
    if path.stem in RESERVED_IDS and kind is not None and kind.page and not kind.anchored:
        dataset.problems.append(
            Problem(
                shown,
                1,
                1,
                f"'{path.stem}' cannot be an id here: {kind.folder}/{path.stem} is the page "
                f"that lists every {kind.label}; choose another name",
            )
        )
        return None
    return path.stem


def _read(path: Path, dataset: Dataset) -> Document | None:
    shown = display_path(path)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit so an oversized file is caught unread.
            raw = handle.read(MAX_BYTES + 1)
        return load(raw, shown)
    except YamlProblem as error:
        dataset.problems.append(error.problem)
    except OSError as error:
        dataset.problems.append(Problem(shown, 1, 1, f"cannot read the file: {error.strerror}"))
    return None
