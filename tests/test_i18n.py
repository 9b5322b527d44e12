"""Interface text comes from gettext catalogues: complete, consistent, and English unchanged."""

from __future__ import annotations

import copy
import json
import re
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from babel.messages.extract import (
    DEFAULT_KEYWORDS,
    check_and_call_extract_file,
    extract_from_dir,
)
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from explainer import i18n
from explainer.diagrams.timeline_chart import _gap_text
from explainer.i18n import (
    CatalogueError,
    catalogue_path,
    edition_config_text,
    language_name,
    languages,
    names,
    translations,
)
from explainer.model import PartialDate, Site
from explainer.pages import ChangeNote
from explainer.registry import vocabularies
from explainer.schemas import load_schemas
from explainer.templating import environment

from conftest import ROOT, SCHEMAS

if TYPE_CHECKING:
    from pathlib import Path

ENGINE = ROOT / "hooks" / "explainer"
TAGS = re.compile(r"<[^>]+>|%\([a-z_]+\)s")
# What make messages extracts from, relative to the repository's root.
INPUTS = ("hooks/explainer", "data/schema", "mkdocs.yml")

Key = tuple[str | None, str]
"""A message as gettext finds it: (context, English); the context names a vocabulary."""


def extracted() -> dict[Key, list[str]]:
    """Every interface string, as make messages finds it with babel.cfg, and its comments."""
    with (ENGINE / "locale" / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = []
    for name in INPUTS:
        path = ROOT / name
        if path.is_dir():
            found += extract_from_dir(str(path), method_map, options_map)
        else:
            found += check_and_call_extract_file(
                str(path),
                method_map,
                options_map,
                callback=None,
                keywords=DEFAULT_KEYWORDS,
                comment_tags=(),
                strip_comment_tags=False,
                dirpath=str(ROOT),
            )
    messages: dict[Key, list[str]] = {}
    for _, _, message, comments, context in found:
        english = message if isinstance(message, str) else message[0]
        messages.setdefault((context, english), []).extend(comments)
    return messages


def test_make_messages_extracts_from_the_same_places() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nmessages:")[1]
    assert " ".join(INPUTS) in recipe.split("\n\n")[0]


def catalogue(language: str) -> dict[Key, tuple[str, ...]]:
    """The catalogue's translations (each plural form); a fuzzy one (Babel's guess) counts
    as none."""
    with catalogue_path(language).open("rb") as file:
        catalog = read_po(file, locale=language)
    found = {}
    for m in catalog:
        if not m.id:
            continue
        # A plural message is keyed by its singular, and translated only if every form is.
        english = m.id[0] if isinstance(m.id, tuple) else m.id
        forms = tuple(map(str, m.string if isinstance(m.string, tuple) else (m.string,)))
        found[(m.context, str(english))] = () if m.fuzzy or not all(forms) else forms
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
    stale = sorted(set(have) - set(wanted))
    assert stale == [], f"no longer in the templates (run make messages): {stale}"


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != "en"])
def test_translations_keep_the_markup_and_placeholders(language: str) -> None:
    for (_, english), forms in catalogue(language).items():
        for translated in forms:
            assert sorted(TAGS.findall(english)) == sorted(TAGS.findall(translated)), english


def render_as_of(language: str, **context: Any) -> str:
    """A page's as-of lines in a language; context adds to (or replaces) the page's."""
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
    page: dict[str, Any] = {
        "date": PartialDate(2026, 3, 10),
        "site": site,
        "page_changes": (),
        "href": lambda *parts: "#",
        "urls": type("U", (), {"METHODOLOGY": "methodology.md", "CHANGES": "changes.md"}),
        "untranslated": False,
        "outdated": False,
        "english_href": "#",
    }
    return template.render({**page, **context})


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


# -- the vocabularies and mkdocs.yml in the catalogue ------------------------------


def schema_words() -> set[Key]:
    """Every word of every x-vocabulary in data/schema, read here from the JSON itself."""
    found: set[Key] = set()
    for path in sorted((ROOT / "data" / "schema").glob("*.schema.json")):
        definitions = json.loads(path.read_text(encoding="utf-8")).get("$defs", {})
        for name, definition in definitions.items():
            for words in definition.get("x-vocabulary", {}).values():
                found.update((name, word) for word in words.values())
    return found


def test_every_vocabulary_word_is_extracted_with_its_vocabulary() -> None:
    words = schema_words()
    assert ("status", "Proposed") in words and len(words) > 60
    assert words - set(extracted()) == set()
    # One word in two vocabularies is two messages: each may need its own translation.
    assert {("binding", "Political"), ("guarantee-kind", "Political")} <= set(extracted())


def test_the_counted_vocabularies_have_plural_messages() -> None:
    messages = extracted()
    assert ("change-type", "%(count)s correction") in messages
    assert any("(3 corrections)" in c for c in messages[("change-type", "%(count)s correction")])


def mkdocs_config() -> dict[str, object]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(config, dict)
    return config


def nav_titles(nav: list[object]) -> list[str]:
    titles: list[str] = []
    for entry in nav:
        if isinstance(entry, dict):
            for title, target in entry.items():
                titles.append(title)
                if isinstance(target, list):
                    titles += nav_titles(target)
    return titles


def mkdocs_texts() -> list[str]:
    """The texts of mkdocs.yml a reader sees, found here by hand."""
    config = mkdocs_config()
    theme = config["theme"]
    assert isinstance(theme, dict)
    extensions = config["markdown_extensions"]
    assert isinstance(extensions, list)
    toc = next(e["toc"] for e in extensions if isinstance(e, dict) and "toc" in e)
    nav = config["nav"]
    assert isinstance(nav, list)
    return [
        str(config["copyright"]),
        *(entry["toggle"]["name"] for entry in theme["palette"]),
        toc["permalink_title"],
        *nav_titles(nav),
    ]


