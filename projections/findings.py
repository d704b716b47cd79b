"""The findings read model: today's audit of every case, kept current by a projection.

Each case's findings (with the default policy) are recomputed when one of its
events, or one of its school's documents, arrives, and stored with the day
they were computed for. A finding's row keeps its subject and evidence as log
positions: ``zatlog audit`` without ``--as-of`` or ``--policy`` serves a case
from its row while that day is today, and looks those events up by position
in the ``case_log`` index (by primary key), so its cost follows the findings
shown, not the events of their cases. The events themselves are not copied
into the row: the index holds each exactly once, and a copy would be a second
place for the names in them.

Findings depend on the date (a deadline passes), so a row from an earlier day
is stale. The read that finds it recomputes it from the case's events in the
index, up to the position the read model has reached, and stores it back for
today in one short write transaction, so that only the first read of a day
pays for it. That write is safe beside the catch-up and a follower:

- it is the pure function the catch-up itself runs (the same facts, rules and
  policy for the same events and day), so ``due``, ``case show`` and the audit
  tell one truth whoever computed the row;
- it holds the projections' write lock, and stores nothing if the read model's
  tracked position moved since the read: a concurrent catch-up's rows win;
- each row is replaced only while it still holds the day it was read with, so
  two readers refreshing at once write the same row once, and a read for an
  earlier day than the row's (``computed_on`` is never moved back) writes
  nothing.

The alternative, refreshing every row in the catch-up when the day changes,
was not taken: a log that does not change has no catch-up to run, so a read
would still have to recompute (findings cannot be moved to a later day from
what a row stores), and every first command after midnight, even a write,
would pay for the whole store.

An audit with ``--as-of`` or ``--policy`` recomputes every case from the log:
the same pure rules either way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import Any

from zatlog.actions import CaseOpened, RelationRecorded
from zatlog.policy import Policy
from zatlog.projections.audit import stats
from zatlog.projections.audit.findings import check_facts
from zatlog.projections.audit.model import AuditResult, AuditStats, Finding
from zatlog.projections.audit.names import NameGuard
from zatlog.projections.case_log import read_case_events, read_events_at, read_school_events
from zatlog.projections.facts import CaseFacts, default_facts
from zatlog.projections.runner import (
    CaseEvents,
    CaseReadModel,
    Reader,
    ReadModelView,
    Table,
    Writer,
    tracking_key,
)
from zatlog.records import LoggedAction

TABLE = Table(
    "findings",
    "case_ref TEXT PRIMARY KEY, school TEXT NOT NULL, opened_on TEXT NOT NULL, "
    "computed_on TEXT NOT NULL, findings BLOB NOT NULL, stats BLOB NOT NULL",
    ("school",),
)
UPSERT = (
    "INSERT INTO {t}findings (case_ref, school, opened_on, computed_on, findings, stats) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_ref) DO UPDATE SET school = excluded.school, "
    "opened_on = excluded.opened_on, computed_on = excluded.computed_on, "
    "findings = excluded.findings, stats = excluded.stats"
)
REFRESH = (
    "UPDATE {t}findings SET computed_on = ?, findings = ?, stats = ? "
    "WHERE case_ref = ? AND computed_on = ?"
)
"""A row recomputed for a later day, stored unless the catch-up rewrote it meanwhile."""
DELETE = "DELETE FROM {t}findings WHERE case_ref = ?"
SELECT = "SELECT case_ref, school, opened_on, computed_on, findings, stats FROM {t}findings"


def audit_one(
    ref: str,
    events: list[LoggedAction],
    school_events: list[LoggedAction],
    policy: Policy,
    as_of: date,
) -> tuple[list[Finding], AuditStats] | None:
    """One case's findings and chart figures as of ``as_of`` (None: not yet opened)."""
    return audit_facts(CaseFacts(ref, events, school_events, policy, as_of), events)


def audit_facts(
    facts: CaseFacts, events: Iterable[LoggedAction]
) -> tuple[list[Finding], AuditStats] | None:
    """The findings and chart figures of one case's facts (None: not yet opened); no
    finding contains a name recorded in ``events`` (all the case's events)."""
    policy, as_of = facts.policy, facts.as_of
    if facts.opened is None or facts.opened.day > as_of:
        return None
    figures = stats.Collector(policy)
    figures.add(facts)
    return check_facts(facts, NameGuard(_names(events))), figures.result()


def _names(events: Iterable[LoggedAction]) -> list[str]:
    """The names recorded on a case, which no finding may contain."""
    names = []
    for event in events:
        action = event.action
        if isinstance(action, CaseOpened):
            names.append(action.pupil_name)
        elif isinstance(action, RelationRecorded):
            names.append(action.name)
    return names


class FindingsProjection(CaseReadModel):
    """Keeps each case's findings under the default policy, as of the day computed."""

    name = "findings"
    version = 3  # v3: persons named by their role (de ouder), not by id; v2: H1, C1, L1 and
    # the revised rules; the late-record figures
    tables = (TABLE,)
    uses_school_events = True

    def update_case(self, writer: Writer, case: CaseEvents, today: date) -> None:
        audited = audit_facts(default_facts(case, today), case.events)
        if audited is None:
            writer.execute(DELETE, (case.ref,))
            return
        opened = next(e.day for e in case.events if e.name == "case_opened")
        row = (case.ref, case.school, opened.isoformat(), today.isoformat())
        writer.execute(UPSERT, (*row, *_sealed(writer, *audited)))


