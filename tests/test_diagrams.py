"""The three diagrams: golden SVG, layout without overlaps, accessibility, escaping, determinism.

Refresh the golden files after an intended change with `make golden` (pytest
--update-golden) and review the diff of tests/golden/diagrams/*.svg.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from explainer.diagrams import layered_response, timeline, who_guarantees_what
from explainer.diagrams.layout import Rect, char_width, text_width, wrap
from explainer.diagrams.timeline_chart import all_events
from explainer.links import Linker
from explainer.load import load_explainer
from explainer.localize import localize
from explainer.model import Explainer
from explainer.schemas import load_schemas

from conftest import SCHEMAS
from diagram_fixtures import event, explainer, reversed_mappings, synthetic, tripled, with_title

ROOT = Path(__file__).resolve().parents[1]
NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"

Diagram = Callable[[Explainer, Linker], str]
# Each diagram with the page it is shown on (hrefs are relative to that page).
DIAGRAMS: dict[str, tuple[Diagram, str]] = {
    "layered-response": (layered_response, "how-it-works.md"),
    "timeline": (timeline, "timeline.md"),
    "who-guarantees-what": (who_guarantees_what, "guarantees/index.md"),
}


@pytest.fixture(scope="module")
def real() -> Explainer:
    return load_explainer(ROOT / "data", SCHEMAS)


@pytest.fixture(scope="module")
def ukrainian(real: Explainer) -> Explainer:
    return localize(real, load_schemas(SCHEMAS), "uk")[0]


def render(name: str, data: Explainer) -> str:
    function, page = DIAGRAMS[name]
    return function(data, Linker(page))


def svg_text(fragment: str) -> str:
    match = re.search(r"<svg\b.*?</svg>", fragment, flags=re.DOTALL)
    assert match, "the figure holds no inline <svg>"
    return match.group(0)


def svg_of(fragment: str) -> ET.Element:
    return ET.fromstring(svg_text(fragment))


def datasets(real: Explainer) -> dict[str, Explainer]:
    base = synthetic()
    return {
        "real": real,
        "real-tripled": tripled(real),
        "synthetic": base,
        "synthetic-tripled": tripled(base),
    }


# --- reading geometry back out of the SVG -------------------------------------


def text_boxes(svg: ET.Element) -> Iterator[tuple[str, Rect]]:
    """Each line of text with the box its glyphs take, estimated as the layout does.

    Text turned a quarter turn anticlockwise (rotate(-90), names standing on
    end) is measured as laid out and its box turned with it: (x, y) -> (y, -x).
    """
    for text in svg.iter(f"{SVG}text"):
        anchor = text.get("text-anchor", "start")
        transform = text.get("transform")
        assert transform in (None, "rotate(-90)"), f"unexpected transform {transform}"
        for tspan in text.iter(f"{SVG}tspan"):
            line = tspan.text or ""
            size = float(tspan.get("font-size", "16"))
            width = text_width(line, size, bold=tspan.get("font-weight") == "bold")
            x, baseline = float(tspan.get("x", "0")), float(tspan.get("y", "0"))
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            box = Rect(left, baseline - 0.8 * size, width, 1.05 * size)
            if transform:
                box = Rect(box.y, -box.right, box.h, box.w)
            yield line, box


def rects(svg: ET.Element, css_class: str) -> list[Rect]:
    """The rects of one class, wherever they are."""
    return [
        Rect(*(float(rect.get(k, "0")) for k in ("x", "y", "width", "height")))
        for rect in svg.iter(f"{SVG}rect")
        if css_class in rect.get("class", "").split()
    ]


def dots(svg: ET.Element, css_class: str) -> list[Rect]:
    """The bounding boxes of the circles of one class, and of each circle in its paths."""
    found = []
    for circle in svg.iter(f"{SVG}circle"):
        if css_class in circle.get("class", "").split():
            cx, cy, r = (float(circle.get(k, "0")) for k in ("cx", "cy", "r"))
            found.append(Rect(cx - r, cy - r, 2 * r, 2 * r))
    for path in svg.iter(f"{SVG}path"):
        if path.get("class", "").startswith(css_class):
            # "M{left} {cy} a{r} {r} 0 1 0 {2r} 0 a..." per circle (svg.pips).
            for left, cy, r in re.findall(r"M(-?\d+) (-?\d+) a(\d+) ", path.get("d", "")):
                found.append(Rect(float(left), float(cy) - float(r), 2 * float(r), 2 * float(r)))
    return found


def boxes(svg: ET.Element) -> list[Rect]:
    """The drawn boxes that hold text (guarantees, actors, event labels)."""
    found = []
    for rect in svg.findall(".//svg:g[@class='explainer-diagram__node']/svg:rect", NS):
        css = rect.get("class", "")
        if "explainer-diagram__box" in css.split() or "explainer-diagram__label-box" in css:
            found.append(Rect(*(float(rect.get(k, "0")) for k in ("x", "y", "width", "height"))))
    return found


def view_box(svg: ET.Element) -> Rect:
    x, y, w, h = (float(v) for v in svg.get("viewBox", "").split())
    return Rect(x, y, w, h)


def hotspots(fragment: str) -> list[tuple[str, str, Rect]]:
    """The links laid over the drawing: (href, accessible name, box in drawing pixels)."""
    figure = ET.fromstring(fragment)
    canvas = view_box(svg_of(fragment))
    found = []
    for link in figure.iterfind(".//a[@class='explainer-diagram__hotspot']"):
        style = dict(
            (key.strip(), float(value.strip().rstrip("%")))
            for key, value in (part.split(":") for part in link.get("style", "").split(";"))
        )
        box = Rect(
            style["left"] * canvas.w / 100,
            style["top"] * canvas.h / 100,
            style["width"] * canvas.w / 100,
            style["height"] * canvas.h / 100,
        )
        found.append((link.get("href", ""), link.get("aria-label", ""), box))
    return found


def near(a: Rect, b: Rect) -> bool:
    return all(abs(p - q) <= 0.5 for p, q in ((a.x, b.x), (a.y, b.y), (a.w, b.w), (a.h, b.h)))


# --- golden files ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_real_data_matches_golden_svg(
    name: str, real: Explainer, golden: Callable[[str, str], None]
) -> None:
    golden(f"diagrams/{name}.svg", svg_text(render(name, real)) + "\n")


# --- layout ---------------------------------------------------------------------


@pytest.mark.parametrize("dataset", ["real", "real-tripled", "synthetic", "synthetic-tripled"])
@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_no_two_labels_or_boxes_overlap(name: str, dataset: str, real: Explainer) -> None:
    assert_clear_layout(svg_of(render(name, datasets(real)[dataset])))


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_the_ukrainian_diagrams_are_laid_out_as_clearly(name: str, ukrainian: Explainer) -> None:
    assert_clear_layout(svg_of(render(name, ukrainian)))


def assert_clear_layout(svg: ET.Element) -> None:
    """No two lines of text or boxes overlap; text is inside one box or clear of all.

    The same holds for the tags inside boxes (a provider's name on its plate),
    and no status dot or matrix mark touches any text.
    """
    lines = list(text_boxes(svg))
    for (text_a, a), (text_b, b) in combinations(lines, 2):
        assert not a.overlaps(b), f"{text_a!r} overlaps {text_b!r}"
    drawn = boxes(svg)
    tags = rects(svg, "explainer-diagram__tag")
    for layer in (drawn, tags):
        for a, b in combinations(layer, 2):
            assert not a.overlaps(b), f"boxes {a} and {b} overlap"
    for tag in tags:
        assert any(b.contains(tag) for b in drawn), f"the tag {tag} is not inside a box"
    canvas = view_box(svg)
    for layer in (drawn, tags):
        for text, line in lines:
            assert canvas.contains(line), f"{text!r} is cut off at the edge of the drawing"
            holders = [b for b in layer if b.overlaps(line)]
            # Text is either wholly inside one box or clear of every box.
            assert all(b.contains(line) for b in holders), f"{text!r} crosses a box's border"
    for dot in dots(svg, "explainer-diagram__pip") + dots(svg, "explainer-diagram__mark"):
        assert canvas.contains(dot)
        for text, line in lines:
            assert not dot.overlaps(line), f"a dot at {dot} touches {text!r}"
        assert not any(tag.overlaps(dot) for tag in tags), f"a dot at {dot} touches a tag"


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_the_picture_grows_with_the_data(name: str, real: Explainer) -> None:
    base = synthetic()
    small, large = svg_of(render(name, base)), svg_of(render(name, tripled(base)))
    # One box per guarantee, actor or event: three times the data, three times the boxes.
    assert len(boxes(large)) == 3 * len(boxes(small))
    assert view_box(large).h > view_box(small).h


# At 360 px, Material's column is 328 px wide (0.8 rem padding a side).
PHONE_COLUMN = 328


@pytest.mark.parametrize("dataset", ["real", "real-tripled", "synthetic", "synthetic-tripled"])
@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_every_diagram_fits_a_phone_column(name: str, dataset: str, real: Explainer) -> None:
    # Read at its natural size on a phone: no sideways scrolling, no shrinking.
    width = view_box(svg_of(render(name, datasets(real)[dataset]))).w
    if name == "who-guarantees-what" and dataset != "real":
        # The synthetic data's six providers, one with a name of 61 letters, or
        # 21 providers, leave no room for the titles: the matrix grows (and
        # scrolls in its figure) rather than crushing them.
        assert width > PHONE_COLUMN
    else:
        assert width <= PHONE_COLUMN


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_the_ukrainian_diagrams_fit_a_phone_column(name: str, ukrainian: Explainer) -> None:
    assert view_box(svg_of(render(name, ukrainian))).w <= PHONE_COLUMN


def _node_groups(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(".//svg:g[@class='explainer-diagram__node']", NS)


@pytest.mark.parametrize("dataset", ["real", "synthetic-tripled"])
def test_each_layer_shows_its_status_once_as_dots_the_key_names(
    dataset: str, real: Explainer
) -> None:
    data = datasets(real)[dataset]
    svg = svg_of(render("layered-response", data))
    statuses = data.vocabularies["status"]
    words = {statuses.label(s) for s in statuses}
    nodes = _node_groups(svg)
    assert len(nodes) == len(data.guarantees)
    for node in nodes:
        # One row of status dots per box, and no status written out in it.
        assert len(node.findall("svg:g[@class='explainer-diagram__pips']", NS)) == 1
        texts = {t.text for t in node.iter(f"{SVG}tspan")}
        assert not texts & words, f"a box spells out its status: {texts & words}"
        assert not any("·" in (t or "") for t in texts), "a box repeats a '·'-separated cue"
    # The key names each status shown once, beside its dots.
    legend = svg.find("svg:g[@class='explainer-diagram__legend']", NS)
    assert legend is not None
    keyed = [t.text for t in legend.iter(f"{SVG}tspan") if t.text in words]
    shown = {statuses.label(g.status) for g in data.guarantees.values()}
    assert sorted(keyed) == sorted(shown)
    assert len(legend.findall("svg:g[@class='explainer-diagram__pips']", NS)) == len(shown)


def test_a_layers_dots_tell_how_far_it_has_got(real: Explainer) -> None:
    from explainer.diagrams.layered import layout

    plan = layout(real)
    statuses = real.vocabularies["status"]
    for node in plan.nodes:
        # Reported is one step past rumoured, proposed two; of six up to in force.
        assert node.status.of == 6
        assert node.status.filled == statuses.rank(node.guarantee.status)


def test_each_provider_is_said_once_per_box_as_a_tag(real: Explainer) -> None:
    svg = svg_of(render("layered-response", real))
    for node, guarantee in zip(_node_groups(svg), real.guarantees_in_order(), strict=True):
        tags = [
            t.text for t in node.iter(f"{SVG}tspan") if t.get("class") == "explainer-diagram__meta"
        ]
        assert tags == [real.actors[a].label for a in guarantee.providers]
        assert len(node.findall("svg:rect[@class='explainer-diagram__tag']", NS)) == len(tags)
        words = " ".join(t.text or "" for t in node.iter(f"{SVG}tspan"))
        assert "Provided by" not in words


@pytest.mark.parametrize("dataset", ["real", "real-tripled", "synthetic", "synthetic-tripled"])
def test_the_matrix_marks_exactly_who_provides_what(dataset: str, real: Explainer) -> None:
    data = datasets(real)[dataset]
    linker = Linker("guarantees/index.md")
    html = render("who-guarantees-what", data)
    svg = svg_of(html)
    links = hotspots(html)
    columns = [(href, box) for href, _, box in links if "/actors/" in href]
    rows = [(href, box) for href, _, box in links if (href, box) not in columns]
    # One column per provider, in the order the guarantees first name them, none for others.
    providers = list(dict.fromkeys(a for g in data.guarantees_in_order() for a in g.providers))
    assert [href for href, _ in columns] == [linker.entity("actor", a) for a in providers]
    assert [href for href, _ in rows] == [
        linker.entity("guarantee", g.id) for g in data.guarantees_in_order()
    ]
    marked = set()
    for mark in dots(svg, "explainer-diagram__mark"):
        (column,) = [h for h, b in columns if b.x <= mark.cx <= b.right]
        (row,) = [h for h, b in rows if b.y <= mark.cy <= b.bottom]
        assert (column, row) not in marked
        marked.add((column, row))
    assert marked == {
        (linker.entity("actor", a), linker.entity("guarantee", g.id))
        for g in data.guarantees.values()
        for a in g.providers
    }
    # The tinted columns run over the rows, never behind a phase heading or a name.
    stripes = rects(svg, "explainer-diagram__stripe")
    assert stripes
    for text, line in text_boxes(svg):
        if not any(box.contains(line) for _, box in rows):
            assert not any(s.overlaps(line) for s in stripes), f"a stripe runs behind {text!r}"


def test_the_matrix_says_whom_the_guarantees_protect_once(real: Explainer) -> None:
    svg = svg_of(render("who-guarantees-what", real))
    texts = [" ".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert texts.count("Each guarantee protects Ukraine.") == 1

    def notes(svg: ET.Element) -> list[str]:
        # The words in a row besides its title.
        return [
            " ".join(t.text or "" for t in node.iter(f"{SVG}tspan") if "meta" in t.get("class", ""))
            for node in _node_groups(svg)
        ]

    # Only the guarantee that protects someone more says so, in its row.
    assert [n for n in notes(svg) if n] == ["Also protects Coalition of the Willing"]
    in_synthetic = [n for n in notes(svg_of(render("who-guarantees-what", synthetic()))) if n]
    assert in_synthetic == ["Also protects Republic of Moldova"] * 2


def test_long_labels_wrap_inside_their_width() -> None:
    title = "Military support backed by US capabilities, including air defence and intelligence"
    lines = wrap(title, 200, 14, bold=True)
    assert len(lines) > 1
    assert " ".join(lines) == title
    assert all(text_width(line, 14, bold=True) <= 200 for line in lines)
    # A word wider than the box is cut rather than left to stick out of it.
    pieces = wrap("Supercalifragilisticexpialidocious", 60, 14)
    assert "".join(pieces) == "Supercalifragilisticexpialidocious"
    assert len(pieces) > 1 and all(text_width(p, 14) <= 60 for p in pieces)


def test_layered_response_reads_in_order_with_conditions(real: Explainer) -> None:
    linker = Linker("how-it-works.md")
    html = layered_response(real, linker)
    svg = svg_of(html)
    top_of = {href: box.y for href, _, box in hotspots(html)}
    tops = [top_of[linker.entity("guarantee", g.id)] for g in real.guarantees_in_order()]
    assert tops == sorted(tops), "boxes are not in the order of the layered response"
    texts = [" ".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    # Phases are named in words, not told apart by colour alone.
    assert "Deterrence: in place in peacetime" in texts
    assert "The response: if fighting resumes" in texts
    for guarantee in real.guarantees.values():
        if guarantee.escalates_to:
            condition = guarantee.escalates_to.condition
            assert any(condition in text for text in texts), f"{condition!r} is not written"
    arrows = svg.findall("svg:g[@class='explainer-diagram__arrows']/svg:path", NS)
    assert len(arrows) == sum(1 for g in real.guarantees.values() if g.escalates_to)


def test_timeline_cuts_long_gaps_and_keeps_2025_months_apart(real: Explainer) -> None:
    html = render("timeline", real)
    svg = svg_of(html)
    words = [" ".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert any(w.endswith("years later") for w in words), "no break marks the long gaps"
    assert svg.findall(".//svg:path[@class='explainer-diagram__axis-break']", NS)
    months = {t: box.y for t, box in text_boxes(svg) if re.fullmatch(r"[A-Z][a-z]{2} 2025", t)}
    assert len(months) >= 6, "2025 should be marked month by month"
    ys = sorted(months.values())
    assert min(b - a for a, b in pairwise(ys)) >= 20
    # At 360 px (328 px of column) the timeline fits without scrolling.
    canvas = ET.fromstring(html).find(".//div[@class='explainer-diagram__canvas']")
    assert canvas is not None
    min_width = re.search(r"min-width: (\d+)px", canvas.get("style", ""))
    assert min_width and int(min_width.group(1)) <= 328


def test_busy_days_give_every_event_its_own_dot_and_label(real: Explainer) -> None:
    from explainer.diagrams.timeline_chart import layout

    plan = layout(real)
    ys = [placed.y for placed in plan.events]
    # No blob of markers: each dot has room of its own, level with its label.
    assert min(b - a for a, b in pairwise(ys)) >= 20
    for placed in plan.events:
        assert placed.label.y <= placed.y <= placed.label.bottom
    for a, b in pairwise(plan.events):
        assert a.label.bottom <= b.label.y, f"{a.event.id} overlaps {b.event.id}"
    # The week of 14-18 December 2025 and January 2026 keep every event apart.
    december = [p for p in plan.events if p.event.date.start_iso.startswith("2025-12-1")]
    january = [p for p in plan.events if p.event.date.start_iso.startswith("2026-01")]
    assert len(december) >= 4 and len(january) >= 10
    # One day's events keep the order the timeline file gives them.
    paris_day = [p.event.id for p in plan.events if p.event.date.iso == "2026-01-06"]
    in_2026 = real.timelines["negotiations-2026"].events
    listed = [e.id for e in in_2026 if e.date.iso == "2026-01-06"]
    assert paris_day == listed
    # Month marks are placed where each month begins, between the dates around it.
    ticks = {a.block.lines[0]: a.tick_y for a in plan.axis_labels if a.tick_y is not None}
    # A mark sits between the labels of the dates around it, never beside an earlier
    # event's label.
    december_end = max(
        p.label.bottom for p in plan.events if p.event.date.start_iso.startswith("2025-12")
    )
    first_january = min(p.y for p in january)
    assert december_end <= ticks["Jan 2026"] < first_january


@pytest.mark.parametrize(
    ("dates", "wanted"),
    [
        (("2025-02-10", "2025-12-05"), "Dec 2025"),
        (("2025-06-10", "2026-03-05"), "Mar 2026"),
        (("2025-01-01", "2025-03-31", "2025-04-02"), "Apr 2025"),
    ],
)
def test_the_month_of_every_event_is_marked(dates: tuple[str, ...], wanted: str) -> None:
    from explainer.diagrams.timeline_chart import layout
    from explainer.model import Timeline

    events = tuple(event(f"e{i}", "t", d, f"Event {i}") for i, d in enumerate(dates))
    plan = layout(explainer([], [], [Timeline("t", "T", "A timeline.", events)]))
    ticks = {a.block.lines[0]: a.tick_y for a in plan.axis_labels if a.tick_y is not None}
    assert wanted in ticks, sorted(ticks)
    # The mark sits above the event it dates, nearer to it than to the event before.
    last = plan.events[-1]
    assert ticks[wanted] <= last.y
    assert ticks[wanted] >= plan.events[-2].label.bottom


def test_an_event_added_in_yaml_appears_on_the_timeline(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import shutil

    shutil.copytree(ROOT / "data", data)
    timeline_file = data / "timelines" / "negotiations-2026.yaml"
    timeline_file.write_text(
        timeline_file.read_text(encoding="utf-8")
        + "  - id: added-for-the-test\n"
        + '    date: "2026-03-10"\n'
        + "    title: An event added for the test\n"
        + "    summary: Added by tests/test_diagrams.py.\n"
        + "    sources: [unn-2026-03-10]\n",
        encoding="utf-8",
    )
    html = render("timeline", load_explainer(data, SCHEMAS))
    words = [line for line, _ in text_boxes(svg_of(html))]
    assert "An event added for the test" in words
    links = {href: name for href, name, _ in hotspots(html)}
    assert links["#event-added-for-the-test"] == "10 March 2026: An event added for the test"
    assert "An event added for the test" in html.split("<details", 1)[1]


# --- links, accessibility, text versions -----------------------------------------


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_each_box_links_to_what_it_shows(name: str, real: Explainer) -> None:
    function, page = DIAGRAMS[name]
    linker = Linker(page)
    html = function(real, linker)
    links = hotspots(html)
    hrefs = {href for href, _, _ in links}
    if name == "layered-response":
        expected = {linker.entity("guarantee", g) for g in real.guarantees}
    elif name == "timeline":
        expected = {linker.entity("event", e.id) for e in all_events(real)}
    else:
        # Each provider's column; whom a guarantee protects is linked in the text version.
        actors = {a for g in real.guarantees.values() for a in g.providers}
        expected = {linker.entity("guarantee", g) for g in real.guarantees}
        expected |= {linker.entity("actor", a) for a in actors}
    assert hrefs == expected
    drawn = boxes(svg_of(html))
    # One link lies exactly over each box, and each link has a name.
    assert len(links) == len(drawn)
    for href, label, box in links:
        assert label.strip(), f"the link to {href} has no name"
        assert sum(near(box, b) for b in drawn) == 1, f"the link to {href} is not over a box"


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_the_image_holds_nothing_focusable(name: str, real: Explainer) -> None:
    # role="img" makes its content presentational: a link inside it could take
    # keyboard focus yet not be announced (axe: nested-interactive).
    svg = svg_of(render(name, real))
    assert svg.find(".//svg:a", NS) is None
    assert not [e for e in svg.iter() if e.get("tabindex") is not None]


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_accessible_name_description_and_unique_ids(name: str, real: Explainer) -> None:
    svg = svg_of(render(name, real))
    assert svg.get("role") == "img"
    labelled_by = svg.get("aria-labelledby", "").split()
    assert len(labelled_by) == 2
    title, desc = (svg.find(f"*[@id='{i}']") for i in labelled_by)
    assert title is not None and title.tag == f"{SVG}title" and (title.text or "").strip()
    assert desc is not None and desc.tag == f"{SVG}desc" and (desc.text or "").strip()
    assert all(i.startswith(name) for i in labelled_by)


def test_ids_are_unique_with_every_diagram_on_one_page(real: Explainer) -> None:
    page = "".join(render(name, real) for name in DIAGRAMS)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) == 6


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_figure_is_one_html_block_with_caption_and_text_version(name: str, real: Explainer) -> None:
    html = render(name, real)
    assert html.startswith("<figure ")
    assert "\n\n" not in html and all(line.strip() for line in html.splitlines())
    figure = ET.fromstring(html)  # also proves the fragment is well-formed
    assert figure.tag == "figure"
    assert figure[0].tag == "figcaption" and "".join(figure[0].itertext()).strip()
    canvas = figure.find(
        "div[@class='explainer-diagram__scroll']/div[@class='explainer-diagram__canvas']"
    )
    assert canvas is not None and canvas.find(f"{SVG}svg") is not None
    details = figure.find("details")
    assert details is not None and details.find("summary") is not None


def _text_version(html: str) -> ET.Element:
    details = ET.fromstring(html).find("details")
    assert details is not None
    return details


def _links(element: ET.Element) -> dict[str, str]:
    return {a.get("href", ""): "".join(a.itertext()) for a in element.iter("a")}


@pytest.mark.parametrize("dataset", ["real", "synthetic-tripled"])
def test_text_versions_list_every_item(dataset: str, real: Explainer) -> None:
    data = datasets(real)[dataset]
    layered = _links(_text_version(render("layered-response", data)))
    linker = Linker("how-it-works.md")
    for g in data.guarantees.values():
        assert layered[linker.entity("guarantee", g.id)] == g.title
        if g.escalates_to:
            assert g.escalates_to.condition in "".join(
                _text_version(render("layered-response", data)).itertext()
            )

    events = _text_version(render("timeline", data))
    items = events.findall(".//li")
    assert len(items) == len(all_events(data))
    listed = _links(events)
    for e in all_events(data):
        assert listed[Linker("timeline.md").entity("event", e.id)] == e.title
    assert [i.find("time").get("datetime") for i in items] == [  # type: ignore[union-attr]
        e.date.start_iso for e in all_events(data)
    ]

    flow = _text_version(render("who-guarantees-what", data))
    rows = flow.findall(".//tbody/tr")
    assert len(rows) == len(data.guarantees)
    linker = Linker("guarantees/index.md")
    for row, g in zip(rows, data.guarantees_in_order(), strict=True):
        row_links = _links(row)
        assert row_links[linker.entity("guarantee", g.id)] == g.title
        for actor_id in (*g.providers, *g.beneficiaries):
            assert row_links[linker.entity("actor", actor_id)] == data.actors[actor_id].label


# --- colour ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_no_colour_is_written_into_the_svg(name: str, real: Explainer) -> None:
    svg = svg_of(render(name, real))
    for element in svg.iter():
        for attribute in ("fill", "stroke", "color", "stop-color"):
            value = element.get(attribute)
            assert value in (None, "none", "currentColor"), f"{element.tag} {attribute}={value}"
        assert "color" not in element.get("style", "")
        if element.tag in (f"{SVG}rect", f"{SVG}path", f"{SVG}polygon", f"{SVG}circle"):
            assert element.get("class"), f"{element.tag} has no class for the stylesheet"


def _palette(css: str, selector: str) -> dict[str, str]:
    start = css.index(selector)
    body = css[css.index("{", start) + 1 : css.index("}", start)]
    return dict(re.findall(r"--explainer-diagram-([\w-]+):\s*(#[0-9a-fA-F]{6})", body))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    "scheme", ['[data-md-color-scheme="default"]', '[data-md-color-scheme="slate"]']
)
def test_text_contrast_in_both_palettes(scheme: str) -> None:
    css = (ROOT / "docs" / "stylesheets" / "diagrams.css").read_text(encoding="utf-8")
    palette = _palette(css, scheme)
    backgrounds = [k for k in palette if k.startswith(("box-", "label-box", "surface"))]
    assert len(backgrounds) >= 5
    for fg in ("text", "muted"):
        for bg in backgrounds:
            ratio = _contrast(palette[fg], palette[bg])
            assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}:1 in {scheme}"
    for line in ("line", "border", "focus"):
        for bg in backgrounds:
            assert _contrast(palette[line], palette[bg]) >= 3, f"{line} on {bg} in {scheme}"


# --- determinism and escaping -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_same_data_gives_byte_identical_output(name: str, real: Explainer) -> None:
    first = render(name, real)
    assert render(name, real) == first
    assert render(name, reversed_mappings(real)) == first
    assert not re.search(r'="-?\d+\.\d', svg_text(first)), "a coordinate is not rounded"


HOSTILE = '<script>alert(1)</script> & "x"'


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_text_from_data_is_escaped(name: str) -> None:
    html = render(name, with_title(synthetic(), HOSTILE))
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    figure = ET.fromstring(html)
    assert not [e for e in figure.iter() if e.tag.endswith("script")]
    # The words still reach the reader, as text.
    assert "alert(1)" in "".join(figure.itertext())


# --- the Ukrainian edition --------------------------------------------------------

# Interface words of the English diagrams that must not be left in the Ukrainian ones.
ENGLISH_WORDS = re.compile(
    r"Provided by|Layer \d|Next step|When:|border:|Arrow:|line:|later\b|In peacetime|"
    r"If fighting|Apart from|The text version|events? from|Timeline of|Who guarantees|"
    r"Guarantee\b|\bFor\b|\b(Jan|Feb|Mar|Dec) \d{4}|January|March|December|Reported|Proposed|"
    r"Military|Political|Legal|Backing|\band\b|As of|Text version|[Pp]rotects|Each guarantee"
)


def test_the_ukrainian_layered_response_reads_in_ukrainian(ukrainian: Explainer) -> None:
    html = render("layered-response", ukrainian)
    drawn = " ".join(svg_of(html).itertext())
    # The key names the statuses; the boxes carry dots and the providers' names as tags.
    assert {"Повідомлено", "Запропоновано"} <= {t.text for t in svg_of(html).iter(f"{SVG}tspan")}
    assert "Стрілка: наступний крок" in drawn and "Коаліція охочих" in drawn
    assert re.search(r"У мирний час — \d+ рів(ень|ні|нів) стримування: ", drawn)
    assert "; потім " in drawn
    assert "станом на 10 березня 2026 року." in html
    assert "Текстова версія діаграми" in html and "Хто надає: <a href=" in html
    assert not ENGLISH_WORDS.findall(re.sub(r"<[^>]+>", " ", html))


def test_the_ukrainian_timeline_reads_in_ukrainian(ukrainian: Explainer) -> None:
    html = render("timeline", ukrainian)
    svg = svg_of(html)
    drawn = " ".join(svg.itertext())
    assert "Хронологія подій, що стоять за гарантіями" in drawn
    # Dates in the labels, month marks on the axis, and the breaks, as Ukrainian writes them.
    assert "18 грудня 2025 року" in drawn
    assert {"груд. 2025", "січ. 2026"} <= {t.text for t in svg.iter(f"{SVG}tspan")}
    assert re.search(r"через \d+ (рік|роки|років|місяць|місяці|місяців)", drawn)
    assert re.search(
        r"\d+ под(ія|ії|ій) (в|у) хронологічному порядку: перша — \d+ квітня 1949 року", drawn
    )
    assert re.search(r"вісь часу розірвано \d+ ра(з|зи|зів)", drawn)
    # The hotspots and the text version give the same dates.
    assert 'aria-label="18 грудня 2025 року: ' in html
    assert '<time datetime="2025-12-18">18 грудня 2025 року</time>' in html
    assert not ENGLISH_WORDS.findall(re.sub(r"<[^>]+>", " ", html))


def test_the_ukrainian_flow_reads_in_ukrainian(ukrainian: Explainer) -> None:
    html = render("who-guarantees-what", ukrainian)
    svg = svg_of(html)
    drawn = " ".join(svg.itertext())
    assert {"Хто надає", "США", "Коаліція охочих"} <= {t.text for t in svg.iter(f"{SVG}tspan")}
    assert "Кого захищає кожна гарантія: Україна." in drawn
    assert "Захищає також: Коаліція охочих" in drawn
    assert "Стримування: діє в мирний час" in drawn
    assert re.search(r"\d+ гаранті(я|ї|й)\. Хто надає: Україна, ", drawn)
    assert not ENGLISH_WORDS.findall(re.sub(r"<[^>]+>", " ", html))


def test_the_english_words_are_found_in_the_english_diagrams(real: Explainer) -> None:
    # The check above would pass on anything if its pattern matched nothing.
    for name in DIAGRAMS:
        assert ENGLISH_WORDS.search(re.sub(r"<[^>]+>", " ", render(name, real))), name


def test_cyrillic_is_measured_like_latin_and_unknown_text_errs_wide() -> None:
    # A letter drawn like a Latin one is as wide as it; the others get widths of their own.
    assert [char_width(c) for c in "аеорсА"] == [char_width(c) for c in "aeopcA"]
    assert char_width("ї") == char_width("і") and char_width("й") == char_width("и")
    assert char_width("ш") > char_width("n") and char_width("Щ") > char_width("W")
    assert text_width("Хто надає", 14) > text_width("Provided", 14)
    # A character the table does not know is never taken as narrower than an em.
    widest_capital = max(char_width(c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert all(char_width(c) >= widest_capital for c in "Ωשب№⚖ﬁＡ")
    assert char_width("é") == char_width("e")
