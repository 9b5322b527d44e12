"""The generated pages: their Markdown, links, anchors, citations and safety."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
import pytest

from explainer import opendata, urls
from explainer.load import load_explainer
from explainer.model import (
    Actor,
    Answer,
    CitedText,
    Comparison,
    Dimension,
    Escalation,
    Event,
    Explainer,
    Framework,
    Guarantee,
    KeyFact,
    PartialDate,
    Position,
    Site,
    Source,
    StatusStep,
    Term,
    Timeline,
)
from explainer.pages import GeneratedPage, build_pages, html_block, pages_touched
from explainer.registry import KIND

from conftest import SCHEMAS, vocabularies_of_the_schemas

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
HAND_WRITTEN = ("methodology.md", "contributing.md")

# -- a small synthetic explainer -------------------------------------------------------

D = PartialDate.parse


def source(source_id: str, publisher: str, **fields: object) -> Source:
    values: dict[str, object] = {
        "title": f"{publisher} report",
        "date": D("2025-12-18"),
        "kind": "news-report",
        **fields,
    }
    return Source(id=source_id, publisher=publisher, **values)  # type: ignore[arg-type]


def synthetic() -> Explainer:
    """Two layers, four actors, two timelines, three sources, two terms, one comparison."""
    sources = [
        source("bloomberg", "Bloomberg News", url="https://example.org/bloomberg", via="rbc"),
        source("rbc", "RBC-Ukraine", url="https://example.org/rbc", notes="Relays *Bloomberg*."),
        source("treaty", "NATO", kind="treaty", date=D("1949-04-04"), title="Treaty"),
    ]
    actors = [
        Actor("ukraine", "Ukraine", "state", "The country protected.", member_of=()),
        Actor(
            "united-states",
            "United States",
            "state",
            "Provides [monitoring](guarantee:monitoring).",
            short_name="US",
            member_of=("allies",),
        ),
        Actor("allies", "The allies", "coalition", "A group; see [Ukraine](actor:ukraine)."),
        Actor(
            "zelenskyy",
            "Volodymyr Zelenskyy",
            "person",
            "President of [Ukraine](actor:ukraine).",
            speaks_for="ukraine",
            positions=(
                Position(D("2025-12-18"), "Wants a vote in Congress.", ("bloomberg",)),
                Position(D("2025-12"), "Rejects a new Budapest Memorandum.", ("rbc",)),
            ),
        ),
    ]
    guarantees = [
        Guarantee(
            id="monitoring",
            title="US monitoring of the contact line",
            summary="The US watches the contact line, [Bloomberg](source:bloomberg) says.",
            kind="intelligence",
            phase="deterrence",
            layer=1,
            providers=("united-states",),
            beneficiaries=("ukraine",),
            status_history=(
                StatusStep(D("2025-12-16"), "rumoured", "none", ("bloomberg",)),
                StatusStep(D("2025-12-17"), "reported", "none", ("rbc",), "Named outlets."),
            ),
            sources=("bloomberg", "rbc"),
            as_of=D("2025-12-17"),
            trigger="From the day a peace agreement takes effect.",
            escalates_to=Escalation("military-support", "If fighting resumes"),
            details="Includes *false-flag* operations.\n\nSecond paragraph.",
            conditions=("A peace agreement.",),
            open_questions=("Whether [Russia](actor:ukraine) agrees.",),
        ),
        Guarantee(
            id="military-support",
            title="Military support within days",
            summary="Allies help if diplomacy fails.",
            kind="military",
            phase="response",
            layer=2,
            providers=("united-states", "allies"),
            beneficiaries=("ukraine",),
            status_history=(StatusStep(D("2025-12-18"), "proposed", "political", ("rbc",)),),
            sources=("rbc",),
            as_of=D("2025-12-18"),
        ),
    ]
    timelines = [
        Timeline(
            "talks",
            "Talks in 2025",
            "The negotiations.",
            (
                Event(
                    "berlin",
                    "talks",
                    D("2025-12-14"),
                    "Talks in Berlin",
                    "Officials meet.",
                    ("bloomberg",),
                    actors=("united-states", "ukraine"),
                    guarantees=("monitoring",),
                ),
                Event("coalition", "talks", D("2025"), "A coalition forms", "Early.", ("rbc",)),
            ),
        ),
        Timeline(
            "background",
            "Background",
            "Before 2025.",
            (
                Event(
                    "nato",
                    "background",
                    D("1949-04"),
                    "NATO founded",
                    "See [Article 5](term:article-5).",
                    ("treaty",),
                    actors=("united-states",),
                ),
            ),
        ),
    ]
    terms = [
        Term(
            "article-5",
            "Article 5",
            "An attack on one is an attack on all.",
            ("treaty",),
            ("Article Five",),
        ),
        Term(
            "contact-line", "contact line", "Where the armies meet.", aliases=("demarcation line",)
        ),
    ]
    comparison = Comparison(
        dimensions=(
            Dimension("binding", "Legally binding", "Is it legally binding?"),
            Dimension("troops", "Troops", "Are there foreign troops?"),
        ),
        frameworks=(
            Framework(
                "plan",
                "The plan",
                "As reported.",
                ("bloomberg",),
                (
                    ("binding", Answer("no", "Not yet.", ("bloomberg",))),
                    ("troops", Answer("partly", "European troops, away from the front.", ("rbc",))),
                ),
            ),
            Framework(
                "nato",
                "Article 5",
                "The treaty.",
                ("treaty",),
                (
                    ("binding", Answer("yes", "A treaty.", ("treaty",))),
                    ("troops", Answer("unclear", "Each ally decides.", ("treaty",))),
                ),
            ),
        ),
    )
    site = Site(
        title="Test explainer",
        description="A test.",
        as_of=D("2025-12-18"),
        summary="The [first layer](guarantee:monitoring) watches the contact line.",
        key_facts=(KeyFact("800,000", "soldiers", ("bloomberg", "rbc")),),
        open_questions=(CitedText("Would [Ukraine](actor:ukraine) agree?", ("rbc",)),),
    )
    return assemble(site, actors, guarantees, sources, timelines, terms, comparison)


def assemble(
    site: Site,
    actors: list[Actor],
    guarantees: list[Guarantee],
    sources: list[Source],
    timelines: list[Timeline],
    terms: list[Term],
    comparison: Comparison,
) -> Explainer:
    events = [event for timeline in timelines for event in timeline.events]
    return Explainer(
        site=site,
        actors={a.id: a for a in sorted(actors, key=lambda a: a.id)},
        guarantees={g.id: g for g in sorted(guarantees, key=lambda g: g.id)},
        sources={s.id: s for s in sorted(sources, key=lambda s: s.id)},
        timelines={t.id: t for t in sorted(timelines, key=lambda t: t.id)},
        terms={t.id: t for t in sorted(terms, key=lambda t: t.id)},
        comparison=comparison,
        vocabularies=vocabularies_of_the_schemas(),
        events={e.id: e for e in sorted(events, key=lambda e: e.id)},
    )


@cache
def real_explainer() -> Explainer:
    return load_explainer(ROOT / "data", SCHEMAS)


def pages_of(explainer: Explainer) -> dict[str, GeneratedPage]:
    return {page.path: page for page in build_pages(explainer)}


# -- reading the pages as a browser would (through Python-Markdown) ---------------------


def to_html(page_markdown: str) -> str:
    """The page as MkDocs renders it, with the extensions mkdocs.yml enables."""
    md = markdown.Markdown(extensions=["attr_list", "admonition", "tables", "toc"])
    return md.convert(page_markdown)


class Parsed(HTMLParser):
    """Ids, links and tags of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if "id" in values:
            self.ids.add(values["id"])
        if "href" in values:
            self.hrefs.append(values["href"])

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(html)
    parsed.close()
    return parsed


