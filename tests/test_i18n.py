"""Interface text comes from gettext catalogues: complete, consistent, and English unchanged."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from explainer import i18n
from explainer.i18n import CatalogueError, catalogue_path, languages, translations
from explainer.model import PartialDate, Site
from explainer.templating import environment

from conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

ENGINE = ROOT / "hooks" / "explainer"
TAGS = re.compile(r"<[^>]+>|%\([a-z_]+\)s")


def extracted() -> set[str]:
    """Every marked interface string of the templates and the engine, as make messages finds it."""
    found = extract_from_dir(
        str(ENGINE),
        method_map=[("templates/**.j2", "jinja2"), ("**.py", "python")],
        options_map={
            "templates/**.j2": {
                "extensions": "jinja2.ext.i18n",
                "trim_blocks": "true",
                "lstrip_blocks": "true",
            }
        },
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


def catalogue(language: str) -> dict[str, str]:
    """The catalogue's translations; a fuzzy one (Babel's guess) counts as none."""
    with catalogue_path(language).open("rb") as file:
        catalog = read_po(file, locale=language)
    found = {}
    for m in catalog:
        if not m.id:
            continue
        # A plural message is keyed by its singular, and translated only if every form is.
        english = m.id[0] if isinstance(m.id, tuple) else m.id
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        found[str(english)] = "" if m.fuzzy or not all(forms) else " | ".join(map(str, forms))
    return found


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != "en"])
def test_every_marked_string_is_translated(language: str) -> None:
    wanted = extracted()
    assert wanted, "no interface string is marked for translation"
    have = catalogue(language)
    missing = sorted(m for m in wanted if not have.get(m))
    assert missing == [], (
        f"untranslated in {language} (run make messages, then translate): {missing}"
    )
    stale = sorted(set(have) - wanted)
    assert stale == [], f"no longer in the templates (run make messages): {stale}"


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != "en"])
def test_translations_keep_the_markup_and_placeholders(language: str) -> None:
    for english, translated in catalogue(language).items():
        assert sorted(TAGS.findall(english)) == sorted(TAGS.findall(translated)), english


def render_as_of(language: str) -> str:
    template = environment(language).from_string(
        '{% import "_macros.j2" as m with context %}{{ m.as_of(date) }}'
    )
    site = Site(
        title="T",
        description="D",
        as_of=PartialDate(2026, 3, 10),
        summary="S",
        checked_until=PartialDate(2026, 3, 10),
    )
    return template.render(
        date=PartialDate(2026, 3, 10),
        site=site,
        page_changes=(),
        href=lambda *parts: "#",
        urls=type("U", (), {"METHODOLOGY": "methodology.md", "CHANGES": "changes.md"}),
        untranslated=False,
        outdated=False,
        english_href="#",
    )


def test_the_english_edition_is_the_text_as_written() -> None:
    html = render_as_of("en")
    assert 'Information as of <time datetime="2026-03-10">10 March 2026</time>.' in html
    assert "How facts are sourced" in html


def test_the_ukrainian_edition_reads_its_catalogue() -> None:
    html = render_as_of("uk")
    assert 'Інформація станом на <time datetime="2026-03-10">' in html
    assert "Звідки факти" in html
    assert "Information as of" not in html


def catalogue_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, po: str) -> str:
    """The CatalogueError that loading a language whose catalogue is ``po`` raises."""
    path = tmp_path / "xx" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(po, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    translations.cache_clear()
    try:
        with pytest.raises(CatalogueError) as raised:
            translations("xx")
    finally:
        translations.cache_clear()
    return str(raised.value)


def test_a_translation_that_loses_a_placeholder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = '#, python-format\nmsgid "As of %(date)s."\nmsgstr "Станом на."\n'
    assert re.search(r"messages\.po:2: ", catalogue_error(tmp_path, monkeypatch, po))


def test_a_broken_catalogue_is_named_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = 'msgid "a"\nmsgstr "b"\nmsgstr "c"\nnot po at all\n'
    message = catalogue_error(tmp_path, monkeypatch, po)
    assert re.search(r"messages\.po: cannot parse the catalogue", message)


@pytest.mark.parametrize(
    ("written", "english", "ukrainian"),
    [
        ("2026-01-06", "6 January 2026", "6 січня 2026 року"),
        ("2025-12", "December 2025", "грудень 2025 року"),
        ("2025", "2025", "2025"),
        ("2025-12-15/2025-12-16", "15–16 December 2025", "15–16 грудня 2025 року"),
        (
            "2025-11-30/2025-12-02",
            "30 November – 2 December 2025",
            "30 листопада – 2 грудня 2025 року",
        ),
        (
            "2025-12-30/2026-01-02",
            "30 December 2025 – 2 January 2026",
            "30 грудня 2025 року – 2 січня 2026 року",
        ),
        ("2025-12~", "around December 2025", "близько грудня 2025 року"),
        ("2026-01-24~", "around 24 January 2026", "близько 24 січня 2026 року"),
    ],
)
def test_dates_read_as_each_editions_readers_write_them(
    written: str, english: str, ukrainian: str
) -> None:
    from explainer.i18n import date_label

    date = PartialDate.parse(written)
    assert date_label(date, "en") == english == date.label
    assert date_label(date, "uk") == ukrainian


def test_the_ukrainian_as_of_line_has_a_ukrainian_date() -> None:
    assert 'станом на <time datetime="2026-03-10">10 березня 2026 року</time>' in render_as_of("uk")
