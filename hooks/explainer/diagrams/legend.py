"""Keys that explain line styles, borders and marker shapes in words beside each sample."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer.diagrams import svg
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, text_width

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET
    from collections.abc import Sequence

SAMPLE_W = 28
SAMPLE_GAP = 6
ITEM_GAP = 20
LINE_H = 22
STYLE = TextStyle(12, css_class="explainer-diagram__meta")


@dataclass(frozen=True)
class LegendItem:
    sample: str
    """box-deterrence, box-response, arrow, line-provides, line-benefits or marker-<n>."""
    text: str


@dataclass(frozen=True)
class PlacedItem:
    item: LegendItem
    x: float
    y: float

    @property
    def text_rect(self) -> Rect:
        width = text_width(self.item.text, STYLE.size, bold=STYLE.bold)
        return Rect(self.x + SAMPLE_W + SAMPLE_GAP, self.y, width, LINE_H)


def place_legend(items: Sequence[LegendItem], width: float) -> tuple[PlacedItem, ...]:
    """Items flowed left to right, starting a new line where the next would not fit."""
    placed: list[PlacedItem] = []
    x = y = 0.0
    for item in items:
        item_w = SAMPLE_W + SAMPLE_GAP + text_width(item.text, STYLE.size, bold=STYLE.bold)
        if x > 0 and x + item_w > width:
            x, y = 0.0, y + LINE_H
        placed.append(PlacedItem(item, x, y))
        x += item_w + ITEM_GAP
    return tuple(placed)


def legend_height(placed: Sequence[PlacedItem]) -> float:
    return max((p.y for p in placed), default=-LINE_H) + LINE_H


def draw_legend(
    parent: ET.Element, items: Sequence[LegendItem], left: float, top: float, width: float
) -> None:
    """Draw the key at (left, top) within width."""
    group = svg.group(parent, "explainer-diagram__legend")
    for placed in place_legend(items, width):
        x, y = left + placed.x, top + placed.y
        _sample(group, placed.item.sample, x, y + LINE_H / 2)
        svg.text(
            group,
            x + SAMPLE_W + SAMPLE_GAP,
            y + (LINE_H - STYLE.line_height) / 2,
            [_block(placed.item.text)],
        )


def _block(text: str) -> TextBlock:
    return TextBlock((text,), STYLE)


def _sample(parent: ET.Element, sample: str, x: float, cy: float) -> None:
    if sample.startswith("box-"):
        phase = sample.removeprefix("box-")
        box = Rect(x + 2, cy - 7, SAMPLE_W - 4, 14)
        svg.rect(parent, box, f"explainer-diagram__box explainer-diagram__box--{phase}", radius=2)
    elif sample == "arrow":
        svg.line_path(parent, [(x, cy), (x + SAMPLE_W - 2, cy)], "explainer-diagram__arrow")
        svg.arrowhead(parent, (x + SAMPLE_W, cy), "right", "explainer-diagram__arrowhead")
    elif sample.startswith("line-"):
        kind = sample.removeprefix("line-")
        svg.line_path(
            parent,
            [(x, cy), (x + SAMPLE_W - 2, cy)],
            f"explainer-diagram__edge explainer-diagram__edge--{kind}",
        )
        svg.arrowhead(parent, (x + SAMPLE_W, cy), "right", "explainer-diagram__arrowhead")
    elif sample.startswith("marker-"):
        index = int(sample.removeprefix("marker-"))
        svg.marker(parent, index, x + SAMPLE_W / 2, cy, "explainer-diagram__marker")
    else:
        raise ValueError(f"unknown legend sample {sample!r}")
