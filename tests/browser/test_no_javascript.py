"""With JavaScript off, every page still shows all of its text and all of its diagrams."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from browser.support import DESKTOP, bullet_list

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from browser.support import BuiltSite

pytestmark = pytest.mark.browser

_DIAGRAM = re.compile(r'<figure class="explainer-diagram[ "]')

# Text in the article that a reader cannot see, diagrams that do not show.
HIDDEN = """
() => {
  const article = document.querySelector("article.md-content__inner");
  if (!article) return { article: false, hidden: [], diagrams: [] };
  const hidden = [];
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const parent = node.parentElement;
    // Permalink anchors show on hover; SVG text is checked with its diagram; the
    // print button is for readers with scripts (the browser's Print does the same).
    if (!text || parent.closest("svg, .headerlink, .explainer-print, script, style, template")) {
      continue;
    }
    if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
      hidden.push(text.slice(0, 60));
    }
  }
  const diagrams = [...article.querySelectorAll("figure.explainer-diagram")].map((figure) => {
    const svg = figure.querySelector("svg");
    const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    return {
      svg: !!svg,
      shown: !!svg && box.width > 50 && box.height > 50
        && svg.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
      name: svg ? (svg.querySelector("title")?.textContent || "").trim() : "",
      shapes: svg ? svg.querySelectorAll("rect, path, line, circle, polygon, text").length : 0,
    };
  });
  return { article: true, text: article.innerText.length, hidden, diagrams };
}
"""


def test_content_and_diagrams_show_without_javascript(
    browser: Browser, built_site: BuiltSite, server: str
) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    problems: list[str] = []
    diagrams_seen = 0
    try:
        page = context.new_page()
        for name in built_site.pages:
            page.goto(f"{server}/{name}", wait_until="load")
            assert page.evaluate("() => document.documentElement.classList.contains('no-js')"), (
                "JavaScript ran in a context where it is disabled: the test proves nothing"
            )
            # A diagram's text version and the page's citation sit in <details>:
            # a reader opens them with a click, which needs no script. (Each
            # click changes what the selector matches: open the first, again.)
            closed = page.locator("article details:not([open]) > summary")
            for _ in range(closed.count()):
                closed.first.click()
            result = page.evaluate(HIDDEN)
            if not result["article"] or result["text"] < 200:
                problems.append(f"{name}: the article is missing or nearly empty")
                continue
            problems += [f"{name}: text not shown: {text!r}" for text in result["hidden"]]
            expected = len(_DIAGRAM.findall((built_site.root / name).read_text(encoding="utf-8")))
            if len(result["diagrams"]) != expected:
                problems.append(
                    f"{name}: {len(result['diagrams'])} diagrams shown, {expected} in the page"
                )
            for number, diagram in enumerate(result["diagrams"], start=1):
                diagrams_seen += 1
                if not (diagram["svg"] and diagram["shown"] and diagram["shapes"] > 3):
                    problems.append(
                        f"{name}: diagram {number} ({diagram['name'] or 'unnamed'}) is not drawn"
                    )
    finally:
        context.close()
    assert not problems, "without JavaScript:\n" + bullet_list(problems)
    assert diagrams_seen > 0, "no page has a diagram: figure.explainer-diagram changed its name?"
