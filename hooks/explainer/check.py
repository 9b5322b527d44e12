"""Check a data folder: read it, hold each file to its schema, then to the rules between files.

Every pass reports all it finds, so an editor sees every problem at once. The
passes share one walk of the data through the schemas; the Markdown pass
renders each text with the converter that builds the pages.
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING

from .evidence import evidence_problems
from .reading import Dataset, read_folder
from .references import reference_problems
from .rules import consistency_problems
from .schema_errors import placeholder_problems, schema_problems
from .translations import translation_problems
from .values import value_problems

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from .problems import Problem
    from .registry import Vocabulary
    from .schemas import Schemas


def strict_from_environment() -> bool:
    """CI is strict: a warning there (a stale translation) is an error."""
    return os.environ.get("CI", "").lower() in {"true", "1", "yes"}


def check(
    root: Path,
    schemas: Schemas,
    vocabularies: Mapping[str, Vocabulary],
    *,
    strict: bool | None = None,
) -> tuple[Dataset, list[Problem]]:
    """Read and check a data folder; returns what was read and every problem, sorted.

    Problems of severity ``warning`` (a stale translation) are among them, unless
    ``strict`` (by default: when running in CI), where they are errors.
    """
    strict = strict_from_environment() if strict is None else strict
    dataset = read_folder(root)
    problems = list(dataset.problems)
    for kind, document in dataset.all_documents():
        problems.extend(schema_problems(document, kind, schemas))
        problems.extend(placeholder_problems(document, kind, schemas))
    problems.extend(value_problems(dataset, schemas))
    problems.extend(reference_problems(dataset, schemas))
    problems.extend(consistency_problems(dataset))
    problems.extend(evidence_problems(dataset, schemas, vocabularies))
    errors, warnings = translation_problems(dataset, schemas, strict=strict)
    problems.extend(errors)
    problems.extend(dataclasses.replace(w, severity="warning") for w in warnings)
    return dataset, sorted(set(problems))
