"""MkDocs adapter: on every build, load data/ and hand the generated pages to MkDocs.

This is the only file mkdocs.yml registers. It holds no logic of its own: the
engine (``explainer``) knows nothing of MkDocs, and this file turns its results
into MkDocs files and its problems into a failed build without a traceback.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from explainer.editions import EDITION_ENV, UnknownEdition, edition_links, english_only
from explainer.feed import atom_feed
from explainer.glossary import Glossary, GlossaryExtension
from explainer.i18n import SOURCE_LANGUAGE, edition_config_text, translations
from explainer.links import Linker
from explainer.load import load
from explainer.localize import Gaps, localize
from explainer.opendata import FOLDER, Downloads, publish
from explainer.pages import GeneratedPage, build_pages
from explainer.problems import DataError, visible
from explainer.reference import REFERENCE, reference_page
from explainer.schemas import load_schemas
from explainer.urls import FEED

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

    from explainer.model import Explainer

log = logging.getLogger("mkdocs.hooks.explainer")

# Per-build state, reset by on_config at the start of every build (mkdocs serve
# rebuilds included); never filled at import time, since serve keeps hooks loaded.
_explainer: Explainer | None = None
_glossary: Glossary | None = None
_gaps = Gaps()
_language = SOURCE_LANGUAGE
_generated: set[str] = set()
_current_page = "index.md"


def _data_dir(config: MkDocsConfig) -> Path:
    # EXPLAINER_DATA (absolute, or relative to the working folder) builds the site
    # from another data folder, such as a synthetic one for the benchmark.
    override = os.environ.get("EXPLAINER_DATA")
    if override:
        return Path(override).resolve()
    return Path(config.config_file_path).resolve().parent / "data"


def _schema_dir(config: MkDocsConfig) -> Path:
    # The format belongs to the project, not to a data folder: every folder built
    # (the real one, a synthetic one) is held to the project's schemas.
    return Path(config.config_file_path).resolve().parent / "data" / "schema"


def _fail(message: str) -> PluginError:
    """A one-line failure for MkDocs to print, without a traceback."""
    return PluginError(visible(message))


def _edition(config: MkDocsConfig) -> str:
    """The edition this build makes (EXPLAINER_EDITION, English if unset), set up in config."""
    language = os.environ.get(EDITION_ENV) or SOURCE_LANGUAGE
    try:
        config.extra["editions"] = edition_links(language)
    except UnknownEdition as error:
        raise _fail(f"{EDITION_ENV}={language}: {error}") from None
    config.theme["language"] = language
    if language != SOURCE_LANGUAGE:
        # The navigation and the theme's few texts, from the catalogue (the site's
        # name and description come from the data, in on_config).
        texts = edition_config_text(
            {
                "copyright": config.copyright,
                "nav": config.nav,
                "theme": {"palette": config.theme["palette"]},
                "mdx_configs": config.mdx_configs,
            },
            language,
        )
        config.theme["palette"] = texts.pop("theme")["palette"]
        for key, value in texts.items():
            config[key] = value
    return language


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _explainer, _glossary, _gaps, _language
    _explainer = _glossary = None
    _gaps = Gaps()
    _generated.clear()
    _language = _edition(config)
    try:
        loaded = load(_data_dir(config), _schema_dir(config))
        _explainer, _gaps = localize(loaded.explainer, loaded.schemas, _language)
        # Said, but at info level: MkDocs' strict mode stops at any warning, and a
        # stale translation must not stop an editor's preview (CI, which is
        # strict about it, gets it as an error from the check instead).
        for warning in loaded.warnings:
            log.info(warning.format())
    except DataError as error:
        for problem in error.problems:
            log.error(problem.format())
        count = len(error.problems)
        raise _fail(
            f"data/ has {count} problem{'s' if count != 1 else ''}; fix them and build again"
        ) from None
    except Exception as error:
        raise _fail(f"the data could not be loaded ({type(error).__name__}: {error})") from None
    _glossary = Glossary.from_terms(_explainer.terms.values())
    # The site's name and description are the data's, in the edition's language
    # (mkdocs.yml's are for tools that read it without the hook).
    config.site_name = _explainer.site.title
    config.site_description = _explainer.site.description
    # Glossary terms in hand-written pages are linked too; the extension asks
    # for the page being converted, which on_page_markdown keeps up to date.
    config.markdown_extensions.append(
        # MkDocs accepts Extension instances here; its type hints say only str.
        GlossaryExtension(_glossary, lambda: Linker(_current_page))  # type: ignore[arg-type]
    )
    return config


def _pages(
    explainer: Explainer, glossary: Glossary | None, schema_dir: Path, downloads: Downloads
) -> list[GeneratedPage]:
    try:
        reference = reference_page(load_schemas(schema_dir))
        pages = build_pages(explainer, glossary, _language, _gaps, downloads)
    except Exception as error:
        raise _fail(
            f"the pages could not be made from the data ({type(error).__name__}: {error}); "
            "run `make check`, and report this as a bug if it finds nothing"
        ) from None
    title = translations(_language).gettext("Data reference")
    return [*pages, GeneratedPage(REFERENCE, title, reference)]


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _explainer is None:  # pragma: no cover - on_config raised, so MkDocs stopped
        raise PluginError("data/ was not loaded")
    generated: dict[str, str] = {}
    try:
        downloads = publish(_explainer, _language)
    except Exception as error:
        raise _fail(
            f"the open data could not be made ({type(error).__name__}: {error}); "
            "run `make check`, and report this as a bug if it finds nothing"
        ) from None
    for page in _pages(_explainer, _glossary, _schema_dir(config), downloads):
        if page.path in generated:
            raise PluginError(
                f"two generated pages share the path '{page.path}': "
                f"'{generated[page.path]}' and '{page.title}'; rename one of the ids"
            )
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            raise PluginError(
                f"generated page '{page.path}' ('{page.title}') clashes with the hand-written "
                f"docs/{existing.src_uri}: rename or remove that file"
            )
        generated[page.path] = page.title
        if page.path != REFERENCE:  # the data reference is written in English only
            _generated.add(page.path)
        files.append(File.generated(config, page.path, content=page.content))
    files.append(File.generated(config, FEED, content=atom_feed(_explainer)))
    # The open data, beside the Data page (data/index.md).
    for download in downloads.files:
        files.append(File.generated(config, f"{FOLDER}/{download.path}", content=download.content))
    # Publish the schemas so that editors' tools and readers can fetch them.
    for schema in sorted(_schema_dir(config).glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{schema.name}", content=schema.read_bytes()))
    return files


def on_serve(
    server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]
) -> None:
    # mkdocs.yml watches data/; a folder given by EXPLAINER_DATA is watched too.
    server.watch(str(_data_dir(config)))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    global _current_page
    _current_page = page.file.src_uri
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # A hand-written page is in English in every edition: the other editions say
    # so above it, and mark it as English for screen readers and translators.
    if _language == SOURCE_LANGUAGE or page.file.src_uri in _generated:
        return html
    return english_only(html, _language)


@event_priority(-50)  # after Material's search writes the index, before offline copies it
def on_post_build(*, config: MkDocsConfig) -> None:
    # Material writes the search index with every letter outside ASCII escaped
    # ("\u0433"), which makes the Ukrainian index two and a half times its size.
    # The same data is written back as UTF-8; the offline plugin makes the
    # search_index.js that file:// needs from it afterwards.
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        index.write_text(text, encoding="utf-8")
