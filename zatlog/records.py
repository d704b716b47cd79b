"""A logged action as the read side sees it: the action plus where and when it was recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TypeAlias

from zatlog.actions import Action

MomentKey: TypeAlias = tuple[date, int, int]


def moment_key(day: date, clock: time | None, position: int) -> MomentKey:
    """Where an event stands in the one shared order of events (docs/import-format.md).

    By calendar date; *v2*: within one day, events that both carry a time of day by
    that time; ties in recording order (``position``). One key per event must also
    place a date without a time against a time of the same day: it counts as the
    start of its day (before any time). One day's events without a time keep their
    recording order among themselves, as before v2.
    """
    seconds = 0 if clock is None else clock.hour * 3600 + clock.minute * 60 + clock.second
    return (day, seconds * 1_000_000 + (0 if clock is None else clock.microsecond), position)


@dataclass(frozen=True, slots=True)
class LoggedAction:
    """One event of the log.

    ``position`` is the event's place in the log (its notification id),
    ``recorded_at`` the moment the log stored it, ``actor`` who recorded it.
    """

    position: int
    recorded_at: datetime
    actor: str
    action: Action
    day: date = field(init=False, compare=False)
    """The calendar date on which it happened (computed once: rules ask often)."""
    sort_key: MomentKey = field(init=False, compare=False, repr=False)
    """Its place in the one shared order of events: see :func:`moment_key`."""

    def __post_init__(self) -> None:
        day = self.action.day
        object.__setattr__(self, "day", day)
        object.__setattr__(self, "sort_key", moment_key(day, self.action.clock, self.position))

    @property
    def name(self) -> str:
        """The action name, e.g. ``"consent_given"``."""
        return self.action.action

    @property
    def case(self) -> str | None:
        return getattr(self.action, "case", None)

    @property
    def back_dated(self) -> bool:
        """Recorded more than a day after it happened: see :func:`recorded_late`."""
        return not self.action.migrated and recorded_late(self.day, self.recorded_at)


def recorded_late(day: date, recorded_at: datetime) -> bool:
    """Whether an entry dated ``day`` was recorded more than a day later (its recording day,
    local time). Whoever reads it is then shown the recording date beside its date, so
    that back-dating is visible. Actions brought over with ``import --history`` keep
    their ``migrated`` mark instead: their import day is not when they were written down.
    """
    return (recorded_at.astimezone().date() - day).days > 1


def in_time_order(events: Iterable[LoggedAction]) -> list[LoggedAction]:
    """By ``at`` (date, then time of day), ties in recording order (docs/import-format.md)."""
    return sorted(events, key=lambda e: e.sort_key)
