"""Session fixtures: one site built with no network, a local server for it, one Chromium."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from browser.support import (
    AXE_SCRIPT,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    ROOT,
    SCREENSHOTS,
    BuiltSite,
    PageLog,
    discover_pages,
    no_network_prefix,
    search,
)
from explainer.opendata import NAME, ZIP_FILE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site, built once for the session, inside a network namespace when one can be made.

    Building with no network both proves that the build needs none and gives
    the browser tests the very site a reader without network would get.
    """
    site = tmp_path_factory.mktemp("built") / "site"
    prefix, problem = no_network_prefix()
    command = [
        *(prefix or ()),
        sys.executable,
        "-m",
        "explainer",
        "build",
        "--site-dir",
        str(site),
        "--config-file",
        str(ROOT / "mkdocs.yml"),
    ]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"the site did not build ({' '.join(command)}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    pages = discover_pages(site)
    if not pages:
        pytest.fail(f"the build in {site} made no page", pytrace=False)
    # Pages opened from a folder come from the offline zip, unpacked as a reader would.
    unpacked = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(site / ZIP_FILE) as archive:
        archive.extractall(unpacked)
    return BuiltSite(
        root=site,
        pages=pages,
        isolation=prefix,
        isolation_problem=problem,
        offline=unpacked / NAME,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(built_site: BuiltSite) -> Iterator[str]:
    """The built site over http on 127.0.0.1, on a free port; yields its origin."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, started once. A missing browser fails the tests: it never skips them."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, pinned in tests/browser/package-lock.json."""
    if not AXE_SCRIPT.exists():
        pytest.fail(
            f"{AXE_SCRIPT} is missing: run `npm ci --prefix tests/browser` (make test does)",
            pytrace=False,
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


_taken: list[Path] = []


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The screenshot folder, emptied of an earlier run's pictures."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    _taken.append(SCREENSHOTS)
    return SCREENSHOTS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _taken:
        count = len(list(SCREENSHOTS.glob("*.png")))
        terminalreporter.write_line(f"browser screenshots ({count}): {SCREENSHOTS}")


@dataclass(frozen=True)
class Visit:
    """Every page opened once, with a search typed on each, and what the browser logged."""

    how: str  # "http" (the local server) or "file" (the folder)
    pages: tuple[str, ...]
    log: PageLog


@pytest.fixture(scope="session")
def visit(browser: Browser, built_site: BuiltSite, server: str) -> Callable[[str], Visit]:
    """visit("http") or visit("file"): each made once per session, on first use."""
    done: dict[str, Visit] = {}

    def make(how: str) -> Visit:
        if how not in done:
            done[how] = _visit_every_page(browser, built_site, server if how == "http" else None)
        return done[how]

    return make


def _visit_every_page(browser: Browser, site: BuiltSite, origin: str | None) -> Visit:
    # From a folder the browser is also offline, as a reader on a train would be.
    context = browser.new_context(viewport=DESKTOP, offline=origin is None)
    log = PageLog(origin=origin)
    log.attach(context)
    page = context.new_page()
    try:
        for name in site.pages:
            log.current = name
            page.goto(f"{origin}/{name}" if origin else site.file_url(name), wait_until="load")
            # A search on every page: it loads the index and starts the worker,
            # whose requests and errors belong to the page too.
            try:
                search(page, "ukraine")
            except PlaywrightTimeoutError:
                log.errors.append(f"{name}: a search for 'ukraine' listed nothing in 15 s")
    finally:
        context.close()
    return Visit(how="http" if origin else "file", pages=site.pages, log=log)
