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
    when = catalog.day(day)
    nl_in = catalog.in_forum(discussion.act.forum, "nl")
    en_in = catalog.in_forum(discussion.act.forum, "en")
    concern = latest_until(facts.concerns, day)
    override = latest_until(facts.overrides, day)
    findings: list[Finding] = []
    if concern is None or override is None:
        missing_nl, missing_en = [], []
        if concern is None:
            missing_nl.append("geen zorg over de veiligheid vastgelegd")
            missing_en.append("no safety concern was recorded")
        if override is None:
            missing_nl.append("geen besluit genomen om zonder toestemming te bespreken")
            missing_en.append("no decision to override consent was taken")
        findings.append(
            make_finding(
                "G8",
                "critical",
                facts.case,
                discussion.log,
                [e.log for e in (concern, override) if e is not None],
                f"De leerling is op {when} {nl_in} besproken zonder toestemming om "
                f"veiligheidsredenen, maar daarvoor was {catalog.listing(missing_nl, 'nl')}.",
                f"The pupil was discussed {en_in} on {when} without consent for safety "
                f"reasons, but beforehand {catalog.listing(missing_en, 'en')}.",
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
    started = catalog.day(override.day)
    nl_late = f"; de melding volgde pas op {catalog.day(late[0].day)}" if late else ""
    en_late = f"; the report followed only on {catalog.day(late[0].day)}" if late else ""
    days = policy.override_followup_days
    findings.append(
        make_finding(
            "G8",
            "major",
            facts.case,
            discussion.log,
            [override.log, *(e.log for e in (since,) if e is not None), *(r.log for r in late)],
            f"Na het besluit van {started} om zonder toestemming te bespreken is niet binnen "
            f"{days} dagen gemeld bij Veilig Thuis of de jeugdhulp{nl_late}.",
            f"After the decision of {started} to discuss without consent, no report to Veilig "
            f"Thuis or youth care followed within {days} days{en_late}.",
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
    when = catalog.day(day)
    previous = previous_report_day(facts, report)
    deferral = deferral_for(facts, report, previous)
    deadline = max(day, deferral.act.review_at) if deferral is not None else day
    written_by = deadline + timedelta(days=policy.report_notice_days)
    context: list[LoggedAction] = [] if deferral is None else [deferral.log]
    findings: list[Finding] = []
    for person in persons_to_inform(facts, report):
        nl_who, en_who = facts.who(person, day)
        notices = facts.informs(person, topic="report", after=previous)
        in_time = [n for n in notices if n.day <= deadline]
        nl_by = f"uiterlijk op {catalog.day(deadline)} (uitgesteld)" if deferral else "vooraf"
        en_by = f"by {catalog.day(deadline)} (deferred)" if deferral else "beforehand"
        if not in_time:
            if notices:
                late = catalog.day(notices[0].day)
                findings.append(
                    make_finding(
                        "G9",
                        "major",
                        facts.case,
                        report.log,
                        [*context, notices[0].log],
                        f"Over de melding van {when} is {nl_who} pas op {late} geïnformeerd, "
                        f"niet {nl_by}.",
                        f"About the report of {when}, {en_who} was told only on {late}, not "
                        f"{en_by}.",
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
                        f"Over de melding van {when} is {nl_who} niet geïnformeerd.",
                        f"About the report of {when}, {en_who} was never told.",
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
                f"Over de melding van {when} kreeg {nl_who} geen schriftelijke bevestiging "
                f"uiterlijk op {catalog.day(written_by)}.",
                f"About the report of {when}, {en_who} received no written notice by "
                f"{catalog.day(written_by)}.",
                (person,),
            )
        )
    return findings
