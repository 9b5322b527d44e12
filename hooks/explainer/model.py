"""The checked, typed model of data/ that pages and diagrams consume.

Every record is a frozen dataclass built only from data that passed validation,
so downstream code never re-reads YAML and never meets a missing field.
Optional fields are ``None`` or an empty tuple; Markdown fields hold the raw
Markdown as the editor wrote it (``kind:id`` links included).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["actor", "guarantee", "source", "event", "term", "timeline"]

STATUS_ORDER: tuple[str, ...] = (
    "rumoured",
    "reported",
    "proposed",
    "agreed",
    "signed",
    "ratified",
    "in-force",
    "withdrawn",
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, shown at that precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``2025``, ``2025-12`` or ``2025-12-18``; raise ValueError if impossible."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f'\'{text}\' is not a date; write "2025", "2025-12" or "2025-12-18"')
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}; months run from 01 to 12")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                month_name = calendar.month_name[month]
                raise ValueError(
                    f"'{text}' is not a real date: {month_name} {year} has {last} days"
                )
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        """The date as written in data: 2025, 2025-12 or 2025-12-18."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def label(self) -> str:
        """The date for readers, at its precision: 2025, December 2025, 18 December 2025."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A less precise date sorts at the start of its period."""
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    date: PartialDate
    kind: str
    url: str | None = None
    via: str | None = None
    language: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Position:
    date: PartialDate
    text: str
    sources: tuple[str, ...]


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

    @property
    def label(self) -> str:
        """The name to use where space is short (tables, diagrams)."""
        return self.short_name or self.name


@dataclass(frozen=True)
class Escalation:
    guarantee: str
    condition: str


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
    status: str
    binding: str
    sources: tuple[str, ...]
    as_of: PartialDate
    trigger: str | None = None
    escalates_to: Escalation | None = None
    details: str | None = None
    conditions: tuple[str, ...] = ()
    open_questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    id: str
    timeline: str
    date: PartialDate
    title: str
    summary: str
    sources: tuple[str, ...]
    actors: tuple[str, ...] = ()
    guarantees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timeline:
    id: str
    title: str
    description: str
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    sources: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    question: str


@dataclass(frozen=True)
class Answer:
    answer: str
    note: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    summary: str
    sources: tuple[str, ...]
    answers: tuple[tuple[str, Answer], ...]
    """(dimension id, answer) pairs in the order of the comparison's dimensions."""

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
    sources: tuple[str, ...]


@dataclass(frozen=True)
class OpenQuestion:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    title: str
    description: str
    as_of: PartialDate
    summary: str
    language: str = "en"
    key_facts: tuple[KeyFact, ...] = ()
    open_questions: tuple[OpenQuestion, ...] = ()


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
    events: dict[str, Event] = field(default_factory=dict)
    """Every event of every timeline, by id (ids are unique across timelines)."""

    def guarantees_in_order(self) -> list[Guarantee]:
        """Deterrence before response, then by layer, then by id: the layered response."""
        phase_rank = {"deterrence": 0, "response": 1}
        return sorted(self.guarantees.values(), key=lambda g: (phase_rank[g.phase], g.layer, g.id))

    def provided_by(self, actor_id: str) -> list[Guarantee]:
        return [g for g in self.guarantees_in_order() if actor_id in g.providers]

    def received_by(self, actor_id: str) -> list[Guarantee]:
        return [g for g in self.guarantees_in_order() if actor_id in g.beneficiaries]

    def members_of(self, actor_id: str) -> list[Actor]:
        return [a for a in self.actors.values() if actor_id in a.member_of]

    def events_with(self, *, actor: str | None = None, guarantee: str | None = None) -> list[Event]:
        found = [
            e
            for e in self.events.values()
            if (actor is not None and actor in e.actors)
            or (guarantee is not None and guarantee in e.guarantees)
        ]
        return sorted(found, key=lambda e: (e.date.sort_key, e.id))
