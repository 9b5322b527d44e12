"""The one Jinja environment that renders pages and figures, autoescape on."""

from __future__ import annotations

import functools
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .escaping import markdown_text
from .i18n import SOURCE_LANGUAGE, coordinates, date_label, language_name, translations


@cache
def environment(language: str = SOURCE_LANGUAGE) -> Environment:
    """The environment for one language: its interface text from that language's catalogue."""
    # Autoescape every template, whatever its extension: page templates emit
    # Markdown with HTML blocks, and everything from YAML must arrive escaped.
    env = Environment(
        loader=PackageLoader("explainer", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Newstyle gettext: _("...") escapes what it formats in, like any other value.
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    # Data text put into Markdown lines (headings) must read as written.
    env.filters["md_escape"] = markdown_text
    # Dates as the edition's readers write them: "6 January 2026", "6 січня 2026 року".
    env.filters["date_label"] = functools.partial(date_label, language=language)
    # Languages as the edition names them: "in Russian", "мова: російська".
    env.filters["language_name"] = functools.partial(language_name, language=language)
    # Where a place lies, in the edition's numbers: "48.86° N, 2.35° E", "48,86° пн. ш., ...".
    env.filters["coordinates"] = functools.partial(coordinates, language=language)
    env.globals["edition"] = language
    return env


def render(template: str, language: str = SOURCE_LANGUAGE, **context: Any) -> str:
    """Render a template from hooks/explainer/templates/ with the given context."""
    return environment(language).get_template(template).render(**context)
