"""The layered response: deterrence layers in peacetime, then the steps if fighting resumes.

One column of boxes, one per guarantee in the model's order, narrow enough
for a phone. A box says each thing once: its layer as a numbered badge (none
for backing, which is not a step), its title, its providers as short tags,
and its status as a row of dots that the key at the top names once. Boxes
of one layer sit close together. Each ``escalates_to`` pointing further down
is an arrow that ends in the gap above its target, where its condition is
written; an arrow that skips boxes runs down a gutter left of every box, so
that no arrow crosses a box. Where several arrows enter one box, and for one
pointing up or within a layer (neither is expected in data), the source box
says its next step and condition in words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from typing import TYPE_CHECKING

from explainer.diagrams import svg
from explainer.diagrams.figure import PHONE_COLUMN, Drawing, Hotspot, figure
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, block, flow, text_width
from explainer.diagrams.legend import (
    LegendItem,
    draw_legend,
    legend_height,
    place_legend,
    status_sample,
)
from explainer.i18n import date_label, names, translations

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET
    from collections.abc import Sequence

    from explainer.links import Linker
    from explainer.model import Explainer, Guarantee
    from explainer.registry import Vocabulary

NAME = "layered-response"
WIDTH = PHONE_COLUMN
MARGIN = 4
PAD = 8
BLOCK_GAP = 5
# The badge strip on a box's left; arrows run down its middle, badge to badge.
BADGE_W = 30
BADGE_R = 10
ARROW_INSET = BADGE_W / 2
LANE_STEP = 10
LABEL_GAP = 8
ROW_GAP = 14
# Boxes of one layer (two guarantees at layer 3) sit this close.
STACK_GAP = 5
HEADING_MIN_W = 160
TAG_PAD = 5
TAG_GAP = 4
# The status that is not a point on the way from rumoured to in force.
OFF_THE_SCALE = "withdrawn"

TITLE = TextStyle(14, bold=True, css_class="explainer-diagram__title")
TAG = TextStyle(12, css_class="explainer-diagram__meta")
BADGE = TextStyle(12, bold=True, css_class="explainer-diagram__badge-text")
CONDITION = TextStyle(13, css_class="explainer-diagram__condition")
HEADING = TextStyle(15, bold=True, css_class="explainer-diagram__heading")

Point = tuple[float, float]


@dataclass(frozen=True)
class Tag:
    """A provider's name on a small plate: x from the box's text, y from its top."""

    block: TextBlock
    x: float
    y: float

    @property
    def w(self) -> float:
        return self.block.width + 2 * TAG_PAD

    @property
    def h(self) -> float:
        return self.block.height + 2


@dataclass(frozen=True)
class Status:
    """A status as dots: filled of of (None: struck through, off the scale)."""

    filled: int | None
    of: int
    label: str

    @property
    def sample(self) -> str:
        return status_sample(self.filled, self.of)


@dataclass(frozen=True)
class Node:
    guarantee: Guarantee
    box: Rect
    title: TextBlock
    tags: tuple[Tag, ...]
    dots_cy: float
    """The middle of the status dots, below the box's top."""
    next_top: float
    """Where the next step in words would begin, below the box's top."""
    status: Status
    next_step: TextBlock | None
    """The escalation in words, where no arrow has its condition beside it: one pointing
    up or within a layer, or one of several arrows into one box."""

    @property
    def text_x(self) -> float:
        return self.box.x + BADGE_W

    @property
    def badge_cy(self) -> float:
        return self.box.y + PAD + TITLE.line_height / 2


@dataclass(frozen=True)
class Arrow:
    points: tuple[Point, ...]
    label: TextBlock | None
    """Its condition, written beside it where it is the only arrow into its box."""
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
    legend: tuple[LegendItem, ...]


@dataclass(frozen=True)
class _Link:
    """An escalation drawn as an arrow: from a box to a later one."""

    source: str
    target: str
    condition: str
    gutter_x: float | None
    """x of its run down the gutter, for a link that skips boxes."""


