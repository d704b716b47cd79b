"""Plain-text tables for a terminal: columns that fit its width, wrapping cells, not words."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Container, Sequence

SEPARATOR = "  "


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def escaped(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``), line breaks kept.

    Stored text is shown on a terminal: an escape sequence in a name must not
    clear the screen or retitle the window.
    """
    if all(line.isprintable() for line in text.split("\n")):
        return text  # (line breaks aside) nothing to escape: no control, no bidi control
    return "".join(
        char
        if char == "\n" or (char.isprintable() and char not in _BIDI_CONTROLS)
        else _escape(char)
        for char in text
    )


def _escape(char: str) -> str:
    code = ord(char)
    if char == " " or (unicodedata.category(char) == "Zs"):
        return char
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_width() -> int | None:
    """The width to fit: the terminal's, or ``COLUMNS``; None when output is not a terminal."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def columns(
    rows: Sequence[Sequence[str]], width: int | None = None, right: Container[int] = ()
) -> str:
    """``rows`` as aligned columns (the last one not padded), within ``width`` characters.

    When the natural widths do not fit, the widest columns give way first, down
    to their longest word; a cell then wraps onto more lines within its column.
    A word is broken only when even that does not fit.
    """
    if not rows:
        return ""
    count = len(rows[0])
    # A cell's own line breaks stay within its column; control characters are shown
    # escaped, and measured as shown.
    split = [[[escaped(part) for part in cell.split("\n")] for cell in row] for row in rows]
    natural = [max((len(p) for row in split for p in row[i]), default=0) for i in range(count)]
    widths = _fitted([[" ".join(cell) for cell in row] for row in split], natural, width)
    lines: list[str] = []
    for row in split:
        cells = [_wrap(cell, widths[i], natural[i]) for i, cell in enumerate(row)]
        for depth in range(max(len(cell) for cell in cells)):
            parts = []
            for i, cell in enumerate(cells):
                text = cell[depth] if depth < len(cell) else ""
                last = i == count - 1
                parts.append(
                    text.rjust(widths[i])
                    if i in right
                    else (text if last else text.ljust(widths[i]))
                )
            lines.append(SEPARATOR.join(parts).rstrip())
    return "\n".join(lines)


def _fitted(rows: Sequence[Sequence[str]], natural: list[int], width: int | None) -> list[int]:
    widths = list(natural)
    if width is None:
        return widths
    room = width - len(SEPARATOR) * (len(widths) - 1)
    if sum(widths) <= room:
        return widths
    floors = [
        min(natural[i], max((len(word) for row in rows for word in row[i].split()), default=1))
        for i in range(len(widths))
    ]
    _shrink(widths, floors, room)
    if sum(widths) > room:  # the longest words do not fit either: break them
        _shrink(widths, [min(natural[i], 4) for i in range(len(widths))], room)
    return widths


def _shrink(widths: list[int], floors: list[int], room: int) -> None:
    """Take from the widest column above its floor, one character at a time, until it fits."""
    while sum(widths) > room:
        candidates = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not candidates:
            return
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1


def _wrap(cell: list[str], width: int, natural: int) -> list[str]:
    if width >= natural:
        return cell
    return [
        wrapped
        for part in cell
        for wrapped in (
            [part]
            if len(part) <= width
            else textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False) or [""]
        )
    ]
