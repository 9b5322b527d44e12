"""``explainer build --site-dir``: refuses folders it must not replace, swaps atomically,
cleans what interrupted builds left, and survives SIGINT and SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from explainer import sitebuild
from explainer.cli import main
from explainer.opendata import NAME, ZIP_FILE
from explainer.sitebuild import MARKER, MARKER_TEXT, check_site_dir, clean_stale_staging

from conftest import ROOT


def snapshot(root: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under root, byte for byte, without following symlinks."""
    found: dict[str, tuple[str, bytes | str]] = {}
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder, name)
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[relative] = ("link", str(path.readlink()))
            elif path.is_dir():
                found[relative] = ("dir", b"")
            else:
                found[relative] = ("file", path.read_bytes())
    return found


def write(files: dict[str, str], root: Path) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def previous_build(site: Path) -> None:
    """A site as an earlier build left it: pages and the marker."""
    write({"index.html": "<p>previous build</p>\n", "old.html": "<p>gone</p>\n"}, site)
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_data_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXPLAINER_DATA", raising=False)


@pytest.fixture
def no_mkdocs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a refused build gets as far as starting mkdocs."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("mkdocs was started for a refused --site-dir")

    monkeypatch.setattr(subprocess, "Popen", refuse)


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake checkout (config, data/, docs/, .git/), the working folder for the test."""
    root = tmp_path / "checkout"
    write(
        {
            "mkdocs.yml": "site_name: Fake\n",
            "data/actors/poland.yaml": "id: poland\n",
            "docs/index.md": "# Fake\n",
            ".git/HEAD": "ref: refs/heads/main\n",
        },
        root,
    )
    monkeypatch.chdir(root)
    return root


FAKE_MKDOCS = """
import os, pathlib, signal, sys, time
staging = pathlib.Path(sys.argv[1])
staging.mkdir(exist_ok=True)  # an edition's folder inside the site, as mkdocs makes it
(staging / "index.html").write_text("<p>new build</p>\\n")
mode = sys.argv[2]
if mode == "fail":
    sys.exit(3)
if mode != "ok":
    os.kill(os.getppid(), getattr(signal, mode))
    time.sleep(60)
