"""Land outlines for the map: read from Natural Earth's TopoJSON, projected, clipped and simplified.

The outlines are Natural Earth's 1:50m land polygons (public domain), as the
``world-atlas`` package ships them (see ``explainer/geodata/README.md``).
Only land is drawn, never borders: Natural Earth's country borders follow who
controls a territory on the ground, and would draw Crimea as part of Russia.

Everything here is pure arithmetic on the sphere and the plane, so the same
data always gives the same drawing: an equal-area conic projection fitted to
the places shown, a rectangle clip, and Douglas-Peucker simplification to
about a pixel, so that the SVG holds only what can be seen.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from explainer.diagrams.layout import Rect

Point = tuple[float, float]
Ring = tuple[Point, ...]

LAND = "land-50m.json"
"""The file in explainer/geodata/: world-atlas's land-50m.json, byte for byte."""


@dataclass(frozen=True)
class Dataset:
    """Where the outlines come from, as the map page and the methodology credit it."""

    name: str
    version: str
    scale: str
    package: str
    package_version: str


DATASET = Dataset("Natural Earth", "4.1.0", "1:50m", "world-atlas", "2.0.2")


@cache
def land(name: str = LAND) -> tuple[Ring, ...]:
    """Every land ring of a TopoJSON file, in degrees (longitude, latitude)."""
    topology = json.loads(resources.files("explainer").joinpath("geodata", name).read_bytes())
    arcs = _decoded_arcs(topology)
    rings: list[Ring] = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            rings.extend(_ring(ring, arcs) for ring in polygon)
    return tuple(rings)


def _decoded_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The arcs in degrees: quantized positions, each a delta from the one before."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indices: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """A ring from its arcs; ``~i`` is arc i reversed, and arcs share their end points."""
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return tuple(points)


@dataclass(frozen=True)
class Extent:
    """A box in degrees around the places a panel shows."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, points: Iterable[Point], *, margin: float, least: float) -> Extent:
        """The points' box with a margin, widened to at least ``least`` degrees each way."""
        lons, lats = zip(*points, strict=True)
        boxes = []
        for low, high in ((min(lons), max(lons)), (min(lats), max(lats))):
            middle, half = (low + high) / 2, max((high - low) / 2 + margin, least / 2)
            boxes.append((middle - half, middle + half))
        (west, east), (south, north) = boxes
        return cls(west, max(south, -85.0), east, min(north, 85.0))


@dataclass(frozen=True)
class Projection:
    """Albers equal-area conic, fitted to an extent and scaled into a panel of the drawing.

    Conic projections keep mid-latitude regions such as Europe and the
    Middle East, or the eastern United States, in their familiar shape.
    """

    centre_lon: float
    n: float
    c: float
    rho0: float
    scale: float = 1.0
    dx: float = 0.0
    dy: float = 0.0

    @classmethod
    def for_extent(cls, extent: Extent) -> Projection:
        span = extent.north - extent.south
        # Standard parallels a sixth of the way in from each edge: the usual choice.
        first = math.radians(extent.south + span / 6)
        second = math.radians(extent.north - span / 6)
        origin = math.radians((extent.south + extent.north) / 2)
        n = (math.sin(first) + math.sin(second)) / 2
        c = math.cos(first) ** 2 + 2 * n * math.sin(first)
        rho0 = math.sqrt(c - 2 * n * math.sin(origin)) / n
        return cls((extent.west + extent.east) / 2, n, c, rho0)

    def raw(self, lon: float, lat: float) -> Point:
        """The projected point on the unit sphere, y downwards."""
        rho = math.sqrt(max(self.c - 2 * self.n * math.sin(math.radians(lat)), 0.0)) / self.n
        theta = self.n * math.radians(lon - self.centre_lon)
        return rho * math.sin(theta), -(self.rho0 - rho * math.cos(theta))

    def __call__(self, lon: float, lat: float) -> Point:
        x, y = self.raw(lon, lat)
        return x * self.scale + self.dx, y * self.scale + self.dy

    def fitted(
        self, extent: Extent, width: float, min_height: float, max_height: float
    ) -> tuple[Projection, float]:
        """This projection scaled and moved so that the extent fits a panel ``width`` wide
        at (0, 0), centred in it, and the panel's height (within the limits given)."""
        edge = [
            self.raw(lon, lat)
            for step in range(33)
            for lon, lat in (
                (extent.west + (extent.east - extent.west) * step / 32, extent.south),
                (extent.west + (extent.east - extent.west) * step / 32, extent.north),
                (extent.west, extent.south + (extent.north - extent.south) * step / 32),
                (extent.east, extent.south + (extent.north - extent.south) * step / 32),
            )
        ]
        xs, ys = [x for x, _ in edge], [y for _, y in edge]
        span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
        scale = min(width / span_x, max_height / span_y)
        height = min(max(span_y * scale, min_height), max_height)
        dx = (width - span_x * scale) / 2 - min(xs) * scale
        dy = (height - span_y * scale) / 2 - min(ys) * scale
        return Projection(self.centre_lon, self.n, self.c, self.rho0, scale, dx, dy), height

    def moved(self, x: float, y: float) -> Projection:
        """The same projection with its origin moved to (x, y) of the drawing."""
        return Projection(
            self.centre_lon, self.n, self.c, self.rho0, self.scale, self.dx + x, self.dy + y
        )