def rendered_site(explainer: Explainer) -> dict[str, Parsed]:
    site = {path: parse(to_html(page.content)) for path, page in pages_of(explainer).items()}
    for path in HAND_WRITTEN:
        site[path] = parse(to_html((ROOT / "docs" / path).read_text(encoding="utf-8")))
    return site


def target_of(page: str, href: str) -> tuple[str, str | None]:
    """(page source path, fragment) that a relative href from ``page`` points at."""
    path, _, fragment = href.partition("#")
    if not path:
        return page, fragment or None
    built = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    assert built.endswith(".html"), f"{page}: link {href!r} is not to a built page"
    return built[: -len(".html")] + ".md", fragment or None


PUBLISHED = {
    urls.FEED,
    opendata.ZIP_FILE,
    *(
        f"{opendata.FOLDER}/{name}"
        for table in opendata.TABLES
        for name in (table.file, f"{opendata.BOM_FOLDER}/{table.file}")
    ),
    f"{opendata.FOLDER}/{opendata.JSON_FILE}",
    f"{opendata.FOLDER}/{opendata.PACKAGE_FILE}",
}
"""Files the hook and the build publish beside the pages, which pages may link."""


def broken_links(site: dict[str, Parsed], pages: list[str]) -> list[str]:
    broken = []
    for page in pages:
        for href in site[page].hrefs:
            if href.startswith("https://"):
                continue
            if posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) in PUBLISHED:
                continue  # a file published beside the pages (tests/test_opendata.py)
            target, fragment = target_of(page, href)
            if target not in site:
                broken.append(f"{page}: {href} (no page {target})")
            elif fragment is not None and fragment not in site[target].ids:
                broken.append(f"{page}: {href} (no anchor #{fragment} in {target})")
    return broken


