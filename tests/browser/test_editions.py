"""A reader switches language on a page and lands on the same page, over http and from a folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser.support import DESKTOP, PHONE, PageLog, bullet_list

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from browser.support import BuiltSite

pytestmark = pytest.mark.browser

# A top-level page, one a folder down, and the home page.
PAGES = ["compare.html", "guarantees/monitoring.html", "index.html"]


@pytest.mark.parametrize("how", ["http", "file"])
def test_the_language_link_leads_to_the_same_page_and_back(
    how: str, browser: Browser, built_site: BuiltSite, server: str
) -> None:
    origin = server if how == "http" else None
    base = origin if origin else built_site.offline.as_uri()
    context = browser.new_context(viewport=PHONE, offline=origin is None)
    log = PageLog(origin=origin)
    log.attach(context)
    try:
        page = context.new_page()
        for name in PAGES:
            log.current = name
            page.goto(f"{base}/{name}")
            # On a phone too the link is in the header, as a word the reader can read.
            link = page.get_by_role("link", name="Українська", exact=True)
            link.click()
            page.wait_for_url(f"{base}/uk/{name}")
            assert page.evaluate("document.documentElement.lang") == "uk"
            page.get_by_role("link", name="English", exact=True).click()
            page.wait_for_url(f"{base}/{name}")
            assert page.evaluate("document.documentElement.lang") == "en"
        assert not log.external, "asked another host:\n" + bullet_list(log.external)
        assert not log.errors, "logged errors:\n" + bullet_list(log.errors)
    finally:
        context.close()


def test_the_language_link_is_reached_and_followed_by_keyboard(
    browser: Browser, built_site: BuiltSite
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(built_site.file_url("uk/timeline.html"))
        reached = []
        for _ in range(12):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.textContent.trim()"))
            if reached[-1] == "English":
                break
        assert reached[-1] == "English", f"Tab went through {reached}"
        page.keyboard.press("Enter")
        page.wait_for_url(built_site.file_url("timeline.html"))
    finally:
        context.close()
