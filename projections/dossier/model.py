"""The dossier of one case as one reader may see it (docs/parent-dossier.md).

:func:`build_dossier` is a pure function of the case's events, its school's
events, the reader, the export date, the policy and the coordinator's choice
about safety records. It decides the reader's right on the export date
(:func:`zatlog.people.right_of`), refuses when that right is ``none`` (or an
active restriction withholds everything), and otherwise keeps what the right
covers: a ``full`` right gets the whole dossier, ``important_facts`` the
status, discussions, outcomes, plans and support plus the reader's own
contacts and requests. Active ``information_restricted`` scopes are removed,
safety records (``reports``) are withheld from everyone but the pupil unless
the coordinator includes them on purpose, and every omission is named as a
redaction ``{item, ground}`` with the item categories of docs/import-format.md.

The result is a :class:`Dossier`: language-neutral codes, dates and person
ids, the input of every renderer and, as JSON, the portable export whose
JSON Schema is kept in ``schemas/dossier.schema.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final, Literal
from uuid import NAMESPACE_URL, uuid5

from pydantic import BaseModel, ConfigDict

from zatlog import actions as a
from zatlog.errors import ZatlogError
from zatlog.people import PUPIL, Right
from zatlog.policy import Policy
from zatlog.projections.facts import TOPIC_CATEGORIES, CaseFacts, Ev, norm
from zatlog.records import LoggedAction, MomentKey

FORMAT: Final = "zatlog-dossier/1"
"""The export format and its version (the JSON Schema's ``format`` constant)."""

SAFETY_NOTE = "; safety records included on purpose"
"""Appended to a disclosure's note when the coordinator included the safety records; left
out of the history shown to a reader who does not see them."""


CATEGORY_OF_ACTION: dict[str, str] = {
    "case_opened": "status",
    "step_entered": "status",
    "zat_registered": "status",
    "case_closed": "status",
    "signal_raised": "signals",
    "relation_recorded": "relations",
    "information_restricted": "relations",
    "pupil_refused_parent_information": "relations",
    "pupil_refusal_withdrawn": "relations",
    "pupil_authorised_person": "relations",
    "pupil_authorisation_withdrawn": "relations",
    "pupil_capacity_assessed": "consents",
    "consent_form_issued": "consents",
    "consent_given": "consents",
    "consent_refused": "consents",
    "consent_withdrawn": "consents",
    "no_objection_notice_sent": "consents",
    "objection_received": "consents",
    "parents_informed": "contacts",
    "parents_invited": "contacts",
    "meeting_scheduled": "discussions",
    "meeting_cancelled": "discussions",
    "discussion_held": "discussions",
    "action_plan_recorded": "plan",
    "sdq_recorded": "sdq",
    "support_arranged": "support",
    "support_evaluated": "evaluations",
    "safety_concern_recorded": "reports",
    "safety_override_invoked": "reports",
    "parent_notification_deferred": "reports",
    "report_made": "reports",
    "information_requested": "requests",
    "information_request_extended": "requests",
    "information_disclosed": "requests",
    "information_request_refused": "requests",
}
"""The category each action's event belongs to: a fixed item category, or one of the
free labels ``status``, ``signals``, ``discussions``, ``support``, ``evaluations``."""

RedactionGround = a.RedactionGround

IMPORTANT_FACTS: frozenset[str] = frozenset(
    {"name", "birth_date", "status", "discussions", "outcome", "plan", "support"}
)
"""What the right to important facts covers (docs/parent-dossier.md), besides the reader's
own contacts and requests."""

OWN_ONLY: tuple[str, ...] = ("contacts", "requests")
"""Categories an ``important_facts`` reader gets only as far as they concern the reader."""

OUTSIDE_IMPORTANT_FACTS: tuple[tuple[str, RedactionGround], ...] = (
    ("signals", "others_rights"),
    ("relations", "others_rights"),
    ("consents", "others_rights"),
    ("contacts", "others_rights"),
    ("requests", "others_rights"),
    ("sdq", "others_rights"),
    ("evaluations", "others_rights"),
    ("reports", "child_interest"),
)
"""What an ``important_facts`` export leaves out, and on which ground (contacts and
requests: those of other persons)."""

RefusalReason = Literal["pupil_refusal", "adult_pupil", "relation", "restricted_all"]


class NoRight(ZatlogError):
    """The reader has no right to information about the case on the export date.

    ``reason`` says why: ``pupil_refusal`` (the 16+ pupil refused them),
    ``adult_pupil`` (the pupil is 18 or older), ``relation`` (their relation
    carries no right), ``restricted_all`` (an active restriction covers
    everything). ``since`` is the date of the deciding event, ``basis`` the
    restriction's basis.
    """

    def __init__(
        self,
        *,
        case: str,
        person: str,
        day: date,
        reason: RefusalReason,
        age: int,
        relation: str | None,
        since: date | None = None,
        basis: str | None = None,
    ) -> None:
        self.case = case
        self.person = person
        self.day = day
        self.reason = reason
        self.age = age
        self.relation = relation
        self.since = since
        self.basis = basis
        super().__init__(f"{person} has no right to information about case {case} on {day}")


# -- the dossier ------------------------------------------------------------------------------


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reader(_Part):
    """Who the export is for, and their right on the export date."""

    person: str
    name: str | None
    relation: str
    authority: str | None
    right: Right


class Pupil(_Part):
    """The pupil; ``name`` and ``birth_date`` are null when withheld."""

    name: str | None
    birth_date: date | None
    age: int | None
    school_type: Literal["so", "vso"]


class Status(_Part):
    opened_on: date
    step: str | None
    step_since: date | None
    closed_on: date | None
    closed_reason: str | None


class Withheld(_Part):
    """A redaction: an item category left out of this export and why.

    ``basis``, ``since`` and ``until`` describe the restriction behind the
    ground ``restriction``.
    """

    item: str
    ground: RedactionGround
    basis: str | None = None
    since: date | None = None
    until: date | None = None


class TimelineMark(_Part):
    """One mark on the first page's timeline: ``kind`` with a code (step, forum, report)."""

    on: date
    kind: Literal["opened", "signal", "step", "meeting", "report", "closed"]
    code: str | None = None


class RelationPeriod(_Part):
    since: date
    relation: str
    authority: str
    measure: str


class Person(_Part):
    """A person recorded on the case: their relation on the export date and before."""

    person: str
    name: str
    relation: str
    authority: str
    measure: str
    since: date
    earlier: list[RelationPeriod]


class Restriction(_Part):
    person: str
    basis: str
    scope: list[str]
    motivation: str
    since: date
    until: date | None
    active: bool


class PupilDecision(_Part):
    """The pupil's refusal of information to persons, or its withdrawal."""

    on: date
    decision: Literal["refused", "withdrawn"]
    targets: list[str]


class Relations(_Part):
    persons: list[Person]
    restrictions: list[Restriction]
    pupil_decisions: list[PupilDecision]


class HistoryEntry(_Part):
    """One event: what happened (``action`` and ``details``), when (``at``), who recorded
    it (``recorded_by``) and when (``recorded_at``). ``back_dated``: recorded more than a
    day after ``at`` (not counting actions brought over from another system), which the
    document shows beside its date."""

    position: int
    at: str
    action: str
    category: str
    recorded_by: str
    recorded_at: datetime
    back_dated: bool
    details: dict[str, Any]


class ConsentDecision(_Part):
    signer: str
    decision: Literal["given", "refused", "withdrawn"]
    method: str | None
    on: date


class ConsentForm(_Part):
    """A consent form, its decisions, and its standing on the export date: ``status`` one
    of ``valid``, ``expired``, ``incomplete``, ``refused``, ``withdrawn``, and the
    required signers still ``missing``."""

    consent: str
    issued_on: date
    forum: str
    purpose: str
    participants: list[str]
    data_categories: list[str]
    valid_until: date | None
    status: Literal["valid", "expired", "incomplete", "refused", "withdrawn"]
    missing: list[str]
    decisions: list[ConsentDecision]


class Objection(_Part):
    person: str
    on: date


class Notice(_Part):
    notice: str
    sent_on: date
    to: list[str]
    channel: str
    objection_deadline: date
    participants: list[str] | None
    objections: list[Objection]


class CapacityAssessment(_Part):
    on: date
    capable: bool


class Consents(_Part):
    forms: list[ConsentForm]
    notices: list[Notice]
    capacity: list[CapacityAssessment]


class ConsentInForce(_Part):
    """The consent for one forum on the export date, as the case state reads it.

    ``in_force``: a form of the forum is valid that day (every required signature
    given, none refused or withdrawn since, not expired); ``missing``: when none is,
    whose required signature the latest form still lacks. ``signed`` gave written
    consent, ``verbal`` only spoken consent; ``refused``, ``withdrawn`` and
    ``objected`` name whose latest decision says no.
    """

    forum: str
    forms: list[str]
    valid_until: date | None
    expired: bool
    in_force: bool
    missing: list[str]
    signed: list[str]
    verbal: list[str]
    refused: list[str]
    withdrawn: list[str]
    objected: list[str]


class Meeting(_Part):
    meeting: str
    scheduled_on: date
    forum: str
    date: date
    purpose: str


class Discussion(_Part):
    """A discussion of the pupil; fields outside the reader's right or withheld are null."""

    meeting: str
    on: date
    forum: str
    level: str | None
    basis: str | None
    consent: str | None
    notice: str | None
    attendees: list[str] | None
    parents_present: bool | None
    pupil_present: bool | None
    data_shared: list[str] | None
    outcome: str | None
    advice_school: str | None
    advice_home: str | None


class SdqScore(_Part):
    on: date
    informant: str
    emotional: int
    conduct: int
    hyperactivity: int
    peer: int
    prosocial: int
    total_difficulties: int
    band: Literal["normal", "borderline", "abnormal"]


class Plan(_Part):
    on: date
    kind: str
    advice_school: str | None
    advice_home: str | None
    parents_agreed: bool | None


class Evaluation(_Part):
    on: date
    evaluator: str
    effect_in_class: int
    worked_at_school: bool
    involved_teacher: bool
    involved_parents: bool
    comment: str | None


class Support(_Part):
    provider: str
    kind: str
    municipality: str | None
    arranged_on: date
    evaluations: list[Evaluation] | None


class Contact(_Part):
    """A ``parents_informed`` (kind ``informed``) or ``parents_invited`` (``invited``)."""

    on: date
    kind: Literal["informed", "invited"]
    to: list[str]
    channel: str
    topics: list[str] | None
    meeting: str | None
    summary: str | None
    purpose_and_composition_included: bool | None


class SafetyRecord(_Part):
    """A safety-track event (meldcode): concern, override, deferral or report."""

    on: date
    action: str
    details: dict[str, Any]


class Reports(_Part):
    records: list[SafetyRecord]
    notices: list[Contact]
    """Parents informed about a report (topic ``report``)."""


class RequestAnswer(_Part):
    on: date
    kind: Literal["extended", "disclosed", "refused"]
    to: str | None = None
    items: list[str] | None = None
    redactions: list[str] | None = None
    format: str | None = None
    new_deadline: date | None = None
    ground: str | None = None
    motivation: str | None = None


class Request(_Part):
    """An information request; ``answer_due`` is its one deadline, the one the audit judges
    by (an extension counts only when recorded within the first month)."""

    request: str
    requester: str
    kind: str
    on: date
    answer_due: date
    answers: list[RequestAnswer]


class Recipient(_Part):
    """Someone who received information about the pupil (AVG art. 15(1)(c)).

    ``via`` is ``disclosure`` (information_disclosed), ``contact``
    (parents_informed), ``discussion`` (an attendee of an identified
    discussion) or ``report`` (a report to Veilig Thuis or a care team).
    """

    on: date
    recipient: str
    via: Literal["disclosure", "contact", "discussion", "report"]
    items: list[str]
    detail: str | None


class Look(_Part):
    """Who looked at the dossier on one day (the access log, NEN 7513), folded: consecutive
    looks of one staff member on one day are one line.

    ``function`` is the staff member's function from the policy's ``staff_functions``
    (null: not named there); ``name`` their staff id, only when the policy's
    ``access_log_names`` allows it. ``what`` are the commands (``case show``,
    ``dossier export``, …), ``why`` the purposes given.
    """

    on: date
    function: str | None
    name: str | None
    what: list[str]
    why: list[str]


class Involvement(_Part):
    """An audit finding on how the parents were involved, in plain words."""

    rule: str
    severity: Literal["critical", "major", "minor"]
    on: date
    message_nl: str
    message_en: str


class Dossier(BaseModel):
    """Everything one export shows; null sections are outside the reader's right."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="zatlog dossier export",
        json_schema_serialization_defaults_required=True,  # an export always has them
    )

    format: Literal["zatlog-dossier/1"]
    document_id: str
    case: str
    school: str
    export_date: date
    reader: Reader
    request: str | None
    include_safety: bool
    disclosed_items: list[str]
    redactions: list[Withheld]
    names: dict[str, str]
    pupil: Pupil
    status: Status
    timeline: list[TimelineMark]
    history: list[HistoryEntry]
    relations: Relations | None
    consents: Consents | None
    consent_now: list[ConsentInForce] | None
    meetings: list[Meeting] | None
    discussions: list[Discussion] | None
    sdq: list[SdqScore] | None
    plans: list[Plan] | None
    support: list[Support] | None
    contacts: list[Contact] | None
    reports: Reports | None
    requests: list[Request] | None
    recipients: list[Recipient] | None
    involvement: list[Involvement] | None
    looks: list[Look] = []
    """Who looked at the dossier, oldest first (every reader is shown this)."""
    log_digest: str | None = None
    """The digest of the log the export was computed from (``zatlog verify --against``)."""

    @property
    def log_digest_short(self) -> str | None:
        """The digest's short form (16 hex digits of the root), for the page footer."""
        if not self.log_digest:
            return None
        head, _, root = self.log_digest.rpartition("-")
        return f"{head}-{root[:16]}"


# -- building it ------------------------------------------------------------------------------


@dataclass
class _View:
    """What the reader may see: hidden categories, and whether only their own items."""

    reader: str
    right: Right
    hidden: set[str] = field(default_factory=set)
    restricted: set[str] = field(default_factory=set)
    requests_of_reader: set[str] = field(default_factory=set)

    @property
    def full(self) -> bool:
        return self.right == "full"

    def sees(self, category: str) -> bool:
        if category in self.hidden or category in self.restricted:
            return False
        if self.full:
            return True
        return category in IMPORTANT_FACTS or category in OWN_ONLY

    def sees_event(self, action: a.Action) -> bool:
        category = CATEGORY_OF_ACTION.get(action.action, action.action)
        if isinstance(action, a.RelationRecorded | a.InformationRestricted) and (
            action.person == self.reader and self.full
        ):
            return True
        if not self.sees(category):
            return False
        if isinstance(action, a.ParentsInformed):
            extra = {TOPIC_CATEGORIES[t] for t in action.topics if t in TOPIC_CATEGORIES}
            if not all(self.sees(c) for c in extra):
                return False
        if self.full or category not in OWN_ONLY:
            return True
        return self._own(action)

    def _own(self, action: a.Action) -> bool:
        if isinstance(action, a.ParentsInformed | a.ParentsInvited):
            return self.reader in action.to
        if isinstance(action, a.InformationRequested):
            return action.requester == self.reader
        if isinstance(action, a.InformationDisclosed):
            return action.to == self.reader
        if isinstance(action, a.InformationRequestExtended | a.InformationRequestRefused):
            return action.request in self.requests_of_reader
        return False


def build_dossier(
    case_events: Sequence[LoggedAction],
    school_events: Sequence[LoggedAction],
    reader: str,
    export_date: date,
    policy: Policy,
    *,
    include_safety: bool = False,
    request: str | None = None,
) -> Dossier:
    """The dossier of one case for ``reader`` on ``export_date``.

    Raises :class:`NoRight` when the reader's right is ``none`` or an active
    restriction covers everything, and :class:`ZatlogError` for an unknown
    case, reader or request, or safety records asked for a reader whose right
    never covers them.
    """
    refs = {e.case for e in case_events if e.case}
    facts = CaseFacts(min(refs, default=""), case_events, school_events, policy, export_date)
    events = facts.events
    if facts.opened is None:
        if refs:
            raise ZatlogError(
                f"case {min(refs)} was not open on {export_date.isoformat()}",
                key="case_not_open_on",
                case=min(refs),
                day=export_date,
            )
        raise ZatlogError("no such case: it has no recorded actions", key="no_such_case")
    opened = facts.opened.log
    case_action = facts.opened.act
    case_ref = case_action.case
    birth_date = case_action.birth_date
    relations = [r.act for r in facts.relations]
    current = facts.relations_on(export_date)
    if reader != PUPIL and reader not in current:
        known = ", ".join(sorted({PUPIL, *current}))
        raise ZatlogError(
            f"unknown person {reader!r} on case {case_ref} on {export_date.isoformat()} "
            f"(known: {known})",
            key="unknown_reader",
            person=repr(reader),
            case=case_ref,
            day=export_date,
            known=known,
        )
    refused = set(facts.refusal_targets(export_date))
    right = facts.right(reader, export_date)
    age = facts.age(export_date)
    relation = current.get(reader)
    if right == "none":
        raise _no_right(case_ref, reader, export_date, age, relation, refused, facts)
    active = [r for r in facts.restrictions_on(export_date) if r.act.person == reader]
    scope = facts.authorised_scope(reader, export_date)
    for restriction in active:
        if any(norm(item) == "all" for item in restriction.act.scope):
            raise NoRight(
                case=case_ref,
                person=reader,
                day=export_date,
                reason="restricted_all",
                age=age,
                relation=None if relation is None else relation.relation,
                since=restriction.day,
                basis=restriction.act.basis,
            )
    if include_safety and right != "full":
        raise ZatlogError(
            f"{reader} has the right to important facts only, which never covers safety "
            "records; export without including them",
            key="safety_not_covered",
            person=reader,
        )

    view = _View(reader, right)
    redactions = _redactions(view, active, include_safety)
    view.requests_of_reader = {r.act.request for r in facts.requests if r.act.requester == reader}
    if scope is not None:
        redactions += _outside_scope(view, scope, _authorisation(facts, reader), redactions)
    if request is not None:
        _check_request(facts, request, reader, case_ref)

    visible = [e for e in events if view.sees_event(e.action)]
    names = _names(view, case_action, relations, current)
    return Dossier(
        format=FORMAT,
        document_id=_document_id(case_ref, reader, export_date, events, include_safety, request),
        case=case_ref,
        school=case_action.school,
        export_date=export_date,
        reader=Reader(
            person=reader,
            name=names.get(reader),
            relation=PUPIL if relation is None else relation.relation,
            authority=None if relation is None else relation.authority,
            right=right,
        ),
        request=request,
        include_safety=include_safety and view.sees("reports"),
        disclosed_items=["dossier"] if view.full else _items_of(view, visible),
        redactions=redactions,
        names=names,
        pupil=Pupil(
            name=case_action.pupil_name if view.sees("name") else None,
            birth_date=birth_date if view.sees("birth_date") else None,
            age=age if view.sees("birth_date") else None,
            school_type=case_action.school_type,
        ),
        status=_status(facts, opened),
        timeline=_timeline(visible),
        history=[_entry(e, view) for e in visible],
        relations=_relations(visible, facts) if view.sees("relations") else None,
        consents=_consents(facts) if view.sees("consents") else None,
        consent_now=_consent_now(facts) if view.sees("consents") else None,
        meetings=_meetings(visible) if view.sees("discussions") else None,
        discussions=[_discussion(e, view) for e in _of(visible, a.DiscussionHeld)]
        if view.sees("discussions")
        else None,
        sdq=_sdq(visible, policy) if view.sees("sdq") else None,
        plans=[_plan(e) for e in _of(visible, a.ActionPlanRecorded)] if view.sees("plan") else None,
        support=_support(visible, view) if view.sees("support") else None,
        contacts=[_contact(e) for e in visible if _is_contact(e)]
        if view.sees("contacts")
        else None,
        reports=_reports(visible) if view.sees("reports") else None,
        requests=_requests(facts, view) if view.sees("requests") else None,
        recipients=_recipients(visible) if view.full else None,
        involvement=(_involvement(facts, case_events, visible, names) if view.full else None),
    )


def _no_right(
    case: str,
    reader: str,
    day: date,
    age: int,
    relation: a.RelationRecorded | None,
    refused: set[str],
    facts: CaseFacts,
) -> NoRight:
    kind = None if relation is None else relation.relation
    if 16 <= age < 18 and reader in refused:
        since = max(
            r.day
            for r in facts.refusals
            if r.day <= day
            and isinstance(r.act, a.PupilRefusedParentInformation)
            and reader in r.act.targets
        )
        return NoRight(
            case=case,
            person=reader,
            day=day,
            reason="pupil_refusal",
            age=age,
            relation=kind,
            since=since,
        )
    reason: RefusalReason = "adult_pupil" if age >= 18 else "relation"
    return NoRight(case=case, person=reader, day=day, reason=reason, age=age, relation=kind)


def _redactions(
    view: _View, active: Sequence[Ev[a.InformationRestricted]], include_safety: bool
) -> list[Withheld]:
    """Every omission with its ground; restrictions first, one redaction per item."""
    redactions: dict[str, Withheld] = {}
    for event in active:
        restriction = event.act
        for raw in restriction.scope:
            item = norm(raw)
            if item not in redactions:
                redactions[item] = Withheld(
                    item=item,
                    ground="restriction",
                    basis=restriction.basis,
                    since=event.day,
                    until=restriction.until,
                )
    view.restricted = set(redactions)
    if view.full:
        if view.reader != PUPIL and not include_safety and "reports" not in redactions:
            redactions["reports"] = Withheld(item="reports", ground="child_interest")
            view.hidden.add("reports")
    else:
        for item, ground in OUTSIDE_IMPORTANT_FACTS:
            if item not in redactions:
                redactions[item] = Withheld(item=item, ground=ground)
        view.hidden.add("reports")
    return list(redactions.values())


def _authorisation(facts: CaseFacts, reader: str) -> LoggedAction:
    """The reader's authorisation in force (the latest one: an export is made on or after it)."""
    return [
        c.log
        for c in facts.choices
        if isinstance(c.act, a.PupilAuthorisedPerson) and c.act.person == reader
    ][-1]


DOSSIER_CATEGORIES: tuple[str, ...] = tuple(
    sorted({*CATEGORY_OF_ACTION.values(), *a.ITEM_CATEGORIES} - {"status"})
)
"""Every category an export can withhold (the case's status and step is always shown)."""


def _outside_scope(
    view: _View, scope: frozenset[str], authorisation: LoggedAction, already: list[Withheld]
) -> list[Withheld]:
    """*v2* section 6: a full right from an authorisation with a scope covers that scope only;
    the rest is withheld as if restricted, named with ground ``restriction``."""
    assert isinstance(authorisation.action, a.PupilAuthorisedPerson)
    shown = set(scope)
    if "outcome" in shown:
        shown.add("discussions")  # an outcome is shown with its discussion's date and forum
    named = {w.item for w in already}
    withheld = [c for c in DOSSIER_CATEGORIES if c not in shown]
    view.restricted.update(withheld)
    return [
        Withheld(
            item=category,
            ground="restriction",
            basis="pupil_authorisation",
            since=authorisation.day,
            until=authorisation.action.until,
        )
        for category in withheld
        if category not in named
    ]


def _check_request(facts: CaseFacts, request: str, reader: str, case: str) -> None:
    for event in facts.requests:
        action = event.act
        if action.request == request:
            if action.requester != reader:
                raise ZatlogError(
                    f"request {request!r} on case {case} was made by {action.requester}, "
                    f"not by {reader}",
                    key="request_of_another",
                    request=repr(request),
                    case=case,
                    requester=action.requester,
                    person=reader,
                )
            return
    raise ZatlogError(
        f"information request {request!r} was never recorded on case {case}",
        key="request_never_recorded",
        value=repr(request),
        case=case,
    )


def _document_id(
    case: str,
    reader: str,
    day: date,
    events: Sequence[LoggedAction],
    include_safety: bool,
    request: str | None,
) -> str:
    """A stable id: the same log, reader, date and choices give the same document."""
    last = max((e.position for e in events), default=0)
    key = f"{case}|{reader}|{day.isoformat()}|{last}|{include_safety}|{request or ''}"
    return "ZD-" + uuid5(NAMESPACE_URL, f"https://zatlog.invalid/dossier/{key}").hex[:12].upper()


def _names(
    view: _View,
    opened: a.CaseOpened,
    relations: Sequence[a.RelationRecorded],
    current: dict[str, a.RelationRecorded],
) -> dict[str, str]:
    """The names this reader may see: their own, the pupil's, and (full) the relations'."""
    names: dict[str, str] = {}
    if view.sees("name"):
        names[PUPIL] = opened.pupil_name
    if view.full and view.sees("relations"):
        for relation in relations:
            names[relation.person] = current.get(relation.person, relation).name
    if view.reader in current:
        names[view.reader] = current[view.reader].name
    return names


def _items_of(view: _View, visible: Sequence[LoggedAction]) -> list[str]:
    """The categories an ``important_facts`` export holds (never ``dossier``)."""
    items = {"status"}
    for category in ("name", "birth_date"):
        if view.sees(category):
            items.add(category)
    for event in visible:
        action = event.action
        items.add(CATEGORY_OF_ACTION[action.action])
        if isinstance(action, a.ParentsInformed):
            items.update(TOPIC_CATEGORIES[t] for t in action.topics if t in TOPIC_CATEGORIES)
        if isinstance(action, a.DiscussionHeld) and view.sees("outcome") and _has_outcome(action):
            items.add("outcome")
    return sorted(items)


def _has_outcome(action: a.DiscussionHeld) -> bool:
    return any(v for v in (action.outcome, action.advice_school, action.advice_home))


def _of(events: Iterable[LoggedAction], kind: type[Any]) -> list[LoggedAction]:
    return [e for e in events if isinstance(e.action, kind)]


def _status(facts: CaseFacts, opened: LoggedAction) -> Status:
    day = facts.as_of
    step = facts.step_on(day)
    closed = facts.closed_on(day)
    return Status(
        opened_on=opened.day,
        step=None if step is None else step[0],
        step_since=None if step is None else step[1],
        closed_on=None if closed is None else closed.day,
        closed_reason=None if closed is None else closed.act.reason,
    )


def _timeline(visible: Sequence[LoggedAction]) -> list[TimelineMark]:
    marks: list[TimelineMark] = []
    for event in visible:
        action = event.action
        if isinstance(action, a.CaseOpened):
            marks.append(TimelineMark(on=event.day, kind="opened"))
        elif isinstance(action, a.SignalRaised):
            marks.append(TimelineMark(on=event.day, kind="signal", code=action.source))
        elif isinstance(action, a.StepEntered):
            marks.append(TimelineMark(on=event.day, kind="step", code=action.step))
        elif isinstance(action, a.DiscussionHeld):
            marks.append(TimelineMark(on=event.day, kind="meeting", code=action.forum))
        elif isinstance(action, a.ReportMade):
            to = "veilig_thuis" if action.to == "amk" else action.to
            marks.append(TimelineMark(on=event.day, kind="report", code=to))
        elif isinstance(action, a.CaseClosed):
            marks.append(TimelineMark(on=event.day, kind="closed", code=action.reason))
    return marks


_NOT_DETAILS = ("action", "case", "school", "at", "by")
_IMPORTANT_DISCUSSION_FIELDS = ("meeting", "forum", "outcome", "advice_school", "advice_home")


def _entry(event: LoggedAction, view: _View) -> HistoryEntry:
    action = event.action
    details = a.action_to_json_dict(action)
    for key in _NOT_DETAILS:
        details.pop(key, None)
    if not view.full:
        details.pop("note", None)
    if isinstance(action, a.CaseOpened):
        if not view.sees("name"):
            details.pop("pupil_name", None)
        if not view.sees("birth_date"):
            details.pop("birth_date", None)
    elif isinstance(action, a.DiscussionHeld):
        if not view.full:
            details = {k: v for k, v in details.items() if k in _IMPORTANT_DISCUSSION_FIELDS}
        if not view.sees("outcome"):
            for key in ("outcome", "advice_school", "advice_home"):
                details.pop(key, None)
        if not view.sees("reports") and action.basis == "safety_override":
            details.pop("basis", None)
    elif isinstance(action, a.InformationDisclosed) and not view.sees("reports"):
        # Whether earlier exports held safety records would tell this reader they exist.
        kept = [r for r in details.get("redactions", []) if r["item"] != "reports"]
        if kept:
            details["redactions"] = kept
        else:
            details.pop("redactions", None)
        if "note" in details:
            details["note"] = details["note"].replace(SAFETY_NOTE, "")
    return HistoryEntry(
        position=event.position,
        at=action.at.isoformat(),
        action=action.action,
        category=CATEGORY_OF_ACTION[action.action],
        recorded_by=event.actor,
        recorded_at=event.recorded_at,
        back_dated=event.back_dated,
        details=details,
    )


def _relations(visible: Sequence[LoggedAction], facts: CaseFacts) -> Relations:
    """Each person's relations over time, the restrictions (``active``: in force on the
    export date, as the fold says) and the pupil's refusals, as far as shown."""
    shown = {e.position for e in visible}
    in_force = {r.log.position for r in facts.restrictions_on(facts.as_of)}
    history: dict[str, list[tuple[date, a.RelationRecorded]]] = {}
    for relation in facts.relations:
        if relation.log.position in shown:
            history.setdefault(relation.act.person, []).append((relation.day, relation.act))
    restrictions = [
        Restriction(
            person=r.act.person,
            basis=r.act.basis,
            scope=list(r.act.scope),
            motivation=r.act.motivation,
            since=r.day,
            until=r.act.until,
            active=r.log.position in in_force,
        )
        for r in facts.restrictions
        if r.log.position in shown
    ]
    decisions = [
        PupilDecision(
            on=r.day,
            decision="refused"
            if isinstance(r.act, a.PupilRefusedParentInformation)
            else "withdrawn",
            targets=list(r.act.targets),
        )
        for r in facts.refusals
        if r.log.position in shown
    ]
    persons = []
    for person, periods in history.items():
        since, now = periods[-1]
        persons.append(
            Person(
                person=person,
                name=now.name,
                relation=now.relation,
                authority=now.authority,
                measure=now.measure,
                since=since,
                earlier=[
                    RelationPeriod(
                        since=d, relation=r.relation, authority=r.authority, measure=r.measure
                    )
                    for d, r in periods[:-1]
                ],
            )
        )
    return Relations(persons=persons, restrictions=restrictions, pupil_decisions=decisions)


def _consents(facts: CaseFacts) -> Consents:
    """Every form with its decisions and its standing on the export date (from the fold),
    the no-objection notices with their objections, and the capacity assessments."""
    day = facts.as_of
    forms = []
    for state in facts.forms_on(day):
        issued = state.issued
        forms.append(
            ConsentForm(
                consent=state.consent,
                issued_on=issued.day,
                forum=state.forum,
                purpose=issued.act.purpose,
                participants=list(issued.act.participants),
                data_categories=list(issued.act.data_categories),
                valid_until=state.valid_until,
                status=state.status,
                missing=list(state.missing),
                decisions=[
                    ConsentDecision(
                        signer=d.act.signer,
                        decision="given"
                        if isinstance(d.act, a.ConsentGiven)
                        else "refused"
                        if isinstance(d.act, a.ConsentRefused)
                        else "withdrawn",
                        method=d.act.method if isinstance(d.act, a.ConsentGiven) else None,
                        on=d.day,
                    )
                    for d in facts.decisions.get(state.consent, [])
                ],
            )
        )
    objections: dict[str, list[Objection]] = {}
    for objection in facts.objections:
        objections.setdefault(objection.act.notice, []).append(
            Objection(person=objection.act.person, on=objection.day)
        )
    notices = [
        Notice(
            notice=n.act.notice,
            sent_on=n.day,
            to=list(n.act.to),
            channel=n.act.channel,
            objection_deadline=n.act.objection_deadline,
            participants=None if n.act.participants is None else list(n.act.participants),
            objections=objections.get(n.act.notice, []),
        )
        for n in (sent[0] for sent in facts.notices.values())
    ]
    return Consents(
        forms=forms,
        notices=notices,
        capacity=[CapacityAssessment(on=c.day, capable=c.act.capable) for c in facts.capacity],
    )


def _consent_now(facts: CaseFacts) -> list[ConsentInForce]:
    """Per forum, the consent in force on the export date, as ``case show`` reads it from
    the same fold."""
    from zatlog.projections.case_state import forum_consent

    day = facts.as_of
    standing = facts.forms_on(day)
    result: list[ConsentInForce] = []
    for forum in forum_consent(facts):
        states = [s for s in standing if s.forum == forum.forum]
        in_force = any(s.status == "valid" for s in states)
        result.append(
            ConsentInForce(
                forum=forum.forum,
                forms=[f.consent for f in forum.forms],
                valid_until=forum.valid_until,
                expired=forum.valid_until is not None and forum.valid_until < day,
                in_force=in_force,
                missing=[] if in_force or not states else list(states[-1].missing),
                signed=forum.signed,
                verbal=forum.verbal,
                refused=forum.refused,
                withdrawn=forum.withdrawn,
                objected=forum.objected,
            )
        )
    return result


def _meetings(visible: Sequence[LoggedAction]) -> list[Meeting]:
    return [
        Meeting(
            meeting=e.action.meeting,
            scheduled_on=e.day,
            forum=e.action.forum,
            date=e.action.date,
            purpose=e.action.purpose,
        )
        for e in visible
        if isinstance(e.action, a.MeetingScheduled)
    ]


def _discussion(event: LoggedAction, view: _View) -> Discussion:
    action = event.action
    assert isinstance(action, a.DiscussionHeld)
    full = view.full
    outcome = view.sees("outcome")
    basis: str | None = action.basis
    if not view.sees("reports") and action.basis == "safety_override":
        basis = None
    return Discussion(
        meeting=action.meeting,
        on=event.day,
        forum=action.forum,
        level=action.level if full else None,
        basis=basis if full else None,
        consent=action.consent if full else None,
        notice=action.notice if full else None,
        attendees=list(action.attendees) if full else None,
        parents_present=action.parents_present if full else None,
        pupil_present=action.pupil_present if full else None,
        data_shared=list(action.data_shared) if full else None,
        outcome=action.outcome if outcome else None,
        advice_school=action.advice_school if outcome else None,
        advice_home=action.advice_home if outcome else None,
    )


def _sdq(visible: Sequence[LoggedAction], policy: Policy) -> list[SdqScore]:
    scores = []
    for event in _of(visible, a.SdqRecorded):
        action = event.action
        assert isinstance(action, a.SdqRecorded)
        total = action.total_difficulties
        scores.append(
            SdqScore(
                on=event.day,
                informant=action.informant,
                emotional=action.emotional,
                conduct=action.conduct,
                hyperactivity=action.hyperactivity,
                peer=action.peer,
                prosocial=action.prosocial,
                total_difficulties=total,
                band=policy.band(action.informant, total),
            )
        )
    return scores


def _plan(event: LoggedAction) -> Plan:
    action = event.action
    assert isinstance(action, a.ActionPlanRecorded)
    return Plan(
        on=event.day,
        kind=action.kind,
        advice_school=action.advice_school,
        advice_home=action.advice_home,
        parents_agreed=action.parents_agreed,
    )


def _support(visible: Sequence[LoggedAction], view: _View) -> list[Support]:
    arranged: dict[str, Support] = {}
    evaluations: dict[str, list[Evaluation]] = {}
    for event in visible:
        action = event.action
        if isinstance(action, a.SupportArranged):
            arranged.setdefault(
                action.provider,
                Support(
                    provider=action.provider,
                    kind=action.kind,
                    municipality=action.municipality,
                    arranged_on=event.day,
                    evaluations=None,
                ),
            )
        elif isinstance(action, a.SupportEvaluated):
            evaluations.setdefault(action.provider, []).append(
                Evaluation(
                    on=event.day,
                    evaluator=action.evaluator,
                    effect_in_class=action.effect_in_class,
                    worked_at_school=action.worked_at_school,
                    involved_teacher=action.involved_teacher,
                    involved_parents=action.involved_parents,
                    comment=action.comment,
                )
            )
    shown = view.sees("evaluations")
    return [
        s.model_copy(update={"evaluations": evaluations.get(p, []) if shown else None})
        for p, s in arranged.items()
    ]


def _is_contact(event: LoggedAction) -> bool:
    return isinstance(event.action, a.ParentsInformed | a.ParentsInvited)


def _contact(event: LoggedAction) -> Contact:
    action = event.action
    if isinstance(action, a.ParentsInformed):
        return Contact(
            on=event.day,
            kind="informed",
            to=list(action.to),
            channel=action.channel,
            topics=list(action.topics),
            meeting=action.meeting,
            summary=action.summary,
            purpose_and_composition_included=None,
        )
    assert isinstance(action, a.ParentsInvited)
    return Contact(
        on=event.day,
        kind="invited",
        to=list(action.to),
        channel=action.channel,
        topics=None,
        meeting=action.meeting,
        summary=None,
        purpose_and_composition_included=action.purpose_and_composition_included,
    )


def _reports(visible: Sequence[LoggedAction]) -> Reports:
    records = []
    notices = []
    for event in visible:
        action = event.action
        if CATEGORY_OF_ACTION[action.action] == "reports":
            details = a.action_to_json_dict(action)
            for key in _NOT_DETAILS:
                details.pop(key, None)
            records.append(SafetyRecord(on=event.day, action=action.action, details=details))
        elif isinstance(action, a.ParentsInformed) and "report" in action.topics:
            notices.append(_contact(event))
    return Reports(records=records, notices=notices)


def _requests(facts: CaseFacts, view: _View) -> list[Request]:
    """The requests this reader sees (``important_facts``: their own), each with the one
    deadline of the fold and its extensions, disclosures and refusals."""
    result = []
    for requested in facts.requests:
        act = requested.act
        if not view.full and act.request not in view.requests_of_reader:
            continue
        answers: list[tuple[MomentKey, RequestAnswer]] = [
            (
                e.log.sort_key,
                RequestAnswer(on=e.day, kind="extended", new_deadline=e.act.new_deadline),
            )
            for e in facts.extensions.get(act.request, [])
        ]
        for answer in facts.answers.get(act.request, []):
            if isinstance(answer.act, a.InformationDisclosed):
                disclosed = answer.act
                entry = RequestAnswer(
                    on=answer.day,
                    kind="disclosed",
                    to=disclosed.to,
                    items=list(disclosed.items),
                    redactions=[
                        r.item
                        for r in disclosed.redactions or ()
                        if view.sees("reports") or r.item != "reports"
                    ],
                    format=disclosed.format,
                )
            else:
                entry = RequestAnswer(
                    on=answer.day,
                    kind="refused",
                    ground=answer.act.ground,
                    motivation=answer.act.motivation,
                )
            answers.append((answer.log.sort_key, entry))
        due, _ = facts.request_deadline(requested)
        result.append(
            Request(
                request=act.request,
                requester=act.requester,
                kind=act.kind,
                on=requested.day,
                answer_due=due,
                answers=[entry for _, entry in sorted(answers, key=lambda pair: pair[0])],
            )
        )
    return result


def _recipients(visible: Sequence[LoggedAction]) -> list[Recipient]:
    """Who received information about the pupil, as far as this export shows it."""
    recipients: list[Recipient] = []
    for event in visible:
        action = event.action
        if isinstance(action, a.InformationDisclosed):
            items = list(action.items)
            recipients.append(
                Recipient(
                    on=event.day,
                    recipient=action.to,
                    via="disclosure",
                    items=items,
                    detail=action.format,
                )
            )
        elif isinstance(action, a.ParentsInformed):
            topics = {TOPIC_CATEGORIES[t] for t in action.topics if t in TOPIC_CATEGORIES}
            items = ["contacts", *sorted(topics)]
            for person in action.to:
                recipients.append(
                    Recipient(
                        on=event.day,
                        recipient=person,
                        via="contact",
                        items=items,
                        detail=action.channel,
                    )
                )
        elif isinstance(action, a.DiscussionHeld) and action.identified:
            for attendee in action.attendees:
                recipients.append(
                    Recipient(
                        on=event.day,
                        recipient=attendee,
                        via="discussion",
                        items=list(action.data_shared),
                        detail=action.forum,
                    )
                )
        elif isinstance(action, a.ReportMade):
            to = "veilig_thuis" if action.to == "amk" else action.to
            recipients.append(
                Recipient(on=event.day, recipient=to, via="report", items=[], detail=None)
            )
    return recipients


def _involvement(
    facts: CaseFacts,
    case_events: Sequence[LoggedAction],
    visible: Sequence[LoggedAction],
    names: dict[str, str],
) -> list[Involvement]:
    """This case's audit findings, as far as every case event that proves them is shown.

    A finding whose evidence holds an event this reader may not see (a report
    withheld, another person's restricted contact) would reveal it, so it is
    left out; the school's own events (published documents) are public. A
    person the finding names by role (``ouder 2``) is named by the name this
    reader may see.
    """
    from zatlog.projections.audit import catalog
    from zatlog.projections.audit.findings import check_facts
    from zatlog.projections.audit.names import NameGuard, names_in

    shown = {e.position for e in visible}
    involvement = []
    for f in check_facts(facts, NameGuard(names_in(case_events))):
        if not all(e.case is None or e.position in shown for e in f.evidence):
            continue
        message_nl, message_en = f.message_nl, f.message_en
        for person in f.persons:
            if person == PUPIL or person not in names:
                continue
            role_nl, role_en = catalog.person_words(facts.who(person, f.subject.day))
            message_nl = _named(message_nl, role_nl, names[person])
            message_en = _named(message_en, role_en, names[person])
        involvement.append(
            Involvement(
                rule=f.rule,
                severity=f.severity,
                on=f.subject.day,
                message_nl=message_nl,
                message_en=message_en,
            )
        )
    return involvement


def _named(message: str, role: str, name: str) -> str:
    """``message`` with the whole phrase ``role`` (``de ouder``, ``ouder 2``) as ``name``."""
    return re.sub(rf"(?<!\w){re.escape(role)}(?!\w)", lambda _: name, message)