# -- golden files ----------------------------------------------------------------------

GOLDEN_PAGES = [
    urls.HOME,
    urls.HOW_IT_WORKS,
    urls.GUARANTEES_INDEX,
    "guarantee",
    urls.ACTORS_INDEX,
    "actors/ukraine.md",
    urls.TIMELINE,
    urls.MAP,
    urls.COMPARE,
    urls.GLOSSARY,
    urls.SOURCES,
]


# A diagram has golden files of its own (tests/golden/diagrams/); in a page's
# golden file it is one line, so that a change to a diagram is reviewed once.
FIGURE = re.compile(
    r'^<figure class="explainer-diagram [^"]*--([a-z-]+)">$.*?^</figure>$', re.M | re.S
)


def without_figures(content: str) -> str:
    return FIGURE.sub(r"<figure><!-- \1 diagram: see tests/golden/diagrams/ --></figure>", content)


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_page_matches_its_golden_file(path: str, golden: Callable[[str, str], None]) -> None:
    explainer = real_explainer()
    if path == "guarantee":  # the first layer: the richest page type has one golden
        path = f"guarantees/{explainer.guarantees_in_order()[0].id}.md"
    golden(f"pages/{path}", without_figures(pages_of(explainer)[path].content))


def test_golden_files_leave_out_only_the_diagrams() -> None:
    pages = pages_of(real_explainer())
    elided = without_figures(pages[urls.HOME].content)
    assert (
        "<figure><!-- layered-response diagram: see tests/golden/diagrams/ --></figure>" in elided
    )
    assert elided.count("\n") < pages[urls.HOME].content.count("\n")
    assert "<svg" not in elided


# -- the set of pages ------------------------------------------------------------------


@pytest.mark.parametrize("explainer", [synthetic(), None], ids=["synthetic", "data"])
def test_every_entity_has_a_page_and_every_section_one(explainer: Explainer | None) -> None:
    explainer = explainer or real_explainer()
    paths = [page.path for page in build_pages(explainer)]
    assert len(paths) == len(set(paths))
    expected = {
        urls.HOME,
        urls.HOW_IT_WORKS,
        urls.GUARANTEES_INDEX,
        urls.ACTORS_INDEX,
        urls.TIMELINE,
        urls.MAP,
        urls.COMPARE,
        urls.GLOSSARY,
        urls.SOURCES,
        urls.CHANGES,
        opendata.PAGE,
        *(f"guarantees/{g}.md" for g in explainer.guarantees),
        *(f"actors/{a}.md" for a in explainer.actors),
    }
    assert set(paths) == expected


