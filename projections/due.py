"""What is due: every deadline of the rules and the policy that is not met yet.

The audit finds failures afterwards; this list prevents them. Items are
computed from the audit's own :class:`~zatlog.projections.facts.CaseFacts`
with the audit's deadlines, so an item whose date passes without the action
becomes the matching finding:

========================  ===========  ================================================
kind                      rule         what is due, by when
========================  ===========  ================================================
``invite``                B1, G2       invite a required invitee ``invite_lead_days``
                                       before a scheduled meeting (with purpose, date
                                       and composition, by the meeting); an invitation
                                       from before a cancellation no longer counts, and a
                                       moved meeting's deadline follows its new date
``signature``             G4           every required signature on the forum's consent
                                       form, by the meeting
``sdq``                   S1           a parent and a teacher SDQ no older than
                                       ``sdq_max_age_days`` at a ZAT meeting
``outcome``               O1           the outcome to absent parents within
                                       ``outcome_deadline_days``
``report_notice``         G9           telling parents of a report by its date, then a
                                       written notice within ``report_notice_days``
``deferral_review``       G9           telling them by the review date when deferred
``override_report``       G8           a report within ``override_followup_days`` of a
                                       safety override
``cancellation``          C1           tell each person invited to a cancelled meeting
                                       (or invite them again) by the date it was
                                       planned for
``information_request``   G10, I377    an answer within one calendar month (extended:
                                       the new deadline, at most three months), or
                                       ``important_facts_reply_days``
========================  ===========  ================================================

Once the action was taken, late or not, the item goes (a late action is a
finding, not a task). A closed case accepts only information requests and
disclosures, so only its ``information_request`` items remain. Pre-meeting
items stay until a discussion of the meeting is recorded; a cancelled meeting
has none (until it is scheduled again).

Items depend only on the events that happened by the as-of date, not on the
date itself (except ``overdue``): the stored read model keeps each case's
items as computed on the day it last changed, until an event dated ahead
takes effect.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from zatlog.projections.case_log import read_case_events
from zatlog.projections.case_state import exact_on, next_event_day
from zatlog.projections.i18n import DUE_TEXTS, Lang
from zatlog.projections.runner import CaseEvents, CaseReadModel, Reader, Table, Writer

if TYPE_CHECKING:
    from zatlog.actions import MeetingScheduled, ReportMade
    from zatlog.policy import Policy
    from zatlog.projections.facts import CaseFacts, Ev
    from zatlog.records import LoggedAction

Kind = Literal[
    "invite",
    "signature",
    "outcome",
    "report_notice",
    "deferral_review",
    "sdq",
    "information_request",
    "override_report",
    "cancellation",
]

KIND_RULES: dict[str, tuple[str, ...]] = {
    "invite": ("B1", "G2"),
    "signature": ("G4",),
    "outcome": ("O1",),
    "report_notice": ("G9",),
    "deferral_review": ("G9",),
    "sdq": ("S1",),
    "information_request": ("G10", "I377"),
    "override_report": ("G8",),
    "cancellation": ("C1",),
}
"""The audit rules whose finding an item of each kind turns into when its date passes."""


@dataclass(frozen=True)
class DueItem:
    """Something to do on a case, for whom (person ids) and by when."""

    case: str
    school: str
    kind: Kind
    due: date
    persons: tuple[str, ...]
    what_nl: str
    what_en: str

    def overdue(self, today: date) -> bool:
        return self.due < today

    def what(self, lang: Lang) -> str:
        return self.what_en if lang == "en" else self.what_nl

    def sort_key(self, today: date) -> tuple[bool, date, str, str, tuple[str, ...], str]:
        """Overdue first, then by due date."""
        return (not self.overdue(today), self.due, self.case, self.kind, self.persons, self.what_en)

    def to_json(self, today: date, lang: Lang) -> dict[str, Any]:
        """The item as ``zatlog due --format json`` prints it (docs/json-contracts.md)."""
        return {
            "case": self.case,
            "kind": self.kind,
            "due": self.due.isoformat(),
            "overdue": self.overdue(today),
            "for": list(self.persons),
            "what": self.what(lang),
        }


def sorted_items(items: Iterable[DueItem], today: date) -> list[DueItem]:
    return sorted(items, key=lambda item: item.sort_key(today))


# -- the pure function ------------------------------------------------------------------------


def due_items(case_events: Sequence[LoggedAction], policy: Policy, as_of: date) -> list[DueItem]:
    """Every deadline on the case not met by ``as_of`` (by the events dated on or before it)."""
    from zatlog.projections.facts import CaseFacts

    refs = {e.case for e in case_events if e.case is not None}
    return due_of(CaseFacts(min(refs, default=""), case_events, (), policy, as_of))


def due_of(facts: CaseFacts) -> list[DueItem]:
    """Every deadline on the case not met by the facts' as-of date, under their policy."""
    policy = facts.policy
    if facts.opened is None:
        return []
    found: list[_Due] = []
    if facts.closed is None:
        for scheduled in facts.pending_meetings():
            found += _invites(facts, scheduled, policy)
            found += _signatures(facts, scheduled)
            found += _sdqs(facts, scheduled, policy)
        found += _outcomes(facts, policy)
        for report in facts.reports:
            found += _report_notices(facts, report, policy)
        found += _override_reports(facts, policy)
        found += _cancellations(facts)
    found += _requests(facts, policy)
    return _merged(facts.case, facts.opened.act.school, found)


