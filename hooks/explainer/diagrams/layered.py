"""The layered response: deterrence layers in peacetime, then the steps if fighting resumes.

Guarantees sit in rows, one row per (phase, layer) in the model's order. Each
``escalates_to`` pointing further down is an arrow that ends in the gap above
its target, where its condition is written; an arrow that skips rows runs down
a gutter left of every box, so that no arrow crosses a box. One pointing up
or sideways (not expected in data) is written inside its box instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from typing import TYPE_CHECKING

from explainer.diagrams import svg
from explainer.diagrams.figure import Drawing, Hotspot, figure
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, block, blocks_height
from explainer.diagrams.legend import LegendItem, draw_legend, legend_height, place_legend
from explainer.i18n import date_label, names, translations

if TYPE_CHECKING:
    from collections.abc import Sequence

    from explainer.links import Linker
    from explainer.model import Explainer, Guarantee

NAME = "layered-response"
MARGIN = 16
BOX_W = 360
COL_GAP = 24
PAD = 12
BLOCK_GAP = 4
ARROW_INSET = 32
LANE_STEP = 10
LABEL_GAP = 8
MIN_LABEL_W = 60
ROW_GAP = 20
HEADING_MIN_W = 160

META = TextStyle(12, css_class="explainer-diagram__meta")
TITLE = TextStyle(15, bold=True, css_class="explainer-diagram__title")
DETAIL = TextStyle(13)
CONDITION = TextStyle(13, css_class="explainer-diagram__condition")
HEADING = TextStyle(15, bold=True, css_class="explainer-diagram__heading")

Point = tuple[float, float]


@dataclass(frozen=True)
class Node:
    guarantee: Guarantee
    box: Rect
    blocks: tuple[TextBlock, ...]


@dataclass(frozen=True)
class Arrow:
    points: tuple[Point, ...]
    label: TextBlock
    label_x: float
    label_top: float


@dataclass(frozen=True)
class Heading:
    block: TextBlock
    x: float
    top: float
    plate: bool
    """Drawn on a background plate because an arrow has to pass behind it."""


@dataclass(frozen=True)
class LayeredLayout:
    width: float
    height: float
    nodes: tuple[Node, ...]
    arrows: tuple[Arrow, ...]
    headings: tuple[Heading, ...]
    legend_top: float


@dataclass(frozen=True)
class _Link:
    """An escalation drawn as an arrow: from a row to a later one."""

    source: str
    target: str
    condition: str
    gutter_x: float | None
    """x of its run down the gutter, for a link that skips rows."""


@dataclass(frozen=True)
class _Frame:
    """Horizontal placement shared by every row."""

    content_left: float
    content_w: float
    box_x: dict[str, float]
    row_of: dict[str, int]


def layered_response(explainer: Explainer, linker: Linker) -> str:
    """The layered-response figure (SVG, caption and text version) as one HTML block."""
    plan = layout(explainer)
    language = explainer.site.language
    return figure(
        "diagram_layered_response.html.j2",
        draw(plan, explainer, linker),
        language=language,
        name=NAME,
        phases=_phases_for_text(explainer),
        as_of=date_label(explainer.site.as_of, language),
        linker=linker,
        actors=explainer.actors,
        guarantees=explainer.guarantees,
        vocab=explainer.vocabularies,
    )


def layout(explainer: Explainer) -> LayeredLayout:
    """Place every guarantee box, arrow, condition and phase heading."""
    rows = [list(row) for _, row in groupby(explainer.guarantees_in_order(), _row_key)]
    row_of = {g.id: index for index, row in enumerate(rows) for g in row}
    links = _links(rows, row_of)
    gutter_w = sum(1 for link in links if link.gutter_x is not None) * LANE_STEP
    gutter_w += LANE_STEP if gutter_w else 0
    content_left = MARGIN + gutter_w
    content_w = max((_row_width(len(row)) for row in rows), default=BOX_W)
    box_x: dict[str, float] = {}
    for row in rows:
        left = content_left + (content_w - _row_width(len(row))) / 2
        box_x.update({g.id: left + i * (BOX_W + COL_GAP) for i, g in enumerate(row)})
    frame = _Frame(content_left, content_w, box_x, row_of)

    nodes: dict[str, Node] = {}
    arrows: list[Arrow] = []
    headings: list[Heading] = []
    departures: dict[str, tuple[Point, float]] = {}  # source id -> (start, lane y)
    y: float = MARGIN
    for index, row in enumerate(rows):
        starts_phase = index == 0 or row[0].phase != rows[index - 1][0].phase
        heading = _phase_heading(explainer, row[0].phase) if starts_phase else None
        above = [nodes[g.id] for g in rows[index - 1]] if index else []
        incoming = [link for link in links if row_of[link.target] == index]
        leaving = [
            link for link in links if link.gutter_x is not None and row_of[link.source] == index - 1
        ]
        bottom = _gap(frame, above, incoming, leaving, heading, y, departures, arrows, headings)
        contents = {g.id: _box_blocks(g, explainer, row_of) for g in row}
        row_height = max(blocks_height(b, BLOCK_GAP) for b in contents.values()) + 2 * PAD
        for g in row:
            nodes[g.id] = Node(g, Rect(box_x[g.id], bottom, BOX_W, row_height), contents[g.id])
        y = bottom + row_height
    legend_top = y + ROW_GAP
    width = content_left + content_w + MARGIN
    legend = _legend(explainer)
    height = legend_top + legend_height(place_legend(legend, width - 2 * MARGIN)) + MARGIN
    return LayeredLayout(
        width, height, tuple(nodes.values()), tuple(arrows), tuple(headings), legend_top
    )


def _row_key(guarantee: Guarantee) -> tuple[str, int]:
    return guarantee.phase, guarantee.layer


def _row_width(count: int) -> int:
    return count * BOX_W + (count - 1) * COL_GAP


def _links(rows: Sequence[Sequence[Guarantee]], row_of: dict[str, int]) -> list[_Link]:
    """Downward escalations, with a gutter lane (outermost first) for each that skips rows."""
    downward = [
        (g, g.escalates_to)
        for row in rows
        for g in row
        if g.escalates_to is not None and row_of[g.escalates_to.guarantee] > row_of[g.id]
    ]
    links = []
    lane = 0
    for source, escalation in downward:
        gutter_x = None
        if row_of[escalation.guarantee] > row_of[source.id] + 1:
            gutter_x = MARGIN + lane * LANE_STEP
            lane += 1
        links.append(_Link(source.id, escalation.guarantee, escalation.condition, gutter_x))
    return links


def _gap(
    frame: _Frame,
    above: Sequence[Node],
    incoming: Sequence[_Link],
    leaving: Sequence[_Link],
    heading: str | None,
    top: float,
    departures: dict[str, tuple[Point, float]],
    arrows: list[Arrow],
    headings: list[Heading],
) -> float:
    """Lay out the space above a row, top to bottom: lanes, conditions, phase heading.

    Returns the top of the row. Arrows ending here go to ``arrows``; gutter runs
    starting here are remembered in ``departures`` for the row they end at.
    """
    right = frame.content_left + frame.content_w
    source_bottom = {node.guarantee.id: node.box.bottom for node in above}
    ends = _entry_points(frame, incoming)
    cursor = top + (ROW_GAP / 2 if above else 0)

    # One lane per horizontal run: gutter runs leaving the row above first,
    # then the turns of arrows entering the row below.
    for link in leaving:
        start = (frame.box_x[link.source] + ARROW_INSET, source_bottom[link.source])
        departures[link.source] = (start, cursor)
        cursor += LANE_STEP
    turns: dict[str, float] = {}
    for link, end_x in ends:
        start_x = _start_x(frame, link)
        if start_x != end_x:
            turns[link.source] = cursor
            cursor += LANE_STEP

    labels: list[tuple[float, TextBlock]] = []
    for i, (link, end_x) in enumerate(ends):
        bound = ends[i + 1][1] if i + 1 < len(ends) else right
        label_w = max(MIN_LABEL_W, bound - end_x - 2 * LABEL_GAP)
        labels.append((end_x + LABEL_GAP, block(link.condition, label_w, CONDITION)))
    label_top = cursor
    if labels:
        cursor += max(b.height for _, b in labels) + LABEL_GAP

    if heading is not None:
        heading_x = max((end for _, end in ends), default=frame.content_left - 2 * LABEL_GAP)
        heading_x += 2 * LABEL_GAP
        plate = right - heading_x < HEADING_MIN_W
        if plate:
            heading_x = frame.content_left
        heading_block = block(heading, right - heading_x, HEADING)
        headings.append(Heading(heading_block, heading_x, cursor, plate))
        cursor += heading_block.height + LABEL_GAP
    if ends:
        cursor += LABEL_GAP + 2  # room for the arrowhead above the box
    elif above and heading is None:
        cursor = max(cursor, top + ROW_GAP)
    bottom = cursor

    for (link, end_x), (label_x, label) in zip(ends, labels, strict=True):
        points: list[Point] = []
        start_x = _start_x(frame, link)
        if link.gutter_x is not None:
            start, lane = departures[link.source]
            points += [start, (start[0], lane), (link.gutter_x, lane)]
            points.append((link.gutter_x, turns[link.source]))
        else:
            points.append((start_x, source_bottom[link.source]))
            if link.source in turns:
                points.append((start_x, turns[link.source]))
        if link.source in turns:
            points.append((end_x, turns[link.source]))
        points.append((end_x, bottom))
        arrows.append(Arrow(tuple(points), label, label_x, label_top))
    return bottom


def _start_x(frame: _Frame, link: _Link) -> float:
    """Where an arrow comes down into the gap above its target."""
    if link.gutter_x is not None:
        return link.gutter_x
    return frame.box_x[link.source] + ARROW_INSET


def _entry_points(frame: _Frame, incoming: Sequence[_Link]) -> list[tuple[_Link, float]]:
    """Where each arrow enters its box: side by side, in the order of where they come from."""
    ends: list[tuple[_Link, float]] = []
    for target in sorted({link.target for link in incoming}, key=frame.box_x.__getitem__):
        into = sorted(
            (link for link in incoming if link.target == target),
            key=lambda link: (_start_x(frame, link), link.source),
        )
        step = (BOX_W - 2 * ARROW_INSET) / len(into)
        for j, link in enumerate(into):
            ends.append((link, frame.box_x[target] + ARROW_INSET + j * step))
    return sorted(ends, key=lambda end: (end[1], end[0].source))


def _box_blocks(
    guarantee: Guarantee, explainer: Explainer, row_of: dict[str, int]
) -> tuple[TextBlock, ...]:
    inner = BOX_W - 2 * PAD
    language = explainer.site.language
    _ = translations(language).gettext
    providers = names([explainer.actors[a].label for a in guarantee.providers], language)
    kind = explainer.vocabularies["guarantee-kind"].label(guarantee.kind)
    status = explainer.vocabularies["status"].label(guarantee.status)
    blocks = [
        block(f"{_place(guarantee, explainer)} · {kind} · {status}", inner, META),
        block(guarantee.title, inner, TITLE),
        block(_("Provided by %(providers)s") % {"providers": providers}, inner, DETAIL),
    ]
    escalation = guarantee.escalates_to
    if escalation is not None and row_of[escalation.guarantee] <= row_of[guarantee.id]:
        target = explainer.guarantees[escalation.guarantee]
        text = _("Next step: %(title)s. When: %(condition)s") % {
            "title": target.title,
            "condition": escalation.condition,
        }
        blocks.append(block(text, inner, CONDITION))
    return tuple(blocks)


def draw(plan: LayeredLayout, explainer: Explainer, linker: Linker) -> Drawing:
    """The SVG for a computed layout, and the links over its boxes."""
    _ = translations(explainer.site.language).gettext
    title = _(
        "The layered response: deterrence in peacetime, the steps if fighting resumes, "
        "and apart from them what would give the response its force"
    )
    root = svg.root(NAME, plan.width, plan.height, title, _description(explainer))
    arrows = svg.group(root, "explainer-diagram__arrows")
    for arrow in plan.arrows:
        *line, tip = arrow.points
        # The line stops where the arrowhead begins, so its end does not poke
        # through the head's point.
        svg.line_path(arrows, [*line, (tip[0], tip[1] - 6)], "explainer-diagram__arrow")
        svg.arrowhead(arrows, tip, "down", "explainer-diagram__arrowhead")
    labels = svg.group(root, "explainer-diagram__conditions")
    for arrow in plan.arrows:
        svg.text(labels, arrow.label_x, arrow.label_top, [arrow.label])
    for heading in plan.headings:
        parent = svg.group(root, "explainer-diagram__phase")
        if heading.plate:
            plate = Rect(heading.x, heading.top, heading.block.width + 4, heading.block.height)
            svg.rect(parent, plate, "explainer-diagram__plate", radius=0)
        svg.text(parent, heading.x, heading.top, [heading.block])
    nodes = svg.group(root, "explainer-diagram__nodes")
    for node in plan.nodes:
        parent = svg.group(nodes, "explainer-diagram__node")
        css = f"explainer-diagram__box explainer-diagram__box--{node.guarantee.phase}"
        svg.rect(parent, node.box, css)
        svg.text(parent, node.box.x + PAD, node.box.y + PAD, node.blocks, gap=BLOCK_GAP)
    draw_legend(root, _legend(explainer), MARGIN, plan.legend_top, plan.width - 2 * MARGIN)
    hotspots = tuple(
        Hotspot(linker.entity("guarantee", n.guarantee.id), n.guarantee.title, n.box)
        for n in plan.nodes
    )
    return Drawing(svg.serialize(root), round(plan.width), round(plan.height), hotspots)


def _description(explainer: Explainer) -> str:
    """The diagram's text alternative: its layers in order, in a few sentences."""
    language = explainer.site.language
    text = translations(language)
    _ = text.gettext
    ordered = explainer.guarantees_in_order()
    deterrence = [g.title for g in ordered if g.phase == "deterrence"]
    response = [g.title for g in ordered if g.phase == "response"]
    parts = []
    if deterrence:
        parts.append(
            text.ngettext(
                "In peacetime, %(count)s layer of deterrence: %(layers)s.",
                "In peacetime, %(count)s layers of deterrence: %(layers)s.",
                len(deterrence),
            )
            % {"count": len(deterrence), "layers": names(deterrence, language)}
        )
    backing = [g.title for g in ordered if not g.is_step]
    if response:
        steps = reduce(
            lambda earlier, later: (
                _("%(earlier)s; then %(later)s") % {"earlier": earlier, "later": later}
            ),
            response,
        )
        parts.append(_("If fighting resumes, in order: %(steps)s.") % {"steps": steps})
    if backing:
        parts.append(
            _(
                "Apart from these steps, not after them, what would give the response its "
                "force: %(backing)s."
            )
            % {"backing": names(backing, language)}
        )
    parts.append(_("The text version below gives each layer's providers and conditions."))
    return " ".join(parts)


