"""tests/bench/synth.py: synthetic data folders that pass the check, at any size, byte for byte
the same for the same size, shaped like data/, and never left half-written."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.cli import main
from explainer.load import load_explainer

from conftest import ROOT, SCHEMAS
from synth import MIN_SCALE, allocate, synthesize, write_folder
from synth import main as synth_main

KINDS = ("actor", "guarantee", "source", "event", "term")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_runs_as_a_script_and_not_as_an_explainer_command(tmp_path: Path) -> None:
    out = tmp_path / "data"
    script = ROOT / "tests" / "bench" / "synth.py"
    result = subprocess.run(
        [sys.executable, str(script), "--scale", "30", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"wrote {out.as_posix()}: 7 actors, 4 guarantees, 5 sources, 7 events, 7 terms\n"
    )
    assert (out / "site.yaml").is_file()
    # The generator is a test tool: the engine's command line does not offer it.
    with pytest.raises(SystemExit):
        main(["synth", "--scale", "30", "--out", str(tmp_path / "other")])
    assert not (tmp_path / "other").exists()


def test_same_scale_gives_the_same_bytes(tmp_path: Path) -> None:
    assert synth_main(["--scale", "150", "--out", str(tmp_path / "a")]) == 0
    assert synth_main(["--scale", "150", "--out", str(tmp_path / "b")]) == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert synthesize(151) != synthesize(150)


@pytest.mark.parametrize("scale", [MIN_SCALE, 71, 250, 1200])
def test_folder_passes_the_check(
    scale: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "synthetic"
    assert synth_main(["--scale", str(scale), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", "--data", str(out)]) == 0
    assert "no problems" in capsys.readouterr().out


@pytest.mark.parametrize("scale", [100, 1000])
def test_counts_add_up_to_the_scale(scale: int, tmp_path: Path) -> None:
    write_folder(synthesize(scale), tmp_path / "data")
    explainer = load_explainer(tmp_path / "data", SCHEMAS)
    found = {
        "actor": len(explainer.actors),
        "guarantee": len(explainer.guarantees),
        "source": len(explainer.sources),
        "event": len(explainer.events),
        "term": len(explainer.terms),
    }
    assert found == allocate(scale)
    assert sum(found.values()) == scale


def test_counts_grow_in_proportion() -> None:
    small, large = allocate(1_000), allocate(10_000)
    for kind in KINDS:
        assert 9.5 <= large[kind] / small[kind] <= 10.5, kind


def test_shaped_like_the_real_data(tmp_path: Path) -> None:
    files = synthesize(300)
    write_folder(files, tmp_path / "data")
    explainer = load_explainer(tmp_path / "data", SCHEMAS)
    actors = explainer.actors.values()
    assert {a.kind for a in actors} == {
        "state",
        "person",
        "coalition",
        "alliance",
        "institution",
        "organisation",
    }
    assert any(a.member_of for a in actors)
    assert any(a.positions for a in actors)
    assert all(a.speaks_for for a in actors if a.kind == "person")
    guarantees = explainer.guarantees.values()
    phases = [g.phase for g in guarantees]
    assert set(phases) == {"deterrence", "response", "backing"}
    # Mostly layers; a few guarantees back the response rather than add a step.
    assert phases.count("backing") < min(phases.count("deterrence"), phases.count("response"))
    chains = [g for g in guarantees if g.escalates_to is not None]
    assert chains
    # Escalation goes to a later layer: the layered response reads top to bottom.
    layer = {g.id: g.layer for g in guarantees}
    assert all(layer[g.escalates_to.guarantee] > g.layer for g in chains if g.escalates_to)
    phase = {g.id: g.phase for g in guarantees}
    assert all(
        "backing" not in (g.phase, phase[g.escalates_to.guarantee])
        for g in chains
        if g.escalates_to
    )
    # Statuses range up to signed and beyond, on sources that carry the evidence.
    statuses = {g.status for g in guarantees}
    assert {"reported", "proposed"} <= statuses
    assert statuses & {"signed", "ratified", "in-force"}
    sources = explainer.sources.values()
    assert any(s.signed for s in sources)
    assert any(s.quotes for s in sources)
    assert any(s.headline for s in sources)
    changes = explainer.changes.entries
    assert len(changes) == 300 // 50
    assert len({c.id for c in changes}) == len(changes)
    assert [c.date.sort_key for c in changes] == sorted(c.date.sort_key for c in changes)
    assert len(explainer.timelines) >= 2
    assert any(t.aliases for t in explainer.terms.values())
    comparison = explainer.comparison
    assert len(comparison.frameworks) >= 3
    assert all(len(f.answers) == len(comparison.dimensions) for f in comparison.frameworks)
    # Editors link with kind:id inside Markdown; the synthetic text does too, to every kind.
    text = "\n".join(files.values())
    assert {kind for kind in re.findall(r"\]\((\w+):", text)} >= set(KINDS)
    assert all(text.startswith("# yaml-language-server: $schema=") for text in files.values())


def test_too_small_a_scale_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "synthetic"
    assert synth_main(["--scale", str(MIN_SCALE - 1), "--out", str(out)]) == 2
    assert f"at least {MIN_SCALE}" in capsys.readouterr().err
    assert not out.exists()


def test_a_folder_with_files_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "synthetic"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert synth_main(["--scale", "40", "--out", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert synth_main(["--scale", "40", "--out", str(out), "--force"]) == 0
    assert not (out / "notes.txt").exists()
    assert (out / "site.yaml").is_file()


def test_a_failed_write_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[Path] = []
    original = Path.write_text

    def write_then_fail(self: Path, *args: object, **kwargs: object) -> int:
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        written.append(self)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", write_then_fail)
    with pytest.raises(OSError, match="No space left"):
        write_folder(synthesize(60), tmp_path / "synthetic")
    assert list(tmp_path.iterdir()) == []
