"""Screenshots of the main pages at desktop and phone width, in both palettes, to look at.

They go to tests/.artifacts/screenshots/ (the run prints the folder). The
test also checks what anyone looking at them would check first: the palette
took, and the page is exactly as wide as the screen.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import pytest

from browser.support import DESKTOP, PHONE, SCHEMES, settle

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

    from browser.support import BuiltSite, Palette

pytestmark = pytest.mark.browser

MAIN_PAGES = ["index.html", "how-it-works.html", "timeline.html", "compare.html"]


def _one_guarantee(site: BuiltSite) -> str:
    """guarantees/first-line.html, the first layer, or else the first guarantee page."""
    pages = [p for p in site.pages if p.startswith("guarantees/") and not p.endswith("index.html")]
    assert pages, "the site has no guarantee page"
    preferred = "guarantees/first-line.html"
    return preferred if preferred in pages else pages[0]


def _png_width(path: Path) -> int:
    # A PNG starts with an 8-byte signature and the IHDR chunk: width is at byte 16.
    width: int = struct.unpack(">I", path.read_bytes()[16:20])[0]
    return width


# Relative luminance of the page background, 0 (black) to 1 (white).
BACKGROUND_LUMINANCE = """
() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor
    .match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number)
    .map((c) => c / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
"""


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_the_main_pages(
    device: str,
    palette: Palette,
    browser: Browser,
    built_site: BuiltSite,
    server: str,
    screenshots: Path,
) -> None:
    viewport = DESKTOP if device == "desktop" else PHONE
    context = browser.new_context(
        viewport=viewport,
        color_scheme=palette,
        is_mobile=device == "phone",
        has_touch=device == "phone",
    )
    problems: list[str] = []
    try:
        page = context.new_page()
        for name in [*MAIN_PAGES[:2], _one_guarantee(built_site), *MAIN_PAGES[2:]]:
            page.goto(f"{server}/{name}", wait_until="load")
            page.wait_for_selector(f'body[data-md-color-scheme="{SCHEMES[palette]}"]')
            settle(page)
            luminance = page.evaluate(BACKGROUND_LUMINANCE)
            if (luminance > 0.5) != (palette == "light"):
                problems.append(f"{name}: background luminance {luminance:.2f} in {palette}")
            stem = name.replace("/", "_").removesuffix(".html")
            shot = screenshots / f"{stem}-{device}-{palette}.png"
            page.screenshot(path=shot, full_page=True, animations="disabled", caret="hide")
            width = _png_width(shot)
            if width != viewport["width"]:
                problems.append(f"{name}: {width}px wide on a {viewport['width']}px screen")
    finally:
        context.close()
    assert not problems, f"screenshots ({device}, {palette}):\n" + "\n".join(problems)
