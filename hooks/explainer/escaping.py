"""Data text turned into other forms: plain one-line text, tooltips, and escaped Markdown."""

from __future__ import annotations

import html
import re
from functools import cache

import markdown
from markupsafe import Markup

from .sanitize import strip_tags, without_raw_html

TOOLTIP_LIMIT = 240

# Python-Markdown's backslash-escapable characters: escaping them in text we put
# into generated Markdown (headings) makes the text read exactly as written.
# Not ">": "<", ">" and "&" become entities through the templates' autoescape,
# and "\&gt;" would show its backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_WHITESPACE = re.compile(r"\s+")


@cache
def _plain_converter() -> markdown.Markdown:
    # Reused (after reset) for every tooltip: building one costs more than a short text.
    md = markdown.Markdown(extensions=["abbr"])
    without_raw_html(md)
    return md


def plain(text: str) -> str:
    """Markdown as one line of plain text: markup, links and tags dropped, entities decoded."""
    md = _plain_converter()
    md.reset()
    stripped = strip_tags(md.convert(text))
    return _WHITESPACE.sub(" ", html.unescape(stripped)).strip()


def tooltip(definition: str, limit: int = TOOLTIP_LIMIT) -> str:
    """A definition short enough for a hover tooltip, cut at a word if it must be."""
    text = plain(definition)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def escape_markdown(text: str) -> str:
    """Plain text made safe for a Markdown line (a heading): it reads exactly as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text).strip())


def markdown_text(text: str) -> Markup:
    """Plain text for a Markdown line of a template: Markdown and HTML specials escaped.

    Quotes stay as they are (they mean nothing outside an attribute), so that
    headings read cleanly in the generated Markdown.
    """
    return Markup(html.escape(escape_markdown(text), quote=False))


_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def bibtex(text: str) -> str:
    """Plain text as the value of a BibTeX field: one line, TeX's specials escaped."""
    return _WHITESPACE.sub(" ", text).strip().translate(_BIBTEX_SPECIAL)