"""


def fake_mkdocs(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    """Replace mkdocs by a quick script: "ok", "fail", or the name of a signal it sends us."""

    def command(config: Path, staging: Path) -> list[str]:
        return [sys.executable, "-c", FAKE_MKDOCS, str(staging), mode]

    monkeypatch.setattr(sitebuild, "mkdocs_command", command)


@pytest.mark.parametrize(
    ("site_dir", "reason"),
    [
        (".", "is the project folder (it holds mkdocs.yml)"),
        ("data", "is the project's data/"),
        ("docs", "is the project's docs/"),
        ("data/actors", "is inside the project's data/"),
        ("docs/not-yet/site", "is inside the project's docs/"),
        ("..", "contains the project's mkdocs.yml"),
    ],
)
def test_the_checkout_and_its_sources_are_refused_and_untouched(
    checkout: Path, no_mkdocs: None, capsys: pytest.CaptureFixture[str], site_dir: str, reason: str
) -> None:
    before = snapshot(checkout.parent)
    assert main(["build", "--site-dir", site_dir, "--config-file", "mkdocs.yml"]) == 2
    assert capsys.readouterr().err == f"build refused: --site-dir {site_dir}/ {reason}\n"
    assert snapshot(checkout.parent) == before


def test_the_checkout_is_refused_from_anywhere_and_through_a_symlink(
    checkout: Path, no_mkdocs: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "alias").symlink_to(checkout, target_is_directory=True)
    config = str(checkout / "mkdocs.yml")
    before = snapshot(tmp_path)
    assert main(["build", "--site-dir", str(checkout), "--config-file", config]) == 2
    assert main(["build", "--site-dir", f"{tmp_path}/alias/data", "--config-file", config]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"build refused: --site-dir {checkout}/ is the project folder (it holds mkdocs.yml)",
        f"build refused: --site-dir {tmp_path}/alias/data/ is the project's data/",
    ]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("git", ["folder", "file"])
def test_a_folder_holding_git_is_refused_even_if_it_looks_built(
    tmp_path: Path, no_mkdocs: None, capsys: pytest.CaptureFixture[str], git: str
) -> None:
    published = tmp_path / "published"
    previous_build(published)
    if git == "folder":
        write({".git/config": "[core]\n", ".git/objects/ab/cdef": "blob"}, published)
    else:
        write({".git": "gitdir: ../elsewhere/.git\n"}, published)
    before = snapshot(tmp_path)
    assert main(["build", "--site-dir", str(published), "--config-file", "mkdocs.yml"]) == 2
    assert capsys.readouterr().err == (
        f"build refused: --site-dir {published}/ holds a .git entry: it looks like a repository\n"
    )
    assert snapshot(tmp_path) == before


def test_a_non_empty_folder_that_is_not_a_previous_build_is_refused(
    tmp_path: Path, no_mkdocs: None, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes"
    write({"todo.txt": "buy milk\n", "drafts/plan.md": "# Plan\n"}, notes)
    before = snapshot(tmp_path)
    assert main(["build", "--site-dir", str(notes)]) == 2
    assert capsys.readouterr().err == (
        f"build refused: --site-dir {notes}/ is a folder with files that is not a previous "
        f"build (no {MARKER} in it): empty it or choose another folder\n"
    )
    assert snapshot(tmp_path) == before


def test_a_file_or_a_symlink_is_refused(
    tmp_path: Path, no_mkdocs: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "site.html").write_text("<p>a page</p>\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "empty", target_is_directory=True)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    before = snapshot(tmp_path)
    for name in ("site.html", "link", "dangling"):
        assert main(["build", "--site-dir", str(tmp_path / name)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"build refused: --site-dir {tmp_path}/site.html/ exists and is not a folder",
        f"build refused: --site-dir {tmp_path}/link/ is a symlink (to {tmp_path}/empty): "
        "give the folder itself",
        f"build refused: --site-dir {tmp_path}/dangling/ is a symlink (to {tmp_path}/nowhere): "
        "give the folder itself",
    ]
    assert snapshot(tmp_path) == before


def test_the_data_folder_given_by_explainer_data_is_refused(
    tmp_path: Path,
    no_mkdocs: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "synthetic"
    write({"actors/a.yaml": "id: a\n"}, data)
    (data / MARKER).write_text(MARKER_TEXT)  # even a marker does not make it a site
    monkeypatch.setenv("EXPLAINER_DATA", str(data))
    before = snapshot(tmp_path)
    assert main(["build", "--site-dir", str(data)]) == 2
    assert capsys.readouterr().err == (
        f"build refused: --site-dir {data}/ is the project's data folder (EXPLAINER_DATA)\n"
    )
    assert snapshot(tmp_path) == before


def test_a_missing_an_empty_or_a_previously_built_folder_is_accepted(
    checkout: Path, tmp_path: Path
) -> None:
    config = checkout / "mkdocs.yml"
    (checkout / "empty").mkdir()
    previous_build(checkout / "site")
    for name in ("site", "empty", "not-yet"):
        assert check_site_dir(Path(name), config) == checkout / name
    assert check_site_dir(tmp_path / "elsewhere" / "site", config) == tmp_path / "elsewhere/site"


def test_only_our_stale_staging_folders_are_cleaned(tmp_path: Path) -> None:
    for name in (".site-building-killed", ".site-previous", ".other-building-x"):
        previous_build(tmp_path / name)
    (tmp_path / ".site-building-empty").mkdir()
    write({"mine.txt": "keep me\n"}, tmp_path / ".site-building-notours")
    write({"keep.txt": "keep me\n"}, tmp_path / ".site-previous-backup")
    previous_build(tmp_path / "target")
    (tmp_path / ".site-building-link").symlink_to(tmp_path / "target")
    kept = {
        name: snapshot(tmp_path / name)
        for name in (".other-building-x", ".site-building-notours", ".site-previous-backup")
    }
    removed = clean_stale_staging(tmp_path / "site")
    assert sorted(p.name for p in removed) == [
        ".site-building-empty",
        ".site-building-killed",
        ".site-previous",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other-building-x",
        ".site-building-link",
        ".site-building-notours",
        ".site-previous-backup",
        "target",
    ]
    assert {name: snapshot(tmp_path / name) for name in kept} == kept
    assert is_built(tmp_path / "target")


def is_built(site: Path) -> bool:
    return (site / MARKER).read_text() == MARKER_TEXT


def test_a_build_replaces_the_previous_one_and_cleans_stale_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_mkdocs(monkeypatch, "ok")
    site = tmp_path / "site"
    previous_build(site)
    previous_build(tmp_path / ".site-building-killed")
    write({"mine.txt": "keep me\n"}, tmp_path / ".site-building-notours")
    assert main(["build", "--site-dir", str(site)]) == 0
    assert capsys.readouterr().out == f"site built in {site}\n"
    # Every edition is built into the one site: English at its root, Ukrainian in uk/.
    assert snapshot(site) == {
        MARKER: ("file", MARKER_TEXT.encode()),
        "index.html": ("file", b"<p>new build</p>\n"),
        "uk": ("dir", b""),
        "uk/index.html": ("file", b"<p>new build</p>\n"),
        ZIP_FILE: ("file", (site / ZIP_FILE).read_bytes()),
    }
    with zipfile.ZipFile(site / ZIP_FILE) as offline:
        assert offline.namelist() == [f"{NAME}/index.html", f"{NAME}/uk/index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-building-notours", "site"]


def test_a_failed_build_leaves_the_previous_site_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_mkdocs(monkeypatch, "fail")
    site = tmp_path / "site"
    previous_build(site)
    before = snapshot(tmp_path)
    assert main(["build", "--site-dir", str(site)]) == 3
    assert capsys.readouterr().err == f"build failed: {site}/ was left as it was\n"
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_during_the_build_stops_mkdocs_and_leaves_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    fake_mkdocs(monkeypatch, name)  # the fake mkdocs signals us, then waits to be stopped
    signum = getattr(signal, name)
    handler = signal.getsignal(signum)
    site = tmp_path / "site"
    previous_build(site)
    before = snapshot(tmp_path)
    start = time.monotonic()
    assert main(["build", "--site-dir", str(site)]) == 128 + signum
    assert time.monotonic() - start < 30
    assert capsys.readouterr().err == f"build interrupted: {site}/ was left as it was\n"
    assert snapshot(tmp_path) == before
    assert signal.getsignal(signum) is handler


def run_build(site: Path, log: Path) -> subprocess.Popen[bytes]:
    """``explainer build`` of the repository's site, as a user would start it."""
    environment = {k: v for k, v in os.environ.items() if k != "EXPLAINER_DATA"}
    command = [sys.executable, "-m", "explainer", "build", "--site-dir", str(site)]
    with log.open("wb") as out:
        return subprocess.Popen(
            [*command, "--config-file", str(ROOT / "mkdocs.yml")],
            cwd=site.parent,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@pytest.mark.slow
def test_a_real_build_replaces_the_previous_site_and_marks_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    site = out / "site"
    previous_build(site)
    previous_build(out / ".site-building-killed")
    build = run_build(site, tmp_path / "log")
    assert build.wait(timeout=600) == 0, (tmp_path / "log").read_text()
    assert "Traceback" not in (tmp_path / "log").read_text()
    assert not (site / "old.html").exists()
    assert "previous build" not in (site / "index.html").read_text()
    assert (site / "actors" / "index.html").is_file()
    assert is_built(site)
    assert sorted(p.name for p in out.iterdir()) == ["site"]


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_real_build_interrupted_leaves_the_previous_site(tmp_path: Path, name: str) -> None:
    signum = getattr(signal, name)
    out = tmp_path / "out"
    site = out / "site"
    previous_build(site)
    before = snapshot(out)
    log = tmp_path / "log"
    build = run_build(site, log)
    deadline = time.monotonic() + 120
    while not list(out.glob(".site-building-*")) and build.poll() is None:
        assert time.monotonic() < deadline, "no staging folder appeared"
        time.sleep(0.01)
    mkdocs: list[int] = []
    while not mkdocs and build.poll() is None and time.monotonic() < deadline:
        mkdocs = children(build.pid)  # stays empty where there is no /proc
        if not mkdocs and not Path("/proc").is_dir():
            break
        time.sleep(0.01)
    while "Building documentation" not in log.read_text() and build.poll() is None:
        assert time.monotonic() < deadline, "mkdocs did not start building"
        time.sleep(0.01)
    assert build.poll() is None, log.read_text()
    os.kill(build.pid, signum)
    assert build.wait(timeout=60) == 128 + signum
    output = log.read_text()
    assert output.splitlines()[-1] == f"build interrupted: {site}/ was left as it was"
    assert output.count("build interrupted") == 1
    assert "Traceback" not in output
    assert "Aborted" not in output  # what mkdocs says when it gets SIGINT itself
    assert "Documentation built" not in output  # mkdocs was stopped, not waited for
    assert snapshot(out) == before
    time.sleep(0.5)  # a mkdocs still running would recreate its staging folder
    assert sorted(p.name for p in out.iterdir()) == ["site"]
    for pid in mkdocs:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
