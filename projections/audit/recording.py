"""*v2* L1: the record is written at the time, not long after (NEN 7513, AVG art. 5(1)(d)).

An inspector must know how much of a file was written after the fact
before trusting the rest. Actions brought over from another system
(``zatlog import --history``, marked *migrated*) are not judged.
"""

from __future__ import annotations

from datetime import date, datetime

from zatlog.policy import Policy
from zatlog.projections.audit import catalog
from zatlog.projections.audit.model import Finding, make_finding
from zatlog.projections.facts import CaseFacts
from zatlog.records import LoggedAction


def recording_day(recorded_at: datetime) -> date:
    """The calendar day an action was recorded on (local time for a zoned moment)."""
    return recorded_at.date() if recorded_at.tzinfo is None else recorded_at.astimezone().date()


def days_late(event: LoggedAction) -> int:
    """Days between the day in the action's ``at`` and the day it was recorded."""
    return (recording_day(event.recorded_at) - event.day).days


def recorded_late(event: LoggedAction, policy: Policy) -> bool:
    """L1: recorded more than ``late_entry_days`` after its ``at``, and not migrated."""
    return not event.action.migrated and days_late(event) > policy.late_entry_days


def check(facts: CaseFacts, policy: Policy, as_of: date) -> list[Finding]:
    findings: list[Finding] = []
    for event in facts.events:
        if not recorded_late(event, policy):
            continue
        message = catalog.text(
            "L1",
            what=catalog.text("action", label=catalog.Label("action", event.name)),
            happened=event.day,
            recorded=recording_day(event.recorded_at),
            days=days_late(event),
            limit=policy.late_entry_days,
        )
        findings.append(make_finding("L1", "minor", facts.case, event, [], message))
    return findings
