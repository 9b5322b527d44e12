"""The map of where it happens: each place of the story, marked and named, on land outlines.

Europe and the Middle East fill the map; places across the Atlantic (west of
ATLANTIC) are drawn in an inset at their own scale, so that Washington and
Abu Dhabi do not shrink Europe to a few pixels. Each panel's extent follows
the places it shows, so a place added in data/places/ moves the map with it.

Labels are placed beside their markers, in the first of a few positions that
collides with no other label, marker or the inset's frame, and further out on
a leader line where the neighbourhood is crowded. The map is a picture of the
list of places on its page, which says what happened at each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer.diagrams import geo, svg
from explainer.diagrams.figure import Drawing, Hotspot, figure
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, block
from explainer.i18n import names, translations

if TYPE_CHECKING:
    from collections.abc import Sequence

    from explainer.links import Linker
    from explainer.model import Explainer, Place

NAME = "map"
WIDTH = 400
MIN_HEIGHT, MAX_HEIGHT = 220, 440
INSET_W = 124
INSET_MIN_HEIGHT, INSET_MAX_HEIGHT = 80, 150
INSET_PAD = 8
ATLANTIC = -30.0
"""Places west of this longitude are shown in the inset."""
MAX_SCALE = 1.35
"""How far the map grows in a wide column: its labels stay the size of the page's small text."""
MARKER_R = 6
LABEL_GAP = 3
LEADER_STEPS = (14, 28, 42)
EDGE = 3
LABEL = TextStyle(13, css_class="explainer-diagram__place")
INSET_CAPTION = TextStyle(11, css_class="explainer-diagram__meta")


@dataclass(frozen=True)
class PlacedPlace:
    place: Place
    x: float
    y: float
    label: Rect
    text: TextBlock
    leader: bool
    """Whether the label stands away from its marker, joined to it by a line."""

    @property
    def marker(self) -> Rect:
        return Rect(self.x - MARKER_R, self.y - MARKER_R, 2 * MARKER_R, 2 * MARKER_R)


@dataclass(frozen=True)
class Panel:
    frame: Rect
    land: str
    """The SVG path of the land inside the frame."""
    places: tuple[PlacedPlace, ...]


@dataclass(frozen=True)
class MapLayout:
    language: str
    width: float
    height: float
    main: Panel | None
    inset: Panel | None
    inset_caption: TextBlock | None

    @property
    def places(self) -> tuple[PlacedPlace, ...]:
        panels = [p for p in (self.main, self.inset) if p is not None]
        return tuple(placed for panel in panels for placed in panel.places)


def place_map(explainer: Explainer, linker: Linker) -> str:
    """The map figure (SVG with its links and caption) as one HTML block; empty without places."""
    if not explainer.places:
        return ""
    plan = layout(explainer)
    return figure(
        "diagram_map.html.j2",
        draw(plan, linker),
        language=plan.language,
        min_scale=0.0,
        max_scale=MAX_SCALE,
        name=NAME,
        inset=plan.inset is not None,
        dataset=geo.DATASET,
    )


