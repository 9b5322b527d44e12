"""The built site: every entity has its page, every link and citation resolves,
bad data stops the build with located messages, and builds are atomic,
reproducible and free of clashes."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from explainer.load import load_explainer
from explainer.sitebuild import MARKER, MARKER_TEXT

from conftest import CASES, ROOT, SCHEMAS, build_site

DATA = ROOT / "data"


class PageParser(HTMLParser):
    """Collects ids, links, images, scripts and stylesheet references of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[dict[str, str]] = []
        self.sources: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append(attributes)
        for attribute in ("src", "srcset", "poster", "data"):
            if attribute in attributes:
                self.sources.append((tag, attributes[attribute]))
        if tag == "link" and "href" in attributes:
            self.sources.append((tag, attributes["href"]))


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    # 404.html is served by a web server at any address, so MkDocs gives it
    # root-relative links on purpose; it is not part of the reading path.
    return sorted(
        p for p in site.rglob("*.html") if "assets" not in p.parts and p.name != "404.html"
    )


def test_every_entity_has_its_page_or_anchor(built_site: Path) -> None:
    explainer = load_explainer(DATA, SCHEMAS)
    for actor_id in explainer.actors:
        assert (built_site / "actors" / f"{actor_id}.html").is_file(), actor_id
    for guarantee_id in explainer.guarantees:
        assert (built_site / "guarantees" / f"{guarantee_id}.html").is_file(), guarantee_id
    shared = {
        "timeline.html": [f"event-{e}" for e in explainer.events]
        + [f"timeline-{t}" for t in explainer.timelines],
        "glossary.html": [f"term-{t}" for t in explainer.terms],
        "sources.html": [f"source-{s}" for s in explainer.sources],
    }
    for page, anchors in shared.items():
        missing = set(anchors) - parse(built_site / page).ids
        assert not missing, f"{page} lacks anchors {sorted(missing)}"
    for page in ("guarantees/index.html", "actors/index.html"):
        hrefs = {link["href"] for link in parse(built_site / page).links}
        folder = page.split("/")[0]
        ids = explainer.guarantees if folder == "guarantees" else explainer.actors
        assert {f"{entity}.html" for entity in ids} <= hrefs, f"{page} misses an entity"


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    parsed = {path: parse(path) for path in pages(built_site)}
    broken: list[str] = []
    for path, parser in parsed.items():
        for link in parser.links:
            parts = urlsplit(link["href"])
            if parts.scheme or parts.netloc:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)} -> {link['href']}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(built_site)} -> {link['href']} (anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_every_citation_leads_to_a_listed_source(built_site: Path) -> None:
    explainer = load_explainer(DATA, SCHEMAS)
    cited_pages = 0
    for path in pages(built_site):
        parser = parse(path)
        citations = [link for link in parser.links if link["href"].startswith("#cite-")]
        if not citations:
            continue
        cited_pages += 1
        for link in citations:
            assert link["href"][1:] in parser.ids, f"{path.name}: {link['href']} has no entry"
        entries = [
            link["href"].split("#source-", 1)[1]
            for link in parser.links
            if "sources.html#source-" in link["href"]
        ]
        assert set(entries) <= set(explainer.sources), path.name
    # Home, how it works, every guarantee and actor page cite their sources.
    assert cited_pages >= 2 + len(explainer.guarantees) + len(explainer.actors)


def test_external_links_are_safe_and_nothing_loads_from_elsewhere(built_site: Path) -> None:
    for path in pages(built_site):
        parser = parse(path)
        for link in parser.links:
            if urlsplit(link["href"]).scheme in ("http", "https"):
                assert link["href"].startswith("https://"), link["href"]
                rel = set(link.get("rel", "").split())
                assert {"noopener", "noreferrer"} <= rel, f"{path.name}: {link['href']}"
        for tag, source in parser.sources:
            if tag == "a":
                continue
            parts = urlsplit(source)
            assert not parts.scheme and not parts.netloc, f"{path.name}: {tag} loads {source}"


def test_schemas_are_published(built_site: Path) -> None:
    for schema in sorted((DATA / "schema").glob("*.schema.json")):
        assert (built_site / "schema" / schema.name).read_bytes() == schema.read_bytes()


def test_entities_added_as_yaml_get_pages_rows_and_links(
    tmp_path: Path, data_copy: Callable[..., Path]
) -> None:
    data = data_copy(DATA)
    (data / "actors" / "poland.yaml").write_text(
        "name: Poland\nkind: state\n"
        "summary: A neighbour that backs [the plan](guarantee:air-cover).\n"
    )
    (data / "guarantees" / "air-cover.yaml").write_text(
        "title: Air cover over western Ukraine\nsummary: Aircraft patrols.\nkind: military\n"
        "phase: deterrence\nlayer: 5\nproviders: [poland]\nbeneficiaries: [ukraine]\n"
        'status_history:\n  - date: "2025-12-18"\n    status: rumoured\n    binding: none\n'
        "    sources: [bloomberg-2025-12-18]\n"
        "sources: [bloomberg-2025-12-18]\n"
        'as_of: "2025-12-18"\n'
    )
    timeline = data / "timelines" / "negotiations-2026.yaml"
    timeline.write_text(
        timeline.read_text()
        + "  - id: warsaw-meeting\n"
        + '    date: "2026-03-10"\n'
        + "    title: Meeting in Warsaw\n"
        + "    summary: Poland offers air cover.\n"
        + "    sources: [unn-2026-03-10]\n"
        + "    actors: [poland]\n"
        + "    guarantees: [air-cover]\n"
    )
    site = tmp_path / "site"
    result = build_site(site, data=data)
    assert result.returncode == 0, result.stderr
    assert "Poland" in (site / "actors" / "poland.html").read_text()
    guarantee_page = (site / "guarantees" / "air-cover.html").read_text()
    assert "Air cover over western Ukraine" in guarantee_page
    assert "../actors/poland.html" in guarantee_page
    assert "air-cover.html" in (site / "guarantees" / "index.html").read_text()
    assert "poland.html" in (site / "actors" / "index.html").read_text()
    timeline_page = parse(site / "timeline.html")
    assert "event-warsaw-meeting" in timeline_page.ids
    assert any(link["href"] == "actors/poland.html" for link in timeline_page.links)


def test_bad_data_stops_mkdocs_with_located_messages(data_copy: Callable[..., Path]) -> None:
    data = data_copy(CASES / "base", CASES / "invalid" / "unknown-id" / "data")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(data.parent / "out")],
        cwd=ROOT,
        env={**os.environ, "EXPLAINER_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "guarantees/first-line.yaml:7:13: error: unknown actor 'united-sates'" in result.stderr
    assert "(did you mean 'united-states'?)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (data.parent / "out").exists()


def test_failed_build_leaves_the_previous_site_untouched(
    tmp_path: Path, data_copy: Callable[..., Path]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    (site / MARKER).write_text(MARKER_TEXT)
    data = data_copy(CASES / "base", CASES / "invalid" / "duplicate-key" / "data")
    result = build_site(site, data=data)
    assert result.returncode != 0
    assert "duplicate key 'layer'" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == [MARKER, "index.html"]
    assert (site / "index.html").read_text() == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


def tree_digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path, built_site: Path) -> None:
    last_commit = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    epoch = {"SOURCE_DATE_EPOCH": last_commit}
    first, second = tmp_path / "first", tmp_path / "second"
    assert build_site(first, env=epoch).returncode == 0
    assert build_site(second, env=epoch).returncode == 0
    digest = tree_digest(first)
    assert digest == tree_digest(second)
    assert len(digest) == len(tree_digest(built_site))


def test_generated_page_clashing_with_a_hand_written_page_is_an_error(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "docs" / "timeline.md").write_text("# My own timeline\n")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "hooks").symlink_to(ROOT / "hooks")
    (project / "data").symlink_to(DATA)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "generated page 'timeline.md' ('Timeline') clashes with the hand-written "
        "docs/timeline.md" in result.stderr
    )


