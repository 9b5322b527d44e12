"""Build every generated page of the explainer, as Markdown, from the checked model.

Each page is a Jinja template (``templates/page_*.md.j2``) rendered with the
page's own helpers: links relative to that page, data Markdown rendered and
sanitized for it, and citations numbered in the order the page first cites
them. Headings are Markdown; everything with links is a raw HTML block that
starts at column 0 and holds no blank line, so Python-Markdown passes it on
untouched. The sources page comes last: it lists the pages that cite each
source, which are known only once the other pages are built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from explainer import opendata, urls
from explainer.diagrams import layered_response, place_map, timeline, who_guarantees_what
from explainer.editions import counterpart, folder
from explainer.escaping import bibtex
from explainer.glossary import Glossary
from explainer.i18n import SOURCE_LANGUAGE, date_label, size_label, translations
from explainer.links import Linker, Targets, known_targets
from explainer.localize import Gaps, Shown
from explainer.markup import PageMarkup
from explainer.registry import KIND
from explainer.templating import environment

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping, Sequence

    from explainer.model import (
        Actor,
        Change,
        Event,
        Explainer,
        Guarantee,
        PartialDate,
        Position,
        Source,
    )
    from explainer.registry import Vocabulary

_EXCESS_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in memory: its source path, its title and its Markdown."""

    path: str
    title: str
    content: str


class Citations:
    """The sources that one page cites, numbered in the order of first citation.

    Sources named by a ``source:id`` link in the text are cited too: they are
    listed on the sources page among the pages citing them, without a number.
    """

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self._sources = sources
        self._numbers: dict[str, int] = {}
        self._linked: dict[str, None] = {}

    def number(self, source_id: str) -> int:
        """The source's number on this page, given on its first citation."""
        if source_id not in self._sources:
            raise ValueError(f"citation of unknown source '{source_id}'")
        return self._numbers.setdefault(source_id, len(self._numbers) + 1)

    def marks(self, source_ids: Sequence[str]) -> list[tuple[int, Source]]:
        """Numbers and sources for one citation, in ascending order, each once."""
        numbers = {self.number(source_id): source_id for source_id in source_ids}
        return [(number, self._sources[numbers[number]]) for number in sorted(numbers)]

    @property
    def cited(self) -> list[Source]:
        """The cited sources in number order (a dict keeps insertion order)."""
        return [self._sources[source_id] for source_id in self._numbers]

    def link_seen(self, kind: str, entity_id: str) -> None:
        """Note a ``kind:id`` link rendered on the page (only sources count)."""
        if kind == "source":
            self._linked.setdefault(entity_id)

    @property
    def all_cited(self) -> tuple[str, ...]:
        """Ids of the sources cited by number or by a link, numbered ones first."""
        return tuple(dict.fromkeys([*self._numbers, *self._linked]))


# How BibTeX's language field names an edition's language (babel/polyglossia names).
LANGUAGE_WORDS = {"en": "english", "uk": "ukrainian"}


@dataclass(frozen=True)
class CitePage:
    """A page's "Cite this page" block: when it last changed, and its BibTeX entry."""

    updated: PartialDate
    bibtex: str


@dataclass(frozen=True)
class _Rendered:
    page: GeneratedPage
    cited: tuple[str, ...]


