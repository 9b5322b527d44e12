"""References between files: ids that must exist, real dates, and every Markdown text rendered.

Markdown is checked by rendering it with the converter that builds the pages
(:class:`explainer.markup.PageMarkup`), with the same ``kind:id`` resolution and
the same glossary, so a text the check accepts is a text the build renders.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .glossary import Glossary
from .links import Linker, UnknownLinkTarget
from .markup import PageMarkup
from .model import PartialDate, Term
from .problems import Problem
from .reading import ID, field_name, problem_at, suggestion
from .registry import KIND, LINK_KINDS
from .urls import HOME
from .values import too_deep

if TYPE_CHECKING:
    from .reading import Dataset
    from .schemas import Schemas
    from .yamlload import Document, Pointer


def reference_problems(dataset: Dataset, schemas: Schemas) -> list[Problem]:
    problems: list[Problem] = []
    known = {kind: dataset.ids(kind) for kind in LINK_KINDS}
    renderer = _Renderer(known, glossary_of(dataset))
    for kind, document in dataset.all_documents():
        for pointer, schema, value in schemas.walk(kind, document.data):
            if not isinstance(value, str) or value.startswith("TODO"):
                continue
            ref_kind = schema.get("x-ref")
            if isinstance(ref_kind, str) and ID.match(value) and value not in known[ref_kind]:
                problems.append(
                    problem_at(
                        document,
                        pointer,
                        f"unknown {KIND[ref_kind].label} '{value}'"
                        f"{suggestion(value, known[ref_kind])}; "
                        f"it must be the name of a file in {_where(ref_kind)}",
                    )
                )
            if schema.get("x-item") and ":" in value:
                item_kind, _, item_id = value.partition(":")
                if item_kind in known and item_id not in known[item_kind]:
                    problems.append(
                        problem_at(
                            document,
                            pointer,
                            f"no {KIND[item_kind].label} '{item_id}'"
                            f"{suggestion(item_id, known[item_kind])}: name an existing one",
                        )
                    )
            if schema.get("x-markdown"):
                problems.extend(renderer.problems(document, pointer, value))
            if schema.get("x-def") == "date" and re.fullmatch(r"[0-9/~-]+", value):
                try:
                    PartialDate.parse(value)
                except ValueError as error:
                    problems.append(
                        problem_at(document, pointer, f"{field_name(pointer)}: {error}")
                    )
    return problems


def _where(kind: str) -> str:
    if kind == "event":
        return "data/timelines/ (as an event id)"
    return f"data/{KIND[kind].folder}/"


def glossary_of(dataset: Dataset) -> Glossary:
    """The glossary the build will use, from the term files whose fields have the right types."""
    terms = []
    for term_id, document in sorted(dataset.documents.get("term", {}).items()):
        data: Any = document.data
        if not isinstance(data, dict):
            continue
        term, definition, aliases = data.get("term"), data.get("definition"), data.get("aliases")
        if not isinstance(term, str) or not isinstance(definition, str) or too_deep(definition):
            continue  # the file's own problems say what to fix
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            aliases = []
        terms.append(Term(term_id, term, definition, aliases=tuple(aliases)))
    return Glossary.from_terms(terms)


class _Renderer:
    """Renders each Markdown text as a page would, collecting what cannot be built."""

    def __init__(self, known: dict[str, set[str]], glossary: Glossary) -> None:
        self._errors: list[UnknownLinkTarget] = []
        self._markup = PageMarkup(Linker(HOME), known, glossary, on_error=self._errors.append)

    def problems(self, document: Document, pointer: Pointer, text: str) -> list[Problem]:
        self._errors.clear()
        try:
            self._markup.block(text)
        except Exception as error:
            return [
                problem_at(
                    document,
                    pointer,
                    f"{field_name(pointer)} cannot be rendered ({type(error).__name__}: {error}); "
                    "simplify the text there, and report this as a bug",
                )
            ]
        found = []
        seen: dict[str, int] = {}
        for broken in self._errors:
            # The second of two identical broken links is reported at its own place.
            line, column = document.find(broken.target, pointer, after=seen.get(broken.target, 0))
            seen[broken.target] = seen.get(broken.target, 0) + 1
            found.append(Problem(document.path, line, column, str(broken)))
        return found
