"""Shared fixtures: the repository's paths, case folders, and golden-file comparison.

Also the Hypothesis profiles: with CI set (as .ci/run does), "ci" runs the same
examples on every run of the same code, so that a red build means a change and
not a lucky draw, and prints a blob to replay any failure with
``@reproduce_failure``; without it, "dev" draws new examples each run and keeps
what failed in .hypothesis/ to try first next time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
GOLDEN = ROOT / "tests" / "golden"
SCHEMAS = ROOT / "data" / "schema"
"""The project's schemas: every data folder in the tests is held to them."""

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True, database=None)
settings.register_profile("dev", deadline=None)
# Loaded here, before any test module: a test's own @settings build on the profile then active.
settings.load_profile("ci" if "CI" in os.environ else "dev")


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
    """A writable copy of a data folder (default: the test base) under tmp_path/data.

    The project's schemas are copied into data/schema, as in the real folder,
    unless the source has its own.
    """

    def make(source: Path = CASES / "base", *overlays: Path) -> Path:
        target = tmp_path / "data"
        shutil.copytree(source, target)
        for overlay in overlays:
            shutil.copytree(overlay, target, dirs_exist_ok=True)
        if not (target / "schema").exists():
            shutil.copytree(SCHEMAS, target / "schema")
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


def vocabularies_of_the_schemas() -> dict[str, Any]:
    """The vocabularies (status, phase...) as the loader reads them, for hand-made models."""
    from explainer.registry import vocabularies
    from explainer.schemas import load_schemas

    return vocabularies(load_schemas(SCHEMAS))
