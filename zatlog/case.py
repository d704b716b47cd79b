"""The ``Case`` aggregate: one pupil's support trajectory and its invariants.

Every action on a case becomes one event, declared explicitly below (past
tense, one class per action of docs/import-format.md). An event carries the
real-world moment ``at`` (ISO text, as given), the recording ``actor`` and the
validated action as a JSON ``payload``; the library adds the recording time
(``timestamp``). The aggregate keeps only what its invariants need
(docs/import-format.md, what is refused); everything users read is rebuilt from the log.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate
from pydantic import BaseModel

from zatlog import actions as a
from zatlog.errors import InvalidAction
from zatlog.people import PUPIL, age_on, authority_holders
from zatlog.records import MomentKey, moment_key
from zatlog.steps import ALLOWED_STEPS, step_on

__all__ = ["ALLOWED_STEPS", "Case", "case_id"]


_CASE_NAMESPACE = uuid5(NAMESPACE_URL, "https://zatlog.invalid/case")


def case_id(reference: str) -> UUID:
    """The aggregate id of a case reference (unique within one database)."""
    return uuid5(_CASE_NAMESPACE, reference)


class Case(Aggregate):
    """A pupil's case, identified by the school's own case reference."""

    class ActionRecorded(Aggregate.Event):
        """Base of every case event: the action as recorded."""

        at: str
        actor: str
        payload: dict[str, Any]

        def apply(self, aggregate: Aggregate) -> None:
            assert isinstance(aggregate, Case)
            aggregate.absorb(self.payload, self.originator_version)

    class Opened(ActionRecorded, Aggregate.Created):
        """``case_opened``: the case's first event."""

    class RelationRecorded(ActionRecorded):
        """``relation_recorded``"""

    class InformationRestricted(ActionRecorded):
        """``information_restricted``"""

    class PupilCapacityAssessed(ActionRecorded):
        """``pupil_capacity_assessed``"""

    class PupilRefusedParentInformation(ActionRecorded):
        """``pupil_refused_parent_information``"""

    class PupilRefusalWithdrawn(ActionRecorded):
        """``pupil_refusal_withdrawn``"""

    class PupilAuthorisedPerson(ActionRecorded):
        """``pupil_authorised_person`` (*v2*)"""

    class PupilAuthorisationWithdrawn(ActionRecorded):
        """``pupil_authorisation_withdrawn`` (*v2*)"""

    class Closed(ActionRecorded):
        """``case_closed``"""

    class SignalRaised(ActionRecorded):
        """``signal_raised``"""

    class StepEntered(ActionRecorded):
        """``step_entered``"""

    class ParentsInformed(ActionRecorded):
        """``parents_informed``"""

    class ActionPlanRecorded(ActionRecorded):
        """``action_plan_recorded``"""

    class SdqRecorded(ActionRecorded):
        """``sdq_recorded``"""

    class ZatRegistered(ActionRecorded):
        """``zat_registered``"""

    class SupportArranged(ActionRecorded):
        """``support_arranged``"""

    class SupportEvaluated(ActionRecorded):
        """``support_evaluated``"""

    class ConsentFormIssued(ActionRecorded):
        """``consent_form_issued``"""

    class ConsentGiven(ActionRecorded):
        """``consent_given``"""

    class ConsentRefused(ActionRecorded):
        """``consent_refused``"""

    class ConsentWithdrawn(ActionRecorded):
        """``consent_withdrawn``"""

    class NoObjectionNoticeSent(ActionRecorded):
        """``no_objection_notice_sent``"""

    class ObjectionReceived(ActionRecorded):
        """``objection_received``"""

    class MeetingScheduled(ActionRecorded):
        """``meeting_scheduled``"""

    class MeetingCancelled(ActionRecorded):
        """``meeting_cancelled`` (*v2*)"""

    class ParentsInvited(ActionRecorded):
        """``parents_invited``"""

    class DiscussionHeld(ActionRecorded):
        """``discussion_held``"""

    class SafetyConcernRecorded(ActionRecorded):
        """``safety_concern_recorded``"""

    class SafetyOverrideInvoked(ActionRecorded):
        """``safety_override_invoked``"""

    class ParentNotificationDeferred(ActionRecorded):
        """``parent_notification_deferred``"""

    class ReportMade(ActionRecorded):
        """``report_made``"""

    class InformationRequested(ActionRecorded):
        """``information_requested``"""

    class InformationRequestExtended(ActionRecorded):
        """``information_request_extended``"""

    class InformationDisclosed(ActionRecorded):
        """``information_disclosed``"""

    class InformationRequestRefused(ActionRecorded):
        """``information_request_refused``"""

    def __init__(self) -> None:
        self.reference = ""
        self.school = "default"
        self.birth_date = date.min
        self.opened_on = date.min
        self.steps: list[tuple[date, str]] = []
        """Every ``step_entered`` as (date, step), in recording order."""
        self.closed = False
        self.relations: list[a.RelationRecorded] = []
        self.consent_forms: set[str] = set()
        self.notices: set[str] = set()
        self.requests: set[str] = set()
        self.providers: set[str] = set()
        self.meetings: dict[str, list[tuple[MomentKey, bool]]] = {}
        """Per meeting named by a schedule or an invitation: its schedulings and
        cancellations (where each stands in time, and whether it cancelled)."""

    # -- commands ---------------------------------------------------------------------------

    @classmethod
    def open(cls, action: a.CaseOpened, actor: str) -> Case:
        """Open a case: ``case_opened`` must be its first action."""
        return cls._create(
            cls.Opened,
            id=case_id(action.case),
            at=action.at.isoformat(),
            actor=actor,
            payload=a.event_payload(action),
        )

    def record(self, action: a.CaseActionType, actor: str) -> None:
        """Record any action after ``case_opened``, once its invariants hold."""
        if isinstance(action, a.CaseOpened):
            raise InvalidAction.of(
                "action",
                f"case {action.case} is already open",
                "case_already_open",
                case=action.case,
            )
        self.check_school(action)
        self.check_not_before_opening(action)
        self.check_open(action)
        self.check_references(action)
        self.check_specific(action)
        self.trigger_event(
            EVENT_FOR_ACTION[action.action],
            at=action.at.isoformat(),
            actor=actor,
            payload=a.event_payload(action),
        )

    # -- invariants (docs/import-format.md, what is refused) -----------------------------------

    def check_school(self, action: a.CaseAction) -> None:
        if action.school is not None and action.school != self.school:
            raise InvalidAction.of(
                "school",
                f"case {self.reference} belongs to school {self.school!r}, not {action.school!r}",
                "case_other_school",
                case=self.reference,
                school=repr(self.school),
                other=repr(action.school),
            )

    def check_not_before_opening(self, action: a.CaseAction) -> None:
        if action.day < self.opened_on:
            raise InvalidAction.of(
                "at",
                f"{action.day.isoformat()} is before case {self.reference} was opened "
                f"({self.opened_on.isoformat()})",
                "before_opening",
                day=action.day,
                case=self.reference,
                opened=self.opened_on,
            )

    def check_open(self, action: a.CaseAction) -> None:
        if self.closed and action.action not in a.INFORMATION_ACTIONS:
            raise InvalidAction.of(
                "action",
                f"case {self.reference} is closed; only information requests and disclosures "
                "may still be recorded",
                "case_closed",
                case=self.reference,
            )

    def check_person(self, field: str, person: str) -> None:
        if person != PUPIL and not any(r.person == person for r in self.relations):
            known = sorted({PUPIL, *(r.person for r in self.relations)})
            raise InvalidAction.of(
                field,
                f"unknown person {person!r} on case {self.reference}; record them with "
                f"relation_recorded first (known: {', '.join(known)})",
                "unknown_person",
                person=repr(person),
                case=self.reference,
                known=", ".join(known),
            )

    def check_references(self, action: a.CaseActionType) -> None:
        """Persons, consent forms, notices and requests must be known to the case."""
        fields = REFERENCE_FIELDS[action.action]
        for field in fields.persons:
            self.check_person(field, getattr(action, field))
        for field in fields.person_lists:
            for index, person in enumerate(getattr(action, field)):
                self.check_person(f"{field}[{index}]", person)
        for field, known, what, verb, key in (
            (fields.consent, self.consent_forms, "consent form", "issued", "form_never_issued"),
            (fields.notice, self.notices, "no-objection notice", "sent", "notice_never_sent"),
            (
                fields.request,
                self.requests,
                "information request",
                "recorded",
                "request_never_recorded",
            ),
        ):
            value = getattr(action, field) if field else None
            if value is not None and value not in known:
                raise InvalidAction.of(
                    field,
                    f"{what} {value!r} was never {verb} on case {self.reference}",
                    key,
                    value=repr(value),
                    case=self.reference,
                )

    def check_specific(self, action: a.CaseAction) -> None:
        if isinstance(action, a.RelationRecorded) and action.person == PUPIL:
            raise InvalidAction.of(
                "person", "'pupil' is the pupil; choose another person id", "pupil_id_reserved"
            )
        if isinstance(action, a.StepEntered):
            # The step the case is in on the action's date, by the rule every view uses.
            entered = step_on(self.steps, action.day)
            step = None if entered is None else entered[0]
            allowed = ALLOWED_STEPS[step]
            if action.step not in allowed:
                current = f"step {step}" if step else "a new case"
                raise InvalidAction.of(
                    "step",
                    f"cannot enter step {action.step} from {current}; allowed next: "
                    f"{', '.join(allowed)}",
                    "step_not_allowed" if step else "step_not_allowed_new",
                    step=action.step,
                    current=step or "",
                    allowed=", ".join(allowed),
                )
        if isinstance(action, a.PupilRefusedParentInformation):
            age = age_on(self.birth_date, action.day)
            if age < 16:
                raise InvalidAction.of(
                    "at",
                    f"the pupil is {age} on {action.day.isoformat()}; only a pupil of 16 or "
                    "older can refuse information to parents",
                    "pupil_too_young_refuse",
                    age=age,
                    day=action.day,
                )
        if (
            isinstance(action, a.InformationRestricted)
            and action.basis == "child_interest"
            and action.person in authority_holders(self.relations, self.birth_date, action.day)
        ):
            raise InvalidAction.of(
                "basis",
                f"{action.person} holds authority on {action.day.isoformat()}; only a "
                "court order or an OTS instruction can restrict an authority holder",
                "restrict_authority_holder",
                person=action.person,
                day=action.day,
            )
        if (
            isinstance(action, a.SupportEvaluated)
            and _provider_key(action.provider) not in self.providers
        ):
            raise InvalidAction.of(
                "provider",
                f"provider {action.provider!r} was never arranged on case {self.reference} "
                "(record support_arranged first)",
                "provider_unknown",
                provider=repr(action.provider),
                case=self.reference,
            )
        if isinstance(action, a.PupilAuthorisedPerson):
            self.check_may_authorise(action)
        if isinstance(action, a.MeetingCancelled):
            self.check_may_cancel(action)
        if isinstance(action, a.DiscussionHeld):
            self.check_not_cancelled(action)
        if isinstance(action, a.ConsentFormIssued) and action.consent in self.consent_forms:
            raise InvalidAction.of(
                "consent",
                f"consent form {action.consent!r} was already issued",
                "form_issued_twice",
                form=repr(action.consent),
            )
        if isinstance(action, a.NoObjectionNoticeSent) and action.notice in self.notices:
            raise InvalidAction.of(
                "notice",
                f"notice {action.notice!r} was already sent",
                "notice_sent_twice",
                notice=repr(action.notice),
            )
        if isinstance(action, a.InformationRequested) and action.request in self.requests:
            raise InvalidAction.of(
                "request",
                f"request {action.request!r} was already recorded",
                "request_recorded_twice",
                request=repr(action.request),
            )

    def check_may_authorise(self, action: a.PupilAuthorisedPerson) -> None:
        if action.person == PUPIL:
            raise InvalidAction.of(
                "person",
                "the pupil cannot authorise themselves; name the person they authorise",
                "pupil_self_authorise",
            )
        age = age_on(self.birth_date, action.day)
        if age < 16:
            raise InvalidAction.of(
                "at",
                f"the pupil is {age} on {action.day.isoformat()}; only a pupil of 16 or "
                "older can authorise a person",
                "pupil_too_young_authorise",
                age=age,
                day=action.day,
            )

    def check_may_cancel(self, action: a.MeetingCancelled) -> None:
        if action.meeting not in self.meetings:
            raise InvalidAction.of(
                "meeting",
                f"meeting {action.meeting!r} was never scheduled or invited to on case "
                f"{self.reference} (record meeting_scheduled or parents_invited first)",
                "meeting_unknown",
                meeting=repr(action.meeting),
                case=self.reference,
            )
        # Refused also when a cancellation follows with no scheduling between (recorded
        # before this back-dated one): the meeting would be cancelled twice in a row.
        cancelled = self.cancelled_on(action.meeting, action) or self.next_cancellation(
            action.meeting, action
        )
        if cancelled is not None:
            raise InvalidAction.of(
                "meeting",
                f"meeting {action.meeting!r} was already cancelled on {cancelled.isoformat()}",
                "meeting_cancelled_twice",
                meeting=repr(action.meeting),
                day=cancelled,
            )

    def check_not_cancelled(self, action: a.DiscussionHeld) -> None:
        cancelled = self.cancelled_on(action.meeting, action)
        if cancelled is not None:
            raise InvalidAction.of(
                "meeting",
                f"meeting {action.meeting!r} was cancelled on {cancelled.isoformat()}; "
                "schedule it again first (meeting_scheduled)",
                "meeting_cancelled_before",
                meeting=repr(action.meeting),
                day=cancelled,
            )

    def cancelled_on(self, meeting: str, action: a.CaseAction) -> date | None:
        """The day of the meeting's cancellation in force at ``action``, if any: its latest
        scheduling or cancellation that comes before ``action`` in time is a cancellation."""
        now = moment_key(action.day, action.clock, self.version + 1)
        earlier = [entry for entry in self.meetings.get(meeting, []) if entry[0] < now]
        if not earlier:
            return None
        key, cancelled = max(earlier)
        return key[0] if cancelled else None

    def next_cancellation(self, meeting: str, action: a.CaseAction) -> date | None:
        """The day of the meeting's next scheduling or cancellation after ``action`` in
        time, when that is a cancellation."""
        now = moment_key(action.day, action.clock, self.version + 1)
        later = [entry for entry in self.meetings.get(meeting, []) if entry[0] > now]
        if not later:
            return None
        key, cancelled = min(later)
        return key[0] if cancelled else None

    # -- state --------------------------------------------------------------------------------

    def absorb(self, payload: dict[str, Any], version: int) -> None:
        """Update the invariant state with a recorded action's payload.

        Works on the stored JSON, not the model, so that replaying a case stays cheap.
        """
        name = payload["action"]
        if name == "case_opened":
            self.reference = payload["case"]
            self.school = payload["school"]
            self.birth_date = date.fromisoformat(payload["birth_date"])
            self.opened_on = date.fromisoformat(payload["at"][:10])
        elif name == "relation_recorded":
            relation = a.RelationRecorded.model_validate(payload, strict=False, context=a.STORED)
            self.relations.append(relation)
            self.relations.sort(key=lambda r: moment_key(r.day, r.clock, 0))  # stable
        elif name == "step_entered":
            self.steps.append((date.fromisoformat(payload["at"][:10]), payload["step"]))
        elif name == "case_closed":
            self.closed = True
        elif name == "consent_form_issued":
            self.consent_forms.add(payload["consent"])
        elif name == "no_objection_notice_sent":
            self.notices.add(payload["notice"])
        elif name == "information_requested":
            self.requests.add(payload["request"])
        elif name == "support_arranged":
            self.providers.add(_provider_key(payload["provider"]))
        elif name in ("meeting_scheduled", "meeting_cancelled"):
            moment = a.parse_moment(payload["at"])
            key = moment_key(a.day_of(moment), a.clock_of(moment), version)
            entries = self.meetings.setdefault(payload["meeting"], [])
            entries.append((key, name == "meeting_cancelled"))
        elif name == "parents_invited":
            self.meetings.setdefault(payload["meeting"], [])


