"""The map of where it happens: data, projection, labels, links, the list beside it, the dataset.

Refresh the golden files after an intended change with `make golden` and
review the diff of tests/golden/diagrams/map.svg and tests/golden/pages/map.md.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from itertools import combinations

import pytest
from test_diagrams import NS, SVG, hotspots, near, svg_of, svg_text, text_boxes, view_box

from explainer import urls
from explainer.diagrams import geo, map_chart, place_map
from explainer.diagrams.layout import Rect
from explainer.escaping import markdown_text
from explainer.links import Linker
from explainer.load import load_explainer
from explainer.localize import localize
from explainer.model import Explainer, Place
from explainer.pages import build_pages
from explainer.schemas import load_schemas

from conftest import ROOT, SCHEMAS

LAND = ROOT / "hooks" / "explainer" / "geodata" / geo.LAND
LAND_SHA256 = "619477ff690c086885e45cb91707d783805561bd75ae8e437b7d4694b0204e0f"
PACKAGE = ROOT / "tests" / "browser" / "node_modules" / "world-atlas"


@pytest.fixture(scope="module")
def real() -> Explainer:
    return load_explainer(ROOT / "data", SCHEMAS)


@pytest.fixture(scope="module")
def ukrainian(real: Explainer) -> Explainer:
    return localize(real, load_schemas(SCHEMAS), "uk")[0]


def drawn(data: Explainer) -> ET.Element:
    return svg_of(place_map(data, Linker(urls.MAP)))


def markers(svg: ET.Element) -> list[tuple[float, float]]:
    return [
        (float(c.get("cx", "0")), float(c.get("cy", "0")))
        for c in svg.iterfind(".//svg:g[@class='explainer-diagram__markers']/svg:circle", NS)
    ]


def spots(data: Explainer) -> dict[str, tuple[float, float]]:
    """Each place's marker, by id: markers are drawn in the model's order of places."""
    plan = map_chart.layout(data)
    return {p.place.id: (p.x, p.y) for p in plan.places}


# --- golden files ---------------------------------------------------------------


def test_real_map_matches_golden_svg(real: Explainer, golden: object) -> None:
    golden(f"diagrams/{map_chart.NAME}.svg", svg_text(place_map(real, Linker(urls.MAP))) + "\n")  # type: ignore[operator]


# --- projection -----------------------------------------------------------------


def test_one_marker_per_place_where_its_coordinates_project(real: Explainer) -> None:
    svg = drawn(real)
    found = markers(svg)
    where = spots(real)
    assert len(found) == len(real.places) == len(where)
    assert sorted(found) == sorted((round(x), round(y)) for x, y in where.values())
    x, y = where["paris"], where["berlin"]
    assert x[0] < y[0], "Paris is west of Berlin"
    assert where["northwood"][1] < where["paris"][1], "Northwood is north of Paris"
    assert where["abu-dhabi"][1] > where["geneva"][1], "Abu Dhabi is south of Geneva"
    assert where["abu-dhabi"][0] > where["vilnius"][0], "Abu Dhabi is east of Vilnius"
    assert where["miami"][1] > where["washington"][1], "Miami is south of Washington"


def test_places_across_the_atlantic_are_in_the_inset(real: Explainer) -> None:
    plan = map_chart.layout(real)
    assert plan.inset is not None and plan.main is not None
    assert {p.place.id for p in plan.inset.places} == {"washington", "miami"}
    for placed in plan.inset.places:
        assert plan.inset.frame.contains(placed.marker)
    for placed in plan.main.places:
        assert plan.main.frame.contains(placed.marker)
        assert not placed.marker.overlaps(plan.inset.frame), placed.place.id
    # The inset is a frame of its own in the drawing.
    frames = drawn(real).findall(".//svg:rect[@class='explainer-diagram__map-frame']", NS)
    assert len(frames) == 2


def test_without_places_across_the_atlantic_there_is_no_inset(real: Explainer) -> None:
    europe = {k: p for k, p in real.places.items() if p.longitude > map_chart.ATLANTIC}
    plan = map_chart.layout(replace(real, places=europe))
    assert plan.inset is None
    assert len(plan.places) == len(europe)


def test_a_place_added_in_data_moves_the_map(real: Explainer) -> None:
    # Lisbon is not in the story; it only shows that the extent follows the data.
    lisbon = Place("lisbon", "Lisbon", -9.14, 38.72, background=True)
    wider = replace(real, places={**real.places, "lisbon": lisbon})
    assert map_chart.layout(wider).places != map_chart.layout(real).places
    assert "Lisbon" in svg_text(place_map(wider, Linker(urls.MAP)))


def test_the_projection_keeps_east_west_and_north_south() -> None:
    extent = geo.Extent(-10, 30, 50, 60)
    projection, height = geo.Projection.for_extent(extent).fitted(extent, 400, 100, 500)
    west, east = projection(-10, 45), projection(50, 45)
    north, south = projection(20, 60), projection(20, 30)
    assert west[0] < east[0] and north[1] < south[1]
    assert west[0] >= 0 and east[0] <= 400.5 and 100 <= height <= 500


def test_simplify_keeps_corners_and_drops_what_cannot_be_seen() -> None:
    line = [(0.0, 0.0), (5.0, 0.2), (10.0, 0.0), (10.0, 10.0)]
    assert geo.simplify(line, 0.7) == [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
    assert geo.path_data([[(1, 1), (4, 1), (4, 5)]]) == "M1 1l3 0 0 4z"


# --- labels ---------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["english", "ukrainian"])
def test_no_label_overlaps_another_label_a_marker_or_the_inset(
    edition: str, real: Explainer, ukrainian: Explainer
) -> None:
    data = real if edition == "english" else ukrainian
    svg = drawn(data)
    canvas = view_box(svg)
    lines = list(text_boxes(svg))
    for (a_text, a), (b_text, b) in combinations(lines, 2):
        assert not a.overlaps(b), f"{a_text!r} overlaps {b_text!r}"
    plan = map_chart.layout(data)
    dots = [p.marker for p in plan.places]
    for placed in plan.places:
        assert canvas.contains(placed.label), f"{placed.place.name!r} is cut off"
        for dot in dots:
            assert not placed.label.overlaps(dot), f"{placed.place.name!r} covers a marker"
        if plan.inset is not None and placed in plan.main.places:  # type: ignore[union-attr]
            assert not placed.label.overlaps(plan.inset.frame), placed.place.name
    # No text at all, the inset's caption included, lies over a marker.
    for text, box in lines:
        for placed in plan.places:
            assert not box.overlaps(placed.marker), f"{text!r} covers {placed.place.name!r}"
    # The drawn text is where the layout measured it.
    for placed in plan.places:
        shown = [box for text, box in lines if text == placed.place.name]
        assert shown and abs(shown[0].x - placed.label.x) <= 1, placed.place.name


def test_a_crowded_map_still_places_every_label_clear(real: Explainer) -> None:
    # Places close together (about 30 km apart) around Geneva.
    crowd = {
        f"near-{i}": Place(f"near-{i}", f"Nearby {i}", 6.14 + 0.4 * i, 46.2 + 0.3 * i)
        for i in range(4)
    }
    svg = drawn(replace(real, places={**real.places, **crowd}))
    lines = list(text_boxes(svg))
    for (a_text, a), (b_text, b) in combinations(lines, 2):
        assert not a.overlaps(b), f"{a_text!r} overlaps {b_text!r}"


# --- accessibility, links and the list --------------------------------------------


def test_the_map_is_an_image_with_a_name_and_a_description(real: Explainer) -> None:
    svg = drawn(real)
    assert svg.get("role") == "img"
    title, desc = (svg.find(f"*[@id='{i}']") for i in svg.get("aria-labelledby", "").split())
    assert title is not None and title.tag == f"{SVG}title"
    assert desc is not None and desc.tag == f"{SVG}desc"
    for place in real.places.values():
        assert place.name in (desc.text or "")
    assert svg.find(".//svg:a", NS) is None
    for element in svg.iter():
        for attribute in ("fill", "stroke"):
            assert element.get(attribute) in (None, "none", "currentColor")


def test_each_label_links_to_its_place_in_the_list(real: Explainer) -> None:
    html = place_map(real, Linker(urls.MAP))
    links = hotspots(html)
    plan = map_chart.layout(real)
    assert {href for href, _, _ in links} == {f"#place-{p}" for p in real.places}
    for href, label, box in links:
        placed = next(p for p in plan.places if f"#place-{p.place.id}" == href)
        assert label == placed.place.name
        rounded = Rect(*(round(v) for v in (placed.label.x, placed.label.y, placed.label.w)), 0)
        assert near(replace(box, h=0), rounded), href


def test_the_page_lists_every_place_with_its_events_linked_to_the_timeline(
    real: Explainer,
) -> None:
    pages = {p.path: p for p in build_pages(real)}
    content = pages[urls.MAP].content
    timeline = pages[urls.TIMELINE].content
    anchors = set(re.findall(r'id="([^"]+)"', timeline))
    for place in real.places_in_order():
        assert f"## {markdown_text(place.name)} {{ #place-{place.id} }}" in content
        section = content.split(f"#place-{place.id} }}", 1)[1].split("\n## ", 1)[0]
        events = real.events_at(place.id)
        assert events, place.id
        for event in events:
            assert f'href="timeline.html#event-{event.id}"' in section
            assert f"event-{event.id}" in anchors
        assert "Background" in section  # its coordinates are general knowledge
    # Places come in the order of the story, and the timeline links back to them.
    order = [m for m in re.findall(r"\{ #place-([a-z0-9-]+) \}", content)]
    assert order == [p.id for p in real.places_in_order()]
    assert 'Where: <a href="map.html#place-paris">Paris</a>' in timeline


def test_the_ukrainian_map_page_names_places_in_ukrainian(ukrainian: Explainer) -> None:
    pages = {p.path: p for p in build_pages(ukrainian, language="uk")}
    page = pages[urls.MAP]
    assert page.title == "Де це відбувається"
    for name in ("Париж", "Берлін", "Женева", "Абу-Дабі", "Нортвуд", "Вашингтон", "Маямі"):
        assert f"## {markdown_text(name)} " in page.content
        assert name in svg_text(page.content)
    for english in ("Paris", "Geneva", "Across the Atlantic", "On the map at", "° N"):
        assert english not in page.content.replace("Paris Declaration", ""), english
    assert "48,86° пн. ш., 2,35° сх. д." in page.content


def test_without_places_the_page_says_so() -> None:
    from test_pages import synthetic

    base = synthetic()
    assert place_map(base, Linker(urls.MAP)) == ""
    page = next(p for p in build_pages(base) if p.path == urls.MAP)
    assert "No event names its place yet." in page.content


# --- size and the dataset --------------------------------------------------------


def test_the_map_is_small(real: Explainer) -> None:
    html = place_map(real, Linker(urls.MAP)).encode()
    assert len(html) < 25_000
    assert len(gzip.compress(html)) < 8_000


def test_the_land_file_is_the_pinned_package_file() -> None:
    assert hashlib.sha256(LAND.read_bytes()).hexdigest() == LAND_SHA256
    lock = json.loads((ROOT / "tests" / "browser" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/world-atlas"]["version"] == geo.DATASET.package_version
    if not PACKAGE.exists():
        pytest.skip("world-atlas is not installed: npm ci --prefix tests/browser (make test does)")
    assert (PACKAGE / geo.LAND).read_bytes() == LAND.read_bytes()
    assert json.loads((PACKAGE / "package.json").read_text())["version"] == (
        geo.DATASET.package_version
    )
