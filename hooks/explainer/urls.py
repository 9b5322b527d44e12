"""The generated pages' paths, and relative links between pages.

Pages are addressed by their Markdown source path (``guarantees/first-line.md``)
as MkDocs knows them; links are written to the built ``.html`` file, relative
to the page that holds the link, so that the site also works from ``file://``
(``use_directory_urls: false``).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

# The generated pages, by role. Hand-written pages live in docs/.
HOME = "index.md"
HOW_IT_WORKS = "how-it-works.md"
GUARANTEES_INDEX = "guarantees/index.md"
ACTORS_INDEX = "actors/index.md"
TIMELINE = "timeline.md"
COMPARE = "compare.md"
GLOSSARY = "glossary.md"
MAP = "map.md"
SOURCES = "sources.md"
CHANGES = "changes.md"
FEED = "feed.xml"
METHODOLOGY = "methodology.md"
CONTRIBUTING = "contributing.md"


def anchor(kind: str, entity_id: str) -> str:
    """The HTML id of an entity shown inside a shared page."""
    return f"{kind}-{entity_id}"


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


def relative_file(from_page: str, to_file: str) -> str:
    """A relative href from a page (source path) to a file of the site that is not a page."""
    start = posixpath.dirname(html_path(from_page)) or "."
    return posixpath.relpath(to_file, start)