@pytest.mark.parametrize("explainer", [synthetic(), None], ids=["synthetic", "data"])
def test_pages_start_with_a_title_and_show_the_as_of_date(explainer: Explainer | None) -> None:
    explainer = explainer or real_explainer()
    for page in build_pages(explainer):
        first, blank, as_of = page.content.splitlines()[:3]
        assert first.startswith("# ") and blank == ""
        assert as_of.startswith('<p class="explainer-as-of">Information as of <time datetime="')


def test_a_guarantee_page_shows_its_own_as_of_date() -> None:
    pages = pages_of(synthetic())
    assert (
        '<time datetime="2025-12-17">17 December 2025</time>'
        in (pages["guarantees/monitoring.md"].content.splitlines()[2])
    )
    assert "18 December 2025" in pages["actors/ukraine.md"].content.splitlines()[2]


# -- Markdown structure ------------------------------------------------------------------

BLOCK_TAGS = ("div", "table", "ul", "ol", "dl", "figure", "p", "li", "tr", "svg", "details")


@pytest.mark.parametrize("explainer", [synthetic(), None], ids=["synthetic", "data"])
def test_html_blocks_survive_markdown_intact(explainer: Explainer | None) -> None:
    explainer = explainer or real_explainer()
    for page in build_pages(explainer):
        html = to_html(page.content)
        # An HTML block broken by a blank line comes out escaped or wrapped in <p>.
        assert "&lt;" + "/" not in html, page.path
        for tag in BLOCK_TAGS:
            assert f"<p><{tag}" not in html, (page.path, tag)
            assert f"&lt;{tag}" not in html, (page.path, tag)


@pytest.mark.parametrize("explainer", [synthetic(), None], ids=["synthetic", "data"])
def test_html_blocks_have_no_blank_lines(explainer: Explainer | None) -> None:
    explainer = explainer or real_explainer()
    for page in build_pages(explainer):
        block: list[str] = []
        for line in page.content.splitlines():
            if block and line == "":
                opening = re.match(r"<([a-z0-9]+)", block[0])
                assert opening is not None
                closing = f"</{opening.group(1)}>"
                assert block[-1].endswith(closing), f"{page.path}: blank line inside {block[0]}"
                block = []
            elif block or line.startswith("<"):
                block.append(line)


# -- links and anchors -----------------------------------------------------------------


@pytest.mark.parametrize("explainer", [synthetic(), None], ids=["synthetic", "data"])
def test_every_internal_link_and_anchor_resolves(explainer: Explainer | None) -> None:
    explainer = explainer or real_explainer()
    site = rendered_site(explainer)
    generated = [page.path for page in build_pages(explainer)]
    assert broken_links(site, generated) == []


def test_entity_anchors_exist_where_urls_says() -> None:
    explainer = synthetic()
    site = rendered_site(explainer)
    entities = [
        *(("event", e) for e in explainer.events),
        *(("source", s) for s in explainer.sources),
        *(("term", t) for t in explainer.terms),
        *(("timeline", t) for t in explainer.timelines),
    ]
    for kind, entity_id in entities:
        page, fragment = KIND[kind].location(entity_id)
        assert fragment in site[page].ids, (kind, entity_id)


def test_methodology_has_an_anchor_for_every_status_and_binding() -> None:
    site = rendered_site(synthetic())
    vocab = synthetic().vocabularies
    wanted = {f"status-{s}" for s in vocab["status"]} | {f"binding-{b}" for b in vocab["binding"]}
    assert wanted <= site["methodology.md"].ids


@pytest.mark.parametrize(
    ("page", "href"),
    [
        ("index.md", "actors/ukraine.html"),
        ("guarantees/monitoring.md", "../actors/ukraine.html"),
        ("actors/zelenskyy.md", "ukraine.html"),
        ("timeline.md", "actors/ukraine.html"),
    ],
)
def test_kind_id_links_in_data_resolve_from_every_depth(page: str, href: str) -> None:
    assert href in rendered_site(synthetic())[page].hrefs


def test_guarantee_page_links_everything_its_data_holds() -> None:
    content = pages_of(synthetic())["guarantees/monitoring.md"].content
    for piece in [
        'href="../actors/united-states.html">United States</a>',
        'href="../actors/ukraine.html">Ukraine</a>',
        'href="../methodology.html#status-reported"',
        'href="../methodology.html#binding-none"',
        "From the day a peace agreement takes effect.",
        'href="military-support.html">Military support within days</a>',
        "If fighting resumes",
        "<em>false-flag</em>",
        "## Conditions",
        "A peace agreement.",
        "## Open questions",
        'href="../timeline.html#event-berlin">Talks in Berlin</a>',
        "## Sources",
    ]:
        assert piece in content, piece


