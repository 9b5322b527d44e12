"""The check is the build: generated Markdown either fails the check at a place, or builds.

Hypothesis writes texts made of links (every kind of target, in any case, inline
and as reference definitions with titles), images, glossary phrases in any
case and script, and Markdown punctuation into a data file. For each, the real
``explainer check`` either reports located problems, or the real page build
renders every page: never an exception, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.cli import main
from explainer.load import load_explainer
from explainer.pages import build_pages

from conftest import CASES, ROOT, SCHEMAS

TARGETS = (
    "actor:ukraine",
    "Actor:ukraine",
    "ACTOR:ukraine",
    "actor:ukrane",
    "actor:",
    " actor:russia ",
    "guarantee:monitoring",
    "source:bloomberg-2025-12-18",
    "event:nothing",
    "term:contact-line",
    "timeline:background",
    "acter:ukraine",
    "https://example.org/a",
    "HTTPS://example.org/b",
    "http://example.org",
    "mailto:a@example.org",
    "javascript:alert(1)",
    "//evil.example/x",
    "/etc/passwd",
    "page.html",
    "#anchor",
    "",
)
WORDS = (
    "contact line",
    "CONTACT LINE",
    "Contact\nLine",
    "demarcation line",
    "Straße",
    "STRASSE",
    "İstanbul",
    "ǅemal",
    "ﬁne",
    "Ukraine",
    "de-contact line",
    "contact-line",
    " ",
    "\n\n",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "<b>",
    "&amp;",
    "\\",
    '"',
    "'",
    "{: .x }",
)


@st.composite
def markdown_texts(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.integers(0, 4))
        target = draw(st.sampled_from(TARGETS))
        word = draw(st.sampled_from(WORDS))
        if choice == 0:
            pieces.append(f"[{word}]({target})")
        elif choice == 1:
            title = draw(st.sampled_from(("", ' "T"', " 'T'", " (T)")))
            pieces.append(f"[{word}][r]\n\n[r]: {target}{title}\n\n")
        elif choice == 2:
            pieces.append(f"![{word}]({target})")
        else:
            pieces.append(word)
    return " ".join(pieces)


def _write(data: Path, summary: str) -> None:
    path = data / "guarantees" / "first-line.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["summary"] = summary
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


DATES = (
    "0000",
    "0999",
    "1000",
    "2025-12-15/2025-12-16",
    "2025-12~",
    "2999-12-31",
    "9999",
    "2025-13",
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(markdown_texts(), st.sampled_from(DATES))
def test_check_either_locates_a_problem_or_the_pages_build(summary: str, date: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(CASES / "base", data)
        (data / "glossary" / "strasse.yaml").write_text(
            "term: Straße\ndefinition: A street.\naliases: [İSTANBUL]\n", encoding="utf-8"
        )
        _write(data, summary)
        timeline = data / "timelines" / "background.yaml"
        text = timeline.read_text(encoding="utf-8")
        timeline.write_text(text.replace('date: "2025-12-18"', f'date: "{date}"'), "utf-8")
        # The real command, as an editor runs it: located problems, or none.
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", "--data", str(data), "--schema-dir", str(SCHEMAS)])
        assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue()
        if code == 1:
            lines = err.getvalue().splitlines()
            assert lines and all(line.startswith(str(data)) for line in lines[:-1]), lines
            assert re.fullmatch(r"\d+ errors? in \d+ files?", lines[-1])
            return
        assert code == 0
        pages = build_pages(load_explainer(data, SCHEMAS))
        assert any(page.path == "guarantees/first-line.md" for page in pages)


def test_what_the_check_accepts_builds_with_mkdocs(tmp_path: Path) -> None:
    # One real build of texts that once split the check from the renderer.
    data = tmp_path / "data"
    shutil.copytree(CASES / "base", data)
    shutil.copytree(SCHEMAS, data / "schema")
    (data / "glossary" / "strasse.yaml").write_text(
        "term: Straße\ndefinition: A street.\naliases: [İSTANBUL]\n", encoding="utf-8"
    )
    _write(
        data,
        "The STRASSE and İstanbul by the CONTACT\nLINE; [Ukraine][u] and [the report][r].\n\n"
        "[u]: actor:ukraine 'Ukraine'\n[r]: https://example.org/report (The report)\n",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={"EXPLAINER_DATA": str(data), "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    page = (tmp_path / "site" / "guarantees" / "first-line.html").read_text(encoding="utf-8")
    assert 'href="../actors/ukraine.html"' in page
    assert 'href="https://example.org/report"' in page
    assert ">İstanbul</a>" in page
