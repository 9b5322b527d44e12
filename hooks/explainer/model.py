"""The checked, typed model of data/ that pages and diagrams consume.

Every record is a frozen dataclass built only from data that passed validation,
so downstream code never re-reads YAML and never meets a missing field.
Optional fields are ``None`` or an empty tuple; Markdown fields hold the raw
Markdown as the editor wrote it (``kind:id`` links included).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .registry import Vocabulary


BACKING = "backing"
"""The phase of what gives the response its force: shown apart, never as a further step."""

# The story's dates, with room on both sides; the timeline draws any year between.
MIN_YEAR, MAX_YEAR = 1000, 2999


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, shown at that precision.

    As a source gives it, a date may also be a range (``2025-12-15/2025-12-16``:
    the report carries either day) or approximate (``2025-12~``), in the
    notation of ISO 8601-2 (EDTF); pages show it as written.
    """

    year: int
    month: int | None = None
    day: int | None = None
    until: PartialDate | None = None
    """The end of a range: the date is some time from this one to ``until``."""
    approximate: bool = False

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``2025``, ``2025-12``, ``2025-12-18``, ``A/B`` or ``X~``; ValueError if not."""
        if text.endswith("~"):
            return replace(cls._single(text[:-1], text), approximate=True)
        start, slash, end = text.partition("/")
        date = cls._single(start, text)
        if not slash:
            return date
        until = cls._single(end, text)
        if until.latest <= date.earliest:
            raise ValueError(f"'{text}': a range must end after it starts")
        return replace(date, until=until)

    @classmethod
    def parse_or_none(cls, value: object) -> PartialDate | None:
        """The date a value holds, or None when it is not one (the checks report why)."""
        try:
            return cls.parse(value) if isinstance(value, str) else None
        except ValueError:
            return None

    @classmethod
    def _single(cls, text: str, whole: str) -> PartialDate:
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(
                f'\'{whole}\' is not a date; write "2025", "2025-12" or "2025-12-18", '
                'a range such as "2025-12-15/2025-12-16", or "2025-12~" for "around"'
            )
        year = int(parts[0])
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(
                f"'{whole}': the year {year} is out of range; years run from {MIN_YEAR} to "
                f"{MAX_YEAR}"
            )
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{whole}' has no month {month}; months run from 01 to 12")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                month_name = calendar.month_name[month]
                raise ValueError(
                    f"'{whole}' is not a real date: {month_name} {year} has {last} days"
                )
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        """The date as written in data: 2025, 2025-12, 2025-12-18, a range, or with ~."""
        text = self.start_iso
        if self.until is not None:
            text += "/" + self.until.iso
        return text + ("~" if self.approximate else "")

    @property
    def start_iso(self) -> str:
        """The (first) date alone, as HTML's ``datetime`` attribute takes it."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def label(self) -> str:
        """The date for readers, at its precision: 2025, December 2025, 18 December 2025.

        A range reads "15-16 December 2025" (with an en dash); an approximate date
        "around December 2025".
        """
        return ENGLISH_DATES.label(self)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A less precise date sorts at the start of its period."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def earliest(self) -> tuple[int, int, int]:
        """The first day the date can mean, as (year, month, day)."""
        return (self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> tuple[int, int, int]:
        """The last day the date can mean: the end of its period, or of its range."""
        if self.until is not None:
            return self.until.latest
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)


DASH = "\u2013"
"""The en dash of a range of dates."""


