"""Synthetic data folders of any size, shaped like data/, for benchmarks and scale tests.

    python tests/bench/synth.py --scale N --out DIR [--force]

``synthesize(scale)`` is a pure function: the same scale always gives the same
files, byte for byte (a seeded generator, no clock, no set ordering). The data
is a series of small explainers ("clusters" of about the size of the real
data/), each with its protected state, providers, layered guarantees with
escalation chains, timelines, sources and glossary terms. References stay
mostly inside a cluster, as they would in a tracker of many agreements, so
that no page has to grow with the size of the whole folder.

The names are invented and the addresses are on example.org: nothing here
may be mistaken for a fact about the real world.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import shutil
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

# The project's schemas, copied into each folder written (the engine takes no default).
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"
MIN_SCALE = 20
AS_OF = (2025, 12, 18)
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}")
# The mix of entity kinds in the real data/: 17 actors, 9 guarantees,
# 12 sources, 16 events and 17 glossary terms.
SHARES: tuple[tuple[str, float, int], ...] = (
    # kind, share of the total, minimum count
    ("actor", 0.24, 6),
    ("guarantee", 0.13, 2),
    ("source", 0.17, 2),
    ("event", 0.22, 2),
    ("term", 0.24, 2),
)
# About as many entities as the real data/ holds: one explainer's worth.
CLUSTER_SIZE = 70
# Actor kinds within a cluster, in the real data's proportions; each of the
# six kinds comes early so that even the smallest folder has one of each.
ACTOR_PATTERN = (
    "state",
    "person",
    "coalition",
    "alliance",
    "institution",
    "organisation",
    "state",
    "person",
    "state",
    "person",
    "coalition",
    "state",
    "person",
    "person",
    "state",
    "person",
    "institution",
)
GROUP_KINDS = ("coalition", "alliance", "organisation")
PROVIDER_KINDS = ("state", "coalition", "alliance", "institution", "organisation")

GUARANTEE_KINDS = ("military", "intelligence", "diplomatic", "political", "legal", "economic")
STATUSES = ("rumoured", "reported", "proposed", "agreed", "signed", "ratified", "in-force")
STATUS_WEIGHTS = (2, 10, 3, 2, 1, 1, 1)
SOURCE_KINDS = ("news-report", "official-document", "statement", "analysis", "treaty")
SOURCE_WEIGHTS = (8, 2, 2, 2, 1)
# The evidence a status needs (the check's rules): from "proposed" up, a source
# put forward officially; from "signed" up, a document that records its signature.
OFFICIAL_KINDS = ("official-document", "statement", "treaty")
OFFICIAL_FROM = STATUSES.index("proposed")
SIGNED_FROM = STATUSES.index("signed")
# How often a source of each kind records someone's exact words (its quotes).
QUOTE_SHARE = {"news-report": 0.35, "statement": 0.6, "official-document": 0.2}
CHANGE_TYPES = ("correction", "update", "clarification")
CHANGE_WEIGHTS = (2, 5, 2)
ANSWERS = ("yes", "no", "partly", "unclear")
DIMENSIONS = (
    ("legally-binding", "Legally binding", "Is it legally binding on those who give it?"),
    ("legislature-approved", "Approved by a legislature", "Has a legislature approved it?"),
    (
        "automatic-military-response",
        "Military response",
        "Does an attack commit the guarantors to a military response?",
    ),
    ("foreign-troops", "Foreign troops", "Does it put foreign troops on the protected soil?"),
    ("monitoring", "Monitoring", "Does it include a way of watching for violations?"),
    ("who-decides", "Who decides", "Does each guarantor decide for itself how to respond?"),
    ("adversary-signed", "Adversary's consent", "Has the adversary signed up to it?"),
)

_SYLLABLES = (
    "ka", "lo", "ver", "mi", "na", "dor", "sel", "ta", "ri", "bel",
    "mon", "zu", "ar", "quin", "len", "os", "tav", "fe", "gor", "ul",
)  # fmt: skip
_COUNTRY_ENDINGS = ("ia", "and", "ova", "esh", "ur")
_FIRST_NAMES = (
    "Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas",
    "Kasia", "Leon", "Marta", "Nils", "Olga", "Pavel", "Rosa", "Stefan", "Tamar", "Viktor",
)  # fmt: skip
_PUBLISHERS = (
    "Meridian Daily", "Northern Wire", "The Lakeside Herald", "Capital Review",
    "Eastern Courier", "Harbour Post", "Continental Monitor", "The Evening Ledger",
    "Frontier Radio", "Atlas News Agency", "Policy Quarterly", "The Civic Record",
)  # fmt: skip
_TERM_ADJECTIVES = (
    "collective", "layered", "binding", "joint", "forward", "rapid", "standing", "mutual",
    "regional", "maritime", "aerial", "strategic", "tactical", "provisional", "permanent",
    "reciprocal", "conditional", "automatic", "graduated", "sectoral", "multilateral",
    "bilateral", "interim", "integrated", "residual",
)  # fmt: skip
_TERM_NOUNS = (
    "defence", "deterrence", "guarantee", "assurance", "backstop", "presence", "mandate",
    "clause", "mechanism", "buffer", "tripwire", "pledge", "framework", "corridor",
    "ceasefire", "verification", "deployment", "compact", "reserve", "umbrella", "escort",
    "patrol", "shield", "commitment", "protocol",
)  # fmt: skip
_EVENT_TITLES = (
    ("Talks in {place}", "talks-in-{slug}"),
    ("Summit of the {place} group", "{slug}-summit"),
    ("Envoys visit {place}", "{slug}-visit"),
    ("Draft plan for {place} circulated", "draft-plan-{slug}"),
    ("Ministers meet on guarantees in {place}", "ministers-meet-{slug}"),
    ("Ceasefire monitoring discussed in {place}", "monitoring-talks-{slug}"),
)
_GUARANTEE_TITLES = {
    "military": ("Forward defence force", "Air and sea patrols", "Rapid reinforcement"),
    "intelligence": ("Monitoring of the contact line", "Shared early warning"),
    "diplomatic": ("Consultations if attacked", "Deconfliction channel"),
    "political": ("Collective assurance", "Leaders' declaration"),
    "legal": ("Treaty ratification", "Approval by the legislature"),
    "economic": ("Reconstruction fund", "Sanctions snapback"),
}
_CONDITIONS = (
    "If deterrence fails and fighting resumes.",
    "If diplomacy fails within days.",
    "If the ceasefire line is crossed.",
    "If the first layer cannot hold.",
)
_SENTENCES = (
    "{actor} said it would take part, as reported by {source}.",
    "Officials quoted by {source} compared it to the {term_plain} in earlier agreements.",
    "The arrangement is tied to {guarantee} and would be reviewed every year.",
    "Talks on the details continued after {event}.",
    "{actor} and {actor} had not said how it would be paid for ({source}).",
    "It rests on the {term} agreed between the governments involved.",
    "Under the plan, forces would stay well away from the line that ends the {term_plain}.",
    "{source} described the terms as an offer rather than a firm commitment.",
    "Neither {actor} nor {actor} had published a text.",
    "The scope was discussed again at {event}, according to {source}.",
    "How it would work alongside {guarantee} was not described in the reports used here.",
    "{actor} wanted it approved by a vote, citing earlier promises that were not kept.",
)
# Invented words for the sources' quotes; texts that cite a source may quote them.
_QUOTES = (
    "we will not be left to stand alone again",
    "no guarantee is stronger than the will behind it",
    "the door to talks remains open",
    "any ceasefire must be watched by someone neutral",
    "a promise on paper is not enough",
    "our forces would be ready within days",
    "this is an offer, not yet a commitment",
    "{place} must decide its own future",
    "the guarantees for {place} have to be approved at home",
)
_SPEAKERS = ("a senior official", "a government spokesperson", "a diplomat close to the talks")
_QUOTE_CONTEXTS = (
    "at a press conference",
    "in an interview",
    "after the talks",
    "in a written statement",
)
_HEADLINES = (
    "{place} weighs the guarantees on offer",
    "Allies set out a plan to protect {place}",
    "What the security plan for {place} would and would not do",
    "Talks on {place} guarantees resume",
)
# Change-log entries: (type, the kinds of item it suits, summary, what was wrong).
_ENTITY_KINDS = ("guarantee", "actor", "event", "term")
_CHANGES: tuple[tuple[str, tuple[str, ...], str, str | None], ...] = (
    (
        "correction",
        ("event",),
        "Corrected the date given for {subject}.",
        "It gave the wrong month for {subject}.",
    ),
    (
        "correction",
        ("guarantee", "event"),
        "Corrected who takes part in {subject}.",
        "It named a participant that no source reports for {subject}.",
    ),
    (
        "correction",
        ("guarantee",),
        "Corrected how far {subject} has got.",
        "It described {subject} as agreed; the sources report only a proposal.",
    ),
    (
        "correction",
        ("actor",),
        "Corrected the position given for {subject}.",
        "It gave a position that {subject} had not stated.",
    ),
    (
        "correction",
        ("term",),
        "Corrected the definition of {subject}.",
        "It confused {subject} with a related term.",
    ),
    (
        "correction",
        ("site", "comparison"),
        "Corrected a figure in {subject}.",
        "It gave the number of countries taking part as 28.",
    ),
    ("update", _ENTITY_KINDS, "Added a newer report on {subject}.", None),
    (
        "update",
        ("guarantee", "event", "actor", "site", "comparison"),
        "Updated {subject} after further talks.",
        None,
    ),
    (
        "clarification",
        ("guarantee",),
        "Said more plainly that {subject} is a proposal, not a commitment.",
        None,
    ),
    (
        "clarification",
        (*_ENTITY_KINDS, "site", "comparison"),
        "Said more plainly which sources {subject} rests on.",
        None,
    ),
    ("clarification", ("term",), "Reworded the definition of {subject} more plainly.", None),
)
_POSITION_SENTENCES = (
    "Said it wants any guarantee to be approved by a legislature.",
    "Said foreign troops should stay far from the line of contact.",
    "Said it would not accept limits on the size of its armed forces.",
    "Called for monitoring of the ceasefire by a neutral party.",
)


def _bijective(number: int, base: int) -> list[int]:
    """Digits of number >= 1 in bijective numeration: distinct numbers give distinct digits."""
    digits: list[int] = []
    while number > 0:
        number, remainder = divmod(number - 1, base)
        digits.append(remainder)
    return digits[::-1]


def _word(index: int) -> str:
    """An invented word of two syllables or more; neighbouring indices give unlike words."""
    # Multiplying by a number prime to the base is one-to-one and spreads
    # neighbours apart; reading the digits backwards varies the first syllable.
    syllables = _bijective(index * 7 + 3 * len(_SYLLABLES) + 2, len(_SYLLABLES))
    return "".join(_SYLLABLES[s] for s in reversed(syllables)).capitalize()


def _slug(text: str) -> str:
    kept = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in kept.split("-") if part)


def _date(year: int, month: int, day: int, precision: int = 3) -> str:
    return (
        f"{year:04d}"
        + (f"-{month:02d}" if precision > 1 else "")
        + (f"-{day:02d}" if precision > 2 else "")
    )


def allocate(scale: int) -> dict[str, int]:
    """How many entities of each kind a folder of `scale` entities holds (they sum to scale)."""
    if scale < MIN_SCALE:
        raise ValueError(f"scale must be at least {MIN_SCALE}, not {scale}")
    counts = {kind: max(minimum, int(scale * share)) for kind, share, minimum in SHARES}
    # Largest remainders take what rounding down left over (or give back excess).
    order = sorted(SHARES, key=lambda s: (-(scale * s[1] - int(scale * s[1])), s[0]))
    index = 0
    while sum(counts.values()) != scale:
        kind, _, minimum = order[index % len(order)]
        if sum(counts.values()) < scale:
            counts[kind] += 1
        elif counts[kind] > minimum:
            counts[kind] -= 1
        index += 1
    return counts


@dataclass
class _Cluster:
    """One explainer's worth of entities; texts link mostly inside their cluster."""

    index: int
    name: str
    slug: str
    actors: list[str] = field(default_factory=list)
    guarantees: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    """Every id and display name, decided before any text is written (texts link to them)."""

    clusters: list[_Cluster]
    actor_kind: dict[str, str] = field(default_factory=dict)
    guarantee_kind: dict[str, str] = field(default_factory=dict)
    source_date: dict[str, str] = field(default_factory=dict)
    source_day: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    source_kind: dict[str, str] = field(default_factory=dict)
    signed: set[str] = field(default_factory=set)
    """Sources that record their own signature (treaties, some official documents)."""
    quotes: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    backing: set[str] = field(default_factory=set)
    """Guarantees that give the response its force (phase backing), not a step of it."""
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    term_names: dict[str, str] = field(default_factory=dict)
    term_number: dict[str, int] = field(default_factory=dict)


