"""The safety track (meldcode): G8 (overriding consent) and G9 (telling parents of a report)."""

from __future__ import annotations

from datetime import date, timedelta

from zatlog.actions import (
    WRITTEN_CHANNELS,
    DiscussionHeld,
    ParentNotificationDeferred,
    ReportMade,
)
from zatlog.policy import Policy
from zatlog.projections.audit import catalog
from zatlog.projections.audit.model import Finding, make_finding
from zatlog.projections.facts import CaseFacts, Ev, latest_until
from zatlog.records import LoggedAction

FOLLOW_UP_TARGETS = frozenset({"veilig_thuis", "amk", "youth_care"})
"""Reports that follow up a safety override (``amk`` is the old name of Veilig Thuis)."""


def check(facts: CaseFacts, policy: Policy, as_of: date) -> list[Finding]:
    findings: list[Finding] = []
    for discussion in facts.discussions:
        if discussion.act.basis == "safety_override":
            findings += _g8(facts, discussion, policy, as_of)
    for report in facts.reports:
        findings += _g9(facts, report, policy, as_of)
    return findings


def previous_report_day(facts: CaseFacts, report: Ev[ReportMade]) -> date | None:
    """The date of the last report before this one's date: earlier notices were about that."""
    earlier = [r.day for r in facts.reports if r.day < report.day]
    return max(earlier, default=None)


def deferral_for(
    facts: CaseFacts, report: Ev[ReportMade], previous: date | None
) -> Ev[ParentNotificationDeferred] | None:
    """*v2* G9: the latest deferral dated on or before the report and after the previous one."""
    deferral = latest_until(facts.deferrals, report.day)
    if deferral is None or (previous is not None and deferral.day <= previous):
        return None
    return deferral


def persons_to_inform(facts: CaseFacts, report: Ev[ReportMade]) -> list[str]:
    """G9: the authority holders on the report date (for a 16+ pupil minus refusal targets)."""
    persons = list(facts.authority_holders(report.day))
    if facts.age(report.day) >= 16:
        refused = facts.refusal_targets(report.day)
        persons = [p for p in persons if p not in refused]
    return persons


def _g8(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], policy: Policy, as_of: date
) -> list[Finding]:
    day = discussion.day
    concern = latest_until(facts.concerns, day)
    override = latest_until(facts.overrides, day)
    findings: list[Finding] = []
    if concern is None or override is None:
        missing = (
            *([catalog.text("G8.no_concern")] if concern is None else []),
            *([catalog.text("G8.no_override")] if override is None else []),
        )
        findings.append(
            make_finding(
                "G8",
                "critical",
                facts.case,
                discussion.log,
                [e.log for e in (concern, override) if e is not None],
                catalog.text(
                    "G8.unprepared",
                    when=day,
                    forum=catalog.Label("in_forum", discussion.act.forum),
                    missing=missing,
                ),
            )
        )
    if override is None:
        return findings
    deadline = override.day + timedelta(days=policy.override_followup_days)
    since = latest_until(facts.concerns, override.day)
    follow_ups = [
        r
        for r in facts.reports
        if r.act.to in FOLLOW_UP_TARGETS and (since is None or r.day >= since.day)
    ]
    if any(r.day <= deadline for r in follow_ups) or as_of <= deadline:
        return findings
    late = [r for r in follow_ups if r.day > deadline][:1]
    findings.append(
        make_finding(
            "G8",
            "major",
            facts.case,
            discussion.log,
            [override.log, *(e.log for e in (since,) if e is not None), *(r.log for r in late)],
            catalog.text(
                "G8.no_report",
                started=override.day,
                days=policy.override_followup_days,
                note=catalog.text("G8.late", late=late[0].day) if late else None,
            ),
        )
    )
    return findings


def _g9(
    facts: CaseFacts,
    report: Ev[ReportMade],
    policy: Policy,
    as_of: date,
) -> list[Finding]:
    day = report.day
    previous = previous_report_day(facts, report)
    deferral = deferral_for(facts, report, previous)
    deadline = max(day, deferral.act.review_at) if deferral is not None else day
    written_by = deadline + timedelta(days=policy.report_notice_days)
    context: list[LoggedAction] = [] if deferral is None else [deferral.log]
    by = (
        catalog.text("G9.deferred", deadline=deadline)
        if deferral
        else catalog.text("G9.beforehand")
    )
    findings: list[Finding] = []
    for person in persons_to_inform(facts, report):
        who = facts.who(person, day)
        notices = facts.informs(person, topic="report", after=previous)
        in_time = [n for n in notices if n.day <= deadline]
        if not in_time:
            if notices:
                findings.append(
                    make_finding(
                        "G9",
                        "major",
                        facts.case,
                        report.log,
                        [*context, notices[0].log],
                        catalog.text("G9.late", when=day, who=who, late=notices[0].day, by=by),
                        (person,),
                    )
                )
            elif as_of > deadline:
                findings.append(
                    make_finding(
                        "G9",
                        "critical",
                        facts.case,
                        report.log,
                        context,
                        catalog.text("G9.never", when=day, who=who),
                        (person,),
                    )
                )
            continue
        written = [n for n in notices if n.act.channel in WRITTEN_CHANNELS and n.day <= written_by]
        if written or as_of <= written_by:
            continue
        findings.append(
            make_finding(
                "G9",
                "minor",
                facts.case,
                report.log,
                [*context, in_time[0].log],
                catalog.text("G9.not_written", when=day, who=who, by=written_by),
                (person,),
            )
        )
    return findings
