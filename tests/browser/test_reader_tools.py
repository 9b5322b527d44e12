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
