"""The hostile corpus, loaded in Chromium: no payload from data runs a script.

The site is built from the real data plus one actor, guarantee, source, term,
event and comparison row per payload (tests/injection.py); every page that
shows them is opened from the folder, focused through and hovered, while a
dialog listener records any alert() that a payload managed to run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser.support import DESKTOP

from conftest import ROOT, build_site
from injection import PAYLOADS, rejected_by_check, write_injected_data

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Dialog

pytestmark = pytest.mark.browser

BUILT = tuple(p for p in PAYLOADS if not rejected_by_check(p))
SHARED_PAGES = ("index.html", "timeline.html", "glossary.html", "sources.html", "compare.html")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-browser")
    write_injected_data(ROOT / "data", folder / "data", BUILT)
    result = build_site(folder / "site", data=folder / "data")
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


def test_no_payload_runs_in_the_browser(browser: Browser, hostile_site: Path) -> None:
    dialogs: list[str] = []
    context = browser.new_context(viewport=DESKTOP, offline=True)
    page = context.new_page()

    def record(dialog: Dialog) -> None:
        dialogs.append(f"{page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    page.on("dialog", record)
    pages = [
        *SHARED_PAGES,
        *(f"actors/hostile-{n:02d}.html" for n in range(len(BUILT))),
        *(f"guarantees/hostile-{n:02d}.html" for n in range(len(BUILT))),
    ]
    try:
        for name in pages:
            page.goto((hostile_site / name).as_uri(), wait_until="load")
            # Handlers that need a reader's action: focus moves and pointer hovers.
            for _ in range(3):
                page.keyboard.press("Tab")
            for link in page.locator("article a").all()[:6]:
                if link.is_visible():
                    link.hover(timeout=2000)
    finally:
        context.close()
    assert not dialogs, "payloads ran:\n" + "\n".join(dialogs)
