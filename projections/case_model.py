"""The case state model: one case at a glance (``zatlog case show``).

Kept apart from :mod:`zatlog.projections.case_state` because building
pydantic models costs start-up time: a read of a stored state works on its
JSON and never needs these classes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Pupil(_Model):
    name: str
    birth_date: date
    age: int
    school_type: str
    right: str
    """The pupil's own right to information (docs/parent-dossier.md)."""


class Person(_Model):
    """A person recorded on the case, with their current relation and their right today."""

    person: str
    name: str
    relation: str
    authority: str
    measure: str
    since: date
    """When the current relation took effect."""
    holds_authority: bool
    """Counts as an authority holder today (legal representatives once the pupil is 18)."""
    right: str
    refused_by_pupil: bool
    restricted: list[str]
    """Item categories kept from this person by an active restriction."""
    authorised_scope: list[str] | None = None
    """*v2*: when the ``full`` right comes from a pupil's authorisation with a scope, the item
    categories it covers (everything else is withheld); None when not limited so."""


class Decision(_Model):
    """A person's latest decision on a forum: consent given, refused, withdrawn, or an objection."""

    person: str
    decision: Literal["given", "refused", "withdrawn", "objected"]
    on: date
    form: str
    """The consent form, or the no-objection notice for an objection."""
    method: str | None = None


class ConsentForm(_Model):
    consent: str
    issued_on: date
    purpose: str
    valid_until: date | None
    expired: bool
    participants: list[str]
    data_categories: list[str]


class ForumConsent(_Model):
    """Consent for one forum: its forms and everyone's latest decision on them."""

    forum: str
    forms: list[ConsentForm]
    valid_until: date | None
    """Of the latest form (none: no end date)."""
    signed: list[str]
    verbal: list[str]
    """Consent given only verbally: not unambiguous consent (guideline 4)."""
    refused: list[str]
    withdrawn: list[str]
    objected: list[str]
    decisions: list[Decision]


class Notice(_Model):
    notice: str
    sent_on: date
    to: list[str]
    channel: str
    objection_deadline: date
    objections: list[str]


class Invitation(_Model):
    person: str
    on: date
    channel: str
    purpose_and_composition_included: bool


class Discussion(_Model):
    held_on: date
    forum: str
    level: str
    basis: str
    consent: str | None
    notice: str | None
    parents_present: bool
    pupil_present: bool
    attendees: list[str]
    outcome: str | None


class Meeting(_Model):
    meeting: str
    forum: str | None
    scheduled_for: date | None
    """The date of the latest ``meeting_scheduled`` (none if never scheduled)."""
    purpose: str | None
    cancelled_on: date | None = None
    """The day of its cancellation, unless it was scheduled again after it."""
    invitations: list[Invitation]
    discussions: list[Discussion]


class Report(_Model):
    on: date
    to: str
    reference: str | None


class ReportNotice(_Model):
    """Parents told of a report (``parents_informed`` with topic ``report``)."""

    on: date
    to: list[str]
    channel: str
    written: bool


class Deferral(_Model):
    on: date
    reason: str
    review_at: date


class Override(_Model):
    on: date
    ground: str
    approved_by: str


class Sdq(_Model):
    """The latest SDQ of one informant."""

    informant: str
    on: date
    total_difficulties: int


class FormStanding(_Model):
    """A consent form's standing on the day (:class:`zatlog.projections.facts.FormState`)."""

    consent: str
    forum: str
    status: Literal["valid", "expired", "incomplete", "refused", "withdrawn"]
    valid_until: date | None
    signed_by: list[str]
    missing: list[str]


class Request(_Model):
    """An information request, its one deadline (G10 / I377) and its first answer."""

    request: str
    requester: str
    kind: str
    on: date
    due: date
    """The deadline the audit judges by (an extension counts only if recorded in time)."""
    answered: date | None


class Restriction(_Model):
    """An ``information_restricted`` in force on the day."""

    person: str
    basis: str
    scope: list[str]
    since: date
    until: date | None


class Activity(_Model):
    on: date
    action: str


class BackDated(_Model):
    """An entry recorded more than a day after the day it happened (``on``)."""

    on: date
    action: str
    recorded_on: date


class CaseState(_Model):
    """A case as it was on ``as_of`` (as the log held it at ``known_at``, when given)."""

    case: str
    school: str
    as_of: date
    known_at: datetime | None
    pupil: Pupil
    opened_on: date
    step: str | None
    step_since: date | None
    closed: bool
    closed_on: date | None
    close_reason: str | None
    persons: list[Person]
    consent: list[ForumConsent]
    consents: list[FormStanding]
    """Every consent form issued, in the order issued, with its standing."""
    restrictions: list[Restriction]
    notices: list[Notice]
    meetings: list[Meeting]
    overrides: list[Override]
    reports: list[Report]
    report_notices: list[ReportNotice]
    deferrals: list[Deferral]
    sdq: list[Sdq]
    requests: list[Request]
    last_activity: Activity
    events: int
    """How many events the state is built from."""
    back_dated: list[BackDated] = []
    """The entries recorded more than a day after they happened, in time order (not those
    brought over with ``import --history``)."""
