"""The sanitizer policy for data Markdown: raw HTML off before parsing, nh3 after rendering.

Raw HTML is never parsed (an editor's ``<b>`` is shown as text) and
``attr_list`` is never loaded (``{: onclick=...}`` stays text); what the
renderer produces then goes through nh3, which keeps only a few tags and
attributes, and only document-relative or https URLs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import nh3

if TYPE_CHECKING:
    import markdown

# What survives sanitizing: enough for prose with links, nothing that runs.
ALLOWED_TAGS = frozenset(
    {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "abbr"}
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "abbr": {"title"}}
# Attributes the engine itself sets, allowed only with exactly these values.
FIXED_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "a": {"class": {"glossary-term"}, "rel": {"noopener noreferrer"}},
}
ALLOWED_URL_SCHEMES = frozenset({"https"})


def without_raw_html(md: markdown.Markdown) -> None:
    """Unregister raw HTML: it is escaped as text, so nothing typed can become a tag."""
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")


def sanitize(fragment: str) -> str:
    """Keep only the allowed tags, attributes and URLs of an HTML fragment."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=FIXED_ATTRIBUTE_VALUES,
        link_rel=None,  # set by the entity-link step on external links only
        url_schemes=set(ALLOWED_URL_SCHEMES),
        url_relative=_relative_url,
        strip_comments=True,
    )


def strip_tags(fragment: str) -> str:
    """The text of an HTML fragment, every tag and comment removed."""
    return nh3.clean(fragment, tags=set(), strip_comments=True)


def _relative_url(url: str) -> str | None:
    # "/x" and "//host/x" would leave the site (or reach another host): only
    # document-relative links, which the linker writes, are kept.
    return None if url.startswith(("/", "\\")) else url