def test_guarantee_page_shows_its_status_history_oldest_first_with_the_current_step() -> None:
    content = pages_of(synthetic())["guarantees/monitoring.md"].content
    glance = content.split("## At a glance", 1)[1].split("## How far it has got", 1)[0]
    # The status row gives the latest step and when it was reached, never an older one.
    assert 'explainer-status--reported"' in glance
    assert 'since <time datetime="2025-12-17">17 December 2025</time>' in glance
    assert "explainer-status--rumoured" not in glance
    history = content.split('<ol class="explainer-history">', 1)[1].split("</ol>", 1)[0]
    steps = [line for line in history.splitlines() if line.startswith("<li")]
    assert len(steps) == 2
    assert steps[0].startswith('<li><time datetime="2025-12-16">16 December 2025</time>: ')
    assert "explainer-status--rumoured" in steps[0]
    assert "(current)" not in steps[0]
    assert steps[1].startswith(
        '<li class="explainer-history__current"><time datetime="2025-12-17">17 December 2025'
        '</time> <strong class="explainer-history__now">(current)</strong>: '
    )
    assert "(current)" in steps[1]
    assert "Named outlets." in steps[1]
    # Each step cites its own sources, numbered like every other citation on the page.
    assert 'title="Bloomberg' in steps[0]
    assert 'title="RBC' in steps[1]


def test_a_step_that_changes_only_the_binding_keeps_the_date_of_the_status() -> None:
    base = pages_of(synthetic())
    explainer = synthetic()
    monitoring = explainer.guarantees["monitoring"]
    steps = (
        *monitoring.status_history,
        StatusStep(D("2025-12-18"), "reported", "political", ("rbc",)),
    )
    changed = dataclasses.replace(
        explainer,
        guarantees={
            **explainer.guarantees,
            "monitoring": dataclasses.replace(monitoring, status_history=steps),
        },
    )
    content = pages_of(changed)["guarantees/monitoring.md"].content
    glance = content.split("## How far it has got", 1)[0]
    # Still reported since the 17th; only the binding moved on the 18th.
    assert 'since <time datetime="2025-12-17">17 December 2025</time>' in glance
    assert "explainer-binding--political" in glance
    assert base["guarantees/monitoring.md"].content != content


def test_actor_page_shows_memberships_positions_and_events() -> None:
    pages = pages_of(synthetic())
    ukraine = pages["actors/ukraine.md"].content
    assert 'href="zelenskyy.html">Volodymyr Zelenskyy</a>' in ukraine  # speaks for it
    assert "Rejects a new Budapest Memorandum." in ukraine
    assert ukraine.index("December 2025</time>") < ukraine.index("18 December 2025</time> ·")
    assert 'href="../timeline.html#event-berlin"' in ukraine
    allies = pages["actors/allies.md"].content
    assert "<dt>Members</dt>" in allies
    assert 'href="united-states.html">United States</a>' in allies
    us = pages["actors/united-states.md"].content
    assert "## What it provides" in us
    assert "## What it receives" not in us


def test_actors_index_is_grouped_by_kind_in_vocabulary_order() -> None:
    content = pages_of(synthetic())["actors/index.md"].content
    headings = [line for line in content.splitlines() if line.startswith("## ")]
    assert headings == ["## States", "## Coalitions", "## People"]


def test_timeline_lists_events_in_date_order_at_their_precision() -> None:
    content = pages_of(synthetic())["timeline.md"].content
    assert content.index("## Background { #timeline-background }") < content.index(
        "## Talks in 2025 { #timeline-talks }"
    )
    assert '<time datetime="1949-04">April 1949</time>' in content
    assert content.index('id="event-coalition"') < content.index('id="event-berlin"')
    assert '<time datetime="2025">2025</time>' in content


