"""Synthetic Explainer objects for the diagram tests, built from the model's dataclasses."""

from __future__ import annotations

from dataclasses import replace

from explainer.model import (
    Actor,
    Comparison,
    Escalation,
    Event,
    Explainer,
    Guarantee,
    PartialDate,
    Site,
    StatusStep,
    Timeline,
)

from conftest import vocabularies_of_the_schemas


def actor(actor_id: str, name: str, *, short_name: str | None = None, kind: str = "state") -> Actor:
    return Actor(id=actor_id, name=name, kind=kind, summary="An actor.", short_name=short_name)


def guarantee(
    guarantee_id: str,
    title: str,
    *,
    phase: str,
    layer: int,
    providers: tuple[str, ...],
    beneficiaries: tuple[str, ...] = ("ukraine",),
    escalates_to: tuple[str, str] | None = None,
    kind: str = "military",
) -> Guarantee:
    return Guarantee(
        id=guarantee_id,
        title=title,
        summary="A guarantee.",
        kind=kind,
        phase=phase,
        layer=layer,
        providers=providers,
        beneficiaries=beneficiaries,
        status_history=(StatusStep(PartialDate(2025, 12, 18), "reported", "none", ("a-source",)),),
        sources=("a-source",),
        as_of=PartialDate(2025, 12, 18),
        escalates_to=Escalation(*escalates_to) if escalates_to else None,
    )


def event(event_id: str, timeline_id: str, date: str, title: str) -> Event:
    return Event(
        id=event_id,
        timeline=timeline_id,
        date=PartialDate.parse(date),
        title=title,
        summary="An event.",
        sources=("a-source",),
    )


def explainer(
    actors: list[Actor], guarantees: list[Guarantee], timelines: list[Timeline]
) -> Explainer:
    """An Explainer holding these entities (mappings in id order, as the loader builds them)."""
    events = {e.id: e for t in timelines for e in t.events}
    return Explainer(
        site=Site(
            title="Test explainer",
            description="A test.",
            as_of=PartialDate(2025, 12, 18),
            summary="Test.",
        ),
        actors={a.id: a for a in sorted(actors, key=lambda a: a.id)},
        guarantees={g.id: g for g in sorted(guarantees, key=lambda g: g.id)},
        sources={},
        timelines={t.id: t for t in sorted(timelines, key=lambda t: t.id)},
        terms={},
        comparison=Comparison(dimensions=(), frameworks=()),
        vocabularies=vocabularies_of_the_schemas(),
        events=dict(sorted(events.items())),
    )


def synthetic() -> Explainer:
    """A plan shaped like the real one, with the awkward cases the real data may not have.

    Two guarantees share a layer (a row of two boxes), both escalate to the
    same next step (two arrows into one box, one with a turn), one escalation
    skips rows (the gutter), one points back up (written in its box), names
    and conditions are long, and several events fall on the same day.
    """
    actors = [
        actor("ukraine", "Ukraine"),
        actor("united-states", "United States of America", short_name="US"),
        actor("france", "France"),
        actor("united-kingdom", "United Kingdom"),
        actor(
            "coalition",
            "Coalition of the Willing, a group of more than thirty countries",
            kind="coalition",
        ),
        actor("nato", "North Atlantic Treaty Organization", short_name="NATO", kind="alliance"),
        actor("moldova", "Republic of Moldova"),
    ]
    guarantees = [
        guarantee(
            "army",
            "Ukraine's own army of 800,000 as the first line of deterrence",
            phase="deterrence",
            layer=1,
            providers=("ukraine",),
            escalates_to=("defence", "If deterrence fails and fighting resumes."),
        ),
        guarantee(
            "weapons",
            "Weapons deliveries and training",
            phase="deterrence",
            layer=2,
            providers=("united-states", "france", "united-kingdom"),
            escalates_to=("defence", "If Russian forces cross the contact line."),
        ),
        guarantee(
            "force",
            "A reassurance force of European troops stationed away from the front line",
            phase="deterrence",
            layer=2,
            providers=("coalition", "france", "united-kingdom"),
            beneficiaries=("ukraine", "moldova"),
            escalates_to=(
                "defence",
                "If the force is attacked or the ceasefire monitoring mission reports a "
                "large-scale violation that the joint commission cannot resolve within 48 hours.",
            ),
        ),
        guarantee(
            "defence",
            "Ukrainian forces defend",
            phase="response",
            layer=1,
            providers=("ukraine",),
            escalates_to=("diplomacy", "At once."),
        ),
        guarantee(
            "diplomacy",
            "Rapid diplomatic and de-escalation measures",
            phase="response",
            layer=2,
            providers=("united-states", "france"),
            kind="diplomatic",
            escalates_to=("support", "If diplomacy fails within days."),
        ),
        guarantee(
            "support",
            "Military support backed by US capabilities, including air defence and intelligence",
            phase="response",
            layer=3,
            providers=("united-states", "nato"),
            beneficiaries=("ukraine", "moldova"),
            escalates_to=("weapons", "Afterwards, rebuild stocks."),
        ),
    ]
    timelines = [
        Timeline(
            id="background",
            title="Background",
            description="Background.",
            events=(
                event("treaty", "background", "1949-04-04", "The North Atlantic Treaty is signed"),
                event("budapest", "background", "1994-12-05", "The Budapest Memorandum"),
                event("crimea", "background", "2014-03", "Russia annexes Crimea"),
                event("minsk", "background", "2015-02-12", "Minsk II"),
                event("invasion", "background", "2022-02-24", "Full-scale invasion"),
            ),
        ),
        Timeline(
            id="talks",
            title="The talks of 2025",
            description="Talks.",
            events=(
                event("coalition-formed", "talks", "2025", "The coalition is formed"),
                event("london", "talks", "2025-03-02", "London summit"),
                event("white-house", "talks", "2025-08-18", "White House meeting with leaders"),
                event("paris", "talks", "2025-09-04", "Paris summit of the coalition"),
                event("berlin", "talks", "2025-12-14", "Talks in Berlin on 14 and 15 December"),
                event("report-a", "talks", "2025-12-18", "A first report of a layered plan"),
                event("report-b", "talks", "2025-12-18", "A second report, the same day"),
                event(
                    "report-c",
                    "talks",
                    "2025-12-18",
                    "A third report, with a long title "
                    "that has to wrap over several lines in its label",
                ),
            ),
        ),
    ]
    return explainer(actors, guarantees, timelines)


