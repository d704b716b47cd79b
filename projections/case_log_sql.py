"""The case index filled straight from the stored events, in SQL, for a rebuild on SQLite.

Decoding every event in Python only to file it costs most of a rebuild;
SQLite's JSON functions read the same fields out of the stored event state
in C, about ten times faster. That is sound only while the stored state is
the library's plain JSON of the events as they are now, so it is used only
when all of these hold (otherwise the events are decoded, as in any
catch-up):

- the log is a SQLite file whose event state is neither encrypted nor
  compressed, written by the library's JSON transcoder;
- every event class is at its first version (no upcaster changes a payload);
- this SQLite has its JSON functions.

Workers file ranges of the log into in-memory databases of their own (the
store attached read-only) and hand them back serialized; the parent copies
each into the index in log order, in its one transaction. Each row is what
:class:`~zatlog.projections.case_log.CaseLog` files for the event; a test
keeps the two equal row for row.

This is a performance path for the index only, not a fold: a row holds the
same fields ``CaseLog`` writes (the event's payload as stored), and no fact
about a case (step, consent, deadlines, rights) is derived here. Every such
fact comes from the one fold, :mod:`zatlog.projections.facts`, over the
events read back from these rows, so the SQL path cannot disagree with it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import CanMutateAggregate
from eventsourcing.persistence import JSONTranscoder, OperationalError
from eventsourcing.utils import get_topic

from zatlog.projections.runner import BulkLoader, TaskRunner, ViewWriter

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp

STEP = 50_000
"""Log positions a worker files per task (between two progress reports)."""

PART = (
    "CREATE TABLE part (position INTEGER PRIMARY KEY, case_ref TEXT, school TEXT, "
    "action TEXT, day TEXT, recorded_at TEXT, actor TEXT, payload BLOB)"
)
EXTRACT = """
INSERT INTO main.part
SELECT rowid,
       json_extract(state, '$.payload.case'),
       json_extract(state, '$.payload.school'),
       json_extract(state, '$.payload.action'),
       substr(json_extract(state, '$.payload.at'), 1, 10),
       CASE WHEN json_extract(state, '$.timestamp._type_') = 'datetime_iso'
            THEN json_extract(state, '$.timestamp._data_') END,
       json_extract(state, '$.actor'),
       CAST(json_extract(state, '$.payload') AS BLOB)
FROM store.{events}
WHERE rowid > ? AND rowid <= ? AND topic IN ({topics})
"""
"""A worker's rows for a range of the log, in an in-memory database of its own. Events are
picked by their topic (a column: no JSON to parse for the others). A timestamp in another
form leaves ``recorded_at`` empty, which the index's NOT NULL refuses: the load fails,
and the rebuild decodes the events instead, rather than file something else than they say."""

SCHOOLS = "CREATE TEMP TABLE IF NOT EXISTS case_school (case_ref TEXT PRIMARY KEY, school TEXT)"
KNOWN_SCHOOLS = (
    "INSERT OR REPLACE INTO temp.case_school "
    "SELECT case_ref, school FROM case_log WHERE action = 'case_opened'"
)
OPENED = (
    "INSERT OR REPLACE INTO temp.case_school "
    "SELECT case_ref, school FROM part.part WHERE action = 'case_opened'"
)
FILED = """
INSERT INTO case_log (position, case_ref, school, action, day, recorded_at, actor, payload)
SELECT p.position, p.case_ref,
       CASE WHEN p.case_ref IS NULL OR p.action = 'case_opened' THEN p.school ELSE s.school END,
       p.action, p.day, p.recorded_at, p.actor, p.payload
FROM part.part AS p LEFT JOIN temp.case_school AS s ON s.case_ref = p.case_ref
ORDER BY p.position
"""
"""A case event's school is its case's, from the case_opened filed before it."""


def loader(app: ZatlogApp) -> BulkLoader | None:
    """The SQL loader for this application's log, or None where it would not be sound."""
    mapper = app.mapper
    if app.location.is_postgres or mapper.cipher is not None or mapper.compressor is not None:
        return None
    classes = _event_classes()
    if type(mapper.transcoder) is not JSONTranscoder or any(
        getattr(cls, "class_version", 1) != 1 for cls in classes
    ):
        return None
    events = getattr(app.recorder, "events_table_name", None)
    if not isinstance(events, str) or not _has_json(app):
        return None
    store = Path(app.location.target).as_uri() + "?mode=ro"
    # The events that record an action carry it as their payload (as CaseLog files them).
    topics = [get_topic(cls) for cls in classes if _records_action(cls)]

    def load(
        writer: ViewWriter,
        start: int,
        end: int,
        reached: Callable[[int], None],
        run: TaskRunner,
    ) -> None:
        cursor = writer.cursor
        connection: sqlite3.Connection = cursor.sqlite_cursor.connection
        names = {row[1] for row in writer.fetchall("PRAGMA database_list")}
        if "part" not in names:  # (left attached by an earlier load on this connection)
            cursor.execute("ATTACH DATABASE ':memory:' AS part")
        cursor.execute(SCHOOLS)
        try:
            cursor.execute(KNOWN_SCHOOLS)  # cases opened before ``start``
            ranges = [
                (store, events, topics, low, min(low + STEP, end))
                for low in range(start, end, STEP)
            ]
            for high, part in run(extract, ranges):
                connection.deserialize(part, name="part")
                cursor.execute(OPENED)
                cursor.execute(FILED)
                reached(high)
        finally:
            cursor.execute("DROP TABLE temp.case_school")
            connection.deserialize(_EMPTY, name="part")  # let its memory go

    return load


def extract(store: str, events: str, topics: list[str], low: int, high: int) -> tuple[int, bytes]:
    """In a worker: the rows of log positions ``(low, high]``, as a serialized database."""
    memory = sqlite3.connect(":memory:", uri=True)
    try:
        memory.execute(PART)
        memory.execute("ATTACH DATABASE ? AS store", (store,))
        statement = EXTRACT.format(events=events, topics=", ".join("?" * len(topics)))
        memory.execute(statement, (low, high, *topics))
        memory.commit()
        memory.execute("DETACH DATABASE store")
        return high, memory.serialize()
    finally:
        memory.close()


def _empty() -> bytes:
    memory = sqlite3.connect(":memory:")
    try:
        memory.execute(PART)
        return memory.serialize()
    finally:
        memory.close()


_EMPTY = _empty()


def _event_classes() -> list[type[CanMutateAggregate[Any]]]:
    """Every event class of the log's aggregates."""
    from zatlog.case import Case
    from zatlog.school import School

    return [
        value
        for aggregate in (Case, School)
        for value in vars(aggregate).values()
        if isinstance(value, type) and issubclass(value, CanMutateAggregate)
    ]


def _records_action(cls: type) -> bool:
    return any("payload" in vars(base).get("__annotations__", {}) for base in cls.__mro__)


def _has_json(app: ZatlogApp) -> bool:
    try:
        with app.recorder.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
            cursor.execute("SELECT json_extract('{\"a\": 1}', '$.a')")
    except OperationalError:  # built without the JSON functions
        return False
    return True