@dataclass(frozen=True)
class PhaseText:
    heading: str
    guarantees: tuple[Guarantee, ...]


def _place(guarantee: Guarantee, explainer: Explainer) -> str:
    """ "Layer 3" for a step; the phase's name for what is not a step (backing)."""
    if not guarantee.is_step:
        return explainer.vocabularies["phase"].label(guarantee.phase)
    _ = translations(explainer.site.language).gettext
    return _("Layer %(layer)s") % {"layer": guarantee.layer}


def _legend(explainer: Explainer) -> tuple[LegendItem, ...]:
    """The legend, with a border sample only for the phases the diagram shows."""
    _ = translations(explainer.site.language).gettext
    legend = (
        LegendItem("box-deterrence", _("Solid border: in force in peacetime")),
        LegendItem("box-response", _("Dashed border: applies if fighting resumes")),
        LegendItem("box-backing", _("Dotted border: backing, not a step")),
        LegendItem("arrow", _("Arrow: the next step, and when it is taken")),
    )
    phases = {g.phase for g in explainer.guarantees.values()}
    return tuple(
        item
        for item in legend
        if not item.sample.startswith("box-") or item.sample.removeprefix("box-") in phases
    )


def _phase_heading(explainer: Explainer, phase: str) -> str:
    value = explainer.vocabularies["phase"][phase]
    return value.heading or value.label


def _phases_for_text(explainer: Explainer) -> tuple[PhaseText, ...]:
    return tuple(
        PhaseText(_phase_heading(explainer, phase), tuple(group))
        for phase, group in groupby(explainer.guarantees_in_order(), key=lambda g: g.phase)
    )
