"""The timeline: every event of every timeline on a vertical time axis with long gaps cut out.

Events closer than a year apart share one stretch of axis; a longer silence
becomes a marked break, so that decades of background do not squeeze the
months of 2025 and 2026 into a few pixels.

Within a stretch the axis opens where events crowd: each date gets the room
its labels need, and each event's dot sits level with its own label, so a
busy week or a summit day reads as a list, never as one blob of markers.
Between dates the axis runs at a fixed number of pixels per day (capped for
a long quiet spell), and the month marks are placed where each month
begins, so the marks, not the distances, tell the time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from explainer.diagrams import svg
from explainer.diagrams.figure import PHONE_COLUMN, Drawing, Hotspot, figure
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, block, spread
from explainer.diagrams.legend import LegendItem, draw_legend, legend_height, place_legend
from explainer.i18n import date_label, date_words, translations

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET
    from collections.abc import Callable, Sequence

    from explainer.links import Linker
    from explainer.model import Event, Explainer, PartialDate

NAME = "timeline"
WIDTH = PHONE_COLUMN
MARGIN = 4
TICK_W = 72
AXIS_X = MARGIN + TICK_W + 10
LABEL_X = AXIS_X + 24
LABEL_W = WIDTH - LABEL_X - MARGIN
PAD = 6
LABEL_GAP = 6
BREAK_H = 56
# A silence longer than this becomes a break in the axis.
BREAK_AFTER_DAYS = 366
# Between two dates of a stretch, the axis runs at PX_PER_DAY, at least
# MIN_DATE_GAP and at most MAX_DATE_GAP pixels: quiet spells stay visible
# without taking more room than a busy week's labels, and without pushing
# busy periods apart.
PX_PER_DAY = 1.2
MIN_DATE_GAP = 10
MAX_DATE_GAP = 64
DAYS_PER_MONTH = 30.44
TICK_SPACING = 24

DATE = TextStyle(12, bold=True, css_class="explainer-diagram__meta")
TITLE = TextStyle(13)
TICK = TextStyle(12, css_class="explainer-diagram__meta")
BREAK = TextStyle(12, css_class="explainer-diagram__meta")


@dataclass(frozen=True)
class PlacedEvent:
    event: Event
    y: float
    """Position of the event's dot on the axis."""
    label: Rect
    blocks: tuple[TextBlock, ...]
    shape: int


@dataclass(frozen=True)
class AxisLabel:
    """A tick or break label left of the axis; tick_y is None for a break label."""

    block: TextBlock
    top: float
    tick_y: float | None


@dataclass(frozen=True)
class Stretch:
    top: float
    bottom: float


@dataclass(frozen=True)
class TimelineLayout:
    language: str
    """The edition's: dates and words are in it."""
    width: float
    height: float
    events: tuple[PlacedEvent, ...]
    stretches: tuple[Stretch, ...]
    axis_labels: tuple[AxisLabel, ...]
    legend: tuple[LegendItem, ...]
    legend_top: float


def timeline(explainer: Explainer, linker: Linker) -> str:
    """The timeline figure (SVG, caption and text version) as one HTML block."""
    plan = layout(explainer)
    events = [placed.event for placed in plan.events]
    return figure(
        "diagram_timeline.html.j2",
        draw(plan, linker),
        language=plan.language,
        name=NAME,
        events=events,
        timelines=explainer.timelines,
        linker=linker,
        as_of=date_label(explainer.site.as_of, plan.language),
    )


def all_events(explainer: Explainer) -> list[Event]:
    """Events of every timeline in date order, as the model orders them."""
    return explainer.events_in_order()