@dataclass(frozen=True)
class _Builder:
    """What every page needs: the model, the glossary and the ids links may name."""

    explainer: Explainer
    glossary: Glossary
    targets: Targets
    language: str = SOURCE_LANGUAGE
    """The edition: its interface text and dates come from that language's catalogue."""
    gaps: Gaps = field(default_factory=Gaps)
    """The texts of the edition's model shown in English, or translated from older English."""

    def gettext(self, text: str) -> str:
        """Interface text of this edition: the English, or its translation."""
        return translations(self.language).gettext(text)

    def render(
        self,
        path: str,
        template: str,
        *,
        title: str,
        shows: Shown,
        as_of: PartialDate | None = None,
        data_row: Mapping[str, str] | None = None,
        **context: Any,
    ) -> _Rendered:
        """The page at path; shows names the entities whose texts it holds, for the gaps note."""
        linker = Linker(path)
        untranslated, outdated = self.gaps.on(shows)
        as_of = as_of or self.explainer.site.as_of
        citations = Citations(self.explainer.sources)
        page_changes = change_notes(
            [c for c in self.explainer.changes.entries if path in pages_touched(c)]
        )
        markup = PageMarkup(linker, self.targets, self.glossary, on_link=citations.link_seen)
        content = (
            environment(self.language)
            .get_template(template)
            .render(
                explainer=self.explainer,
                site=self.explainer.site,
                title=title,
                as_of=as_of,
                cite_page=self.cite_page(path, title, as_of, page_changes),
                urls=urls,
                anchor=urls.anchor,
                link=linker.entity,
                href=linker.page_href,
                md=markup.block,
                md_inline=markup.inline,
                citations=citations,
                vocab=self.explainer.vocabularies,
                page_changes=page_changes,
                untranslated=untranslated,
                outdated=outdated,
                english_href=counterpart(path, self.language, SOURCE_LANGUAGE),
                external_url=external_url,
                data_row=data_row,
                **context,
            )
        )
        page = GeneratedPage(path, title, tidy(content))
        return _Rendered(page, citations.all_cited)

    def cite_page(
        self, path: str, title: str, as_of: PartialDate, changes: Sequence[ChangeNote]
    ) -> CitePage:
        """How to cite the page: its title, and when it last changed (from the data)."""
        updated = max([as_of, *(c.date for c in changes)], key=lambda d: d.latest)
        gettext = self.gettext
        site = self.explainer.site.title
        stem = path.removesuffix(".md").replace("/", "-")
        label = date_label(updated, self.language)
        fields = {
            "author": f"{{{bibtex(gettext('The editors of %(title)s') % {'title': site})}}}",
            "title": bibtex(title),
            "howpublished": bibtex(site),
            "year": str(updated.year),
            "note": bibtex(gettext("Last updated %(date)s") % {"date": label}),
            "language": LANGUAGE_WORDS.get(self.language, self.language),
        }
        entry = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
        return CitePage(updated, f"@misc{{explainer-{stem},\n{entry}}}")

    def figure(self, draw: Callable[[Explainer, Linker], str], path: str) -> Markup:
        """A diagram for the page at ``path``, checked to be one HTML block."""
        return html_block(draw(self.explainer, Linker(path)), draw.__name__)


def build_pages(
    explainer: Explainer,
    glossary: Glossary | None = None,
    language: str = SOURCE_LANGUAGE,
    gaps: Gaps | None = None,
    downloads: opendata.Downloads | None = None,
) -> list[GeneratedPage]:
    """Every generated page: home, sections, one page per guarantee and actor, sources.

    ``glossary`` is the explainer's glossary when the caller has built it already;
    ``language`` is the edition, whose model the caller localized, and ``gaps``
    what :func:`~explainer.localize.localize` found untranslated or out of date:
    a page holding any of it says so. ``downloads`` are the edition's open data
    files, which the Data page describes (made here when not given).
    """
    if glossary is None:
        glossary = Glossary.from_terms(explainer.terms.values())
    builder = _Builder(explainer, glossary, known_targets(explainer), language, gaps or Gaps())
    rendered = [
        _home(builder),
        _how_it_works(builder),
        _guarantees_index(builder),
        *(_guarantee_page(builder, g) for g in explainer.guarantees_in_order()),
        _actors_index(builder),
        *(_actor_page(builder, actor) for actor in explainer.actors.values()),
        _timeline_page(builder),
        _map_page(builder),
        _compare_page(builder),
        _glossary_page(builder),
        _data_page(builder, downloads or opendata.publish(explainer, language)),
    ]
    rendered.append(_changes_page(builder, titles={r.page.path: r.page.title for r in rendered}))
    sources = _sources_page(builder, cited_on=citing_pages(rendered))
    return [r.page for r in rendered] + [sources.page]


