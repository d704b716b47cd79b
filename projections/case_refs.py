"""Which case references (and schools) the log knows, and which look like a mistyped one."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zatlog.projections.runner import ReadModelView


def known_cases(view: ReadModelView) -> list[str]:
    """Every opened case's reference (from the case-state read model)."""
    return [str(row[0]) for row in view.fetchall("SELECT case_ref FROM {t}case_state")]


def known_schools(view: ReadModelView) -> list[str]:
    """Every school that has an opened case (from the case-state read model)."""
    rows = view.fetchall("SELECT DISTINCT school FROM {t}case_state")
    return sorted(str(row[0]) for row in rows)


def close_references(reference: str, known: list[str], limit: int = 3) -> list[str]:
    """The known references most like ``reference`` (a typo's likely targets), best first."""
    by_case = {ref.casefold(): ref for ref in known}
    matches = difflib.get_close_matches(reference.casefold(), list(by_case), n=limit, cutoff=0.6)
    return [by_case[match] for match in matches]