def test_compare_answers_are_words_with_notes_and_citations() -> None:
    content = pages_of(synthetic())["compare.md"].content
    assert '<span class="explainer-answer explainer-answer--partly">Partly</span>' in content
    assert '<span class="explainer-answer explainer-answer--unclear">Unclear</span>' in content
    assert "European troops, away from the front." in content


# -- citations -------------------------------------------------------------------------

CITE = re.compile(r'<sup class="explainer-cite"><a href="#cite-(\d+)"')
REFERENCE = re.compile(r'<li id="cite-(\d+)"><a href="([^"]+)">')


@pytest.mark.parametrize("explainer", [synthetic(), None], ids=["synthetic", "data"])
def test_citations_are_numbered_in_order_of_first_use_and_resolve(
    explainer: Explainer | None,
) -> None:
    explainer = explainer or real_explainer()
    for page in build_pages(explainer):
        numbers = [int(n) for n in CITE.findall(page.content)]
        first_uses = list(dict.fromkeys(numbers))
        assert first_uses == list(range(1, len(first_uses) + 1)), page.path
        references = REFERENCE.findall(page.content)
        assert [int(n) for n, _ in references] == first_uses, page.path
        for _, href in references:
            target, fragment = target_of(page.path, href)
            assert target == urls.SOURCES
            assert fragment is not None
            assert fragment.removeprefix("source-") in explainer.sources


def test_one_citation_shows_its_numbers_in_ascending_order() -> None:
    content = pages_of(synthetic())["guarantees/monitoring.md"].content
    numbers = [int(n) for n in CITE.findall(content)]
    assert numbers[:2] == [1, 2]


def test_sources_page_lists_the_pages_citing_each_source() -> None:
    content = pages_of(synthetic())["sources.md"].content
    entry = content[content.index('id="source-treaty"') :]
    entry = entry[: entry.index("</li>")]
    cited_on = re.findall(r'<a href="([^"]+)">', entry[entry.index("Cited on") :])
    assert cited_on == [
        "actors/united-states.html",
        "timeline.html",
        "compare.html",
        "glossary.html",
    ]


def test_sources_page_shows_via_relays_kind_and_external_url() -> None:
    content = pages_of(synthetic())["sources.md"].content
    assert 'Seen via <a href="#source-rbc">RBC-Ukraine, RBC-Ukraine report</a>' in content
    assert 'Relays <a href="#source-bloomberg">' in content
    assert 'href="https://example.org/rbc" rel="noopener noreferrer"' in content
    assert "## Treaties" in content
    assert "Relays <em>Bloomberg</em>." in content


def test_a_source_linked_in_text_counts_as_cited_on_that_page() -> None:
    content = pages_of(synthetic())["sources.md"].content
    entry = content[content.index('id="source-bloomberg"') :]
    entry = entry[: entry.index("</li>")]
    assert 'href="guarantees/monitoring.html"' in entry


# -- glossary --------------------------------------------------------------------------


def test_glossary_terms_are_linked_in_data_text_but_not_in_headings() -> None:
    content = pages_of(synthetic())["guarantees/monitoring.md"].content
    assert content.startswith("# US monitoring of the contact line\n")
    html = to_html(content)
    assert '<h1 id="us-monitoring-of-the-contact-line">US monitoring of the contact line</h1>' in (
        html
    )
    assert (
        'watches the <a class="glossary-term" href="../glossary.html#term-contact-line" '
        'title="Where the armies meet.">contact line</a>' in content
    )


def test_glossary_page_has_anchors_aliases_and_no_self_links() -> None:
    content = pages_of(synthetic())["glossary.md"].content
    assert "## Article 5 { #term-article-5 }" in content
    assert "Also: Article Five" in content
    entry = content[content.index("## Article 5") : content.index("## contact line")]
    assert "glossary-term" not in entry


# -- hostile data ----------------------------------------------------------------------

# Links that are not kind:id or https (javascript:, page addresses...) are refused by
# the check, and raise when rendered (tests/test_markup.py); "[x]" is text, not a link.
HOSTILE = (
    "<script>alert(1)</script> {{ 7*7 }} {% if true %}T{% endif %} "
    "[x] [y] <img src=x onerror=alert(1)> "
    "{: onclick=alert(1) } *star* _under_ #hash [b] `tick` \\ & &amp; <b>"
)


