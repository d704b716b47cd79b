"""Calendar arithmetic for legal terms (docs/rules.md).

*One calendar month* after a date is the same day number in the next month,
or that month's last day when it has no such day (31 January → 28 or 29
February).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date


def calendar_months_after(day: date, months: int) -> date:
    """The same day number ``months`` months later, else that month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def one_calendar_month_after(day: date) -> date:
    """The same day number in the next month, else that month's last day."""
    return calendar_months_after(day, 1)