class _Dumper(yaml.SafeDumper):
    """YAML as an editor would write it: key order kept, Markdown paragraphs as blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        # The loader refuses anchors and aliases, so a repeated value is written out.
        return True


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # Paragraphs as a literal block, a long line folded, as editors write them.
    style = "|" if "\n" in text else ">" if len(text) > 70 else None
    if _DATE.fullmatch(text):
        style = '"'  # dates in double quotes, as the data contract asks of editors
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.SequenceNode:
    # Lists of ids on one line, [a, b], as in data/; lists of records as blocks.
    flow = all(isinstance(item, str) and _ID.fullmatch(item) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def _yaml(schema: str, data: Mapping[str, Any]) -> str:
    body = yaml.dump(
        dict(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=78,
        indent=2,
        default_flow_style=False,
    )
    return f"# yaml-language-server: $schema={schema}\n{body}"


class _Writer:
    """Draws names, dates and Markdown from one seeded generator, in a fixed order."""

    def __init__(self, scale: int) -> None:
        self.random = random.Random(f"explainer-synth-{scale}")
        self.plan: _Plan = _Plan(clusters=[])
        self.all: dict[str, list[str]] = {}

    def pick(self, items: Sequence[str], count: int) -> list[str]:
        """Up to count distinct items, in the order they are listed (stable output)."""
        chosen = set(self.random.sample(range(len(items)), min(count, len(items))))
        return [item for position, item in enumerate(items) if position in chosen]

    def one(self, cluster: _Cluster, kind: str) -> str:
        own: list[str] = getattr(cluster, f"{kind}s")
        return self.random.choice(own or self.all[kind])

    def link(self, cluster: _Cluster, kind: str) -> str:
        entity = self.one(cluster, kind)
        return f"[{self.plan.labels[(kind, entity)]}]({kind}:{entity})"

    def sentence(self, cluster: _Cluster, template: str | None = None) -> str:
        template = template or self.random.choice(_SENTENCES)
        fillers: dict[str, Callable[[], str]] = {
            "actor": lambda: self.link(cluster, "actor"),
            "source": lambda: self.link(cluster, "source"),
            "guarantee": lambda: self.link(cluster, "guarantee"),
            "event": lambda: self.link(cluster, "event"),
            "term": lambda: self.link(cluster, "term"),
            "term_plain": lambda: self.plan.term_names[self.one(cluster, "term")].lower(),
        }
        text = template
        for name, fill in fillers.items():
            while "{" + name + "}" in text:
                text = text.replace("{" + name + "}", fill(), 1)
        return text

    def paragraph(self, cluster: _Cluster, sentences: tuple[int, int] = (3, 5)) -> str:
        templates = self.random.sample(_SENTENCES, self.random.randint(*sentences))
        return " ".join(self.sentence(cluster, template) for template in templates)

    def markdown(self, cluster: _Cluster, paragraphs: int) -> str:
        """Paragraphs wrapped at 76 columns, written in the file as a literal block."""
        texts = (self.paragraph(cluster) for _ in range(paragraphs))
        return "\n\n".join(
            textwrap.fill(text, 76, break_long_words=False, break_on_hyphens=False)
            for text in texts
        )

    def day(self, year_from: int = 2024, year_to: int = 2025) -> tuple[int, int, int]:
        """A day in the given years, no later than the site's as_of date."""
        year = self.random.randint(year_from, year_to)
        month = self.random.randint(1, 12)
        day = self.random.randint(1, 28)
        return (year, month, day) if (year, month, day) <= AS_OF else AS_OF

    def between(
        self, first: tuple[int, int, int], last: tuple[int, int, int]
    ) -> tuple[int, int, int]:
        """A day from first to last, both included (last if first is later)."""
        end = datetime.date(*last).toordinal()
        start = min(datetime.date(*first).toordinal(), end)
        chosen = datetime.date.fromordinal(self.random.randint(start, end))
        return chosen.year, chosen.month, chosen.day

    def dated_sources(
        self, cluster: _Cluster, year_from: int, count: int
    ) -> tuple[tuple[int, int, int], list[str]]:
        """A day from year_from to 2025, and up to count sources dated on or after it.

        A source can only report what had happened by its own date, so a day
        later than all of the cluster's sources moves back before the latest.
        """
        days = self.plan.source_day
        day = self.day(year_from, 2025)
        later = [s for s in cluster.sources if days[s] >= day]
        if not later:
            day = self.between((year_from, 1, 1), max(days[s] for s in cluster.sources))
            later = [s for s in cluster.sources if days[s] >= day]
        return day, self.pick(later, count)

    def quoting(self, cited: Sequence[str], share: float) -> str:
        """Now and then a sentence quoting words that one of the cited sources records."""
        recorded = [quote for source_id in cited for quote in self.plan.quotes.get(source_id, ())]
        if not recorded or self.random.random() >= share:
            return ""
        quote = self.random.choice(recorded)
        actor = quote.get("actor")
        speaker = (
            f"[{self.plan.labels[('actor', actor)]}](actor:{actor})"
            if actor
            else quote["speaker"][0].upper() + quote["speaker"][1:]
        )
        return f' {speaker} said "{quote["text"]}".'


