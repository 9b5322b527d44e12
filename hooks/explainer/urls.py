"""Where each entity lives on the site, and relative links between pages.

Pages are addressed by their Markdown source path (``guarantees/first-line.md``)
as MkDocs knows them; links are written to the built ``.html`` file, relative
to the page that holds the link, so that the site also works from ``file://``
(``use_directory_urls: false``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

# The generated pages, by role. Hand-written pages live in docs/.
HOME = "index.md"
HOW_IT_WORKS = "how-it-works.md"
GUARANTEES_INDEX = "guarantees/index.md"
ACTORS_INDEX = "actors/index.md"
TIMELINE = "timeline.md"
COMPARE = "compare.md"
GLOSSARY = "glossary.md"
SOURCES = "sources.md"
METHODOLOGY = "methodology.md"
CONTRIBUTING = "contributing.md"

LINK_KINDS = ("actor", "guarantee", "source", "event", "term", "timeline")


def anchor(kind: str, entity_id: str) -> str:
    """The HTML id of an entity shown inside a shared page."""
    return f"{kind}-{entity_id}"


def location(kind: str, entity_id: str) -> tuple[str, str | None]:
    """(page source path, anchor or None) where an entity is shown."""
    if kind == "actor":
        return f"actors/{entity_id}.md", None
    if kind == "guarantee":
        return f"guarantees/{entity_id}.md", None
    if kind == "source":
        return SOURCES, anchor("source", entity_id)
    if kind == "event":
        return TIMELINE, anchor("event", entity_id)
    if kind == "term":
        return GLOSSARY, anchor("term", entity_id)
    if kind == "timeline":
        return TIMELINE, anchor("timeline", entity_id)
    raise ValueError(f"unknown link kind {kind!r}")


def html_path(src_path: str) -> str:
    """The built file of a page: ``guarantees/first-line.md`` -> ``guarantees/first-line.html``."""
    stem, _ = posixpath.splitext(src_path)
    return stem + ".html"


# Pages link to the same few targets over and over; relpath is the costly part.
@lru_cache(maxsize=1 << 16)
def relative(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """A relative href from one page (source path) to another, with an optional fragment."""
    target = html_path(to_page)
    start = posixpath.dirname(html_path(from_page)) or "."
    href = posixpath.relpath(target, start)
    if to_page == from_page and fragment:
        return f"#{fragment}"
    return f"{href}#{fragment}" if fragment else href


@dataclass(frozen=True)
class Linker:
    """Builds hrefs from one page: ``Linker("index.md").entity("actor", "ukraine")``."""

    page: str

    def entity(self, kind: str, entity_id: str) -> str:
        to_page, fragment = location(kind, entity_id)
        return relative(self.page, to_page, fragment)

    def page_href(self, to_page: str, fragment: str | None = None) -> str:
        return relative(self.page, to_page, fragment)
