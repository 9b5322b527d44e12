"""The one table of what data/ holds: each kind of entity, where it lives, and the vocabularies.

Everything that needs to know the kinds (reading folders, checks, the model,
links, pages, the data reference, ``explainer new`` and ``explainer diff``)
looks them up here. The vocabularies (status, binding, phase...) are read from
the schemas, which hold their values in order with each value's label and
meaning under ``x-vocabulary``: adding a value is one schema edit.
"""

from __future__ import annotations

import dataclasses
import gettext
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import model, urls

if TYPE_CHECKING:
    from .schemas import Schemas


@dataclass(frozen=True)
class Kind:
    """One kind of entity and everything the engine needs to know about it."""

    name: str
    """The schema's name (``<name>.schema.json``) and the word in ``kind:id`` links."""
    label: str
    """How a message names one entity of this kind: "glossary term"."""
    plural: str = ""
    """How it names several: "glossary terms" (default: the label and an s)."""
    folder: str | None = None
    """``data/<folder>/<id>.yaml``, one entity per file."""
    file: str | None = None
    """``data/<file>``, the one file of a kind that is not split into entities."""
    within: str | None = None
    """The kind whose files list these entities (events are listed in timelines)."""
    page: str | None = None
    """Source path of the page that shows an entity; ``{id}`` stands for its id."""
    anchored: bool = False
    """Shown at the anchor ``<name>-<id>`` of a shared page rather than on a page of its own."""
    collection: str | None = None
    """The attribute of :class:`~explainer.model.Explainer` holding these entities by id."""
    optional: bool = False
    """A single file that a data folder may leave out."""
    model: type | None = None
    """The record type (model.py) of one entity, or of the single file."""

    def __post_init__(self) -> None:
        if not self.plural:
            object.__setattr__(self, "plural", f"{self.label}s")

    @property
    def linkable(self) -> bool:
        """Whether ``kind:id`` links may name an entity of this kind."""
        return self.page is not None and not self.file

    @property
    def schema(self) -> str | None:
        """The schema file of the kind's files; None for entities listed inside another kind."""
        return None if self.within else f"{self.name}.schema.json"

    @property
    def data_path(self) -> str:
        """Where the kind lives, as an editor reads it: ``data/actors/<id>.yaml``."""
        if self.folder:
            return f"data/{self.folder}/<id>.yaml"
        if self.file:
            return f"data/{self.file}"
        return f"data/{KIND[self.within or ''].folder}/<id>.yaml (as an item of its list)"

    def location(self, entity_id: str) -> tuple[str, str | None]:
        """(page source path, anchor or None) where an entity of this kind is shown."""
        if self.page is None:
            raise ValueError(f"a {self.label} has no page of its own")
        if self.file:
            return self.page, None
        if self.anchored:
            return self.page, urls.anchor(self.name, entity_id)
        return self.page.format(id=entity_id), None


KINDS: tuple[Kind, ...] = (
    Kind("site", "site file", file="site.yaml", page=urls.HOME, model=model.Site),
    Kind(
        "actor",
        "actor",
        folder="actors",
        page="actors/{id}.md",
        collection="actors",
        model=model.Actor,
    ),
    Kind(
        "guarantee",
        "guarantee",
        folder="guarantees",
        page="guarantees/{id}.md",
        collection="guarantees",
        model=model.Guarantee,
    ),
    Kind(
        "source",
        "source",
        folder="sources",
        page=urls.SOURCES,
        anchored=True,
        collection="sources",
        model=model.Source,
    ),
    Kind(
        "event",
        "event",
        within="timeline",
        page=urls.TIMELINE,
        anchored=True,
        collection="events",
        model=model.Event,
    ),
    Kind(
        "term",
        "glossary term",
        plural="glossary terms",
        folder="glossary",
        page=urls.GLOSSARY,
        anchored=True,
        collection="terms",
        model=model.Term,
    ),
    Kind(
        "timeline",
        "timeline",
        folder="timelines",
        page=urls.TIMELINE,
        anchored=True,
        collection="timelines",
        model=model.Timeline,
    ),
    Kind(
        "place",
        "place",
        folder="places",
        page=urls.MAP,
        anchored=True,
        collection="places",
        model=model.Place,
    ),
    Kind(
        "comparison",
        "comparison file",
        file="comparison.yaml",
        page=urls.COMPARE,
        model=model.Comparison,
    ),
    Kind("changes", "change log", file="changes.yaml", optional=True, model=model.Changes),
)
KIND: Mapping[str, Kind] = {kind.name: kind for kind in KINDS}

FILE_KINDS = tuple(kind for kind in KINDS if kind.schema)
"""Kinds with files of their own, each checked against its schema."""
FOLDER_KINDS = tuple(kind for kind in KINDS if kind.folder)
SINGLE_FILE_KINDS = tuple(kind for kind in KINDS if kind.file)
LINK_KINDS = tuple(kind.name for kind in KINDS if kind.linkable)
"""The words allowed before the colon of a ``kind:id`` link."""


