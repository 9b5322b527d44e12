"""Every bad-input case in tests/cases/invalid gives its exact messages and a non-zero exit.

A case is a folder holding ``data/`` (files laid over tests/cases/base) and
``expected.txt`` (what ``explainer check`` prints). Valid cases in
tests/cases/valid must pass. ``make golden`` rewrites the expected files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from explainer.cli import main
from explainer.yamlload import MAX_BYTES

from conftest import CASES, ROOT, SCHEMAS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())


def run_check(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    os.chdir(data.parent)
    code = main(["check", "--data", "data"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(
    case: Path,
    data_copy: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    data = data_copy(CASES / "base", case / "data")
    code, _, err = run_check(data, capsys)
    assert code == 1
    expected_file = case / "expected.txt"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(err, encoding="utf-8")
    assert err == expected_file.read_text(encoding="utf-8")
    assert "Traceback" not in err


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case(
    case: Path, data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(CASES / "base", case / "data")
    code, out, err = run_check(data, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("data: no problems")


def test_a_20_megabyte_file_is_refused_unread(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    (data / "actors" / "huge.yaml").write_bytes(b"name: " + b"x" * 20_000_000 + b"\n")
    code, _, err = run_check(data, capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        f"data/actors/huge.yaml:1:1: error: file is larger than the limit of {MAX_BYTES:,} "
        "bytes: split it into smaller files or shorten it"
    )


def test_a_field_of_a_list_entry_written_at_the_top_is_only_moved_for_status(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # 'note' belongs to a status step too, but it never lived at the top of a
    # guarantee: the editor gets the usual list of fields, not a move.
    data = data_copy(CASES / "base")
    guarantee = data / "guarantees" / "first-line.yaml"
    guarantee.write_text(guarantee.read_text() + "note: A note.\n")
    code, _, err = run_check(data, capsys)
    assert code == 1
    assert "unknown field 'note'; allowed here: as_of, beneficiaries," in err
    assert "status_history" in err and "write it in a step" not in err


def test_every_problem_is_reported_in_one_run(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [CASES / "invalid" / name / "data" for name in ("unknown-key", "http-url", "id-key")]
    data = data_copy(CASES / "base", *cases)
    code, _, err = run_check(data, capsys)
    lines = err.splitlines()
    assert code == 1
    assert [line.split(": error:")[0] for line in lines[:-1]] == [
        "data/actors/russia.yaml:1:1",
        "data/guarantees/first-line.yaml:16:1",
        "data/sources/bloomberg-2025-12-18.yaml:6:6",
    ]
    assert lines[-1] == "3 errors in 3 files"


def test_github_annotations_when_running_in_actions(
    data_copy: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    data = data_copy(CASES / "base", CASES / "invalid" / "unknown-id" / "data")
    code, out, _ = run_check(data, capsys)
    assert code == 1
    assert out == (
        "::error file=data/guarantees/first-line.yaml,line=7,col=13::unknown actor "
        "'united-sates' (did you mean 'united-states'?); it must be the name of a file in "
        "data/actors/\n"
    )


def test_command_line_exits_non_zero_without_traceback(data_copy: Callable[..., Path]) -> None:
    data = data_copy(CASES / "base", CASES / "invalid" / "python-tag" / "data")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "explainer",
            "check",
            "--data",
            str(data),
            "--schema-dir",
            str(SCHEMAS),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 1
    assert "is not allowed: remove it and write a plain value" in result.stderr
    assert "Traceback" not in result.stderr


def test_repository_data_has_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(ROOT)
    code = main(["check"])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