# -- the pages ------------------------------------------------------------------


def _home(builder: _Builder) -> _Rendered:
    return builder.render(
        urls.HOME,
        "page_home.md.j2",
        title=builder.explainer.site.title,
        shows=[("site", None), ("guarantee", None), ("actor", None)],
        layered_response=builder.figure(layered_response, urls.HOME),
    )


def _how_it_works(builder: _Builder) -> _Rendered:
    return builder.render(
        urls.HOW_IT_WORKS,
        "page_how_it_works.md.j2",
        title=builder.gettext("How it would work"),
        shows=[("guarantee", None), ("actor", None)],
        phases=by_phase(
            builder.explainer.guarantees_in_order(), builder.explainer.vocabularies["phase"]
        ),
    )


def _guarantees_index(builder: _Builder) -> _Rendered:
    return builder.render(
        urls.GUARANTEES_INDEX,
        "page_guarantees_index.md.j2",
        title=builder.gettext("The guarantees"),
        shows=[("guarantee", None), ("actor", None)],
        guarantees=builder.explainer.guarantees_in_order(),
        who_guarantees_what=builder.figure(who_guarantees_what, urls.GUARANTEES_INDEX),
    )


def _guarantee_page(builder: _Builder, guarantee: Guarantee) -> _Rendered:
    explainer = builder.explainer
    path, _ = KIND["guarantee"].location(guarantee.id)
    comes_after = [g.id for g in explainer.escalating_to(guarantee.id)]
    return builder.render(
        path,
        "page_guarantee.md.j2",
        title=guarantee.title,
        shows=[("guarantee", guarantee.id)],
        as_of=guarantee.as_of,
        data_row=data_row(path, "guarantees", guarantee.id),
        guarantee=guarantee,
        comes_after=comes_after,
        events=explainer.events_with(guarantee=guarantee.id),
    )


def _actors_index(builder: _Builder) -> _Rendered:
    explainer = builder.explainer
    actors = explainer.actors.values()
    return builder.render(
        urls.ACTORS_INDEX,
        "page_actors_index.md.j2",
        title=builder.gettext("Who is involved"),
        shows=[("actor", None)],
        groups=actors_by_kind(actors, explainer.vocabularies["actor-kind"]),
        provided={a.id: [g.id for g in explainer.provided_by(a.id)] for a in actors},
        received={a.id: [g.id for g in explainer.received_by(a.id)] for a in actors},
    )


def _actor_page(builder: _Builder, actor: Actor) -> _Rendered:
    explainer = builder.explainer
    path, _ = KIND["actor"].location(actor.id)
    speakers = explainer.speakers_for(actor.id)
    return builder.render(
        path,
        "page_actor.md.j2",
        title=actor.name,
        shows=[("actor", actor.id)],
        data_row=data_row(path, "actors", actor.id),
        actor=actor,
        members=[a.id for a in explainer.members_of(actor.id)],
        speakers=[a.id for a in speakers],
        provided=explainer.provided_by(actor.id),
        received=explainer.received_by(actor.id),
        positions=attributed_positions([actor, *speakers]),
        events=explainer.events_with(actor=actor.id),
    )


def _timeline_page(builder: _Builder) -> _Rendered:
    timelines = sorted(
        builder.explainer.timelines.values(),
        key=lambda t: (min((e.date.sort_key for e in t.events), default=(0, 0, 0)), t.id),
    )
    return builder.render(
        urls.TIMELINE,
        "page_timeline.md.j2",
        title=builder.gettext("Timeline"),
        shows=[("timeline", None), ("event", None)],
        timelines=timelines,
        events={t.id: in_date_order(t.events) for t in timelines},
        timeline_figure=builder.figure(timeline, urls.TIMELINE),
    )


