"""Interface text in the reader's language, from gettext message catalogues.

The templates and the engine write their interface text in English, marked for
translation (``_("...")`` in Python and in templates, ``{% trans %}`` blocks in
templates). ``make messages`` extracts it with Babel into
``hooks/explainer/locale/messages.pot`` and updates each language's ``.po``
catalogue; a translator edits the ``.po`` file. The catalogue is compiled in
memory when a build starts, so no binary file is kept in the repository, and
the English edition uses the English as written (no catalogue at all): its
pages are byte for byte what they were before any string was marked.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.core import Locale
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from .model import ENGLISH_DATES, DateWords

if TYPE_CHECKING:
    from .model import PartialDate, Place

LOCALE_DIR = Path(__file__).parent / "locale"
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
# The site's English is British: "A, B and C", without the serial comma of Babel's "en".
_BABEL_LOCALE = {SOURCE_LANGUAGE: "en_GB"}


class CatalogueError(Exception):
    """A catalogue is missing or cannot be read: the build says which and where."""


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The interface text of one language; English is the text as written."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalogue_path(language)
    try:
        with path.open("rb") as file:
            catalog = read_po(file, locale=language, domain=DOMAIN, abort_invalid=True)
    except OSError as error:
        raise CatalogueError(f"{path}: cannot read the catalogue ({error.strerror})") from None
    except Exception as error:  # Babel raises plain exceptions on malformed files
        raise CatalogueError(f"{path}: cannot parse the catalogue ({error})") from None
    for message in catalog:
        # A translation whose placeholders differ from the English would fail,
        # or leave a fact out, in the middle of a build.
        english, translated = str(message.id), str(message.string or "")
        if translated and set(_PLACEHOLDER.findall(english)) != set(
            _PLACEHOLDER.findall(translated)
        ):
            raise CatalogueError(
                f"{path}:{message.lineno or 1}: the translation of {english[:60]!r} must use "
                f"the same placeholders: {', '.join(sorted(set(_PLACEHOLDER.findall(english))))}"
            )
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def languages() -> list[str]:
    """The languages with a catalogue, English first."""
    found = sorted(p.name for p in LOCALE_DIR.iterdir() if catalogue_path(p.name).is_file())
    return [SOURCE_LANGUAGE, *found]


@cache
def date_words(language: str) -> DateWords:
    """How a language writes dates, from Babel's locale data (English: as the model does)."""
    if language == SOURCE_LANGUAGE:
        return ENGLISH_DATES
    months = Locale.parse(language).months
    return DateWords(
        of=("", *(months["format"]["wide"][m] for m in range(1, 13))),  # "грудня"
        alone=("", *(months["stand-alone"]["wide"][m] for m in range(1, 13))),  # "грудень"
        around="близько",
        # "року", not "р.", which would double the full stop that ends a sentence.
        year_suffix=" року",
        short=("", *(months["stand-alone"]["abbreviated"][m] for m in range(1, 13))),  # "груд."
    )


def date_label(date: PartialDate, language: str = SOURCE_LANGUAGE) -> str:
    """A date for readers of a language, at its precision, as they write dates.

    English is :attr:`PartialDate.label` ("18 December 2025"); Ukrainian "18 грудня
    2025 року", "грудень 2025 року", "15–16 грудня 2025 року", "близько грудня 2025 року".
    """
    return date_words(language).label(date)


def names(items: Sequence[str], language: str = SOURCE_LANGUAGE) -> str:
    """A list as a language writes it in a sentence: "A, B and C", "A, B і C"."""
    return format_list(list(items), locale=_BABEL_LOCALE.get(language, language))


def coordinates(place: Place, language: str = SOURCE_LANGUAGE) -> str:
    """Where a place lies, as a language writes latitude and longitude: "48.86° N, 2.35° E"."""
    _ = translations(language).gettext
    locale = _BABEL_LOCALE.get(language, language)

    def degrees(value: float) -> str:
        return format_decimal(abs(value), format="0.00", locale=locale)

    north = (_("%(degrees)s° N") if place.latitude >= 0 else _("%(degrees)s° S")) % {
        "degrees": degrees(place.latitude)
    }
    east = (_("%(degrees)s° E") if place.longitude >= 0 else _("%(degrees)s° W")) % {
        "degrees": degrees(place.longitude)
    }
    return _("%(latitude)s, %(longitude)s") % {"latitude": north, "longitude": east}


