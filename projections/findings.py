"""The findings read model: today's audit of every case, kept current by a projection.

Each case's findings (with the default policy) are recomputed when one of its
events, or one of its school's documents, arrives, and stored with the day
they were computed for. ``zatlog audit`` without ``--as-of`` or ``--policy``
serves a case from its row while that day is today; a case whose row is from
an earlier day (a deadline may have passed since) is recomputed from its
events in the ``case_log`` index, as is every case of an audit with
``--as-of`` or ``--policy``: the same pure rules either way.
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
from zatlog.projections.case_log import read_case_events, read_school_events
from zatlog.projections.facts import CaseFacts, default_facts
from zatlog.projections.runner import (
    CaseEvents,
    CaseReadModel,
    Reader,
    Table,
    Writer,
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
DELETE = "DELETE FROM {t}findings WHERE case_ref = ?"
SELECT = (
    "SELECT case_ref, school, opened_on, computed_on, findings, stats FROM {t}findings "
    "ORDER BY case_ref"
)


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
    version = 2  # v2: H1, C1, L1 and the revised rules; the late-record figures
    tables = (TABLE,)
    uses_school_events = True

    def update_case(self, writer: Writer, case: CaseEvents, today: date) -> None:
        audited = audit_facts(default_facts(case, today), case.events)
        if audited is None:
            writer.execute(DELETE, (case.ref,))
            return
        findings, figures = audited
        opened = next(e.day for e in case.events if e.name == "case_opened")
        writer.execute(
            UPSERT,
            (
                case.ref,
                case.school,
                opened.isoformat(),
                today.isoformat(),
                writer.seal(json.dumps([_finding_row(f) for f in findings])),
                writer.seal(json.dumps(asdict(figures))),
            ),
        )


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
    reader: Reader, today: date, case: str | None = None, school: str | None = None
) -> AuditResult:
    """Today's audit (default policy) from the read model.

    Rows computed today are served as stored; older rows are recomputed from
    the case's indexed events (in memory: reading never writes a read model).
    """
    policy = Policy()
    findings: list[Finding] = []
    audited: list[str] = []
    figures: list[AuditStats] = []
    school_cache: dict[str, list[LoggedAction]] = {}
    for ref, home, opened_on, computed_on, sealed, sealed_stats in reader.fetchall(SELECT):
        if (case is not None and ref != case) or (school is not None and home != school):
            continue
        if date.fromisoformat(opened_on) > today:
            continue
        if computed_on == today.isoformat():
            rows = json.loads(reader.unseal(sealed))
            case_findings = _rebuilt(reader, ref, home, rows) if rows else []
            case_stats = _stats(json.loads(reader.unseal(sealed_stats)))
        else:
            if home not in school_cache:
                school_cache[home] = read_school_events(reader, home)
            _, events = read_case_events(reader, ref)
            audited_case = audit_one(ref, events, school_cache[home], policy, today)
            if audited_case is None:
                continue
            case_findings, case_stats = audited_case
        audited.append(ref)
        findings += case_findings
        figures.append(case_stats)
    findings.sort(key=lambda f: (f.sort_key, f.case))
    audited.sort()
    return AuditResult(today, tuple(findings), len(audited), tuple(audited), _merged(figures))


def _rebuilt(reader: Reader, ref: str, home: str, rows: list[dict[str, Any]]) -> list[Finding]:
    """Stored findings with their subject and evidence events read back from the index.

    Evidence may be a school event (a document published after the case's event).
    """
    _, events = read_case_events(reader, ref)
    by_position = {e.position: e for e in events}
    cited = {row["subject"] for row in rows} | {p for row in rows for p in row["evidence"]}
    if not cited <= by_position.keys():
        by_position.update((e.position, e) for e in read_school_events(reader, home))
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
        for row in rows
    ]


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
