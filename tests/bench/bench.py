"""Measure the build: time, memory, output size and first-view weight; write BENCHMARKS.md.

    python tests/bench/bench.py            # make bench: N = 100, 1,000 and 10,000 (slow)
    python tests/bench/bench.py --tiny     # N = 30 only, to prove the bench works (CI)

One run on one machine. For each N, a synthetic data folder (``synth.py``
beside this file) is built twice, each time by ``mkdocs build`` in a subprocess whose
peak memory comes from ``wait4``:

- ours: the real mkdocs.yml, with the hook reading the folder (EXPLAINER_DATA);
- baseline: the very files our hook adds (exported once through MkDocs' own
  plugin events), written out as plain Markdown beside a copy of docs/, built
  with the same mkdocs.yml minus the hook. ours / baseline is what the hook
  costs.

Then: loading and validation alone, output size per page and in total, a
cProfile of one build, and, on the real data/, the first-view weight of each
page type (HTML plus the CSS, JS and images it references, gzipped) and its
requests. MkDocs stays out of the engine: it only runs in subprocesses here.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import platform
import posixpath
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any

from explainer.load import load_explainer

from synth import allocate, synth  # beside this file

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "data" / "schema"

FULL_SIZES = (100, 1_000, 10_000)
TINY_SIZES = (30,)
PROFILE_SIZE = 1_000
FIRST_VIEW_LIMIT = 150 * 1024
GZIP_LEVEL = 6  # what web servers commonly use
# The page types of the real site: (name, built file or a folder to pick the heaviest from).
PAGE_TYPES = (
    ("home", "index.html"),
    ("how-it-works", "how-it-works.html"),
    ("guarantees index", "guarantees/index.html"),
    ("a guarantee", "guarantees/"),
    ("actors index", "actors/index.html"),
    ("an actor", "actors/"),
    ("timeline", "timeline.html"),
    ("compare", "compare.html"),
    ("glossary", "glossary.html"),
    ("sources", "sources.html"),
)
# Top-level keys of mkdocs.yml that the baseline drops: the hook, and what it watches.
BASELINE_DROPS = ("hooks", "watch")


# -- running a build -------------------------------------------------------------


@dataclass
class Run:
    """One measured subprocess."""

    ok: bool
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    returncode: int = 0
    timed_out: bool = False
    log_tail: str = ""


def measure(
    command: list[str], *, env: dict[str, str], cwd: Path, log: Path, timeout: float
) -> Run:
    """Run command; wall time, CPU time and peak RSS of that process alone (wait4)."""
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
    if timed_out.is_set():
        tail = f"stopped by the bench after the {timeout:.0f} s timeout\n{tail}"
    elif code < 0:
        tail = f"killed by signal {signal.Signals(-code).name}, not by the bench\n{tail}"
    return Run(
        ok=code == 0,
        seconds=round(seconds, 3),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
        returncode=code,
        timed_out=timed_out.is_set(),
        log_tail="" if code == 0 else tail,
    )


def build_env(data: Path | None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("EXPLAINER_DATA", None)
    if data is not None:
        env["EXPLAINER_DATA"] = str(data)
    return env


def mkdocs_build(config: Path, site: Path, *, strict: bool = True) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)]
    return [*command, "--site-dir", str(site), *(["--strict"] if strict else [])]


# -- the baseline ------------------------------------------------------------------


def export_generated(config_file: Path, out: Path) -> int:
    """Write every file the hook adds to a build, as MkDocs' own events produce them.

    Runs in its own process (``bench.py export``): it imports MkDocs and the hook.
    """
    from mkdocs.commands.build import get_files
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    files = config.plugins.on_files(files, config=config)
    count = 0
    for file in files:
        if file.generated_by is None:
            continue
        target = out / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content_bytes)
        count += 1
    print(f"exported {count} generated files")
    return 0


def baseline_config(text: str) -> str:
    """mkdocs.yml without the hook (and its watch list); everything else as it is."""
    kept: list[str] = []
    dropping = False
    for line in text.splitlines(keepends=True):
        top_level = re.match(r"^([A-Za-z_][\w-]*):", line)
        if top_level:
            dropping = top_level.group(1) in BASELINE_DROPS
        elif line.strip() and not line[0].isspace() and not line.startswith("#"):
            dropping = False
        if not dropping:
            kept.append(line)
    return "".join(kept)


def prepare_baseline(data: Path, work: Path, *, timeout: float) -> tuple[Path, Run]:
    """A plain MkDocs project: docs/ plus the hook's pages as files, mkdocs.yml minus the hook."""
    project = work / "baseline-project"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "mkdocs.yml").write_text(
        baseline_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    export = measure(
        [sys.executable, __file__, "export", "--out", str(project / "docs")],
        env=build_env(data),
        cwd=ROOT,
        log=work / "export.log",
        timeout=timeout,
    )
    return project / "mkdocs.yml", export


# -- output size ---------------------------------------------------------------------


def output_sizes(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    html_bytes = sum(p.stat().st_size for p in pages)
    search = site / "search" / "search_index.json"

    def size(relative: str) -> int | None:
        path = site / relative
        return path.stat().st_size if path.is_file() else None

    def entity_sizes(folder: str) -> list[int]:
        return sorted(
            p.stat().st_size for p in (site / folder).glob("*.html") if p.name != "index.html"
        )

    guarantees, actors = entity_sizes("guarantees"), entity_sizes("actors")
    sample = next(iter(sorted((site / "guarantees").glob("*.html"))), None)
    nav_links = sample.read_text(encoding="utf-8").count('class="md-nav__link') if sample else None
    return {
        "html_pages": len(pages),
        "html_bytes": html_bytes,
        "html_bytes_per_page": round(html_bytes / len(pages)) if pages else None,
        "total_files": len(files),
        "total_bytes": sum(p.stat().st_size for p in files),
        "search_index_bytes": search.stat().st_size if search.is_file() else None,
        "largest_page": max(
            ((p.stat().st_size, p.relative_to(site).as_posix()) for p in pages), default=(0, "")
        )[1],
        "largest_page_bytes": max((p.stat().st_size for p in pages), default=0),
        "nav_links_on_an_entity_page": nav_links,
        "page_bytes": {
            "home": size("index.html"),
            "how-it-works": size("how-it-works.html"),
            "guarantees index": size("guarantees/index.html"),
            "a guarantee (median)": round(statistics.median(guarantees)) if guarantees else None,
            "actors index": size("actors/index.html"),
            "an actor (median)": round(statistics.median(actors)) if actors else None,
            "timeline": size("timeline.html"),
            "compare": size("compare.html"),
            "glossary": size("glossary.html"),
            "sources": size("sources.html"),
        },
    }


# -- first view ------------------------------------------------------------------------


class _References(HTMLParser):
    """The resources a page makes the browser fetch on first view."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        if tag == "link" and ("stylesheet" in rel or "icon" in rel) and values.get("href"):
            self.urls.append(values["href"])
        elif tag in ("script", "img", "iframe") and values.get("src"):
            self.urls.append(values["src"])
        elif tag == "object" and values.get("data"):
            self.urls.append(values["data"])


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def tree_size(site: Path) -> dict[str, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def editions(english: Run, site: Path, work: Path, *, timeout: float) -> dict[str, Any]:
    """The real site as `mkdocs build` makes its English edition, and as `explainer build`
    makes both editions (English, and Ukrainian in uk/): time and size of each."""
    both_site = work / "site-editions"
    both = measure(
        [sys.executable, "-m", "explainer", "build", "--site-dir", str(both_site)],
        env=build_env(None),
        cwd=ROOT,
        log=work / "editions.log",
        timeout=timeout,
    )
    result = {
        "one": {"run": asdict(english), **(tree_size(site) if english.ok else {})},
        "two": {"run": asdict(both), **(tree_size(both_site) if both.ok else {})},
    }
    shutil.rmtree(both_site, ignore_errors=True)
    return result


def _third_party(url: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I)) and not url.startswith("data:")


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


def first_view(site: Path, page: str) -> dict[str, Any]:
    """Gzipped bytes and requests of one page's first view (HTML, CSS, JS, images)."""
    parser = _References()
    parser.feed((site / page).read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    third_party: list[str] = []
    missing: list[str] = []
    queue = [(page, url) for url in parser.urls]
    while queue:
        referrer, url = queue.pop(0)
        if _third_party(url):
            if url not in third_party:
                third_party.append(url)
            continue
        if url.startswith("data:"):
            continue
        clean = url.split("#")[0].split("?")[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(referrer), clean))
        if target in seen:
            continue
        path = site / target
        if not path.is_file():
            missing.append(target)
            seen[target] = 0
            continue
        seen[target] = _gzipped(path)
        if target.endswith(".css"):  # what a stylesheet itself fetches
            css = path.read_text(encoding="utf-8", errors="replace")
            queue.extend((target, ref) for ref in _CSS_URL.findall(css))
    html_gz = _gzipped(site / page)
    total = html_gz + sum(seen.values())
    return {
        "page": page,
        "html_gzip_bytes": html_gz,
        "resources": dict(sorted(seen.items())),
        "total_gzip_bytes": total,
        "requests": 1 + len(seen) + len(third_party),
        "third_party_requests": third_party,
        "missing": missing,
    }


def first_views(site: Path) -> dict[str, Any]:
    views: dict[str, Any] = {}
    for name, where in PAGE_TYPES:
        if where.endswith("/"):
            candidates = [p for p in (site / where).glob("*.html") if p.name != "index.html"]
            if not candidates:
                continue
            # The heaviest page of the type: the worst case a reader meets.
            heaviest = max(candidates, key=lambda p: (p.stat().st_size, p.name))
            where = heaviest.relative_to(site).as_posix()
        if (site / where).is_file():
            views[name] = first_view(site, where)
    return views


# -- profile ---------------------------------------------------------------------------


def profile_build(data: Path, work: Path, *, timeout: float) -> dict[str, Any]:
    out = work / "build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build"]
    command += ["--quiet", "--strict", "--config-file", str(ROOT / "mkdocs.yml")]
    command += ["--site-dir", str(work / "site-profile")]
    run = measure(command, env=build_env(data), cwd=ROOT, log=work / "profile.log", timeout=timeout)
    result: dict[str, Any] = {"run": asdict(run)}
    if not run.ok or not out.is_file():
        return result
    stats = pstats.Stats(str(out), stream=io.StringIO())
    rows = []
    for (filename, line, function), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{_short(filename)}:{line}({function})",
                "calls": calls,
                "tottime": round(tottime, 3),
                "cumtime": round(cumtime, 3),
            }
        )
    result["total_seconds"] = round(stats.total_tt, 3)  # type: ignore[attr-defined]
    result["by_tottime"] = sorted(rows, key=lambda r: -r["tottime"])[:20]
    # Cumulative, without the call plumbing that wraps everything (main, run, exec).
    plumbing = re.compile(r"<built-in method builtins.exec>|^~|click/|runpy|__main__|<string>")
    cumulative = [r for r in rows if not plumbing.search(r["function"])]
    result["by_cumtime"] = sorted(cumulative, key=lambda r: -r["cumtime"])[:25]
    return result


