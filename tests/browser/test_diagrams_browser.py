"""The diagrams as Chromium draws them: at their own size on a phone, text within its estimate."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser.support import PHONE, bullet_list, settle
from explainer.diagrams.layout import text_width

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from browser.support import BuiltSite

pytestmark = pytest.mark.browser

# A line may come out this much longer than layout.py estimates: a rounding of
# the glyph advances on a short word, never enough to reach a box's border.
TOLERANCE_PX = 1.5

DIAGRAMS = """
() => [...document.querySelectorAll("svg.explainer-diagram__svg")].map((svg) => {
  const scroller = svg.closest(".explainer-diagram__scroll");
  return {
    name: svg.getAttribute("class"),
    drawn: svg.getBoundingClientRect().width,
    natural: Number(svg.getAttribute("width")),
    // The map is drawn to the column's width, with no scroll box of its own.
    scrolls: scroller !== null && scroller.scrollWidth > scroller.clientWidth,
    lines: [...svg.querySelectorAll("tspan")].map((t) => [
      t.textContent,
      Number(t.getAttribute("font-size")),
      t.getAttribute("font-weight") === "bold",
      t.getComputedTextLength(),
    ]),
  };
})
"""


def _diagram_pages(site: BuiltSite) -> list[str]:
    return [
        name
        for name in site.pages
        if "explainer-diagram__svg" in (site.root / name).read_text(encoding="utf-8")
    ]


def test_on_a_phone_every_diagram_is_read_at_its_own_size(
    browser: Browser, built_site: BuiltSite, server: str
) -> None:
    pages = _diagram_pages(built_site)
    # Both editions: the home page, how it works, the guarantees and the timeline.
    assert len(pages) >= 8, pages
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    problems: list[str] = []
    try:
        page = context.new_page()
        for name in pages:
            page.goto(f"{server}/{name}", wait_until="load")
            settle(page)
            for diagram in page.evaluate(DIAGRAMS):
                where = f"{name}: {diagram['name']}"
                # The map keeps its shape and is scaled to the column instead
                # (its labels are drawn large enough for that: 10.7 px at 360 px).
                scaled = "explainer-diagram__svg--map" in diagram["name"]
                if diagram["drawn"] < diagram["natural"] - 0.5 and not scaled:
                    problems.append(f"{where} is shrunk to {diagram['drawn']:.0f}px")
                if diagram["scrolls"]:
                    problems.append(f"{where} scrolls sideways")
    finally:
        context.close()
    assert not problems, "diagrams not at their own size on a phone:\n" + bullet_list(problems)


def test_no_line_of_diagram_text_is_longer_than_its_estimate(
    browser: Browser, built_site: BuiltSite, server: str
) -> None:
    # The boxes are sized from layout.text_width; a font that draws wider than
    # the estimate would push text over a border.
    page = browser.new_page()
    problems: list[str] = []
    try:
        for name in _diagram_pages(built_site):
            page.goto(f"{server}/{name}", wait_until="load")
            for diagram in page.evaluate(DIAGRAMS):
                for text, size, bold, drawn in diagram["lines"]:
                    estimate = text_width(text, size, bold=bold)
                    if drawn > estimate + TOLERANCE_PX:
                        problems.append(
                            f"{name}: {text!r} ({size}px{' bold' if bold else ''}) is drawn "
                            f"{drawn:.1f}px long, estimated {estimate:.1f}px"
                        )
    finally:
        page.close()
    assert not problems, "text longer than estimated:\n" + bullet_list(problems[:20])
