"""Check a data folder: read it, hold each file to its schema, then to the rules between files.

Every pass reports all it finds, so an editor sees every problem at once. The
passes share one walk of the data through the schemas; the Markdown pass
renders each text with the converter that builds the pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .evidence import evidence_problems
from .reading import Dataset, read_folder
from .references import reference_problems
from .rules import consistency_problems
from .schema_errors import placeholder_problems, schema_problems
from .values import value_problems

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from .problems import Problem
    from .registry import Vocabulary
    from .schemas import Schemas


def check(
    root: Path, schemas: Schemas, vocabularies: Mapping[str, Vocabulary]
) -> tuple[Dataset, list[Problem]]:
    """Read and check a data folder; returns what was read and every problem, sorted."""
    dataset = read_folder(root)
    problems = list(dataset.problems)
    for kind, document in dataset.all_documents():
        problems.extend(schema_problems(document, kind, schemas))
        problems.extend(placeholder_problems(document, kind, schemas))
    problems.extend(value_problems(dataset, schemas))
    problems.extend(reference_problems(dataset, schemas))
    problems.extend(consistency_problems(dataset))
    problems.extend(evidence_problems(dataset, schemas, vocabularies))
    return dataset, sorted(set(problems))