@dataclass(frozen=True)
class _Frame:
    """Horizontal placement shared by every box."""

    left: float
    width: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def spine(self) -> float:
        """Where arrows between neighbouring boxes run: through the badges."""
        return self.left + ARROW_INSET


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
    """Place the key, every guarantee box, arrow, condition and phase heading."""
    ordered = explainer.guarantees_in_order()
    layer_of = {
        g.id: index for index, (_, row) in enumerate(groupby(ordered, _row_key)) for g in row
    }
    index_of = {g.id: index for index, g in enumerate(ordered)}
    links = _links(ordered, layer_of, index_of)
    arrows_into = Counter(link.target for link in links)
    drawn = {link.source for link in links if arrows_into[link.target] == 1}
    gutter_w = sum(1 for link in links if link.gutter_x is not None) * LANE_STEP
    gutter_w += LANE_STEP if gutter_w else 0
    frame = _Frame(MARGIN + gutter_w, WIDTH - 2 * MARGIN - gutter_w)
    legend = _legend(explainer)

    nodes: dict[str, Node] = {}
    arrows: list[Arrow] = []
    headings: list[Heading] = []
    departures: dict[str, tuple[Point, float]] = {}  # source id -> (start, lane y)
    y = MARGIN + legend_height(place_legend(legend, WIDTH - 2 * MARGIN)) + ROW_GAP
    for index, guarantee in enumerate(ordered):
        before = ordered[index - 1] if index else None
        starts_phase = before is None or guarantee.phase != before.phase
        heading = phase_heading(explainer, guarantee.phase) if starts_phase else None
        incoming = [link for link in links if link.target == guarantee.id]
        leaving = [
            link
            for link in links
            if link.gutter_x is not None and before is not None and link.source == before.id
        ]
        above = nodes[before.id] if before is not None else None
        same_layer = before is not None and _row_key(before) == _row_key(guarantee)
        gap = _Gap(frame, above, STACK_GAP if same_layer else ROW_GAP)
        bottom = gap.lay_out(incoming, leaving, heading, y, departures, arrows, headings)
        in_words = guarantee.escalates_to is not None and guarantee.id not in drawn
        node = _node(guarantee, explainer, frame, bottom, in_words=in_words)
        nodes[guarantee.id] = node
        y = node.box.bottom
    height = y + MARGIN
    return LayeredLayout(
        WIDTH, height, tuple(nodes.values()), tuple(arrows), tuple(headings), legend
    )


def _row_key(guarantee: Guarantee) -> tuple[str, int]:
    return guarantee.phase, guarantee.layer


def _links(
    ordered: Sequence[Guarantee], layer_of: dict[str, int], index_of: dict[str, int]
) -> list[_Link]:
    """Escalations to a later layer, with a gutter lane (outermost first) for each that skips
    boxes."""
    links = []
    lane = 0
    for source in ordered:
        escalation = source.escalates_to
        if escalation is None or layer_of[escalation.guarantee] <= layer_of[source.id]:
            continue
        gutter_x = None
        if index_of[escalation.guarantee] > index_of[source.id] + 1:
            gutter_x = MARGIN + lane * LANE_STEP
            lane += 1
        links.append(_Link(source.id, escalation.guarantee, escalation.condition, gutter_x))
    return links


@dataclass(frozen=True)
class _Gap:
    """The space above a box: lanes, conditions, a phase heading, room for arrowheads."""

    frame: _Frame
    above: Node | None
    least: float
    """Its height where nothing is written in it."""

    def lay_out(
        self,
        incoming: Sequence[_Link],
        leaving: Sequence[_Link],
        heading: str | None,
        top: float,
        departures: dict[str, tuple[Point, float]],
        arrows: list[Arrow],
        headings: list[Heading],
    ) -> float:
        """Lay out the gap top to bottom and return the top of the box below it.

        Arrows ending here go to ``arrows``; gutter runs starting here are
        remembered in ``departures`` for the gap they end in.
        """
        frame, above = self.frame, self.above
        ends = _entry_points(frame, incoming)
        cursor = top + (self.least / 2 if above else 0)

        # One lane per horizontal run: gutter runs leaving the box above first,
        # then the turns of arrows entering the box below.
        for link in leaving:
            assert above is not None
            departures[link.source] = ((frame.spine, above.box.bottom), cursor)
            cursor += LANE_STEP
        turns: dict[str, float] = {}
        for link, end_x in ends:
            if _start_x(frame, link) != end_x:
                turns[link.source] = cursor
                cursor += LANE_STEP

        # A lone arrow's condition is written beside it; where several arrows
        # enter one box, each source box says its own (see _node).
        label: TextBlock | None = None
        label_x = label_top = cursor
        if len(ends) == 1:
            label_x = ends[0][1] + LABEL_GAP
            label = block(ends[0][0].condition, frame.right - label_x - LABEL_GAP, CONDITION)
            cursor += label.height + LABEL_GAP

        if heading is not None:
            heading_x = max((end for _, end in ends), default=frame.left - 2 * LABEL_GAP)
            heading_x += 2 * LABEL_GAP
            plate = frame.right - heading_x < HEADING_MIN_W
            if plate:
                heading_x = frame.left
            heading_block = block(heading, frame.right - heading_x, HEADING)
            headings.append(Heading(heading_block, heading_x, cursor, plate))
            cursor += heading_block.height + LABEL_GAP
        if ends:
            cursor += LABEL_GAP + 2  # room for the arrowhead above the box
        elif above and heading is None:
            cursor = max(cursor, top + self.least)
        bottom = cursor

        for link, end_x in ends:
            points: list[Point] = []
            if link.gutter_x is not None:
                start, lane = departures[link.source]
                points += [start, (start[0], lane), (link.gutter_x, lane)]
                points.append((link.gutter_x, turns[link.source]))
            else:
                assert above is not None
                points.append((frame.spine, above.box.bottom))
                if link.source in turns:
                    points.append((frame.spine, turns[link.source]))
            if link.source in turns:
                points.append((end_x, turns[link.source]))
            points.append((end_x, bottom))
            arrows.append(
                Arrow(tuple(points), label if len(ends) == 1 else None, label_x, label_top)
            )
        return bottom


