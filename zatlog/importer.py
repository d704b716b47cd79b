"""All-or-nothing import of a JSON Lines action log (domain.md section 4)."""

from __future__ import annotations

from collections.abc import Iterable

from zatlog.actions import Action, parse_action_json
from zatlog.application import Rejected, ZatlogApp
from zatlog.errors import InvalidAction, LineError


def parse_lines(
    lines: Iterable[bytes | str], default_actor: str, source: str | None = None
) -> tuple[list[tuple[Action, str]], list[int]]:
    """Validate every non-blank line; return the batch and each item's line number.

    Stops at the first bad line with a :class:`LineError` naming it.
    """
    batch: list[tuple[Action, str]] = []
    line_numbers: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            action = parse_action_json(line)
        except InvalidAction as error:
            raise LineError(number, error, source) from None
        batch.append((action, action.by or default_actor))
        line_numbers.append(number)
    return batch, line_numbers


def import_lines(
    app: ZatlogApp, lines: Iterable[bytes | str], default_actor: str, source: str | None = None
) -> int:
    """Import a whole file in one transaction; return the number of actions recorded."""
    batch, line_numbers = parse_lines(lines, default_actor, source)
    if not batch:
        return 0
    try:
        return app.record(batch)
    except Rejected as rejected:
        raise LineError(line_numbers[rejected.index], rejected.error, source) from None
