"""Plain-text tables for a terminal: columns that fit its width, wrapping cells, not words."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Container, Sequence

SEPARATOR = "  "


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
    natural = [max((len(row[i]) for row in rows), default=0) for i in range(count)]
    widths = _fitted(rows, natural, width)
    lines: list[str] = []
    for row in rows:
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


def _wrap(cell: str, width: int, natural: int) -> list[str]:
    if len(cell) <= width or width >= natural:
        return [cell]
    return textwrap.wrap(cell, width, break_long_words=True, break_on_hyphens=False) or [""]