@dataclass(frozen=True)
class DateWords:
    """How one language writes a date: its month names, its year ending, its "around"."""

    of: tuple[str, ...]
    """Month names for a day's month ("18 December", "18 грудня"), index 1-12."""
    alone: tuple[str, ...]
    """Month names standing alone ("December 2025", "грудень 2025")."""
    around: str
    year_suffix: str = ""
    """After the year of a month or a day, or of an approximate year ("року")."""
    short: tuple[str, ...] = tuple(calendar.month_abbr)
    """Short month names standing alone, for the marks of a time axis ("Dec", "груд.")."""

    def month_mark(self, year: int, month: int) -> str:
        """A month on a time axis: "Dec 2025", "груд. 2025"."""
        return f"{self.short[month]} {year}"

    def single(self, date: PartialDate, *, genitive: bool = False, year: bool = True) -> str:
        """One date at its precision; ``year=False`` leaves the year out (a range's start)."""
        ending = f" {date.year}{self.year_suffix}" if year else ""
        if date.month is None:
            return f"{date.year}"
        if date.day is None:
            return f"{(self.of if genitive else self.alone)[date.month]}{ending}"
        return f"{date.day} {self.of[date.month]}{ending}"

    def label(self, date: PartialDate) -> str:
        """A date for readers, at its precision: a day, a month, a range, or "around" one."""
        if date.until is not None:
            start, end = date, date.until
            if start.day and end.day and (start.year, start.month) == (end.year, end.month):
                return f"{start.day}{DASH}{self.single(end)}"
            same_year = start.month and end.month and start.year == end.year
            return f"{self.single(start, year=not same_year)} {DASH} {self.single(end)}"
        text = self.single(date, genitive=date.approximate)
        if date.approximate and date.month is None:
            text += self.year_suffix
        return f"{self.around} {text}" if date.approximate else text


ENGLISH_DATES = DateWords(
    of=tuple(calendar.month_name), alone=tuple(calendar.month_name), around="around"
)


@dataclass(frozen=True)
class Translation:
    """A text (or list of texts) in another language, and the fingerprint of its English."""

    text: str | tuple[str, ...]
    translated_from: str
    outdated: bool = False


@dataclass(frozen=True)
class Quote:
    """Words a source records someone saying or writing, exactly as it gives them."""

    text: str
    speaker: str
    actor: str | None = None
    context: str | None = None
    language: str | None = None
    """The language of the words, when it is not the source's (a translation it recorded)."""
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""
    original: str | None = None
    """In another edition, where ``text`` is a translation: the words as recorded (localize.py)."""


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    """How the site names the source: a description, never shown in quotation marks."""
    date: PartialDate
    kind: str
    headline: str | None = None
    """The exact headline, when it is recorded: shown in quotation marks."""
    url: str | None = None
    via: str | None = None
    language: str | None = None
    notes: str | None = None
    quotes: tuple[Quote, ...] = ()
    signed: PartialDate | None = None
    """For a document that records its signature: when it was signed."""
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""

    def language_of(self, quote: Quote) -> str:
        """The language of a quote's words: its own, or the source's; English if neither says."""
        return quote.language or self.language or "en"


@dataclass(frozen=True)
class Position:
    date: PartialDate
    text: str
    sources: tuple[str, ...]
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    summary: str
    short_name: str | None = None
    member_of: tuple[str, ...] = ()
    speaks_for: str | None = None
    positions: tuple[Position, ...] = ()
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""

    @property
    def label(self) -> str:
        """The name to use where space is short (tables, diagrams)."""
        return self.short_name or self.name


@dataclass(frozen=True)
class Escalation:
    guarantee: str
    condition: str
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class StatusStep:
    """From ``date``, the guarantee stood at ``status``, this binding, as ``sources`` show."""

    date: PartialDate
    status: str
    binding: str
    sources: tuple[str, ...]
    note: str | None = None
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Guarantee:
    id: str
    title: str
    summary: str
    kind: str
    phase: str
    layer: int
    providers: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    status_history: tuple[StatusStep, ...]
    """Oldest first; never empty (the schema requires a step)."""
    sources: tuple[str, ...]
    as_of: PartialDate
    trigger: str | None = None
    escalates_to: Escalation | None = None
    details: str | None = None
    conditions: tuple[str, ...] = ()
    open_questions: tuple[str, ...] = ()
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""

    @property
    def current(self) -> StatusStep:
        """The latest step of the history: where the guarantee stands now."""
        return self.status_history[-1]

    @property
    def status(self) -> str:
        return self.current.status

    @property
    def status_since(self) -> PartialDate:
        """When it reached its current status: a later step may change only the binding."""
        since = self.current.date
        for step in reversed(self.status_history):
            if step.status != self.status:
                break
            since = step.date
        return since

    @property
    def binding(self) -> str:
        return self.current.binding

    @property
    def is_step(self) -> bool:
        """Whether it is a layer of deterrence or response, not what backs them (a pledge)."""
        return self.phase != BACKING


