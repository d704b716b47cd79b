"""Case state: one case at a glance, as it is today or as it was on a date.

:func:`case_state` is a pure function of a case's events, so ``--as-of`` (what
had happened by a date) and ``--known-at`` (what the log held at a moment)
need no storage of their own. The stored read model keeps, per case, the
state computed on the day the case last changed together with the day until
which that state stays exact (the pupil's next birthday, a consent form or a
restriction running out, an event dated ahead): ``case show`` and
``case list`` are then a single query, and only a state that has gone stale
is computed again from the case's events.

Names (the pupil's and the relations') appear here, as a coordinator needs
them; they never reach audit or provider output.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from zatlog.projections.case_log import read_case_events
from zatlog.projections.runner import CaseEvents, CaseReadModel, Reader, Table, Writer

if TYPE_CHECKING:
    from zatlog.projections.case_model import (
        CaseState,
        Decision,
        Discussion,
        ForumConsent,
        Invitation,
        Meeting,
    )
    from zatlog.projections.facts import CaseFacts
    from zatlog.records import LoggedAction, MomentKey


# -- the pure function ------------------------------------------------------------------------


def case_state(
    events: Sequence[LoggedAction],
    *,
    as_of: date | None = None,
    known_at: datetime | None = None,
    today: date | None = None,
) -> CaseState | None:
    """The state of the case whose ``events`` are given, or None before it was opened.

    ``as_of`` keeps the events that happened on or before that date and
    judges ages, rights and validity on it; ``known_at`` keeps the events
    recorded by that moment (and, without ``as_of``, judges on its date).
    Otherwise the state is as of ``today`` (default: the system date).
    """
    day = as_of or (known_at.astimezone().date() if known_at else None) or today or date.today()
    kept = [e for e in events if e.day <= day and (known_at is None or e.recorded_at <= known_at)]
    return _fold(kept, day, known_at)


def stable_until(events: Sequence[LoggedAction], state: CaseState) -> date:
    """The first day on which ``case_state(events, today=day)`` may differ from ``state``.

    Until then only ``as_of`` changes: no event takes effect, the pupil has
    no birthday, and no consent form or restriction runs out.
    """
    from zatlog.actions import InformationRestricted, PupilAuthorisedPerson

    day = state.as_of
    limits = [_next_birthday(state.pupil.birth_date, day)]
    limits += [e.day for e in events if e.day > day]
    limits += [
        form.valid_until + timedelta(days=1)
        for forum in state.consent
        for form in forum.forms
        if form.valid_until is not None and form.valid_until >= day
    ]
    limits += [  # *v2*: a restriction is in force up to the day before its ``until``
        e.action.until
        for e in events
        if isinstance(e.action, InformationRestricted)
        and e.action.until is not None
        and e.action.until > day
    ]
    limits += [  # so does an authorisation
        e.action.until
        for e in events
        if isinstance(e.action, PupilAuthorisedPerson)
        and e.action.until is not None
        and e.action.until > day
    ]
    return min(limits)


def _sorted_or_none(scope: frozenset[str] | None) -> list[str] | None:
    return None if scope is None else sorted(scope)


def next_event_day(events: Sequence[LoggedAction], day: date) -> date | None:
    """The first date after ``day`` on which an event of ``events`` happened (dated ahead)."""
    return min((e.day for e in events if e.day > day), default=None)


def exact_on(today: date, computed_on: str, until: str | None) -> bool:
    """Whether what was stored as of ``computed_on`` still holds on ``today``.

    ``until`` is the first day it may differ (none: it holds from then on).
    """
    return date.fromisoformat(computed_on) <= today and (
        until is None or today < date.fromisoformat(until)
    )


def _next_birthday(birth_date: date, day: date) -> date:
    from zatlog.people import age_on

    candidate = day + timedelta(days=1)
    for year in (day.year, day.year + 1):
        try:
            birthday = birth_date.replace(year=year)
        except ValueError:  # 29 February in a common year: a year older on 1 March
            birthday = date(year, 3, 1)
        if birthday > day:
            candidate = birthday
            break
    assert age_on(birth_date, candidate) > age_on(birth_date, day)
    return candidate


def _fold(events: list[LoggedAction], day: date, known_at: datetime | None) -> CaseState | None:
    from zatlog.policy import Policy
    from zatlog.projections.facts import CaseFacts

    refs = {e.case for e in events if e.case is not None}
    return state_of(CaseFacts(min(refs, default=""), events, (), Policy(), day), known_at)


def state_of(facts: CaseFacts, known_at: datetime | None = None) -> CaseState | None:
    """The case at a glance as the fold answers it on its as-of date (None: not opened)."""
    from zatlog import actions as a
    from zatlog.people import PUPIL
    from zatlog.projections.case_model import (
        Activity,
        BackDated,
        CaseState,
        Deferral,
        Discussion,
        FormStanding,
        Invitation,
        Meeting,
        Notice,
        Override,
        Person,
        Pupil,
        Report,
        ReportNotice,
        Request,
        Restriction,
        Sdq,
    )

    if facts.opened is None:
        return None
    day = facts.as_of
    opened = facts.opened.act
    step = facts.step_on(day)
    closed = facts.closed
    refused = facts.refusal_targets(day)
    people = facts.people_on(day)
    persons = [
        Person(
            person=p.person,
            name=p.recorded.name,
            relation=p.relation,
            authority=p.recorded.authority,
            measure=p.recorded.measure,
            since=p.since,
            holds_authority=p.holds_authority,
            right=p.right,
            refused_by_pupil=p.person in refused,
            restricted=facts.restricted_items(p.person, day),
            authorised_scope=_sorted_or_none(facts.authorised_scope(p.person, day)),
        )
        for p in people
        if p.recorded is not None and p.since is not None
    ]
    objections: dict[str, list[str]] = {}
    for objection in facts.objections:
        objections.setdefault(objection.act.notice, []).append(objection.act.person)
    last = facts.events[-1]
    return CaseState(
        case=opened.case,
        school=opened.school,
        as_of=day,
        known_at=known_at,
        pupil=Pupil(
            name=opened.pupil_name,
            birth_date=opened.birth_date,
            age=facts.age(day),
            school_type=opened.school_type,
            right=next(p.right for p in people if p.person == PUPIL),
        ),
        opened_on=facts.opened.day,
        step=None if step is None else step[0],
        step_since=None if step is None else step[1],
        closed=closed is not None,
        closed_on=None if closed is None else closed.day,
        close_reason=None if closed is None else closed.act.reason,
        persons=persons,
        consent=forum_consent(facts),
        consents=[
            FormStanding(
                consent=f.consent,
                forum=f.forum,
                status=f.status,
                valid_until=f.valid_until,
                signed_by=list(f.signed_by),
                missing=list(f.missing),
            )
            for f in facts.forms_on(day)
        ],
        restrictions=[
            Restriction(
                person=r.act.person,
                basis=r.act.basis,
                scope=list(r.act.scope),
                since=r.day,
                until=r.act.until,
            )
            for r in facts.restrictions_on(day)
        ],
        notices=[
            Notice(
                notice=n.act.notice,
                sent_on=n.day,
                to=n.act.to,
                channel=n.act.channel,
                objection_deadline=n.act.objection_deadline,
                objections=objections.get(n.act.notice, []),
            )
            for n in (sent[0] for sent in facts.notices.values())
        ],
        meetings=_meetings(facts, Meeting, Invitation, Discussion),
        overrides=[
            Override(on=o.day, ground=o.act.ground, approved_by=o.act.approved_by)
            for o in facts.overrides
        ],
        reports=[Report(on=r.day, to=r.act.to, reference=r.act.reference) for r in facts.reports],
        report_notices=[
            ReportNotice(
                on=n.day,
                to=n.act.to,
                channel=n.act.channel,
                written=n.act.channel in a.WRITTEN_CHANNELS,
            )
            for n in facts.informed
            if "report" in n.act.topics
        ],
        deferrals=[
            Deferral(on=d.day, reason=d.act.reason, review_at=d.act.review_at)
            for d in facts.deferrals
        ],
        sdq=[
            Sdq(informant=informant, on=sdq.day, total_difficulties=sdq.act.total_difficulties)
            for informant, sdq in sorted((i, s[-1]) for i, s in facts.sdqs.items() if s)
        ],
        requests=[
            Request(
                request=r.request,
                requester=r.requester,
                kind=r.kind,
                on=r.on,
                due=r.due,
                answered=r.answered,
            )
            for r in facts.requests_on(day)
        ],
        last_activity=Activity(on=last.day, action=last.name),
        events=len(facts.events),
        back_dated=[
            BackDated(on=e.day, action=e.name, recorded_on=e.recorded_at.astimezone().date())
            for e in facts.events
            if e.back_dated
        ],
    )


def _meetings(
    facts: CaseFacts,
    meeting_model: type[Meeting],
    invitation_model: type[Invitation],
    discussion_model: type[Discussion],
) -> list[Meeting]:
    """Every meeting scheduled, invited to or held: its latest date, invitations, discussions."""
    first: dict[str, MomentKey] = {}
    for group in (
        [s for scheduled in facts.scheduled.values() for s in scheduled],
        [c for cancelled in facts.cancelled.values() for c in cancelled],
        facts.invited,
        facts.discussions,
    ):
        for event in group:
            key = event.log.sort_key
            first[event.act.meeting] = min(first.get(event.act.meeting, key), key)
    meetings = []
    for meeting in sorted(first, key=first.__getitem__):
        scheduled = facts.scheduled.get(meeting, [])
        latest = scheduled[-1].act if scheduled else None
        held = [d for d in facts.discussions if d.act.meeting == meeting]
        forum = latest.forum if latest else (held[0].act.forum if held else None)
        cancelled = facts.cancelled_on(meeting)
        meetings.append(
            meeting_model(
                meeting=meeting,
                forum=forum,
                scheduled_for=None if latest is None else latest.date,
                purpose=None if latest is None else latest.purpose,
                cancelled_on=None if cancelled is None else cancelled.day,
                invitations=[
                    invitation_model(
                        person=person,
                        on=i.day,
                        channel=i.act.channel,
                        purpose_and_composition_included=i.act.purpose_and_composition_included,
                    )
                    for i in facts.invited_by_meeting.get(meeting, [])
                    for person in i.act.to
                ],
                discussions=[
                    discussion_model(
                        held_on=d.day,
                        forum=d.act.forum,
                        level=d.act.level,
                        basis=d.act.basis,
                        consent=d.act.consent,
                        notice=d.act.notice,
                        parents_present=d.act.parents_present,
                        pupil_present=d.act.pupil_present,
                        attendees=d.act.attendees,
                        outcome=d.act.outcome,
                    )
                    for d in held
                ],
            )
        )
    return meetings


def forum_consent(facts: CaseFacts) -> list[ForumConsent]:
    """Per forum with a form: the forms, and each person's latest decision on the forum.

    An objection counts for every forum (docs/rules.md).
    """
    from zatlog import actions as a
    from zatlog.projections.case_model import ConsentForm, Decision, ForumConsent

    day = facts.as_of
    states = facts.forms_on(day)
    deciders = sorted(
        {d.act.signer for decisions in facts.decisions.values() for d in decisions}
        | {o.act.person for o in facts.objections}
    )
    result: list[ForumConsent] = []
    for forum in ("cvb", "zat", "mdo"):
        issued = [f for f in states if f.forum == forum]
        if not issued:
            continue
        chosen: list[Decision] = []
        for person in deciders:
            latest = facts.latest_on_forum(forum, person, day)
            if latest is None:
                continue
            act = latest.act
            if isinstance(act, a.ObjectionReceived):
                decision = Decision(
                    person=person, decision="objected", on=latest.day, form=act.notice
                )
            else:
                decision = Decision(
                    person=person,
                    decision="given"
                    if isinstance(act, a.ConsentGiven)
                    else "refused"
                    if isinstance(act, a.ConsentRefused)
                    else "withdrawn",
                    on=latest.day,
                    form=act.consent,
                    method=act.method if isinstance(act, a.ConsentGiven) else None,
                )
            chosen.append(decision)
        result.append(
            ForumConsent(
                forum=forum,
                forms=[
                    ConsentForm(
                        consent=f.consent,
                        issued_on=f.issued.day,
                        purpose=f.issued.act.purpose,
                        valid_until=f.valid_until,
                        expired=f.status == "expired",
                        participants=f.issued.act.participants,
                        data_categories=f.issued.act.data_categories,
                    )
                    for f in issued
                ],
                valid_until=issued[-1].valid_until,
                signed=[d.person for d in chosen if d.decision == "given" and _written(d)],
                verbal=[d.person for d in chosen if d.decision == "given" and not _written(d)],
                refused=[d.person for d in chosen if d.decision == "refused"],
                withdrawn=[d.person for d in chosen if d.decision == "withdrawn"],
                objected=[d.person for d in chosen if d.decision == "objected"],
                decisions=chosen,
            )
        )
    return result


def _written(decision: Decision) -> bool:
    from zatlog.projections.facts import WRITTEN_SIGNATURES

    return decision.method in WRITTEN_SIGNATURES


def contract(state: dict[str, Any]) -> dict[str, Any]:
    """What ``case show --format json`` prints: the JSON contract, from a state's JSON.

    ``people`` lists the pupil first (relation ``pupil``, no authority), then
    every person with a relation in force; ``consents`` every form issued,
    with its status (``valid``, ``expired``, ``incomplete``, ``refused``,
    ``withdrawn``) and the signers still missing; ``requests`` every request
    with ``due``, the deadline the audit judges by, and ``answered``, the date
    of its first answer (null: none yet); ``restrictions`` those in force;
    ``back_dated`` the entries recorded more than a day after their ``at``
    (``on``, ``action``, ``recorded_on``), so a reader sees what was written later.
    """
    pupil = state["pupil"]
    return {
        "case": state["case"],
        "as_of": state["as_of"],
        "step": state["step"],
        "people": [
            {"person": "pupil", "relation": "pupil", "authority": None, "right": pupil["right"]},
            *(
                {k: p[k] for k in ("person", "relation", "authority", "right")}
                for p in state["persons"]
            ),
        ],
        "consents": [
            {k: f[k] for k in ("consent", "forum", "status", "valid_until", "signed_by", "missing")}
            for f in state["consents"]
        ],
        "requests": [
            {k: r[k] for k in ("request", "requester", "kind", "due", "answered")}
            for r in state["requests"]
        ],
        "restrictions": [
            {k: r[k] for k in ("person", "basis", "scope", "until")} for r in state["restrictions"]
        ],
        "back_dated": state["back_dated"],
    }


# -- the stored read model --------------------------------------------------------------------

TABLE = Table(
    "case_state",
    "case_ref TEXT PRIMARY KEY, school TEXT NOT NULL, pupil_name BLOB NOT NULL, step TEXT, "
    "step_since TEXT, closed INTEGER NOT NULL, opened_on TEXT NOT NULL, "
    "last_activity TEXT NOT NULL, computed_on TEXT NOT NULL, next_event_day TEXT, "
    "stable_until TEXT NOT NULL, state BLOB NOT NULL",
    indexes=("school, case_ref",),
)
"""One row per case: the columns ``case list`` shows, and the whole state as JSON (the name
and the state sealed).