@dataclass(frozen=True)
class _Due:
    kind: Kind
    due: date
    persons: tuple[str, ...]
    text: str
    values: dict[str, str]


def _merged(case: str, school: str, found: list[_Due]) -> list[DueItem]:
    """One item per task and date, listing every person it is for."""
    merged: dict[tuple[Kind, date, str, str], list[str]] = {}
    for due in found:
        nl, en = DUE_TEXTS[due.text]
        key = (due.kind, due.due, nl.format(**due.values), en.format(**due.values))
        persons = merged.setdefault(key, [])
        persons += [p for p in due.persons if p not in persons]
    return [
        DueItem(case, school, kind, when, tuple(persons), nl, en)
        for (kind, when, nl, en), persons in merged.items()
    ]


def _meeting_values(act: MeetingScheduled) -> dict[str, str]:
    from zatlog.projections.audit import catalog

    return {"forum": catalog.forum(act.forum), "date": act.date.isoformat(), "meeting": act.meeting}


def _invites(facts: CaseFacts, scheduled: Ev[MeetingScheduled], policy: Policy) -> list[_Due]:
    """B1: every required invitee invited in time; G2: told purpose, date and composition."""
    from zatlog.projections.audit.meetings import FORUMS

    act = scheduled.act
    day, meeting = act.date, act.meeting
    purpose = act.forum in FORUMS
    values = _meeting_values(act)
    found: list[_Due] = []
    for person in facts.required_invitees(day):
        invitation = facts.first_invitation(meeting, person, facts.as_of)
        if invitation is None:
            lead = day - timedelta(days=policy.invite_lead_days)
            text = "invite_purpose" if purpose else "invite"
            found.append(_Due("invite", lead, (person,), text, values))
            continue
        if purpose and not facts.purpose_told(meeting, person, day):
            found.append(_Due("invite", day, (person,), "meeting_purpose", values))
    return found


def _cancellations(facts: CaseFacts) -> list[_Due]:
    """C1: each person invited to a cancelled meeting, told or invited again by its date."""
    from zatlog.actions import MeetingScheduled
    from zatlog.projections.audit import catalog
    from zatlog.projections.audit.meetings import cancellation_deadline, cancellation_untold

    found: list[_Due] = []
    for meeting, planning in facts.planning.items():
        forum = next(
            (catalog.forum(p.act.forum) for p in planning if isinstance(p.act, MeetingScheduled)),
            "",
        )
        for cancelled in facts.cancelled.get(meeting, []):
            deadline = cancellation_deadline(facts, cancelled)
            values = {"forum": forum, "date": deadline.isoformat(), "meeting": meeting}
            for person, _, notices in cancellation_untold(facts, cancelled):
                invited_again = any(
                    i.day >= cancelled.day and person in i.act.to
                    for i in facts.invited_by_meeting.get(meeting, [])
                )
                if not notices and not invited_again:
                    found.append(_Due("cancellation", deadline, (person,), "cancellation", values))
    return found


def _signatures(facts: CaseFacts, scheduled: Ev[MeetingScheduled]) -> list[_Due]:
    """G4: the forum's latest consent form valid on the meeting date and signed by all."""
    from zatlog.actions import ConsentRefused

    act = scheduled.act
    day = act.date
    form = facts.forum_form(act.forum, day)
    if form is None:
        return []  # no consent route chosen for the meeting (yet): nothing to sign
    form_id = form.act.consent
    values = {**_meeting_values(act), "form": form_id}
    requirements = facts.required_signers(day)
    until = form.act.valid_until
    if until is not None and until < day:
        persons = tuple(p for requirement in requirements for p in requirement)
        values["until"] = until.isoformat()
        return [_Due("signature", day, persons, "consent_expires", values)]
    found: list[_Due] = []
    for requirement in requirements:
        standing = facts.signers(form_id, requirement, day)
        if standing.met:
            continue
        if standing.negative is None:
            found.append(_Due("signature", day, requirement, "signature", values))
        else:
            text = (
                "consent_refused"
                if isinstance(standing.negative.act, ConsentRefused)
                else "consent_withdrawn"
            )
            found.append(_Due("signature", day, requirement, text, values))
    return found


