"""The model in another language: each text replaced by its translation, the gaps recorded.

The Ukrainian edition is built from the same templates as the English one, fed
a localized model: :func:`localize` returns a copy of the Explainer in which
every reader-facing text that has a translation reads in that language, as do
the vocabularies' words (from the interface catalogue), and says, for each
entity, which of its texts are shown in English (no translation yet) or from an
older English (stale, or marked outdated), so that its page can tell the
reader. A translated quote keeps the words the source recorded as its
``original``, for the page to show beside the translation. Ids, dates, links
and everything else stay as they are.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from . import model
from .i18n import translations
from .registry import FILE_KINDS
from .translations import LANGUAGE, UNMATCHED_LISTS, fingerprint, translatable

if TYPE_CHECKING:
    from .model import Explainer
    from .schemas import Schemas

EntityKey = tuple[str, str]
"""(kind, id) of the entity a text belongs to: ("guarantee", "first-line"), ("site", "site")."""

Shown = Iterable[tuple[str, str | None]]
"""What a page shows: (kind, id) of an entity, or (kind, None) for every entity of a kind."""


@dataclass
class Gaps:
    """Per entity, the texts a reader sees in English, and those translated from older English."""

    missing: dict[EntityKey, set[str]] = field(default_factory=dict)
    stale: dict[EntityKey, set[str]] = field(default_factory=dict)

    def of(self, key: EntityKey) -> tuple[bool, bool]:
        """(some text is untranslated, some translation may be out of date) for one entity."""
        return bool(self.missing.get(key)), bool(self.stale.get(key))

    def on(self, shown: Shown) -> tuple[bool, bool]:
        """Like :meth:`of`, for everything a page shows."""
        wanted = set(shown)

        def hit(found: dict[EntityKey, set[str]]) -> bool:
            return any(
                (kind, entity) in wanted or (kind, None) in wanted
                for (kind, entity), names in found.items()
                if names
            )

        return hit(self.missing), hit(self.stale)


def text_fields(schemas: Schemas) -> dict[type, frozenset[str]]:
    """For each model record type, the fields that hold reader-facing text (per the schemas)."""
    found: dict[type, set[str]] = {}
    for kind in FILE_KINDS:
        if kind.model is not None:
            _collect(schemas, schemas.documents[kind.name], kind.model, found)
    return {record: frozenset(names) for record, names in found.items()}


def _collect(
    schemas: Schemas, schema: dict[str, Any], record: type, found: dict[type, set[str]]
) -> None:
    schema = schemas.resolve(schema)
    properties = schema.get("properties", {})
    found.setdefault(record, set()).update(translatable(properties))
    hints = _hints(record)
    for name, sub in properties.items():
        if name == LANGUAGE or name not in hints:
            continue
        sub = schemas.resolve(sub)
        items = schemas.resolve(sub.get("items", {})) if sub.get("type") == "array" else sub
        extra = items.get("additionalProperties")
        nested = extra if isinstance(extra, dict) and "properties" in extra else items
        inner = _record_type(hints[name])
        if inner is not None and "properties" in schemas.resolve(nested):
            _collect(schemas, nested, inner, found)


@cache
def _hints(record: type) -> dict[str, Any]:
    return typing.get_type_hints(record, vars(model))


def _record_type(annotation: Any) -> type | None:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    for argument in typing.get_args(annotation):
        found = _record_type(argument)
        if found is not None:
            return found
    return None


def localize(explainer: Explainer, schemas: Schemas, language: str) -> tuple[Explainer, Gaps]:
    """The explainer with its texts in ``language`` where translated, and what is not.

    Its site's ``language`` is the edition's, and its vocabularies' words come
    from that language's catalogue.
    """
    gaps = Gaps()
    if language != LANGUAGE:
        return explainer, gaps
    fields = text_fields(schemas)

    def each(collection: dict[str, Any], kind: str) -> dict[str, Any]:
        return {
            key: _localize(value, (kind, key), fields, gaps) for key, value in collection.items()
        }

    timelines = {
        key: _localize(value, ("timeline", key), fields, gaps, events=True)
        for key, value in explainer.timelines.items()
    }
    events = {e.id: e for t in timelines.values() for e in t.events}
    site = _localize(explainer.site, ("site", "site"), fields, gaps)
    text = translations(language)
    localized = dataclasses.replace(
        explainer,
        site=dataclasses.replace(site, language=language),
        vocabularies={name: v.translated(text) for name, v in explainer.vocabularies.items()},
        actors=each(explainer.actors, "actor"),
        guarantees=each(explainer.guarantees, "guarantee"),
        sources=each(explainer.sources, "source"),
        terms=each(explainer.terms, "term"),
        places=each(explainer.places, "place"),
        timelines=timelines,
        events=dict(sorted(events.items())),
        comparison=_localize(explainer.comparison, ("comparison", "comparison"), fields, gaps),
        changes=_localize(explainer.changes, ("changes", "changes"), fields, gaps),
    )
    return localized, gaps


def _localize(
    value: Any,
    key: EntityKey,
    fields: dict[type, frozenset[str]],
    gaps: Gaps,
    *,
    events: bool = False,
) -> Any:
    """value with its texts translated; gaps are recorded against key (an event, its own)."""
    if isinstance(value, tuple):
        return tuple(_localize(item, key, fields, gaps, events=events) for item in value)
    if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return value
    if events and isinstance(value, model.Event):
        key = ("event", value.id)
    changes: dict[str, Any] = {}
    for spec in dataclasses.fields(value):
        if spec.name == LANGUAGE:
            continue
        current = getattr(value, spec.name)
        nested = _localize(current, key, fields, gaps, events=events)
        if nested is not current:
            changes[spec.name] = nested
    translations = getattr(value, LANGUAGE, None) or {}
    for name in fields.get(type(value), ()):
        english = getattr(value, name, None)
        translation = translations.get(name)
        if english in (None, "", ()) and not (name in UNMATCHED_LISTS and translation):
            continue
        if translation is None:
            gaps.missing.setdefault(key, set()).add(name)
            continue
        wanted = list(english) if isinstance(english, tuple) else english
        if wanted is None:
            wanted = []
        if translation.outdated or translation.translated_from != fingerprint(wanted):
            gaps.stale.setdefault(key, set()).add(name)
        text = translation.text
        listed = isinstance(english, tuple) or isinstance(text, list | tuple)
        changes[name] = tuple(text) if listed else text
    if isinstance(value, model.Quote) and "text" in changes:
        changes["original"] = value.text  # shown beside the translation
    return dataclasses.replace(value, **changes) if changes else value
