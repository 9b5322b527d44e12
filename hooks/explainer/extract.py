"""Babel extractors for interface text kept outside Python and the templates.

``make messages`` runs them (``hooks/explainer/locale/babel.cfg``), so that the
catalogues hold, beside the marked text of the engine and the templates:

- every word of the schemas' vocabularies (``x-vocabulary`` in
  ``data/schema/*.schema.json``: label, plural, short, meaning, heading,
  intro), with the vocabulary's name as context, and, for the vocabularies
  the pages count (:data:`~explainer.registry.COUNTED`), the plural forms of
  "3 corrections";
- the texts of ``mkdocs.yml`` a reader sees (site name and description,
  copyright, nav titles, palette toggles, the permalink title), as
  :func:`~explainer.i18n.map_config_text` finds them.

The schemas and mkdocs.yml stay the one source of the English.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

import yaml

from .i18n import map_config_text
from .registry import COUNTED, WORDS, Value, count_forms

Extracted = Iterator[tuple[int, str, str | tuple[str, ...], list[str]]]
"""What Babel takes from an extractor: (line, function, message, translator comments)."""

VOCABULARY = "x-vocabulary"


def extract_vocabulary(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Any, options: Mapping[str, Any]
) -> Extracted:
    """Every word of a schema's vocabularies, as ``pgettext(vocabulary, word)``."""
    text = fileobj.read().decode("utf-8")
    for name, words in _vocabularies(json.loads(text)):
        for value, fields in words.items():
            for field in WORDS:
                if field in fields:
                    word = fields[field]
                    line = _line(text, json.dumps(word, ensure_ascii=False))
                    yield line, "pgettext", (name, word), [f"{name} '{value}': {field}"]
            if name in COUNTED:
                forms = count_forms(Value(value, **fields))
                comment = f"{name} '{value}': a number of them, as in '(3 corrections)'"
                yield _line(text, f'"{value}"'), "npgettext", (name, *forms), [comment]


def extract_mkdocs(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Any, options: Mapping[str, Any]
) -> Extracted:
    """The texts of mkdocs.yml a reader sees, as ``gettext(text)``."""
    text = fileobj.read().decode("utf-8")
    found: list[str] = []

    def collect(message: str) -> str:
        found.append(message)
        return message

    map_config_text(yaml.load(text, Loader=_ConfigLoader) or {}, collect)
    for message in found:
        yield _line(text, message), "gettext", message, []


def _vocabularies(node: Any) -> Iterator[tuple[str, dict[str, dict[str, str]]]]:
    """(name, words) of each definition with a vocabulary, wherever it sits in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict) and VOCABULARY in value:
                yield key, value[VOCABULARY]
            yield from _vocabularies(value)
    elif isinstance(node, list):
        for item in node:
            yield from _vocabularies(item)


def _line(text: str, needle: str) -> int:
    """The line where needle first occurs in text (1 if it is not there as written)."""
    found = text.find(needle)
    return text.count("\n", 0, found) + 1 if found >= 0 else 1


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's plain YAML; a tag such as ``!ENV`` or ``!!python/name`` reads as
    nothing, since it holds no text for readers."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