def layout(explainer: Explainer) -> TimelineLayout:
    """Place the axis stretches, breaks, ticks, dots and event labels."""
    language = explainer.site.language
    timeline_ids = sorted(explainer.timelines)
    shape_of = {timeline_id: index for index, timeline_id in enumerate(timeline_ids)}
    legend: tuple[LegendItem, ...] = ()
    if len(timeline_ids) > 1:
        legend = tuple(
            LegendItem(f"marker-{shape_of[t]}", explainer.timelines[t].title) for t in timeline_ids
        )
    legend_top = float(MARGIN)
    cursor = legend_top + (legend_height(place_legend(legend, WIDTH - 2 * MARGIN)) if legend else 0)
    cursor += 8
    body_top = cursor

    placed: list[PlacedEvent] = []
    stretches: list[Stretch] = []
    wanted_labels: list[tuple[float, TextBlock, float | None]] = []  # (centre, block, tick y)
    groups = _stretches(all_events(explainer))
    for index, events in enumerate(groups):
        # (day, its first dot, the bottom of its last label): a month mark
        # between two dates falls in the space between their labels.
        anchors: list[tuple[int, float, float]] = []
        top = cursor
        previous_day: int | None = None
        for event in events:
            day = _day(event.date)
            if previous_day is not None and day != previous_day:
                top += _date_gap(day - previous_day)
            label_blocks = _label_blocks(event, language)
            label_height = label_blocks[0].height + label_blocks[1].height + 2 * PAD
            label = Rect(LABEL_X, top, LABEL_W, label_height)
            # The dot sits level with the label's date line.
            y = top + PAD + DATE.line_height / 2
            placed.append(PlacedEvent(event, y, label, label_blocks, shape_of[event.timeline]))
            if anchors and anchors[-1][0] == day:
                anchors[-1] = (day, anchors[-1][1], label.bottom)
            else:
                anchors.append((day, y, label.bottom))
            previous_day = day
            top += label_height + LABEL_GAP
        axis_top, axis_bottom = anchors[0][1], placed[-1].y
        wanted_labels.extend(_ticks(events, anchors, language))
        stretches.append(Stretch(axis_top - PAD, axis_bottom + PAD))
        cursor = top - LABEL_GAP
        if index + 1 < len(groups):
            gap_days = _day(groups[index + 1][0].date) - _day(events[-1].date)
            text = block(_gap_text(gap_days, language), TICK_W, BREAK)
            wanted_labels.append((cursor + BREAK_H / 2, text, None))
            cursor += BREAK_H
    axis_labels = _place_axis_labels(wanted_labels, body_top)
    height = max([cursor] + [a.top + a.block.height for a in axis_labels]) + MARGIN
    return TimelineLayout(
        language, WIDTH, height, tuple(placed), tuple(stretches), axis_labels, legend, legend_top
    )


def _stretches(events: Sequence[Event]) -> list[list[Event]]:
    groups: list[list[Event]] = []
    for event in events:
        if groups and _day(event.date) - _day(groups[-1][-1].date) <= BREAK_AFTER_DAYS:
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups


def _day(date: PartialDate) -> int:
    year, month, day = date.sort_key
    return datetime.date(year, month or 1, day or 1).toordinal()


def _date_gap(days: int) -> float:
    """The extra room between the labels of two dates, growing with the days between them."""
    return min(max(days * PX_PER_DAY, MIN_DATE_GAP), MAX_DATE_GAP)


def _y_of(day: int, anchors: Sequence[tuple[int, float, float]]) -> float:
    """Where a day falls on a stretch's axis: at its first event, or between the labels of
    the dates around it (so that a month mark never sits beside an earlier event's label)."""
    for (a, _, a_last), (b, b_first, _) in pairwise(anchors):
        if a < day < b:
            return a_last + (day - a) / (b - a) * (b_first - a_last)
    for d, first, _ in anchors:
        if d == day:
            return first
    return anchors[0][1] if day < anchors[0][0] else anchors[-1][2]


def _label_blocks(event: Event, language: str) -> tuple[TextBlock, TextBlock]:
    inner = LABEL_W - 2 * PAD
    return block(date_label(event.date, language), inner, DATE), block(event.title, inner, TITLE)


