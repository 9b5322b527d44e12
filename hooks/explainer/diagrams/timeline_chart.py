"""The timeline: every event of every timeline on a vertical time axis with long gaps cut out.

Events closer than a year apart share one linear stretch of axis; a longer
silence becomes a marked break, so that decades of background do not squeeze
the months of 2025 into a few pixels. Labels keep the order of their events
and are pushed apart where events crowd, joined to their dot by a leader.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer.diagrams import svg
from explainer.diagrams.figure import Drawing, Hotspot, figure
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, block, spread
from explainer.diagrams.legend import LegendItem, draw_legend, legend_height, place_legend

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET
    from collections.abc import Sequence

    from explainer.links import Linker
    from explainer.model import Event, Explainer, PartialDate

NAME = "timeline"
MARGIN = 16
TICK_W = 84
AXIS_X = MARGIN + TICK_W + 12
LABEL_X = AXIS_X + 30
LABEL_W = 248
WIDTH = LABEL_X + LABEL_W + MARGIN
PAD = 6
LABEL_GAP = 6
BREAK_H = 56
# A silence longer than this becomes a break in the axis.
BREAK_AFTER_DAYS = 366
# Within a stretch, a month gets at least this many pixels (up to MAX_STRETCH
# for the stretch), so that month ticks stay legible.
PX_PER_MONTH = 22
MAX_STRETCH = 520
DAYS_PER_MONTH = 30.44
TICK_SPACING = 24
MONTH_STEPS = (1, 2, 3, 6, 12)
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)

DATE = TextStyle(12, bold=True, css_class="explainer-diagram__meta")
TITLE = TextStyle(14)
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
        name=NAME,
        events=events,
        timelines=explainer.timelines,
        linker=linker,
        as_of=explainer.site.as_of.label,
    )


def all_events(explainer: Explainer) -> list[Event]:
    """Events of every timeline in date order (ties by id, so the order is stable)."""
    found = [event for line in explainer.timelines.values() for event in line.events]
    return sorted(found, key=lambda e: (e.date.sort_key, e.id))


def layout(explainer: Explainer) -> TimelineLayout:
    """Place the axis stretches, breaks, ticks, dots and event labels."""
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
        axis_top = cursor + PAD + DATE.line_height / 2
        first_day = _day(events[0].date)
        span = _day(events[-1].date) - first_day
        blocks = [_label_blocks(e) for e in events]
        heights = [b[0].height + b[1].height + 2 * PAD for b in blocks]
        scale = _scale(heights, span)
        ys = [axis_top + (_day(e.date) - first_day) * scale for e in events]
        desired = [y - PAD - DATE.line_height / 2 for y in ys]
        tops = spread(desired, heights, LABEL_GAP, start=cursor)
        for event, y, top, label_height, label_blocks in zip(
            events, ys, tops, heights, blocks, strict=True
        ):
            label = Rect(LABEL_X, top, LABEL_W, label_height)
            placed.append(PlacedEvent(event, y, label, label_blocks, shape_of[event.timeline]))
        axis_bottom = axis_top + span * scale
        wanted_labels.extend(_ticks(events, axis_top, scale))
        bottom = max(axis_bottom + PAD, tops[-1] + heights[-1])
        stretches.append(Stretch(axis_top - PAD, axis_bottom + PAD))
        cursor = bottom
        if index + 1 < len(groups):
            gap_days = _day(groups[index + 1][0].date) - _day(events[-1].date)
            text = block(_gap_text(gap_days), TICK_W, BREAK)
            wanted_labels.append((cursor + BREAK_H / 2, text, None))
            cursor += BREAK_H
    axis_labels = _place_axis_labels(wanted_labels, body_top)
    height = max([cursor] + [a.top + a.block.height for a in axis_labels]) + MARGIN
    return TimelineLayout(
        WIDTH, height, tuple(placed), tuple(stretches), axis_labels, legend, legend_top
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


def _scale(label_heights: Sequence[float], span_days: int) -> float:
    """Pixels per day for a stretch: as long as its labels stacked, and months told apart.

    An axis as long as the labels lets evenly spread events sit level with
    their labels; only events crowded into a few days need fanned leaders.
    """
    if span_days == 0:
        return 0.0
    stacked = sum(label_heights[:-1]) + LABEL_GAP * (len(label_heights) - 1)
    months = min(span_days / DAYS_PER_MONTH * PX_PER_MONTH, MAX_STRETCH)
    return max(stacked, months) / span_days


def _label_blocks(event: Event) -> tuple[TextBlock, TextBlock]:
    inner = LABEL_W - 2 * PAD
    return block(event.date.label, inner, DATE), block(event.title, inner, TITLE)


def _ticks(
    events: Sequence[Event], axis_top: float, scale: float
) -> list[tuple[float, TextBlock, float | None]]:
    """Tick labels for a stretch: its start, then months or years at a legible spacing."""
    first, last = events[0].date, events[-1].date
    first_day, span = _day(first), _day(last) - _day(first)
    by_month = span > 0 and span <= 3 * 366
    start_text = (
        _month_label(first.year, first.month) if by_month and first.month else str(first.year)
    )
    ticks: list[tuple[float, TextBlock, float | None]] = [
        (axis_top, block(start_text, TICK_W, TICK), axis_top)
    ]
    if span == 0:
        return ticks
    candidates: list[tuple[int, str]] = []
    if by_month:
        per_month = scale * DAYS_PER_MONTH
        step = next((s for s in MONTH_STEPS if s * per_month >= TICK_SPACING), 12)
        year, month = first.year, first.month or 1
        while (day := datetime.date(year, month, 1).toordinal()) <= first_day + span:
            if (month - 1) % step == 0 and day > first_day:
                candidates.append((day, _month_label(year, month)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        per_year = scale * 365.25
        step = next((s for s in YEAR_STEPS if s * per_year >= TICK_SPACING), YEAR_STEPS[-1])
        for year in range(first.year + 1, last.year + 1):
            if year % step == 0:
                candidates.append((datetime.date(year, 1, 1).toordinal(), str(year)))
    last_y = axis_top
    for day, text in candidates:
        y = axis_top + (day - first_day) * scale
        if y - last_y >= TICK_SPACING:
            ticks.append((y, block(text, TICK_W, TICK), y))
            last_y = y
    return ticks


def _month_label(year: int, month: int) -> str:
    return f"{calendar.month_abbr[month]} {year}"


def _gap_text(days: int) -> str:
    """How much time a break leaves out, in whole months or years."""
    if days < 730:
        return f"{round(days / DAYS_PER_MONTH)} months later"
    return f"{int(days / 365.25)} years later"


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
    root = svg.root(NAME, plan.width, plan.height, _title(), _description(plan))
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
            linker.entity("event", p.event.id), f"{p.event.date.label}: {p.event.title}", p.label
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


def _title() -> str:
    return "Timeline of the events behind the guarantees"


def _description(plan: TimelineLayout) -> str:
    if not plan.events:
        return "No events yet."
    first, last = plan.events[0].event, plan.events[-1].event
    breaks = len(plan.stretches) - 1
    text = f"{len(plan.events)} events from {first.date.label} to {last.date.label}, in date order"
    if breaks:
        text += f"; the time axis is cut {breaks} times where years pass without an event"
    return text + ". The text version below lists every event."