def _map_page(builder: _Builder) -> _Rendered:
    explainer = builder.explainer
    places = explainer.places_in_order()
    return builder.render(
        urls.MAP,
        "page_map.md.j2",
        title=builder.gettext("Where it happens"),
        shows=[("place", None), ("event", None)],
        places=places,
        events={p.id: explainer.events_at(p.id) for p in places},
        map_figure=builder.figure(place_map, urls.MAP) if places else "",
    )


def _compare_page(builder: _Builder) -> _Rendered:
    return builder.render(
        urls.COMPARE,
        "page_compare.md.j2",
        title=builder.gettext("How the plan compares"),
        shows=[("comparison", None)],
        comparison=builder.explainer.comparison,
    )


def _glossary_page(builder: _Builder) -> _Rendered:
    terms = sorted(builder.explainer.terms.values(), key=lambda t: (t.term.casefold(), t.id))
    return builder.render(
        urls.GLOSSARY,
        "page_glossary.md.j2",
        title=builder.gettext("Glossary"),
        shows=[("term", None)],
        terms=terms,
    )


def _data_page(builder: _Builder, downloads: opendata.Downloads) -> _Rendered:
    site = builder.explainer.site
    licence = None
    if site.licence:
        title, path = opendata.LICENCES[site.licence]
        licence = {"title": title, "path": path}
    # The zip is at the top of the whole site, above the edition's own folder.
    depth = opendata.PAGE.count("/") + folder(builder.language).count("/")
    return builder.render(
        opendata.PAGE,
        "page_data.md.j2",
        title=builder.gettext("Open data"),
        shows=[],
        as_of=downloads.updated,
        downloads=downloads,
        licence=licence,
        tables=opendata.TABLES,
        files={
            "json": opendata.JSON_FILE,
            "package": opendata.PACKAGE_FILE,
            "bom": opendata.BOM_FOLDER,
        },
        size=lambda path: size_label(downloads.size_of(path), builder.language),
        describe=lambda column: opendata.describe(column, builder.gettext),
        type_words={name: builder.gettext(words) for name, words in opendata.TYPE_WORDS.items()},
        zip_href="../" * depth + opendata.ZIP_FILE,
        zip_name=opendata.ZIP_FILE,
    )


def _changes_page(builder: _Builder, *, titles: Mapping[str, str]) -> _Rendered:
    entries = builder.explainer.changes.entries
    return builder.render(
        urls.CHANGES,
        "page_changes.md.j2",
        title=builder.gettext("Changes and corrections"),
        shows=[("changes", None)],
        entries=entries[::-1],
        touched={c.id: sorted(pages_touched(c)) for c in entries},
        page_titles={**titles, urls.SOURCES: builder.gettext("Sources")},
    )


def _sources_page(builder: _Builder, *, cited_on: Mapping[str, list[GeneratedPage]]) -> _Rendered:
    sources = builder.explainer.sources.values()
    return builder.render(
        urls.SOURCES,
        "page_sources.md.j2",
        title=builder.gettext("Sources"),
        shows=[("source", None)],
        groups=sources_by_kind(sources, builder.explainer.vocabularies["source-kind"]),
        relays={s.id: builder.explainer.relays_of(s.id) for s in sources},
        cited_on={s.id: cited_on.get(s.id, []) for s in sources},
    )


# -- small pure helpers -------------------------------------------------------------


@dataclass(frozen=True)
class ChangeNote:
    """One line of a page's note: "Corrected on 1 December 2026 (3 corrections)"."""

    type: str
    date: PartialDate
    latest: str
    """Id of the newest change of that type and date, which the note links to."""
    count: int