def _start_x(frame: _Frame, link: _Link) -> float:
    """Where an arrow comes down into the gap above its target."""
    return frame.spine if link.gutter_x is None else link.gutter_x


def _entry_points(frame: _Frame, incoming: Sequence[_Link]) -> list[tuple[_Link, float]]:
    """Where each arrow enters its box: side by side, the first through the badge, in the
    order of where they come from."""
    into = sorted(incoming, key=lambda link: (_start_x(frame, link), link.source))
    step = min(BADGE_W, (frame.width - 2 * ARROW_INSET) / max(1, len(into)))
    return [(link, frame.spine + j * step) for j, link in enumerate(into)]


def _node(
    guarantee: Guarantee, explainer: Explainer, frame: _Frame, top: float, *, in_words: bool
) -> Node:
    """A guarantee's box at top: title, provider tags beside the status dots, and the next
    step in words where no arrow has it beside it (in_words)."""
    inner = frame.width - BADGE_W - PAD
    title = block(guarantee.title, inner, TITLE)
    status = _status(guarantee.status, explainer.vocabularies["status"])
    labels = [explainer.actors[a].label for a in guarantee.providers]
    tags, dots_cy, bottom = _provider_tags(labels, title, inner, svg.pips_width(status.of))
    next_step = None
    escalation = guarantee.escalates_to
    if escalation is not None and in_words:
        _ = translations(explainer.site.language).gettext
        target = explainer.guarantees[escalation.guarantee]
        text = _("Next step: %(title)s. When: %(condition)s") % {
            "title": target.title,
            "condition": escalation.condition,
        }
        next_step = block(text, inner, CONDITION)
    height = bottom + (next_step.height + BLOCK_GAP if next_step else 0) + PAD
    box = Rect(frame.left, top, frame.width, height)
    return Node(guarantee, box, title, tags, dots_cy, bottom + BLOCK_GAP, status, next_step)


def _provider_tags(
    labels: Sequence[str], title: TextBlock, width: float, dots_w: float
) -> tuple[tuple[Tag, ...], float, float]:
    """The providers' tags, the middle of the status dots' line and the bottom of both, as
    offsets from the box's top (and, for the tags' x, from the text's left).

    Tags that fit on one line stand right-aligned before the dots, on the title's last
    line where there is room beside it, else below the title; more are flowed below it.
    """
    room = width - dots_w - TAG_GAP
    blocks = [block(label, room - 2 * TAG_PAD, TAG) for label in labels]
    sizes = [(b.width + 2 * TAG_PAD, b.height + 2) for b in blocks]
    corners = flow(sizes, room, gap=TAG_GAP, line_gap=TAG_GAP)
    below = PAD + title.height + BLOCK_GAP
    first_h = max((h for (_, h), (_, y) in zip(sizes, corners, strict=True) if y == 0), default=0)
    first_h = max(first_h, TAG.line_height)
    if any(y > 0 for _, y in corners):
        tags = tuple(Tag(b, x, below + y) for b, (x, y) in zip(blocks, corners, strict=True))
        return tags, below + first_h / 2, max(t.y + t.h for t in tags)
    shift = room - sum(w for w, _ in sizes) - TAG_GAP * max(0, len(sizes) - 1)
    last_line = text_width(title.lines[-1], TITLE.size, bold=TITLE.bold)
    if last_line + 2 * TAG_GAP <= shift and first_h <= TITLE.line_height:
        top = PAD + title.height - (TITLE.line_height + first_h) / 2
        bottom = PAD + title.height
    else:
        top, bottom = below, below + first_h
    tags = tuple(Tag(b, x + shift, top) for b, (x, _) in zip(blocks, corners, strict=True))
    return tags, top + first_h / 2, bottom


