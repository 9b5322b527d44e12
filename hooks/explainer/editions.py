"""The site's editions: English at the root of the site, each other language in a folder.

One build makes every edition (``explainer build``): MkDocs runs once per
language, with ``EXPLAINER_EDITION`` set to it, English into the site folder and
Ukrainian into its ``uk/``. Each edition is a whole MkDocs site, with its own
``lang``, navigation, search index and sitemap. Every page exists in every
edition at the same path, so a page links to its counterpart with a relative
href, which also works from a folder opened with ``file://``.
"""

from __future__ import annotations

from typing import Final

from babel.core import Locale
from markupsafe import Markup

from .i18n import SOURCE_LANGUAGE, languages
from .templating import render
from .urls import html_path

EDITION_ENV: Final = "EXPLAINER_EDITION"
"""The environment variable that tells the MkDocs hook which edition to build."""


class UnknownEdition(ValueError):
    """A language the site has no catalogue for; the message names those it has."""


def folder(language: str) -> str:
    """Where an edition sits in the site: "" for English, "uk/" for Ukrainian."""
    return "" if language == SOURCE_LANGUAGE else f"{language}/"


def name(language: str) -> str:
    """The language's name in itself, as a reader looks for it: "English", "Українська"."""
    own = Locale.parse(language).get_display_name(language) or language
    return own[:1].upper() + own[1:]


def root_to_root(source: str, target: str) -> str:
    """From one edition's root folder to another's: "uk/" from English, "../" back."""
    return ("" if source == SOURCE_LANGUAGE else "../") + folder(target)


def edition_links(language: str) -> list[dict[str, str]]:
    """The other editions, for the theme: their language, name, and path from this root."""
    known = languages()
    if language not in known:
        raise UnknownEdition(f"the site has no edition in that language; it has {', '.join(known)}")
    return [
        {"lang": other, "name": name(other), "prefix": root_to_root(language, other)}
        for other in known
        if other != language
    ]


def counterpart(path: str, language: str, target: str) -> str:
    """A relative href from a page (its source path) to the same page in another edition."""
    built = html_path(path)
    return "../" * built.count("/") + root_to_root(language, target) + built


def english_only(html: str, language: str) -> str:
    """A hand-written page's HTML in another edition: said to be in English, and marked so."""
    return render("english_only.html.j2", language, content=Markup(html))
