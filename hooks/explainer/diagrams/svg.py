"""ElementTree helpers that every diagram uses to emit deterministic, accessible SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from explainer.diagrams.layout import Rect, TextBlock

SVG_NS = "http://www.w3.org/2000/svg"


def px(value: float) -> str:
    """A coordinate as a whole number, so output never depends on float formatting."""
    return str(round(value))


def root(name: str, width: float, height: float, title: str, desc: str) -> ET.Element:
    """The <svg> element with its accessible name and description.

    Ids start with the diagram's name so that two diagrams on one page never
    share an id, and end in -diagram-title/-desc so that they cannot meet the
    ids that the toc extension gives headings (a heading "Timeline" is
    #timeline).
    """
    w, h = px(width), px(height)
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": f"explainer-diagram__svg explainer-diagram__svg--{name}",
            "viewBox": f"0 0 {w} {h}",
            "width": w,
            "height": h,
            "role": "img",
            "aria-labelledby": f"{name}-diagram-title {name}-diagram-desc",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{name}-diagram-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{name}-diagram-desc"}).text = desc
    return svg


def group(parent: ET.Element, css_class: str) -> ET.Element:
    return ET.SubElement(parent, "g", {"class": css_class})


def rect(parent: ET.Element, box: Rect, css_class: str, *, radius: int = 4) -> ET.Element:
    # fill="none" and stroke="currentColor" keep the drawing readable where the
    # stylesheet is missing (feed readers, saved pages); CSS classes override
    # these presentation attributes with the palette's custom properties.
    return ET.SubElement(
        parent,
        "rect",
        {
            "class": css_class,
            "x": px(box.x),
            "y": px(box.y),
            "width": px(box.w),
            "height": px(box.h),
            "rx": str(radius),
            "fill": "none",
            "stroke": "currentColor",
        },
    )


def text(
    parent: ET.Element,
    x: float,
    top: float,
    blocks: Sequence[TextBlock],
    *,
    gap: int = 0,
    anchor: str = "start",
    upright: bool = True,
) -> ET.Element:
    """One <text> holding stacked blocks, a <tspan> per line, with absolute positions.

    Every line carries its own x and y (no dy), so the layout does not depend
    on how a browser collapses whitespace between tspans. Text that is not
    upright reads bottom to top: it is laid out as usual and turned a quarter
    turn anticlockwise about the origin (see :func:`turned`).
    """
    attributes = {"text-anchor": anchor, "fill": "currentColor"}
    if not upright:
        attributes["transform"] = "rotate(-90)"
    element = ET.SubElement(parent, "text", attributes)
    y = top
    for index, text_block in enumerate(blocks):
        if index:
            y += gap
        style = text_block.style
        for line in text_block.lines:
            # The baseline sits about 0.8 em below the top of the line box.
            baseline = y + round(style.line_height * 0.5 + style.size * 0.35)
            attributes = {
                "class": style.css_class,
                "x": px(x),
                "y": px(baseline),
                "font-size": str(style.size),
            }
            if style.bold:
                attributes["font-weight"] = "bold"
            ET.SubElement(element, "tspan", attributes).text = line
            y += style.line_height
    return element


def turned(left: float, bottom: float) -> tuple[float, float]:
    """Where to lay out text that is not upright so that, turned, the start of its first
    line is at the bottom and its lines' tops face left, at (left, bottom)."""
    return -bottom, left


def line_path(parent: ET.Element, points: Sequence[tuple[float, float]], css_class: str) -> None:
    """An open polyline through points, as a <path>."""
    first, *rest = points
    d = f"M{px(first[0])} {px(first[1])}" + "".join(f" L{px(x)} {px(y)}" for x, y in rest)
    ET.SubElement(
        parent, "path", {"class": css_class, "d": d, "fill": "none", "stroke": "currentColor"}
    )


def area(parent: ET.Element, d: str, css_class: str) -> None:
    """A filled shape from path data (land on a map)."""
    ET.SubElement(parent, "path", {"class": css_class, "d": d, "fill": "currentColor"})


def curve(
    parent: ET.Element, start: tuple[float, float], end: tuple[float, float], css_class: str
) -> None:
    """A horizontal S-curve from start to end (flow diagrams)."""
    (x1, y1), (x2, y2) = start, end
    mid = (x1 + x2) / 2
    d = f"M{px(x1)} {px(y1)} C{px(mid)} {px(y1)} {px(mid)} {px(y2)} {px(x2)} {px(y2)}"
    ET.SubElement(
        parent, "path", {"class": css_class, "d": d, "fill": "none", "stroke": "currentColor"}
    )


def arrowhead(parent: ET.Element, tip: tuple[float, float], direction: str, css_class: str) -> None:
    """A filled triangle pointing down or right whose point is at tip.

    Drawn as a polygon rather than an SVG marker so that it takes the palette
    colour through CSS in every browser and in print.
    """
    x, y = tip
    size, half = 8, 5
    if direction == "down":
        points = [(x, y), (x - half, y - size), (x + half, y - size)]
    elif direction == "right":
        points = [(x, y), (x - size, y - half), (x - size, y + half)]
    else:
        raise ValueError(f"unknown arrow direction {direction!r}")
    ET.SubElement(
        parent,
        "polygon",
        {
            "class": css_class,
            "points": " ".join(f"{px(px_x)},{px(px_y)}" for px_x, px_y in points),
            "fill": "currentColor",
        },
    )


def serialize(svg: ET.Element) -> str:
    """The SVG as text, indented for readable golden diffs, with no blank lines."""
    _indent(svg, 0)
    return ET.tostring(svg, encoding="unicode")


def _indent(element: ET.Element, level: int) -> None:
    # Like ET.indent, but never inside <text>: whitespace between tspans would
    # be rendered as spaces and shift anchored lines.
    children = list(element)
    if not children or element.tag == "text":
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        _indent(child, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


def circle(
    parent: ET.Element, cx: float, cy: float, r: float, css_class: str, *, filled: bool = True
) -> ET.Element:
    return ET.SubElement(
        parent,
        "circle",
        {
            "class": css_class,
            "cx": px(cx),
            "cy": px(cy),
            "r": px(r),
            "fill": "currentColor" if filled else "none",
            "stroke": "currentColor",
        },
    )


MARKER_SHAPES = ("circle", "square", "diamond", "triangle")


def marker(parent: ET.Element, shape_index: int, cx: float, cy: float, css_class: str) -> None:
    """A small shape centred on (cx, cy); the shape, not the colour, tells series apart."""
    shape = MARKER_SHAPES[shape_index % len(MARKER_SHAPES)]
    r = 6
    if shape == "circle":
        circle(parent, cx, cy, r, css_class)
        return
    if shape == "square":
        points = [(cx - r, cy - r), (cx + r, cy - r), (cx + r, cy + r), (cx - r, cy + r)]
    elif shape == "diamond":
        points = [(cx, cy - r - 1), (cx + r + 1, cy), (cx, cy + r + 1), (cx - r - 1, cy)]
    else:
        points = [(cx, cy - r - 1), (cx + r + 1, cy + r), (cx - r - 1, cy + r)]
    ET.SubElement(
        parent,
        "polygon",
        {
            "class": css_class,
            "points": " ".join(f"{px(x)},{px(y)}" for x, y in points),
            "fill": "currentColor",
        },
    )


PIP_R = 3
PIP_STEP = 8


def pips_width(of: int) -> float:
    return (of - 1) * PIP_STEP + 2 * PIP_R


def pips(parent: ET.Element, x: float, cy: float, filled: int | None, of: int) -> None:
    """A row of of dots from x, the first filled ones filled: how far along a scale.

    None draws every dot open with a line struck through them (withdrawn). The
    filled and the open dots are one path each, to keep the drawing small.
    """
    group_ = group(parent, "explainer-diagram__pips")
    count = filled or 0
    centres = [x + PIP_R + index * PIP_STEP for index in range(of)]
    for on, xs in ((True, centres[:count]), (False, centres[count:])):
        if not xs:
            continue
        d = " ".join(
            f"M{px(cx - PIP_R)} {px(cy)} a{PIP_R} {PIP_R} 0 1 0 {2 * PIP_R} 0 "
            f"a{PIP_R} {PIP_R} 0 1 0 {-2 * PIP_R} 0"
            for cx in xs
        )
        attributes = {
            "class": "explainer-diagram__pip" + ("--on" if on else ""),
            "d": d,
            "fill": "currentColor" if on else "none",
            "stroke": "currentColor",
        }
        ET.SubElement(group_, "path", attributes)
    if filled is None:
        line_path(group_, [(x - 1, cy), (x + pips_width(of) + 1, cy)], "explainer-diagram__strike")
