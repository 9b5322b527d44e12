"""``kind:id`` links: which ids exist, the href of each link from one page, and external links.

The same resolution runs when the check reads data/ and when a page is built,
so a link that the check accepts always builds, and a link that would break a
page is reported by the check at its place.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown.treeprocessors import Treeprocessor

from . import urls
from .reading import suggestion
from .registry import KIND, LINK_KINDS

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    import markdown

    from .model import Explainer

EXTERNAL_REL = "noopener noreferrer"
# Below MkDocs' own link rewriting ("relpath", priority 0): the engine emits
# finished .html hrefs, which MkDocs would otherwise report as missing files.
ENTITY_LINK_PRIORITY = -5

Targets = Mapping[str, Collection[str]]
"""The ids that exist, by link kind: ``{"actor": {"ukraine", ...}, ...}``."""

LinkCallback = Callable[[str, str], None]
"""Told (kind, id) of every ``kind:id`` link rendered, e.g. to list where sources are cited."""


ErrorCallback = Callable[["UnknownLinkTarget"], None]
"""Told of each link that cannot be built, instead of raising (the check collects them)."""


class UnknownLinkTarget(ValueError):
    """A link target that cannot be built: an unknown id, kind or scheme."""

    def __init__(self, target: str, message: str) -> None:
        super().__init__(message)
        self.target = target
        """The link target as the editor wrote it, to find it in the file."""


@dataclass(frozen=True)
class Linker:
    """Builds hrefs from one page: ``Linker("index.md").entity("actor", "ukraine")``."""

    page: str

    def entity(self, kind: str, entity_id: str) -> str:
        to_page, fragment = KIND[kind].location(entity_id)
        return urls.relative(self.page, to_page, fragment)

    def page_href(self, to_page: str, fragment: str | None = None) -> str:
        return urls.relative(self.page, to_page, fragment)

    def file_href(self, to_file: str) -> str:
        """A relative href to a file that is not a page (a download), by its site path."""
        return urls.relative_file(self.page, to_file)


def known_targets(explainer: Explainer) -> dict[str, Collection[str]]:
    """Every id a ``kind:id`` link may name, by kind."""
    return {kind: getattr(explainer, str(KIND[kind].collection)).keys() for kind in LINK_KINDS}


def resolve_href(href: str, linker: Linker, targets: Targets) -> str:
    """The href for a Markdown link target: ``kind:id`` resolved, ``https://`` unchanged.

    Raises UnknownLinkTarget for anything else: an unknown id, a kind in
    capitals, ``http:``, ``javascript:`` and every other scheme, and addresses
    of pages (``page.html``, ``/x``, ``//host/x``, ``#part``).
    """
    target = href.strip()
    kind, colon, entity_id = target.partition(":")
    if kind.lower() == "https" and entity_id.startswith("//"):
        return href  # external; nh3 keeps only https
    if not colon:
        # A page address would break as soon as the page moved or the text was shown
        # on another page; the build makes every address from kind:id.
        raise UnknownLinkTarget(
            target,
            f"link target '{target}' is not allowed: link to an entity with kind:id "
            f"(kind one of: {', '.join(LINK_KINDS)}) or to a full https:// address",
        )
    if kind in LINK_KINDS:
        known = targets.get(kind, ())
        if entity_id in known:
            return linker.entity(kind, entity_id)
        hint = suggestion(entity_id, known)
        raise UnknownLinkTarget(target, f"broken link: no {KIND[kind].label} '{entity_id}'{hint}")
    if kind.lower() in LINK_KINDS:
        raise UnknownLinkTarget(
            target, f"link target '{target}': write the kind in lowercase, '{kind.lower()}:'"
        )
    if kind.lower() == "http":
        raise UnknownLinkTarget(
            target, f"link target '{target}' is not allowed: use the https:// address"
        )
    raise UnknownLinkTarget(
        target,
        f"link target '{target}' has an unknown kind{suggestion(kind.lower(), LINK_KINDS)}; "
        f"link to an entity with kind:id, where kind is one of: {', '.join(LINK_KINDS)}, "
        "or to an https:// address",
    )


class EntityLinkTreeprocessor(Treeprocessor):
    """Resolves ``kind:id`` link targets and marks external links."""

    def __init__(
        self,
        md: markdown.Markdown,
        linker: Linker,
        targets: Targets,
        on_link: LinkCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__(md)
        self.linker = linker
        self.targets = targets
        self.on_link = on_link
        self.on_error = on_error

    def run(self, root: Element) -> None:
        for image in root.iter("img"):
            self._refuse(
                UnknownLinkTarget(
                    image.get("src", ""),
                    "images cannot be shown from data text (they would be fetched from "
                    "elsewhere): remove the '!' to make it a link, or remove it",
                )
            )
        for link in root.iter("a"):
            href = link.get("href", "")
            try:
                link.set("href", resolve_href(href, self.linker, self.targets))
            except UnknownLinkTarget as error:
                self._refuse(error)
                link.set("href", "")
            if href.strip().lower().startswith("https:"):
                link.set("rel", EXTERNAL_REL)
            kind, _, entity_id = href.strip().partition(":")
            if self.on_link is not None and kind in LINK_KINDS:
                self.on_link(kind, entity_id)

    def _refuse(self, error: UnknownLinkTarget) -> None:
        if self.on_error is None:
            raise error
        self.on_error(error)  # the check collects every problem of a text
