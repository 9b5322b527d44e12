"""Who guarantees what: a matrix of guarantees (rows) by providers (columns).

A dot stands where a provider provides a guarantee, and nothing else is in
the grid, so a column reads as "what this provider gives" and a row as "who
gives this". Rows keep the model's order under the phase headings of the
layered response. Whom the guarantees protect is said once above the rows
where it is the same for all, and in a row only where that row protects
someone more. Provider names stand on end over narrow columns, so the
matrix fits a phone's column.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from typing import TYPE_CHECKING

from explainer.diagrams import svg
from explainer.diagrams.figure import PHONE_COLUMN, Drawing, Hotspot, figure
from explainer.diagrams.layered import phase_heading
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, block, blocks_height
from explainer.i18n import date_label, names, translations

if TYPE_CHECKING:
    from collections.abc import Sequence

    from explainer.links import Linker
    from explainer.model import Actor, Explainer, Guarantee

NAME = "who-guarantees-what"
# The matrix is as wide as a phone's column, and wider only where so many
# providers leave the titles less than MIN_TITLE_W (it then scrolls sideways).
WIDTH = PHONE_COLUMN
MIN_TITLE_W = 150
MARGIN = 4
PAD = 6
COL_PAD = 5
# A provider's name stands on end in a column at least this wide, and wraps
# onto a second line (a wider column) past NAME_MAX.
COL_W = 26
NAME_MAX = 110
TITLE_GAP = 6
ROW_GAP = 3
HEADING_GAP = 8
MARK_R = 5

HEADING = TextStyle(13, bold=True, css_class="explainer-diagram__heading")
NAME_STYLE = TextStyle(12, css_class="explainer-diagram__title")
NOTE = TextStyle(12, css_class="explainer-diagram__meta")
SAID_ONCE = TextStyle(13)
TITLE = TextStyle(13)


@dataclass(frozen=True)
class Column:
    actor: Actor
    x: float
    w: float
    name: TextBlock

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True)
class Row:
    guarantee: Guarantee
    box: Rect
    blocks: tuple[TextBlock, ...]
    """The title, and whom else the guarantee protects where the note above does not say."""


@dataclass(frozen=True)
class Label:
    """Words outside the grid: the providers' heading, the note, a phase heading."""

    block: TextBlock
    x: float
    top: float


@dataclass(frozen=True)
class MatrixLayout:
    width: float
    height: float
    columns: tuple[Column, ...]
    header: Rect
    """The band the provider names stand in; each column's box spans it."""
    rows: tuple[Row, ...]
    labels: tuple[Label, ...]

    def marks(self) -> list[tuple[float, float]]:
        """The centre of each dot: where a column's provider provides a row's guarantee."""
        return [
            (column.cx, row.box.cy)
            for row in self.rows
            for column in self.columns
            if column.actor.id in row.guarantee.providers
        ]


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


def providers(explainer: Explainer) -> list[Actor]:
    """Every provider once, in the order the guarantees first name them."""
    ids = dict.fromkeys(a for g in explainer.guarantees_in_order() for a in g.providers)
    return [explainer.actors[actor_id] for actor_id in ids]


def _shared_beneficiaries(guarantees: Sequence[Guarantee]) -> list[str]:
    """Whom every guarantee protects, in the order the first names them."""
    if not guarantees:
        return []
    common = reduce(lambda a, b: a & b, (set(g.beneficiaries) for g in guarantees))
    return [a for a in guarantees[0].beneficiaries if a in common]


def layout(explainer: Explainer) -> MatrixLayout:
    """Place the provider columns, the note, the phase headings and the guarantee rows."""
    language = explainer.site.language
    _ = translations(language).gettext
    guarantees = explainer.guarantees_in_order()
    shared = _shared_beneficiaries(guarantees)

    names_ = [block(a.label, NAME_MAX, NAME_STYLE) for a in providers(explainer)]
    widths = [max(COL_W, b.height + 2 * COL_PAD) for b in names_]
    columns: list[Column] = []
    width = max(WIDTH, 2 * MARGIN + MIN_TITLE_W + TITLE_GAP + sum(widths))
    x = width - MARGIN - sum(widths)
    for actor, name, w in zip(providers(explainer), names_, widths, strict=True):
        columns.append(Column(actor, x, w, name))
        x += w
    grid_left = columns[0].x if columns else width - MARGIN
    title_w = grid_left - MARGIN - TITLE_GAP

    labels: list[Label] = []
    provided = block(_("Provided by"), max(width - MARGIN - grid_left, NAME_MAX), HEADING)
    provided_x = min(grid_left, width - MARGIN - provided.width)
    labels.append(Label(provided, provided_x, MARGIN))
    header_top = MARGIN + provided.height + ROW_GAP
    header_h = max([b.width for b in names_] + [title_w / 3]) + 2 * COL_PAD
    header = Rect(grid_left, header_top, width - MARGIN - grid_left, header_h)
    if shared:
        text = _("Each guarantee protects %(beneficiaries)s.") % {
            "beneficiaries": _names(explainer, shared, language)
        }
        note = block(text, title_w, SAID_ONCE)
        labels.append(Label(note, MARGIN, header.bottom - note.height))
        header = Rect(header.x, header.y, header.w, max(header.h, note.height))

    rows: list[Row] = []
    y = header.bottom + HEADING_GAP
    for phase, group in groupby(guarantees, key=lambda g: g.phase):
        heading = block(phase_heading(explainer, phase), width - 2 * MARGIN, HEADING)
        labels.append(Label(heading, MARGIN, y))
        y += heading.height + ROW_GAP
        for guarantee in group:
            blocks = _row_blocks(guarantee, shared, title_w - 2 * PAD, explainer)
            row_h = blocks_height(blocks, 2) + 2 * PAD
            rows.append(Row(guarantee, Rect(MARGIN, y, width - 2 * MARGIN, row_h), blocks))
            y += row_h + ROW_GAP
        y += HEADING_GAP - ROW_GAP
    height = y - HEADING_GAP + MARGIN
    return MatrixLayout(width, height, tuple(columns), header, tuple(rows), tuple(labels))


