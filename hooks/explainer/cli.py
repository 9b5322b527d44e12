"""The ``explainer`` command line: check the data, build the site atomically."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .changes import compare, dataset_at, summary
from .load import SCHEMA_DIR, load_explainer
from .problems import DataError
from .scaffold import KIND_FOLDERS, starting_file
from .schemas import load_schemas
from .validate import ID, read_folder


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


def new(kind: str, entity_id: str, data: Path) -> int:
    if not ID.match(entity_id):
        print(
            f"'{entity_id}' is not a valid id: use lowercase letters, digits and single hyphens",
            file=sys.stderr,
        )
        return 2
    path = data / KIND_FOLDERS[kind] / f"{entity_id}.yaml"
    if path.exists():
        print(f"{path.as_posix()} already exists: edit it, or choose another id", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(starting_file(load_schemas(SCHEMA_DIR), kind), encoding="utf-8")
    print(f"wrote {path.as_posix()}: replace each TODO, then run `make check`")
    return 0


def diff(base: str, data: Path) -> int:
    try:
        old = dataset_at(base, data)
    except subprocess.CalledProcessError as error:
        print(f"cannot read data/ at '{base}': {error.stderr.strip()}", file=sys.stderr)
        return 2
    print(summary(compare(old, read_folder(data)), base), end="")
    return 0


def synth(scale: int, out: Path, *, replace: bool) -> int:
    from .synth import synth as write_synthetic

    try:
        counts = write_synthetic(scale, out, replace=replace)
    except (ValueError, FileExistsError) as error:
        print(f"synth: {error}", file=sys.stderr)
        return 2
    summary = ", ".join(f"{n} {kind}s" for kind, n in counts.items())
    print(f"wrote {out.as_posix()}: {summary}")
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
    new_parser = commands.add_parser("new", help="write a starting file for a new entity")
    new_parser.add_argument("kind", choices=sorted(KIND_FOLDERS))
    new_parser.add_argument("id", help="the new entity's id, such as united-kingdom")
    new_parser.add_argument("--data", type=Path, default=Path("data"))
    diff_parser = commands.add_parser(
        "diff", help="summarise data changes since a git revision, as Markdown"
    )
    diff_parser.add_argument("base", help="a git revision, such as origin/main")
    diff_parser.add_argument("--data", type=Path, default=Path("data"))
    synth_parser = commands.add_parser(
        "synth", help="write a valid synthetic data folder of N entities (for benchmarks)"
    )
    synth_parser.add_argument("--scale", type=int, required=True, metavar="N")
    synth_parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    synth_parser.add_argument("--force", action="store_true", help="replace a non-empty DIR")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data)
    if args.command == "new":
        return new(args.kind, args.id, args.data)
    if args.command == "diff":
        return diff(args.base, args.data)
    if args.command == "synth":
        return synth(args.scale, args.out, replace=args.force)
    return build(args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
