"""The change log as an Atom feed (RFC 4287), the same bytes for the same log.

A few lines of ElementTree rather than a feed library: the feed has one fixed
shape, the engine already builds SVG the same way, and a library would add a
dependency that also stamps the clock into ``<updated>``. Every date comes from
the entries; ids are ``urn:uuid`` names derived from the entry ids, so they
never change when the site moves; links are relative to the feed, which sits
at the site's root beside the Changes page.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from . import urls
from .escaping import plain
from .i18n import translations

if TYPE_CHECKING:
    from .model import Change, Explainer, PartialDate

ATOM = "http://www.w3.org/2005/Atom"
# A fixed namespace for the explainer's ids (uuid5 of "ukraine-guarantees-explainer").
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ukraine-guarantees-explainer")
TITLE_LIMIT = 90


def _timestamp(date: PartialDate) -> str:
    year, month, day = date.earliest
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def _id(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


def _title(change: Change, label: str) -> str:
    text = plain(change.summary)
    if len(text) > TITLE_LIMIT:
        text = text[: TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"{label}: {text}"


def atom_feed(explainer: Explainer) -> bytes:
    """The feed of every change, newest first; empty of entries when the log is.

    Its words are in the site's language (a localized explainer's, for an edition).
    """
    site = explainer.site
    _ = translations(site.language).gettext
    types = explainer.vocabularies["change-type"]
    entries = explainer.changes.entries[::-1]
    feed = Element("feed", {"xmlns": ATOM, "xml:lang": site.language})
    SubElement(feed, "id").text = _id("changes")
    SubElement(feed, "title").text = _("%(title)s: changes and corrections") % {"title": site.title}
    SubElement(feed, "subtitle").text = site.description
    latest = max((e.date for e in entries), key=lambda d: d.earliest, default=site.as_of)
    SubElement(feed, "updated").text = _timestamp(latest)
    SubElement(feed, "link", {"rel": "self", "href": urls.FEED})
    changes = urls.relative(urls.HOME, urls.CHANGES)
    SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": changes})
    author = SubElement(feed, "author")
    SubElement(author, "name").text = _("The editors of %(title)s") % {"title": site.title}
    for change in entries:
        entry = SubElement(feed, "entry")
        SubElement(entry, "id").text = _id(f"change/{change.id}")
        SubElement(entry, "title").text = _title(change, types.label(change.type))
        SubElement(entry, "updated").text = _timestamp(change.date)
        SubElement(entry, "published").text = _timestamp(change.date)
        href = f"{changes}#change-{change.id}"
        SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
        SubElement(entry, "category", {"term": change.type, "label": types.label(change.type)})
        summary = plain(change.summary)
        if change.wrong:
            summary = _("%(summary)s What was wrong: %(wrong)s") % {
                "summary": summary,
                "wrong": plain(change.wrong),
            }
        SubElement(entry, "summary").text = summary
    indent(feed)
    text = tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n'.encode()
