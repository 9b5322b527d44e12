"""The site needs no network to build, and a reader's browser asks no other host for anything."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urljoin, urlsplit

import pytest

from browser.support import bullet_list

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from browser.conftest import Visit
    from browser.support import BuiltSite


@pytest.mark.slow
def test_the_site_builds_with_no_network(built_site: BuiltSite) -> None:
    # built_site ran the build inside a network namespace whenever it could make one.
    assert built_site.isolation is not None, (
        "the build could not be cut off from the network, so this is unproven: "
        f"{built_site.isolation_problem} (CI runs as root, where `unshare -n` works)"
    )
    assert (built_site.root / "index.html").is_file()
    assert (built_site.root / "search" / "search_index.js").is_file(), (
        "the offline plugin did not inline the search index, so search cannot work from a folder"
    )


@pytest.mark.slow
def test_only_pages_are_published(built_site: BuiltSite) -> None:
    """Every .html file in the site is a page MkDocs rendered, not a file copied from docs/."""
    stray = [
        path.relative_to(built_site.root).as_posix()
        for path in sorted(built_site.root.rglob("*.html"))
        if not path.relative_to(built_site.root).as_posix().startswith("assets/")
        and '<meta name="generator" content="mkdocs-' not in path.read_text(encoding="utf-8")
    ]
    assert not stray, (
        "files published that are not pages (the theme override in docs/overrides/ is "
        "kept out with `exclude_docs: /overrides/` in mkdocs.yml):\n" + bullet_list(stray)
    )


class _LoadedURLs(HTMLParser):
    """The URLs a page makes the browser load by itself (not links a reader follows)."""

    LOADING: ClassVar[set[tuple[str, str]]] = {
        ("script", "src"),
        ("img", "src"),
        ("img", "srcset"),
        ("source", "src"),
        ("source", "srcset"),
        ("iframe", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("video", "src"),
        ("video", "poster"),
        ("audio", "src"),
        ("track", "src"),
        ("image", "href"),  # SVG <image>
        ("use", "href"),
    }
    # <link> relations that point somewhere without the browser fetching it.
    NAVIGATION: ClassVar[set[str]] = {"canonical", "prev", "next", "alternate"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if (tag, name) in self.LOADING:
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())
        if tag == "link" and values.get("rel", "") not in self.NAVIGATION:
            self.urls.append(values.get("href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.urls.append(values.get("content", ""))


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def _elsewhere(url: str) -> bool:
    scheme = urlsplit(urljoin("file:///site/page.html", url)).scheme
    return scheme not in {"file", "data"}


@pytest.mark.slow
def test_built_files_load_nothing_from_another_host(built_site: BuiltSite) -> None:
    """No page or stylesheet names another host for a script, style, font or image.

    The browser tests see the requests a page makes; this also catches ones
    that only some readers would trigger (print styles, other widths).
    """
    found: list[str] = []
    for page in built_site.pages:
        parser = _LoadedURLs()
        parser.feed((built_site.root / page).read_text(encoding="utf-8"))
        found += [f"{page}: {url}" for url in parser.urls if url and _elsewhere(url)]
    stylesheets: list[Path] = sorted(built_site.root.rglob("*.css"))
    for sheet in stylesheets:
        for match in _CSS_URL.finditer(sheet.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if _elsewhere(url):
                found.append(f"{sheet.relative_to(built_site.root)}: {url}")
    assert not found, "the built site loads from other hosts:\n" + bullet_list(found)


@pytest.mark.browser
@pytest.mark.parametrize("how", ["http", "file"])
def test_no_page_asks_another_host_for_anything(how: str, visit: Callable[[str], Visit]) -> None:
    result = visit(how)
    assert result.log.requests, "the browser made no request at all: the recording is broken"
    assert not result.log.external, (
        f"requests to other hosts, opening every page from {how} and searching:\n"
        + bullet_list(result.log.external)
    )


@pytest.mark.browser
@pytest.mark.parametrize("how", ["http", "file"])
def test_no_page_logs_an_error(how: str, visit: Callable[[str], Visit]) -> None:
    result = visit(how)
    assert not result.log.errors, (
        f"console errors, opening every page from {how} and searching:\n"
        + bullet_list(result.log.errors)
    )


@pytest.mark.browser
def test_pages_opened_from_a_folder_are_the_unpacked_offline_zip(
    visit: Callable[[str], Visit], built_site: BuiltSite
) -> None:
    """The file:// checks above ran on the zip a reader downloads, not on the build folder."""
    result = visit("file")
    local = [url for url in result.log.requests if url.startswith("file:")]
    assert local, "no page was opened from a folder"
    elsewhere = [url for url in local if not url.startswith(built_site.offline.as_uri() + "/")]
    assert not elsewhere, "files read from outside the unpacked zip:\n" + bullet_list(elsewhere)
