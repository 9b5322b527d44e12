"""Evidence shown as readers need it: quotes with their speaker, background said as such,
headlines only where recorded, the response apart from its backing, and a public change log
with a note on every page it touched and an Atom feed that a real feed parser reads.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import feedparser
import pytest

from explainer.feed import atom_feed
from explainer.load import load_explainer
from explainer.model import PartialDate
from explainer.pages import build_pages, pages_touched

from conftest import ROOT, SCHEMAS

if TYPE_CHECKING:
    from explainer.model import Explainer


@pytest.fixture(scope="module")
def explainer() -> Explainer:
    return load_explainer(ROOT / "data", SCHEMAS)


@pytest.fixture(scope="module")
def pages(explainer: Explainer) -> dict[str, str]:
    return {page.path: page.content for page in build_pages(explainer)}


def test_the_feed_parses_and_holds_every_change_with_stable_ids(explainer: Explainer) -> None:
    feed = feedparser.parse(atom_feed(explainer))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    entries = explainer.changes.entries
    assert len(feed.entries) == len(entries)
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    newest = feed.entries[0]
    assert newest.link.endswith(f"changes.html#change-{entries[-1].id}")
    assert newest.updated == "2026-12-01T00:00:00Z"
    corrections = [e for e in feed.entries if e.tags[0].term == "correction"]
    assert corrections and all("What was wrong:" in e.summary for e in corrections)
    # Same log, same bytes: no clock in the feed.
    assert atom_feed(explainer) == atom_feed(explainer)


def test_the_changes_page_says_what_was_wrong_and_links_every_touched_page(
    explainer: Explainer, pages: dict[str, str]
) -> None:
    page = pages["changes.md"]
    for change in explainer.changes.entries:
        assert f'id="change-{change.id}"' in page
    assert page.count("<strong>What was wrong</strong>") == sum(
        c.type == "correction" for c in explainer.changes.entries
    )
    assert '<a href="feed.xml" type="application/atom+xml">Atom feed</a>' in page


def test_every_page_a_change_touched_carries_a_dated_note(
    explainer: Explainer, pages: dict[str, str]
) -> None:
    touched: dict[str, list[str]] = {}
    for change in explainer.changes.entries:
        for path in pages_touched(change):
            touched.setdefault(path, []).append(change.id)
    assert touched
    for path, change_ids in touched.items():
        note = re.search(r'<p class="explainer-changed">(.*?)</p>', pages[path])
        assert note, path
        # One line per kind of change and date, linking to the newest, with a count.
        links = re.findall(r"#change-([a-z0-9-]+)", note.group(1))
        assert set(links) <= set(change_ids), path
        counts = [int(n) for n in re.findall(r"\((\d+) \w+\)", note.group(1))]
        assert sum(counts) + (len(links) - len(counts)) == len(change_ids), path
    untouched = [path for path in pages if path not in touched]
    assert untouched
    for path in untouched:
        assert 'class="explainer-changed"' not in pages[path], path


def test_background_is_shown_as_background_not_as_a_citation(
    explainer: Explainer, pages: dict[str, str]
) -> None:
    crimea = explainer.events["crimea-annexed"]
    assert crimea.background and not crimea.sources
    timeline = pages["timeline.md"]
    entry = timeline[timeline.index('id="event-crimea-annexed"') :][:1500]
    assert (
        'class="explainer-badge explainer-background" href="methodology.html#background"' in entry
    )
    assert 'class="explainer-cite"' not in entry.split("</li>")[0]


def test_sources_are_named_by_headline_only_where_one_is_recorded(pages: dict[str, str]) -> None:
    sources = pages["sources.md"]
    assert "“Ukraine security plan offers robust protections, officials say”" in sources
    # A description is not a headline: no quotation marks around it.
    assert "Africanews</strong>, " in sources
    assert "“report on" not in sources


def test_sources_page_lists_the_words_each_source_records(pages: dict[str, str]) -> None:
    sources = pages["sources.md"]
    treaty = sources[sources.index('id="source-north-atlantic-treaty"') :]
    assert "<q>such action as it deems necessary, including the use of armed force</q>" in treaty
    assert "The North Atlantic Treaty, Article 5" in treaty


def test_the_response_and_its_backing_are_drawn_apart(
    explainer: Explainer, pages: dict[str, str]
) -> None:
    backing = [g.id for g in explainer.guarantees_in_order() if g.phase == "backing"]
    assert backing == [
        "article-5-like",
        "congress-approval",
        "coalition-commitments",
        "us-backstop",
        "us-ukraine-agreement",
    ]
    # Nothing escalates into or out of the backing: it is not a step.
    for guarantee in explainer.guarantees.values():
        target = guarantee.escalates_to.guarantee if guarantee.escalates_to else None
        assert target not in backing and (guarantee.id not in backing or target is None)
    assert "## What would give the response its force" in pages["how-it-works.md"]
    home = pages["index.md"]  # the picture of the layers
    assert "Apart from these steps, not after them" in home
    assert "explainer-diagram__box--backing" in home


def test_uncertain_dates_are_shown_as_the_source_gives_them() -> None:
    assert PartialDate.parse("2025-12-15/2025-12-16").label == "15\u201316 December 2025"
    assert PartialDate.parse("2025-11-30/2025-12-02").label == (
        "30 November \u2013 2 December 2025"
    )
    # Across a new year, each end is written in full (this once recursed for ever).
    assert PartialDate.parse("2025-12-30/2026-01-02").label == (
        "30 December 2025 \u2013 2 January 2026"
    )
    assert PartialDate.parse("2025-09/2026-02").label == "September 2025 \u2013 February 2026"
    assert PartialDate.parse("2025-12~").label == "around December 2025"
    assert PartialDate.parse("2025-12~").iso == "2025-12~"
    with pytest.raises(ValueError, match="a range must end after it starts"):
        PartialDate.parse("2025-12-16/2025-12-15")


def test_every_page_says_up_to_when_the_record_was_checked(
    explainer: Explainer, pages: dict[str, str]
) -> None:
    assert explainer.site.checked_until is not None
    label = explainer.site.checked_until.label
    for path, content in pages.items():
        horizon = re.search(r'<p class="explainer-horizon">(.*?)</p>', content)
        assert horizon, path
        assert f">{label}</time>" in horizon.group(1), path
        assert "not to say that nothing happened" in horizon.group(1), path
