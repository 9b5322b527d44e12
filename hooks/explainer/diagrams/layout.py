"""Text measuring, wrapping and one-dimensional placement shared by the diagrams.

No font file is read at build time: widths come from a per-character table of
Arial/Helvetica advance widths (the page's system font stack resolves to one of
these or to a font of close metrics), with a safety margin so that a wider
font still fits inside the boxes: DejaVu Sans, the default sans-serif on many
Linux systems, runs about 10% wider than Arial.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

# Advance widths in thousandths of an em (Arial regular), grouped by width.
_WIDTH_GROUPS: tuple[tuple[str, int], ...] = (
    ("'", 191),
    ("ijl", 222),
    ("|", 260),
    (" !,./:;I[\\]ft", 278),
    ("()-`r", 333),
    ("{}", 334),
    ('"', 355),
    ("*", 389),
    ("^", 469),
    ("Jcksvxyz", 500),
    ("0123456789#$?_abdeghnopquL", 556),
    ("+<=>~", 584),
    ("FTZ", 611),
    ("&ABEKPSVXY", 667),
    ("CDHNRUw", 722),
    ("GOQ", 778),
    ("Mm", 833),
    ("%", 889),
    ("W", 944),
    ("@", 1015),
)
# Cyrillic letters drawn like a Latin one (а, е, о, р...) are as wide as that
# letter; the others take DejaVu Sans's widths scaled to Arial as its Latin
# letters are (x 0.94), rounded up to 50, so that with the safety margin they fit
# in either font. Letters with a mark (й, ї, ё) are measured by their base letter.
_CYRILLIC_TWINS = dict(zip("аеіорсухАВЕІКМНОРСТХ", "aeiopcyxABEIKMHOPCTX", strict=True))
_CYRILLIC_GROUPS: tuple[tuple[str, int], ...] = (
    ("гґ", 500),
    ("єзтэ", 550),
    ("бвкчьяГҐУ", 600),
    ("дилнпцБЗЧЬ", 650),
    ("ъЄЯЭ", 700),
    ("мыДИЛПЦ", 750),
    ("юЪ", 800),
    ("жфФЫ", 850),
    ("шщ", 900),
    ("ЖШЩЮ", 1050),
)
_WIDTHS: dict[str, int] = {char: width for chars, width in _WIDTH_GROUPS for char in chars}
_WIDTHS.update({cyrillic: _WIDTHS[latin] for cyrillic, latin in _CYRILLIC_TWINS.items()})
_WIDTHS.update({char: width for chars, width in _CYRILLIC_GROUPS for char in chars})
_PUNCTUATION: dict[str, int] = {
    "\u2013": 556,  # en dash
    "\u2014": 1000,  # em dash
    "\u2018": 222,
    "\u2019": 222,
    "\u201c": 333,
    "\u201d": 333,
    "\u2026": 1000,  # ellipsis
    "\u00b7": 278,  # middle dot
    "\u2022": 350,
    "\u20ac": 556,
    "\u00a3": 556,
    "\u00a0": 278,
    "\u00ab": 556,  # guillemets, the quotation marks of Ukrainian
    "\u00bb": 556,
    "\u2116": 1000,  # numero sign
}
# Any other character (Greek, East Asian, a symbol...) is taken as a full em, as
# wide as a capital W or wider, so that an unknown text never gets too narrow a box.
_OTHER = 1000
# Bold Arial is about 7% wider than regular, but DejaVu Sans Bold, measured in
# Chromium, runs up to 6% wider than that estimate with the safety margin: bold
# text is taken as 15% wider. The margin also covers fonts such as Segoe UI or
# San Francisco that the system stack may pick instead of Arial.
BOLD_FACTOR = 1.15
SAFETY = 1.16


def char_width(char: str) -> int:
    """Advance width of one character in thousandths of an em."""
    if char in _WIDTHS:
        return _WIDTHS[char]
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    # A letter with a mark (é, й) is as wide as its letter; a compatibility form
    # (ﬁ, full-width Ａ) is not taken for the first letter it stands for.
    base = unicodedata.normalize("NFD", char)[:1]
    return _WIDTHS.get(base, _OTHER)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of one line of text at a font size, in pixels."""
    em = sum(char_width(c) for c in text) / 1000
    return em * size * SAFETY * (BOLD_FACTOR if bold else 1.0)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> tuple[str, ...]:
    """Break text into lines no wider than width, at spaces; split only words that cannot fit."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _split_word(word, width, size, bold=bold)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    lines.append(current)
    return tuple(lines)


def _split_word(word: str, width: float, size: float, *, bold: bool) -> list[str]:
    # A single word wider than the box (a long URL-like name) is cut by
    # characters rather than left to overflow the box.
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, size, bold=bold) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


@dataclass(frozen=True)
class TextStyle:
    """Font size and weight of a run of text; the line height follows from the size."""

    size: int
    bold: bool = False
    css_class: str = "explainer-diagram__text"

    @property
    def line_height(self) -> int:
        return math.ceil(self.size * 1.3)


@dataclass(frozen=True)
class TextBlock:
    """Wrapped lines in one style."""

    lines: tuple[str, ...]
    style: TextStyle

    @property
    def height(self) -> int:
        return len(self.lines) * self.style.line_height

    @property
    def width(self) -> float:
        return max(text_width(line, self.style.size, bold=self.style.bold) for line in self.lines)


def block(text: str, width: float, style: TextStyle) -> TextBlock:
    """Text wrapped to width in a style."""
    return TextBlock(wrap(text, width, style.size, bold=style.bold), style)


def blocks_height(blocks: Sequence[TextBlock], gap: int) -> int:
    """Height of blocks stacked with gap between them."""
    if not blocks:
        return 0
    return sum(b.height for b in blocks) + gap * (len(blocks) - 1)


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in diagram coordinates (pixels, y downwards)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: Rect) -> bool:
        """True if the interiors intersect (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


def flow(
    sizes: Sequence[tuple[float, float]], width: float, *, gap: float, line_gap: float
) -> list[tuple[float, float]]:
    """Top-left corners for items of (width, height) laid left to right, gap apart, starting
    a new line where the next would pass width; a line is as tall as its tallest item."""
    placed: list[tuple[float, float]] = []
    x = y = line_h = 0.0
    for item_w, item_h in sizes:
        if x > 0 and x + item_w > width:
            x, y, line_h = 0.0, y + line_h + line_gap, 0.0
        placed.append((x, y))
        x += item_w + gap
        line_h = max(line_h, item_h)
    return placed


def spread(
    desired: Sequence[float], sizes: Sequence[float], gap: float, start: float
) -> list[float]:
    """Starts for items kept in order, at least gap apart, each as near its desired start as can be.

    Items that would overlap are merged into one run centred on their desired
    positions (least-squares), and no item begins before start. Used to place
    labels beside their anchors on an axis or in a column.
    """
    runs: list[tuple[list[int], float, float]] = []  # (member indices, start, length)
    for index, want in enumerate(desired):
        members = [index]
        length = float(sizes[index])
        run_start = max(float(want), start)
        while runs:
            prev_members, prev_start, prev_length = runs[-1]
            if prev_start + prev_length + gap <= run_start:
                break
            runs.pop()
            members = prev_members + members
            length = prev_length + gap + length
            run_start = max(start, _best_start(members, desired, sizes, gap))
        runs.append((members, run_start, length))
    starts = [0.0] * len(desired)
    for members, run_start, _ in runs:
        position = run_start
        for index in members:
            starts[index] = position
            position += sizes[index] + gap
    return starts


def _best_start(
    members: list[int], desired: Sequence[float], sizes: Sequence[float], gap: float
) -> float:
    # The start minimising the summed squared displacement of a packed run.
    offset = 0.0
    total = 0.0
    for index in members:
        total += desired[index] - offset
        offset += sizes[index] + gap
    return total / len(members)
