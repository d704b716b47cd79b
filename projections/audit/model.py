"""What an audit produces: findings, and the result of auditing a log."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from zatlog.projections.audit.catalog import Text, words
from zatlog.records import LoggedAction

Severity = Literal["critical", "major", "minor"]

SEVERITIES: tuple[Severity, ...] = ("critical", "major", "minor")
"""From most to least severe."""

SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Finding:
    """One breach of a rule (docs/rules.md).

    ``subject`` is the event the finding is about; ``evidence`` the events
    that prove it, the subject included, in time order. ``persons`` are the
    person ids concerned (never names). ``text`` is the catalog message the two
    messages were rendered from (none on a finding read back from storage).
    """

    rule: str
    severity: Severity
    case: str
    subject: LoggedAction
    evidence: tuple[LoggedAction, ...]
    message_nl: str
    message_en: str
    persons: tuple[str, ...] = ()
    text: Text | None = None

    def message(self, lang: str = "nl") -> str:
        return self.message_en if lang == "en" else self.message_nl

    @property
    def sort_key(self) -> tuple[date, int, str, int, tuple[str, ...], str]:
        """Subject (date, then log position), rule, severity (worst first), persons."""
        return (
            self.subject.day,
            self.subject.position,
            self.rule,
            SEVERITY_RANK[self.severity],
            self.persons,
            self.message_en,
        )


def make_finding(
    rule: str,
    severity: Severity,
    case: str,
    subject: LoggedAction,
    evidence: Iterable[LoggedAction],
    text: Text,
    persons: Iterable[str] = (),
) -> Finding:
    """A finding whose evidence holds the subject and is unique and in time order, its
    messages in words from the catalog's ``text``."""
    unique = {e.position: e for e in (subject, *evidence)}
    ordered = tuple(sorted(unique.values(), key=lambda e: e.sort_key))
    nl, en = words(text)
    return Finding(rule, severity, case, subject, ordered, nl, en, tuple(persons), text)


@dataclass(frozen=True)
class AuditStats:
    """Figures behind the report's charts (see :mod:`.stats`)."""

    discussions: int = 0
    """Identified CvB/ZAT discussions judged by B1."""
    discussions_invited_in_time: int = 0
    """Of those: every required invitee invited at least the lead time before."""
    invitation_lead_days: tuple[int | None, ...] = ()
    """Per discussion and required invitee: days between invitation and discussion (None: never)."""
    report_notice_days: tuple[int | None, ...] = ()
    """Per report and person to inform: days from the report to the first notice (None: never)."""
    recorded_late: tuple[tuple[str, int, int], ...] = ()
    """*v2* per case: (case, actions, of which found by L1): how much was written late."""


@dataclass(frozen=True)
class AuditResult:
    """The findings of an audit (in a deterministic order) and the number of cases audited."""

    as_of: date
    findings: tuple[Finding, ...]
    cases: int
    case_refs: tuple[str, ...] = ()
    stats: AuditStats = field(default_factory=AuditStats)

    def within(self, start: date | None = None, end: date | None = None) -> AuditResult:
        """Only the findings whose subject happened between ``start`` and ``end`` (inclusive)."""
        kept = tuple(
            f
            for f in self.findings
            if (start is None or f.subject.day >= start) and (end is None or f.subject.day <= end)
        )
        return AuditResult(self.as_of, kept, self.cases, self.case_refs, self.stats)
