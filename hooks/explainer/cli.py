"""The ``explainer`` command line: check the data, build the site atomically."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .changes import compare, dataset_at, summary
from .load import load
from .problems import DataError, visible, warnings_report
from .reading import ID, MAX_ID_LENGTH, RESERVED_IDS, display_path, read_folder
from .registry import KINDS
from .scaffold import KIND_FOLDERS, starting_file
from .schemas import load_schemas


def _report(error: DataError) -> None:
    print(error.report(), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # Annotations go to stdout, where the runner reads workflow commands.
        for problem in error.problems:
            print(problem.github_annotation())


DEFAULT_SCHEMA_DIR = Path("data/schema")


def check(data: Path, schema_dir: Path = DEFAULT_SCHEMA_DIR) -> int:
    try:
        loaded = load(data, schema_dir)
    except DataError as error:
        _report(error)
        return 1
    explainer = loaded.explainer
    if loaded.warnings:
        print(warnings_report(list(loaded.warnings)), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for warning in loaded.warnings:
                print(warning.github_annotation())
    counts = [
        (len(getattr(explainer, str(kind.collection))), kind) for kind in KINDS if kind.collection
    ]
    summary = ", ".join(f"{n} {kind.label if n == 1 else kind.plural}" for n, kind in counts)
    print(f"{data.as_posix()}: no problems ({summary})")
    return 0


def translations(data: Path, stamp_files: list[Path]) -> int:
    """Say how much is translated; with files, stamp their translations as made from the English."""
    from .translations import coverage, stamp

    dataset = read_folder(data)
    schemas = load_schemas(data / "schema")
    if stamp_files:
        wanted = {display_path(p) for p in stamp_files}
        unknown = sorted(wanted - {d.path for _, d in dataset.all_documents()})
        if unknown:
            print(f"not a data file: {visible(unknown[0])}", file=sys.stderr)
            return 2
        for path, count in stamp(dataset, schemas, wanted).items():
            print(f"{visible(path)}: {count} translation{'s' if count != 1 else ''} stamped")
        dataset = read_folder(data)
    print(coverage(dataset, schemas).line())
    return 0


def build(site_dir: Path, config: Path) -> int:
    """Build into a fresh folder beside site_dir, then swap it in: never a half-built site."""
    from .sitebuild import build as build_site

    return build_site(site_dir, config)


def new(kind: str, entity_id: str, data: Path, schema_dir: Path | None = None) -> int:
    """Write a starting file, refusing anything it cannot create as a fresh, real file."""
    if len(entity_id) > MAX_ID_LENGTH:
        print(
            f"an id can have at most {MAX_ID_LENGTH} characters: this one has {len(entity_id)}",
            file=sys.stderr,
        )
        return 2
    if not ID.fullmatch(entity_id):
        print(
            f"'{visible(entity_id)}' is not a valid id: "
            "use lowercase letters, digits and single hyphens",
            file=sys.stderr,
        )
        return 2
    folder = data / KIND_FOLDERS[kind]
    path = folder / f"{entity_id}.yaml"
    if folder.is_symlink():
        print(f"{folder.as_posix()} is a symbolic link: use a real folder", file=sys.stderr)
        return 1
    if folder.exists() and not folder.is_dir():
        print(f"{folder.as_posix()} is not a folder", file=sys.stderr)
        return 1
    if path.is_symlink():
        print(
            f"{path.as_posix()} is a symbolic link: remove it, or choose another id",
            file=sys.stderr,
        )
        return 1
    if entity_id in RESERVED_IDS:
        print(
            f"'{entity_id}' is the name of the {kind}s' index page: choose another id",
            file=sys.stderr,
        )
        return 2
    try:
        text = starting_file(load_schemas(schema_dir or data / "schema"), kind)
    except DataError as error:
        _report(error)
        return 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"cannot make {folder.as_posix()}: {error.strerror or error}", file=sys.stderr)
        return 1
    try:
        # Exclusive creation: a file or link that appears meanwhile is neither followed
        # nor overwritten.
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        print(f"{path.as_posix()} already exists: edit it, or choose another id", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"cannot write {path.as_posix()}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {path.as_posix()}: replace each TODO, then run `make check`")
    return 0


def diff(base: str, data: Path) -> int:
    from .changes import RevisionError

    try:
        old = dataset_at(base, data)
    except RevisionError as error:
        print(f"cannot read data/ at '{visible(base)}': {error}", file=sys.stderr)
        return 2
    print(summary(compare(old, read_folder(data)), base), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="explainer", description="Check and build the security-guarantees explainer."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check a data folder and report every problem")
    check_parser.add_argument("--data", type=Path, default=Path("data"), help="default: data")
    check_parser.add_argument(
        "--schema-dir",
        type=Path,
        default=DEFAULT_SCHEMA_DIR,
        help="the JSON Schemas to check against (default: data/schema)",
    )
    build_parser = commands.add_parser(
        "build", help="build the site with mkdocs --strict, replacing the old one only on success"
    )
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"))
    build_parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    new_parser = commands.add_parser("new", help="write a starting file for a new entity")
    new_parser.add_argument("kind", choices=sorted(KIND_FOLDERS))
    new_parser.add_argument("id", help="the new entity's id, such as united-kingdom")
    new_parser.add_argument("--data", type=Path, default=Path("data"))
    new_parser.add_argument(
        "--schema-dir", type=Path, help="the JSON Schemas (default: the data folder's schema/)"
    )
    translations_parser = commands.add_parser(
        "translations",
        help="how much of the text has a Ukrainian version; --stamp marks files as up to date",
    )
    translations_parser.add_argument("--data", type=Path, default=Path("data"))
    translations_parser.add_argument(
        "--stamp",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="files whose Ukrainian you have just brought up to date: set each translated_from "
        "to the English as it is now (entries marked outdated are left alone)",
    )
    diff_parser = commands.add_parser(
        "diff", help="summarise data changes since a git revision, as Markdown"
    )
    diff_parser.add_argument("base", help="a git revision, such as origin/main")
    diff_parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("explainer: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        print(
            visible(
                f"explainer {args.command}: internal error ({type(error).__name__}: {error}); "
                "please report it with the command you ran"
            ),
            file=sys.stderr,
        )
        return 70


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        return check(args.data, args.schema_dir)
    if args.command == "new":
        return new(args.kind, args.id, args.data, args.schema_dir)
    if args.command == "diff":
        return diff(args.base, args.data)
    if args.command == "translations":
        return translations(args.data, args.stamp or [])
    return build(args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
