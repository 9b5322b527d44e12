"""Who guarantees what: providers, guarantees and beneficiaries as a three-column flow.

Guarantees keep the model's order in the middle column; each actor column is
ordered by where its guarantees sit, and each actor is placed as near to them
as the column allows, so that lines run mostly straight and seldom cross.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer.diagrams import svg
from explainer.diagrams.figure import Drawing, Hotspot, figure
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, block, blocks_height, spread
from explainer.diagrams.legend import LegendItem, draw_legend, legend_height, place_legend
from explainer.i18n import date_label, names, translations

if TYPE_CHECKING:
    from collections.abc import Sequence

    from explainer.links import Linker
    from explainer.model import Actor, Explainer, Guarantee
    from explainer.registry import Vocabulary

NAME = "who-guarantees-what"
MARGIN = 16
ACTOR_W = 150
GUARANTEE_W = 230
COL_GAP = 100
PAD = 8
BLOCK_GAP = 2
ROW_GAP = 12
ARROW = 8
# Lines meeting a box are at least this far apart along its side.
PORT_GAP = 12
PROVIDERS_X = MARGIN
GUARANTEES_X = PROVIDERS_X + ACTOR_W + COL_GAP
BENEFICIARIES_X = GUARANTEES_X + GUARANTEE_W + COL_GAP
WIDTH = BENEFICIARIES_X + ACTOR_W + MARGIN

HEADING = TextStyle(14, bold=True, css_class="explainer-diagram__heading")
NAME_STYLE = TextStyle(14, bold=True, css_class="explainer-diagram__title")
META = TextStyle(12, css_class="explainer-diagram__meta")


@dataclass(frozen=True)
class Box:
    kind: str
    """actor or guarantee, the link kind of what the box shows."""
    entity_id: str
    box: Rect
    blocks: tuple[TextBlock, ...]


@dataclass(frozen=True)
class Edge:
    kind: str
    """provides or benefits."""
    start: tuple[float, float]
    end: tuple[float, float]


@dataclass(frozen=True)
class Heading:
    block: TextBlock
    x: float
    top: float


@dataclass(frozen=True)
class FlowLayout:
    width: float
    height: float
    headings: tuple[Heading, ...]
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    legend_top: float


def who_guarantees_what(explainer: Explainer, linker: Linker) -> str:
    """The who-guarantees-what figure (SVG, caption and text version) as one HTML block."""
    plan = layout(explainer)
    language = explainer.site.language
    return figure(
        "diagram_who_guarantees_what.html.j2",
        draw(plan, linker, explainer),
        language=language,
        name=NAME,
        guarantees=explainer.guarantees_in_order(),
        actors=explainer.actors,
        linker=linker,
        as_of=date_label(explainer.site.as_of, language),
    )


def _legend(language: str) -> tuple[LegendItem, ...]:
    _ = translations(language).gettext
    return (
        LegendItem("line-provides", _("Solid line: provides the guarantee")),
        LegendItem("line-benefits", _("Dashed line: the guarantee protects")),
    )


def layout(explainer: Explainer) -> FlowLayout:
    """Place the column headings, boxes and connecting lines."""
    guarantees = explainer.guarantees_in_order()
    language = explainer.site.language
    _ = translations(language).gettext
    columns = (
        (PROVIDERS_X, ACTOR_W, _("Provided by")),
        (GUARANTEES_X, GUARANTEE_W, _("Guarantee")),
        (BENEFICIARIES_X, ACTOR_W, _("For")),
    )
    headings = tuple(Heading(block(text, width, HEADING), x, MARGIN) for x, width, text in columns)
    body_top = MARGIN + max(h.block.height for h in headings) + ROW_GAP

    phases = explainer.vocabularies["phase"]
    middle = [_guarantee_box(g, phases, language) for g in guarantees]
    providers = _actors_of(explainer, guarantees, "providers")
    beneficiaries = _actors_of(explainer, guarantees, "beneficiaries")
    kinds = explainer.vocabularies["actor-kind"]
    left = [_actor_box(a, kinds, PROVIDERS_X, len(explainer.provided_by(a.id))) for a in providers]
    right = [
        _actor_box(a, kinds, BENEFICIARIES_X, len(explainer.received_by(a.id)))
        for a in beneficiaries
    ]
    column_height = max(_column_height(c) for c in (left, middle, right))
    # The middle column is centred on the tallest, then each actor column is
    # drawn towards the guarantees it is linked to.
    middle = _stack(middle, body_top + (column_height - _column_height(middle)) / 2)
    centre = {b.entity_id: b.box.cy for b in middle}
    left = _attract(
        left,
        [[centre[g.id] for g in guarantees if b.entity_id in g.providers] for b in left],
        body_top,
    )
    right = _attract(
        right,
        [[centre[g.id] for g in guarantees if b.entity_id in g.beneficiaries] for b in right],
        body_top,
    )

    edges = _edges(guarantees, left, middle, right)
    bottom = max((b.box.bottom for b in (*left, *middle, *right)), default=body_top)
    legend_top = bottom + 2 * ROW_GAP
    legend = _legend(language)
    height = legend_top + legend_height(place_legend(legend, WIDTH - 2 * MARGIN)) + MARGIN
    return FlowLayout(WIDTH, height, headings, (*left, *middle, *right), edges, legend_top)


def _actors_of(explainer: Explainer, guarantees: Sequence[Guarantee], role: str) -> list[Actor]:
    """Actors in a role, ordered by the mean position of their guarantees, then by id."""
    positions: dict[str, list[int]] = {}
    for index, guarantee in enumerate(guarantees):
        ids = guarantee.providers if role == "providers" else guarantee.beneficiaries
        for actor_id in ids:
            positions.setdefault(actor_id, []).append(index)
    order = sorted(positions, key=lambda a: (sum(positions[a]) / len(positions[a]), a))
    return [explainer.actors[actor_id] for actor_id in order]


def _actor_box(actor: Actor, kinds: Vocabulary, x: float, lines: int) -> Box:
    """An actor's box, before it is placed; lines: how many lines meet it."""
    inner = ACTOR_W - 2 * PAD
    blocks = (block(actor.label, inner, NAME_STYLE), block(kinds.label(actor.kind), inner, META))
    return Box("actor", actor.id, Rect(x, 0, ACTOR_W, _height(blocks, lines)), blocks)


