"""Where the dossier's events come from: the ``case_log`` index, caught up first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zatlog.records import LoggedAction, in_time_order

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp


def load_case_events(app: ZatlogApp, ref: str) -> list[LoggedAction]:
    """Every event of case ``ref``, in time order (``at``, ties in recording order)."""
    from zatlog.projections.case_log import case_events

    return in_time_order(case_events(app, ref))


def load_school_events(app: ZatlogApp, school: str) -> list[LoggedAction]:
    """The school-level events (published documents) of ``school``, in time order."""
    from zatlog.projections.case_log import school_events

    return in_time_order(school_events(app, school))
