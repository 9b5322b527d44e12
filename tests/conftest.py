"""Shared fixtures: the repository's paths, case folders, and golden-file comparison."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
GOLDEN = ROOT / "tests" / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output (then review the diff)",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/<name>, or rewrite it under --update-golden."""
    update = bool(request.config.getoption("--update-golden"))

    def compare(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}: run `make golden` and review it"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{name} differs from its golden file; see `make golden`"

    return compare


@pytest.fixture
def data_copy(tmp_path: Path) -> Callable[..., Path]:
    """A writable copy of a data folder (default: the test base) under tmp_path/data."""

    def make(source: Path = CASES / "base", *overlays: Path) -> Path:
        target = tmp_path / "data"
        shutil.copytree(source, target)
        for overlay in overlays:
            shutil.copytree(overlay, target, dirs_exist_ok=True)
        return target

    return make


def build_site(
    site_dir: Path,
    *,
    data: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``explainer build`` (mkdocs build --strict, then swap) as a user would."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment.pop("EXPLAINER_DATA", None)
    if data is not None:
        environment["EXPLAINER_DATA"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "explainer", "build", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the repository's data, for tests that only read it."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = build_site(site)
    assert result.returncode == 0, result.stderr
    return site
