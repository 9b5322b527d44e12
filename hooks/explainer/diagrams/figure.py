"""Wraps a diagram's SVG, caption and text version into one HTML block for a Markdown page.

The SVG is an image (``role="img"``) and holds no links: links inside it would
be focusable content that assistive technology cannot reach (axe's
nested-interactive rule). Each box's link is instead an HTML hotspot laid over
the box, in percentages of the drawing so it follows the drawing's scaling.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from explainer.templating import render

if TYPE_CHECKING:
    from collections.abc import Sequence

    from explainer.diagrams.layout import Rect

# The content column of a 360 px phone (Material pads it by 0.8 rem a side):
# every diagram is drawn no wider, so that it is read at its natural size there.
PHONE_COLUMN = 328
# Readers should not have to zoom below this share of the drawn size: the
# figure scrolls sideways instead (see diagrams.css).
MIN_SCALE = 0.8
# Drawn for a phone, with 13px labels; in a wide column a diagram grows until
# its labels are about the size of the page's own text (16px), no further.
WIDE_SCALE = 1.25


@dataclass(frozen=True)
class Hotspot:
    """A box that links to the page of what it shows."""

    href: str
    label: str
    """The link's accessible name: what the box says, in short."""
    box: Rect


@dataclass(frozen=True)
class PlacedHotspot:
    href: str
    label: str
    style: str


@dataclass(frozen=True)
class Drawing:
    """A diagram's SVG text, its size in pixels and its linked boxes."""

    svg: str
    width: int
    height: int
    hotspots: tuple[Hotspot, ...]


def figure(
    template: str,
    drawing: Drawing,
    *,
    language: str,
    min_scale: float = MIN_SCALE,
    max_scale: float = WIDE_SCALE,
    **context: Any,
) -> str:
    """Render a diagram_*.html.j2 template around a drawing, in the edition's language.

    The SVG is marked safe because ElementTree has already escaped every text
    and attribute in it; everything else goes through autoescaping. A drawing
    shrinks with a narrow column down to ``min_scale`` of its size, then scrolls
    (a map, drawn small enough to read on a phone, shrinks all the way instead),
    and grows to ``max_scale`` where the column is wide.
    """
    html = render(
        template,
        language,
        svg=Markup(drawing.svg),
        canvas_style=(
            f"width: {round(drawing.width * max_scale)}px; "
            f"min-width: {round(drawing.width * min_scale)}px"
        ),
        hotspots=_placed(drawing.hotspots, drawing.width, drawing.height),
        **context,
    )
    # Python-Markdown may end a raw HTML block at a blank line, which would
    # turn the rest of the figure into paragraphs: the block has none.
    lines = [line for line in html.splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def _placed(hotspots: Sequence[Hotspot], width: int, height: int) -> list[PlacedHotspot]:
    return [
        PlacedHotspot(
            h.href,
            h.label,
            f"left: {_percent(h.box.x, width)}; top: {_percent(h.box.y, height)}; "
            f"width: {_percent(h.box.w, width)}; height: {_percent(h.box.h, height)}",
        )
        for h in hotspots
    ]


def _percent(value: float, total: int) -> str:
    # Fixed decimals: the same layout always gives the same text.
    return f"{100 * round(value) / total:.3f}%"
