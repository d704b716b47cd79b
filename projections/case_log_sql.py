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

Each row is what :class:`~zatlog.projections.case_log.CaseLog` files for the
event; a test keeps the two equal row for row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import CanMutateAggregate
from eventsourcing.persistence import JSONTranscoder, OperationalError
from eventsourcing.utils import get_topic

from zatlog.projections.runner import BulkLoader, ViewWriter

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp

STEP = 50_000
"""Log positions filed per statement (between two progress reports)."""

SCHOOLS = "CREATE TEMP TABLE IF NOT EXISTS case_school (case_ref TEXT PRIMARY KEY, school TEXT)"
KNOWN_SCHOOLS = (
    "INSERT OR REPLACE INTO temp.case_school "
    "SELECT case_ref, school FROM case_log WHERE action = 'case_opened'"
)
OPENED = (
    "INSERT OR REPLACE INTO temp.case_school "
    "SELECT json_extract(state, '$.payload.case'), json_extract(state, '$.payload.school') "
    "FROM {events} WHERE rowid > ? AND rowid <= ? AND topic = ?"
)
FILED = """
INSERT INTO case_log (position, case_ref, school, action, day, recorded_at, actor, payload)
SELECT e.position, e.ref,
       CASE WHEN e.ref IS NULL OR e.action = 'case_opened' THEN e.school ELSE s.school END,
       e.action, substr(e.at, 1, 10), e.recorded_at, e.actor, CAST(e.payload AS BLOB)
FROM (
    SELECT rowid AS position,
           json_extract(state, '$.payload.case') AS ref,
           json_extract(state, '$.payload.school') AS school,
           json_extract(state, '$.payload.action') AS action,
           json_extract(state, '$.payload.at') AS at,
           CASE WHEN json_extract(state, '$.timestamp._type_') = 'datetime_iso'
                THEN json_extract(state, '$.timestamp._data_') END AS recorded_at,
           json_extract(state, '$.actor') AS actor,
           json_extract(state, '$.payload') AS payload
    FROM {events}
    WHERE rowid > ? AND rowid <= ? AND topic IN ({topics})
) AS e
LEFT JOIN temp.case_school AS s ON s.case_ref = e.ref
ORDER BY e.position
"""
"""Events are picked by their topic (a column: no JSON to parse). A timestamp in another
form leaves ``recorded_at`` empty, which its NOT NULL refuses: the load fails loudly
rather than filing something else than the events say."""


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
    from zatlog.case import Case

    # The events that record an action carry it as their payload (as CaseLog files them).
    topics = [get_topic(cls) for cls in classes if _records_action(cls)]
    opened = OPENED.format(events=events)
    filed = FILED.format(events=events, topics=", ".join("?" * len(topics)))
    opened_topic = get_topic(Case.Opened)

    def load(writer: ViewWriter, start: int, end: int, reached: Callable[[int], None]) -> None:
        cursor = writer.cursor
        cursor.execute(SCHOOLS)
        try:
            cursor.execute(KNOWN_SCHOOLS)  # cases opened before ``start``
            for low in range(start, end, STEP):
                high = min(low + STEP, end)
                cursor.execute(opened, (low, high, opened_topic))
                cursor.execute(filed, (low, high, *topics))
                reached(high)
        finally:
            cursor.execute("DROP TABLE temp.case_school")

    return load


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
