"""What readers of such sites use: a print button that prints, a citation to copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser.support import DESKTOP

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from browser.support import BuiltSite

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("page_name", "label"),
    [
        ("guarantees/monitoring.html", "Print this page"),
        ("uk/guarantees/monitoring.html", "Надрукувати цю сторінку"),
    ],
)
def test_the_print_button_opens_the_print_dialog(
    browser: Browser, built_site: BuiltSite, page_name: str, label: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(built_site.file_url(page_name))
        # The dialog itself cannot be seen headless: what the button calls is.
        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed++; }; }")
        page.get_by_role("button", name=label).click()
        assert page.evaluate("() => window.printed") == 1
        # The citation opens without a script, and holds its BibTeX entry.
        summary = page.locator("details.explainer-cite-page > summary")
        summary.click()
        assert (
            "@misc{explainer-guarantees-monitoring,"
            in page.locator("details.explainer-cite-page pre").inner_text()
        )
    finally:
        context.close()


def test_without_scripts_there_is_no_dead_print_button(
    browser: Browser, built_site: BuiltSite
) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(built_site.file_url("guarantees/monitoring.html"))
        assert page.get_by_role("button", name="Print this page").count() == 0
    finally:
        context.close()


# On paper nothing scrolls: whatever sticks out of the printed width, or hides
# in a scroll box, is lost. An A4 page printed by Chromium with its default
# margins is about 718 CSS pixels wide.
PRINTED_WIDTH = 718
LOST_ON_PAPER = """
() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll(".md-content *")) {
    if (!el.getClientRects().length) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 2 || box.height <= 2) continue;
    if (box.right > width + 1) {
      out.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}">`
        + ` reaches ${Math.round(box.right)}px of ${width}px`);
    } else if (el.scrollWidth > el.clientWidth + 1
               && getComputedStyle(el).overflowX !== "visible") {
      out.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}">`
        + ` hides ${el.scrollWidth - el.clientWidth}px sideways`);
    }
  }
  return out.slice(0, 5);
}
"""


@pytest.mark.parametrize(
    "page_name",
    ["compare.html", "uk/compare.html", "index.html", "timeline.html", "map.html"],
)
def test_printed_the_comparison_and_diagrams_fit_the_page(
    browser: Browser, built_site: BuiltSite, page_name: str
) -> None:
    context = browser.new_context(viewport={"width": PRINTED_WIDTH, "height": 1000})
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(built_site.file_url(page_name))
        lost = page.evaluate(LOST_ON_PAPER)
    finally:
        context.close()
    assert not lost, f"{page_name}, printed, loses content:\n" + "\n".join(lost)