def size_label(size: int, language: str = SOURCE_LANGUAGE) -> str:
    """A file's size for readers, in kilobytes or megabytes: "36.1 KB", "1.2 MB"."""
    _ = translations(language).gettext
    locale = _BABEL_LOCALE.get(language, language)
    if size >= 1_000_000:
        return _("%(size)s MB") % {"size": format_decimal(size / 1_000_000, "0.0", locale=locale)}
    return _("%(size)s KB") % {"size": format_decimal(max(size / 1000, 0.1), "0.0", locale=locale)}


@cache
def language_name(tag: str, language: str = SOURCE_LANGUAGE) -> str:
    """The name of a source's language (a BCP 47 tag) for readers of an edition, from Babel's
    locale data: "German", "німецька"; a tag Babel does not name is shown as written."""
    found = Locale.parse(_BABEL_LOCALE.get(language, language)).languages.get(tag.replace("-", "_"))
    return str(found) if found else tag


# -- mkdocs.yml ------------------------------------------------------------------


def map_config_text(config: Mapping[str, Any], change: Callable[[str], str]) -> dict[str, Any]:
    """A copy of MkDocs settings with each text a reader sees passed through ``change``.

    The texts are ``copyright``, the ``nav`` titles, the palette toggles'
    ``name`` (``theme: palette:``, one entry or a list) and the toc extension's
    ``permalink_title``, which is read both as
    mkdocs.yml writes it (``markdown_extensions: [{toc: {...}}]``) and as MkDocs
    holds it once the configuration is loaded (``mdx_configs: {toc: {...}}``).
    Everything else is kept as it is (``site_name`` and ``site_description``
    too: every edition takes them from data/site.yaml, in its language).
    ``make messages`` extracts these texts from mkdocs.yml with this same function.
    """
    result = dict(config)
    if isinstance(result.get("copyright"), str):
        result["copyright"] = change(result["copyright"])
    if isinstance(result.get("nav"), list):
        result["nav"] = _nav(result["nav"], change)
    theme = result.get("theme")
    if isinstance(theme, Mapping) and "palette" in theme:
        palette = theme["palette"]
        result["theme"] = {
            **theme,
            "palette": (
                [_palette(entry, change) for entry in palette]
                if isinstance(palette, list)
                else _palette(palette, change)
            ),
        }
    if isinstance(result.get("markdown_extensions"), list):
        result["markdown_extensions"] = [
            {name: _toc(name, options, change) for name, options in item.items()}
            if isinstance(item, Mapping)
            else item
            for item in result["markdown_extensions"]
        ]
    if isinstance(result.get("mdx_configs"), Mapping):
        result["mdx_configs"] = {
            name: _toc(name, options, change) for name, options in result["mdx_configs"].items()
        }
    return result


def edition_config_text(config: Mapping[str, Any], language: str) -> dict[str, Any]:
    """MkDocs settings with the texts a reader sees in ``language`` (see :func:`map_config_text`).

    For the MkDocs hook, which holds a loaded ``MkDocsConfig``::

        edition_config_text({
            "copyright": config.copyright,
            "nav": config.nav,
            "theme": {"palette": config.theme["palette"]},
            "mdx_configs": config.mdx_configs,
        }, "uk")

    gives those settings, and only those, for the Ukrainian edition (English:
    unchanged). The input is not modified.
    """
    return map_config_text(config, translations(language).gettext)


def _nav(nav: Sequence[Any], change: Callable[[str], str]) -> list[Any]:
    # An entry is a path alone (its page gives the title), {title: path or URL},
    # or {title: [entries]} for a section.
    return [
        {
            change(title): _nav(target, change) if isinstance(target, list) else target
            for title, target in entry.items()
        }
        if isinstance(entry, Mapping)
        else entry
        for entry in nav
    ]


def _palette(entry: Any, change: Callable[[str], str]) -> Any:
    toggle = entry.get("toggle") if isinstance(entry, Mapping) else None
    if not isinstance(toggle, Mapping) or not isinstance(toggle.get("name"), str):
        return entry
    return {**entry, "toggle": {**toggle, "name": change(toggle["name"])}}


def _toc(name: str, options: Any, change: Callable[[str], str]) -> Any:
    if name != "toc" or not isinstance(options, Mapping):
        return options
    title = options.get("permalink_title")
    return {**options, "permalink_title": change(title)} if isinstance(title, str) else options