def _row_blocks(
    guarantee: Guarantee, shared: Sequence[str], width: float, explainer: Explainer
) -> tuple[TextBlock, ...]:
    """A row's title, and whom else it protects than the note above the rows says."""
    title = block(guarantee.title, width, TITLE)
    others = [a for a in guarantee.beneficiaries if a not in shared]
    if not others:
        return (title,)
    language = explainer.site.language
    _ = translations(language).gettext
    words = _("Also protects %(beneficiaries)s") if shared else _("Protects %(beneficiaries)s")
    note = words % {"beneficiaries": _names(explainer, others, language)}
    return title, block(note, width, NOTE)


def _names(explainer: Explainer, ids: Sequence[str], language: str) -> str:
    return names([explainer.actors[a].label for a in ids], language)


def draw(plan: MatrixLayout, linker: Linker, explainer: Explainer) -> Drawing:
    """The SVG for a computed layout, and the links over its columns' names and its rows."""
    language = explainer.site.language
    _ = translations(language).gettext
    title = _("Who guarantees what: providers, guarantees and who they protect")
    root = svg.root(NAME, plan.width, plan.height, title, _description(explainer))
    labels = svg.group(root, "explainer-diagram__headings")
    for label in plan.labels:
        svg.text(labels, label.x, label.top, [label.block])
    nodes = svg.group(root, "explainer-diagram__nodes")
    for row in plan.rows:
        parent = svg.group(nodes, "explainer-diagram__node")
        svg.rect(parent, row.box, "explainer-diagram__label-box")
        svg.text(parent, row.box.x + PAD, row.box.y + PAD, row.blocks, gap=2)
    # Every other column tinted, the first too (it parts the dots from the
    # titles), over each phase's rows: the phase headings run across.
    stripes = svg.group(root, "explainer-diagram__stripes")
    for _phase, group in groupby(plan.rows, key=lambda r: r.guarantee.phase):
        rows = list(group)
        top, bottom = rows[0].box.y, rows[-1].box.bottom
        for column in plan.columns[::2]:
            band = Rect(column.x, top, column.w, bottom - top)
            svg.rect(stripes, band, "explainer-diagram__stripe", radius=0)
    for column in plan.columns:
        parent = svg.group(nodes, "explainer-diagram__node")
        svg.rect(
            parent, _name_box(plan, column), "explainer-diagram__box explainer-diagram__box--actor"
        )
        left = column.cx - column.name.height / 2
        svg.text(
            parent, *svg.turned(left, plan.header.bottom - COL_PAD), [column.name], upright=False
        )
    marks = svg.group(root, "explainer-diagram__marks")
    for cx, cy in plan.marks():
        svg.circle(marks, cx, cy, MARK_R, "explainer-diagram__mark")
    hotspots = tuple(
        Hotspot(linker.entity("actor", c.actor.id), c.actor.label, _name_box(plan, c))
        for c in plan.columns
    ) + tuple(
        Hotspot(linker.entity("guarantee", r.guarantee.id), r.guarantee.title, r.box)
        for r in plan.rows
    )
    return Drawing(svg.serialize(root), round(plan.width), round(plan.height), hotspots)


def _name_box(plan: MatrixLayout, column: Column) -> Rect:
    # A hair apart, so that neighbouring names read as separate columns.
    return Rect(column.x + 1, plan.header.y, column.w - 2, plan.header.h)


def _description(explainer: Explainer) -> str:
    """The diagram's text alternative: how many guarantees, from whom, for whom."""
    language = explainer.site.language
    guarantees = explainer.guarantees_in_order()
    beneficiaries = dict.fromkeys(a for g in guarantees for a in g.beneficiaries)
    return translations(language).ngettext(
        "%(count)s guarantee, provided by %(providers)s, for %(beneficiaries)s. "
        "The text version below has one row per guarantee.",
        "%(count)s guarantees, provided by %(providers)s, for %(beneficiaries)s. "
        "The text version below has one row per guarantee.",
        len(guarantees),
    ) % {
        "count": len(guarantees),
        "providers": names([a.label for a in providers(explainer)], language),
        "beneficiaries": _names(explainer, list(beneficiaries), language),
    }
