"""Render the Markdown that editors write in data/ into safe HTML for one page.

Each text goes through one Python-Markdown converter set up for data: raw
HTML off (see :mod:`explainer.sanitize`), ``kind:id`` links resolved from
the page (:mod:`explainer.links`), glossary terms linked
(:mod:`explainer.glossary`), then nh3. The check renders every text with this
same converter, so what it accepts, the build renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import markdown
from markdown.extensions import Extension
from markupsafe import Markup

from .glossary import GLOSSARY_PRIORITY, Glossary, GlossaryTreeprocessor
from .links import (
    ENTITY_LINK_PRIORITY,
    EntityLinkTreeprocessor,
    ErrorCallback,
    LinkCallback,
    Linker,
    Targets,
)
from .sanitize import sanitize, without_raw_html

if TYPE_CHECKING:
    from collections.abc import Collection

_BLANK_LINES = re.compile(r"\n\s*\n")


class _DataMarkdownExtension(Extension):
    """Everything data Markdown gets: no raw HTML, entity links, glossary links."""

    def __init__(
        self,
        linker: Linker,
        targets: Targets,
        glossary: Glossary | None,
        skip_terms: Collection[str],
        on_link: LinkCallback | None,
        on_error: ErrorCallback | None,
    ) -> None:
        super().__init__()
        self.linker = linker
        self.targets = targets
        self.glossary = glossary
        self.skip_terms = skip_terms
        self.on_link = on_link
        self.on_error = on_error

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        without_raw_html(md)
        md.treeprocessors.register(
            EntityLinkTreeprocessor(md, self.linker, self.targets, self.on_link, self.on_error),
            "explainer_entity_links",
            ENTITY_LINK_PRIORITY,
        )
        if self.glossary is not None:
            linker = self.linker
            md.treeprocessors.register(
                GlossaryTreeprocessor(md, self.glossary, lambda: linker, self.skip_terms),
                "explainer_glossary",
                GLOSSARY_PRIORITY,
            )


def _converter(
    linker: Linker,
    targets: Targets,
    glossary: Glossary | None,
    skip_terms: Collection[str],
    on_link: LinkCallback | None,
    on_error: ErrorCallback | None,
) -> markdown.Markdown:
    extension = _DataMarkdownExtension(linker, targets, glossary, skip_terms, on_link, on_error)
    return markdown.Markdown(extensions=["abbr", extension])


def _convert(md: markdown.Markdown, text: str) -> Markup:
    md.reset()
    return Markup(_without_blank_lines(sanitize(md.convert(text))))


def _without_blank_lines(fragment: str) -> str:
    # Inside a raw HTML block of the page's Markdown a blank line ends the block.
    return _BLANK_LINES.sub("\n", fragment).strip()


def unwrap_paragraph(fragment: Markup) -> Markup:
    """A single ``<p>`` without its tags (for table cells and list items); else unchanged."""
    if (
        fragment.startswith("<p>")
        and fragment.endswith("</p>")
        and fragment.count("<p>") == 1
        and fragment.count("</p>") == 1
    ):
        return Markup(fragment[3:-4])
    return fragment


def append_inline(fragment: Markup, addition: Markup) -> Markup:
    """Put inline HTML (such as citation marks) at the end of a fragment's last paragraph."""
    if not addition:
        return fragment
    if fragment.endswith("</p>"):
        return Markup(fragment[:-4]) + addition + Markup("</p>")
    return fragment + addition


@dataclass(frozen=True)
class PageMarkup:
    """Renders data Markdown for one page: its links are relative to that page."""

    linker: Linker
    targets: Targets
    glossary: Glossary | None = None
    on_link: LinkCallback | None = None
    on_error: ErrorCallback | None = None
    """Given, broken links are told to it rather than raised (the check's mode)."""
    # One converter per set of skipped terms, reused for every text of the page:
    # building a Markdown instance costs more than converting a short text.
    _converters: dict[tuple[str, ...], markdown.Markdown] = field(
        default_factory=dict, compare=False, repr=False
    )

    def block(self, text: str, end: Markup | None = None, skip_term: str | None = None) -> Markup:
        """Block HTML (paragraphs, lists); ``end`` goes at the end of the last paragraph."""
        skip = (skip_term,) if skip_term else ()
        md = self._converters.get(skip)
        if md is None:
            md = _converter(
                self.linker, self.targets, self.glossary, skip, self.on_link, self.on_error
            )
            self._converters[skip] = md
        rendered = _convert(md, text)
        return append_inline(rendered, end) if end else rendered

    def inline(self, text: str, end: Markup | None = None) -> Markup:
        """Like :meth:`block`, without the ``<p>`` of a one-paragraph text."""
        return unwrap_paragraph(self.block(text, end))
