"""Hostile text in data reaches terminals, CI logs and job summaries only escaped.

YAML keys and values are written by whoever opens a pull request. Printed raw, an
ANSI sequence would repaint a reviewer's terminal, a newline would forge a second
``::error`` workflow command, a bidi override would reorder what is read, and
Markdown or HTML would take over the job summary.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from explainer.changes import Change, RevisionError, code, dataset_at, md, summary
from explainer.cli import _report, main
from explainer.problems import DataError, Problem, _escape_data, _escape_property, visible

if TYPE_CHECKING:
    from collections.abc import Callable

HOSTILE = "a\x1b[31mred\x1b[0m\n::error::pwned\r\t\x00\x7f\x85\u202e\u2066\u200f\u061c\u2028b"
SHOWN = (
    "a\\x1b[31mred\\x1b[0m\\n::error::pwned\\r\\t\\x00\\x7f\\x85"
    "\\u202e\\u2066\\u200f\\u061c\\u2028b"
)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(data_copy: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the test base as data/, committed; the working folder."""
    data = data_copy()
    git("init", "-q", cwd=data.parent)
    git("add", "data", cwd=data.parent)
    git("commit", "-qm", "base", cwd=data.parent)
    monkeypatch.chdir(data.parent)
    return data.parent


# Terminal lines