def _guarantee_box(guarantee: Guarantee, phases: Vocabulary, language: str) -> Box:
    """A guarantee's box, before it is placed."""
    inner = GUARANTEE_W - 2 * PAD
    phase = phases[guarantee.phase].short or phases.label(guarantee.phase)
    _ = translations(language).gettext
    place = (
        _("Layer %(layer)s, %(phase)s") % {"layer": guarantee.layer, "phase": phase}
        if guarantee.is_step
        else phase.capitalize()
    )
    blocks = (
        block(place, inner, META),
        block(guarantee.title, inner, NAME_STYLE),
    )
    lines = max(len(guarantee.providers), len(guarantee.beneficiaries))
    return Box(
        "guarantee",
        guarantee.id,
        Rect(GUARANTEES_X, 0, GUARANTEE_W, _height(blocks, lines)),
        blocks,
    )


def _height(blocks: Sequence[TextBlock], lines: int) -> float:
    # A box that many lines meet grows so that their arrowheads stay apart.
    return max(blocks_height(blocks, BLOCK_GAP) + 2 * PAD, (lines + 1) * PORT_GAP)


def _column_height(boxes: Sequence[Box]) -> float:
    return sum(b.box.h for b in boxes) + ROW_GAP * max(0, len(boxes) - 1)


def _moved(box: Box, top: float) -> Box:
    return Box(box.kind, box.entity_id, Rect(box.box.x, top, box.box.w, box.box.h), box.blocks)


def _stack(boxes: Sequence[Box], top: float) -> list[Box]:
    placed = []
    for box in boxes:
        placed.append(_moved(box, top))
        top += box.box.h + ROW_GAP
    return placed


def _attract(boxes: Sequence[Box], linked: Sequence[Sequence[float]], top: float) -> list[Box]:
    """Each box as near the mean height of its linked boxes as the column allows, in order."""
    desired = [sum(ys) / len(ys) - b.box.h / 2 for b, ys in zip(boxes, linked, strict=True)]
    # Keep the barycentre order even where two actors want the same height.
    tops = spread(desired, [b.box.h for b in boxes], ROW_GAP, start=top)
    return [_moved(b, t) for b, t in zip(boxes, tops, strict=True)]


