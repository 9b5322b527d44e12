"""Nothing a reader should see is cut off, on any page, in either edition, palette or width.

A box may hide what overflows it only by scrolling, and then it must show that
it scrolls: the shadow cue of explainer.css, at the edge beyond which there is
more. Text cut short with "…", a table clipped inside its own box, a heading
hidden under a fixed height: each of these fails here, naming the page and the
element. The existing phone test checks that no page scrolls sideways as a
whole; this one checks every box inside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser.support import DESKTOP, PHONE, SCHEMES, bullet_list, settle

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from browser.support import BuiltSite, Palette

pytestmark = pytest.mark.browser

# Every rendered element, with closed <details> opened first (a diagram's text
# version, "Cite this page"), since a reader opens them. Returns one line per
# element that hides part of its content.
CLIPPED = """
() => {
  for (const details of document.querySelectorAll("details")) details.open = true;
  const describe = (el) => {
    const cls = (el.getAttribute("class") || "").trim().split(/\\s+/).slice(0, 2).join(".");
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50);
    return `<${el.tagName.toLowerCase()}${cls ? "." + cls : ""}> "${text}"`;
  };
  // The cue: two covers that scroll with the content over two shadows fixed to
  // the box's edges (background-attachment local and scroll).
  const hasCue = (style) => {
    const attachments = style.backgroundAttachment.split(",").map((a) => a.trim());
    const gradients = (style.backgroundImage.match(/gradient\\(/g) || []).length;
    return attachments.includes("local") && attachments.includes("scroll") && gradients >= 4;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    // Text for screen readers only (1px, clipped on purpose).
    if (box.width <= 2 || box.height <= 2) continue;
    const wide = el.scrollWidth > el.clientWidth + 1;
    const tall = el.scrollHeight > el.clientHeight + 1;
    // Material's drawer keeps its deeper menus beside the open one, to slide
    // them in; they are not content cut off (their entries are checked too).
    const drawer = el.matches(".md-sidebar__scrollwrap");
    if (wide && !drawer && ["hidden", "clip"].includes(style.overflowX)) {
      out.push(`cut off at the side (${el.scrollWidth}px in ${el.clientWidth}px): ${describe(el)}`);
    } else if (wide && ["auto", "scroll"].includes(style.overflowX) && !hasCue(style)) {
      const sizes = `${el.scrollWidth}px in ${el.clientWidth}px`;
      out.push(`scrolls sideways with no cue (${sizes}): ${describe(el)}`);
    }
    if (tall && ["hidden", "clip"].includes(style.overflowY)) {
      out.push(`cut off below (${el.scrollHeight}px in ${el.clientHeight}px): ${describe(el)}`);
    }
    if (style.textOverflow === "ellipsis" && wide) {
      out.push(`text ends in an ellipsis: ${describe(el)}`);
    }
  }
  return [...new Set(out)];
}
"""


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_no_page_cuts_off_what_it_shows(
    device: str, palette: Palette, browser: Browser, built_site: BuiltSite, server: str
) -> None:
    phone = device == "phone"
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        color_scheme=palette,
        is_mobile=phone,
        has_touch=phone,
    )
    problems: list[str] = []
    try:
        page = context.new_page()
        for name in built_site.pages:
            page.goto(f"{server}/{name}", wait_until="load")
            page.wait_for_selector(f'body[data-md-color-scheme="{SCHEMES[palette]}"]')
            settle(page)
            problems += [f"{name}: {line}" for line in page.evaluate(CLIPPED)]
    finally:
        context.close()
    width = (PHONE if phone else DESKTOP)["width"]
    assert not problems, f"content cut off at {width}px in the {palette} palette:\n" + bullet_list(
        problems
    )


def test_the_comparison_scrolls_under_its_questions_on_a_wide_screen(
    browser: Browser, server: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{server}/compare.html", wait_until="load")
        scroller = page.locator(".explainer-compare .md-typeset__scrollwrap")
        sizes = scroller.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
        assert sizes[0] > sizes[1], f"the comparison fits ({sizes}): the cue is wrong"
        assert page.locator(".explainer-compare .explainer-scroll-cue").is_visible(), (
            "nothing above the comparison says that it scrolls"
        )
        scroller.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
        edges = scroller.evaluate(
            """(el) => [el.getBoundingClientRect().left,
                        el.querySelector('tbody th[scope=row]').getBoundingClientRect().left]"""
        )
    finally:
        context.close()
    assert abs(edges[0] - edges[1]) <= 1, (
        f"scrolled to the last framework, the questions left the view ({edges})"
    )


def test_the_comparison_is_a_card_per_question_on_a_phone(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{server}/compare.html", wait_until="load")
        box = page.locator(".explainer-compare")
        sizes = box.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
        frameworks = box.locator("thead th").all_inner_texts()[1:]
        # The name each answer is shown under, as drawn: its ::before label.
        labels = box.evaluate(
            """(el) => [...el.querySelector('tbody tr').querySelectorAll('td')].map(
                 (td) => getComputedStyle(td, '::before').content)"""
        )
        cdp = context.new_cdp_session(page)
        tree = cdp.send("Accessibility.getFullAXTree")
    finally:
        context.close()
    assert sizes[0] <= sizes[1], f"the comparison still scrolls sideways on a phone ({sizes})"
    assert frameworks, "the comparison lost its column headers"
    assert len(labels) == len(frameworks), labels
    for framework, label in zip(frameworks, labels, strict=True):
        assert framework.strip() in label, f"an answer under {framework!r} is labelled {label}"
    # Drawn as cards, it is still a table to a screen reader, read cell by cell.
    roles = [node.get("role", {}).get("value") for node in tree["nodes"]]
    rows = roles.count("rowheader")
    assert rows >= 1, "a screen reader no longer finds the questions as row headers"
    assert roles.count("cell") >= rows * len(frameworks), (
        "a screen reader no longer finds the answers as table cells"
    )