def test_visible_escapes_every_control_and_bidi_character() -> None:
    assert visible(HOSTILE) == SHOWN
    for code_point in [*range(0x20), *range(0x7F, 0xA0)]:
        assert len(visible(chr(code_point)).splitlines()) == 1
        assert visible(chr(code_point)).isprintable()
    bidi = [0x61C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    assert [visible(chr(c)) for c in bidi] == [f"\\u{c:04x}" for c in bidi]


def test_visible_leaves_ordinary_text_alone() -> None:
    text = "Ukraine's army: 800,000 — «as agreed» 100% [ok] *é* ü 日本"
    assert visible(text) == text


def test_problem_format_is_one_line_with_visible_escapes() -> None:
    problem = Problem("data/actors/x\n.yaml", 3, 5, f"unknown field '{HOSTILE}'")
    assert problem.format() == (f"data/actors/x\\n.yaml:3:5: error: unknown field '{SHOWN}'")
    assert len(problem.format().splitlines()) == 1


def test_data_error_report_has_one_line_per_problem() -> None:
    error = DataError(
        [
            Problem("data/site.yaml", 1, 1, "key 'x\n::error::pwned'"),
            Problem("data/actors/a\u202e.yaml", 2, 3, "bad\r\nvalue"),
        ]
    )
    assert error.report() == (
        "data/actors/a\\u202e.yaml:2:3: error: bad\\r\\nvalue\n"
        "data/site.yaml:1:1: error: key 'x\\n::error::pwned'\n"
        "2 errors in 2 files"
    )
    assert str(error) == error.report()


# GitHub workflow commands


def test_escaping_follows_actions_toolkit_command_ts() -> None:
    # escapeData: % CR LF; escapeProperty: those, then : and ,
    assert _escape_data("50% a:b,c\r\n") == "50%25 a:b,c%0D%0A"
    assert _escape_property("50% a:b,c\r\n") == "50%25 a%3Ab%2Cc%0D%0A"


def test_github_annotation_escapes_message_and_file() -> None:
    problem = Problem("data/a,b:c%.yaml", 4, 2, "100% wrong: use 1, 2 or 3")
    assert problem.github_annotation() == (
        "::error file=data/a%2Cb%3Ac%25.yaml,line=4,col=2::100%25 wrong: use 1, 2 or 3"
    )


def test_github_annotation_cannot_forge_a_second_command() -> None:
    problem = Problem("data/x.yaml\n::error::p", 1, 1, "unknown key '\n::error::pwned'")
    annotation = problem.github_annotation()
    assert annotation == (
        "::error file=data/x.yaml\\n%3A%3Aerror%3A%3Ap,line=1,col=1"
        "::unknown key '\\n::error::pwned'"
    )
    assert annotation.splitlines() == [annotation]


def test_report_escapes_both_channels_on_github(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _report(DataError([Problem("data/site.yaml", 2, 1, "key '\x1b]8;;x\x07\n::error::pwned'")]))
    out, err = capsys.readouterr()
    assert err == (
        "data/site.yaml:2:1: error: key '\\x1b]8;;x\\x07\\n::error::pwned'\n1 error in 1 file\n"
    )
    assert out == (
        "::error file=data/site.yaml,line=2,col=1::key '\\x1b]8;;x\\x07\\n::error::pwned'\n"
    )


def test_check_of_a_hostile_key_prints_one_line_per_problem(
    data_copy: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    actor = data / "actors" / "russia.yaml"
    actor.write_text(actor.read_text() + '"\\e[2J\\n::error::pwned\\u202e": 1\n')
    monkeypatch.chdir(data.parent)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[-1].endswith(" in 1 file")
    assert all(line.startswith("data/actors/russia.yaml:") for line in lines[:-1])
    assert any("\\x1b[2J\\n::error::pwned\\u202e" in line for line in lines)
    assert len(out.splitlines()) == len(lines) - 1
    assert all(
        line.startswith("::error file=data/actors/russia.yaml,") for line in out.splitlines()
    )
    assert "\x1b" not in out + err
    assert "\u202e" not in out + err


# Markdown job summaries


def test_md_escapes_markup_and_keeps_ordinary_text() -> None:
    assert (
        md("first-line, 2025-12-16: 800,000 troops.") == "first-line, 2025-12-16: 800,000 troops."
    )
    assert md("*a* _b_ ~c~ [d](e) <f> &amp; |g| #1 @h $i$ `j` \\k") == (
        "\\*a\\* \\_b\\_ \\~c\\~ \\[d\\]\\(e\\) \\<f\\> \\&amp; \\|g\\| \\#1 \\@h \\$i\\$ "
        "\\`j\\` \\\\k"
    )
    assert md("a\x1b[1m\nb") == "a\\\\x1b\\[1m\\\\nb"


def test_code_spans_hold_any_backticks() -> None:
    assert code("first-line") == "`first-line`"
    assert code("a`b") == "``a`b``"
    assert code("``x") == "``` ``x ```"
    assert code(" a ") == "`  a  `"
    assert code("<b>x</b>\n") == "`<b>x</b>\\n`"
    assert code("") == "` `"


def test_change_line_and_heading_escape_data() -> None:
    change = Change("actor", "x`y", "added", ('"**big**"',))
    assert change.line() == '- **actor ``x`y``**: added; "**big**"'
    assert summary([], "main`<b>\x1b") == (
        "### Data changes since ``main`<b>\\x1b``\n\nNo change in `data/`.\n"
    )


def test_diff_escapes_markdown_and_html_from_data(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = repo / "data"
    guarantee = data / "guarantees" / "first-line.yaml"
    guarantee.write_text(
        guarantee.read_text()
        .replace("status: reported", 'status: "<img src=x onerror=alert(1)>"')
        .replace("providers: [ukraine]", 'providers: [ukraine, "*evil*"]')
        .replace('as_of: "2025-12-18"\n', 'as_of: "2025-12-18"\n"[x](http://e)\\e[2J": 1\n')
    )
    timeline = data / "timelines" / "background.yaml"
    timeline.write_text(
        timeline.read_text()
        + '  - id: "a\\nb`c"\n    date: "2025-12-19"\n    title: T\n    summary: S\n'
    )
    (data / "sources" / "evil.yaml").write_text(
        'publisher: P\ntitle: "\\u202e| # @x <!-- &lt;"\ndate: "2025-12-16"\nkind: news-report\n'
    )
    assert main(["diff", "HEAD"]) == 0
    assert capsys.readouterr().out == (
        "### Data changes since `HEAD`\n\n"
        "1 added, 2 changed\n\n"
        "- **guarantee `first-line`**: changed; new \\[x\\]\\(http://e\\)\\\\x1b\\[2J 1; "
        "providers +\\*evil\\*; "
        'status step 1: status "reported" -> "\\<img src=x onerror=alert\\(1\\)\\>"; '
        "current status reported -> \\<img src=x onerror=alert\\(1\\)\\>\n"
        "- **source `evil`**: added; \\\\u202e\\| \\# \\@x \\<!-- \\&lt;\n"
        "- **timeline `background`**: changed; new event a\\\\nb\\`c\n"
    )


# The revision given to `explainer diff`


def test_diff_never_reads_a_revision_as_an_option(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = tmp_path / "written.tar"
    assert main(["diff", "--", f"--output={written}"]) == 2
    assert capsys.readouterr().err == (
        f"cannot read data/ at '--output={written}': not a commit in this repository\n"
    )
    assert not written.exists()
    for revision in ("--remote=file:///nowhere", "-h", "--exec=touch pwned"):
        with pytest.raises(RevisionError, match=r"^not a commit in this repository$"):
            dataset_at(revision, repo / "data")
    assert not (repo / "pwned").exists()


def test_diff_of_an_unknown_revision_is_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "no-such-branch"]) == 2
    assert capsys.readouterr().err == (
        "cannot read data/ at 'no-such-branch': not a commit in this repository\n"
    )
    assert main(["diff", "x\x1b[2J\ny"]) == 2
    assert capsys.readouterr().err == (
        "cannot read data/ at 'x\\x1b[2J\\ny': not a commit in this repository\n"
    )


def test_diff_of_a_tree_rather_than_a_commit_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = git("rev-parse", "HEAD^{tree}", cwd=repo).strip()
    assert main(["diff", tree]) == 2
    assert capsys.readouterr().err == (
        f"cannot read data/ at '{tree}': not a commit in this repository\n"
    )


def test_diff_uses_the_commit_the_revision_names(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git("tag", "base", cwd=repo)
    (repo / "data" / "glossary" / "contact-line.yaml").unlink()
    git("commit", "-qam", "drop a term", cwd=repo)
    assert main(["diff", "base"]) == 0
    assert capsys.readouterr().out == (
        "### Data changes since `base`\n\n1 removed\n\n- **term `contact-line`**: removed\n"
    )


# `explainer new`


def test_new_refuses_an_id_over_the_length_limit(
    data_copy: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    monkeypatch.chdir(data.parent)
    assert main(["new", "actor", "a" * 65]) == 2
    assert capsys.readouterr().err == "an id can have at most 64 characters: this one has 65\n"
    assert not list((data / "actors").glob("a*a.yaml"))
    assert main(["new", "actor", "a" * 64]) == 0
    assert (data / "actors" / f"{'a' * 64}.yaml").is_file()


def test_new_refuses_an_id_with_a_trailing_newline(
    data_copy: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    monkeypatch.chdir(data.parent)
    assert main(["new", "actor", "poland\n"]) == 2
    assert capsys.readouterr().err == (
        "'poland\\n' is not a valid id: use lowercase letters, digits and single hyphens\n"
    )
    assert sorted(p.name for p in (data / "actors").iterdir()) == [
        "russia.yaml",
        "ukraine.yaml",
        "united-states.yaml",
    ]


def test_new_refuses_a_dangling_symlink_at_the_target(
    data_copy: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    monkeypatch.chdir(data.parent)
    outside = tmp_path / "outside.txt"
    (data / "actors" / "poland.yaml").symlink_to(outside)
    assert main(["new", "actor", "poland"]) == 1
    assert capsys.readouterr().err == (
        "data/actors/poland.yaml is a symbolic link: remove it, or choose another id\n"
    )
    assert not outside.exists()


def test_new_refuses_a_symlink_to_an_existing_file(
    data_copy: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    monkeypatch.chdir(data.parent)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n")
    (data / "actors" / "poland.yaml").symlink_to(outside)
    assert main(["new", "actor", "poland"]) == 1
    assert capsys.readouterr().err == (
        "data/actors/poland.yaml is a symbolic link: remove it, or choose another id\n"
    )
    assert outside.read_text() == "keep me\n"


def test_new_refuses_a_kind_folder_that_is_a_symlink(
    data_copy: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    monkeypatch.chdir(data.parent)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (data / "glossary").rename(tmp_path / "glossary-was")
    (data / "glossary").symlink_to(elsewhere, target_is_directory=True)
    assert main(["new", "term", "ceasefire"]) == 1
    assert capsys.readouterr().err == "data/glossary is a symbolic link: use a real folder\n"
    assert list(elsewhere.iterdir()) == []


def test_new_refuses_a_kind_folder_that_is_a_file(
    data_copy: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    monkeypatch.chdir(data.parent)
    (data / "glossary" / "contact-line.yaml").unlink()
    (data / "glossary").rmdir()
    (data / "glossary").write_text("not a folder\n")
    assert main(["new", "term", "ceasefire"]) == 1
    assert capsys.readouterr().err == "data/glossary is not a folder\n"
    assert (data / "glossary").read_text() == "not a folder\n"


def test_new_makes_a_missing_kind_folder(
    data_copy: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    monkeypatch.chdir(data.parent)
    (data / "glossary" / "contact-line.yaml").unlink()
    (data / "glossary").rmdir()
    assert main(["new", "term", "ceasefire"]) == 0
    assert capsys.readouterr().out == (
        "wrote data/glossary/ceasefire.yaml: replace each TODO, then run `make check`\n"
    )


def test_diff_of_a_missing_data_folder_is_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "HEAD", "--data", "nowhere"]) == 2
    assert capsys.readouterr().err == "cannot read data/ at 'HEAD': nowhere is not a folder\n"