def _short(filename: str) -> str:
    """A profiled function's file, relative to the repository or the library folder."""
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return re.sub(r"^.*/lib/python3\.\d+/", "", filename)


# -- one size --------------------------------------------------------------------------


def bench_size(n: int, work: Path, *, timeout: float, baseline: bool) -> dict[str, Any]:
    data = work / f"data-{n}"
    started = time.perf_counter()
    synth(n, data, replace=True)
    result: dict[str, Any] = {
        "entities": allocate(n),
        "synth_seconds": round(time.perf_counter() - started, 3),
    }
    started, cpu_started = time.perf_counter(), time.process_time()
    explainer = load_explainer(data, SCHEMAS)
    result["load_validate_seconds"] = round(time.perf_counter() - started, 3)
    result["load_validate_cpu_seconds"] = round(time.process_time() - cpu_started, 3)
    result["timelines"] = len(explainer.timelines)
    del explainer

    print(f"  N={n}: ours", flush=True)
    site = work / f"site-ours-{n}"
    ours = measure(
        mkdocs_build(ROOT / "mkdocs.yml", site),
        env=build_env(data),
        cwd=ROOT,
        log=work / f"ours-{n}.log",
        timeout=timeout,
    )
    result["ours"] = asdict(ours)
    if ours.timed_out:
        # A build stopped at the timeout still measures something: it took at least this long.
        result["ours_cpu_seconds_per_entity_at_least"] = ours.cpu_seconds / n
    if ours.ok:
        result["output"] = output_sizes(site)
        result["ours_cpu_seconds_per_entity"] = ours.cpu_seconds / n
        result["load_validate_share_of_build"] = round(
            result["load_validate_cpu_seconds"] / ours.cpu_seconds, 4
        )
    shutil.rmtree(site, ignore_errors=True)

    if baseline and ours.ok:
        print(f"  N={n}: baseline", flush=True)
        config, export = prepare_baseline(data, work, timeout=timeout)
        result["baseline_export"] = asdict(export)
        if export.ok:
            site = work / f"site-baseline-{n}"
            # Not --strict: the hook's pages hold finished .html links that only
            # the hook's own link handling accepts; warnings cost nothing here.
            run = measure(
                mkdocs_build(config, site, strict=False),
                env=build_env(None),
                cwd=config.parent,
                log=work / f"baseline-{n}.log",
                timeout=timeout,
            )
            result["baseline"] = asdict(run)
            if run.ok:
                result["baseline_output"] = output_sizes(site)
                result["ours_over_baseline"] = round(ours.cpu_seconds / run.cpu_seconds, 3)
                result["ours_over_baseline_wall"] = round(ours.seconds / run.seconds, 3)
            shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(config.parent, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    return result


# -- targets and report ---------------------------------------------------------------------


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    sizes: dict[str, Any] = results["sizes"]

    def get(n: int, *keys: str) -> Any:
        value: Any = sizes.get(str(n))
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def target(name: str, value: float | None, limit: float, detail: str) -> dict[str, Any]:
        return {
            "target": name,
            "value": None if value is None else round(value, 3),
            "limit": limit,
            "met": None if value is None else value <= limit,
            "detail": detail if value is not None else "not measured in this run",
        }

    found = []
    for n in (1_000, 10_000):
        found.append(
            target(
                f"ours / baseline at N={n:,}",
                get(n, "ours_over_baseline"),
                1.2,
                f"CPU {get(n, 'ours', 'cpu_seconds')} s / {get(n, 'baseline', 'cpu_seconds')} s",
            )
        )
    per_1k = get(1_000, "ours_cpu_seconds_per_entity")
    per_10k = get(10_000, "ours_cpu_seconds_per_entity")
    at_least = per_10k is None and get(10_000, "ours_cpu_seconds_per_entity_at_least")
    if at_least:
        per_10k = at_least
    found.append(
        target(
            "build time per entity, N=10,000 / N=1,000",
            per_10k / per_1k if per_1k and per_10k else None,
            1.3,
            f"CPU {(per_10k or 0) * 1000:.2f} ms vs {(per_1k or 0) * 1000:.2f} ms per entity"
            + (" (at least: the N=10,000 build ran out of time)" if at_least else ""),
        )
    )
    bpp_100 = get(100, "output", "html_bytes_per_page")
    bpp_10k = get(10_000, "output", "html_bytes_per_page")
    found.append(
        target(
            "HTML bytes per page, N=10,000 / N=100",
            bpp_10k / bpp_100 if bpp_100 and bpp_10k else None,
            1.1,
            f"{bpp_10k} vs {bpp_100} bytes per page",
        )
    )
    found.append(
        target(
            "load + validation / build time at N=10,000",
            get(10_000, "load_validate_share_of_build"),
            0.10,
            f"CPU {get(10_000, 'load_validate_cpu_seconds')} s "
            f"of {get(10_000, 'ours', 'cpu_seconds')} s",
        )
    )
    views = results.get("first_view", {}).get("pages", {})
    if views:
        heaviest = max(views.items(), key=lambda item: item[1]["total_gzip_bytes"])
        found.append(
            target(
                "first view of any real page, gzipped KB",
                heaviest[1]["total_gzip_bytes"] / 1024,
                FIRST_VIEW_LIMIT / 1024,
                f"heaviest: {heaviest[0]} ({heaviest[1]['page']})",
            )
        )
        third = sorted({u for v in views.values() for u in v["third_party_requests"]})
        found.append(
            target(
                "third-party requests on any real page",
                len(third),
                0,
                ", ".join(third) or "none",
            )
        )
    return found


def _n(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(header: list[str], align: str, rows: list[list[str]]) -> list[str]:
    """A Markdown table; align holds one of l, r, c per column."""
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _run_cell(run: dict[str, Any]) -> str:
    """CPU seconds (wall seconds) of a build, or why there are none."""
    if not run:
        return "-"
    if run["ok"]:
        return f"{_n(run['cpu_seconds'])} ({_n(run['seconds'])})"
    if run["timed_out"]:
        return f"> {_n(run['cpu_seconds'])} (timed out)"
    return "failed"


def _profile_rows(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [f"`{r['function']}`", _n(r["calls"]), f"{r['tottime']:.2f}", f"{r['cumtime']:.2f}"]
        for r in rows
    ]


def report(results: dict[str, Any]) -> str:
    machine = results["machine"]
    state = ", **incomplete**" if results.get("partial") else ""
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`tests/bench/bench.py`); every figure is also in",
        "`results.json` beside this file. One run on one machine: read the ratios, not",
        "the absolute times. Synthetic data comes from `tests/bench/synth.py --scale N`.",
        "",
        f"- Run: {results['date']} ({results['mode']} mode{state})",
        f"- Machine: {machine['platform']}, {machine['cpus']} CPUs, {machine['memory_gb']} GB, "
        f"load average {machine['load_before']} before the run"
        + (f" and {machine['load_after']} after" if machine.get("load_after") else ""),
        f"- Python {machine['python']}, MkDocs {machine['mkdocs']}, Material {machine['material']}",
        "",
        "## Targets",
        "",
    ]
    met_words = {True: "yes", False: "**no**", None: "not measured"}
    lines += _table(
        ["target", "value", "limit", "met", "detail"],
        "lrrcl",
        [
            [t["target"], _n(t["value"], 3), _n(t["limit"]), met_words[t["met"]], t["detail"]]
            for t in results.get("targets", [])
        ],
    )
    lines += ["", "## Build at each size", ""]
    rows = []
    for n, size in results["sizes"].items():
        e = size["entities"]
        ours, base = size.get("ours", {}), size.get("baseline", {})
        per = size.get("ours_cpu_seconds_per_entity")
        rows.append(
            [
                _n(int(n)),
                "/".join(str(e[k]) for k in ("actor", "guarantee", "source", "event", "term")),
                _n(size.get("load_validate_cpu_seconds"), 3),
                _run_cell(ours),
                _n(ours.get("peak_rss_mb"), 1),
                _run_cell(base),
                _n(base.get("peak_rss_mb"), 1),
                _n(size.get("ours_over_baseline")),
                _n(per * 1000 if per else None),
            ]
        )
    lines += [
        "Times are CPU seconds of the mkdocs process (wall-clock seconds in brackets):",
        "the machine is shared, and MkDocs runs on one core, so CPU time is the steadier",
        "measure of the work a build does. Ratios use CPU time.",
        "",
    ]
    lines += _table(
        [
            "N",
            "actors/guarantees/sources/events/terms",
            "load + validate s",
            "ours s",
            "ours peak MB",
            "baseline s",
            "baseline peak MB",
            "ours / baseline",
            "ours ms per entity",
        ],
        "rlrrrrrrr",
        rows,
    )
    for n, size in results["sizes"].items():
        for kind in ("ours", "baseline_export", "baseline"):
            if kind in size and not size[kind]["ok"]:
                tail = size[kind]["log_tail"].strip()[-1500:]
                lines += ["", f"`{kind}` at N={int(n):,} failed:", "", "```", tail, "```"]
    measured = [(n, s["output"]) for n, s in results["sizes"].items() if s.get("output")]
    if measured:
        lines += ["", "## Output size", ""]
        lines += _table(
            [
                "N",
                "HTML pages",
                "HTML bytes",
                "HTML bytes / page",
                "all files",
                "all bytes",
                "search index bytes",
                "largest page",
                "nav links on an entity page",
            ],
            "rrrrrrrlr",
            [
                [
                    _n(int(n)),
                    _n(o["html_pages"]),
                    _n(o["html_bytes"]),
                    _n(o["html_bytes_per_page"]),
                    _n(o["total_files"]),
                    _n(o["total_bytes"]),
                    _n(o["search_index_bytes"]),
                    f"{o['largest_page']} ({_n(o['largest_page_bytes'])} B)",
                    _n(o["nav_links_on_an_entity_page"]),
                ]
                for n, o in measured
            ],
        )
        lines += ["", "Bytes of each page type (HTML, uncompressed):", ""]
        lines += _table(
            ["page", *(f"N={int(n):,}" for n, _ in measured)],
            "l" + "r" * len(measured),
            [
                [page, *(_n(o["page_bytes"].get(page)) for _, o in measured)]
                for page in measured[0][1]["page_bytes"]
            ],
        )
    views = results.get("first_view", {})
    if views.get("pages"):
        lines += [
            "",
            "## First view of each real page",
            "",
            "HTML plus every stylesheet, icon, script and image it references (and what",
            f"those stylesheets reference), gzipped at level {GZIP_LEVEL}; built from "
            f"`{views['data']}`. For entity pages, the heaviest page of the type.",
            "",
        ]
        lines += _table(
            ["page type", "file", "HTML gz B", "total gz B", "total KB", "requests", "3rd party"],
            "llrrrrr",
            [
                [
                    name,
                    f"`{view['page']}`",
                    _n(view["html_gzip_bytes"]),
                    _n(view["total_gzip_bytes"]),
                    f"{view['total_gzip_bytes'] / 1024:.1f}",
                    _n(view["requests"]),
                    _n(len(view["third_party_requests"])),
                ]
                for name, view in views["pages"].items()
            ],
        )
        home = next(iter(views["pages"].values()))
        listed = ", ".join(f"`{path}` {size:,} B" for path, size in home["resources"].items())
        lines += ["", f"What the home page fetches (gzipped): {listed}."]
    elif views.get("error"):
        lines += ["", "## First view", "", "Not measured: the real site did not build:", ""]
        lines += ["```", views["error"].strip(), "```"]
    editions = results.get("editions", {})
    if editions.get("two", {}).get("files"):
        lines += [
            "",
            "## One edition against two (real data)",
            "",
            "`mkdocs build` of the English edition alone, and `explainer build`, which",
            "builds both (English at the root, Ukrainian in `uk/`) and swaps them in.",
            "",
        ]
        lines += _table(
            ["build", "wall s", "CPU s", "peak MB", "files", "MB"],
            "lrrrrr",
            [
                [
                    label,
                    _n(editions[key]["run"]["seconds"]),
                    _n(editions[key]["run"]["cpu_seconds"]),
                    _n(editions[key]["run"]["peak_rss_mb"]),
                    _n(editions[key].get("files")),
                    f"{editions[key].get('bytes', 0) / 1e6:.2f}",
                ]
                for key, label in (("one", "English only"), ("two", "English + Ukrainian"))
            ],
        )
    profile = results.get("profile", {})
    if profile.get("by_cumtime"):
        lines += [
            "",
            f"## Profile: `mkdocs build --strict` at N={profile['size']:,} under cProfile",
            "",
            f"{_n(profile.get('total_seconds'))} s of profiled time (cProfile slows Python "
            "code down: read the shares, not the seconds).",
            "",
            "By cumulative time:",
            "",
        ]
        header = ["function", "calls", "own s", "cumulative s"]
        lines += _table(header, "lrrr", _profile_rows(profile["by_cumtime"]))
        lines += ["", "By own time:", ""]
        lines += _table(header, "lrrr", _profile_rows(profile["by_tottime"]))
    elif profile.get("run"):
        tail = profile["run"]["log_tail"].strip()[-1500:]
        lines += ["", "## Profile", "", "The profiled build failed:", "", "```", tail, "```"]
    if results.get("notes"):
        lines += ["", "## Notes", "", *(f"- {note}" for note in results["notes"])]
    return "\n".join(lines) + "\n"


