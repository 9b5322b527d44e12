"""Ukrainian texts kept beside the English: the check names every one whose English moved on.

A translation that silently keeps an old claim is the failure these tests
guard against: changing one English sentence must make the check point at its
Ukrainian text, as a warning for an editor and as an error in CI.
"""

from __future__ import annotations

import json
import os
import shutil
from typing import TYPE_CHECKING

import pytest

from explainer.cli import main
from explainer.translations import fingerprint, sync_schemas, translatable

from conftest import SCHEMAS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SUMMARY = "An army of about 800,000 deters renewed attack."
UKRAINIAN = "Армія приблизно з 800 000 військових стримує новий напад."


def translated(data: Path, english: str = SUMMARY, extra: str = "") -> Path:
    """The base guarantee with its summary in Ukrainian, made from ``english``."""
    guarantee = data / "guarantees" / "first-line.yaml"
    guarantee.write_text(
        guarantee.read_text(encoding="utf-8")
        + "uk:\n"
        + "  summary:\n"
        + f"    text: {UKRAINIAN}\n"
        + f"    translated_from: {fingerprint(english)}\n"
        + extra,
        encoding="utf-8",
    )
    return guarantee


def run_check(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    os.chdir(data.parent)
    code = main(["check", "--data", "data"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests say which mode they run in; CI's own variable must not decide it.
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_a_translation_made_from_the_english_as_it_is_passes(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    translated(data)
    code, out, err = run_check(data, capsys)
    assert (code, err) == (0, "")
    assert "no problems" in out


def test_changing_the_english_names_the_stale_ukrainian_text(
    data_copy: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = data_copy()
    guarantee = translated(data)
    guarantee.write_text(
        guarantee.read_text(encoding="utf-8").replace(
            SUMMARY, "An army of about 850,000 deters renewed attack."
        ),
        encoding="utf-8",
    )
    new = fingerprint("An army of about 850,000 deters renewed attack.")
    line = next(
        n
        for n, text in enumerate(guarantee.read_text(encoding="utf-8").splitlines(), 1)
        if "translated_from" in text
    )
    expected = (
        f"data/guarantees/first-line.yaml:{line}:22: warning: the English 'summary' has changed "
        f"since this Ukrainian text was translated from it (translated_from: "
        f"{fingerprint(SUMMARY)}, the English now: {new}): update the Ukrainian and set "
        f"translated_from: {new}, or add outdated: true until it is updated"
    )
    # For an editor: a warning, and the check still passes.
    code, _, err = run_check(data, capsys)
    assert code == 0
    assert err.splitlines() == [expected, "1 warning in 1 file"]
    # In CI: the same line, as an error that fails the run.
    monkeypatch.setenv("CI", "true")
    code, _, err = run_check(data, capsys)
    assert code == 1
    assert err.splitlines() == [expected.replace(": warning: ", ": error: "), "1 error in 1 file"]


def test_a_stale_translation_is_a_github_warning_annotation_outside_ci(
    data_copy: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = data_copy()
    translated(data, english="What the English said before.")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run_check(data, capsys)
    assert code == 0
    assert out.startswith("::warning file=data/guarantees/first-line.yaml,line=")


def test_a_translation_known_to_be_behind_is_accepted_once_marked(
    data_copy: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = data_copy()
    translated(data, english="What the English said before.", extra="    outdated: true\n")
    monkeypatch.setenv("CI", "true")
    code, _, err = run_check(data, capsys)
    assert (code, err) == (0, "")


def test_outdated_on_an_up_to_date_translation_is_refused(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    translated(data, extra="    outdated: true\n")
    code, _, err = run_check(data, capsys)
    assert code == 1
    assert "marked outdated, but it was made from the English as it is now" in err


def test_a_translation_of_a_field_with_no_english_is_refused(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    translated(data, extra="  trigger:\n    text: Після угоди.\n    translated_from: 0123abcd\n")
    code, _, err = run_check(data, capsys)
    assert code == 1
    assert "there is no English 'trigger' here to translate" in err


def test_a_misspelt_field_or_fingerprint_is_located(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    translated(data, extra="  titel:\n    text: Армія\n    translated_from: not-a-hash\n")
    code, _, err = run_check(data, capsys)
    assert code == 1
    assert "unknown field 'titel' (did you mean 'title'?)" in err


def test_a_link_in_ukrainian_text_is_checked_like_the_english(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    guarantee = data / "guarantees" / "first-line.yaml"
    guarantee.write_text(
        guarantee.read_text(encoding="utf-8")
        + "uk:\n  summary:\n    text: Див. [США](actor:united-sates).\n"
        + f"    translated_from: {fingerprint(SUMMARY)}\n",
        encoding="utf-8",
    )
    code, _, err = run_check(data, capsys)
    assert code == 1
    assert "united-sates" in err and "did you mean 'united-states'" in err


def test_each_list_item_is_translated_in_order(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    guarantee = data / "guarantees" / "first-line.yaml"
    conditions = ["After a peace agreement.", "With weapons and training."]
    guarantee.write_text(
        guarantee.read_text(encoding="utf-8")
        + "conditions:\n"
        + "".join(f"  - {c}\n" for c in conditions)
        + "uk:\n  conditions:\n    text:\n      - Після мирної угоди.\n"
        + f"    translated_from: {fingerprint(conditions)}\n",
        encoding="utf-8",
    )
    code, _, err = run_check(data, capsys)
    assert code == 1
    assert "uk.conditions has 1 items and the English 2: translate each item" in err


def test_spacing_alone_does_not_make_a_translation_stale() -> None:
    assert fingerprint("An army of\n  about 800,000.") == fingerprint("An army of about 800,000.")
    assert fingerprint("An army of about 800,000.") != fingerprint("An army of about 850,000.")


def test_the_schemas_have_a_ukrainian_slot_for_every_text(tmp_path: Path) -> None:
    # The published schemas are what an editor's IDE completes from: their uk
    # slots must be exactly those the rule derives, for every object with texts.
    copy = tmp_path / "schema"
    shutil.copytree(SCHEMAS, copy)
    assert sync_schemas(copy) == [], "run: python -m explainer.translations data/schema"
    guarantee = json.loads((SCHEMAS / "guarantee.schema.json").read_text(encoding="utf-8"))
    slot = guarantee["properties"]["uk"]["properties"]
    assert set(slot) == {
        "title",
        "summary",
        "trigger",
        "details",
        "conditions",
        "open_questions",
    }
    assert set(translatable(guarantee["properties"])) == set(slot)
    step = guarantee["properties"]["status_history"]["items"]["properties"]
    assert set(step["uk"]["properties"]) == {"note"}


def test_stamp_marks_a_translators_files_up_to_date_and_nothing_else(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    guarantee = translated(data, english="Some older English.")
    before = guarantee.read_text(encoding="utf-8")
    os.chdir(data.parent)
    assert main(["translations", "--stamp", "data/guarantees/first-line.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "data/guarantees/first-line.yaml: 1 translation stamped"
    after = guarantee.read_text(encoding="utf-8")
    # Only the fingerprint changed, to the English as it is now.
    assert after == before.replace(fingerprint("Some older English."), f'"{fingerprint(SUMMARY)}"')
    code, _, err = run_check(data, capsys)
    assert (code, err) == (0, "")
    assert main(["translations"]) == 0
    assert capsys.readouterr().out.startswith("uk: 1 of ")


def test_stamp_leaves_a_translation_marked_outdated_alone(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    guarantee = translated(data, english="Some older English.", extra="    outdated: true\n")
    before = guarantee.read_text(encoding="utf-8")
    os.chdir(data.parent)
    assert main(["translations", "--stamp", "data/guarantees/first-line.yaml"]) == 0
    assert guarantee.read_text(encoding="utf-8") == before
    assert "1 marked outdated" in capsys.readouterr().out


def test_stamp_writes_a_fingerprint_of_digits_so_that_it_stays_text(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Whatever the English, the stamped value must read back as text, even when
    # its eight hex digits are all decimal ("11577561") or look like a float.
    data = data_copy()
    guarantee = translated(data, english="Some older English.")
    os.chdir(data.parent)
    assert main(["translations", "--stamp", "data/guarantees/first-line.yaml"]) == 0
    assert f'translated_from: "{fingerprint(SUMMARY)}"' in guarantee.read_text(encoding="utf-8")
    capsys.readouterr()
    code, _, err = run_check(data, capsys)
    assert (code, err) == (0, "")


def test_coverage_counts_each_english_text_once(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    os.chdir(data.parent)
    assert main(["translations"]) == 0
    before = capsys.readouterr().out
    translated(data)
    assert main(["translations"]) == 0
    after = capsys.readouterr().out
    total = int(before.split(" of ")[1].split()[0])
    # A translation is not itself a text to translate: the total stays the same.
    assert after.startswith(f"uk: 1 of {total} texts translated")


def test_a_term_may_have_ukrainian_aliases_where_the_english_has_none(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Ukrainian nouns change with their case: the glossary must find every form.
    data = data_copy()
    term = data / "glossary" / "contact-line.yaml"
    term.write_text(
        term.read_text(encoding="utf-8").replace("aliases: [demarcation line]\n", "")
        + "uk:\n  aliases:\n    text: [лінії зіткнення, лінію зіткнення]\n"
        + f'    translated_from: "{fingerprint([])}"\n',
        encoding="utf-8",
    )
    code, _, err = run_check(data, capsys)
    assert (code, err) == (0, "")
