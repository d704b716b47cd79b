"""What an audit produces: findings, and the result of auditing a log."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Literal, cast

from zatlog.actions import Action, clock_of, day_of
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

    def shown_only(self, lean: Callable[[LoggedAction], LoggedAction]) -> Finding:
        """This finding as the reports show it (JSON, CSV, table, HTML: the same text), without
        its catalog text, each event it cites given by ``lean`` (:func:`shown_only`, one per
        event, shared by the findings citing it). Not for a pseudonymizer, which reads the
        persons and names of the cited actions."""
        evidence = tuple(lean(e) for e in self.evidence)
        return replace(self, subject=lean(self.subject), evidence=evidence, text=None)

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


@dataclass(frozen=True, slots=True)
class _Shown:
    """What the reports show of a cited event's action: its name and its moment (with what
    :class:`LoggedAction` derives from them). Stands in for the validated action model, which
    holds every field of the event at several times the size."""

    action: str
    at: date | datetime
    migrated: bool | None
    case: str | None

    @property
    def day(self) -> date:
        return day_of(self.at)

    @property
    def clock(self) -> time | None:
        return clock_of(self.at)


def shown_only(event: LoggedAction) -> LoggedAction:
    """``event`` as the reports show it: its position, recording moment, action name and
    moment, and nothing else of its action (see :meth:`Finding.shown_only`)."""
    action = event.action
    lean = _Shown(action.action, action.at, action.migrated, getattr(action, "case", None))
    return LoggedAction(event.position, event.recorded_at, event.actor, cast(Action, lean))


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