@cache
def outlines(
    projection: Projection, extent: Extent, panel: Rect, *, tolerance: float = 0.7
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The land inside a panel: projected, clipped and simplified rings in whole pixels.

    Cached: both editions draw the same map.
    """
    # A generous box in degrees first: nothing far round the globe is projected.
    reach = Extent(extent.west - 30, extent.south - 20, extent.east + 30, extent.north + 20)
    shown: list[tuple[tuple[int, int], ...]] = []
    for ring in land():
        if not _meets(ring, reach):
            continue
        projected = _thinned(
            [projection(lon, lat) for lon, lat in _clip_degrees(ring, reach)], tolerance
        )
        whole = _whole_pixels(simplify(_clip(projected, panel), tolerance))
        if len(whole) >= 3 and abs(_area(whole)) >= 2:
            shown.append(tuple(whole))
    return tuple(shown)


def _thinned(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Points closer than tolerance to the one kept before them are left out: a cheap first
    pass, before Douglas-Peucker, over coastlines drawn at a far smaller scale than the data."""
    kept: list[Point] = []
    for point in points:
        if not kept or math.dist(point, kept[-1]) >= tolerance:
            kept.append(point)
    return kept


def _meets(ring: Ring, box: Extent) -> bool:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return not (
        max(lons) < box.west
        or min(lons) > box.east
        or max(lats) < box.south
        or min(lats) > box.north
    )


def _clip_degrees(ring: Ring, box: Extent) -> list[Point]:
    edges = ((0, box.west, 1), (0, box.east, -1), (1, box.south, 1), (1, box.north, -1))
    return _sutherland_hodgman(list(ring), edges)


def _clip(points: list[Point], panel: Rect) -> list[Point]:
    edges = ((0, panel.x, 1), (0, panel.right, -1), (1, panel.y, 1), (1, panel.bottom, -1))
    return _sutherland_hodgman(points, edges)


def _sutherland_hodgman(
    points: list[Point], edges: Iterable[tuple[int, float, int]]
) -> list[Point]:
    """A ring clipped to a box, one edge at a time (axis, value, which side is kept).

    Parts outside run along the box's edge, which is hidden under the panel's
    frame: filled land stays filled where it leaves the panel.
    """
    for axis, value, side in edges:
        if not points:
            break

        def inside(p: Point, axis: int = axis, value: float = value, side: int = side) -> bool:
            return (p[axis] - value) * side >= 0

        kept: list[Point] = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current):
                if not inside(previous):
                    kept.append(_crossing(previous, current, axis, value))
                kept.append(current)
            elif inside(previous):
                kept.append(_crossing(previous, current, axis, value))
        points = kept
    return points


def _crossing(a: Point, b: Point, axis: int, value: float) -> Point:
    t = (value - a[axis]) / (b[axis] - a[axis])
    crossed = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
    return (value, crossed[1]) if axis == 0 else (crossed[0], value)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the fewest points that stay within tolerance of the line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment ab (to the point a where the segment has no length)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _whole_pixels(points: Iterable[Point]) -> list[tuple[int, int]]:
    rounded: list[tuple[int, int]] = []
    for x, y in points:
        point = (round(x), round(y))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    return rounded


def _area(points: Sequence[tuple[int, int]]) -> float:
    return (
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(points, [*points[1:], points[0]], strict=True)
        )
        / 2
    )


def path_data(rings: Iterable[Sequence[tuple[int, int]]]) -> str:
    """An SVG path of closed rings, in relative moves: short, and whole numbers throughout."""
    parts: list[str] = []
    cursor = (0, 0)
    for ring in rings:
        x, y = ring[0]
        parts.append(f"{'m' if parts else 'M'}{x - cursor[0]} {y - cursor[1]}l")
        steps = (f"{bx - ax} {by - ay}" for (ax, ay), (bx, by) in pairwise(ring))
        parts.append(" ".join(steps) + "z")
        cursor = (x, y)  # after z, the current point is the ring's start
    return "".join(parts)
