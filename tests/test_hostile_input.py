"""Hostile and careless input, by class: each gets a located error, never a traceback or a hole.

Files (links, devices, other extensions, misnamed folders), values (numbers that
are not finite or too long, whole numbers written as floats, line breaks where
one line is expected, control and bidirectional characters), glossary terms of
spaces only, cycles, and the links that the check once read differently from
the renderer. Each test runs the real ``explainer check``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from explainer.cli import main
from explainer.glossary import Glossary, phrase_key
from explainer.load import load_explainer
from explainer.model import Term
from explainer.pages import build_pages

from conftest import SCHEMAS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def check_output(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    os.chdir(data.parent)
    code = main(["check", "--data", "data"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- files ----------------------------------------------------------------------


def test_a_symlink_in_data_is_an_error_and_its_target_is_never_read(
    data_copy: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: SECRET OUTSIDE THE REPOSITORY\nkind: state\nsummary: x\n")
    (data / "actors" / "leak.yaml").symlink_to(secret)
    code, err = check_output(data, capsys)
    assert code == 1
    assert err.startswith("data/actors/leak.yaml:1:1: error: is a symbolic link:")
    assert "SECRET" not in err


def test_a_symlinked_folder_in_data_is_an_error(
    data_copy: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    (tmp_path / "elsewhere").mkdir()
    (data / "glossary").rename(tmp_path / "elsewhere" / "glossary")
    (data / "glossary").symlink_to(tmp_path / "elsewhere" / "glossary")
    code, err = check_output(data, capsys)
    assert code == 1
    assert "data/glossary:1:1: error: is a symbolic link" in err


def test_a_fifo_a_folder_and_another_extension_are_errors_at_their_path(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    os.mkfifo(data / "actors" / "pipe.yaml")
    (data / "actors" / "folder.yaml").mkdir()
    (data / "actors" / "notes.txt").write_text("draft")
    code, err = check_output(data, capsys)
    assert code == 1
    lines = err.splitlines()
    assert lines[:3] == [
        "data/actors/folder.yaml:1:1: error: is a folder: actors/ holds only .yaml files, "
        "one per entity; move or remove it",
        "data/actors/notes.txt:1:1: error: 'notes.txt' is not a .yaml file: each actor is a "
        "file named <id>.yaml; rename it, or move it out of data/",
        "data/actors/pipe.yaml:1:1: error: is not a regular file: actors/ holds only .yaml "
        "files, one per entity; move or remove it",
    ]


def test_a_misnamed_folder_is_an_error_with_a_suggestion(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    (data / "actors").rename(data / "actor")
    code, err = check_output(data, capsys)
    assert code == 1
    assert (
        "data/actor:1:1: error: 'actor' does not belong in the data folder (did you mean "
        "'actors'?): it holds only changes.yaml, comparison.yaml, site.yaml and the "
        "folders actors, glossary, guarantees, places, schema, sources, timelines; move or "
        "remove it"
    ) in err


# -- values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("layer: 1", "layer: .inf", "'.inf' is not a finite number"),
        ("layer: 1", "layer: 1e400", "'1e400' is not a finite number"),
        ("layer: 1", "layer: .nan", "'.nan' is not a finite number"),
        ("layer: 1", "layer: " + "9" * 5000, "has more than 18 digits"),
        ("layer: 1", "layer: 1.0", "layer must be a whole number: write 1"),
        ('as_of: "2025-12-18"', 'as_of: "2025-12-18\\n"', "as_of must be one line of text"),
        ("providers: [ukraine]", 'providers: ["ukraine\\n"]', "providers[0] must be one line"),
        (
            "summary: An army",
            'summary: "An \\e[31mred\\e[0m army',
            "summary holds a control character, U+001B",
        ),
        (
            "title: Ukraine's army",
            "title: \"Ukraine\u202e's army",
            "title holds a bidirectional-text control character, U+202E",
        ),
    ],
)
def test_a_value_the_schema_lets_through_gets_a_located_error(
    old: str,
    new: str,
    message: str,
    data_copy: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    path = data / "guarantees" / "first-line.yaml"
    if new.count('"') % 2:  # the value opened a quoted string: close it at the line's end
        lines = path.read_text(encoding="utf-8").splitlines()
        index = next(i for i, line in enumerate(lines) if line.startswith(old))
        lines[index] = lines[index].replace(old, new, 1) + '"'
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        replace_in(path, old, new)
    code, err = check_output(data, capsys)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith("data/guarantees/first-line.yaml:"), err
    assert message in err
    # One problem is one line: nothing from the value breaks the line.
    assert all(line.startswith("data/") for line in err.splitlines()[:-1])


def test_a_bidi_override_is_reported_at_the_character(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Raw control characters are refused by the YAML reader itself; a bidi override
    # is printable to YAML, so the check finds it.
    data = data_copy()
    replace_in(data / "guarantees" / "first-line.yaml", "deters renewed", "deters\u202e renewed")
    code, err = check_output(data, capsys)
    assert code == 1
    assert err.startswith(
        "data/guarantees/first-line.yaml:3:41: error: summary holds a bidirectional-text "
        "control character, U+202E"
    )


def test_a_glossary_term_of_spaces_only_is_refused(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    replace_in(
        data / "glossary" / "contact-line.yaml", "aliases: [demarcation line]", 'aliases: ["   "]'
    )
    code, err = check_output(data, capsys)
    assert code == 1
    assert (
        "data/glossary/contact-line.yaml:4:11: error: aliases[0] is only spaces: write the "
        "words to link, or remove it"
    ) in err


# -- cycles -----------------------------------------------------------------------


def test_membership_cycles_via_cycles_and_speaking_for_oneself_are_errors(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy()
    with (data / "actors" / "russia.yaml").open("a") as file:
        file.write("member_of: [united-states]\n")
    with (data / "actors" / "united-states.yaml").open("a") as file:
        file.write("member_of: [russia]\n")
    (data / "actors" / "someone.yaml").write_text(
        "name: Someone\nkind: person\nsummary: A person.\nspeaks_for: someone\n"
    )
    sources = data / "sources"
    (sources / "a-report.yaml").write_text(
        'publisher: A\ntitle: A\ndate: "2025-12-18"\nkind: news-report\nvia: b-report\n'
    )
    (sources / "b-report.yaml").write_text(
        'publisher: B\ntitle: B\ndate: "2025-12-18"\nkind: news-report\nvia: a-report\n'
    )
    code, err = check_output(data, capsys)
    assert code == 1
    assert "membership goes round in a circle (russia -> united-states -> russia)" in err
    assert "via goes round in a circle (a-report -> b-report -> a-report)" in err
    assert "data/actors/someone.yaml:4:13: error: a person cannot speak for themselves" in err


# -- the check reads links and terms as the renderer does ---------------------------


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        (
            "See [Ukraine](Actor:ukraine).",
            "3:25: error: link target 'Actor:ukraine': write the kind in lowercase, 'actor:'",
        ),
        (
            "See [the army][a].\\n\\n[a]: actor:ukrane (The army)",
            "error: broken link: no actor 'ukrane' (did you mean 'ukraine'?)",
        ),
        ("See [the report](http://example.org).", "use the https:// address"),
        ("A ![chart](https://example.org/a.png).", "images cannot be shown from data text"),
    ],
)
def test_check_refuses_what_the_renderer_would_refuse(
    markdown: str,
    message: str,
    data_copy: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_copy()
    replace_in(
        data / "guarantees" / "first-line.yaml",
        "summary: An army of about 800,000 deters renewed attack.",
        f'summary: "{markdown}"',
    )
    code, err = check_output(data, capsys)
    assert code == 1
    assert message in err
    assert err.startswith("data/guarantees/first-line.yaml:")


def test_terms_in_any_script_and_case_are_checked_and_built_alike(
    data_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Characters whose case folding changes their length ("ß" -> "ss", "İ" -> "i̇")
    # once made the matcher look up a phrase it had not stored.
    data = data_copy()
    for term_id, term in (("strasse", "Straße"), ("istanbul", "İSTANBUL"), ("sis", "Σίσυφος")):
        (data / "glossary" / f"{term_id}.yaml").write_text(
            f"term: {term}\ndefinition: A word.\n", encoding="utf-8"
        )
    replace_in(
        data / "guarantees" / "first-line.yaml",
        "summary: An army of about 800,000 deters renewed attack.",
        "summary: The STRASSE, the straße, istanbul, İstanbul and ΣΊΣΥΦΟΣ.",
    )
    code, err = check_output(data, capsys)
    assert (code, err) == (0, "")
    pages = {page.path: page.content for page in build_pages(load_explainer(data, SCHEMAS))}
    page = pages["guarantees/first-line.md"]
    assert page.count('class="glossary-term"') == 3
    assert ">straße</a>" in page
    assert ">İstanbul</a>" in page
    assert ">ΣΊΣΥΦΟΣ</a>" in page


def test_phrase_keys_fold_each_character_to_one() -> None:
    for text in ("Straße", "İstanbul", "ǅemal", "ﬁne", "K"):
        assert len(phrase_key(text)) == len(text)
    assert phrase_key("  Contact \n line ") == "contact line"


def test_overlapping_mentions_keep_the_longest_phrase_across_20000_mentions() -> None:
    # The selection among overlapping mentions is linear now (a bitmap of taken
    # spans); its cost is measured by tests/bench/large_field.py, not here.
    glossary = Glossary.from_terms(
        [
            Term("coalition", "Coalition of the Willing", "A group.", aliases=("the Coalition",)),
            Term("willing", "the Willing", "Those who are."),
        ]
    )
    text = "the Coalition of the Willing and " * 20_000
    mentions = glossary.mentions(text)
    assert len(mentions) == 20_000
    assert {m.entry.term_id for m in mentions} == {"coalition"}
