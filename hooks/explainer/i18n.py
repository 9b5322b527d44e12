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
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from babel.core import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .model import ENGLISH_DATES, DateWords
from .registry import LANGUAGE_NAMES

if TYPE_CHECKING:
    from .model import PartialDate

LOCALE_DIR = Path(__file__).parent / "locale"
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


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
    )


@cache
def language_name(code: str, language: str = SOURCE_LANGUAGE) -> str:
    """A language named as the edition's readers name it ("Russian", "російська"), or its tag.

    English keeps the site's own names; another edition's come from Babel's locale data.
    """
    if language == SOURCE_LANGUAGE:
        return LANGUAGE_NAMES.get(code, code)
    return str(Locale.parse(language).languages.get(code.replace("-", "_"), code))


def date_label(date: PartialDate, language: str = SOURCE_LANGUAGE) -> str:
    """A date for readers of a language, at its precision, as they write dates.

    English is :attr:`PartialDate.label` ("18 December 2025"); Ukrainian "18 грудня
    2025 року", "грудень 2025 року", "15–16 грудня 2025 року", "близько грудня 2025 року".
    """
    return date_words(language).label(date)
