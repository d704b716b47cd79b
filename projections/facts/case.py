"""One case's events filed once, and every fact the views ask for on a given day.

:class:`CaseFacts` sorts a case's events (``at`` date, ties in recording
order), drops those after the as-of date and files each one by kind, once.
Every view reads its facts here and derives none of them itself: ``case
show`` and ``case list`` (:mod:`zatlog.projections.case_state`), what is due
(:mod:`zatlog.projections.due`), the audit rules, the dossier and the
provider report. So no two views can tell a coordinator, a parent and an
inspector different things about the same case on the same day.

The sections below each answer one kind of question: the people (relations,
authority, rights, via :mod:`zatlog.people`), the step (the one rule of
:mod:`zatlog.steps`, which the aggregate's transition check uses too),
consent (each form's status and everyone's latest decision), restrictions and
refusals in force, meetings, information requests with their one deadline,
safety records, support. A new fact gets its own list in ``__init__``, its
case in ``_file`` and its questions in its own section.

The fold lives in the read side because its questions are the views'; the
write side needs only the step rule, which therefore lives in ``zatlog``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, Generic, Literal, TypeVar, cast

from zatlog import actions, people
from zatlog.actions import (
    WRITTEN_CHANNELS,
    ActionPlanRecorded,
    CaseClosed,
    CaseOpened,
    ConsentFormIssued,
    ConsentGiven,
    ConsentRefused,
    ConsentWithdrawn,
    DiscussionHeld,
    InformationDisclosed,
    InformationRequested,
    InformationRequestExtended,
    InformationRequestRefused,
    InformationRestricted,
    MeetingCancelled,
    MeetingScheduled,
    NoObjectionNoticeSent,
    ObjectionReceived,
    ParentNotificationDeferred,
    ParentsInformed,
    ParentsInvited,
    PupilAuthorisationWithdrawn,
    PupilAuthorisedPerson,
    PupilCapacityAssessed,
    PupilRefusalWithdrawn,
    PupilRefusedParentInformation,
    RelationRecorded,
    ReportMade,
    SafetyConcernRecorded,
    SafetyOverrideInvoked,
    SchoolDocumentPublished,
    SdqRecorded,
    StepEntered,
    SupportArranged,
    SupportEvaluated,
    ZatRegistered,
)
from zatlog.calendar import calendar_months_after, one_calendar_month_after
from zatlog.people import PUPIL, PupilChoice, PupilStance, Right
from zatlog.policy import Policy
from zatlog.records import LoggedAction
from zatlog.steps import step_on

if TYPE_CHECKING:
    from zatlog.projections.runner import CaseEvents

A = TypeVar("A")
A_co = TypeVar("A_co", covariant=True)

Decision = ConsentGiven | ConsentRefused | ConsentWithdrawn
Answer = InformationDisclosed | InformationRequestRefused
Choice = (
    PupilRefusedParentInformation
    | PupilRefusalWithdrawn
    | PupilAuthorisedPerson
    | PupilAuthorisationWithdrawn
)
Planning = MeetingScheduled | MeetingCancelled

IDENTIFYING_ITEMS: frozenset[str] = frozenset(actions.IDENTIFYING_ITEMS)
OUTSIDE_INFORMATION: frozenset[str] = frozenset(actions.OUTSIDE_INFORMATION)
ITEM_CATEGORIES: frozenset[str] = frozenset(actions.ITEM_CATEGORIES)
"""The item categories with a fixed meaning (docs/import-format.md)."""

TOPIC_CATEGORIES: dict[str, str] = {
    "outcome": "outcome",
    "advice_home": "outcome",
    "plan": "plan",
    "report": "reports",
}
"""What a ``parents_informed`` discloses besides ``contacts`` (docs/rules.md)."""

WRITTEN_SIGNATURES = ("signature", "electronic_signature")
"""The consent methods that are unambiguous consent in writing (guideline 4)."""

FormStatus = Literal["valid", "expired", "incomplete", "refused", "withdrawn"]


def norm(label: str) -> str:
    """Free labels (participants, attendees, item categories) compare trimmed and lower-cased."""
    return label.strip().lower()


@dataclass(frozen=True, slots=True)
class Ev(Generic[A_co]):
    """One logged action with its typed payload and its calendar date."""

    log: LoggedAction
    act: A_co
    day: date


@dataclass(frozen=True, slots=True)
class Disclosed:
    """The item categories an ``information_disclosed`` or ``parents_informed`` gives away.

    A full dossier (``everything``) holds every category except ``items``,
    which are then its redactions.
    """

    everything: bool
    items: frozenset[str]

    def overlap(self, scope: Iterable[str]) -> list[str]:
        """The categories of ``scope`` that this disclosure holds (``all`` matches anything)."""
        wanted = {norm(item) for item in scope}
        if "all" in wanted:
            return ["all"]
        if self.everything:
            return sorted(wanted - self.items)
        return sorted(wanted & self.items)


def disclosed_by(action: InformationDisclosed | ParentsInformed) -> Disclosed:
    """Section 5: what a disclosure or a parents_informed counts as disclosing."""
    if isinstance(action, ParentsInformed):
        items = {"contacts"} | {TOPIC_CATEGORIES[t] for t in action.topics if t in TOPIC_CATEGORIES}
        return Disclosed(False, frozenset(items))
    items = {norm(item) for item in action.items}
    if "dossier" in items:
        redacted = {norm(r.item) for r in action.redactions or ()}
        return Disclosed(True, frozenset(redacted))
    return Disclosed(False, frozenset(items))


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on the case on a day: the pupil or a recorded relation, with their right."""

    person: str
    relation: str
    """``pupil`` for the pupil."""
    authority: str | None
    """As recorded (none for the pupil)."""
    holds_authority: bool
    """Counts as an authority holder that day (legal representatives once the pupil is 18)."""
    right: Right
    recorded: RelationRecorded | None
    """The relation in force that day (none for the pupil)."""
    since: date | None


