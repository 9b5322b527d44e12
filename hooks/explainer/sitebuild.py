"""Build the site atomically: refuse unsafe output folders, build beside, swap in on success."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .editions import EDITION_ENV, folder
from .i18n import languages
from .offline import write_zip
from .opendata import NAME, ZIP_FILE

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

    _Handler = Callable[[int, FrameType | None], Any] | int | None

MARKER: Final = ".explainer-build"
"""The file every build leaves in the site: a folder holding it may be replaced."""

MARKER_TEXT: Final = "Built by `explainer build`; the next build replaces this folder.\n"
"""The marker's content, constant so that two builds of one commit stay byte-identical."""

DOCS_DIR: Final = "docs"
DATA_DIR: Final = "data"
INTERRUPTIONS: Final = (signal.SIGINT, signal.SIGTERM)


class SiteDirRefused(ValueError):
    """The --site-dir folder is not one a build may replace; the message says why."""


def _shown(path: Path) -> str:
    text = path.as_posix()
    return text if text.endswith("/") else f"{text}/"


def is_previous_build(folder: Path) -> bool:
    """Whether folder holds the marker that every build writes into the site."""
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def _is_empty(folder: Path) -> bool:
    return next(folder.iterdir(), None) is None


def _project_files(config: Path) -> list[tuple[Path, str]]:
    """The paths a build reads and must never replace, each with how to name it."""
    found: list[tuple[Path, str]] = [(config.resolve(), config.name)]
    # Docs are found beside the config file as given, data beside the file it points to.
    for project in dict.fromkeys([config.absolute().parent.resolve(), config.resolve().parent]):
        found += [(project / DATA_DIR, f"{DATA_DIR}/"), (project / DOCS_DIR, f"{DOCS_DIR}/")]
    override = os.environ.get("EXPLAINER_DATA")
    if override:
        found.append((Path(override).resolve(), "data folder (EXPLAINER_DATA)"))
    return found


def check_site_dir(site_dir: Path, config: Path) -> Path:
    """The resolved folder to build into, or SiteDirRefused if a build must not replace it."""
    given = site_dir.absolute()
    if given.is_symlink():
        raise SiteDirRefused(f"is a symlink (to {given.resolve()}): give the folder itself")
    target = given.resolve()
    if target.exists() and not target.is_dir():
        raise SiteDirRefused("exists and is not a folder")
    projects = {config.absolute().parent.resolve(), config.resolve().parent}
    if target in projects:
        raise SiteDirRefused(f"is the project folder (it holds {config.name})")
    for path, name in _project_files(config):
        if target == path:
            raise SiteDirRefused(f"is the project's {name}")
        if target.is_relative_to(path):
            raise SiteDirRefused(f"is inside the project's {name}")
        if path.is_relative_to(target):
            raise SiteDirRefused(f"contains the project's {name}")
    if ".git" in target.parts:
        raise SiteDirRefused("is inside a .git folder")
    if os.path.lexists(target / ".git"):
        raise SiteDirRefused("holds a .git entry: it looks like a repository")
    if target.is_dir() and not _is_empty(target) and not is_previous_build(target):
        raise SiteDirRefused(
            f"is a folder with files that is not a previous build (no {MARKER} in it): "
            "empty it or choose another folder"
        )
    return target


def _staging_names(site_dir: Path) -> tuple[str, str]:
    return f".{site_dir.name}-building-", f".{site_dir.name}-previous"


def clean_stale_staging(site_dir: Path) -> list[Path]:
    """Remove what interrupted builds left beside site_dir (a resolved path); return it.

    Only folders named ``.<name>-building-*`` or ``.<name>-previous`` that are
    empty or hold the marker are removed: anything else is left alone.
    """
    building, previous = _staging_names(site_dir)
    if not site_dir.parent.is_dir():
        return []
    removed: list[Path] = []
    for entry in sorted(site_dir.parent.iterdir()):
        if not (entry.name.startswith(building) or entry.name == previous):
            continue
        if entry.is_symlink() or not entry.is_dir():
            continue
        if _is_empty(entry) or is_previous_build(entry):
            shutil.rmtree(entry)
            removed.append(entry)
    return removed


def _make_staging(site_dir: Path) -> Path:
    building, _ = _staging_names(site_dir)
    while True:
        staging = site_dir.with_name(f"{building}{secrets.token_hex(4)}")
        try:
            staging.mkdir()  # unlike mkdtemp, honours the umask: the site stays readable
        except FileExistsError:
            continue
        return staging