def _status(status: str, statuses: Vocabulary) -> Status:
    """Dots for a status: one filled per step past the weakest, on the way to in force."""
    scale = [s for s in statuses if s != OFF_THE_SCALE]
    filled = scale.index(status) if status in scale else None
    return Status(filled, len(scale) - 1, statuses.label(status))


def draw(plan: LayeredLayout, explainer: Explainer, linker: Linker) -> Drawing:
    """The SVG for a computed layout, and the links over its boxes."""
    _ = translations(explainer.site.language).gettext
    title = _(
        "The layered response: deterrence in peacetime, the steps if fighting resumes, "
        "and apart from them what would give the response its force"
    )
    root = svg.root(NAME, plan.width, plan.height, title, _description(explainer))
    draw_legend(root, plan.legend, MARGIN, MARGIN, plan.width - 2 * MARGIN)
    arrows = svg.group(root, "explainer-diagram__arrows")
    for arrow in plan.arrows:
        *line, tip = arrow.points
        # The line stops where the arrowhead begins, so its end does not poke
        # through the head's point.
        svg.line_path(arrows, [*line, (tip[0], tip[1] - 6)], "explainer-diagram__arrow")
        svg.arrowhead(arrows, tip, "down", "explainer-diagram__arrowhead")
    labels = svg.group(root, "explainer-diagram__conditions")
    for arrow in plan.arrows:
        if arrow.label is not None:
            svg.text(labels, arrow.label_x, arrow.label_top, [arrow.label])
    for heading in plan.headings:
        parent = svg.group(root, "explainer-diagram__phase")
        if heading.plate:
            plate = Rect(heading.x, heading.top, heading.block.width + 4, heading.block.height)
            svg.rect(parent, plate, "explainer-diagram__plate", radius=0)
        svg.text(parent, heading.x, heading.top, [heading.block])
    nodes = svg.group(root, "explainer-diagram__nodes")
    for node in plan.nodes:
        _draw_node(svg.group(nodes, "explainer-diagram__node"), node)
    hotspots = tuple(
        Hotspot(linker.entity("guarantee", n.guarantee.id), n.guarantee.title, n.box)
        for n in plan.nodes
    )
    return Drawing(svg.serialize(root), round(plan.width), round(plan.height), hotspots)


def _draw_node(parent: ET.Element, node: Node) -> None:
    box = node.box
    svg.rect(parent, box, f"explainer-diagram__box explainer-diagram__box--{node.guarantee.phase}")
    if node.guarantee.is_step:
        svg.circle(parent, box.x + ARROW_INSET, node.badge_cy, BADGE_R, "explainer-diagram__badge")
        number = block(str(node.guarantee.layer), BADGE_W, BADGE)
        top = node.badge_cy - BADGE.line_height / 2
        svg.text(parent, box.x + ARROW_INSET, top, [number], anchor="middle")
    svg.text(parent, node.text_x, box.y + PAD, [node.title])
    for tag in node.tags:
        plate = Rect(node.text_x + tag.x, box.y + tag.y, tag.w, tag.h)
        svg.rect(parent, plate, "explainer-diagram__tag", radius=3)
        # Centred: the width is an estimate that errs wide.
        svg.text(parent, plate.cx, plate.y + 1, [tag.block], anchor="middle")
    dots_x = box.right - PAD - svg.pips_width(node.status.of)
    svg.pips(parent, dots_x, box.y + node.dots_cy, node.status.filled, node.status.of)
    if node.next_step is not None:
        svg.text(parent, node.text_x, box.y + node.next_top, [node.next_step])


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


def _legend(explainer: Explainer) -> tuple[LegendItem, ...]:
    """The key: the dots of each status the diagram shows, weakest first, and the arrow."""
    statuses = explainer.vocabularies["status"]
    shown = sorted({g.status for g in explainer.guarantees.values()}, key=statuses.rank)
    items = [LegendItem(_status(s, statuses).sample, statuses.label(s)) for s in shown]
    if any(g.escalates_to for g in explainer.guarantees.values()):
        _ = translations(explainer.site.language).gettext
        items.append(LegendItem("arrow", _("Arrow: the next step, and when it is taken")))
    return tuple(items)


def phase_heading(explainer: Explainer, phase: str) -> str:
    """The words over a phase's boxes (or rows, in who-guarantees-what)."""
    value = explainer.vocabularies["phase"][phase]
    return value.heading or value.label


def _phases_for_text(explainer: Explainer) -> tuple[PhaseText, ...]:
    return tuple(
        PhaseText(phase_heading(explainer, phase), tuple(group))
        for phase, group in groupby(explainer.guarantees_in_order(), key=lambda g: g.phase)
    )