def by_folder(folder: str) -> Kind | None:
    return next((kind for kind in FOLDER_KINDS if kind.folder == folder), None)


# -- vocabularies ----------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One value of a vocabulary, with the words the site uses for it."""

    id: str
    label: str
    meaning: str | None = None
    plural: str | None = None
    """The heading over a group of entities of this value ("People")."""
    heading: str | None = None
    intro: str | None = None
    short: str | None = None
    """A few words where space is short (a diagram's box)."""


WORDS = ("label", "plural", "short", "meaning", "heading", "intro")
"""The fields of a value that hold words, in the order a translator meets them."""
_VALUE_FIELDS = frozenset(WORDS)
# The words the pages and diagrams use for each vocabulary's values: a new value
# without them would leave a hole on a page, so the schema is refused instead.
NEEDED_WORDS: Mapping[str, frozenset[str]] = {
    "status": frozenset({"meaning"}),
    "binding": frozenset({"meaning"}),
    "phase": frozenset({"meaning", "heading", "intro", "short"}),
    "actor-kind": frozenset({"plural"}),
    "source-kind": frozenset({"plural"}),
    "change-type": frozenset({"meaning", "plural", "short"}),
}
COUNTED = frozenset({"change-type"})
"""Vocabularies whose values the pages count ("3 corrections"): see :meth:`Vocabulary.count`."""


def count_forms(value: Value) -> tuple[str, str]:
    """The English for a number of things of one value: "%(count)s correction(s)"."""
    return f"%(count)s {value.label.lower()}", f"%(count)s {(value.plural or value.label).lower()}"


class Vocabulary(Mapping[str, Value]):
    """The values of one vocabulary in their order (weakest status first, and so on).

    The words are the schema's English, or, in a vocabulary made by
    :meth:`translated`, their translations from a gettext catalogue, in which
    each vocabulary's words have its name as their context (``msgctxt``).
    """

    def __init__(
        self,
        name: str,
        values: tuple[Value, ...],
        text: gettext.NullTranslations | None = None,
    ) -> None:
        self.name = name
        self._english = {value.id: value for value in values}
        self._text = text or gettext.NullTranslations()
        self._values = {v.id: self._translate(v) if text else v for v in values}
        self._rank = {value.id: index for index, value in enumerate(values)}

    def _translate(self, value: Value) -> Value:
        words = {f: getattr(value, f) for f in WORDS if getattr(value, f)}
        return dataclasses.replace(
            value, **{f: self._text.pgettext(self.name, w) for f, w in words.items()}
        )

    def translated(self, text: gettext.NullTranslations) -> Vocabulary:
        """The same vocabulary with its words from ``text`` (English where it has none)."""
        return Vocabulary(self.name, tuple(self._english.values()), text)

    def __getitem__(self, value: str) -> Value:
        return self._values[value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def label(self, value: str) -> str:
        return self._values[value].label

    def rank(self, value: str) -> int:
        """The value's place in the vocabulary's order, for sorting."""
        return self._rank[value]

    def count(self, value: str, number: int) -> str:
        """A number of things of one value, "3 corrections", in the vocabulary's language,
        with the plural form that language gives the number (the catalogue holds them)."""
        if self.name not in COUNTED:
            raise ValueError(f"the catalogue has no counted words for '{self.name}'")
        forms = count_forms(self._english[value])
        return self._text.npgettext(self.name, *forms, number) % {"count": number}


class VocabularyError(ValueError):
    """A schema's vocabulary is inconsistent: a value without words, or words without a value."""


def vocabularies(schemas: Schemas) -> dict[str, Vocabulary]:
    """Every vocabulary the shared schema defines (``$defs`` entries with ``x-vocabulary``)."""
    found: dict[str, Vocabulary] = {}
    for name, definition in schemas.documents[schemas.common]["$defs"].items():
        if "x-vocabulary" in definition:
            found[name] = _vocabulary(name, definition)
    return found


def _vocabulary(name: str, definition: Mapping[str, Any]) -> Vocabulary:
    where = f"common.schema.json, $defs/{name}"
    words = definition["x-vocabulary"]
    enum = list(definition.get("enum", ()))
    if list(words) != enum:
        raise VocabularyError(
            f"{where}: x-vocabulary must give words for exactly the enum's values, in the "
            f"same order; enum: {', '.join(enum)}; x-vocabulary: {', '.join(words)}"
        )
    values = []
    for value, fields in words.items():
        unknown = set(fields) - _VALUE_FIELDS
        if "label" not in fields or unknown:
            raise VocabularyError(
                f"{where}: '{value}' needs a label and may have only "
                f"{', '.join(sorted(_VALUE_FIELDS))}"
            )
        missing = NEEDED_WORDS.get(name, frozenset()) - set(fields)
        if missing:
            raise VocabularyError(
                f"{where}: '{value}' needs {', '.join(sorted(missing))} as well as a label: "
                "the pages show them"
            )
        values.append(Value(value, **fields))
    return Vocabulary(name, tuple(values))