def layout(explainer: Explainer) -> MapLayout:
    """Fit each panel to its places, draw its land, then place every label."""
    language = explainer.site.language
    places = explainer.places_in_order()
    across = [p for p in places if p.longitude < ATLANTIC]
    here = [p for p in places if p.longitude >= ATLANTIC] or across
    if here is across:
        across = []
    main_extent = geo.Extent.around(_points(here), margin=4, least=16)
    main_projection, height = geo.Projection.for_extent(main_extent).fitted(
        main_extent, WIDTH, MIN_HEIGHT, MAX_HEIGHT
    )
    frame = Rect(0, 0, WIDTH, height)
    spots = {p.id: main_projection(p.longitude, p.latitude) for p in here}

    inset: Panel | None = None
    caption: TextBlock | None = None
    obstacles: list[Rect] = []
    if across:
        # The caption has a band of its own above the drawing, so that no
        # marker falls under it, however many lines it takes; the drawing is
        # fitted below it, the whole inset no taller than before.
        _ = translations(language).gettext
        caption = block(_("Across the Atlantic"), INSET_W - 8, INSET_CAPTION)
        band = caption.height + 4
        inset_extent = geo.Extent.around(_points(across), margin=3, least=14)
        projection, inset_h = geo.Projection.for_extent(inset_extent).fitted(
            inset_extent, INSET_W, INSET_MIN_HEIGHT, INSET_MAX_HEIGHT - band
        )
        inset_frame = _corner(frame, INSET_W, inset_h + band, list(spots.values()))
        projection = projection.moved(inset_frame.x, inset_frame.y + band)
        caption_rect = Rect(inset_frame.x + 4, inset_frame.y + 2, caption.width, caption.height)
        inset_spots = {p.id: projection(p.longitude, p.latitude) for p in across}
        inset_places = _labelled(across, inset_spots, inset_frame, [caption_rect])
        land = geo.path_data(geo.outlines(projection, inset_extent, inset_frame))
        inset = Panel(inset_frame, land, inset_places)
        obstacles.append(inset_frame)
    main = Panel(
        frame,
        geo.path_data(geo.outlines(main_projection, main_extent, frame)),
        _labelled(here, spots, frame, obstacles),
    )
    return MapLayout(language, WIDTH, height, main, inset, caption)


def _points(places: Sequence[Place]) -> list[geo.Point]:
    return [(p.longitude, p.latitude) for p in places]


def _corner(frame: Rect, width: float, height: float, spots: list[geo.Point]) -> Rect:
    """The inset's frame in the first corner of the map holding no marker (or its label's
    usual room beside it); the bottom left, where the Atlantic and Africa are, comes first."""
    left, right = frame.x + INSET_PAD, frame.right - INSET_PAD - width
    top, bottom = frame.y + INSET_PAD, frame.bottom - INSET_PAD - height
    corners = [Rect(x, y, width, height) for x, y in ((left, bottom), (left, top), (right, bottom))]
    corners.append(Rect(right, top, width, height))
    for corner in corners:
        room = Rect(corner.x - 70, corner.y - 20, corner.w + 140, corner.h + 40)
        if not any(room.contains(Rect(x, y, 0, 0)) for x, y in spots):
            return corner
    return corners[0]


def _labelled(
    places: Sequence[Place],
    spots: dict[str, geo.Point],
    frame: Rect,
    obstacles: Sequence[Rect],
) -> tuple[PlacedPlace, ...]:
    """A label for each place that overlaps no other label, no marker and no obstacle.

    The most crowded places choose first, while there is room near them.
    """
    markers = {
        p.id: Rect(x - MARKER_R, y - MARKER_R, 2 * MARKER_R, 2 * MARKER_R)
        for p, (x, y) in ((p, spots[p.id]) for p in places)
    }

    def crowd(place: Place) -> tuple[int, str]:
        x, y = spots[place.id]
        near = sum(1 for ox, oy in spots.values() if abs(ox - x) < 90 and abs(oy - y) < 40)
        return -near, place.id

    inner = Rect(frame.x + EDGE, frame.y + EDGE, frame.w - 2 * EDGE, frame.h - 2 * EDGE)
    taken: list[Rect] = [*obstacles, *markers.values()]
    placed: dict[str, PlacedPlace] = {}
    for place in sorted(places, key=crowd):
        x, y = spots[place.id]
        text = block(place.name, frame.w - 2 * EDGE, LABEL)
        own = markers[place.id]
        label, leader = _free_spot(x, y, text, inner, [r for r in taken if r is not own])
        taken.append(label)
        placed[place.id] = PlacedPlace(place, x, y, label, text, leader)
    return tuple(placed[p.id] for p in places)


