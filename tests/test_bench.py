"""The benchmark runs end to end at a tiny size and writes its report; no timing is asserted.

The figures themselves come from `make bench`; CI only proves that it works.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.cli import main

from conftest import ROOT
from synth import main as synth_main

BENCH = ROOT / "tests" / "bench" / "bench.py"
PAGE_TYPES = (
    "home",
    "how-it-works",
    "guarantees index",
    "a guarantee",
    "actors index",
    "an actor",
    "timeline",
    "compare",
    "glossary",
    "sources",
)


def test_tiny_synthetic_folder_passes_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert synth_main(["--scale", "30", "--out", str(tmp_path / "data")]) == 0
    assert main(["check", "--data", str(tmp_path / "data")]) == 0
    assert (
        "no problems (7 actors, 4 guarantees, 5 sources, 7 events, 7 glossary terms, 2 timelines, "
        "0 places)" in (capsys.readouterr().out)
    )


@pytest.mark.slow
def test_tiny_bench_writes_report_and_json(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--tiny", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results["mode"] == "tiny"
    assert results["partial"] is False
    size = results["sizes"]["30"]
    # Both builds ran: our hook on the synthetic folder, and plain MkDocs on its pages.
    assert size["ours"]["ok"], size["ours"]["log_tail"]
    assert size["baseline"]["ok"], size["baseline"]["log_tail"]
    assert size["ours_over_baseline"] > 0
    assert size["ours"]["peak_rss_mb"] > 0
    assert size["load_validate_seconds"] > 0
    assert size["output"]["html_pages"] == size["baseline_output"]["html_pages"]
    assert set(size["output"]["page_bytes"]) >= {"home", "timeline", "sources"}
    views = results["first_view"]["pages"]
    assert set(views) == set(PAGE_TYPES)
    assert all(v["requests"] >= 1 and v["total_gzip_bytes"] > 0 for v in views.values())
    assert results["profile"]["by_cumtime"]
    # The real site with one edition and with two: the second holds the first and more.
    one, two = results["editions"]["one"], results["editions"]["two"]
    assert one["run"]["ok"] and two["run"]["ok"], two["run"]["log_tail"]
    assert two["files"] > one["files"] and two["bytes"] > one["bytes"]
    targets = {t["target"]: t for t in results["targets"]}
    # Ratios between sizes need the full run: a tiny run says so instead of guessing.
    assert targets["ours / baseline at N=10,000"]["met"] is None
    assert targets["third-party requests on any real page"]["met"] is not None
    report = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    headings = ("## Targets", "## Build at each size", "## Output size", "## First view")
    for heading in (*headings, "## One edition against two"):
        assert heading in report
    assert "## Profile" in report
    assert "| 30 |" in report
