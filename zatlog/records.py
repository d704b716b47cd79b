"""A logged action as the read side sees it: the action plus where and when it was recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from zatlog.actions import Action


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "day", self.action.day)

    @property
    def name(self) -> str:
        """The action name, e.g. ``"consent_given"``."""
        return self.action.action

    @property
    def case(self) -> str | None:
        return getattr(self.action, "case", None)

    @property
    def sort_key(self) -> tuple[date, int]:
        """Events are ordered by ``at`` (calendar date), ties in recording order."""
        return (self.day, self.position)


def in_time_order(events: Iterable[LoggedAction]) -> list[LoggedAction]:
    """Events by ``at`` date, ties in the order they were recorded (domain.md 4.1)."""
    return sorted(events, key=lambda e: e.sort_key)
