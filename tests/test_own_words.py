"""The content is written in our own words: no run of 12 words is shared with the fact briefs.

The briefs in ../shared/reference/ are where the facts were checked, not text to
copy. Words a source records (a source's ``quotes`` and ``headline``) are
quotations, shown as such, and are left out of the comparison.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from conftest import ROOT

REFERENCE = ROOT.parent / "shared" / "reference"
RUN = 12
QUOTED_FIELDS = frozenset({"quotes", "headline"})
_WORD = re.compile("[\\w'\u2019-]+")
# Words in quotation marks are quotations (the data check holds them to the words
# a cited source records): they break a run rather than count in it.
_QUOTED = re.compile('["\u201c\u201d][^"\u201c\u201d]{1,600}?["\u201c\u201d]')


def words(text: str) -> list[str]:
    # Link targets are not prose: "[x](source:id)" reads as "x".
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return [w.lower().replace("\u2019", "'").strip("'-") for w in _WORD.findall(text)]


def runs(text: str, *, quotations: bool = True) -> set[tuple[str, ...]]:
    """Every run of RUN words; without ``quotations``, none runs through a quoted span."""
    parts = [text] if quotations else _QUOTED.split(text)
    found = set()
    for part in parts:
        tokens = [w for w in words(part) if w]
        found |= {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}
    return found


def texts(value: Any, where: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            if key not in QUOTED_FIELDS
            for found in texts(item, f"{where}.{key}")
        ]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in texts(item, f"{where}[{i}]")]
    return []


def our_texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += texts(data, path.relative_to(ROOT).as_posix())
    for path in sorted((ROOT / "docs").glob("*.md")):
        found.append((path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")))
    return found


def test_the_reference_files_are_there() -> None:
    # Beside the checkout, read-only; CI has a copy. Missing, the test below proves nothing.
    names = sorted(p.name for p in REFERENCE.glob("*"))
    assert {"FACTS.md", "FACTS-2026.md", "seed-article.txt"} <= set(names), REFERENCE


def test_no_run_of_twelve_words_is_copied_from_the_references() -> None:
    reference = set().union(*(runs(p.read_text(encoding="utf-8")) for p in REFERENCE.glob("*")))
    copied = sorted(
        f"{where}: {' '.join(run)}"
        for where, text in our_texts()
        for run in runs(text, quotations=False) & reference
    )
    assert copied == [], "write these in your own words:\n" + "\n".join(copied)


def test_the_overlap_check_finds_a_copied_run() -> None:
    brief = "the US provides intelligence and monitoring to detect attempts to violate the deal"
    ours = (
        "As reported, the US provides intelligence and monitoring to detect attempts to violate the"
    )
    assert runs(brief) & runs(ours)
    assert not runs(brief) & runs("The US would watch the line for breaches of the deal.")
    quoted = f'Officials said the plan meant that "{brief}".'
    assert not runs(brief) & runs(quoted, quotations=False)