def hostile() -> Explainer:
    explainer = synthetic()
    ukraine = dataclasses.replace(
        explainer.actors["ukraine"], name=HOSTILE, summary=HOSTILE, short_name=HOSTILE
    )
    monitoring = dataclasses.replace(
        explainer.guarantees["monitoring"],
        title=HOSTILE,
        summary=HOSTILE,
        trigger=HOSTILE,
        details=HOSTILE,
        conditions=(HOSTILE,),
        open_questions=(HOSTILE,),
        escalates_to=Escalation("military-support", HOSTILE),
    )
    rbc = dataclasses.replace(explainer.sources["rbc"], title=HOSTILE, publisher=HOSTILE)
    term = dataclasses.replace(explainer.terms["contact-line"], term=HOSTILE, definition=HOSTILE)
    timeline = explainer.timelines["talks"]
    berlin = dataclasses.replace(timeline.events[0], title=HOSTILE, summary=HOSTILE)
    talks = dataclasses.replace(timeline, title=HOSTILE, events=(berlin, *timeline.events[1:]))
    site = dataclasses.replace(explainer.site, title=HOSTILE, summary=HOSTILE)
    return dataclasses.replace(
        explainer,
        site=site,
        actors={**explainer.actors, "ukraine": ukraine},
        guarantees={**explainer.guarantees, "monitoring": monitoring},
        sources={**explainer.sources, "rbc": rbc},
        terms={**explainer.terms, "contact-line": term},
        timelines={**explainer.timelines, "talks": talks},
        events={**explainer.events, "berlin": berlin},
    )