def _edges(
    guarantees: Sequence[Guarantee],
    left: Sequence[Box],
    middle: Sequence[Box],
    right: Sequence[Box],
) -> tuple[Edge, ...]:
    by_id = {b.entity_id: b for b in middle}
    providers = {b.entity_id: b for b in left}
    beneficiaries = {b.entity_id: b for b in right}
    pairs: list[tuple[str, Box, Box]] = []
    for guarantee in guarantees:
        box = by_id[guarantee.id]
        pairs.extend(("provides", providers[a], box) for a in guarantee.providers)
        pairs.extend(("benefits", box, beneficiaries[a]) for a in guarantee.beneficiaries)
    out_ports = _ports(pairs, side="out")
    in_ports = _ports(pairs, side="in")
    return tuple(
        Edge(kind, (source.box.right, out_ports[i]), (target.box.x, in_ports[i]))
        for i, (kind, source, target) in enumerate(pairs)
    )


def _ports(pairs: Sequence[tuple[str, Box, Box]], *, side: str) -> list[float]:
    """Where each line leaves (out) or enters (in) its box: spread along the edge, in the order
    of the other ends, so that lines sharing a box do not cross at it."""
    by_box: dict[tuple[str, str, float], tuple[Box, list[tuple[float, int]]]] = {}
    for index, (_, source, target) in enumerate(pairs):
        own, other = (source, target) if side == "out" else (target, source)
        key = (own.kind, own.entity_id, own.box.x)
        by_box.setdefault(key, (own, []))[1].append((other.box.cy, index))
    ports = [0.0] * len(pairs)
    for own, ends in by_box.values():
        ends.sort()
        for rank, (_, index) in enumerate(ends):
            ports[index] = own.box.y + own.box.h * (rank + 1) / (len(ends) + 1)
    return ports


def draw(plan: FlowLayout, linker: Linker, explainer: Explainer) -> Drawing:
    """The SVG for a computed layout, and the links over its boxes."""
    language = explainer.site.language
    _ = translations(language).gettext
    title = _("Who guarantees what: providers, guarantees and who they protect")
    root = svg.root(NAME, plan.width, plan.height, title, _description(explainer))
    headings = svg.group(root, "explainer-diagram__headings")
    for heading in plan.headings:
        svg.text(headings, heading.x, heading.top, [heading.block])
    edges = svg.group(root, "explainer-diagram__edges")
    for edge in plan.edges:
        (x1, y1), (x2, y2) = edge.start, edge.end
        css = f"explainer-diagram__edge explainer-diagram__edge--{edge.kind}"
        svg.curve(edges, (x1, y1), (x2 - ARROW, y2), css)
        svg.arrowhead(edges, (x2, y2), "right", "explainer-diagram__arrowhead")
    nodes = svg.group(root, "explainer-diagram__nodes")
    for box in plan.boxes:
        parent = svg.group(nodes, "explainer-diagram__node")
        svg.rect(parent, box.box, f"explainer-diagram__box explainer-diagram__box--{box.kind}")
        svg.text(parent, box.box.x + PAD, box.box.y + PAD, box.blocks, gap=BLOCK_GAP)
    draw_legend(root, _legend(language), MARGIN, plan.legend_top, plan.width - 2 * MARGIN)
    hotspots = tuple(
        Hotspot(linker.entity(b.kind, b.entity_id), _name(b, explainer), b.box) for b in plan.boxes
    )
    return Drawing(svg.serialize(root), round(plan.width), round(plan.height), hotspots)


def _name(box: Box, explainer: Explainer) -> str:
    if box.kind == "actor":
        return explainer.actors[box.entity_id].label
    return explainer.guarantees[box.entity_id].title


def _description(explainer: Explainer) -> str:
    """The diagram's text alternative: how many guarantees, from whom, for whom."""
    language = explainer.site.language
    guarantees = explainer.guarantees_in_order()
    providers = _actors_of(explainer, guarantees, "providers")
    beneficiaries = _actors_of(explainer, guarantees, "beneficiaries")
    return translations(language).ngettext(
        "%(count)s guarantee, provided by %(providers)s, for %(beneficiaries)s. "
        "The text version below has one row per guarantee.",
        "%(count)s guarantees, provided by %(providers)s, for %(beneficiaries)s. "
        "The text version below has one row per guarantee.",
        len(guarantees),
    ) % {
        "count": len(guarantees),
        "providers": names([a.label for a in providers], language),
        "beneficiaries": names([a.label for a in beneficiaries], language),
    }