def test_serve_reports_bad_data_keeps_running_and_recovers(
    tmp_path: Path, data_copy: Callable[..., Path]
) -> None:
    data = data_copy(CASES / "base")
    guarantee = data / "guarantees" / "first-line.yaml"
    good = guarantee.read_text()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", "127.0.0.1:0"],
            cwd=ROOT,
            env={**os.environ, "EXPLAINER_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(log, "Serving on", server)
        guarantee.write_text(good.replace("providers: [ukraine]", "providers: [ukrain]"))
        wait_for(log, "unknown actor 'ukrain' (did you mean 'ukraine'?)", server)
        guarantee.write_text(good)
        wait_for(log, "Reloading browsers", server)
        assert server.poll() is None, "mkdocs serve stopped"
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_for(log: Path, text: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text():
            return
        assert server.poll() is None, f"mkdocs serve exited:\n{log.read_text()}"
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not seen in time:\n{log.read_text()}")


def test_glossary_headings_keep_their_permalink(built_site: Path) -> None:
    # A term's heading links to itself; that permalink is not a mention of the term.
    glossary = (built_site / "glossary.html").read_text(encoding="utf-8")
    permalinks = re.findall(r'<h2 id="term-[^"]+">.*?(<a [^>]*>)&para;</a></h2>', glossary)
    assert len(permalinks) >= 20
    assert all('class="headerlink"' in link for link in permalinks), permalinks[:3]


def test_pages_have_a_share_preview_in_their_language_with_nothing_fetched(
    built_site: Path,
) -> None:
    english = (built_site / "guarantees" / "monitoring.html").read_text(encoding="utf-8")
    ukrainian = (built_site / "uk" / "guarantees" / "monitoring.html").read_text(encoding="utf-8")
    title = re.search(r'<meta property="og:title" content="([^"]*)">', english)
    assert title and title.group(1) in english.split("<h1", 1)[1]
    assert '<meta property="og:locale" content="en_GB">' in english
    assert '<meta property="og:locale" content="uk_UA">' in ukrainian
    assert '<meta name="twitter:card" content="summary">' in english
    # No image: a share image would be a file fetched by other sites' previews.
    assert "og:image" not in english and "twitter:image" not in english
