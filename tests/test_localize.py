"""The model in Ukrainian: translated texts replace the English, and every gap is known."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explainer.load import load
from explainer.localize import localize
from explainer.schemas import load_schemas
from explainer.translations import fingerprint

from conftest import ROOT, SCHEMAS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SUMMARY = "An army of about 800,000 deters renewed attack."
EVENT_TITLE = "Plan reported"


def with_translations(data: Path, *, summary_from: str = SUMMARY) -> None:
    guarantee = data / "guarantees" / "first-line.yaml"
    guarantee.write_text(
        guarantee.read_text(encoding="utf-8")
        + "uk:\n  summary:\n    text: Армія приблизно з 800 000 військових стримує новий напад.\n"
        + f'    translated_from: "{fingerprint(summary_from)}"\n',
        encoding="utf-8",
    )
    timeline = data / "timelines" / "background.yaml"
    timeline.write_text(
        timeline.read_text(encoding="utf-8").replace(
            "    title: Plan reported\n",
            "    title: Plan reported\n"
            "    uk:\n      title:\n        text: Про план повідомлено\n"
            f'        translated_from: "{fingerprint(EVENT_TITLE)}"\n',
        ),
        encoding="utf-8",
    )


def test_translated_texts_replace_the_english_and_nothing_else_changes(
    data_copy: Callable[..., Path],
) -> None:
    data = data_copy()
    with_translations(data)
    english = load(data, SCHEMAS, strict=False).explainer
    ukrainian, gaps = localize(english, load_schemas(SCHEMAS), "uk")
    guarantee = ukrainian.guarantees["first-line"]
    assert guarantee.summary.startswith("Армія приблизно з 800 000")
    # What has no translation reads in English, and is known to be missing.
    assert guarantee.title == english.guarantees["first-line"].title
    assert "title" in gaps.missing[("guarantee", "first-line")]
    assert "summary" not in gaps.missing[("guarantee", "first-line")]
    # Ids, dates, statuses and links are the same model.
    assert guarantee.status_history == english.guarantees["first-line"].status_history
    assert guarantee.providers == english.guarantees["first-line"].providers
    # An event is its own entity: its gaps are its own, and the index of events follows.
    assert ukrainian.events["plan-reported"].title == "Про план повідомлено"
    assert ukrainian.timelines["background"].events[1].title == "Про план повідомлено"
    assert "title" not in gaps.missing.get(("event", "plan-reported"), set())
    assert "summary" in gaps.missing[("event", "plan-reported")]
    # The English model itself is untouched.
    assert english.guarantees["first-line"].summary == SUMMARY


def test_a_translation_from_older_english_is_shown_and_flagged(
    data_copy: Callable[..., Path],
) -> None:
    data = data_copy()
    with_translations(data, summary_from="What the English said before.")
    english = load(data, SCHEMAS, strict=False).explainer
    ukrainian, gaps = localize(english, load_schemas(SCHEMAS), "uk")
    assert ukrainian.guarantees["first-line"].summary.startswith("Армія")
    assert gaps.of(("guarantee", "first-line")) == (True, True)
    assert gaps.of(("event", "plan-reported"))[1] is False


def test_the_english_edition_is_the_model_as_it_is(data_copy: Callable[..., Path]) -> None:
    data = data_copy()
    with_translations(data)
    english = load(data, SCHEMAS, strict=False).explainer
    same, gaps = localize(english, load_schemas(SCHEMAS), "en")
    assert same is english
    assert gaps.missing == {} and gaps.stale == {}


def test_the_real_data_builds_ukrainian_pages_from_the_same_templates() -> None:
    from explainer.pages import build_pages

    english = load(ROOT / "data", SCHEMAS, strict=False).explainer
    ukrainian, gaps = localize(english, load_schemas(SCHEMAS), "uk")
    pages = {p.path: p for p in build_pages(ukrainian, language="uk")}
    guarantee = pages["guarantees/first-line.md"]
    title = ukrainian.guarantees["first-line"].title
    assert title != english.guarantees["first-line"].title
    assert guarantee.content.startswith(f"# {title}\n")
    # Interface text and dates in Ukrainian, from the catalogue and Babel's months.
    assert "## Коротко" in guarantee.content
    assert "## At a glance" not in guarantee.content
    assert "Інформація станом на <time datetime=" in guarantee.content
    assert " року</time>" in guarantee.content
    assert pages["timeline.md"].title == "Хронологія"
    # Every text of the real data has its Ukrainian: nothing would need the note.
    assert gaps.missing == {} and gaps.stale == {}
    # The same ids and links: the Ukrainian edition has the same pages.
    english_pages = {p.path for p in build_pages(english)}
    assert set(pages) == english_pages


def test_a_page_holding_an_outdated_or_missing_translation_says_so_and_links_the_english(
    data_copy: Callable[..., Path],
) -> None:
    from explainer.pages import build_pages

    data = data_copy()
    with_translations(data, summary_from="What the English said before.")
    english = load(data, SCHEMAS, strict=False).explainer
    ukrainian, gaps = localize(english, load_schemas(SCHEMAS), "uk")
    pages = {p.path: p.content for p in build_pages(ukrainian, language="uk", gaps=gaps)}
    first_line = pages["guarantees/first-line.md"]
    # Its summary is from older English, its title not translated: both are said.
    assert "переклад може бути застарілим" in first_line
    assert "її показано англійською" in first_line
    # The link leads to the same page in the English edition, a folder up from uk/.
    assert '<a href="../../guarantees/first-line.html" hreflang="en" lang="en">' in first_line
    # A page that shows none of the outdated text does not say it is outdated (the
    # test data's terms are not translated, so it says that); a page listing every
    # guarantee does, and links its own English page.
    assert "застарілим" not in pages["glossary.md"]
    assert "її показано англійською" in pages["glossary.md"]
    assert "застарілим" in pages["guarantees/index.md"]
    assert '<a href="../../guarantees/index.html" hreflang="en"' in pages["guarantees/index.md"]
    # The English edition never has the note.
    assert not any("explainer-edition-note" in p.content for p in build_pages(english))


def sources_pages(data: Path) -> tuple[str, str]:
    """The sources page of the English edition of data, and of the Ukrainian."""
    from explainer.pages import build_pages

    english = load(data, SCHEMAS, strict=False).explainer
    ukrainian, _ = localize(english, load_schemas(SCHEMAS), "uk")
    pages = [build_pages(english), build_pages(ukrainian, language="uk")]
    english_page, ukrainian_page = (next(p for p in e if p.path == "sources.md") for e in pages)
    return english_page.content, ukrainian_page.content


def test_a_quote_in_translation_has_the_words_as_recorded_beside_it(
    data_copy: Callable[..., Path],
) -> None:
    from conftest import CASES

    data = data_copy(CASES / "base", CASES / "valid" / "ukrainian-quotes" / "data")
    english, ukrainian = sources_pages(data)
    # Visible, and in their own language for a screen reader.
    assert (
        '<li><q>сталевий дикобраз</q> (англійська: <q lang="en">the steel porcupine</q>), '
        in ukrainian
    )
    # A source in Ukrainian records the original: it is shown once.
    assert "<li><q>сталева стіна</q>, " in ukrainian
    assert "українська: <q" not in ukrainian
    # The English edition shows the words as recorded, as it always has.
    assert "<li><q>the steel porcupine</q>, officials</li>" in english
    assert "lang=" not in english


def test_the_real_data_marks_each_quote_with_the_language_of_its_words() -> None:
    from conftest import ROOT

    _, ukrainian = sources_pages(ROOT / "data")
    assert '<q>формули Анкориджа</q> (англійська: <q lang="en">Anchorage formula</q>)' in ukrainian
    # A page in Russian whose words are recorded in English: the words are English.
    assert '<q>абсолютно неправдивою</q> (англійська: <q lang="en">totally false</q>)' in ukrainian
    assert '<q lang="ru">totally false' not in ukrainian
    # Words the Russian page gives itself are Russian.
    assert '<q>на 100%</q> (російська: <q lang="ru">100%</q>)' in ukrainian
    # Languages are named in Ukrainian, here as in each source's own line.
    assert "мова: російська" in ukrainian and "мова: Russian" not in ukrainian


def test_the_vocabularies_and_the_sites_language_are_the_editions() -> None:
    english = load(ROOT / "data", SCHEMAS, strict=False).explainer
    ukrainian, _ = localize(english, load_schemas(SCHEMAS), "uk")
    assert ukrainian.site.language == "uk" and english.site.language == "en"
    status = ukrainian.vocabularies["status"]
    assert status["proposed"].label == "Запропоновано"
    assert status["reported"].meaning.startswith("Відомо з повідомлення")
    assert ukrainian.vocabularies["phase"]["backing"].short == "підкріплення, а не крок"
    assert ukrainian.vocabularies["binding"].label("legal") == "Юридична"
    # The same values in the same order, and the English vocabularies untouched.
    assert list(status) == list(english.vocabularies["status"])
    assert status.rank("withdrawn") == english.vocabularies["status"].rank("withdrawn")
    assert english.vocabularies["status"]["proposed"].label == "Proposed"
    # Every word of every vocabulary has its Ukrainian.
    for name, vocabulary in ukrainian.vocabularies.items():
        for value_id, value in vocabulary.items():
            source = english.vocabularies[name][value_id]
            for word in ("label", "plural", "short", "meaning", "heading", "intro"):
                if getattr(source, word):
                    assert getattr(value, word) != getattr(source, word), (name, value_id, word)
