"""WCAG 2.2 AA by axe-core in both palettes, keyboard use, and a layout that fits a phone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from browser.support import DESKTOP, PHONE, SCHEMES, axe_violations, bullet_list, settle

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from browser.support import BuiltSite, Palette

pytestmark = pytest.mark.browser


def _open(page: Page, server: str, name: str) -> None:
    page.goto(f"{server}/{name}", wait_until="load")


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_wcag_violation(
    palette: Palette, browser: Browser, built_site: BuiltSite, server: str, axe_source: str
) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme=palette)
    problems: list[str] = []
    try:
        page = context.new_page()
        for name in built_site.pages:
            _open(page, server, name)
            page.wait_for_selector(f'body[data-md-color-scheme="{SCHEMES[palette]}"]')
            settle(page)
            for violation in axe_violations(page, axe_source):
                for node in violation["nodes"]:
                    problems.append(
                        f"{name}: {violation['id']} ({violation['impact']}) at {node['target']}"
                        f" | {node['summary']} | {node['html']}"
                    )
    finally:
        context.close()
    assert not problems, (
        f"axe-core ({palette} palette) found {len(problems)} WCAG 2.2 A/AA problems:\n"
        + bullet_list(problems, limit=120)
    )


# Marks every element a keyboard user should reach, and tells what is focused.
MARK_FOCUSABLE = """
() => {
  const selector = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea",
    "summary", "iframe", "[tabindex]", "[contenteditable=true]",
  ].join(",");
  const marked = [];
  const radios = new Set();
  for (const el of document.querySelectorAll(selector)) {
    if (el.tabIndex < 0 || el.disabled || el.closest("[inert], [hidden]")) continue;
    if (!el.checkVisibility({ visibilityProperty: true })) {
      // Material hides the palette radios and shows their label instead.
      const shown = el.matches("input.md-option") && el.nextElementSibling;
      if (!shown || !shown.checkVisibility({ visibilityProperty: true })) continue;
    }
    if (el.type === "radio" && el.name) {
      // Tab visits one radio of a group: the checked one, or else the first.
      const group = [...document.getElementsByName(el.name)];
      const stop = group.find((radio) => radio.checked) || group[0];
      if (el !== stop || radios.has(el.name)) continue;
      radios.add(el.name);
    }
    el.dataset.testKeyboard = String(marked.length);
    marked.push(window.__describe(el));
  }
  return marked;
}
"""

DESCRIBE = """
window.__describe = (el) => {
  const text = (el.getAttribute("aria-label") || el.textContent || el.value || "")
    .replace(/\\s+/g, " ").trim().slice(0, 40);
  const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
  const href = el.getAttribute("href") ? `[href="${el.getAttribute("href")}"]` : "";
  return `<${el.tagName.toLowerCase()}${cls}${href}> "${text}"`;
};
"""

# What has focus, and whether a sighted keyboard user can see where it is.
FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  // The palette radio is invisible; its focus ring is drawn on the label after it.
  const shown = el.matches("input.md-option") ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && !/rgba\\(.*,\\s*0\\)$|transparent/.test(style.outlineColor);
  const ring = style.boxShadow !== "none";
  const box = shown.getBoundingClientRect();
  const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth;
  return {
    id: el.dataset.testKeyboard ?? null,
    what: window.__describe(el),
    indicated: (outline || ring) && onScreen,
    style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor};`
      + ` box-shadow: ${style.boxShadow}; box: ${Math.round(box.left)},${Math.round(box.top)}`
      + ` ${Math.round(box.width)}x${Math.round(box.height)}`,
  };
}
"""