def mkdocs_command(config: Path, staging: Path) -> list[str]:
    """The mkdocs build that writes the site into staging."""
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config),
        "--site-dir",
        str(staging),
    ]


class _Interruption:
    """The first SIGINT or SIGTERM received, and the mkdocs child to stop."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self.child: subprocess.Popen[bytes] | None = None

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signal is None:
            self.signal = signum
        self.stop_child()

    def stop_child(self) -> None:
        # The child runs in its own process group, so a Ctrl-C in the terminal reaches
        # only us; SIGTERM stops mkdocs at once and without a traceback, SIGINT would not.
        if self.child is not None:
            self.child.send_signal(signal.SIGTERM)

    def run(self, command: list[str], env: dict[str, str]) -> int:
        if self.signal is not None:
            return -signal.SIGTERM
        self.child = subprocess.Popen(command, env=env, process_group=0)
        if self.signal is not None:  # received while the child was being started
            self.stop_child()
        return self.child.wait()


class _Handlers:
    """SIGINT and SIGTERM handled by an _Interruption, the previous handlers restored after."""

    def __init__(self, interruption: _Interruption) -> None:
        self.interruption = interruption
        self.previous: dict[int, _Handler] = {}

    def __enter__(self) -> _Interruption:
        if threading.current_thread() is threading.main_thread():
            for signum in INTERRUPTIONS:
                self.previous[signum] = signal.signal(signum, self.interruption.handle)
        return self.interruption

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def _swap(staging: Path, site_dir: Path) -> None:
    _, previous_name = _staging_names(site_dir)
    previous = site_dir.with_name(previous_name)
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def build(site_dir: Path, config: Path) -> int:
    """Build into a fresh folder beside site_dir, then swap it in: never a half-built site.

    Returns the exit code: 0 when built, 2 when site_dir is refused (nothing is
    touched then), 128 + the signal number when interrupted, else mkdocs' code.
    """
    try:
        target = check_site_dir(site_dir, config)
    except SiteDirRefused as refusal:
        print(f"build refused: --site-dir {_shown(site_dir)} {refusal}", file=sys.stderr)
        return 2
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    clean_stale_staging(target)
    previous = target.with_name(_staging_names(target)[1])
    if previous.exists() or previous.is_symlink():
        # Not removed as stale, so not ours: the swap would delete it.
        print(
            f"build refused: {_shown(previous)} beside the site is not a folder this command "
            "made: move it away, then build again",
            file=sys.stderr,
        )
        return 2
    with _Handlers(_Interruption()) as interruption:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _make_staging(target)
        try:
            # Written first too, so that a staging folder left by a killed build is ours to clean.
            (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            # Every edition, English first: MkDocs empties the folder it builds
            # into (dot files aside), so the other editions' folders come after.
            for language in languages():
                returncode = interruption.run(
                    mkdocs_command(config, staging / folder(language)),
                    {**environment, EDITION_ENV: language},
                )
                if returncode != 0:
                    break
            problem: str | None = None
            if interruption.signal is None and returncode == 0:
                # The offline edition: everything but the marker (a reader's copy is
                # not a folder that a build may replace).
                try:
                    write_zip(staging, staging / ZIP_FILE, NAME, leave_out=frozenset({MARKER}))
                except OSError as error:
                    print(f"could not write the offline zip: {error}", file=sys.stderr)
                    returncode = 1
            if interruption.signal is None and returncode == 0:
                (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
                try:
                    check_site_dir(site_dir, config)  # it may have changed during the build
                except SiteDirRefused as refusal:
                    problem = str(refusal)
            # Decided here: a signal from now on comes too late to stop the swap.
            signum = interruption.signal
            if signum is None and returncode == 0 and problem is None:
                _swap(staging, target)
            else:
                shutil.rmtree(staging, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    if signum is not None:
        print(f"build interrupted: {_shown(site_dir)} was left as it was", file=sys.stderr)
        return 128 + signum
    if returncode != 0:
        print(f"build failed: {_shown(site_dir)} was left as it was", file=sys.stderr)
        return 128 - returncode if returncode < 0 else returncode
    if problem is not None:
        print(f"build refused: --site-dir {_shown(site_dir)} {problem}", file=sys.stderr)
        return 2
    print(f"site built in {target}")
    return 0
