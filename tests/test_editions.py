"""Two editions: English at the root, Ukrainian in uk/, each page linked to its twin."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import yaml

from explainer.editions import counterpart, edition_links

from conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

EDITION_LINK = "explainer-editions__link"


class Head(HTMLParser):
    """The page's language, its hreflang alternates and its links to the other editions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] = {}
        self.english_only = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = found.get("lang", "")
        elif tag == "link" and "hreflang" in found and "alternate" in found["rel"].split():
            self.alternates[found["hreflang"]] = found["href"]
        elif tag == "a" and EDITION_LINK in found.get("class", "").split():
            self.switch[found["hreflang"]] = found["href"]
        elif tag == "div" and found.get("lang") == "en":
            self.english_only = True


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def edition_pages(root: Path) -> set[str]:
    """The pages a reader opens in one edition, relative to its root."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not ({"assets", "uk"} & set(p.relative_to(root).parts)) and p.name != "404.html"
    }


def test_every_page_exists_in_both_editions_and_links_the_same_page_in_the_other(
    built_site: Path,
) -> None:
    english = edition_pages(built_site)
    assert english == edition_pages(built_site / "uk")
    assert len(english) > 40
    for page in sorted(english):
        en, uk = built_site / page, built_site / "uk" / page
        en_head, uk_head = head(en), head(uk)
        assert (en_head.lang, uk_head.lang) == ("en", "uk"), page
        # The visible switch and the hreflang alternates lead to the twin, both ways.
        assert (en.parent / en_head.switch["uk"]).resolve() == uk.resolve(), page
        assert (uk.parent / uk_head.switch["en"]).resolve() == en.resolve(), page
        for here, parsed in ((en, en_head), (uk, uk_head)):
            assert set(parsed.alternates) == {"en", "uk"}, page
            resolved = {
                lang: (here.parent / href).resolve() for lang, href in parsed.alternates.items()
            }
            assert resolved == {"en": en.resolve(), "uk": uk.resolve()}, page


def test_each_edition_is_named_and_described_by_the_data_in_its_language(
    built_site: Path,
) -> None:
    site = yaml.safe_load((ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))
    editions = {
        built_site: (site["title"], site["description"]),
        built_site / "uk": (site["uk"]["title"]["text"], site["uk"]["description"]["text"]),
    }
    for root, (title, description) in editions.items():
        page = (root / "index.html").read_text(encoding="utf-8")
        assert f"<title>{html.escape(title)}</title>" in page
        assert f'<meta name="description" content="{html.escape(description.strip())}">' in page


def test_each_edition_has_its_own_search_index_and_sitemap(built_site: Path) -> None:
    def titles(root: Path) -> set[str]:
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        return {doc["title"] for doc in index["docs"]}

    english, ukrainian = titles(built_site), titles(built_site / "uk")
    # Written as UTF-8, not with every Cyrillic letter escaped (2.5 times the size),
    # and the copy that search reads from a folder is the same.
    for name in ("search_index.json", "search_index.js"):
        assert "Хронологія" in (built_site / "uk" / "search" / name).read_text(encoding="utf-8")
    assert "Timeline" in english and "Хронологія" not in english
    # (The Ukrainian index has English words too: the hand-written pages are English.)
    assert "Хронологія" in ukrainian
    assert (built_site / "sitemap.xml").is_file() and (built_site / "uk" / "sitemap.xml").is_file()


def test_hand_written_pages_are_english_in_the_ukrainian_edition_and_say_so(
    built_site: Path,
) -> None:
    methodology = built_site / "uk" / "methodology.html"
    text = methodology.read_text(encoding="utf-8")
    assert "Цю сторінку не перекладено: її показано англійською." in text
    assert head(methodology).english_only
    # A generated page is in Ukrainian: no such note, no English wrapper.
    timeline = built_site / "uk" / "timeline.html"
    assert "Цю сторінку не перекладено" not in timeline.read_text(encoding="utf-8")
    assert not head(timeline).english_only
    assert not head(built_site / "methodology.html").english_only


def test_counterparts_are_relative_and_go_up_to_the_right_root() -> None:
    assert counterpart("index.md", "en", "uk") == "uk/index.html"
    assert counterpart("guarantees/first-line.md", "en", "uk") == "../uk/guarantees/first-line.html"
    assert counterpart("guarantees/first-line.md", "uk", "en") == "../../guarantees/first-line.html"
    assert edition_links("uk") == [{"lang": "en", "name": "English", "prefix": "../"}]
    assert edition_links("en") == [{"lang": "uk", "name": "Українська", "prefix": "uk/"}]


def test_an_edition_without_a_catalogue_stops_the_build_with_the_editions_it_has(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
        cwd=ROOT,
        env={**os.environ, "EXPLAINER_EDITION": "xx", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "EXPLAINER_EDITION=xx: the site has no edition in that language; it has en, uk" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not re.search(r"\bFile \"", result.stderr)
