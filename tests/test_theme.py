"""The theme overrides that copy a Material partial stay Material's file plus our lines."""

from __future__ import annotations

import re
from pathlib import Path

import material

from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OURS = re.compile(r"\s*\{#- explainer:.*?\{#- explainer: end -#\}\n", re.DOTALL)
COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def test_the_header_is_materials_own_with_only_the_edition_links_added() -> None:
    ours = (ROOT / "docs" / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    assert 'include "partials/editions.html"' in OURS.search(ours).group()  # type: ignore[union-attr]
    # If this fails after an upgrade of Material, copy its new header.html into
    # docs/overrides/partials/ and put the lines between the explainer comments back.
    assert COMMENT.sub("", OURS.sub("\n", ours)) == COMMENT.sub("", theirs)