def data_row(page: str, table: str, entity_id: str) -> dict[str, str]:
    """Where an entity page's row is in the open data, for the link under the page."""
    file = f"{opendata.FOLDER}/{opendata.TABLE[table].file}"
    return {
        "id": entity_id,
        "file": opendata.TABLE[table].file,
        "file_href": urls.relative_file(page, file),
        "page": opendata.PAGE,
        "anchor": f"table-{table}",
    }


def change_notes(changes: Sequence[Change]) -> list[ChangeNote]:
    """The changes that touched a page, one note per type and date, newest first."""
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.date.iso, change.type), []).append(change)
    notes = [
        ChangeNote(group[-1].type, group[-1].date, group[-1].id, len(group))
        for group in groups.values()
    ]
    return sorted(notes, key=lambda n: n.date.sort_key, reverse=True)


def pages_touched(change: Change) -> set[str]:
    """The source paths of the pages that show what a change touched."""
    return {
        KIND[item.partition(":")[0]].location(item.partition(":")[2])[0] for item in change.items
    }


def by_phase(guarantees: list[Guarantee], phases: Vocabulary) -> list[tuple[str, list[Guarantee]]]:
    """The guarantees of each phase, in the vocabulary's order, keeping their order."""
    groups = [(phase, [g for g in guarantees if g.phase == phase]) for phase in phases]
    return [(phase, members) for phase, members in groups if members]


def actors_by_kind(actors: Collection[Actor], kinds: Vocabulary) -> list[tuple[str, list[Actor]]]:
    """Actors grouped by kind in the vocabulary's order, each group sorted by name."""
    groups = [
        (kind, sorted((a for a in actors if a.kind == kind), key=lambda a: a.name.casefold()))
        for kind in kinds
    ]
    return [(kind, members) for kind, members in groups if members]


def sources_by_kind(
    sources: Collection[Source], kinds: Vocabulary
) -> list[tuple[str, list[Source]]]:
    """Sources grouped by kind, oldest first within a kind, then by publisher."""
    groups = [
        (
            kind,
            sorted(
                (s for s in sources if s.kind == kind),
                key=lambda s: (s.date.sort_key, s.publisher.casefold(), s.id),
            ),
        )
        for kind in kinds
    ]
    return [(kind, members) for kind, members in groups if members]


def in_date_order(events: tuple[Event, ...]) -> list[Event]:
    # Stable: events on the same date keep the order the editor gave them.
    return sorted(events, key=lambda e: e.date.sort_key)


def attributed_positions(speakers: list[Actor]) -> list[tuple[Actor, Position]]:
    """Each speaker's positions with the speaker, in date order."""
    positions = [(speaker, position) for speaker in speakers for position in speaker.positions]
    return sorted(positions, key=lambda item: item[1].date.sort_key)


def citing_pages(rendered: list[_Rendered]) -> dict[str, list[GeneratedPage]]:
    """For each source id, the pages that cite it, in build order."""
    cited_on: dict[str, list[GeneratedPage]] = {}
    for item in rendered:
        for source_id in item.cited:
            cited_on.setdefault(source_id, []).append(item.page)
    return cited_on


def external_url(url: str) -> str:
    """A source's URL, which must be https (the validator checks; this never lets one by)."""
    if not url.startswith("https://"):
        raise ValueError(f"source URL '{url}' is not an https:// address")
    return url


def html_block(fragment: str, name: str) -> Markup:
    """Trusted HTML (a diagram) as one raw HTML block; a blank line would end the block."""
    if not fragment.lstrip().startswith("<") or re.search(r"\n[ \t]*\n", fragment.strip()):
        raise ValueError(f"{name} must return one HTML element without blank lines")
    return Markup(fragment.strip())


def tidy(content: str) -> str:
    """Markdown without trailing spaces or runs of blank lines, ending in one newline."""
    content = _TRAILING_SPACE.sub("", content)
    return _EXCESS_BLANK_LINES.sub("\n\n", content).strip("\n") + "\n"
