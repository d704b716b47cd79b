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
    from zatlog import actions as a
    from zatlog.projections.case_model import CaseState, Decision, ForumConsent
    from zatlog.records import LoggedAction


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
    from zatlog import actions as a
    from zatlog import people
    from zatlog.projections.case_model import (
        Activity,
        BackDated,
        CaseState,
        Decision,
        Deferral,
        Discussion,
        Invitation,
        Meeting,
        Notice,
        Override,
        Person,
        Pupil,
        Report,
        ReportNotice,
        Request,
        Sdq,
    )
    from zatlog.records import in_time_order
    from zatlog.steps import step_on

    ordered = in_time_order(events)
    opened = next((e for e in ordered if isinstance(e.action, a.CaseOpened)), None)
    if opened is None:
        return None
    assert isinstance(opened.action, a.CaseOpened)
    birth_date = opened.action.birth_date

    relations: list[a.RelationRecorded] = []
    choices: list[people.PupilChoice] = []
    restrictions: list[a.InformationRestricted] = []
    steps: list[LoggedAction] = []
    closed: a.CaseClosed | None = None
    forms: dict[str, a.ConsentFormIssued] = {}
    decisions: list[tuple[str | None, Decision]] = []  # (forum, decision); None: every forum
    notices: dict[str, a.NoObjectionNoticeSent] = {}
    objections: dict[str, list[str]] = {}
    meetings: dict[str, dict[str, object]] = {}
    overrides: list[Override] = []
    reports: list[Report] = []
    report_notices: list[ReportNotice] = []
    deferrals: list[Deferral] = []
    sdqs: dict[str, Sdq] = {}
    requests: dict[str, a.InformationRequested] = {}
    extensions: dict[str, date] = {}
    answered: set[str] = set()

    def meeting(meeting_id: str) -> dict[str, object]:
        return meetings.setdefault(
            meeting_id,
            {"meeting": meeting_id, "forum": None, "scheduled_for": None, "purpose": None,
             "cancelled_on": None, "invitations": [], "discussions": []},
        )  # fmt: skip

    for event in ordered:
        act = event.action
        on = event.day
        match act:
            case (
                a.ActionPlanRecorded() | a.SupportEvaluated() | a.SignalRaised() | a.ZatRegistered()
            ):
                pass  # a third of a case's events, and nothing of the state
            # The action classes are disjoint, so the order of the cases only decides how
            # soon an event finds its own: the frequent ones first.
            case a.ParentsInformed() if "report" in act.topics:
                report_notices.append(
                    ReportNotice(
                        on=on,
                        to=act.to,
                        channel=act.channel,
                        written=act.channel in a.WRITTEN_CHANNELS,
                    )
                )
            case a.SdqRecorded():
                sdqs[act.informant] = Sdq(
                    informant=act.informant, on=on, total_difficulties=act.total_difficulties
                )
            case a.RelationRecorded():
                relations.append(act)
            case a.PupilRefusedParentInformation():
                choices.append(people.PupilChoice(on, "refused", tuple(act.targets)))
            case a.PupilRefusalWithdrawn():
                choices.append(people.PupilChoice(on, "refusal_withdrawn", tuple(act.targets)))
            case a.PupilAuthorisedPerson():
                scope = frozenset(item.strip().lower() for item in act.scope)
                choices.append(
                    people.PupilChoice(on, "authorised", (act.person,), scope, act.until)
                )
            case a.PupilAuthorisationWithdrawn():
                choices.append(people.PupilChoice(on, "authorisation_withdrawn", (act.person,)))
            case a.InformationRestricted():
                restrictions.append(act)
            case a.StepEntered():
                steps.append(event)
            case a.CaseClosed():
                closed = act
            case a.ConsentFormIssued():
                forms[act.consent] = act
            case a.ConsentGiven():
                decisions.append(
                    (act.consent, Decision(person=act.signer, decision="given", on=on,
                                           form=act.consent, method=act.method))
                )  # fmt: skip
            case a.ConsentRefused():
                decisions.append(
                    (act.consent, Decision(person=act.signer, decision="refused", on=on,
                                           form=act.consent))
                )  # fmt: skip
            case a.ConsentWithdrawn():
                decisions.append(
                    (act.consent, Decision(person=act.signer, decision="withdrawn", on=on,
                                           form=act.consent))
                )  # fmt: skip
            case a.NoObjectionNoticeSent():
                notices[act.notice] = act
            case a.ObjectionReceived():
                objections.setdefault(act.notice, []).append(act.person)
                decisions.append(
                    (None, Decision(person=act.person, decision="objected", on=on,
                                    form=act.notice))
                )  # fmt: skip
            case a.MeetingScheduled():
                entry = meeting(act.meeting)
                # Scheduled again: moved to the new date, and held after all if cancelled.
                entry.update(
                    forum=act.forum, scheduled_for=act.date, purpose=act.purpose, cancelled_on=None
                )
            case a.MeetingCancelled():
                meeting(act.meeting)["cancelled_on"] = on
            case a.ParentsInvited():
                invitations = meeting(act.meeting)["invitations"]
                assert isinstance(invitations, list)
                invitations.extend(
                    Invitation(
                        person=person,
                        on=on,
                        channel=act.channel,
                        purpose_and_composition_included=act.purpose_and_composition_included,
                    )
                    for person in act.to
                )
            case a.DiscussionHeld():
                entry = meeting(act.meeting)
                if entry["forum"] is None:
                    entry["forum"] = act.forum
                discussions = entry["discussions"]
                assert isinstance(discussions, list)
                discussions.append(
                    Discussion(
                        held_on=on,
                        forum=act.forum,
                        level=act.level,
                        basis=act.basis,
                        consent=act.consent,
                        notice=act.notice,
                        parents_present=act.parents_present,
                        pupil_present=act.pupil_present,
                        attendees=act.attendees,
                        outcome=act.outcome,
                    )
                )
            case a.SafetyOverrideInvoked():
                overrides.append(Override(on=on, ground=act.ground, approved_by=act.approved_by))
            case a.ReportMade():
                reports.append(Report(on=on, to=act.to, reference=act.reference))
            case a.ParentNotificationDeferred():
                deferrals.append(Deferral(on=on, reason=act.reason, review_at=act.review_at))
            case a.InformationRequested():
                requests[act.request] = act
            case a.InformationRequestExtended():
                extensions[act.request] = act.new_deadline
            case a.InformationDisclosed() | a.InformationRequestRefused() if act.request:
                answered.add(act.request)
            case _:
                pass

    stance = people.pupil_stance(choices, day)
    refused, authorised = stance.refused, stance.authorised
    holders = set(people.authority_holders(relations, birth_date, day))
    persons = [
        Person(
            person=person,
            name=relation.name,
            relation=relation.relation,
            authority=relation.authority,
            measure=relation.measure,
            since=relation.day,
            holds_authority=person in holders,
            right=people.right_of(person, relations, birth_date, day, refused, authorised),
            refused_by_pupil=person in refused,
            restricted=sorted(
                {
                    item
                    for r in restrictions
                    if r.person == person and (r.until is None or day < r.until)
                    for item in r.scope
                }
            ),
            authorised_scope=_sorted_or_none(
                people.authorised_scope(person, relations, birth_date, day, refused, authorised)
            ),
        )
        for person, relation in sorted(people.relations_on(relations, day).items())
    ]
    recorded = sorted(steps, key=lambda e: e.position)
    step = step_on(
        ((e.day, e.action.step) for e in recorded if isinstance(e.action, a.StepEntered)), day
    )
    last = ordered[-1]
    return CaseState(
        case=opened.action.case,
        school=opened.action.school,
        as_of=day,
        known_at=known_at,
        pupil=Pupil(
            name=opened.action.pupil_name,
            birth_date=birth_date,
            age=people.age_on(birth_date, day),
            school_type=opened.action.school_type,
            right=people.right_of(people.PUPIL, relations, birth_date, day, refused),
        ),
        opened_on=opened.day,
        step=None if step is None else step[0],
        step_since=None if step is None else step[1],
        closed=closed is not None,
        closed_on=None if closed is None else closed.day,
        close_reason=None if closed is None else closed.reason,
        persons=persons,
        consent=_consent(forms, decisions, day),
        notices=[
            Notice(
                notice=n.notice,
                sent_on=n.day,
                to=n.to,
                channel=n.channel,
                objection_deadline=n.objection_deadline,
                objections=objections.get(n.notice, []),
            )
            for n in notices.values()
        ],
        meetings=[Meeting.model_validate(m) for m in meetings.values()],
        overrides=overrides,
        reports=reports,
        report_notices=report_notices,
        deferrals=deferrals,
        sdq=[sdqs[informant] for informant in sorted(sdqs)],
        open_requests=[
            Request(
                request=r.request,
                requester=r.requester,
                kind=r.kind,
                on=r.day,
                extended_to=extensions.get(r.request),
            )
            for r in requests.values()
            if r.request not in answered
        ],
        last_activity=Activity(on=last.day, action=last.name),
        events=len(ordered),
        back_dated=[
            BackDated(on=e.day, action=e.name, recorded_on=e.recorded_at.astimezone().date())
            for e in ordered
            if e.back_dated
        ],
    )