def _plan(writer: _Writer, counts: Mapping[str, int]) -> _Plan:
    cluster_count = max(1, round(sum(counts.values()) / CLUSTER_SIZE))
    clusters = [
        _Cluster(index=c, name=_word(c), slug=_slug(_word(c))) for c in range(cluster_count)
    ]
    plan = _Plan(clusters=clusters)
    writer.plan = plan
    ids: dict[str, set[str]] = {}

    def unique(kind: str, base: str) -> str:
        taken = ids.setdefault(kind, set())
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        return candidate

    # Actors: kinds follow ACTOR_PATTERN within each cluster.
    per_kind = dict.fromkeys(ACTOR_PATTERN, 0)
    for number in range(counts["actor"]):
        cluster = clusters[number % cluster_count]
        kind = ACTOR_PATTERN[len(cluster.actors) % len(ACTOR_PATTERN)]
        serial = per_kind[kind]
        per_kind[kind] += 1
        word = _word(serial * 3 + ACTOR_PATTERN.index(kind))
        if kind == "state":
            name = word[:-1] + _COUNTRY_ENDINGS[serial % len(_COUNTRY_ENDINGS)]
        elif kind == "person":
            name = f"{_FIRST_NAMES[serial % len(_FIRST_NAMES)]} {_word(serial + 400)}"
        elif kind == "coalition":
            name = f"{word} Coalition"
        elif kind == "alliance":
            name = f"{word} Treaty Alliance"
        elif kind == "institution":
            name = f"{word} Parliament"
        else:
            name = f"{word} Monitoring Organisation"
        actor_id = unique("actor", _slug(name))
        cluster.actors.append(actor_id)
        plan.actor_kind[actor_id] = kind
        plan.labels[("actor", actor_id)] = name
        if len(cluster.actors) == 1:
            # A cluster is named after the state it protects, its first actor.
            cluster.name, cluster.slug = name, actor_id

    for number in range(counts["source"]):
        cluster = clusters[number % cluster_count]
        publisher = _PUBLISHERS[(number * 5 + cluster.index) % len(_PUBLISHERS)]
        day = writer.day()
        date = _date(*day)
        source_id = unique("source", f"{_slug(publisher)}-{date}")
        cluster.sources.append(source_id)
        plan.source_date[source_id] = date
        plan.source_day[source_id] = day
        plan.labels[("source", source_id)] = publisher

    for number in range(counts["guarantee"]):
        cluster = clusters[number % cluster_count]
        kind = GUARANTEE_KINDS[number * 7 % len(GUARANTEE_KINDS)]
        titles = _GUARANTEE_TITLES[kind]
        title = titles[(number // len(GUARANTEE_KINDS)) % len(titles)]
        guarantee_id = unique("guarantee", f"{_slug(title)}-{cluster.slug}")
        cluster.guarantees.append(guarantee_id)
        plan.guarantee_kind[guarantee_id] = kind
        plan.labels[("guarantee", guarantee_id)] = title.lower()

    for number in range(counts["term"]):
        cluster = clusters[number % cluster_count]
        adjective = _TERM_ADJECTIVES[number % len(_TERM_ADJECTIVES)]
        noun = _TERM_NOUNS[(number // len(_TERM_ADJECTIVES)) % len(_TERM_NOUNS)]
        rank = number // (len(_TERM_ADJECTIVES) * len(_TERM_NOUNS))
        name = f"{adjective} {noun}" + (f" {_word(rank).lower()}" if rank else "")
        term_id = unique("term", _slug(name))
        cluster.terms.append(term_id)
        plan.term_number[term_id] = number
        plan.term_names[term_id] = name[0].upper() + name[1:]
        plan.labels[("term", term_id)] = name

    for number in range(counts["event"]):
        cluster = clusters[number % cluster_count]
        title, slug = _EVENT_TITLES[number % len(_EVENT_TITLES)]
        place = cluster.name
        event_id = unique("event", f"{slug.format(slug=cluster.slug)}-{number + 1}")
        cluster.events.append(event_id)
        plan.labels[("event", event_id)] = title.format(place=place)

    writer.all = {
        kind: [entity for c in clusters for entity in getattr(c, f"{kind}s")]
        for kind in ("actor", "guarantee", "source", "event", "term")
    }
    for cluster in clusters:
        _plan_evidence(writer, cluster)
        # The last pledge or law of a cluster with layers enough is what backs the
        # response (as approval by a legislature does), not a further step of it.
        backers = [
            g for g in cluster.guarantees[1:] if plan.guarantee_kind[g] in ("legal", "political")
        ]
        if len(cluster.guarantees) >= 5 and backers:
            plan.backing.add(backers[-1])
    return plan


def _plan_evidence(writer: _Writer, cluster: _Cluster) -> None:
    """Each source's kind, signature and quotes, known before any text cites it."""
    plan = writer.plan
    persons = [a for a in cluster.actors if plan.actor_kind[a] == "person"]
    for source_id in cluster.sources:
        kind = writer.random.choices(SOURCE_KINDS, SOURCE_WEIGHTS)[0]
        plan.source_kind[source_id] = kind
        if kind == "treaty" or (kind == "official-document" and writer.random.random() < 0.4):
            plan.signed.add(source_id)
        if writer.random.random() >= QUOTE_SHARE.get(kind, 0.0):
            continue
        quotes = []
        for text in writer.pick(_QUOTES, writer.random.randint(1, 2)):
            quote = {"text": text.format(place=cluster.name)}
            if persons and writer.random.random() < 0.6:
                actor = writer.random.choice(persons)
                quote |= {"speaker": plan.labels[("actor", actor)], "actor": actor}
            else:
                quote["speaker"] = writer.random.choice(_SPEAKERS)
            if writer.random.random() < 0.5:
                quote["context"] = writer.random.choice(_QUOTE_CONTEXTS)
            quotes.append(quote)
        plan.quotes[source_id] = quotes


def _actor_files(writer: _Writer, cluster: _Cluster) -> dict[str, str]:
    plan = writer.plan
    states = [a for a in cluster.actors if plan.actor_kind[a] == "state"]
    groups = [a for a in cluster.actors if plan.actor_kind[a] in GROUP_KINDS]
    files: dict[str, str] = {}
    for actor_id in cluster.actors:
        kind = plan.actor_kind[actor_id]
        data: dict[str, Any] = {"name": plan.labels[("actor", actor_id)], "kind": kind}
        words = data["name"].split()
        if kind != "person" and len(words) > 1:
            data["short_name"] = "".join(w[0] for w in words).upper()
        data["summary"] = writer.paragraph(cluster, (3, 6))
        if kind in ("state", "institution") and groups and actor_id != states[0]:
            member_of = writer.pick(groups, writer.random.randint(0, 2))
            if member_of:
                data["member_of"] = member_of
        if kind == "person" and states:
            data["speaks_for"] = writer.random.choice(states)
        if kind in ("state", "person"):
            positions = []
            for _ in range(writer.random.randint(0, 2)):
                said, sources = writer.dated_sources(cluster, 2025, writer.random.randint(1, 2))
                positions.append(
                    {
                        "date": _date(*said),
                        "text": writer.random.choice(_POSITION_SENTENCES)
                        + " "
                        + writer.sentence(cluster),
                        "sources": sources,
                    }
                )
            if positions:
                data["positions"] = sorted(positions, key=lambda p: str(p["date"]))
        files[f"actors/{actor_id}.yaml"] = _yaml("../schema/actor.schema.json", data)
    return files


def _guarantee_files(writer: _Writer, cluster: _Cluster) -> dict[str, str]:
    plan = writer.plan
    states = [a for a in cluster.actors if plan.actor_kind[a] == "state"]
    protected = states[0] if states else cluster.actors[0]
    providers_pool = [
        a for a in cluster.actors if plan.actor_kind[a] in PROVIDER_KINDS and a != protected
    ] or [protected]
    # The layers escalate one to the next; what backs the response comes after them.
    chain = [g for g in cluster.guarantees if g not in plan.backing]
    backing = [g for g in cluster.guarantees if g in plan.backing]
    # Deterrence layers first, then the response, as in the real plan (4 + 5 of 9).
    deterrence = max(1, len(chain) * 4 // 9) if len(chain) > 1 else cluster.index % 2
    official = [s for s in cluster.sources if plan.source_kind[s] in OFFICIAL_KINDS]
    signed = [s for s in cluster.sources if s in plan.signed]
    files: dict[str, str] = {}
    for position, guarantee_id in enumerate(chain + backing):
        kind = plan.guarantee_kind[guarantee_id]
        providers = (
            [protected]
            if position == 0
            else writer.pick(providers_pool, writer.random.randint(1, 3))
        )
        year, month, day = writer.day(2025, 2025)
        status = STATUSES.index(writer.random.choices(STATUSES, STATUS_WEIGHTS)[0])
        sources = writer.pick(cluster.sources, writer.random.randint(1, 4))
        # A status goes no further than its evidence: signed on the evidence of a
        # signed document, proposed or agreed on that of an official source.
        if status >= SIGNED_FROM and not signed:
            status = SIGNED_FROM - 1
        if status >= OFFICIAL_FROM and not official:
            status = OFFICIAL_FROM - 1
        needed = signed if status >= SIGNED_FROM else official if status >= OFFICIAL_FROM else []
        if needed and not set(needed) & set(sources):
            extra = writer.random.choice(needed)
            sources = [s for s in cluster.sources if s in sources or s == extra]
        if guarantee_id in plan.backing:
            phase = "backing"
        else:
            phase = "deterrence" if position < deterrence else "response"
        data: dict[str, Any] = {
            "title": plan.labels[("guarantee", guarantee_id)].capitalize()
            + f" for {plan.labels[('actor', protected)]}",
            "summary": writer.paragraph(cluster, (2, 4)) + writer.quoting(sources, 0.3),
            "kind": kind,
            "phase": phase,
            "layer": min(position + 1, 99),
            "providers": providers,
            "beneficiaries": [protected],
            # One step, from the day of its earliest source: a source shows
            # nothing dated after it.
            "status_history": [
                {
                    "date": _date(*min(plan.source_day[s] for s in sources)),
                    "status": STATUSES[status],
                    "binding": writer.random.choice(("none", "none", "political", "legal")),
                    "sources": sources,
                }
            ],
            "sources": sources,
            # Checked against its sources: no earlier than the latest of them.
            "as_of": _date(*max((year, month, day), *(plan.source_day[s] for s in sources))),
        }
        if writer.random.random() < 0.7:
            data["trigger"] = writer.random.choice(
                (
                    "From the moment a peace agreement takes effect, in peacetime.",
                    "A renewed attack after a peace agreement.",
                    "A violation of the ceasefire confirmed by monitors.",
                )
            )
        # Escalation only ever points forward in the chain: no cycles.
        if position + 1 < len(chain) and (
            position + 1 == deterrence or writer.random.random() < 0.5
        ):
            data["escalates_to"] = {
                "guarantee": chain[position + 1],
                "condition": writer.random.choice(_CONDITIONS),
            }
        if writer.random.random() < 0.6:
            data["details"] = writer.markdown(cluster, writer.random.randint(1, 3))
        if writer.random.random() < 0.5:
            data["conditions"] = [writer.sentence(cluster)]
        if writer.random.random() < 0.6:
            data["open_questions"] = [
                writer.sentence(cluster) for _ in range(writer.random.randint(1, 2))
            ]
        files[f"guarantees/{guarantee_id}.yaml"] = _yaml("../schema/guarantee.schema.json", data)
    return files


def _source_files(writer: _Writer, cluster: _Cluster) -> dict[str, str]:
    files: dict[str, str] = {}
    for position, source_id in enumerate(cluster.sources):
        date = writer.plan.source_date[source_id]
        kind = writer.plan.source_kind[source_id]
        publisher = writer.plan.labels[("source", source_id)]
        data: dict[str, Any] = {
            "publisher": publisher,
            "title": f"{publisher} on the guarantees for {cluster.name}, {date}",
        }
        if writer.random.random() < 0.4:
            data["headline"] = writer.random.choice(_HEADLINES).format(place=cluster.name)
        data |= {
            "date": date,
            "kind": kind,
            "url": f"https://example.org/{_slug(publisher)}/{source_id}",
            "language": "en",
        }
        if kind == "news-report" and position > 0 and writer.random.random() < 0.25:
            data["via"] = cluster.sources[writer.random.randrange(position)]
        if writer.random.random() < 0.5:
            data["notes"] = writer.paragraph(cluster, (1, 2))
        if source_id in writer.plan.signed:
            # The document is published the day it is signed.
            data["signed"] = date
        if source_id in writer.plan.quotes:
            data["quotes"] = writer.plan.quotes[source_id]
        files[f"sources/{source_id}.yaml"] = _yaml("../schema/source.schema.json", data)
    return files


def _timeline_files(writer: _Writer, cluster: _Cluster) -> dict[str, str]:
    plan = writer.plan
    events = cluster.events
    if not events:
        return {}
    # Two timelines per cluster, as in data/: background (a third) and negotiations.
    split = len(events) // 3 if len(events) > 2 else 0
    parts = [("background", events[:split]), ("negotiations", events[split:])]
    files: dict[str, str] = {}
    for name, part in parts:
        if not part:
            continue
        # Each date comes with the sources that report it, dated on or after it
        # (a date known to the month or year starts no later than the day drawn).
        dated = []
        for _ in part:
            year_from = 2020 if name == "background" else 2025
            count = writer.random.randint(1, 2)
            (year, month, day), sources = writer.dated_sources(cluster, year_from, count)
            precision = writer.random.choices((3, 2, 1), (7, 2, 1))[0]
            date = _date(year, month, day, precision)
            key = (year, month if precision > 1 else 0, day if precision > 2 else 0, date)
            dated.append((key, sources))
        dated.sort()
        entries = []
        for event_id, ((*_, date), sources) in zip(part, dated, strict=True):
            entry: dict[str, Any] = {
                "id": event_id,
                "date": date,
                "title": plan.labels[("event", event_id)],
                "summary": writer.paragraph(cluster, (2, 4)) + writer.quoting(sources, 0.4),
                "sources": sources,
            }
            actors = writer.pick(cluster.actors, writer.random.randint(0, 4))
            if actors:
                entry["actors"] = actors
            guarantees = writer.pick(cluster.guarantees, writer.random.randint(0, 2))
            if guarantees:
                entry["guarantees"] = guarantees
            entries.append(entry)
        timeline_id = f"{cluster.slug}-{name}"
        data = {
            "title": f"{cluster.name}: {'background' if name == 'background' else 'the talks'}",
            "description": writer.paragraph(cluster, (1, 2)),
            "events": entries,
        }
        files[f"timelines/{timeline_id}.yaml"] = _yaml("../schema/timeline.schema.json", data)
    return files


def _term_files(writer: _Writer, cluster: _Cluster) -> dict[str, str]:
    files: dict[str, str] = {}
    for term_id in cluster.terms:
        name = writer.plan.term_names[term_id]
        data: dict[str, Any] = {"term": name}
        aliases = []
        if writer.random.random() < 0.5:
            # An acronym, made unique across the folder by the term's number.
            initials = "".join(word[0] for word in term_id.split("-")).upper()
            aliases.append(f"{initials}{writer.plan.term_number[term_id] + 1}")
        if writer.random.random() < 0.3:
            aliases.append(f"{name.lower()} regime")
        if aliases:
            data["aliases"] = aliases
        data["definition"] = writer.paragraph(cluster, (2, 4))
        if writer.random.random() < 0.6:
            data["sources"] = writer.pick(cluster.sources, 1)
        files[f"glossary/{term_id}.yaml"] = _yaml("../schema/term.schema.json", data)
    return files


def _site_file(writer: _Writer, scale: int) -> str:
    cluster = writer.plan.clusters[0]
    data = {
        "title": f"Synthetic explainer of {scale:,} entities",
        "description": "A generated data folder for benchmarks: invented names, no real facts.",
        "as_of": _date(*AS_OF),
        "checked_until": _date(*AS_OF),
        "language": "en",
        "summary": writer.markdown(cluster, 2),
        "sources": writer.pick(cluster.sources, writer.random.randint(2, 3)),
        "key_facts": [
            {
                "value": value,
                "label": label,
                "sources": writer.pick(cluster.sources, 2),
            }
            for value, label in (
                ("about 800,000", "Soldiers in the first line"),
                ("within days", "When military support would follow"),
                ("26", "Countries committed to a presence"),
                ("None", "Ground troops committed by the largest provider"),
            )
        ],
        "open_questions": [
            {"text": writer.sentence(cluster), "sources": writer.pick(cluster.sources, 1)}
            for _ in range(4)
        ],
    }
    return _yaml("schema/site.schema.json", data)


def _comparison_file(writer: _Writer, scale: int) -> str:
    clusters = writer.plan.clusters
    frameworks = []
    for number in range(3 + scale // 2500):
        cluster = clusters[number % len(clusters)]
        name = f"The {cluster.name} plan" if number < len(clusters) else f"Precedent {number}"
        frameworks.append(
            {
                "id": _slug(name),
                "name": name,
                "summary": writer.paragraph(cluster, (1, 3)),
                "sources": writer.pick(cluster.sources, 2),
                "answers": {
                    dimension_id: {
                        "answer": writer.random.choice(ANSWERS),
                        "note": writer.paragraph(cluster, (1, 2)),
                        "sources": writer.pick(cluster.sources, 1),
                    }
                    for dimension_id, _, _ in DIMENSIONS
                },
            }
        )
    data = {
        "dimensions": [
            {"id": dimension_id, "label": label, "question": question}
            for dimension_id, label, question in DIMENSIONS
        ],
        "frameworks": frameworks,
    }
    return _yaml("schema/comparison.schema.json", data)


def _changes_file(writer: _Writer, scale: int) -> str:
    """The change log: a few entries for every fifty entities, oldest first."""
    plan = writer.plan
    drawn = []
    for number in range(max(1, scale // 50)):
        cluster = plan.clusters[number % len(plan.clusters)]
        change_type = writer.random.choices(CHANGE_TYPES, CHANGE_WEIGHTS)[0]
        kind = writer.random.choices((*_ENTITY_KINDS, "site", "comparison"), (5, 3, 3, 1, 1, 1))[0]
        if kind in ("site", "comparison"):
            items = [kind]
            subject = "the summary" if kind == "site" else "the comparison of plans"
        else:
            entity = writer.one(cluster, kind)
            items = [f"{kind}:{entity}"]
            subject = f"[{plan.labels[(kind, entity)]}]({kind}:{entity})"
        summary, wrong = writer.random.choice(
            [
                (summary, wrong)
                for t, kinds, summary, wrong in _CHANGES
                if t == change_type and kind in kinds
            ]
        )
        entry: dict[str, Any] = {"type": change_type, "summary": summary.format(subject=subject)}
        if wrong:
            entry["wrong"] = wrong.format(subject=subject)
        entry["items"] = items
        # An update that adds a report is made the day the report appears: a source
        # supports nothing dated after it.
        recent = [s for s in cluster.sources if plan.source_day[s] >= (2025, 1, 1)]
        if change_type == "update" and recent:
            source_id = writer.random.choice(recent)
            day = plan.source_day[source_id]
            entry["items"] = [*items, f"source:{source_id}"]
            entry["sources"] = [source_id]
        else:
            day = writer.between((2025, 1, 1), AS_OF)
        drawn.append((day, number, entry))
    entries = []
    taken: set[str] = set()
    for day, _, entry in sorted(drawn, key=lambda d: (d[0], d[1])):
        date = _date(*day)
        entry_id, serial = f"{date}-{entry['type']}", 2
        while entry_id in taken:
            entry_id, serial = f"{date}-{entry['type']}-{serial}", serial + 1
        taken.add(entry_id)
        entries.append({"id": entry_id, "date": date, **entry})
    return _yaml("schema/changes.schema.json", {"entries": entries})


def synthesize(scale: int) -> dict[str, str]:
    """A valid data folder of `scale` entities, as {relative path: file text}, sorted by path.

    Raises ValueError if scale is below MIN_SCALE (too few to hold one of each kind).
    """
    counts = allocate(scale)
    writer = _Writer(scale)
    plan = _plan(writer, counts)
    files: dict[str, str] = {}
    for cluster in plan.clusters:
        files |= _actor_files(writer, cluster)
        files |= _guarantee_files(writer, cluster)
        files |= _source_files(writer, cluster)
        files |= _timeline_files(writer, cluster)
        files |= _term_files(writer, cluster)
    files["site.yaml"] = _site_file(writer, scale)
    files["comparison.yaml"] = _comparison_file(writer, scale)
    files["changes.yaml"] = _changes_file(writer, scale)
    return dict(sorted(files.items()))


def schema_files(schema_dir: Path = SCHEMA_DIR) -> dict[str, str]:
    """Copies of the project's schemas, which each file's first line points editors to."""
    return {
        f"schema/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted(schema_dir.glob("*.schema.json"))
    }


def write_folder(files: Mapping[str, str], out: Path, *, replace: bool = False) -> None:
    """Write files into out, all or nothing: they go to a temporary folder that is renamed.

    An existing non-empty out is refused unless replace is set; then it is
    swapped out only once the new folder is complete.
    """
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not replace:
        raise FileExistsError(f"{out} is not empty: choose another folder, or use --force")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-synth-", dir=out.parent))
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        staging.chmod(0o755)
        previous = out.with_name(f".{out.name}-previous")
        shutil.rmtree(previous, ignore_errors=True)
        if out.exists():
            out.rename(previous)
        staging.rename(out)
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def synth(scale: int, out: Path, *, replace: bool = False) -> dict[str, int]:
    """Write a synthetic data folder of `scale` entities to out; returns the count of each kind."""
    write_folder(synthesize(scale) | schema_files(), out, replace=replace)
    return allocate(scale)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a valid synthetic data folder of N entities (for benchmarks)."
    )
    parser.add_argument("--scale", type=int, required=True, metavar="N")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--force", action="store_true", help="replace a non-empty DIR")
    args = parser.parse_args(argv)
    out: Path = args.out
    try:
        counts = synth(args.scale, out, replace=args.force)
    except (ValueError, FileExistsError) as error:
        print(f"synth: {error}", file=sys.stderr)
        return 2
    summary = ", ".join(f"{n} {kind}s" for kind, n in counts.items())
    print(f"wrote {out.as_posix()}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