@dataclass(frozen=True, slots=True)
class Who:
    """A person as a message names them: their id and their relation (role) on a day."""

    person: str
    relation: str | None = None
    number: int | None = None
    """Which of the people with this relation (``ouder 2``), when more than one has it."""


@dataclass(frozen=True, slots=True)
class Signers:
    """How one signer requirement (any one of its persons may sign) stands on a form."""

    met: bool
    negative: Ev[Decision] | None
    """The first latest decision in the group that is a refusal or withdrawal."""
    evidence: tuple[LoggedAction, ...]
    """Each person's latest decision and written signature, form first."""


@dataclass(frozen=True, slots=True)
class FormState:
    """A consent form's standing on a day (docs/rules.md, guideline 4).

    ``expired``: its validity ended before the day; ``refused``/``withdrawn``:
    a required signer's latest decision on it says so; ``incomplete``: a
    required signature is missing (``missing``); else ``valid``.
    """

    consent: str
    forum: str
    status: FormStatus
    valid_until: date | None
    signed_by: tuple[str, ...]
    """Who signed in writing and has not refused or withdrawn since."""
    missing: tuple[str, ...]
    """The persons of every signer requirement not met."""
    issued: Ev[ConsentFormIssued]
    latest: tuple[Ev[Decision], ...]
    """Each person's latest decision on the form, by person."""


@dataclass(frozen=True, slots=True)
class RequestState:
    """An information request with its one deadline (G10 / I377) and its first answer."""

    request: str
    requester: str
    kind: str
    on: date
    due: date
    extension: Ev[InformationRequestExtended] | None
    """The extension that set ``due`` (recorded within the month), if any."""
    answered: date | None
    """The date of the first answer (disclosure or refusal) on or after the request."""
    event: Ev[InformationRequested]


def in_force_for(start: LoggedAction, event: LoggedAction) -> bool:
    """*v2* "in force on a day": ``start`` (a restriction, a refusal or their end) dated d
    applies to everything dated d or later, whatever the recording order; on one day,
    when both carry a time of day, the times decide (docs/rules.md)."""
    if start.day != event.day:
        return start.day < event.day
    began, happened = start.action.clock, event.action.clock
    return began is None or happened is None or began <= happened


def pupil_choice(act: Choice, day: date) -> PupilChoice:
    """The pupil's decision as :func:`zatlog.people.pupil_stance` reads it."""
    if isinstance(act, PupilRefusedParentInformation):
        return PupilChoice(day, "refused", tuple(act.targets))
    if isinstance(act, PupilRefusalWithdrawn):
        return PupilChoice(day, "refusal_withdrawn", tuple(act.targets))
    if isinstance(act, PupilAuthorisedPerson):
        scope = frozenset(norm(item) for item in act.scope)
        return PupilChoice(day, "authorised", (act.person,), scope, act.until)
    return PupilChoice(day, "authorisation_withdrawn", (act.person,))


def latest_until(events: Iterable[Ev[A]], day: date) -> Ev[A] | None:
    """The last of ``events`` (in time order) dated on or before ``day``."""
    return _latest(events, day, lambda _: True)