def test_every_text_of_mkdocs_yml_is_extracted() -> None:
    texts = mkdocs_texts()
    assert {"Home", "About", "Data reference", "Switch to dark mode"} <= set(texts)
    assert {(None, text) for text in texts} - set(extracted()) == set()


def test_mkdocs_settings_for_the_ukrainian_edition() -> None:
    config = mkdocs_config()
    before = copy.deepcopy(config)
    ukrainian = edition_config_text(config, "uk")
    assert config == before, "the settings given are not changed"
    english_texts = mkdocs_texts()
    for text in english_texts:
        assert translations("uk").gettext(text) != text, text
    # The site's name is not the catalogue's: the data's title, in each edition.
    assert ukrainian["site_name"] == config["site_name"]
    assert ukrainian["nav"][0] == {"Головна": "index.md"}
    about = next(e for e in ukrainian["nav"] if "Про сайт" in e)["Про сайт"]
    assert {"Методологія": "methodology.md"} in about
    assert [p["toggle"]["name"] for p in ukrainian["theme"]["palette"]] == [
        "Увімкнути темний режим",
        "Увімкнути світлий режим",
    ]
    assert {"toc": {"permalink": True, "permalink_title": "Посилання на цей розділ"}} in (
        ukrainian["markdown_extensions"]
    )
    # Everything else as it was; the English edition is the file as written.
    assert ukrainian["theme"]["palette"][0]["scheme"] == "default"
    assert ukrainian["docs_dir"] == config["docs_dir"]
    assert edition_config_text(config, "en") == config


def test_mkdocs_settings_as_mkdocs_holds_them_once_loaded() -> None:
    loaded = {
        "mdx_configs": {"toc": {"permalink": True, "permalink_title": "Link to this section"}},
        "copyright": "Every fact on this site is cited; see the methodology page for how "
        "sources are used.",
        "nav": ["index.md", {"Timeline": "timeline.md"}, {"Blog": "https://example.org/"}],
    }
    ukrainian = edition_config_text(loaded, "uk")
    assert ukrainian["mdx_configs"]["toc"]["permalink_title"] == "Посилання на цей розділ"
    assert ukrainian["copyright"].startswith("Кожен факт")
    # A path alone keeps its page's title; an untranslated title stays as written.
    assert ukrainian["nav"] == ["index.md", {"Хронологія": "timeline.md"}, loaded["nav"][2]]


# -- plurals, lists and language names --------------------------------------------


@pytest.mark.parametrize(
    ("number", "corrections", "months"),
    [
        (1, "1 виправлення", "через 1 місяць"),
        (2, "2 виправлення", "через 2 місяці"),
        (5, "5 виправлень", "через 5 місяців"),
        (11, "11 виправлень", "через 11 місяців"),
        (21, "21 виправлення", "через 21 місяць"),
        (22, "22 виправлення", "через 22 місяці"),
    ],
)
def test_ukrainian_counts_take_the_numbers_plural_form(
    number: int, corrections: str, months: str
) -> None:
    types = vocabularies(load_schemas(SCHEMAS))["change-type"]
    assert types.translated(translations("uk")).count("correction", number) == corrections
    assert _gap_text(round(number * 30.44), "uk") == months
    english = types.count("correction", number)
    assert english == f"{number} correction{'s' if number != 1 else ''}"


def page_note(language: str, count: int) -> str:
    """The note a page changed by ``count`` corrections on one day carries."""
    vocab = {
        name: v.translated(translations(language))
        for name, v in vocabularies(load_schemas(SCHEMAS)).items()
    }
    html = render_as_of(
        language,
        page_changes=[ChangeNote("correction", PartialDate(2026, 12, 1), "c", count)],
        vocab=vocab,
    )
    found = re.search(r'explainer-changed">(.*) <a href="#">[^<]*</a></p>', html)
    assert found, html
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_a_page_note_counts_its_corrections_in_each_language() -> None:
    assert page_note("en", 3) == "This page was corrected on 1 December 2026 (3 corrections)."
    assert page_note("uk", 1) == "Цю сторінку виправлено 1 грудня 2026 року."
    assert page_note("uk", 3) == "Цю сторінку виправлено 1 грудня 2026 року (3 виправлення)."
    assert page_note("uk", 5) == "Цю сторінку виправлено 1 грудня 2026 року (5 виправлень)."
    assert page_note("uk", 21) == "Цю сторінку виправлено 1 грудня 2026 року (21 виправлення)."


def test_lists_read_as_each_language_writes_them() -> None:
    assert [names(["A", "B", "C"][:n]) for n in range(4)] == ["", "A", "A and B", "A, B and C"]
    assert names(["США", "Європа", "Коаліція охочих"], "uk") == "США, Європа і Коаліція охочих"


def test_a_sources_language_is_named_in_the_editions_language() -> None:
    assert [language_name(t) for t in ("en", "uk", "ru", "de", "pt")] == [
        "English",
        "Ukrainian",
        "Russian",
        "German",
        "Portuguese",
    ]
    assert language_name("de", "uk") == "німецька"
    assert language_name("xx-unknown", "uk") == "xx-unknown"
    template = environment("uk").from_string(
        "{% trans language=name %}in {{ language }}{% endtrans %}"
    )
    assert template.render(name=language_name("de", "uk")) == "мова: німецька"
