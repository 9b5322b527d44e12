"""Every page carries a Content-Security-Policy that lets the site's own scripts run, and no other.

The policy is a <meta> in docs/overrides/main.html; its inline-script hashes
must match what Material writes into the pages.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from browser.support import DESKTOP, bullet_list

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Browser

    from browser.conftest import Visit
    from browser.support import BuiltSite


class _PolicyAndScripts(HTMLParser):
    """The page's CSP, whether it precedes every script and stylesheet, and its inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.policy: str | None = None
        self.loaded_before_policy: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False
        self._script = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policy = values.get("content", "")
        elif self.policy is None and (
            tag == "script" or (tag == "link" and values.get("rel") == "stylesheet")
        ):
            self.loaded_before_policy.append(tag)
        if tag == "script" and "src" not in values and "json" not in values.get("type", ""):
            self._in_script, self._script = True, ""

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self.inline_scripts.append(self._script)
            self._in_script = False


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@pytest.mark.slow
def test_every_page_has_a_policy_that_allows_its_own_inline_scripts(
    built_site: BuiltSite,
) -> None:
    files = [*built_site.pages, "404.html"]
    problems: list[str] = []
    needed: set[str] = set()
    for name in files:
        parser = _PolicyAndScripts()
        parser.feed((built_site.root / name).read_text(encoding="utf-8"))
        if parser.policy is None:
            problems.append(f"{name}: no Content-Security-Policy <meta>")
            continue
        if parser.loaded_before_policy:
            problems.append(f"{name}: {parser.loaded_before_policy} come before the policy")
        script_src = re.search(r"script-src ([^;]*)", parser.policy)
        allowed = set(script_src.group(1).split()) if script_src else set()
        for script in parser.inline_scripts:
            needed.add(_sha256(script))
            if _sha256(script) not in allowed:
                problems.append(f"{name}: inline script {script[:50]!r}… has no hash in script-src")
    assert not problems, (
        "the Content-Security-Policy in docs/overrides/main.html is out of step with the pages:\n"
        + bullet_list(problems)
        + "\nhashes of the inline scripts now built: "
        + " ".join(sorted(needed))
    )


@pytest.mark.browser
@pytest.mark.parametrize("how", ["http", "file"])
def test_the_policy_blocks_nothing_the_site_needs(how: str, visit: Callable[[str], Visit]) -> None:
    refused = [e for e in visit(how).log.errors if "Content Security Policy" in e]
    assert not refused, (
        f"the browser refused parts of the site ({how}); widen the policy or its hashes "
        "in docs/overrides/main.html:\n" + bullet_list(refused)
    )


@pytest.mark.browser
def test_the_policy_refuses_an_injected_script(
    browser: Browser, built_site: BuiltSite, server: str
) -> None:
    """What the policy is for: a script slipped into a page (say, through data) does not run."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{server}/{built_site.pages[0]}")
        outcome = page.evaluate(
            """() => new Promise((resolve) => {
              document.addEventListener("securitypolicyviolation",
                (event) => resolve({ ran: window.__injected === true,
                                     directive: event.effectiveDirective }), { once: true });
              const script = document.createElement("script");
              script.textContent = "window.__injected = true";
              document.body.append(script);
              setTimeout(() => resolve({ ran: window.__injected === true, directive: null }), 2000);
            })"""
        )
    finally:
        context.close()
    assert not outcome["ran"], "an inline script added to the page ran: the policy does not hold"
    assert outcome["directive"] == "script-src-elem", outcome