@dataclass(frozen=True)
class Event:
    id: str
    timeline: str
    """The id of the timeline that lists it (set by the loader, not written in the data)."""
    date: PartialDate
    title: str
    summary: str
    sources: tuple[str, ...] = ()
    background: bool = False
    """General knowledge, explained on the methodology page, rather than a cited fact."""
    actors: tuple[str, ...] = ()
    guarantees: tuple[str, ...] = ()
    place: str | None = None
    """The id of the place where it happened, when its sources say where."""
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Place:
    """A place where events of the story happened, drawn on the map."""

    id: str
    name: str
    longitude: float
    """Degrees east of Greenwich; west is negative."""
    latitude: float
    """Degrees north of the equator; south is negative."""
    description: str | None = None
    sources: tuple[str, ...] = ()
    background: bool = False
    """Its location is general knowledge (as a city's is), explained on the methodology page."""
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Timeline:
    id: str
    title: str
    description: str
    events: tuple[Event, ...]
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    sources: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    question: str
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Answer:
    answer: str
    note: str
    sources: tuple[str, ...] = ()
    background: bool = False
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    summary: str
    sources: tuple[str, ...] = ()
    answers: tuple[tuple[str, Answer], ...] = ()
    """(dimension id, answer) pairs in the order of the comparison's dimensions."""
    background: bool = False
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""

    def answer_to(self, dimension: str) -> Answer:
        return dict(self.answers)[dimension]


@dataclass(frozen=True)
class Comparison:
    dimensions: tuple[Dimension, ...]
    frameworks: tuple[Framework, ...]


@dataclass(frozen=True)
class KeyFact:
    value: str
    label: str
    sources: tuple[str, ...] = ()
    background: bool = False
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class CitedText:
    """A short text with its sources: something known, something open."""

    text: str
    sources: tuple[str, ...]
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Change:
    """One entry of the public change log."""

    id: str
    date: PartialDate
    type: str
    summary: str
    items: tuple[str, ...]
    """What it touched: ``kind:id``, ``site`` or ``comparison``."""
    wrong: str | None = None
    """For a correction: what the site said that was wrong."""
    sources: tuple[str, ...] = ()
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Changes:
    entries: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Site:
    title: str
    description: str
    as_of: PartialDate
    summary: str
    checked_until: PartialDate | None = None
    """Up to when the whole record was checked: later events could not be verified."""
    sources: tuple[str, ...] = ()
    """What the summary rests on."""
    language: str = "en"
    repository: str | None = None
    """The project's public repository, where readers report mistakes."""
    licence: str | None = None
    """The licence of the site's text and data (an SPDX identifier, see opendata.LICENCES)."""
    key_facts: tuple[KeyFact, ...] = ()
    known: tuple[CitedText, ...] = ()
    """What is known, in short: the top of the home page."""
    not_yet: tuple[CitedText, ...] = ()
    """What is not known or done yet, in short, beside it."""
    open_questions: tuple[CitedText, ...] = ()
    uk: dict[str, Translation] | None = None
    """The Ukrainian version of its texts, by field name (see translations.py)."""