def _sdqs(facts: CaseFacts, scheduled: Ev[MeetingScheduled], policy: Policy) -> list[_Due]:
    """S1: recent parent and teacher SDQs at a ZAT meeting of a pupil under 18."""
    act = scheduled.act
    day = act.date
    if act.forum != "zat" or facts.age(day) >= 18:
        return []
    found: list[_Due] = []
    for informant in ("parent", "teacher"):
        latest = None
        for sdq in facts.sdqs.get(informant, []):
            if sdq.day > day:
                break
            latest = sdq
        if latest is None or (day - latest.day).days > policy.sdq_max_age_days:
            values = {**_meeting_values(act), "informant": informant}
            found.append(_Due("sdq", day, (informant,), f"sdq_{informant}", values))
    return found


def _outcomes(facts: CaseFacts, policy: Policy) -> list[_Due]:
    """O1: the outcome of a CvB/ZAT discussion held without parents, to every required invitee."""
    from zatlog.people import PUPIL
    from zatlog.projections.audit import catalog

    found: list[_Due] = []
    for discussion in facts.discussions:
        act = discussion.act
        if (
            not act.identified
            or act.basis == "safety_override"
            or act.forum not in ("cvb", "zat")
            or act.parents_present
        ):
            continue
        day = discussion.day
        deadline = day + timedelta(days=policy.outcome_deadline_days)
        values = {
            "forum": catalog.forum(act.forum),
            "date": day.isoformat(),
            "meeting": act.meeting,
        }
        for person in facts.required_invitees(day):
            if person == PUPIL and act.pupil_present:
                continue
            told = facts.informs(
                person, topic="outcome", meeting=act.meeting, after=day - timedelta(1)
            )
            if not told:
                found.append(_Due("outcome", deadline, (person,), "outcome", values))
    return found


def _report_notices(facts: CaseFacts, report: Ev[ReportMade], policy: Policy) -> list[_Due]:
    """G9: parents told of a report by its date (deferred: by the review date), then in writing."""
    from zatlog.actions import WRITTEN_CHANNELS
    from zatlog.projections.audit.safety import (
        deferral_for,
        persons_to_inform,
        previous_report_day,
    )

    day = report.day
    previous = previous_report_day(facts, report)
    deferral = deferral_for(facts, report, previous)
    deadline = max(day, deferral.act.review_at) if deferral is not None else day
    written_by = deadline + timedelta(days=policy.report_notice_days)
    values = {"date": day.isoformat(), "review": deadline.isoformat()}
    found: list[_Due] = []
    for person in persons_to_inform(facts, report):
        notices = facts.informs(person, topic="report", after=previous)
        if not notices:
            if deferral is None:
                found.append(_Due("report_notice", deadline, (person,), "report_inform", values))
            else:
                found.append(_Due("deferral_review", deadline, (person,), "report_review", values))
            continue
        if notices[0].day > deadline:
            continue  # told late: a finding, nothing left to do in time
        if not any(n.act.channel in WRITTEN_CHANNELS for n in notices):
            found.append(_Due("report_notice", written_by, (person,), "report_written", values))
    return found


def _override_reports(facts: CaseFacts, policy: Policy) -> list[_Due]:
    """G8: a report to Veilig Thuis or youth care after each override a discussion relies on."""
    from zatlog.projections.audit.safety import FOLLOW_UP_TARGETS
    from zatlog.projections.facts import latest_until

    if not facts.overrides:
        return []
    judged = {facts.overrides[-1].log.position: facts.overrides[-1]}
    for discussion in facts.discussions:
        if discussion.act.basis == "safety_override":
            override = latest_until(facts.overrides, discussion.day)
            if override is not None:
                judged[override.log.position] = override
    found: list[_Due] = []
    for override in judged.values():
        since = latest_until(facts.concerns, override.day)
        if any(
            r.act.to in FOLLOW_UP_TARGETS and (since is None or r.day >= since.day)
            for r in facts.reports
        ):
            continue
        deadline = override.day + timedelta(days=policy.override_followup_days)
        found.append(
            _Due(
                "override_report",
                deadline,
                (),
                "override_report",
                {"date": override.day.isoformat()},
            )
        )
    return found


