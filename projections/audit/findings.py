"""The audit: every rule (docs/rules.md) over a case, or over a whole log.

Rules are pure functions of a case's events, its school's events, the
policy and an as-of date: only what happened on or before the as-of date is
judged, and a deadline that has not passed by then gives no finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from zatlog.actions import Action, CaseOpened, RelationRecorded, SchoolDocumentPublished
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
from zatlog.projections.audit.model import AuditResult, AuditStats, Finding, Severity, shown_only
from zatlog.projections.audit.names import NameGuard, names_in
from zatlog.projections.facts import CaseFacts
from zatlog.records import LoggedAction

__all__ = [
    "AuditResult",
    "AuditStats",
    "CaseAudits",
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
    return _finished(_raw_findings(facts), guard)


def _raw_findings(facts: CaseFacts) -> list[Finding]:
    """Every rule over one case's facts, in the order the rules found them."""
    if facts.opened is None or facts.opened.day > facts.as_of:
        return []
    return [f for check in CHECKS for f in check(facts, facts.policy, facts.as_of)]


def _finished(findings: list[Finding], guard: NameGuard) -> list[Finding]:
    """One case's findings with names kept out, in a deterministic order."""
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


class CaseAudits:
    """An audit gathered case by case, the cases in any order, and put together in the order
    of their references (see :func:`audit_log`).

    Every name recorded anywhere in the log is kept out of every finding, so the findings
    are finished (names scrubbed, ordered) only when the whole log has been read: until
    then a case keeps its findings as the rules found them and its figures.
    """

    def __init__(self, policy: Policy, as_of: date, lean: bool = False) -> None:
        self.policy = policy
        self.as_of = as_of
        self.lean = lean
        """Keep of each finding only what the reports show (:meth:`Finding.shown_only`)."""
        self._school_cited: dict[int, LoggedAction] = {}
        """The schools' events cited so far, as shown (cited by the findings of many cases)."""
        self.names: set[str] = set()
        self.judged: dict[str, tuple[list[Finding], stats.Collector]] = {}
        self._fields_sets: dict[tuple[type[Action], frozenset[str]], set[str]] = {}

    def note_names(self, events: Iterable[LoggedAction]) -> None:
        """Note the pupil and relation names that ``events`` record."""
        for event in events:
            action = event.action
            if isinstance(action, CaseOpened):
                self.names.add(action.pupil_name)
            elif isinstance(action, RelationRecorded):
                self.names.add(action.name)

    def judge(
        self, ref: str, case_events: Sequence[LoggedAction], school_events: Sequence[LoggedAction]
    ) -> None:
        """Audit case ``ref`` (not counted when it was not yet opened on the as-of date)."""
        facts = CaseFacts(ref, case_events, school_events, self.policy, self.as_of)
        if facts.opened is None or facts.opened.day > self.as_of:
            return
        figures = stats.Collector(self.policy)
        figures.add(facts)
        found = _raw_findings(facts)
        if self.lean:
            cited: dict[int, LoggedAction] = {}  # this case's events, each once

            def lean(event: LoggedAction) -> LoggedAction:
                held = self._school_cited if event.case is None else cited
                if event.position not in held:
                    held[event.position] = shown_only(event)
                return held[event.position]

            found = [finding.shown_only(lean) for finding in found]
        else:
            for finding in found:  # its events stay held until the end: as lean as they can be
                for event in (finding.subject, *finding.evidence):
                    self._share_fields_set(event.action)
        self.judged[ref] = (found, figures)

    def _share_fields_set(self, action: Action) -> None:
        """Let actions of one kind with the same fields given share one set of those names.

        Pydantic keeps a set of the given field names on every model: about 0.7 KB, a third
        of what a held action costs. Action models are frozen, so the set never changes
        (``model_copy`` copies it); one per kind and set of fields is enough.
        """
        given = action.__pydantic_fields_set__
        shared = self._fields_sets.setdefault((type(action), frozenset(given)), given)
        if shared is not given:
            object.__setattr__(action, "__pydantic_fields_set__", shared)

    def result(self) -> AuditResult:
        guard = NameGuard(self.names)
        findings: list[Finding] = []
        figures = stats.Collector(self.policy)
        audited = sorted(self.judged)
        for ref in audited:
            found, case_figures = self.judged[ref]
            findings += _finished(found, guard)
            figures.absorb(case_figures)
        findings.sort(key=lambda f: (f.sort_key, f.case))
        return AuditResult(
            self.as_of, tuple(findings), len(audited), tuple(audited), figures.result()
        )


def audit_log(
    events: Iterable[LoggedAction],
    policy: Policy,
    as_of: date,
    case: str | None = None,
    school: str | None = None,
) -> AuditResult:
    """Audit every case of a log (or one ``case``, or one ``school``'s cases).

    A case belongs to the school named on its ``case_opened``; cases opened
    after ``as_of`` are not audited and not counted. (A stored log is audited
    case by case, without holding it: :mod:`zatlog.projections.audit.stream`.)
    """
    audits = CaseAudits(policy, as_of)
    by_case: dict[str, list[LoggedAction]] = defaultdict(list)
    by_school: dict[str, list[LoggedAction]] = defaultdict(list)
    opened: dict[str, tuple[tuple[date, int, int], str]] = {}
    for event in events:
        action = event.action
        if isinstance(action, SchoolDocumentPublished):
            by_school[action.school].append(event)
            continue
        ref = action.case
        audits.note_names((event,))
        if case is not None and ref != case:
            continue
        by_case[ref].append(event)
        if isinstance(action, CaseOpened) and (
            ref not in opened or event.sort_key < opened[ref][0]
        ):
            opened[ref] = (event.sort_key, action.school)
    for ref, case_events in by_case.items():
        home = opened[ref][1] if ref in opened else DEFAULT_SCHOOL
        if school is None or home == school:
            audits.judge(ref, case_events, by_school.get(home, ()))
    return audits.result()


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