The state is exact from ``computed_on`` until the day before ``stable_until``;
the list columns until the day before ``next_event_day`` (none: no event is
dated ahead)."""

UPSERT = (
    "INSERT INTO {t}case_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (case_ref) DO UPDATE SET school = excluded.school, "
    "pupil_name = excluded.pupil_name, step = excluded.step, step_since = excluded.step_since, "
    "closed = excluded.closed, opened_on = excluded.opened_on, "
    "last_activity = excluded.last_activity, computed_on = excluded.computed_on, "
    "next_event_day = excluded.next_event_day, stable_until = excluded.stable_until, "
    "state = excluded.state"
)
DELETE = "DELETE FROM {t}case_state WHERE case_ref = ?"
SELECT_STATE = "SELECT computed_on, stable_until, state FROM {t}case_state WHERE case_ref = ?"
SELECT_LIST = (
    "SELECT case_ref, school, pupil_name, step, step_since, closed, opened_on, last_activity, "
    "computed_on, next_event_day FROM {t}case_state"
)


class CaseStateProjection(CaseReadModel):
    """Keeps each case's state (as of the day it was computed) with its validity."""

    name = "case_state"
    tables = (TABLE,)
    version = 4
    """2: meetings know their cancellation; one day's events ordered by time of day.
    3: the back-dated entries (recorded more than a day after they happened).
    4: read from the one fold: the step by its rule, each consent form's status, every
    request with its deadline, the restrictions in force."""

    def update_case(self, writer: Writer, case: CaseEvents, today: date) -> None:
        from zatlog.projections.facts import default_facts

        state = state_of(default_facts(case, today))
        if state is None:  # opened on a date still ahead
            writer.execute(DELETE, (case.ref,))
            return
        following = next_event_day(case.events, today)
        writer.execute(
            UPSERT,
            (
                state.case,
                state.school,
                writer.seal(state.pupil.name),
                state.step,
                _iso(state.step_since),
                int(state.closed),
                state.opened_on.isoformat(),
                state.last_activity.on.isoformat(),
                today.isoformat(),
                _iso(following),
                stable_until(case.events, state).isoformat(),
                writer.seal(state.model_dump_json()),
            ),
        )


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def stored_state(reader: Reader, ref: str, today: date) -> dict[str, Any] | None:
    """The state of case ``ref`` as of ``today``, as JSON data (None: no such case).

    One query while the stored state is exact (only ``as_of`` moves on, and
    no model is built); otherwise computed again from the case's events.
    """
    rows = reader.fetchall(SELECT_STATE, (ref,))
    if rows:
        computed_on, until, state = rows[0]
        if exact_on(today, computed_on, until):
            data: dict[str, Any] = json.loads(reader.unseal(state))
            data["as_of"] = today.isoformat()
            return data
    computed = case_state(read_case_events(reader, ref)[1], today=today)
    return None if computed is None else computed.model_dump(mode="json")


