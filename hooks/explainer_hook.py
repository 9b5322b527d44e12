"""MkDocs adapter: on every build, load data/ and hand the generated pages to MkDocs.

This is the only file mkdocs.yml registers. It holds no logic of its own: the
engine (``explainer``) knows nothing of MkDocs, and this file turns its results
into MkDocs files and its problems into a failed build without a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from explainer.load import SCHEMA_DIR, load_explainer
from explainer.problems import DataError
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from explainer.model import Explainer
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.explainer")

# Set by on_config at the start of every build (mkdocs serve rebuilds included);
# never filled at import time, since serve does not reload hooks.
_explainer: Explainer | None = None


def _data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _explainer
    _explainer = None
    try:
        _explainer = load_explainer(_data_dir(config))
    except DataError as error:
        for problem in error.problems:
            log.error(problem.format())
        count = len(error.problems)
        raise PluginError(
            f"data/ has {count} problem{'s' if count != 1 else ''}; fix them and build again"
        ) from None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    from explainer.pages import build_pages

    assert _explainer is not None  # on_config ran, or the build stopped there
    for page in build_pages(_explainer):
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            raise PluginError(
                f"generated page '{page.path}' would replace "
                f"{existing.abs_src_path or existing.src_uri}: rename or remove that file"
            )
        files.append(File.generated(config, page.path, content=page.content))
    # Publish the schemas so that editors' tools and readers can fetch them.
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{schema.name}", content=schema.read_bytes()))
    return files