def _provider_key(provider: str) -> str:
    """Providers are compared after trimming and lower-casing, like meeting attendees."""
    return provider.strip().lower()


@dataclass(frozen=True)
class _References:
    """Which fields of an action name persons, a form, a notice or a request."""

    persons: tuple[str, ...]
    person_lists: tuple[str, ...]
    consent: str
    notice: str
    request: str


def _references(name: str, model: type[BaseModel]) -> _References:
    fields = model.model_fields
    if name == "relation_recorded":
        return _References((), (), "", "", "")
    persons: tuple[str, ...] = tuple(f for f in ("person", "signer", "requester") if f in fields)
    if name == "information_disclosed":
        persons += ("to",)
    lists = tuple(
        f
        for f in ("to", "targets")
        if f in fields and typing.get_origin(_bare(fields[f].annotation)) is list
    )
    return _References(
        persons=persons,
        person_lists=lists,
        consent="consent" if "consent" in fields and name != "consent_form_issued" else "",
        notice="notice" if "notice" in fields and name != "no_objection_notice_sent" else "",
        request="request" if "request" in fields and name != "information_requested" else "",
    )


def _bare(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


REFERENCE_FIELDS: dict[str, _References] = {
    name: _references(name, model) for name, model in a.ACTION_CLASSES.items()
}


EVENT_FOR_ACTION: dict[str, type[Case.ActionRecorded]] = {
    "relation_recorded": Case.RelationRecorded,
    "information_restricted": Case.InformationRestricted,
    "pupil_capacity_assessed": Case.PupilCapacityAssessed,
    "pupil_refused_parent_information": Case.PupilRefusedParentInformation,
    "pupil_refusal_withdrawn": Case.PupilRefusalWithdrawn,
    "pupil_authorised_person": Case.PupilAuthorisedPerson,
    "pupil_authorisation_withdrawn": Case.PupilAuthorisationWithdrawn,
    "case_closed": Case.Closed,
    "signal_raised": Case.SignalRaised,
    "step_entered": Case.StepEntered,
    "parents_informed": Case.ParentsInformed,
    "action_plan_recorded": Case.ActionPlanRecorded,
    "sdq_recorded": Case.SdqRecorded,
    "zat_registered": Case.ZatRegistered,
    "support_arranged": Case.SupportArranged,
    "support_evaluated": Case.SupportEvaluated,
    "consent_form_issued": Case.ConsentFormIssued,
    "consent_given": Case.ConsentGiven,
    "consent_refused": Case.ConsentRefused,
    "consent_withdrawn": Case.ConsentWithdrawn,
    "no_objection_notice_sent": Case.NoObjectionNoticeSent,
    "objection_received": Case.ObjectionReceived,
    "meeting_scheduled": Case.MeetingScheduled,
    "meeting_cancelled": Case.MeetingCancelled,
    "parents_invited": Case.ParentsInvited,
    "discussion_held": Case.DiscussionHeld,
    "safety_concern_recorded": Case.SafetyConcernRecorded,
    "safety_override_invoked": Case.SafetyOverrideInvoked,
    "parent_notification_deferred": Case.ParentNotificationDeferred,
    "report_made": Case.ReportMade,
    "information_requested": Case.InformationRequested,
    "information_request_extended": Case.InformationRequestExtended,
    "information_disclosed": Case.InformationDisclosed,
    "information_request_refused": Case.InformationRequestRefused,
}
"""Action name → the event class that records it (``case_opened`` is ``Case.Opened``)."""
