"""Involving parents around meetings: G1, G2, B1, P1, Z1, O1 and S1.

None of these judge a discussion with basis ``safety_override``; there G8
and G9 apply (docs/rules.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from zatlog.actions import DiscussionHeld
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
        if act.forum == "zat":
            findings += _g2(facts, discussion)
            findings += _s1(facts, discussion, policy)
        findings += _b1(facts, discussion, policy)
        if act.forum in ("cvb", "zat"):
            findings += _p1(facts, discussion)
            if not act.parents_present:
                findings += _o1(facts, discussion, policy, as_of)
    findings += _z1(facts)
    return findings


def _title(discussion: Ev[DiscussionHeld]) -> tuple[str, str]:
    """``de ZAT-bespreking op 2025-10-20`` / ``the ZAT discussion on 2025-10-20``."""
    forum, when = catalog.forum(discussion.act.forum), catalog.day(discussion.day)
    return f"de {forum}-bespreking op {when}", f"the {forum} discussion on {when}"


def _g1(facts: CaseFacts, discussion: Ev[DiscussionHeld]) -> list[Finding]:
    day = discussion.day
    holders = facts.authority_holders(day)
    recipients = [*holders, PUPIL] if facts.age(day) >= 18 else list(holders)
    if any(facts.informs(p, topic="concern", until=day) for p in recipients):
        return []
    nl_title, en_title = _title(discussion)
    nl_note = "" if holders else "; er staat niemand met gezag in het dossier"
    en_note = "" if holders else "; nobody holding authority is on record"
    return [
        make_finding(
            "G1",
            "major",
            facts.case,
            discussion.log,
            facts.relation_evidence(day, holders),
            f"Vóór {nl_title}, de eerste CvB-bespreking, is geen ouder met gezag over de zorg "
            f"geïnformeerd{nl_note}.",
            f"Before {en_title}, the first CvB discussion, no parent with authority was told "
            f"about the concern{en_note}.",
            holders,
        )
    ]


def _g2(facts: CaseFacts, discussion: Ev[DiscussionHeld]) -> list[Finding]:
    day, meeting = discussion.day, discussion.act.meeting
    nl_title, en_title = _title(discussion)
    findings: list[Finding] = []
    for person in facts.required_invitees(day):
        invitations = [
            i
            for i in facts.invited_by_meeting.get(meeting, [])
            if i.day <= day and person in i.act.to
        ]
        if any(i.act.purpose_and_composition_included for i in invitations):
            continue
        if facts.informs(person, topic="meeting_purpose", meeting=meeting, until=day):
            continue
        nl_who, en_who = facts.who(person, day)
        findings.append(
            make_finding(
                "G2",
                "major",
                facts.case,
                discussion.log,
                [i.log for i in invitations],
                f"Vóór {nl_title} is {nl_who} niet verteld wat het doel, de datum en de "
                "samenstelling van het overleg waren.",
                f"Before {en_title}, {en_who} was not told the purpose, date and composition of "
                "the meeting.",
                (person,),
            )
        )
    return findings


def _b1(facts: CaseFacts, discussion: Ev[DiscussionHeld], policy: Policy) -> list[Finding]:
    day, meeting = discussion.day, discussion.act.meeting
    nl_title, en_title = _title(discussion)
    findings: list[Finding] = []
    for person in facts.required_invitees(day):
        invitation = facts.first_invitation(meeting, person)
        nl_who, en_who = facts.who(person, day)
        if invitation is None or invitation.day > day:
            late = "" if invitation is None else catalog.day(invitation.day)
            findings.append(
                make_finding(
                    "B1",
                    "major",
                    facts.case,
                    discussion.log,
                    [] if invitation is None else [invitation.log],
                    f"Voor {nl_title} is {nl_who} niet uitgenodigd"
                    + (f"; de uitnodiging van {late} kwam pas na de bespreking." if late else "."),
                    f"{en_title[0].upper()}{en_title[1:]} took place without {en_who} being "
                    "invited"
                    + (f"; the invitation of {late} came after the discussion." if late else "."),
                    (person,),
                )
            )
            continue
        lead = (day - invitation.day).days
        if lead < policy.invite_lead_days:
            when = catalog.day(invitation.day)
            findings.append(
                make_finding(
                    "B1",
                    "minor",
                    facts.case,
                    discussion.log,
                    [invitation.log],
                    f"Voor {nl_title} is {nl_who} pas op {when} uitgenodigd: {lead} dagen "
                    f"vooraf, minder dan de {policy.invite_lead_days} dagen van het beleid.",
                    f"For {en_title}, {en_who} was invited only on {when}: {lead} days ahead, "
                    f"fewer than the policy's {policy.invite_lead_days} days.",
                    (person,),
                )
            )
    return findings


def _p1(facts: CaseFacts, discussion: Ev[DiscussionHeld]) -> list[Finding]:
    day = discussion.day
    age = facts.age(day)
    nl_title, en_title = _title(discussion)
    findings: list[Finding] = []
    holders = facts.authority_holders(day)
    heard_by = [*holders, PUPIL] if age >= 16 else list(holders)
    if not any(facts.informs(p, topic="heard_input", until=day) for p in heard_by):
        nl_extra = " (of van de leerling van 16 of ouder)" if age >= 16 else ""
        en_extra = " (or of the pupil, aged 16 or over)" if age >= 16 else ""
        findings.append(
            make_finding(
                "P1",
                "minor",
                facts.case,
                discussion.log,
                facts.relation_evidence(day, holders),
                f"Vóór {nl_title} is de inbreng van de ouders met gezag{nl_extra} niet gevraagd "
                "en vastgelegd.",
                f"Before {en_title}, the view of the parents with authority{en_extra} was not "
                "asked and recorded.",
                heard_by,
            )
        )
    if age >= 12 and not facts.informs(PUPIL, topic="heard_input", until=day):
        findings.append(
            make_finding(
                "P1",
                "minor",
                facts.case,
                discussion.log,
                [],
                f"Vóór {nl_title} is de leerling ({age} jaar) niet zelf gehoord.",
                f"Before {en_title}, the pupil (aged {age}) was not heard.",
                (PUPIL,),
            )
        )
    return findings


def _z1(facts: CaseFacts) -> list[Finding]:
    findings: list[Finding] = []
    for registration in facts.zat_registrations:
        day = registration.day
        when = catalog.day(day)
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
                    f"De leerling is op {when} bij het ZAT aangemeld zonder dat de ouders met "
                    "gezag daar vooraf over zijn geïnformeerd.",
                    f"The pupil was registered with the ZAT on {when} without the parents with "
                    "authority being told beforehand.",
                    told,
                )
            )
        if not registration.act.parent_input:
            findings.append(
                make_finding(
                    "Z1",
                    "minor",
                    facts.case,
                    registration.log,
                    [],
                    f"De aanmelding bij het ZAT op {when} bevat geen inbreng van de ouders.",
                    f"The ZAT registration of {when} holds no input from the parents.",
                )
            )
    return findings


def _o1(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], policy: Policy, as_of: date
) -> list[Finding]:
    day, meeting = discussion.day, discussion.act.meeting
    deadline = day + timedelta(days=policy.outcome_deadline_days)
    if as_of <= deadline:
        return []
    nl_title, en_title = _title(discussion)
    findings: list[Finding] = []
    for person in facts.required_invitees(day):
        if person == PUPIL and discussion.act.pupil_present:
            continue
        told = facts.informs(person, topic="outcome", meeting=meeting, after=day - timedelta(1))
        if told and told[0].day <= deadline:
            continue
        nl_who, en_who = facts.who(person, day)
        if told:
            late = catalog.day(told[0].day)
            nl_what, en_what = f"pas op {late}", f"was told the outcome only on {late}"
        else:
            nl_what, en_what = "niet", "was not told the outcome"
        findings.append(
            make_finding(
                "O1",
                "major",
                facts.case,
                discussion.log,
                [t.log for t in told[:1]],
                f"De ouders waren niet bij {nl_title}; {nl_who} heeft de uitkomst {nl_what} "
                f"gehoord, niet binnen {policy.outcome_deadline_days} dagen.",
                f"The parents were not at {en_title}; {en_who} {en_what}, not within "
                f"{policy.outcome_deadline_days} days.",
                (person,),
            )
        )
    return findings


def _s1(facts: CaseFacts, discussion: Ev[DiscussionHeld], policy: Policy) -> list[Finding]:
    day = discussion.day
    if facts.age(day) >= 18:
        return []
    nl_title, en_title = _title(discussion)
    findings: list[Finding] = []
    for informant, nl_form, en_form in (
        ("parent", "ouder-SDQ", "parent SDQ"),
        ("teacher", "leerkracht-SDQ", "teacher SDQ"),
    ):
        latest = None
        for sdq in facts.sdqs.get(informant, []):
            if sdq.day > day:
                break
            latest = sdq
        if latest is None:
            nl, en = (
                f"Bij {nl_title} was er geen {nl_form}.",
                f"At {en_title} there was no {en_form}.",
            )
        else:
            age_days = (day - latest.day).days
            if age_days <= policy.sdq_max_age_days:
                continue
            when = catalog.day(latest.day)
            nl = (
                f"Bij {nl_title} was de laatste {nl_form} (van {when}) {age_days} dagen oud, "
                f"ouder dan {policy.sdq_max_age_days} dagen."
            )
            en = (
                f"At {en_title} the latest {en_form} (of {when}) was {age_days} days old, older "
                f"than {policy.sdq_max_age_days} days."
            )
        evidence = [] if latest is None else [latest.log]
        findings.append(make_finding("S1", "minor", facts.case, discussion.log, evidence, nl, en))
    return findings