def machine() -> dict[str, Any]:
    memory = 0.0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 1024 / 1024
    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"),
        "material": metadata.version("mkdocs-material"),
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }


def write(results: dict[str, Any], out: Path) -> None:
    results["targets"] = targets(results)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "BENCHMARKS.md").write_text(report(results), encoding="utf-8")


def run(sizes: tuple[int, ...], out: Path, *, mode: str, timeout: float, keep: bool) -> int:
    results: dict[str, Any] = {
        "mode": mode,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "partial": True,
        "sizes": {},
        "notes": [
            "Peak memory is the maximum resident set size of the mkdocs process (wait4).",
            "The baseline builds without --strict (the hook's pages hold finished .html "
            "links that MkDocs would warn about); it is otherwise the same mkdocs.yml.",
            "HTML bytes per page divide the HTML files' bytes by their number; theme assets "
            "and the search index are in 'all bytes'.",
        ],
    }
    work = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    try:
        print("first view of the real site (data/)", flush=True)
        site = work / "site-real"
        real = measure(
            mkdocs_build(ROOT / "mkdocs.yml", site),
            env=build_env(None),
            cwd=ROOT,
            log=work / "real.log",
            timeout=timeout,
        )
        results["real_build"] = asdict(real)
        if real.ok:
            results["first_view"] = {"data": "data/", "pages": first_views(site)}
        else:
            results["first_view"] = {"data": "data/", "error": real.log_tail[-500:]}
        print("both editions of the real site (explainer build)", flush=True)
        results["editions"] = editions(real, site, work, timeout=timeout)
        shutil.rmtree(site, ignore_errors=True)
        write(results, out)
        for n in sizes:
            print(f"N={n:,}", flush=True)
            results["sizes"][str(n)] = bench_size(n, work, timeout=timeout, baseline=True)
            write(results, out)
        size = PROFILE_SIZE if PROFILE_SIZE in sizes else min(sizes)
        print(f"profile at N={size:,}", flush=True)
        data = work / f"data-{size}"
        synth(size, data, replace=True)
        results["profile"] = {"size": size, **profile_build(data, work, timeout=timeout)}
        results["partial"] = False
        results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
        write(results, out)
    finally:
        if keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {out / 'BENCHMARKS.md'} and {out / 'results.json'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    export = commands.add_parser("export", help=argparse.SUPPRESS)
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--tiny", action="store_true", help="N=30 only: proves the bench runs")
    parser.add_argument("--sizes", help="comma-separated N, instead of 100,1000,10000")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "bench")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds per build")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    if args.command == "export":
        return export_generated(args.config_file, args.out)
    if args.tiny:
        sizes, mode = TINY_SIZES, "tiny"
    elif args.sizes:
        sizes, mode = tuple(int(n) for n in args.sizes.split(",")), "custom"
    else:
        sizes, mode = FULL_SIZES, "full"
    return run(sizes, args.out, mode=mode, timeout=args.timeout, keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())
