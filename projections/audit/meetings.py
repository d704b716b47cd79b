"""Involving parents around meetings: G1, G2, B1, P1, Z1, O1, S1 and (*v2*) C1.

None of these judge a discussion with basis ``safety_override``; there G8
and G9 apply (docs/rules.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from zatlog.actions import (
    DiscussionHeld,
    MeetingCancelled,
    MeetingScheduled,
    ParentsInformed,
    ParentsInvited,
)
from zatlog.people import PUPIL
from zatlog.policy import Policy
from zatlog.projections.audit import catalog
from zatlog.projections.audit.model import Finding, make_finding
from zatlog.projections.facts import CaseFacts, Ev


def check(facts: CaseFacts, policy: Policy, as_of: date) -> list[Finding]:
    findings: list[Finding] = []
    first_cvb_seen = False
    for discussion in facts.discussions:
        act = discussion.act
        if not act.identified or act.basis == "safety_override":
            continue
        if act.forum == "cvb" and not first_cvb_seen:
            first_cvb_seen = True
            findings += _g1(facts, discussion)
        if act.forum in FORUMS:
            findings += _g2(facts, discussion)
        if act.forum == "zat":
            findings += _s1(facts, discussion, policy)
        findings += _b1(facts, discussion, policy)
        if act.forum in ("cvb", "zat"):
            findings += _p1(facts, discussion)
            if not act.parents_present:
                findings += _o1(facts, discussion, policy, as_of)
    findings += _z1(facts)
    for meeting in facts.planning:
        findings += _c1(facts, meeting, as_of)
    return findings


FORUMS = ("cvb", "zat", "mdo")
"""*v2*: G2 covers every forum (LKC 2022018779 was about an MDO)."""


def _title(discussion: Ev[DiscussionHeld]) -> catalog.Text:
    """``de ZAT-bespreking op 2025-10-20`` / ``the ZAT discussion on 2025-10-20``."""
    return catalog.discussion(discussion.act.forum, discussion.day)


def _g1(facts: CaseFacts, discussion: Ev[DiscussionHeld]) -> list[Finding]:
    """*v2*: the 16+ pupil may be told instead of the parents; from 18 the pupil or a legal
    representative (the legal representatives are then the authority holders)."""
    day = discussion.day
    holders = facts.authority_holders(day)
    recipients = facts.knowers(day)
    if any(facts.informs(p, topic="concern", until=day) for p in recipients):
        return []
    age = facts.age(day)
    whom = "G1.whom_18" if age >= 18 else "G1.whom_16" if age >= 16 else "G1.whom"
    nobody = age < 18 and not holders
    message = catalog.text(
        "G1",
        title=_title(discussion),
        whom=catalog.text(whom),
        note=catalog.text("G1.nobody") if nobody else None,
    )
    return [
        make_finding(
            "G1",
            "major",
            facts.case,
            discussion.log,
            facts.relation_evidence(day, holders),
            message,
            recipients,
        )
    ]


def _cancelled_note(facts: CaseFacts, meeting: str, day: date) -> catalog.Text | None:
    cancelled = facts.cancellation(meeting, day)
    if cancelled is None:
        return None
    return catalog.text("cancelled_before", cancelled=cancelled.day)


def _g2(facts: CaseFacts, discussion: Ev[DiscussionHeld]) -> list[Finding]:
    day, meeting = discussion.day, discussion.act.meeting
    findings: list[Finding] = []
    for person in facts.required_invitees(day):
        if facts.purpose_told(meeting, person, day):
            continue
        cancelled = facts.cancellation(meeting, day)
        message = catalog.text(
            "G2",
            title=_title(discussion),
            who=facts.who(person, day),
            note=_cancelled_note(facts, meeting, day),
        )
        invitations = [
            i
            for i in facts.invited_by_meeting.get(meeting, [])
            if i.day <= day and person in i.act.to
        ]
        evidence = [i.log for i in invitations] + ([] if cancelled is None else [cancelled.log])
        findings.append(
            make_finding("G2", "major", facts.case, discussion.log, evidence, message, (person,))
        )
    return findings


def _b1(facts: CaseFacts, discussion: Ev[DiscussionHeld], policy: Policy) -> list[Finding]:
    day, meeting = discussion.day, discussion.act.meeting
    title = _title(discussion)
    cancelled = facts.cancellation(meeting, day)
    context = [] if cancelled is None else [cancelled.log]
    findings: list[Finding] = []
    for person in facts.required_invitees(day):
        invitation = facts.first_invitation(meeting, person, day)
        who = facts.who(person, day)
        if invitation is None or invitation.day > day:
            note = (
                _cancelled_note(facts, meeting, day)
                if invitation is None
                else catalog.text("B1.after", late=invitation.day)
            )
            message = catalog.text("B1.missing", title=title, who=who, note=note)
            evidence = context if invitation is None else [*context, invitation.log]
            findings.append(
                make_finding(
                    "B1", "major", facts.case, discussion.log, evidence, message, (person,)
                )
            )
            continue
        lead = (day - invitation.day).days
        if lead < policy.invite_lead_days:
            message = catalog.text(
                "B1.late",
                title=title,
                who=who,
                when=invitation.day,
                lead=lead,
                days=policy.invite_lead_days,
            )
            findings.append(
                make_finding(
                    "B1",
                    "minor",
                    facts.case,
                    discussion.log,
                    [*context, invitation.log],
                    message,
                    (person,),
                )
            )
    return findings


def cancellation_deadline(facts: CaseFacts, cancelled: Ev[MeetingCancelled]) -> date:
    """C1: the date the meeting was scheduled for when it was cancelled (the cancellation
    date when it was never scheduled)."""
    scheduled = None
    for planned in facts.planning.get(cancelled.act.meeting, []):
        if planned.log.sort_key >= cancelled.log.sort_key:
            break
        if isinstance(planned.act, MeetingScheduled):
            scheduled = planned.act.date
    return cancelled.day if scheduled is None else scheduled


def cancellation_untold(
    facts: CaseFacts, cancelled: Ev[MeetingCancelled]
) -> list[tuple[str, Ev[ParentsInvited], list[Ev[ParentsInformed]]]]:
    """C1: each person invited before ``cancelled`` (since any earlier cancellation) who got
    neither a ``meeting_cancelled`` notice nor a new invitation by the deadline, with their
    invitation and any later notice."""
    meeting = cancelled.act.meeting
    deadline = cancellation_deadline(facts, cancelled)
    earlier = [
        p.day
        for p in facts.planning.get(meeting, [])
        if isinstance(p.act, MeetingCancelled) and p.log.sort_key < cancelled.log.sort_key
    ]
    since = max(earlier, default=None)
    invited: dict[str, Ev[ParentsInvited]] = {}
    for invitation in facts.invited_by_meeting.get(meeting, []):
        if invitation.day < cancelled.day and (since is None or invitation.day >= since):
            for person in invitation.act.to:
                invited.setdefault(person, invitation)
    untold: list[tuple[str, Ev[ParentsInvited], list[Ev[ParentsInformed]]]] = []
    for person, invitation in sorted(invited.items()):
        notices = facts.informs(
            person, topic="meeting_cancelled", meeting=meeting, after=invitation.day
        )
        again = [
            i
            for i in facts.invited_by_meeting.get(meeting, [])
            if cancelled.day <= i.day <= deadline and person in i.act.to
        ]
        if again or any(n.day <= deadline for n in notices):
            continue
        untold.append((person, invitation, notices))
    return untold


def _c1(facts: CaseFacts, meeting: str, as_of: date) -> list[Finding]:
    findings: list[Finding] = []
    for cancelled in facts.cancelled.get(meeting, []):
        deadline = cancellation_deadline(facts, cancelled)
        if as_of <= deadline:
            continue
        for person, invitation, notices in cancellation_untold(facts, cancelled):
            late = [n for n in notices if n.day > deadline][:1]
            message = catalog.text(
                "C1",
                meeting=meeting,
                planned=deadline,
                cancelled=cancelled.day,
                who=facts.who(person, cancelled.day),
                invited=invitation.day,
                note=catalog.text("C1.late", late=late[0].day) if late else None,
            )
            findings.append(
                make_finding(
                    "C1",
                    "minor",
                    facts.case,
                    cancelled.log,
                    [invitation.log, *(n.log for n in late)],
                    message,
                    (person,),
                )
            )
    return findings


def _p1(facts: CaseFacts, discussion: Ev[DiscussionHeld]) -> list[Finding]:
    day = discussion.day
    age = facts.age(day)
    title = _title(discussion)
    findings: list[Finding] = []
    holders = facts.authority_holders(day)
    heard_by = [*holders, PUPIL] if age >= 16 else list(holders)
    if not any(facts.informs(p, topic="heard_input", until=day) for p in heard_by):
        extra = catalog.text("P1.or_pupil") if age >= 16 else None
        findings.append(
            make_finding(
                "P1",
                "minor",
                facts.case,
                discussion.log,
                facts.relation_evidence(day, holders),
                catalog.text("P1.parents", title=title, extra=extra),
                heard_by,
            )
        )
    if age >= 12 and not facts.informs(PUPIL, topic="heard_input", until=day):
        message = catalog.text("P1.pupil", title=title, age=age)
        findings.append(
            make_finding("P1", "minor", facts.case, discussion.log, [], message, (PUPIL,))
        )
    return findings


def _z1(facts: CaseFacts) -> list[Finding]:
    findings: list[Finding] = []
    for registration in facts.zat_registrations:
        day = registration.day
        holders = facts.authority_holders(day)
        told = [*holders, PUPIL] if facts.age(day) >= 16 else list(holders)
        if not any(facts.informs(p, topic="zat_registration", until=day) for p in told):
            findings.append(
                make_finding(
                    "Z1",
                    "major",
                    facts.case,
                    registration.log,
                    facts.relation_evidence(day, holders),
                    catalog.text("Z1.not_told", when=day),
                    told,
                )
            )
        if not registration.act.parent_input:
            message = catalog.text("Z1.no_input", when=day)
            findings.append(make_finding("Z1", "minor", facts.case, registration.log, [], message))
    return findings


def _o1(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], policy: Policy, as_of: date
) -> list[Finding]:
    day, meeting = discussion.day, discussion.act.meeting
    deadline = day + timedelta(days=policy.outcome_deadline_days)
    if as_of <= deadline:
        return []
    title = _title(discussion)
    findings: list[Finding] = []
    for person in facts.required_invitees(day):
        if person == PUPIL and discussion.act.pupil_present:
            continue
        told = facts.informs(person, topic="outcome", meeting=meeting, after=day - timedelta(1))
        if told and told[0].day <= deadline:
            continue
        what = catalog.text("O1.late", late=told[0].day) if told else catalog.text("O1.never")
        message = catalog.text(
            "O1",
            title=title,
            who=facts.who(person, day),
            what=what,
            days=policy.outcome_deadline_days,
        )
        findings.append(
            make_finding(
                "O1",
                "major",
                facts.case,
                discussion.log,
                [t.log for t in told[:1]],
                message,
                (person,),
            )
        )
    return findings


def _s1(facts: CaseFacts, discussion: Ev[DiscussionHeld], policy: Policy) -> list[Finding]:
    day = discussion.day
    if facts.age(day) >= 18:
        return []
    title = _title(discussion)
    findings: list[Finding] = []
    for informant in ("parent", "teacher"):
        form = catalog.text("S1.parent" if informant == "parent" else "S1.teacher")
        latest = None
        for sdq in facts.sdqs.get(informant, []):
            if sdq.day > day:
                break
            latest = sdq
        if latest is None:
            message = catalog.text("S1.missing", title=title, form=form)
        else:
            age_days = (day - latest.day).days
            if age_days <= policy.sdq_max_age_days:
                continue
            message = catalog.text(
                "S1.old",
                title=title,
                form=form,
                when=latest.day,
                age=age_days,
                days=policy.sdq_max_age_days,
            )
        evidence = [] if latest is None else [latest.log]
        findings.append(make_finding("S1", "minor", facts.case, discussion.log, evidence, message))
    return findings
