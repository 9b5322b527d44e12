"""The editor's commands: `explainer new` starting files and `explainer diff` summaries."""

from __future__ import annotations

import os
import subprocess
from typing import TYPE_CHECKING

import pytest

from explainer.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

KINDS = ["actor", "guarantee", "source", "timeline", "term"]


@pytest.mark.parametrize("kind", KINDS)
def test_new_file_has_modeline_and_check_lists_each_placeholder(
    kind: str,
    data_copy: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    os.chdir(data.parent)
    assert main(["new", kind, "fresh-entity"]) == 0
    folder = {"term": "glossary", "actor": "actors", "source": "sources"}.get(kind, kind + "s")
    written = data / folder / "fresh-entity.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n")
    capsys.readouterr()
    assert main(["check"]) == 1
    errors = capsys.readouterr().err.splitlines()[:-1]
    todo_lines = [n for n, line in enumerate(text.splitlines(), 1) if "TODO" in line]
    # One error per placeholder, on its line, and nothing else.
    assert [int(e.split(":")[1]) for e in errors] == todo_lines
    assert all("is still a placeholder: replace TODO" in e for e in errors)


def test_new_refuses_to_overwrite(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    os.chdir(data.parent)
    assert main(["new", "actor", "ukraine"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert "name: Ukraine" in (data / "actors" / "ukraine.yaml").read_text()


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_diff_summarises_changes_for_a_reviewer(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    repo = data.parent
    git("init", "-q", cwd=repo)
    git("add", "data", cwd=repo)
    git("commit", "-qm", "base", cwd=repo)
    guarantee = data / "guarantees" / "first-line.yaml"
    guarantee.write_text(
        guarantee.read_text()
        .replace("providers: [ukraine]", "providers: [ukraine, united-states]")
        .replace(
            "    sources: [bloomberg-2025-12-18]\n",
            "    sources: [bloomberg-2025-12-18]\n"
            '  - date: "2026-01-06"\n'
            "    status: proposed\n"
            "    binding: political\n"
            "    sources: [bloomberg-2025-12-18]\n",
        )
    )
    (data / "sources" / "reuters-2025-12-16.yaml").write_text(
        'publisher: Reuters\ntitle: A report\ndate: "2025-12-16"\nkind: news-report\n'
    )
    (data / "sources" / "ap-2025-12-17.yaml").write_text(
        "publisher: AP\ntitle: A report\nheadline: Words as printed\n"
        'date: "2025-12-17"\nkind: news-report\n'
    )
    (data / "glossary" / "contact-line.yaml").unlink()
    os.chdir(repo)
    assert main(["diff", "HEAD"]) == 0
    assert capsys.readouterr().out == (
        "### Data changes since `HEAD`\n\n"
        "2 added, 1 changed, 1 removed\n\n"
        "- **guarantee `first-line`**: changed; providers +united-states; "
        "status reported -> proposed and binding none -> political, 6 January 2026\n"
        # Only a headline is in quotation marks: a title is the site's own description.
        '- **source `ap-2025-12-17`**: added; "Words as printed"\n'
        "- **source `reuters-2025-12-16`**: added; A report\n"
        "- **term `contact-line`**: removed\n"
    )


def test_diff_with_an_unknown_revision_says_so(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    git("init", "-q", cwd=data.parent)
    os.chdir(data.parent)
    assert main(["diff", "no-such-branch"]) == 2
    assert "cannot read data/ at 'no-such-branch'" in capsys.readouterr().err


REPORTED = {"date": "2025-12-18", "status": "reported", "binding": "none", "sources": ["b"]}
PROPOSED = {"date": "2026-01-06", "status": "proposed", "binding": "none", "sources": ["d"]}
RUMOURED = {"date": "2025-12-01", "status": "rumoured", "binding": "none", "sources": ["b"]}


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # A step added at the end is the move it records.
        ([REPORTED], [REPORTED, PROPOSED], ["status reported -> proposed, 6 January 2026"]),
        # Added before the others: named as added, not as a rewrite of step 1.
        ([REPORTED], [RUMOURED, REPORTED], ["status step added (rumoured, none, 1 December 2025)"]),
        # The last step removed: the current status falls back, and the summary says so.
        (
            [REPORTED, PROPOSED],
            [REPORTED],
            [
                "status step removed (proposed, none, 6 January 2026)",
                "current status proposed -> reported",
            ],
        ),
        # An earlier step edited in place.
        (
            [REPORTED],
            [{**REPORTED, "status": "agreed"}],
            ['status step 1: status "reported" -> "agreed"', "current status reported -> agreed"],
        ),
    ],
)
def test_diff_tells_status_steps_apart(
    old: list[dict[str, object]], new: list[dict[str, object]], said: list[str]
) -> None:
    from pathlib import Path

    from explainer.changes import compare
    from explainer.reading import Dataset
    from explainer.yamlload import Document

    def dataset(steps: list[dict[str, object]]) -> Dataset:
        document = Document("data/guarantees/g.yaml", "", {"status_history": steps}, {}, {})
        return Dataset(root=Path("data"), documents={"guarantee": {"g": document}})

    (change,) = compare(dataset(old), dataset(new))
    assert list(change.details) == said
