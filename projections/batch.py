"""Read-model writes in batches: one statement per table per page, not one per case.

A per-case read model replaces each touched case's rows with a few small
statements. Run one by one, each costs a round trip to a database server; so
:func:`~zatlog.projections.runner.write_cases` collects the statements of many
cases in a :class:`Grouped` writer and runs each kind once, with all its rows.
On PostgreSQL :func:`statements_for` turns those rows into one statement (or a
few, for very many rows): a multi-row ``INSERT … VALUES`` (with its ``ON
CONFLICT`` clause) and ``DELETE … WHERE column = ANY(…)``. Ordinary
statements keep working under row-level security, which refuses ``COPY FROM``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zatlog.projections.runner import Writer

FLUSH_SECONDS = 1.0
"""Collected statements go out at least this often: a PostgreSQL session that sends
nothing inside a transaction for longer than its idle timeout (5 s by default) is ended."""

MAX_PARAMETERS = 65_535
"""PostgreSQL's limit on the parameters of one statement (a 16-bit count)."""

MAX_ROWS = 5_000
"""Rows per multi-row statement at most (a longer statement costs more to parse than it
saves)."""

_INSERT = re.compile(r"^(INSERT INTO .+? VALUES )(\((?:%s, )*%s\))(.*)$", re.DOTALL)
_DELETE = re.compile(r"^(DELETE FROM \S+ WHERE \S+) = %s$")


class Grouped:
    """A writer that collects statements, grouped by statement in the order first seen,
    and hands each group to the writer underneath as one ``executemany`` on :meth:`flush`.

    Sound for the statements of per-case read models: those of one case touch only
    that case's rows, and every case's come in the same order of statements (a model
    may leave some out), so grouping keeps each case's own order. Reads go straight
    to the writer underneath: they must not depend on what is still collected.
    """

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self.statements: dict[str, list[Sequence[Any]]] = {}
        self.flushed = time.monotonic()

    def overdue(self) -> bool:
        """Whether :data:`FLUSH_SECONDS` have gone by since the last flush."""
        return time.monotonic() - self.flushed >= FLUSH_SECONDS

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.statements.setdefault(statement, []).append(params)

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        self.statements.setdefault(statement, []).extend(rows)

    def fetchall(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.writer.fetchall(statement, params)

    def seal(self, text: str) -> bytes:
        return self.writer.seal(text)

    def unseal(self, value: bytes) -> str:
        return self.writer.unseal(value)

    def flush(self) -> None:
        """Run what was collected (each statement once, with all its rows), then forget it."""
        for statement, rows in self.statements.items():
            if rows:
                self.writer.executemany(statement, rows)
        self.statements.clear()
        self.flushed = time.monotonic()


def statements_for(
    statement: str, rows: Sequence[Sequence[Any]]
) -> list[tuple[str, list[Any]]] | None:
    """``statement`` (in PostgreSQL's dialect, ``%s`` placeholders) for every row, as few
    statements with PostgreSQL's own placeholders (``$1``, for a raw cursor: psycopg need
    not parse a long statement) and their parameters. An ``INSERT … VALUES (…)`` takes
    many rows (an upsert's rows must not repeat a key), a ``DELETE … WHERE column = %s``
    all values at once. None for any other statement: run it once per row."""
    inserted = _INSERT.match(statement)
    if inserted is not None:
        head, values, tail = inserted.groups()
        width = values.count("%s")
        per_statement = max(1, min(MAX_ROWS, MAX_PARAMETERS // width))
        batched = []
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            numbers = iter(range(1, width * len(chunk) + 1))
            tuples = ", ".join(
                "(" + ", ".join(f"${next(numbers)}" for _ in range(width)) + ")" for _ in chunk
            )
            batched.append((head + tuples + tail, [value for row in chunk for value in row]))
        return batched
    deleted = _DELETE.match(statement)
    if deleted is not None and all(len(row) == 1 for row in rows):
        return [(f"{deleted.group(1)} = ANY($1)", [[row[0] for row in rows]])]
    return None
