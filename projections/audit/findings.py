"""The audit: every rule (docs/rules.md) over a case, or over a whole log.

Rules are pure functions of a case's events, its school's events, the
policy and an as-of date: only what happened on or before the as-of date is
judged, and a deadline that has not passed by then gives no finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from zatlog.actions import CaseOpened, RelationRecorded, SchoolDocumentPublished
from zatlog.policy import Policy
from zatlog.projections.audit import (
    consent,
    information,
    meetings,
    recording,
    safety,
    school,
    stats,
    support,
)
from zatlog.projections.audit.model import AuditResult, AuditStats, Finding, Severity
from zatlog.projections.audit.names import NameGuard, names_in
from zatlog.projections.facts import CaseFacts
from zatlog.records import LoggedAction

__all__ = [
    "AuditResult",
    "AuditStats",
    "CaseFacts",
    "Finding",
    "Severity",
    "audit_case",
    "audit_log",
    "check_facts",
]

Check = Callable[[CaseFacts, Policy, date], list[Finding]]

CHECKS: tuple[Check, ...] = (
    school.check,
    meetings.check,
    consent.check,
    safety.check,
    information.check,
    support.check,
    recording.check,
)
"""One module per group of rules."""

DEFAULT_SCHOOL = "default"


def check_facts(facts: CaseFacts, guard: NameGuard) -> list[Finding]:
    """Every rule over one case's facts, names kept out, in a deterministic order."""
    if facts.opened is None or facts.opened.day > facts.as_of:
        return []
    findings = [f for check in CHECKS for f in check(facts, facts.policy, facts.as_of)]
    if guard:
        findings = [_scrubbed(f, guard) for f in findings]
    return sorted(findings, key=lambda f: f.sort_key)


def audit_case(
    case_events: Sequence[LoggedAction],
    school_events: Sequence[LoggedAction],
    policy: Policy,
    as_of: date,
) -> list[Finding]:
    """The findings on one case, judged as of ``as_of``.

    ``school_events`` are the events of the case's school (its published
    documents). A case not yet opened on ``as_of`` gives no finding.
    """
    refs = {e.case for e in case_events if e.case is not None}
    case = min(refs) if refs else ""
    facts = CaseFacts(case, case_events, school_events, policy, as_of)
    return check_facts(facts, NameGuard(names_in(case_events)))


def audit_log(
    events: Iterable[LoggedAction],
    policy: Policy,
    as_of: date,
    case: str | None = None,
    school: str | None = None,
) -> AuditResult:
    """Audit every case of a log (or one ``case``, or one ``school``'s cases).

    A case belongs to the school named on its ``case_opened``; cases opened
    after ``as_of`` are not audited and not counted.
    """
    names: set[str] = set()
    by_case: dict[str, list[LoggedAction]] = defaultdict(list)
    by_school: dict[str, list[LoggedAction]] = defaultdict(list)
    opened: dict[str, tuple[tuple[date, int, int], str]] = {}
    for event in events:
        action = event.action
        if isinstance(action, SchoolDocumentPublished):
            by_school[action.school].append(event)
            continue
        ref = action.case
        if isinstance(action, CaseOpened | RelationRecorded):
            names.add(action.pupil_name if isinstance(action, CaseOpened) else action.name)
        if case is not None and ref != case:
            continue
        by_case[ref].append(event)
        if isinstance(action, CaseOpened) and (
            ref not in opened or event.sort_key < opened[ref][0]
        ):
            opened[ref] = (event.sort_key, action.school)
    guard = NameGuard(names)
    findings: list[Finding] = []
    audited: list[str] = []
    figures = stats.Collector(policy)
    for ref in sorted(by_case):
        home = opened[ref][1] if ref in opened else DEFAULT_SCHOOL
        if school is not None and home != school:
            continue
        facts = CaseFacts(ref, by_case[ref], by_school.get(home, ()), policy, as_of)
        if facts.opened is None or facts.opened.day > as_of:
            continue
        audited.append(ref)
        findings += check_facts(facts, guard)
        figures.add(facts)
    findings.sort(key=lambda f: (f.sort_key, f.case))
    return AuditResult(as_of, tuple(findings), len(audited), tuple(audited), figures.result())


def _scrubbed(finding: Finding, guard: NameGuard) -> Finding:
    """The finding with any name of a pupil or a relation replaced (a safety net)."""
    nl = guard.scrub(finding.message_nl, "[naam]")
    en = guard.scrub(finding.message_en, "[name]")
    if nl == finding.message_nl and en == finding.message_en:
        return finding
    return Finding(
        finding.rule,
        finding.severity,
        finding.case,
        finding.subject,
        finding.evidence,
        nl,
        en,
        finding.persons,
        finding.text,
    )