def tripled(base: Explainer) -> Explainer:
    """Three times as many actors, guarantees and events: each copied twice with new ids.

    Copies keep their layer and dates, so rows hold three boxes and events
    crowd three to a date: the hardest case for a layout.
    """

    def copy_id(entity_id: str, k: int) -> str:
        return entity_id if k == 0 else f"{entity_id}-copy-{k}"

    def suffix(text: str, k: int) -> str:
        return text if k == 0 else f"{text} (copy {k})"

    actors = [
        replace(
            a,
            id=copy_id(a.id, k),
            name=suffix(a.name, k),
            short_name=(suffix(a.short_name, k) if a.short_name else None),
        )
        for a in base.actors.values()
        for k in range(3)
    ]
    guarantees = [
        replace(
            g,
            id=copy_id(g.id, k),
            title=suffix(g.title, k),
            providers=tuple(copy_id(a, k) for a in g.providers),
            beneficiaries=tuple(copy_id(a, k) for a in g.beneficiaries),
            escalates_to=(
                replace(g.escalates_to, guarantee=copy_id(g.escalates_to.guarantee, k))
                if g.escalates_to
                else None
            ),
        )
        for g in base.guarantees.values()
        for k in range(3)
    ]
    timelines = [
        replace(
            t,
            events=tuple(
                sorted(
                    (
                        replace(e, id=copy_id(e.id, k), title=suffix(e.title, k))
                        for e in t.events
                        for k in range(3)
                    ),
                    key=lambda e: e.date.sort_key,
                )
            ),
        )
        for t in base.timelines.values()
    ]
    return explainer(actors, guarantees, timelines)


def with_title(base: Explainer, text: str) -> Explainer:
    """The explainer with text as a guarantee title, an actor name and an event title."""
    first_guarantee = next(iter(base.guarantees.values()))
    first_actor = next(iter(base.actors.values()))
    first_timeline = next(iter(base.timelines.values()))
    guarantees = dict(base.guarantees)
    guarantees[first_guarantee.id] = replace(first_guarantee, title=text)
    actors = dict(base.actors)
    actors[first_actor.id] = replace(first_actor, name=text, short_name=None)
    events = (replace(first_timeline.events[0], title=text), *first_timeline.events[1:])
    timelines = dict(base.timelines)
    timelines[first_timeline.id] = replace(first_timeline, events=events)
    return replace(base, guarantees=guarantees, actors=actors, timelines=timelines)


def reversed_mappings(base: Explainer) -> Explainer:
    """The same data with every mapping in reverse insertion order."""
    return replace(
        base,
        actors=dict(reversed(base.actors.items())),
        guarantees=dict(reversed(base.guarantees.items())),
        timelines=dict(reversed(base.timelines.items())),
        events=dict(reversed(base.events.items())),
    )
