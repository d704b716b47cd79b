"""What a command that creates an encrypted database says about its new key."""

from __future__ import annotations

import re

KEY_LINE = re.compile(
    r"encryption key created: (\S+\.key) \(back it up: without it the log is unreadable\)\n"
)
"""The line before a command's own output when it created the database (and its key)."""


def without_key_line(output: str) -> str:
    """``output`` without the line that names a new database's key (if there is one)."""
    return KEY_LINE.sub("", output, count=1)