def _ticks(
    events: Sequence[Event], anchors: Sequence[tuple[int, float, float]], language: str
) -> list[tuple[float, TextBlock, float | None]]:
    """Tick labels for a stretch: its start, then months or years where they begin."""
    month_mark = date_words(language).month_mark
    first, last = events[0].date, events[-1].date
    first_day, span = _day(first), _day(last) - _day(first)
    axis_top = anchors[0][1]
    by_month = span > 0 and span <= 3 * 366
    start_text = (
        month_mark(first.year, first.month) if by_month and first.month else str(first.year)
    )
    ticks: list[tuple[float, TextBlock, float | None]] = [
        (axis_top, block(start_text, TICK_W, TICK), axis_top)
    ]
    if span == 0:
        return ticks
    candidates: list[tuple[int, str]] = []
    if by_month:
        year, month = first.year, first.month or 1
        while (day := datetime.date(year, month, 1).toordinal()) <= first_day + span:
            if day > first_day:
                candidates.append((day, month_mark(year, month)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        for year in range(first.year + 1, last.year + 1):
            candidates.append((datetime.date(year, 1, 1).toordinal(), str(year)))
    # A mark whose month (or year) holds an event is kept before a mark of an
    # empty one: the marks must tell the time of every event.
    busy = {text for e in events for text in (_period_label(e.date, by_month, month_mark),)}
    kept: list[tuple[float, str]] = []
    for day, text in candidates:
        y = _y_of(day, anchors)
        while kept and y - kept[-1][0] < TICK_SPACING and text in busy and kept[-1][1] not in busy:
            kept.pop()
        if y - (kept[-1][0] if kept else axis_top) >= TICK_SPACING:
            kept.append((y, text))
    return ticks + [(y, block(text, TICK_W, TICK), y) for y, text in kept]


def _period_label(date: PartialDate, by_month: bool, month_mark: Callable[[int, int], str]) -> str:
    """The mark an event falls under: its month, or its year."""
    if by_month and date.month:
        return month_mark(date.year, date.month)
    return str(date.year)


def _gap_text(days: int, language: str) -> str:
    """How much time a break leaves out, in whole months or years."""
    ngettext = translations(language).ngettext
    if days < 730:
        months = round(days / DAYS_PER_MONTH)
        return ngettext("%(count)s month later", "%(count)s months later", months) % {
            "count": months
        }
    years = int(days / 365.25)
    return ngettext("%(count)s year later", "%(count)s years later", years) % {"count": years}


def _place_axis_labels(
    wanted: Sequence[tuple[float, TextBlock, float | None]], start: float
) -> tuple[AxisLabel, ...]:
    """Tick and break labels at their heights, nudged apart where they would touch."""
    heights = [b.height for _, b, _ in wanted]
    desired = [centre - h / 2 for (centre, _, _), h in zip(wanted, heights, strict=True)]
    tops = spread(desired, heights, 2, start=start)
    return tuple(
        AxisLabel(b, top, tick_y) for (_, b, tick_y), top in zip(wanted, tops, strict=True)
    )


def draw(plan: TimelineLayout, linker: Linker) -> Drawing:
    """The SVG for a computed layout, and the links over its event labels."""
    _ = translations(plan.language).gettext
    title = _("Timeline of the events behind the guarantees")
    root = svg.root(NAME, plan.width, plan.height, title, _description(plan))
    if plan.legend:
        draw_legend(root, plan.legend, MARGIN, plan.legend_top, plan.width - 2 * MARGIN)
    axis = svg.group(root, "explainer-diagram__axis")
    for index, stretch in enumerate(plan.stretches):
        svg.line_path(
            axis, [(AXIS_X, stretch.top), (AXIS_X, stretch.bottom)], "explainer-diagram__axis-line"
        )
        if index + 1 < len(plan.stretches):
            _draw_break(axis, stretch.bottom, plan.stretches[index + 1].top)
    for label in plan.axis_labels:
        if label.tick_y is not None:
            svg.line_path(
                axis,
                [(AXIS_X - 6, label.tick_y), (AXIS_X, label.tick_y)],
                "explainer-diagram__tick",
            )
        svg.text(axis, AXIS_X - 10, label.top, [label.block], anchor="end")
    leaders = svg.group(root, "explainer-diagram__leaders")
    for placed in plan.events:
        label_y = min(max(placed.y, placed.label.y + 10), placed.label.bottom - 10)
        svg.line_path(
            leaders,
            [
                (AXIS_X + 8, placed.y),
                (AXIS_X + 14, placed.y),
                (LABEL_X - 8, label_y),
                (LABEL_X, label_y),
            ],
            "explainer-diagram__leader",
        )
    markers = svg.group(root, "explainer-diagram__markers")
    for placed in plan.events:
        svg.marker(markers, placed.shape, AXIS_X, placed.y, "explainer-diagram__marker")
    labels = svg.group(root, "explainer-diagram__nodes")
    for placed in plan.events:
        parent = svg.group(labels, "explainer-diagram__node")
        svg.rect(parent, placed.label, "explainer-diagram__label-box")
        svg.text(parent, placed.label.x + PAD, placed.label.y + PAD, placed.blocks)
    hotspots = tuple(
        Hotspot(
            linker.entity("event", p.event.id),
            f"{date_label(p.event.date, plan.language)}: {p.event.title}",
            p.label,
        )
        for p in plan.events
    )
    return Drawing(svg.serialize(root), round(plan.width), round(plan.height), hotspots)


def _draw_break(parent: ET.Element, top: float, bottom: float) -> None:
    # A dotted stretch with a double slash across it: the usual mark of a
    # broken axis, readable without colour.
    svg.line_path(parent, [(AXIS_X, top), (AXIS_X, bottom)], "explainer-diagram__axis-break")
    middle = (top + bottom) / 2
    for offset in (-4, 4):
        svg.line_path(
            parent,
            [(AXIS_X - 8, middle + offset + 3), (AXIS_X + 8, middle + offset - 3)],
            "explainer-diagram__axis-break-mark",
        )


def _description(plan: TimelineLayout) -> str:
    """The diagram's text alternative: how many events, over what time, how it is drawn."""
    text = translations(plan.language)
    _, ngettext = text.gettext, text.ngettext
    if not plan.events:
        return _("No events yet.")
    first, last = plan.events[0].event, plan.events[-1].event
    count, breaks = len(plan.events), len(plan.stretches) - 1
    events = ngettext(
        "%(count)s event from %(first)s to %(last)s, in date order",
        "%(count)s events from %(first)s to %(last)s, in date order",
        count,
    ) % {
        "count": count,
        "first": date_label(first.date, plan.language),
        "last": date_label(last.date, plan.language),
    }
    if breaks:
        cut = ngettext(
            "the time axis is cut %(count)s time where years pass without an event",
            "the time axis is cut %(count)s times where years pass without an event",
            breaks,
        ) % {"count": breaks}
        events = _("%(events)s; %(cut)s") % {"events": events, "cut": cut}
    return _(
        "%(events)s. Busy periods are drawn open, with room for every event: the month marks, "
        "not the distances, give the time. The text version below lists every event."
    ) % {"events": events}
