"""How long a text field may be and which characters it may hold (docs/import-format.md).

Kept apart from the action models so that a command which only reads (``--actor``,
``--purpose``) checks its text without importing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zatlog.errors import Number

IDENTIFIER_MAX_LENGTH = 64
"""Identifiers (case, person ids, school, by, form, meeting, notice and request ids)."""
LINE_MAX_LENGTH = 200
"""Names and labels: a pupil's or person's name, a provider, an item category."""
TEXT_MAX_LENGTH = 10_000
"""Free text: notes, descriptions, motivations, outcomes."""


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
"""Unicode's control characters (general category Cc, fixed by Unicode's stability policy):
one regular-expression search instead of a category lookup per character."""
CONTROL_BUT_BREAKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""The control characters but tab, line feed and carriage return."""

LIMIT_PROBLEMS: dict[str, str] = {
    "field_too_long": "expected at most {max} characters, got {length}",
    "field_control": "control character {char} is not allowed",
}
"""The catalog keys of what :meth:`Limit.check` finds, with their English text."""


@dataclass(frozen=True)
class Limit:
    """What a text field accepts on input: its length, and whether it may break lines.

    Checked on every action that comes in (``actions.check_limits``), never on the
    stored log: what was recorded under older rules stays readable.
    """

    max_length: int
    multiline: bool
    printable: bool = False
    """Every character printable: no format controls either (a bidi override, a
    zero-width space), which would make one reference look like another."""

    def check(self, value: str, field: str) -> tuple[str, dict[str, object]] | None:
        """What is wrong with ``value`` of ``field``, if anything: the catalog key of
        :data:`LIMIT_PROBLEMS` and the fields of its message."""
        if len(value) > self.max_length:
            return "field_too_long", {
                "field": field,
                "max": Number(self.max_length),
                "length": Number(len(value)),
            }
        found = (CONTROL_BUT_BREAKS if self.multiline else CONTROL).search(value)
        if found:
            return "field_control", {"field": field, "char": repr(found.group())}
        if self.printable and not value.isprintable():
            char = next(c for c in value if not c.isprintable())
            return "field_control", {"field": field, "char": repr(char)}
        return None


IDENTIFIER = Limit(IDENTIFIER_MAX_LENGTH, multiline=False, printable=True)
LINE = Limit(LINE_MAX_LENGTH, multiline=False)
TEXT = Limit(TEXT_MAX_LENGTH, multiline=True)