@dataclass(frozen=True)
class Explainer:
    """All of data/, checked. Mappings are keyed by id and iterate in id order."""

    site: Site
    actors: dict[str, Actor]
    guarantees: dict[str, Guarantee]
    sources: dict[str, Source]
    timelines: dict[str, Timeline]
    terms: dict[str, Term]
    comparison: Comparison
    vocabularies: Mapping[str, Vocabulary]
    """The schemas' vocabularies (status, phase...): their order and the words for each value."""
    changes: Changes = field(default_factory=Changes)
    """The change log, oldest entry first."""
    events: dict[str, Event] = field(default_factory=dict)
    """Every event of every timeline, by id (ids are unique across timelines)."""
    places: dict[str, Place] = field(default_factory=dict)
    """The places that events name, by id."""

    # The lookups below are asked once per page; each index is built once per
    # model (cached_property writes to the instance's __dict__, which a frozen
    # dataclass allows), so a page costs the same however many entities there are.

    @cached_property
    def _in_order(self) -> tuple[Guarantee, ...]:
        phases = self.vocabularies["phase"]
        return tuple(
            sorted(self.guarantees.values(), key=lambda g: (phases.rank(g.phase), g.layer, g.id))
        )

    @cached_property
    def _events_in_order(self) -> tuple[Event, ...]:
        """Every event by date; events starting on one day in the order their timeline gives."""
        listed = [e for t in sorted(self.timelines) for e in self.timelines[t].events]
        return tuple(sorted(listed, key=lambda e: e.date.sort_key))

    @cached_property
    def _event_rank(self) -> dict[str, int]:
        return {event.id: rank for rank, event in enumerate(self._events_in_order)}

    @cached_property
    def _index(self) -> dict[tuple[str, str], list[Any]]:
        """(relation, id) -> guarantees, actors or events, each list in display order."""
        index: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for guarantee in self._in_order:
            if guarantee.escalates_to is not None:
                index["escalating-to", guarantee.escalates_to.guarantee].append(guarantee)
            for actor_id in guarantee.providers:
                index["provides", actor_id].append(guarantee)
            for actor_id in guarantee.beneficiaries:
                index["receives", actor_id].append(guarantee)
        for actor in self.actors.values():
            for group in actor.member_of:
                index["members", group].append(actor)
            if actor.speaks_for is not None:
                index["speakers", actor.speaks_for].append(actor)
        for source in self.sources.values():
            if source.via is not None:
                index["relays", source.via].append(source)
        for event in self._events_in_order:
            for actor_id in event.actors:
                index["events-of-actor", actor_id].append(event)
            for guarantee_id in event.guarantees:
                index["events-of-guarantee", guarantee_id].append(event)
            if event.place is not None:
                index["events-at-place", event.place].append(event)
        return dict(index)

    def events_in_order(self) -> list[Event]:
        """Every event of every timeline by date; one day's events as their timeline lists them."""
        return list(self._events_in_order)

    def guarantees_in_order(self) -> list[Guarantee]:
        """Deterrence before response, then by layer, then by id: the layered response."""
        return list(self._in_order)

    def provided_by(self, actor_id: str) -> list[Guarantee]:
        return list(self._index.get(("provides", actor_id), ()))

    def received_by(self, actor_id: str) -> list[Guarantee]:
        return list(self._index.get(("receives", actor_id), ()))

    def members_of(self, actor_id: str) -> list[Actor]:
        return list(self._index.get(("members", actor_id), ()))

    def speakers_for(self, actor_id: str) -> list[Actor]:
        """People who speak for the actor."""
        return list(self._index.get(("speakers", actor_id), ()))

    def escalating_to(self, guarantee_id: str) -> list[Guarantee]:
        """Guarantees whose next layer is this one, in layered order."""
        return list(self._index.get(("escalating-to", guarantee_id), ()))

    def relays_of(self, source_id: str) -> list[Source]:
        """Sources that were seen through this one."""
        return list(self._index.get(("relays", source_id), ()))

    def events_at(self, place_id: str) -> list[Event]:
        """The events that happened at a place, in date order."""
        return list(self._index.get(("events-at-place", place_id), ()))

    def places_in_order(self) -> list[Place]:
        """Places in the order of the story: by the date of their first event, then by id."""
        first = {p: self.events_at(p) for p in self.places}
        return sorted(
            self.places.values(),
            key=lambda p: (self._event_rank[first[p.id][0].id] if first[p.id] else -1, p.id),
        )

    def events_with(self, *, actor: str | None = None, guarantee: str | None = None) -> list[Event]:
        """Events involving the actor or concerning the guarantee, in date order."""
        found: dict[str, Event] = {}
        if actor is not None:
            found.update((e.id, e) for e in self._index.get(("events-of-actor", actor), ()))
        if guarantee is not None:
            found.update((e.id, e) for e in self._index.get(("events-of-guarantee", guarantee), ()))
        return sorted(found.values(), key=lambda e: self._event_rank[e.id])
