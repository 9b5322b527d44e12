"""How long one field of about 1 MB of glossary-heavy Markdown takes to check and to render.

Run by ``make bench``; prints one Markdown table row per step. Glossary linking
used to be quadratic in the number of mentions, so one large text made a build
take many minutes while the check passed in a second.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from explainer.load import load_explainer
from explainer.pages import build_pages
from explainer.yamlload import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPH = (
    "Along the contact line and the demarcation line, [Ukraine](actor:ukraine) and "
    "[Russia](actor:russia) face each other; the Contact Line is watched, as "
    "[Bloomberg](source:bloomberg-2025-12-18) reported.\n\n"
)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(ROOT / "tests" / "cases" / "base", data)
        path = data / "guarantees" / "first-line.yaml"
        lines = path.read_text(encoding="utf-8").splitlines()
        room = MAX_BYTES - 2_000  # the rest of the file, and the block's indentation
        summary = PARAGRAPH * (room // (len(PARAGRAPH) + 4))
        block = "\n".join(f"  {line}" if line else "" for line in summary.splitlines())
        lines = [f"summary: |\n{block}" if x.startswith("summary:") else x for x in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        size = len(summary.encode("utf-8"))
        mentions = summary.count("ontact") + summary.count("emarcation")
        start = time.perf_counter()
        explainer = load_explainer(data, ROOT / "data" / "schema")
        checked = time.perf_counter()
        pages = build_pages(explainer)
        built = time.perf_counter()
    page = next(p for p in pages if p.path == "guarantees/first-line.md")
    print("| field size | phrase mentions | check (s) | pages (s) | page size |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {size:,} B | {mentions:,} | {checked - start:.2f} | {built - checked:.2f} "
        f"| {len(page.content):,} B |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
