"""Where the dossier's events come from.

Until the ``case_log`` read model (``zatlog.projections.case_log.case_events``)
lands, a case's events are picked from the log here: the notifications are
scanned by their originator (the case's or the school's aggregate id), and
only the matching ones are decoded. Switching to the read model is a
one-line change in each function.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from uuid import UUID

from zatlog.case import case_id
from zatlog.records import LoggedAction, in_time_order
from zatlog.school import school_id

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp

PAGE = 2000


def load_case_events(app: ZatlogApp, ref: str) -> list[LoggedAction]:
    """Every event of case ``ref``, in time order (``at``, ties in recording order)."""
    return in_time_order(_events_of(app, case_id(ref)))


def load_school_events(app: ZatlogApp, school: str) -> list[LoggedAction]:
    """The school-level events (published documents) of ``school``, in time order."""
    return in_time_order(_events_of(app, school_id(school)))


def _events_of(app: ZatlogApp, originator: UUID) -> Iterator[LoggedAction]:
    from zatlog.application import to_logged_action

    position = 0
    while True:
        notifications = app.recorder.select_notifications(
            start=position, limit=PAGE, inclusive_of_start=False
        )
        for notification in notifications:
            if notification.originator_id == originator:
                event = app.mapper.to_domain_event(notification)
                logged = to_logged_action(event, notification.id)
                if logged is not None:
                    yield logged
        if len(notifications) < PAGE:
            return
        position = notifications[-1].id
