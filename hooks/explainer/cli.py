"""The ``explainer`` command line: check the data, build the site atomically."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .load import load_explainer
from .problems import DataError


def _report(error: DataError) -> None:
    print(error.report(), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # Annotations go to stdout, where the runner reads workflow commands.
        for problem in error.problems:
            print(problem.github_annotation())


def check(data: Path) -> int:
    try:
        explainer = load_explainer(data)
    except DataError as error:
        _report(error)
        return 1
    counts = {
        "actors": len(explainer.actors),
        "guarantees": len(explainer.guarantees),
        "sources": len(explainer.sources),
        "events": len(explainer.events),
        "terms": len(explainer.terms),
    }
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"{data.as_posix()}: no problems ({summary})")
    return 0


def build(site_dir: Path, config: Path) -> int:
    """Build into a fresh folder beside site_dir, then swap it in: never a half-built site."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config),
        "--site-dir",
        str(staging),
    ]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, env=environment, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed: {site_dir} was left as it was", file=sys.stderr)
        return result.returncode
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"site built in {site_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="explainer", description="Check and build the security-guarantees explainer."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check a data folder and report every problem")
    check_parser.add_argument("--data", type=Path, default=Path("data"), help="default: data")
    build_parser = commands.add_parser(
        "build", help="build the site with mkdocs --strict, replacing the old one only on success"
    )
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"))
    build_parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data)
    return build(args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