def _tab_through(page: Page, expected: int) -> list[dict[str, Any]]:
    """Press Tab until focus comes back round to the first control; what each press focused.

    Focus may leave the page for a press (to the browser, after the last
    control, or when the focused back-to-top button hides itself); the next
    press carries on from there.
    """
    seen: list[dict[str, Any]] = []
    away = 0
    for _ in range(expected + 25):
        page.keyboard.press("Tab")
        focused: dict[str, Any] | None = page.evaluate(FOCUSED)
        if focused is None:
            away += 1
            if away > 2:
                break
            continue
        away = 0
        if seen and focused["id"] is not None and focused["id"] == seen[0]["id"]:
            break
        seen.append(focused)
    return seen


def test_every_control_is_reachable_by_keyboard_with_visible_focus(
    browser: Browser, built_site: BuiltSite, server: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(DESCRIBE)
    unreachable: list[str] = []
    unseen: list[str] = []
    try:
        page = context.new_page()
        for name in built_site.pages:
            _open(page, server, name)
            controls: list[str] = page.evaluate(MARK_FOCUSABLE)
            reached = _tab_through(page, len(controls))
            reached_ids = {f["id"] for f in reached}
            unreachable += [
                f"{name}: {what}" for i, what in enumerate(controls) if str(i) not in reached_ids
            ]
            unseen += [f"{name}: {f['what']} ({f['style']})" for f in reached if not f["indicated"]]
    finally:
        context.close()
    assert not unreachable, "controls that Tab never reaches:\n" + bullet_list(unreachable)
    assert not unseen, "controls whose keyboard focus cannot be seen:\n" + bullet_list(unseen)


def test_a_skip_link_comes_first_and_leads_to_the_content(
    browser: Browser, built_site: BuiltSite, server: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    problems: list[str] = []
    try:
        page = context.new_page()
        for name in built_site.pages:
            _open(page, server, name)
            page.keyboard.press("Tab")
            settle(page)
            skip = page.evaluate(
                """() => {
                  const el = document.activeElement;
                  const box = el.getBoundingClientRect();
                  return {
                    isSkip: el.matches("a.md-skip"),
                    href: el.getAttribute("href") || "",
                    text: el.textContent.trim(),
                    visible: getComputedStyle(el).opacity === "1" && box.width > 0
                      && box.top >= 0 && box.bottom <= innerHeight,
                  };
                }"""
            )
            if not skip["isSkip"]:
                problems.append(f"{name}: the first Tab does not focus a skip link")
                continue
            if not skip["visible"]:
                problems.append(f"{name}: the skip link is focused but cannot be seen")
            target = skip["href"].lstrip("#")
            in_content = page.evaluate(
                "(id) => !!document.getElementById(id)?.closest('.md-content')", target
            )
            if not skip["href"].startswith("#") or not in_content:
                problems.append(f"{name}: the skip link goes to {skip['href']!r}, not the content")
    finally:
        context.close()
    assert not problems, "skip link problems:\n" + bullet_list(problems)


# Elements that stick out of the page at the right, ignoring those inside a box
# that scrolls on its own (a wide table or diagram is fine in its own scroller).
OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  // Inside a box that clips or scrolls sideways, or fixed to the screen (a
  // dialog parked off-screen): such elements cannot widen the page.
  const contained = (el) => {
    if (getComputedStyle(el).position === "fixed") return true;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) return true;
      if (style.position === "fixed") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && !contained(el)) {
      out.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}">`
        + ` right edge at ${Math.round(box.right)}px`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: width,
    offenders: out.slice(0, 5),
  };
}
"""


def test_no_page_scrolls_sideways_on_a_phone(
    browser: Browser, built_site: BuiltSite, server: str
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    problems: list[str] = []
    try:
        page = context.new_page()
        for name in built_site.pages:
            _open(page, server, name)
            settle(page)
            result = page.evaluate(OVERFLOW)
            if result["scrollWidth"] > result["clientWidth"]:
                problems.append(
                    f"{name}: {result['scrollWidth']}px wide in a {result['clientWidth']}px"
                    f" screen; sticking out: {'; '.join(result['offenders']) or 'unknown'}"
                )
    finally:
        context.close()
    assert not problems, "pages wider than a 360px phone:\n" + bullet_list(problems)
