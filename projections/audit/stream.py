"""The recomputed audit of a stored log, read a case at a time (``audit --as-of``, ``--policy``).

The log is read aggregate by aggregate (:mod:`zatlog.projections.log_pages`):
each case is decoded, folded, judged and dropped before the next, so the
audit holds one page of stored events, one case and its results, never the
log. A school's own events (its published documents) are read once, when
the first case of that school needs them. The result is the one
:func:`~zatlog.projections.audit.findings.audit_log` gives over the same
events.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from eventsourcing.utils import get_topic

from zatlog.actions import CaseOpened
from zatlog.case import Case, case_id
from zatlog.policy import Policy
from zatlog.projections.audit.findings import CaseAudits
from zatlog.projections.audit.model import AuditResult
from zatlog.projections.log_pages import PAGE_SIZE, aggregate, aggregates, decoded
from zatlog.records import LoggedAction
from zatlog.school import school_id

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp

OPENED = get_topic(Case.Opened)
"""The topic of a case's first event (any other aggregate is not a case)."""
NAMED = frozenset({OPENED, get_topic(Case.RelationRecorded)})
"""The topics of the events that record names (kept out of every finding)."""


def audit_stored(
    app: ZatlogApp,
    policy: Policy,
    as_of: date,
    case: str | None = None,
    school: str | None = None,
    learn: Callable[[Sequence[LoggedAction]], None] | None = None,
    upto: int | None = None,
    page_size: int = PAGE_SIZE,
    lean: bool = False,
) -> AuditResult:
    """Audit every case of the log up to position ``upto`` (default: the last), or one
    ``case``, or one ``school``'s cases, as :func:`audit_log` does.

    ``learn`` is shown every case's events (a pseudonymizer must know every
    identifier of the log); without it, a case not audited is read only for
    its names. With ``lean``, the findings keep only what the reports show of the events
    they cite (:meth:`~.model.Finding.shown_only`): the same reports from far less memory.
    """
    last = app.last_position() if upto is None else upto
    audits = CaseAudits(policy, as_of, lean)
    schools: dict[str, list[LoggedAction]] = {}
    only = case_id(case).hex if case is not None else None
    for rows in aggregates(app, last, page_size):
        if rows[0].topic != OPENED:
            continue  # a school: its events are read when a case of it is audited
        first = decoded(app, rows[:1])
        opened = first[0].action
        assert isinstance(opened, CaseOpened)
        wanted = (only is None or rows[0].key == only) and (school in (None, opened.school))
        if not wanted and learn is None:
            audits.note_names(first + decoded(app, [r for r in rows[1:] if r.topic in NAMED]))
            continue
        events = first + decoded(app, rows[1:])
        audits.note_names(events)
        if learn is not None:
            learn(events)
        if wanted:
            home = opened.school
            if home not in schools:
                schools[home] = decoded(app, aggregate(app, school_id(home), last))
            audits.judge(opened.case, events, schools[home])
    return audits.result()
