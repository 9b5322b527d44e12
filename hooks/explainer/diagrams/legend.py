"""Keys that explain arrows, marker shapes and status dots in words beside each sample."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer.diagrams import svg
from explainer.diagrams.layout import Rect, TextBlock, TextStyle, block, flow

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
    """arrow, marker-<n>, or status-<filled>-<of> (status-x-<of>: withdrawn)."""
    text: str

    @property
    def sample_w(self) -> float:
        if self.sample.startswith("status-"):
            return svg.pips_width(int(self.sample.rsplit("-", 1)[1]))
        return SAMPLE_W


def status_sample(filled: int | None, of: int) -> str:
    """The sample for a status: filled of of dots, or None for one struck through."""
    return f"status-{'x' if filled is None else filled}-{of}"


@dataclass(frozen=True)
class PlacedItem:
    item: LegendItem
    x: float
    y: float
    block: TextBlock
    """The item's words, wrapped where the whole key is too narrow for them on one line."""

    @property
    def h(self) -> float:
        return max(LINE_H, self.block.height + LINE_H - STYLE.line_height)

    @property
    def text_rect(self) -> Rect:
        x = self.x + self.item.sample_w + SAMPLE_GAP
        return Rect(
            x, self.y + (LINE_H - STYLE.line_height) / 2, self.block.width, self.block.height
        )


def place_legend(items: Sequence[LegendItem], width: float) -> tuple[PlacedItem, ...]:
    """Items flowed left to right, starting a new line where the next would not fit."""
    blocks = [block(item.text, width - item.sample_w - SAMPLE_GAP, STYLE) for item in items]
    placed = [PlacedItem(item, 0, 0, b) for item, b in zip(items, blocks, strict=True)]
    sizes = [(p.text_rect.right, p.h) for p in placed]
    corners = flow(sizes, width, gap=ITEM_GAP, line_gap=0)
    return tuple(
        PlacedItem(p.item, x, y, p.block) for p, (x, y) in zip(placed, corners, strict=True)
    )


def legend_height(placed: Sequence[PlacedItem]) -> float:
    return max((p.y + p.h for p in placed), default=0)


def draw_legend(
    parent: ET.Element, items: Sequence[LegendItem], left: float, top: float, width: float
) -> None:
    """Draw the key at (left, top) within width."""
    group = svg.group(parent, "explainer-diagram__legend")
    for placed in place_legend(items, width):
        x, y = left + placed.x, top + placed.y
        _sample(group, placed.item.sample, x, y + LINE_H / 2)
        text = placed.text_rect
        svg.text(group, left + text.x, top + text.y, [placed.block])


def _sample(parent: ET.Element, sample: str, x: float, cy: float) -> None:
    if sample == "arrow":
        svg.line_path(parent, [(x, cy), (x + SAMPLE_W - 2, cy)], "explainer-diagram__arrow")
        svg.arrowhead(parent, (x + SAMPLE_W, cy), "right", "explainer-diagram__arrowhead")
    elif sample.startswith("marker-"):
        index = int(sample.removeprefix("marker-"))
        svg.marker(parent, index, x + SAMPLE_W / 2, cy, "explainer-diagram__marker")
    elif sample.startswith("status-"):
        filled, of = sample.removeprefix("status-").split("-")
        svg.pips(parent, x, cy, None if filled == "x" else int(filled), int(of))
    else:
        raise ValueError(f"unknown legend sample {sample!r}")