@dataclass(frozen=True)
class CaseSummary:
    """A row of ``case list``."""

    case: str
    school: str
    pupil_name: str
    step: str | None
    step_since: date | None
    closed: bool
    opened_on: date
    last_activity: date

    def to_json(self) -> dict[str, Any]:
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(self).items()}


def case_list(
    reader: Reader,
    today: date,
    *,
    school: str | None = None,
    step: str | None = None,
    closed: bool | None = None,
) -> list[CaseSummary]:
    """Every case (of ``school``, in ``step``, open or closed), by case reference."""
    statement, params = SELECT_LIST, []
    if school is not None:
        statement += " WHERE school = ?"
        params.append(school)
    summaries: list[CaseSummary] = []
    for ref, home, name, in_step, since, shut, opened, last, computed, following in sorted(
        reader.fetchall(statement, params)
    ):
        if exact_on(today, computed, following):
            summary = CaseSummary(
                case=ref,
                school=home,
                pupil_name=reader.unseal(name),
                step=in_step,
                step_since=None if since is None else date.fromisoformat(since),
                closed=bool(shut),
                opened_on=date.fromisoformat(opened),
                last_activity=date.fromisoformat(last),
            )
        else:
            state = case_state(read_case_events(reader, ref)[1], today=today)
            if state is None:
                continue
            summary = CaseSummary(
                case=state.case,
                school=state.school,
                pupil_name=state.pupil.name,
                step=state.step,
                step_since=state.step_since,
                closed=state.closed,
                opened_on=state.opened_on,
                last_activity=state.last_activity.on,
            )
        if (step is None or summary.step == step) and (closed is None or summary.closed == closed):
            summaries.append(summary)
    return summaries