def test_hostile_data_never_yields_script_handlers_or_dangerous_urls() -> None:
    for page in build_pages(hostile()):
        parsed = parse(to_html(page.content))
        for tag, attrs in parsed.tags:
            assert tag not in ("script", "img", "iframe", "b"), (page.path, tag)
            assert not any(name.startswith("on") for name in attrs), (page.path, tag, attrs)
            for name in ("href", "src"):
                value = attrs.get(name, "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), page.path


def test_hostile_data_is_shown_literally() -> None:
    pages = pages_of(hostile())
    for path in ["index.md", "actors/ukraine.md", "guarantees/monitoring.md", "timeline.md"]:
        text = "".join(parse(to_html(pages[path].content)).text)
        assert "{{ 7*7 }}" in text, path
        assert "{% if true %}T{% endif %}" in text, path
        assert "<script>alert(1)</script>" in text, path
        assert not re.search(r"\b49\b", text), path


def test_hostile_heading_reads_as_written_and_gets_no_attributes() -> None:
    html = to_html(pages_of(hostile())["actors/ukraine.md"].content)
    heading = html[html.index("<h1") : html.index("</h1>")]
    assert heading.startswith('<h1 id="')
    assert "onclick=alert(1) }" in parse(heading + "</h1>").text[0]
    assert " *star* _under_ #hash [b] `tick` \\ &amp; &amp;amp; &lt;b&gt;" in heading


# -- adding content --------------------------------------------------------------------

NEW_ACTOR = """\
# yaml-language-server: $schema=../schema/actor.schema.json
name: Example Country
kind: state
summary: A new actor, linked to [Ukraine](actor:ukraine).
"""

NEW_GUARANTEE = """\
# yaml-language-server: $schema=../schema/guarantee.schema.json
title: Example air patrols
summary: Patrols by [Example Country](actor:example-country).
kind: military
phase: deterrence
layer: 3
providers: [example-country]
beneficiaries: [ukraine]
status_history:
  - date: "2025-12-18"
    status: reported
    binding: political
    sources: [bloomberg-2025-12-18]
sources: [bloomberg-2025-12-18]
as_of: "2025-12-18"
"""

NEW_EVENT = """\
  - id: example-patrols-announced
    date: "2025-12-18"
    title: Example patrols announced
    summary: The [patrols](guarantee:example-patrols) are announced.
    sources: [bloomberg-2025-12-18]
    actors: [example-country]
    guarantees: [example-patrols]
"""


def test_adding_an_actor_a_guarantee_and_an_event_as_yaml_gives_pages_rows_and_links(
    data_copy: Callable[..., Path],
) -> None:
    data = data_copy()
    (data / "actors" / "example-country.yaml").write_text(NEW_ACTOR, encoding="utf-8")
    (data / "guarantees" / "example-patrols.yaml").write_text(NEW_GUARANTEE, encoding="utf-8")
    timeline = data / "timelines" / "background.yaml"
    timeline.write_text(timeline.read_text(encoding="utf-8") + NEW_EVENT, encoding="utf-8")

    explainer = load_explainer(data, SCHEMAS)
    pages = pages_of(explainer)
    actor = pages["actors/example-country.md"].content
    guarantee = pages["guarantees/example-patrols.md"].content

    assert actor.startswith("# Example Country\n")
    assert 'href="../guarantees/example-patrols.html">Example air patrols</a>' in actor
    assert 'href="../timeline.html#event-example-patrols-announced"' in actor
    assert guarantee.startswith("# Example air patrols\n")
    assert 'href="../actors/example-country.html">Example Country</a>' in guarantee
    assert 'href="../timeline.html#event-example-patrols-announced"' in guarantee
    assert 'href="example-country.html">Example Country</a>' in pages["actors/index.md"].content
    assert 'href="example-patrols.html">Example air patrols</a>' in (
        pages["guarantees/index.md"].content
    )
    assert 'id="event-example-patrols-announced"' in pages["timeline.md"].content
    assert "### Example air patrols" in pages["how-it-works.md"].content
    site = rendered_site(explainer)
    assert broken_links(site, list(pages)) == []


# -- guards ----------------------------------------------------------------------------


def test_a_diagram_with_a_blank_line_is_refused() -> None:
    with pytest.raises(ValueError, match="layered_response must return one HTML element"):
        html_block("<figure>\n\n</figure>", "layered_response")
    assert str(html_block("<figure>\n<svg/>\n</figure>\n", "x")) == "<figure>\n<svg/>\n</figure>"


def test_every_page_can_be_cited_with_the_date_it_last_changed() -> None:
    explainer = real_explainer()
    pages = pages_of(explainer)
    guarantee = explainer.guarantees["monitoring"]
    content = pages["guarantees/monitoring.md"].content
    # Last updated: its as-of date, or the latest change to the page if later.
    touched = [
        c.date for c in explainer.changes.entries if "guarantees/monitoring.md" in pages_touched(c)
    ]
    updated = max([guarantee.as_of or explainer.site.as_of, *touched], key=lambda d: d.latest)
    assert f'last updated <time datetime="{updated.start_iso}">{updated.label}</time>' in content
    assert "@misc{explainer-guarantees-monitoring,\n" in content
    assert f"  title = {{{guarantee.title}}},\n" in content
    assert f"  note = {{Last updated {updated.label}}},\n" in content
    assert all('<details class="explainer-cite-page"' in p.content for p in pages.values())


def test_bibtex_fields_escape_what_tex_would_read_as_markup() -> None:
    from explainer.escaping import bibtex

    assert bibtex("Guns & butter: 50% {of} #1_x\n  more") == (
        r"Guns \& butter: 50\% \{of\} \#1\_x more"
    )


def test_the_changes_page_links_the_repository_where_it_asks_for_corrections() -> None:
    real = real_explainer()
    repository = "https://example.org/explainer"
    given = dataclasses.replace(real, site=dataclasses.replace(real.site, repository=repository))
    linked = parse(to_html(pages_of(given)[urls.CHANGES].content))
    assert "report" in linked.ids, "the changes page lost its 'Report a mistake' section"
    assert repository in linked.hrefs
    # With no address in site.yaml the page asks the same, says it has none, and
    # links nowhere it would have to guess.
    unset = dataclasses.replace(real, site=dataclasses.replace(real.site, repository=None))
    content = pages_of(unset)[urls.CHANGES].content
    assert "report" in parse(to_html(content)).ids
    section = content.partition("{ #report }")[2].partition("{ #all }")[0]
    assert "https://" not in section
    assert "does not give the repository's address" in section
