"""The rules a schema cannot state: orders, uniqueness, cycles, complete answers, clashes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .glossary import phrase_key
from .model import BACKING, PartialDate
from .reading import event_ids, field_name, problem_at, suggestion

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .problems import Problem
    from .reading import Dataset
    from .yamlload import Document, Pointer


def consistency_problems(dataset: Dataset) -> list[Problem]:
    problems: list[Problem] = []
    problems.extend(_timeline_problems(dataset))
    comparison = dataset.singles.get("comparison")
    if comparison is not None:
        problems.extend(_comparison_problems(comparison))
    problems.extend(_actor_problems(dataset))
    problems.extend(_guarantee_problems(dataset))
    problems.extend(_glossary_problems(dataset))
    problems.extend(_source_problems(dataset))
    problems.extend(_place_problems(dataset))
    changes = dataset.singles.get("changes")
    if changes is not None:
        problems.extend(_change_log_problems(changes))
    return problems


def _change_log_problems(document: Document) -> Iterator[Problem]:
    entries = document.data.get("entries") if isinstance(document.data, dict) else None
    if not isinstance(entries, list):
        return
    seen: dict[str, int] = {}
    previous: PartialDate | None = None
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        entry_id = entry.get("id")
        if isinstance(entry_id, str):
            if entry_id in seen:
                line, _ = document.where(("entries", seen[entry_id], "id"))
                yield problem_at(
                    document,
                    ("entries", index, "id"),
                    f"change id '{entry_id}' is already used on line {line}: ids are the "
                    "entries' anchors and feed ids, so each must be unique",
                )
            seen.setdefault(entry_id, index)
        date = PartialDate.parse_or_none(entry.get("date"))
        if date is not None and previous is not None and date.sort_key < previous.sort_key:
            yield problem_at(
                document,
                ("entries", index, "date"),
                f"entries are out of date order: {date.iso} comes after {previous.iso}; "
                "add new entries at the end",
            )
        elif date is not None:
            previous = date


def _timeline_problems(dataset: Dataset) -> Iterator[Problem]:
    first_seen: dict[str, tuple[Document, Pointer]] = {}
    for document in dataset.documents.get("timeline", {}).values():
        for pointer, event_id in event_ids(document):
            if event_id in first_seen:
                other, other_pointer = first_seen[event_id]
                line, column = other.where(other_pointer)
                yield problem_at(
                    document,
                    pointer,
                    f"event id '{event_id}' is already used at {other.path}:{line}:{column}: "
                    "event ids must be unique across all timelines",
                )
            else:
                first_seen[event_id] = (document, pointer)
        events = document.data.get("events")
        if not isinstance(events, list):
            continue
        previous: tuple[PartialDate, str] | None = None
        for index, event in enumerate(events):
            date = PartialDate.parse_or_none(event.get("date")) if isinstance(event, dict) else None
            if date is None:
                continue
            label = event.get("id", f"number {index + 1}")
            if previous is not None and date.sort_key < previous[0].sort_key:
                yield problem_at(
                    document,
                    ("events", index, "date"),
                    f"events are out of date order: '{label}' ({date.iso}) comes after "
                    f"'{previous[1]}' ({previous[0].iso}); move it up",
                )
            else:
                previous = (date, str(label))


def _comparison_problems(document: Document) -> Iterator[Problem]:
    dimensions = document.data.get("dimensions")
    frameworks = document.data.get("frameworks")
    dimension_ids: list[str] = []
    if isinstance(dimensions, list):
        for index, dimension in enumerate(dimensions):
            if isinstance(dimension, dict) and isinstance(dimension.get("id"), str):
                if dimension["id"] in dimension_ids:
                    yield problem_at(
                        document,
                        ("dimensions", index, "id"),
                        f"dimension id '{dimension['id']}' is used twice: rename one",
                    )
                dimension_ids.append(dimension["id"])
    if not isinstance(frameworks, list):
        return
    framework_ids: set[str] = set()
    for index, framework in enumerate(frameworks):
        if not isinstance(framework, dict):
            continue
        framework_id = framework.get("id")
        if isinstance(framework_id, str):
            if framework_id in framework_ids:
                yield problem_at(
                    document,
                    ("frameworks", index, "id"),
                    f"framework id '{framework_id}' is used twice: rename one",
                )
            framework_ids.add(framework_id)
        answers = framework.get("answers")
        if not isinstance(answers, dict):
            continue
        for key in answers:
            if key not in dimension_ids:
                yield problem_at(
                    document,
                    ("frameworks", index, "answers", key),
                    f"answer to unknown dimension '{key}'{suggestion(key, dimension_ids)}; "
                    f"the dimensions are: {', '.join(dimension_ids)}",
                    key=True,
                )
        for dimension_id in dimension_ids:
            if dimension_id not in answers:
                yield problem_at(
                    document,
                    ("frameworks", index, "answers"),
                    f"framework '{framework_id}' does not answer dimension '{dimension_id}': "
                    f"add '{dimension_id}:' with answer, note and sources under answers",
                )


def _actor_problems(dataset: Dataset) -> Iterator[Problem]:
    actors = dataset.documents.get("actor", {})
    for document in actors.values():
        data = document.data
        if "speaks_for" in data and data.get("kind") != "person":
            yield problem_at(
                document,
                ("speaks_for",),
                "speaks_for is only for a person: remove it, or set kind: person",
                key=True,
            )
    yield from _cycle_problems(
        actors,
        "speaks_for",
        "speaking for",
        "a person cannot speak for themselves: name the actor they speak for",
    )
    yield from _cycle_problems(
        actors, "member_of", "membership", "an actor cannot be a member of itself"
    )


def _guarantee_problems(dataset: Dataset) -> Iterator[Problem]:
    guarantees = dataset.documents.get("guarantee", {})
    backing = {g for g, d in guarantees.items() if d.data.get("phase") == BACKING}
    for guarantee_id, document in guarantees.items():
        escalation = document.data.get("escalates_to")
        target = escalation.get("guarantee") if isinstance(escalation, dict) else None
        if guarantee_id in backing and escalation is not None:
            yield problem_at(
                document,
                ("escalates_to",),
                "backing is not a step of the response, so it escalates to nothing: remove "
                "escalates_to, or give it the phase response",
                key=True,
            )
        elif target in backing:
            yield problem_at(
                document,
                ("escalates_to", "guarantee"),
                f"'{target}' is backing, not a step that follows: escalate to a step of the "
                "response, or remove escalates_to",
            )
    for document in guarantees.values():
        yield from _history_problems(document)
    yield from _cycle_problems(
        dataset.documents.get("guarantee", {}),
        "escalates_to.guarantee",
        "escalation",
        "a guarantee cannot escalate to itself",
        advice="the last layer must not escalate back to an earlier one",
    )


def _history_problems(document: Document) -> Iterator[Problem]:
    """A status history runs oldest first, each step a change, none after the as-of date."""
    steps = document.data.get("status_history")
    if not isinstance(steps, list):
        return
    previous: tuple[PartialDate, dict[str, Any]] | None = None
    for index, step in enumerate(steps):
        date = PartialDate.parse_or_none(step.get("date")) if isinstance(step, dict) else None
        if date is None or not isinstance(step, dict):
            continue
        # Out of order only if it must be earlier: "2025-12" may follow "2025-12-17".
        if previous is not None and date.latest < previous[0].earliest:
            yield problem_at(
                document,
                ("status_history", index, "date"),
                f"status steps are out of date order: {date.iso} comes after "
                f"{previous[0].iso}; the history runs oldest first, so add new steps at the end",
            )
            continue
        words = [step.get(key) for key in ("status", "binding")]
        if (
            previous is not None
            and all(isinstance(word, str) for word in words)
            and words == [previous[1].get(key) for key in ("status", "binding")]
        ):
            yield problem_at(
                document,
                ("status_history", index, "status"),
                f"this step repeats the one before ({words[0]}, {words[1]}): "
                "a step records a change of status or binding; add its sources to the earlier "
                "step instead, or remove it",
            )
        previous = (date, step)
    as_of = PartialDate.parse_or_none(document.data.get("as_of"))
    if previous is not None and as_of is not None and previous[0].earliest > as_of.latest:
        yield problem_at(
            document,
            ("as_of",),
            f"as_of ({as_of.iso}) is before the last status step ({previous[0].iso}): the "
            "guarantee was checked on or after its latest step, so move as_of forward",
        )


def _source_problems(dataset: Dataset) -> Iterator[Problem]:
    yield from _cycle_problems(
        dataset.documents.get("source", {}), "via", "via", "a source cannot be seen via itself"
    )


def _place_problems(dataset: Dataset) -> Iterator[Problem]:
    """Each place is one place (no two files of one name) where something happened."""
    named = {
        event.get("place")
        for document in dataset.documents.get("timeline", {}).values()
        for event in (document.data.get("events") or ())
        if isinstance(event, dict)
    }
    first_of: dict[str, tuple[str, Document]] = {}
    for place_id, document in dataset.documents.get("place", {}).items():
        name = document.data.get("name")
        if isinstance(name, str):
            if name.casefold() in first_of:
                other_id, other = first_of[name.casefold()]
                line, column = other.where(("name",))
                yield problem_at(
                    document,
                    ("name",),
                    f"'{name}' is already the name of the place '{other_id}' "
                    f"({other.path}:{line}:{column}): two files would put one place on the map "
                    f"twice; keep one, and name it in the events' place: instead",
                )
            first_of.setdefault(name.casefold(), (place_id, document))
        if place_id not in named:
            yield problem_at(
                document,
                (),
                f"no event happened at the place '{place_id}': the map shows where events "
                f"happened, so give an event in data/timelines/ place: {place_id}, or remove "
                "this file",
            )


def _targets(data: Any, field: str) -> list[tuple[Pointer, str]]:
    """(pointer, id) of each id that a dotted field of a document names."""
    value = data
    pointer: Pointer = ()
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
        pointer = (*pointer, part)
    if isinstance(value, str):
        return [(pointer, value)]
    if isinstance(value, list):
        return [((*pointer, i), v) for i, v in enumerate(value) if isinstance(v, str)]
    return []


def _cycle_problems(
    documents: dict[str, Document],
    field: str,
    what: str,
    itself: str,
    *,
    advice: str = "remove one of the links",
) -> Iterator[Problem]:
    """Each cycle that ``field`` makes between entities, once, at its first entity in id order."""
    edges = {entity_id: _targets(doc.data, field) for entity_id, doc in documents.items()}
    for cycle in _cycles({k: [t for _, t in v] for k, v in edges.items()}):
        start, following = cycle[0], cycle[1]
        pointer = next(p for p, target in edges[start] if target == following)
        if start == following:
            yield problem_at(documents[start], pointer, itself)
        else:
            chain = " -> ".join(cycle)
            yield problem_at(
                documents[start], pointer, f"{what} goes round in a circle ({chain}): {advice}"
            )


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle of a graph once, as the path from where it was entered back to that node."""
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(edges):
        if start in done:
            continue
        path = [start]
        stack = [iter(edges[start])]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                done.add(path.pop())
            elif child in path:
                cycles.append([*path[path.index(child) :], child])
            elif child not in done and child in edges:
                path.append(child)
                stack.append(iter(edges[child]))
    return cycles


def _glossary_problems(dataset: Dataset) -> Iterator[Problem]:
    owner: dict[str, str] = {}
    for term_id, document in dataset.documents.get("term", {}).items():
        names: list[tuple[Pointer, Any]] = [(("term",), document.data.get("term"))]
        aliases = document.data.get("aliases")
        if isinstance(aliases, list):
            names += [(("aliases", i), alias) for i, alias in enumerate(aliases)]
        for pointer, name in names:
            if not isinstance(name, str):
                continue
            folded = phrase_key(name)
            if not folded:
                yield problem_at(
                    document,
                    pointer,
                    f"{field_name(pointer)} is only spaces: write the words to link, or remove it",
                )
                continue
            if folded in owner and owner[folded] != term_id:
                yield problem_at(
                    document,
                    pointer,
                    f"'{name}' already names the glossary term '{owner[folded]}': "
                    "a word can link to one term only",
                )
            owner.setdefault(folded, term_id)