def _latest(events: Iterable[Ev[A]], day: date, where: Callable[[A], bool]) -> Ev[A] | None:
    """The last of ``events`` (in time order) dated on or before ``day`` that matches."""
    found: Ev[A] | None = None
    for event in events:
        if event.day > day:
            break
        if where(event.act):
            found = event
    return found


class CaseFacts:
    """One case's events (up to the as-of date), filed by kind, and the facts of each day."""

    def __init__(
        self,
        case: str,
        case_events: Iterable[LoggedAction],
        school_events: Iterable[LoggedAction],
        policy: Policy,
        as_of: date,
    ) -> None:
        self.case = case
        self.policy = policy
        self.as_of = as_of
        keyed = [(e.sort_key, e) for e in case_events]
        dated = sorted((item for item in keyed if item[0][0] <= as_of), key=itemgetter(0))
        self.events: list[LoggedAction] = [event for _, event in dated]
        self.opened: Ev[CaseOpened] | None = None
        self.closed: Ev[CaseClosed] | None = None
        self.steps: list[Ev[StepEntered]] = []
        self.relations: list[Ev[RelationRecorded]] = []
        self.capacity: list[Ev[PupilCapacityAssessed]] = []
        self.refusals: list[Ev[PupilRefusedParentInformation | PupilRefusalWithdrawn]] = []
        self.choices: list[Ev[Choice]] = []
        """The pupil's refusals, authorisations and their withdrawals (section 6), in order."""
        self.restrictions: list[Ev[InformationRestricted]] = []
        self.informed: list[Ev[ParentsInformed]] = []
        self.informed_by_meeting: dict[str, list[Ev[ParentsInformed]]] = defaultdict(list)
        self.invited: list[Ev[ParentsInvited]] = []
        self.invited_by_meeting: dict[str, list[Ev[ParentsInvited]]] = defaultdict(list)
        self.forms: dict[str, list[Ev[ConsentFormIssued]]] = defaultdict(list)
        self.decisions: dict[str, list[Ev[Decision]]] = defaultdict(list)
        self.notices: dict[str, list[Ev[NoObjectionNoticeSent]]] = defaultdict(list)
        self.objections: list[Ev[ObjectionReceived]] = []
        self.discussions: list[Ev[DiscussionHeld]] = []
        self.scheduled: dict[str, list[Ev[MeetingScheduled]]] = defaultdict(list)
        self.cancelled: dict[str, list[Ev[MeetingCancelled]]] = defaultdict(list)
        self.planning: dict[str, list[Ev[Planning]]] = defaultdict(list)
        """Per meeting: its schedulings and cancellations, in time order."""
        self.arrangements: list[Ev[SupportArranged]] = []
        self.evaluations: list[Ev[SupportEvaluated]] = []
        self.plans: list[Ev[ActionPlanRecorded]] = []
        self.sdqs: dict[str, list[Ev[SdqRecorded]]] = defaultdict(list)
        self.zat_registrations: list[Ev[ZatRegistered]] = []
        self.concerns: list[Ev[SafetyConcernRecorded]] = []
        self.overrides: list[Ev[SafetyOverrideInvoked]] = []
        self.deferrals: list[Ev[ParentNotificationDeferred]] = []
        self.reports: list[Ev[ReportMade]] = []
        self.requests: list[Ev[InformationRequested]] = []
        self.extensions: dict[str, list[Ev[InformationRequestExtended]]] = defaultdict(list)
        self.answers: dict[str, list[Ev[Answer]]] = defaultdict(list)
        self.disclosures: list[Ev[InformationDisclosed]] = []
        self.documents: dict[str, Ev[SchoolDocumentPublished]] = {}
        for (day, *_), event in dated:
            self._file(event, day)
        for event in sorted(school_events, key=lambda e: e.sort_key):
            action = event.action
            if (
                event.day <= as_of
                and isinstance(action, SchoolDocumentPublished)
                and action.document not in self.documents
            ):
                self.documents[action.document] = Ev(event, action, event.day)
        self._relation_models = [r.act for r in self.relations]
        self._memo: dict[tuple[str, date], object] = {}

    def _file(self, event: LoggedAction, day: date) -> None:
        action = event.action
        match action:
            case actions.SignalRaised():
                pass  # many of a case's events, and no fact a view asks for: decided first
            case ActionPlanRecorded():
                self.plans.append(Ev(event, action, day))
            case ParentsInformed():
                informed = Ev(event, action, day)
                self.informed.append(informed)
                if action.meeting is not None:
                    self.informed_by_meeting[action.meeting].append(informed)
            case ParentsInvited():
                invited = Ev(event, action, day)
                self.invited.append(invited)
                self.invited_by_meeting[action.meeting].append(invited)
            case DiscussionHeld():
                self.discussions.append(Ev(event, action, day))
            case ConsentGiven() | ConsentRefused() | ConsentWithdrawn():
                self.decisions[action.consent].append(Ev(event, action, day))
            case ConsentFormIssued():
                self.forms[action.consent].append(Ev(event, action, day))
            case RelationRecorded():
                self.relations.append(Ev(event, action, day))
            case CaseOpened():
                if self.opened is None:
                    self.opened = Ev(event, action, day)
            case StepEntered():
                self.steps.append(Ev(event, action, day))
            case CaseClosed():
                if self.closed is None:
                    self.closed = Ev(event, action, day)
            case MeetingScheduled():
                scheduled = Ev(event, action, day)
                self.scheduled[action.meeting].append(scheduled)
                self.planning[action.meeting].append(scheduled)
            case MeetingCancelled():
                cancelled = Ev(event, action, day)
                self.cancelled[action.meeting].append(cancelled)
                self.planning[action.meeting].append(cancelled)
            case SupportArranged():
                self.arrangements.append(Ev(event, action, day))
            case SupportEvaluated():
                self.evaluations.append(Ev(event, action, day))
            case SdqRecorded():
                self.sdqs[action.informant].append(Ev(event, action, day))
            case NoObjectionNoticeSent():
                self.notices[action.notice].append(Ev(event, action, day))
            case ObjectionReceived():
                self.objections.append(Ev(event, action, day))
            case ZatRegistered():
                self.zat_registrations.append(Ev(event, action, day))
            case PupilRefusedParentInformation() | PupilRefusalWithdrawn():
                self.refusals.append(Ev(event, action, day))
                self.choices.append(Ev(event, action, day))
            case PupilAuthorisedPerson() | PupilAuthorisationWithdrawn():
                self.choices.append(Ev(event, action, day))
            case PupilCapacityAssessed():
                self.capacity.append(Ev(event, action, day))
            case InformationRestricted():
                self.restrictions.append(Ev(event, action, day))
            case SafetyConcernRecorded():
                self.concerns.append(Ev(event, action, day))
            case SafetyOverrideInvoked():
                self.overrides.append(Ev(event, action, day))
            case ParentNotificationDeferred():
                self.deferrals.append(Ev(event, action, day))
            case ReportMade():
                self.reports.append(Ev(event, action, day))
            case InformationRequested():
                self.requests.append(Ev(event, action, day))
            case InformationRequestExtended():
                self.extensions[action.request].append(Ev(event, action, day))
            case InformationDisclosed():
                disclosed = Ev(event, action, day)
                self.disclosures.append(disclosed)
                if action.request is not None:
                    self.answers[action.request].append(disclosed)
            case InformationRequestRefused():
                self.answers[action.request].append(Ev(event, action, day))
            case _:
                pass

    # -- the pupil and the people around them -------------------------------------------

    @property
    def birth_date(self) -> date:
        assert self.opened is not None, "a case is audited only once it has been opened"
        return self.opened.act.birth_date

    def age(self, day: date) -> int:
        return people.age_on(self.birth_date, day)

    def _memoized(self, kind: str, day: date, compute: Callable[[], A]) -> A:
        key = (kind, day)
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(A, self._memo[key])

    def relations_on(self, day: date) -> dict[str, RelationRecorded]:
        return self._memoized(
            "relations", day, lambda: people.relations_on(self._relation_models, day)
        )

    def authority_holders(self, day: date) -> tuple[str, ...]:
        """Authority holders on ``day`` (legal representatives once the pupil is 18)."""
        return self._memoized(
            "holders",
            day,
            lambda: tuple(people.authority_holders(self._relation_models, self.birth_date, day)),
        )

    def stance(self, day: date) -> PupilStance:
        """The pupil's refusals and authorisations in force on ``day`` (section 6)."""
        return self._memoized(
            "stance",
            day,
            lambda: people.pupil_stance((pupil_choice(c.act, c.day) for c in self.choices), day),
        )

    def refusal_targets(self, day: date) -> frozenset[str]:
        return self.stance(day).refused

    def refusal_targets_at(self, event: LoggedAction) -> frozenset[str]:
        """*v2*: the refusal targets for ``event``: a choice of its own day counts unless both
        carry a time of day and the choice's is later."""
        choices = [
            pupil_choice(c.act, event.day) for c in self.choices if in_force_for(c.log, event)
        ]
        return people.pupil_stance(choices, event.day).refused

    def restrictions_for(self, person: str, event: LoggedAction) -> list[Ev[InformationRestricted]]:
        """*v2*: the restrictions of ``person`` in force for ``event``: from their day (the
        times decide on one day, when both carry one) up to the day before ``until``."""
        return [
            r
            for r in self.restrictions
            if r.act.person == person
            and in_force_for(r.log, event)
            and (r.act.until is None or event.day < r.act.until)
        ]

    def pupil_capable(self, day: date) -> bool:
        """The latest capacity assessment on or before ``day``; capable by default."""
        latest = _latest(self.capacity, day, lambda _: True)
        return True if latest is None else latest.act.capable

    def required_invitees(self, day: date) -> tuple[str, ...]:
        """Authority holders, plus the 16+ pupil, minus current refusal targets (policy)."""

        def compute() -> tuple[str, ...]:
            invitees = list(self.authority_holders(day))
            if self.age(day) >= 16:
                invitees.append(PUPIL)
            if self.policy.pupil16_refusal_blocks_invites:
                refused = self.refusal_targets(day)
                invitees = [p for p in invitees if p not in refused]
            return tuple(invitees)

        return self._memoized("invitees", day, compute)

    def required_signers(self, day: date) -> list[tuple[str, ...]]:
        """Each requirement is met when one person in it has signed (docs/rules.md)."""
        return self._memoized(
            "signers",
            day,
            lambda: people.required_signers(
                self._relation_models,
                self.birth_date,
                day,
                pupil_capable=self.pupil_capable(day),
                double_consent_12_15=self.policy.double_consent_12_15,
            ),
        )

    def right(self, person: str, day: date) -> Right:
        stance = self.stance(day)
        return people.right_of(
            person, self._relation_models, self.birth_date, day, stance.refused, stance.authorised
        )

    def people_on(self, day: date) -> list[Person]:
        """The pupil, then every person with a relation in force on ``day``, by person id."""
        holders = set(self.authority_holders(day))
        since: dict[str, date] = {}
        for recorded in self.relations:
            if recorded.day <= day:
                since[recorded.act.person] = recorded.day
        found = [Person(PUPIL, PUPIL, None, False, self.right(PUPIL, day), None, None)]
        for person, relation in sorted(self.relations_on(day).items()):
            found.append(
                Person(
                    person,
                    relation.relation,
                    relation.authority,
                    person in holders,
                    self.right(person, day),
                    relation,
                    since.get(person),
                )
            )
        return found

    def restrictions_on(self, day: date) -> list[Ev[InformationRestricted]]:
        """The ``information_restricted`` in force on ``day``: from their date up to the day
        before ``until`` (*v2*, as :meth:`restrictions_for`)."""
        return [
            r
            for r in self.restrictions
            if r.day <= day and (r.act.until is None or day < r.act.until)
        ]

    def restricted_items(self, person: str, day: date) -> list[str]:
        """The item categories kept from ``person`` on ``day``, as recorded (trimmed, lower)."""
        return sorted(
            {norm(item) for r in self.restrictions_on(day) if r.act.person == person
             for item in r.act.scope}
        )  # fmt: skip

    # -- the step and the case's course -------------------------------------------------

    def step_on(self, day: date) -> tuple[str, date] | None:
        """The step on ``day`` and since when (:func:`zatlog.steps.step_on`): the last
        ``step_entered`` in recording order among those dated on or before ``day``."""
        recorded = sorted(self.steps, key=lambda s: s.log.position)
        return step_on(((s.day, s.act.step) for s in recorded), day)

    def closed_on(self, day: date) -> Ev[CaseClosed] | None:
        return self.closed if self.closed is not None and self.closed.day <= day else None

    def cancelled_on(self, meeting: str) -> Ev[MeetingCancelled] | None:
        """The meeting's latest cancellation, unless it was scheduled again after it
        (:meth:`is_cancelled` on the as-of date)."""
        if not self.is_cancelled(meeting, self.as_of):
            return None
        return self.cancellation(meeting, self.as_of)

    def pending_meetings(self) -> list[Ev[MeetingScheduled]]:
        """Each meeting's latest scheduling (a later one moves it), while no discussion of it
        is recorded since."""
        latest = [scheduled[-1] for scheduled in self.scheduled.values()]
        return [
            s
            for s in latest
            if not self.is_cancelled(s.act.meeting, self.as_of)
            and not any(d.act.meeting == s.act.meeting and d.day >= s.day for d in self.discussions)
        ]

    def authorised_scope(self, person: str, day: date) -> frozenset[str] | None:
        """The categories ``person``'s right covers when it comes from a scoped authorisation."""
        stance = self.stance(day)
        return people.authorised_scope(
            person, self._relation_models, self.birth_date, day, stance.refused, stance.authorised
        )

    def authorisation_evidence(self, day: date, person: str) -> list[LoggedAction]:
        """The pupil's authorisations of ``person`` on or before ``day`` (and withdrawals)."""
        return [
            c.log
            for c in self.choices
            if c.day <= day
            and isinstance(c.act, PupilAuthorisedPerson | PupilAuthorisationWithdrawn)
            and c.act.person == person
        ]

    def knowers(self, day: date) -> tuple[str, ...]:
        """Who must know of the pupil's support on ``day`` (G1, H1): the authority holders,
        and the pupil from 16 (from 18 the legal representatives are the holders)."""
        holders = self.authority_holders(day)
        return (*holders, PUPIL) if self.age(day) >= 16 else holders

    @cached_property
    def case_persons(self) -> frozenset[str]:
        """The persons recorded on the case and the pupil, normalized for comparison."""
        return frozenset({PUPIL, *(norm(r.act.person) for r in self.relations)})

    def who(self, person: str, day: date) -> Who:
        """How messages name ``person``: the id and the relation on ``day`` (never a name),
        numbered in recording order when more than one person has that relation."""
        current = self.relations_on(day)
        relation = current.get(person)
        kind = None if relation is None else relation.relation
        same = [other for other, r in current.items() if r.relation == kind]
        number = same.index(person) + 1 if kind is not None and len(same) > 1 else None
        return Who(person, kind, number)

    def relation_evidence(
        self, day: date, persons: Iterable[str] | None = None
    ) -> list[LoggedAction]:
        """The ``relation_recorded`` events in force on ``day`` (of ``persons``, if given)."""
        wanted = None if persons is None else set(persons)
        current: dict[str, LoggedAction] = {}
        for relation in self.relations:
            if relation.day > day:
                break
            current[relation.act.person] = relation.log
        return [log for person, log in current.items() if wanted is None or person in wanted]

    def refusal_evidence(self, day: date, person: str) -> list[LoggedAction]:
        """The refusals naming ``person`` on or before ``day`` (and any withdrawals)."""
        return [r.log for r in self.refusals if r.day <= day and person in r.act.targets]

    # -- meetings -----------------------------------------------------------------------

    def cancellation(self, meeting: str, day: date) -> Ev[MeetingCancelled] | None:
        """*v2*: the latest cancellation of ``meeting`` dated on or before ``day``."""
        return latest_until(self.cancelled.get(meeting, []), day)

    def is_cancelled(self, meeting: str, day: date) -> bool:
        """*v2*: the latest scheduling or cancellation of ``meeting`` by ``day`` cancels it."""
        latest = _latest(self.planning.get(meeting, []), day, lambda _: True)
        return latest is not None and isinstance(latest.act, MeetingCancelled)

    def invitations(self, meeting: str, person: str, day: date) -> list[Ev[ParentsInvited]]:
        """``parents_invited`` to ``person`` for ``meeting`` that count on ``day``: dated on or
        before it and (*v2*) not before the latest cancellation by then (its own day counts)."""
        cancelled = self.cancellation(meeting, day)
        since = None if cancelled is None else cancelled.day
        return [
            i
            for i in self.invited_by_meeting.get(meeting, [])
            if i.day <= day and person in i.act.to and (since is None or i.day >= since)
        ]

    def purpose_told(self, meeting: str, person: str, day: date) -> bool:
        """G2: ``person`` was told purpose, date and composition of ``meeting`` by ``day``
        (an invitation saying so, or a ``meeting_purpose`` notice; not from before the
        latest cancellation)."""
        invitations = self.invitations(meeting, person, day)
        if any(i.act.purpose_and_composition_included for i in invitations):
            return True
        cancelled = self.cancellation(meeting, day)
        since = None if cancelled is None else cancelled.day - timedelta(days=1)
        return bool(
            self.informs(person, topic="meeting_purpose", meeting=meeting, after=since, until=day)
        )

    # -- consent, notices, decisions ----------------------------------------------------

    def form_for(self, form: str, day: date) -> Ev[ConsentFormIssued] | None:
        """The form as issued on or before ``day``, else its first issue (dated later)."""
        issues = self.forms.get(form, [])
        return _latest(issues, day, lambda _: True) or (issues[0] if issues else None)

    def forum_form(self, forum: str, day: date) -> Ev[ConsentFormIssued] | None:
        """The consent form a meeting of ``forum`` on ``day`` runs on: of the forms whose
        latest issue is for ``forum`` and dated on or before ``day``, the last recorded."""
        issued = [
            issues[-1]
            for issues in self.forms.values()
            if issues[-1].act.forum == forum and issues[-1].day <= day
        ]
        return max(issued, key=lambda f: f.log.sort_key, default=None)

    def notice_for(self, notice: str, day: date) -> Ev[NoObjectionNoticeSent] | None:
        """The notice as sent on or before ``day``, else its first sending (dated later)."""
        sent = self.notices.get(notice, [])
        return _latest(sent, day, lambda _: True) or (sent[0] if sent else None)

    def latest_on_form(self, form: str, person: str, day: date) -> Ev[Decision] | None:
        return _latest(self.decisions.get(form, []), day, lambda d: d.signer == person)

    def signature_on_form(self, form: str, person: str, day: date) -> Ev[Decision] | None:
        """The first written (or electronic) signature of ``person`` on ``form`` by ``day``."""
        for decision in self.decisions.get(form, []):
            if decision.day > day:
                break
            act = decision.act
            if (
                isinstance(act, ConsentGiven)
                and act.signer == person
                and act.method in WRITTEN_SIGNATURES
            ):
                return decision
        return None

    def latest_on_forum(
        self, forum: str, person: str, day: date
    ) -> Ev[Decision] | Ev[ObjectionReceived] | None:
        """The person's latest consent decision on any form of ``forum``, or objection."""
        candidates: list[Ev[Decision] | Ev[ObjectionReceived]] = []
        for form in self.decisions:
            issued = self.form_for(form, day)
            if issued is None or issued.act.forum != forum:
                continue
            latest = self.latest_on_form(form, person, day)
            if latest is not None:
                candidates.append(latest)
        objection = _latest(self.objections, day, lambda o: o.person == person)
        if objection is not None:
            candidates.append(objection)
        return max(candidates, key=lambda c: c.log.sort_key, default=None)

    def signers(self, form: str, requirement: tuple[str, ...], day: date) -> Signers:
        """Whether one of ``requirement`` signed ``form`` in writing by ``day`` and has not
        refused or withdrawn since (a refusal or withdrawal by one of them comes first)."""
        evidence: list[LoggedAction] = []
        negative: Ev[Decision] | None = None
        for person in requirement:
            signature = self.signature_on_form(form, person, day)
            latest = self.latest_on_form(form, person, day)
            if latest is not None:
                evidence.append(latest.log)
            if signature is not None:
                evidence.append(signature.log)
            if latest is not None and not isinstance(latest.act, ConsentGiven):
                negative = negative or latest
            elif signature is not None:
                return Signers(True, None, tuple(evidence))
        return Signers(False, negative, tuple(evidence))

    def form_state(self, form: str, day: date) -> FormState | None:
        """The standing of ``form`` on ``day`` (None: not issued by then)."""
        issued = self.form_for(form, day)
        if issued is None or issued.day > day:
            return None
        missing: list[str] = []
        negative: Ev[Decision] | None = None
        for requirement in self.required_signers(day):
            standing = self.signers(form, requirement, day)
            if standing.met:
                continue
            missing += [p for p in requirement if p not in missing]
            negative = negative or standing.negative
        latest: dict[str, Ev[Decision]] = {}
        for decision in self.decisions.get(form, []):
            if decision.day > day:
                break
            latest[decision.act.signer] = decision
        signed = tuple(
            sorted(
                person
                for person, decision in latest.items()
                if isinstance(decision.act, ConsentGiven)
                and self.signature_on_form(form, person, day) is not None
            )
        )
        until = issued.act.valid_until
        status: FormStatus
        if until is not None and until < day:
            status = "expired"
        elif negative is not None:
            status = "refused" if isinstance(negative.act, ConsentRefused) else "withdrawn"
        elif missing:
            status = "incomplete"
        else:
            status = "valid"
        return FormState(
            form,
            issued.act.forum,
            status,
            until,
            signed,
            tuple(missing),
            issued,
            tuple(latest[p] for p in sorted(latest)),
        )

    def forms_on(self, day: date) -> list[FormState]:
        """Every consent form issued by ``day``, in the order issued, with its standing."""
        issued = sorted(
            (issues[0] for issues in self.forms.values() if issues[0].day <= day),
            key=lambda f: f.log.sort_key,
        )
        return [s for f in issued if (s := self.form_state(f.act.consent, day)) is not None]

    # -- information requests ---------------------------------------------------------

    def answers_to(self, request: Ev[InformationRequested]) -> list[Ev[Answer]]:
        """The disclosures and refusals answering ``request``, dated on or after it."""
        return [a for a in self.answers.get(request.act.request, []) if a.day >= request.day]

    def request_deadline(
        self, request: Ev[InformationRequested]
    ) -> tuple[date, Ev[InformationRequestExtended] | None]:
        """The one deadline of ``request``, and the extension that set it.

        Important facts (I377): ``important_facts_reply_days`` after the request.
        Inspection or a copy (G10, AVG art. 12(3)): one calendar month; an extension
        counts only when recorded within that month, and then the deadline is its new
        date, at least the month and at most three months after the request.
        """
        day = request.day
        if request.act.kind == "important_facts":
            return day + timedelta(days=self.policy.important_facts_reply_days), None
        month = one_calendar_month_after(day)
        extension = None
        for candidate in self.extensions.get(request.act.request, []):
            if day <= candidate.day <= month:
                extension = candidate
        if extension is None:
            return month, None
        new = extension.act.new_deadline
        return max(month, min(new, calendar_months_after(day, 3))), extension

    def has_term(self, request: Ev[InformationRequested]) -> bool:
        """Whether the law gives ``request`` a term: inspection or a copy (G10) when the
        requester had the full right on the day asked; important facts (I377) when a parent
        without authority, with the right to important facts, asked."""
        day, act = request.day, request.act
        if act.kind != "important_facts":
            return self.right(act.requester, day) == "full"
        relation = self.relations_on(day).get(act.requester)
        return (
            relation is not None
            and relation.relation == "parent"
            and not people.holds_authority(relation)
            and self.right(act.requester, day) == "important_facts"
        )

    def request_state(self, request: Ev[InformationRequested]) -> RequestState:
        due, extension = self.request_deadline(request)
        answers = self.answers_to(request)
        act = request.act
        return RequestState(
            act.request,
            act.requester,
            act.kind,
            request.day,
            due,
            extension,
            answers[0].day if answers else None,
            request,
        )

    def requests_on(self, day: date) -> list[RequestState]:
        """Every request made by ``day``, in time order, with its deadline and first answer."""
        return [self.request_state(r) for r in self.requests if r.day <= day]

    # -- contacts with parents ----------------------------------------------------------

    def informs(
        self,
        person: str,
        *,
        topic: str | None = None,
        meeting: str | None = None,
        after: date | None = None,
        until: date | None = None,
        written: bool = False,
    ) -> list[Ev[ParentsInformed]]:
        """``parents_informed`` to ``person`` matching the filters, in time order.

        ``after`` is exclusive, ``until`` inclusive.
        """
        pool = self.informed if meeting is None else self.informed_by_meeting.get(meeting, [])
        found: list[Ev[ParentsInformed]] = []
        for informed in pool:
            if until is not None and informed.day > until:
                break
            act = informed.act
            if (
                (after is None or informed.day > after)
                and person in act.to
                and (topic is None or topic in act.topics)
                and (not written or act.channel in WRITTEN_CHANNELS)
            ):
                found.append(informed)
        return found

    def first_invitation(
        self, meeting: str, person: str, day: date | None = None
    ) -> Ev[ParentsInvited] | None:
        """The first invitation of ``person`` to ``meeting`` (*v2*: not from before the
        latest cancellation dated on or before ``day``, by default the as-of date)."""
        cancelled = self.cancellation(meeting, self.as_of if day is None else day)
        for invitation in self.invited_by_meeting.get(meeting, []):
            if person in invitation.act.to and (
                cancelled is None or invitation.day >= cancelled.day
            ):
                return invitation
        return None


def build_facts(
    case: str,
    case_events: Sequence[LoggedAction],
    school_events: Sequence[LoggedAction],
    policy: Policy,
    as_of: date,
) -> CaseFacts:
    return CaseFacts(case, case_events, school_events, policy, as_of)


def default_facts(case: CaseEvents, as_of: date) -> CaseFacts:
    """The facts of ``case`` under the default policy, built once for every read model
    recomputed from the same events (the due items and the findings share them)."""

    def build() -> CaseFacts:
        return CaseFacts(case.ref, case.events, case.school_events(), Policy(), as_of)

    facts: CaseFacts = case.derived(f"facts/{as_of.isoformat()}", build)
    return facts