def _consent(
    forms: dict[str, a.ConsentFormIssued],
    decisions: list[tuple[str | None, Decision]],
    day: date,
) -> list[ForumConsent]:
    """Per forum with a form: the forms, and each person's latest decision on the forum.

    An objection counts for every forum (docs/rules.md).
    """
    from zatlog.projections.case_model import ConsentForm, ForumConsent

    result: list[ForumConsent] = []
    for forum in ("cvb", "zat", "mdo"):
        issued = [f for f in forms.values() if f.forum == forum]
        if not issued:
            continue
        latest: dict[str, Decision] = {}
        for form, decision in decisions:
            if form is None or (form in forms and forms[form].forum == forum):
                latest[decision.person] = decision
        chosen = sorted(latest.values(), key=lambda d: d.person)
        result.append(
            ForumConsent(
                forum=forum,
                forms=[
                    ConsentForm(
                        consent=f.consent,
                        issued_on=f.day,
                        purpose=f.purpose,
                        valid_until=f.valid_until,
                        expired=f.valid_until is not None and f.valid_until < day,
                        participants=f.participants,
                        data_categories=f.data_categories,
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
    return decision.method in ("signature", "electronic_signature")


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
    version = 3
    """2: meetings know their cancellation; one day's events ordered by time of day.
    3: the back-dated entries (recorded more than a day after they happened)."""

    def update_case(self, writer: Writer, case: CaseEvents, today: date) -> None:
        state = case_state(case.events, today=today)
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
