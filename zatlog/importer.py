"""All-or-nothing import of a JSON Lines action log (docs/import-format.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from zatlog.actions import Action, parse_action_json
from zatlog.application import Rejected, ZatlogApp
from zatlog.bulk import bulk_read
from zatlog.errors import InvalidAction, LineError
from zatlog.restore import without_proof


def parse_lines(
    lines: Iterable[bytes | str],
    default_actor: str,
    source: str | None = None,
    history: bool = False,
) -> tuple[list[tuple[Action, str]], list[int]]:
    """Validate every non-blank line; return the batch and each item's line number.

    With ``history``, every action is marked *migrated* (docs/import-format.md). Stops at the
    first bad line with a :class:`LineError` naming it.
    """
    batch: list[tuple[Action, str]] = []
    line_numbers: list[int] = []
    for number, line in enumerate(lines, start=1):
        if number == 1:  # a byte-order mark, as Windows editors and Excel write it
            if isinstance(line, bytes):
                line = line.removeprefix(b"\xef\xbb\xbf")
            else:
                line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            action = parse_action_json(without_proof(line))
        except InvalidAction as error:
            raise LineError(number, error, source) from None
        if history:
            action = action.model_copy(update={"migrated": True})
        batch.append((action, action.by or default_actor))
        line_numbers.append(number)
    return batch, line_numbers


def import_lines(
    app: ZatlogApp,
    lines: Iterable[bytes | str],
    default_actor: str,
    source: str | None = None,
    history: bool = False,
    today: date | None = None,
) -> int:
    """Import a whole file in one transaction; return the number of actions recorded.

    ``history`` marks every action *migrated*: records of the past brought over from
    another system (rule L1 does not judge them).
    """
    with bulk_read():
        batch, line_numbers = parse_lines(lines, default_actor, source, history)
        if not batch:
            return 0
        try:
            return app.record(batch, today)
        except Rejected as rejected:
            raise LineError(line_numbers[rejected.index], rejected.error, source) from None