def _finding_row(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "subject": finding.subject.position,
        "evidence": [e.position for e in finding.evidence],
        "nl": finding.message_nl,
        "en": finding.message_en,
        "persons": list(finding.persons),
    }


def stored_audit(
    view: ReadModelView,
    today: date,
    case: str | None = None,
    school: str | None = None,
    with_figures: bool = True,
) -> AuditResult:
    """Today's audit (default policy) from the read model.

    A row computed today is served as stored, its subject and evidence events
    looked up by position: the cost follows the findings shown, not the events of
    their cases. A row from an earlier day is recomputed from the case's events
    and stored back for today (see the module's docstring), once. Without
    ``with_figures``, a stored row's chart figures are not decoded (only the HTML report
    shows them): the result's ``stats`` then hold only the rows recomputed.
    """
    key = tracking_key(FindingsProjection)
    upto = view.positions([key])[key]
    policy = Policy()
    served: list[tuple[str, list[dict[str, Any]]]] = []
    findings: list[Finding] = []
    audited: list[str] = []
    figures: list[AuditStats] = []
    refreshed: list[tuple[str, str, bytes, bytes]] = []
    school_cache: dict[str, list[LoggedAction]] = {}
    for ref, home, opened_on, computed_on, sealed, sealed_stats in _rows(view, case, school):
        if date.fromisoformat(opened_on) > today:
            continue
        if computed_on == today.isoformat():
            rows = json.loads(view.unseal(sealed))
            if rows:
                served.append((ref, rows))
            case_stats = (
                _stats(json.loads(view.unseal(sealed_stats))) if with_figures else _NO_FIGURES
            )
        else:
            if home not in school_cache:
                school_cache[home] = read_school_events(view, home, upto)
            _, events = read_case_events(view, ref, upto)
            audited_case = audit_one(ref, events, school_cache[home], policy, today)
            if audited_case is None:
                continue
            case_findings, case_stats = audited_case
            findings += case_findings
            if date.fromisoformat(computed_on) < today:  # never back to an earlier day
                refreshed.append((computed_on, ref, *_sealed(view, case_findings, case_stats)))
        audited.append(ref)
        figures.append(case_stats)
    findings += _rebuilt(view, served)
    if refreshed:
        _store_refreshed(view, key, upto, today, refreshed)
    findings.sort(key=lambda f: (f.sort_key, f.case))
    audited.sort()
    return AuditResult(today, tuple(findings), len(audited), tuple(audited), _merged(figures))


def _rows(view: ReadModelView, case: str | None, school: str | None) -> list[tuple[Any, ...]]:
    """The stored rows of one case, of one school's cases, or of every case, by case."""
    wanted = {"case_ref": case, "school": school}
    where = " AND ".join(f"{column} = ?" for column, value in wanted.items() if value is not None)
    statement = SELECT + (f" WHERE {where}" if where else "") + " ORDER BY case_ref"
    return view.fetchall(statement, [value for value in wanted.values() if value is not None])


def _store_refreshed(
    view: ReadModelView,
    key: str,
    upto: int,
    today: date,
    refreshed: list[tuple[str, str, bytes, bytes]],
) -> None:
    """Store rows recomputed for ``today`` from the events up to ``upto``, unless the read
    model moved on meanwhile: then its own rows are newer, and they stay."""
    with view.writing() as writer:
        if writer.position(key) != upto:
            return
        writer.executemany(
            REFRESH,
            [
                (today.isoformat(), found, figures, ref, computed_on)
                for computed_on, ref, found, figures in refreshed
            ],
        )


def _sealed(
    sealer: Writer | ReadModelView, findings: list[Finding], figures: AuditStats
) -> tuple[bytes, bytes]:
    """A case's findings and figures as its row stores them."""
    return (
        sealer.seal(json.dumps([_finding_row(f) for f in findings])),
        sealer.seal(json.dumps(asdict(figures))),
    )


def _rebuilt(reader: Reader, served: list[tuple[str, list[dict[str, Any]]]]) -> list[Finding]:
    """Stored findings with their subject and evidence events read back by position
    (evidence may be a school event: a document published after the case's event)."""
    cited = {p for _, rows in served for row in rows for p in (row["subject"], *row["evidence"])}
    by_position = read_events_at(reader, cited)
    return [
        Finding(
            row["rule"],
            row["severity"],
            ref,
            by_position[row["subject"]],
            tuple(by_position[p] for p in row["evidence"]),
            row["nl"],
            row["en"],
            tuple(row["persons"]),
        )
        for ref, rows in served
        for row in rows
    ]


_NO_FIGURES = AuditStats()


def _stats(data: dict[str, Any]) -> AuditStats:
    return AuditStats(
        discussions=data["discussions"],
        discussions_invited_in_time=data["discussions_invited_in_time"],
        invitation_lead_days=tuple(data["invitation_lead_days"]),
        report_notice_days=tuple(data["report_notice_days"]),
        recorded_late=tuple(
            (str(case), int(actions), int(late))
            for case, actions, late in data.get("recorded_late", ())
        ),
    )


def _merged(figures: Iterable[AuditStats]) -> AuditStats:
    parts = list(figures)
    return AuditStats(
        discussions=sum(p.discussions for p in parts),
        discussions_invited_in_time=sum(p.discussions_invited_in_time for p in parts),
        invitation_lead_days=tuple(d for p in parts for d in p.invitation_lead_days),
        report_notice_days=tuple(d for p in parts for d in p.report_notice_days),
        recorded_late=tuple(row for p in parts for row in p.recorded_late),
    )
