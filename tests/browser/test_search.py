"""Search works from a folder (file://) through the site's own worker shim, and over http.

Each edition has its own index: a Ukrainian word typed on a Ukrainian page finds
the Ukrainian page that holds it (Material has no Ukrainian stemmer; its
tokenizer must keep Cyrillic words whole).
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from browser.support import DESKTOP, PageLog, bullet_list, search

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from browser.support import BuiltSite


# A word in either language: letters only (no digits or underscores), Cyrillic too.
_LETTERS = r"[^\W\d_]"
_WORD = re.compile(rf"{_LETTERS}{{7,}}")
EDITIONS = {"en": "", "uk": "uk/"}
_UKRAINIAN = re.compile("[а-щьюяєіїґ]+")
_TAG = re.compile(r"<[^>]+>")
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def _page_text(site: BuiltSite, page: str) -> str:
    """The words of a page's article as a reader sees them (diagrams aside)."""
    page_html = (site.root / page).read_text(encoding="utf-8")
    article = page_html.split('<article class="md-content__inner md-typeset">', 1)[-1]
    article = _SVG.sub(" ", article.split("</article>", 1)[0])
    return html.unescape(_TAG.sub(" ", article))


def _index_words(site: BuiltSite, length: int) -> dict[str, set[str]]:
    """Per page (uk/ pages too), the words of at least `length` letters search can find there."""
    word = re.compile(rf"{_LETTERS}{{{length},}}")
    words: dict[str, set[str]] = {}
    for folder in EDITIONS.values():
        path = site.root / folder / "search" / "search_index.json"
        for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]:
            page = folder + (doc["location"].split("#")[0] or "index.html")
            text = _TAG.sub(" ", f"{doc['title']} {doc['text']}")
            words.setdefault(page, set()).update(w.lower() for w in word.findall(text))
    return words


def word_only_on_one_page(site: BuiltSite, section: str) -> tuple[str, str]:
    """(page, word): a page in `section` and a word of its text that no other page shares.

    The word is also unlike any other page's words in its first six letters, so
    that search's stemming and prefix matching cannot bring in another page.
    In Ukrainian, the word is one only the Ukrainian edition has (Cyrillic).
    """
    words = _index_words(site, 7)
    for page in sorted(words):
        if not page.startswith(section) or page.endswith("index.html"):
            continue
        stems = {w[:6] for other, ws in words.items() if other != page for w in ws}
        visible = {w.lower() for w in _WORD.findall(_page_text(site, page))}
        if page.startswith("uk/"):
            visible = {w for w in visible if _UKRAINIAN.fullmatch(w)}
        for word in sorted(words[page] & visible):
            if word[:6] not in stems:
                return page, word
    raise AssertionError(f"no page under {section} has a word of its own to search for")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("how", "start"),
    [
        ("file", "index.html"),
        ("file", "actors/index.html"),
        ("http", "index.html"),
        ("file", "uk/index.html"),
        ("file", "uk/actors/index.html"),
        ("http", "uk/index.html"),
    ],
)
def test_typing_a_word_lists_the_page_that_holds_it(
    how: str, start: str, browser: Browser, built_site: BuiltSite, server: str
) -> None:
    edition = "uk/" if start.startswith("uk/") else ""
    target, word = word_only_on_one_page(built_site, f"{edition}guarantees/")
    origin = server if how == "http" else None
    # From a folder, the browser is offline too: nothing but the folder to rely on.
    context = browser.new_context(viewport=DESKTOP, offline=how == "file")
    log = PageLog(origin=origin)
    log.attach(context)
    try:
        page = context.new_page()
        page.goto(f"{server}/{start}" if origin else built_site.file_url(start))
        if how == "file":
            # From a folder the browser refuses real workers: the site's own
            # shim must be the one in use (not one from a CDN).
            assert page.evaluate("() => window.Worker === window.IFrameWorker"), (
                "the iframe-worker shim is not in place on a page opened from a folder"
            )
        results = search(page, word)
        hrefs = [
            urlsplit(href).path
            for href in results.locator("a.md-search-result__link").evaluate_all(
                "(links) => links.map((a) => a.href)"
            )
        ]
        assert any(path.endswith(f"/{target}") for path in hrefs), (
            f"searching {word!r} from {start} ({how}) should list {target}; it listed:\n"
            + bullet_list(hrefs or ["nothing"])
        )
        assert not log.external, "search asked another host:\n" + bullet_list(log.external)
        assert not log.errors, "search logged errors:\n" + bullet_list(log.errors)
    finally:
        context.close()


@pytest.mark.slow
def test_search_finds_every_word_of_a_page_on_that_page(built_site: BuiltSite) -> None:
    """Words in neighbouring table cells must not run together in the index.

    Material's indexer joins the text of adjacent tags as it finds it, so
    `<th>Kind</th><td>Political</td>` is indexed as "KindPolitical" and a
    search for "political" misses the page. Whitespace between the cells
    keeps the words apart.
    """
    indexed = _index_words(built_site, 4)
    missing = []
    for page in built_site.pages:
        shown = {w.lower() for w in re.findall(rf"{_LETTERS}{{4,}}", _page_text(built_site, page))}
        lost = sorted(shown - indexed.get(page, set()))
        if lost:
            missing.append(f"{page}: {', '.join(lost)}")
    assert not missing, "words a search cannot find on the page that shows them:\n" + bullet_list(
        missing
    )
