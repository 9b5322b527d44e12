"""What the browser tests share: where things are, the built site, and a page's log."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import (
        BrowserContext,
        ConsoleMessage,
        Locator,
        Page,
        Request,
        ViewportSize,
    )

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# No background traffic of Chromium's own (updates, sync, field trials), so that
# every request the tests see comes from the page.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = ROOT / "tests" / ".artifacts" / "screenshots"

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 360, "height": 740}

# Material picks its palette from prefers-color-scheme (mkdocs.yml uses media
# queries) and marks the choice on <body data-md-color-scheme>.
Palette = Literal["light", "dark"]
SCHEMES: dict[Palette, str] = {"light": "default", "dark": "slate"}

# Schemes that never leave the machine.
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}


@dataclass(frozen=True)
class BuiltSite:
    """A site built for the tests, and how it was built."""

    root: Path
    pages: tuple[str, ...]
    # The command prefix that cut the build off from the network, or None.
    isolation: tuple[str, ...] | None
    isolation_problem: str
    offline: Path
    """The offline zip, unpacked: what a reader opens from a folder (file://)."""

    def file_url(self, page: str) -> str:
        return (self.offline / page).as_uri()


def discover_pages(site: Path) -> tuple[str, ...]:
    """Every page a reader can open: the built .html files but 404 and the theme's assets."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        # Every edition's pages (uk/ too), but not its 404 page or theme assets.
        if path.name == "404.html" or "assets" in path.relative_to(site).parts:
            continue
        pages.append(relative)
    return tuple(pages)


def no_network_prefix() -> tuple[tuple[str, ...] | None, str]:
    """A command prefix that runs a command with no network, or None and why not.

    A new network namespace has only a loopback interface, and it is down:
    nothing can be reached, not even this machine. As root (CI), `unshare -n`;
    otherwise a user namespace as well, `unshare -rn`, where the kernel allows it.
    """
    import os

    prefix = ("unshare", "-n") if os.geteuid() == 0 else ("unshare", "-rn")
    try:
        probe = subprocess.run(
            [*prefix, "cat", "/proc/self/net/dev"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError as error:
        return None, f"{' '.join(prefix)} cannot run: {error}"
    if probe.returncode != 0:
        return None, f"{' '.join(prefix)} failed: {probe.stderr.strip()}"
    # /proc/self/net/dev: two header lines, then "  name: counters" per interface.
    interfaces = {line.split(":")[0].strip() for line in probe.stdout.splitlines()[2:]}
    if interfaces != {"lo"}:
        return None, f"{' '.join(prefix)} still sees interfaces {sorted(interfaces)}"
    return prefix, ""


def is_local(url: str, origin: str | None) -> bool:
    """Whether a request stays on this machine: the test server's origin, or a local scheme."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return origin is not None and f"{parts.scheme}://{parts.netloc}" == origin


@dataclass
class PageLog:
    """Everything a browser context did that a reader would not want: requests elsewhere, errors.

    Requests to another host are recorded and then aborted, so that a test run
    never reaches the internet even on a machine that could.
    """

    origin: str | None
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    current: str = ""

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._on_request)
        context.route(lambda url: not is_local(url, self.origin), lambda route: route.abort())
        context.on("page", lambda page: self._watch_page(page))
        for page in context.pages:
            self._watch_page(page)

    def _watch_page(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"{self.current}: {error}"))

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        if not is_local(request.url, self.origin):
            self.external.append(f"{self.current}: {request.method} {request.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{self.current}: {message.text}")

    def clear(self) -> None:
        self.requests.clear()
        self.external.clear()
        self.errors.clear()


def bullet_list(lines: list[str], limit: int = 60) -> str:
    shown = [f"  - {line}" for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"  … and {len(lines) - limit} more")
    return "\n".join(shown)


def search(page: Page, word: str) -> Locator:
    """Type a word into Material's search box as a reader would; the results once listed.

    Keys one by one, as a reader types: Material starts the search worker on
    the first keys and runs the query once the index is ready.
    """
    from playwright.sync_api import expect

    box = page.locator("input.md-search__input")
    if not box.is_visible():
        # On a phone the box hides behind the magnifier button in the header.
        page.locator('label.md-header__button[for="__search"]').first.click()
    box.click()
    meta = page.locator(".md-search-result__meta")
    # "Type to start searching", in the edition's language, until results are listed.
    placeholder = meta.inner_text()
    box.press_sequentially(word, delay=20)
    # Material reads the box on keyup. Playwright types a letter that is not on
    # a US keyboard (Cyrillic) as text input, with no key events, where a reader's
    # Ukrainian keyboard sends them: one key release stands in for them.
    box.press("End")
    expect(meta).not_to_have_text(placeholder, timeout=15_000)
    return page.locator(".md-search-result__item")


def settle(page: Page) -> None:
    """Finish CSS transitions and animations, so colours and positions are final."""
    page.evaluate("() => document.getAnimations().forEach((a) => a.finish())")


def load_axe(page: Page, axe_source: str) -> None:
    # evaluate() runs outside the page's Content-Security-Policy, which would
    # (rightly) refuse an injected <script>.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)


AXE_RUN = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String).join(" "),
      summary: (n.failureSummary || "").replace(/\\s+/g, " ").trim(),
      html: n.html.slice(0, 160),
    })),
  }));
}
"""


def axe_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    load_axe(page, axe_source)
    violations: list[dict[str, Any]] = page.evaluate(AXE_RUN, WCAG_TAGS)
    return violations
