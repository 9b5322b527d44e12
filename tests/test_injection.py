"""Hostile text in every kind of text field never reaches the reader as markup.

Each payload of the corpus (tests/injection.py) is either refused by the data
check with its location, or built into the site, where the parsed HTML must
hold no script, event handler, dangerous URL, frame or form from data, no
image from another host, and Jinja syntax shown as text.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from explainer.cli import main

from conftest import ROOT, build_site
from injection import PAYLOADS, dangerous_url, rejected_by_check, write_injected_data

BUILT = tuple(p for p in PAYLOADS if not rejected_by_check(p))
REFUSED = tuple(p for p in PAYLOADS if rejected_by_check(p))
# Elements that data may never introduce into a page's content (the <article>;
# Material's own search form in the header is outside it).
FORBIDDEN = {"iframe", "object", "embed", "form", "base", "input", "button", "math", "style"}


class Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self.in_script = False
        self.articles = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.articles += 1
        if tag == "script":
            self.in_script = True
            self.scripts.append(dict(attrs).get("src") or "")
        if self.articles and tag in FORBIDDEN:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.problems.append("meta refresh")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> handler")
            if value is not None and name in {"href", "src", "action", "data", "xlink:href"}:
                if dangerous_url(value):
                    self.problems.append(f"<{tag} {name}={value!r}>")
                parts = urlsplit(value)
                if tag == "img" and (parts.scheme or parts.netloc):
                    self.problems.append(f"<img> from elsewhere: {value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.articles -= 1
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.problems.append("script from data")
        if not self.in_script:
            self.text.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write_injected_data(ROOT / "data", folder / "data", BUILT)
    result = build_site(folder / "site", data=folder / "data")
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


def test_the_corpus_is_large_and_mostly_reaches_the_renderer() -> None:
    assert len(PAYLOADS) >= 30
    assert len(BUILT) >= 30


def test_no_page_holds_markup_from_data(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 2 * len(BUILT)  # an actor and a guarantee page per payload, and more
    found: list[str] = []
    for page in pages:
        parser = Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(hostile_site)}: {p}" for p in parser.problems]
    assert not found, "\n".join(found[:40])


def test_scripts_are_only_the_sites_own(hostile_site: Path, built_site: Path) -> None:
    def scripts(site: Path, page: str) -> list[str]:
        parser = Markup()
        parser.feed((site / page).read_text(encoding="utf-8"))
        return parser.scripts

    for page in ("index.html", "timeline.html", "glossary.html", "sources.html"):
        assert scripts(hostile_site, page) == scripts(built_site, page), page


def test_jinja_syntax_in_data_is_shown_as_text(hostile_site: Path) -> None:
    parser = Markup()
    parser.feed(
        (hostile_site / "actors" / f"hostile-{BUILT.index('{{ 7*7 }}'):02d}.html").read_text()
    )
    text = "".join(parser.text)
    assert "{{ 7*7 }}" in text
    loop = BUILT.index("{% for x in range(3) %}loop{% endfor %}")
    page = (hostile_site / "guarantees" / f"hostile-{loop:02d}.html").read_text()
    assert "{% for x in range(3) %}loop{% endfor %}" in page
    assert "looplooploop" not in page


@pytest.mark.parametrize("payload", REFUSED)
def test_dangerous_link_targets_are_refused_with_their_place(
    payload: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_injected_data(ROOT / "data", tmp_path / "data", (payload,))
    os.chdir(tmp_path)
    assert main(["check"]) == 1
    errors = capsys.readouterr().err
    assert "data/actors/hostile-00.yaml:" in errors
    assert "has an unknown kind" in errors or "images cannot be shown" in errors