def _requests(facts: CaseFacts, policy: Policy) -> list[_Due]:
    """G10 and I377: an answer to every request the law gives this requester a term for."""
    found: list[_Due] = []
    for request in facts.requests:
        day, act = request.day, request.act
        if facts.answers_to(request) or not facts.has_term(request):
            continue
        deadline, _ = facts.request_deadline(request)
        values = {"request": act.request, "date": day.isoformat(), "kind": act.kind}
        found.append(
            _Due("information_request", deadline, (act.requester,), f"request_{act.kind}", values)
        )
    return found


# -- the stored read model --------------------------------------------------------------------

ITEMS = Table(
    "due_item",
    "case_ref TEXT NOT NULL, school TEXT NOT NULL, kind TEXT NOT NULL, due TEXT NOT NULL, "
    "persons TEXT NOT NULL, what_nl TEXT NOT NULL, what_en TEXT NOT NULL",
    indexes=("case_ref", "school, due", "due"),
)
CASES = Table(
    "due_case",
    "case_ref TEXT PRIMARY KEY, school TEXT NOT NULL, computed_on TEXT NOT NULL, "
    "next_event_day TEXT",
    indexes=("school",),
)
"""Per case: the day its items were computed, and the first later day an event takes effect."""

DELETE_ITEMS = "DELETE FROM {t}due_item WHERE case_ref = ?"
INSERT_ITEM = "INSERT INTO {t}due_item VALUES (?, ?, ?, ?, ?, ?, ?)"
UPSERT_CASE = (
    "INSERT INTO {t}due_case VALUES (?, ?, ?, ?) ON CONFLICT (case_ref) DO UPDATE SET "
    "school = excluded.school, computed_on = excluded.computed_on, "
    "next_event_day = excluded.next_event_day"
)
SELECT_CASES = "SELECT case_ref, school, computed_on, next_event_day FROM {t}due_case"
SELECT_ITEMS = "SELECT case_ref, school, kind, due, persons, what_nl, what_en FROM {t}due_item"


class DueProjection(CaseReadModel):
    """Keeps each case's due items under the default policy (section 7)."""

    name = "due"
    version = 3  # v2: cancellations (C1), no duty for a cancelled meeting, G2 at every forum;
    # v3: read from the one fold (projections.facts)
    tables = (ITEMS, CASES)

    def update_case(self, writer: Writer, case: CaseEvents, today: date) -> None:
        from zatlog.projections.facts import default_facts

        items = due_of(default_facts(case, today))
        writer.execute(DELETE_ITEMS, (case.ref,))
        writer.executemany(
            INSERT_ITEM,
            [
                (
                    i.case,
                    i.school,
                    i.kind,
                    i.due.isoformat(),
                    json.dumps(i.persons),
                    i.what_nl,
                    i.what_en,
                )
                for i in items
            ],
        )
        following = next_event_day(case.events, today)
        writer.execute(
            UPSERT_CASE,
            (
                case.ref,
                case.school,
                today.isoformat(),
                None if following is None else following.isoformat(),
            ),
        )


def stored_items(
    reader: Reader, today: date, *, case: str | None = None, school: str | None = None
) -> list[DueItem] | None:
    """The due items as of ``today`` (of one case, or one school's cases), overdue first.

    One query per table while the stored items are exact; a case whose
    stored items went stale (an event dated ahead took effect) is computed
    again. None when ``case`` is not in the log.
    """
    where, params = "", []
    if case is not None:
        where, params = " WHERE case_ref = ?", [case]
    elif school is not None:
        where, params = " WHERE school = ?", [school]
    cases = reader.fetchall(SELECT_CASES + where, params)
    if case is not None and not cases:
        return None
    stale = {
        ref for ref, _, computed, following in cases if not exact_on(today, computed, following)
    }
    items = [
        DueItem(ref, home, kind, date.fromisoformat(due), tuple(json.loads(persons)), nl, en)
        for ref, home, kind, due, persons, nl, en in reader.fetchall(SELECT_ITEMS + where, params)
        if ref not in stale
    ]
    if stale:
        from zatlog.policy import Policy

        policy = Policy()
        for ref in sorted(stale):
            items += due_items(read_case_events(reader, ref)[1], policy, today)
    return sorted_items(items, today)


def computed_items(
    reader: Reader,
    policy: Policy,
    as_of: date,
    *,
    case: str | None = None,
    school: str | None = None,
) -> list[DueItem] | None:
    """The due items computed from the events (for another as-of date or policy), overdue first.

    None when ``case`` is not in the log.
    """
    rows = reader.fetchall(
        SELECT_CASES + (" WHERE case_ref = ?" if case else ""), [case] if case else []
    )
    if case is not None and not rows:
        return None
    items: list[DueItem] = []
    for ref, home, _, _ in sorted(rows):
        if school is None or home == school:
            items += due_items(read_case_events(reader, ref)[1], policy, as_of)
    return sorted_items(items, as_of)
