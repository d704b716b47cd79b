"""The steps of a case's trajectory: which may follow which, and which one holds on a day.

One rule, used by the aggregate's transition check and by the fold every view
reads (:mod:`zatlog.projections.facts`), so that ``case show``, ``case list``,
the dossier, the audit and a refused ``step enter`` all name the same step.
It lives here, not in the read side, because the write side may not import
the read side.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

ALLOWED_STEPS: dict[str | None, tuple[str, ...]] = {
    None: ("1",),
    "1": ("2",),
    "2": ("1", "3"),
    "3": ("1", "2", "4a", "5"),
    "4a": ("3", "4b"),
    "4b": ("3", "5"),
    "5": ("3", "4b"),
}
"""Allowed ``step_entered`` transitions (docs/coordinator.md, the steps)."""


def step_on(entered: Iterable[tuple[date, str]], day: date) -> tuple[str, date] | None:
    """The step on ``day`` and the date it was entered, or None before any step.

    ``entered`` holds each ``step_entered`` as (its date, its step) in
    recording order. The step on ``day`` is the one of the last entry, in
    recording order, among those dated on or before ``day``: a step recorded
    later overrides an earlier record even when its date is earlier.
    """
    found: tuple[str, date] | None = None
    for on, step in entered:
        if on <= day:
            found = (step, on)
    return found