def _free_spot(
    x: float, y: float, text: TextBlock, inner: Rect, taken: Sequence[Rect]
) -> tuple[Rect, bool]:
    """The first candidate position for a label that is inside the panel and free."""
    w, h = text.width, text.height
    candidates: list[tuple[Rect, bool]] = []
    for step, distance in enumerate((0, *LEADER_STEPS)):
        near = MARKER_R + LABEL_GAP + distance
        side = MARKER_R / 2 + distance * 0.7
        positions = [
            (x + near, y - h / 2),  # right
            (x - near - w, y - h / 2),  # left
            (x + side, y - near - h),  # above right
            (x + side, y + near),  # below right
            (x - side - w, y - near - h),  # above left
            (x - side - w, y + near),  # below left
            (x - w / 2, y - near - h),  # above
            (x - w / 2, y + near),  # below
        ]
        candidates.extend((Rect(px, py, w, h), step > 0) for px, py in positions)
    for rect, leader in candidates:
        if inner.contains(rect) and not any(rect.overlaps(other) for other in taken):
            return rect, leader
    # Nowhere free: the first position, which the tests would report as a collision.
    return candidates[0]


def draw(plan: MapLayout, linker: Linker) -> Drawing:
    """The SVG of a computed map, and a link over each place's label to its entry."""
    _ = translations(plan.language).gettext
    root = svg.root(
        NAME, plan.width, plan.height, _("Map of where the events took place"), _description(plan)
    )
    for panel in (plan.main, plan.inset):
        if panel is None:
            continue
        group = svg.group(root, "explainer-diagram__panel")
        svg.rect(group, panel.frame, "explainer-diagram__sea", radius=0)
        if panel.land:
            svg.area(group, panel.land, "explainer-diagram__land")
        svg.rect(group, panel.frame, "explainer-diagram__map-frame", radius=0)
        if panel is plan.inset and plan.inset_caption is not None:
            svg.text(group, panel.frame.x + 4, panel.frame.y + 2, [plan.inset_caption])
    leaders = svg.group(root, "explainer-diagram__leaders")
    for placed in plan.places:
        if placed.leader:
            end = _nearest_edge_point(placed.label, placed.x, placed.y)
            svg.line_path(leaders, [(placed.x, placed.y), end], "explainer-diagram__leader")
    markers = svg.group(root, "explainer-diagram__markers")
    for placed in plan.places:
        svg.marker(markers, 0, placed.x, placed.y, "explainer-diagram__marker")
    labels = svg.group(root, "explainer-diagram__labels")
    for placed in plan.places:
        svg.text(labels, placed.label.x, placed.label.y, [placed.text])
    hotspots = tuple(
        Hotspot(linker.entity("place", p.place.id), p.place.name, p.label) for p in plan.places
    )
    return Drawing(svg.serialize(root), round(plan.width), round(plan.height), hotspots)


def _nearest_edge_point(box: Rect, x: float, y: float) -> tuple[float, float]:
    return min(max(x, box.x), box.right), min(max(y, box.y), box.bottom)


def _description(plan: MapLayout) -> str:
    """The map's text alternative: how many places, which, and how the map is drawn."""
    text = translations(plan.language)
    _, ngettext = text.gettext, text.ngettext
    count = len(plan.places)
    listed = ngettext(
        "%(count)s place where events took place: %(places)s.",
        "%(count)s places where events took place: %(places)s.",
        count,
    ) % {"count": count, "places": names([p.place.name for p in plan.places], plan.language)}
    if plan.inset is not None:
        across = [p.place.name for p in plan.inset.places]
        listed += " " + ngettext(
            "%(places)s, across the Atlantic, is shown in an inset at another scale.",
            "%(places)s, across the Atlantic, are shown in an inset at another scale.",
            len(across),
        ) % {"places": names(across, plan.language)}
    return listed + " " + _("The list below the map says what happened at each place.")
