"""What the rules need to know about one case, indexed once.

:class:`CaseFacts` sorts a case's events (``at`` date, ties in recording
order), drops those after the audit's as-of date and files each one by kind,
so that every rule looks up what it needs instead of rescanning the log. The
people questions of docs/rules.md (authority holders, required
invitees and signers, refusal targets, rights) are answered here, memoized
per date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from zatlog import actions, people
from zatlog.actions import (
    WRITTEN_CHANNELS,
    ActionPlanRecorded,
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
    SupportArranged,
    ZatRegistered,
)
from zatlog.people import PUPIL, PupilChoice, PupilStance, Right
from zatlog.policy import Policy
from zatlog.projections.audit import catalog
from zatlog.records import LoggedAction

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

_TOPIC_CATEGORIES: dict[str, str] = {
    "outcome": "outcome",
    "advice_home": "outcome",
    "plan": "plan",
    "report": "reports",
}


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
        items = {"contacts"} | {
            _TOPIC_CATEGORIES[t] for t in action.topics if t in _TOPIC_CATEGORIES
        }
        return Disclosed(False, frozenset(items))
    items = {norm(item) for item in action.items}
    if "dossier" in items:
        redacted = {norm(r.item) for r in action.redactions or ()}
        return Disclosed(True, frozenset(redacted))
    return Disclosed(False, frozenset(items))


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
    """One case's events (up to the as-of date), filed by kind, with the people rules."""

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
        self.planning: dict[str, list[Ev[Planning]]] = defaultdict(list)
        """Per meeting: its schedulings and cancellations, in time order."""
        self.cancelled: dict[str, list[Ev[MeetingCancelled]]] = defaultdict(list)
        self.arrangements: list[Ev[SupportArranged]] = []
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
            case actions.SupportEvaluated() | actions.StepEntered() | actions.SignalRaised():
                pass  # a third of a case's events, and no fact the rules use: decided first
            case ActionPlanRecorded():
                self.plans.append(Ev(event, action, day))
            case SupportArranged():
                self.arrangements.append(Ev(event, action, day))
            case MeetingScheduled():
                self.planning[action.meeting].append(Ev(event, action, day))
            case MeetingCancelled():
                self.planning[action.meeting].append(Ev(event, action, day))
                self.cancelled[action.meeting].append(Ev(event, action, day))
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

    def who(self, person: str, day: date) -> tuple[str, str]:
        """How messages name ``person`` (Dutch, English): the id and the relation on ``day``."""
        relation = self.relations_on(day).get(person)
        kind = None if relation is None else relation.relation
        return catalog.person(person, kind, "nl"), catalog.person(person, kind, "en")

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
                and act.method in ("signature", "electronic_signature")
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
