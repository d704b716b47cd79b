"""The case log index: every action of the log, filed by case and by school.

"All events of case X" (for ``case show --as-of``, the timeline, per-case
recomputation, the audit and the dossier) is one indexed query here instead
of a scan of the whole log. A row keeps the action's stored payload; the
action model is rebuilt from it only when asked for (:func:`case_events`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Tracking

from zatlog.projections.runner import (
    BulkLoader,
    ReadModel,
    ReadModelView,
    Table,
    ViewWriter,
    catch_up,
    view_of,
)

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp
    from zatlog.projections.runner import Reader
    from zatlog.records import LoggedAction

TABLE = Table(
    "case_log",
    "position INTEGER PRIMARY KEY, case_ref TEXT, school TEXT NOT NULL, action TEXT NOT NULL, "
    "day TEXT NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, payload BLOB NOT NULL",
    indexes=(
        "case_ref",
        "school, position WHERE case_ref IS NULL",
        "school WHERE action = 'case_opened'",
    ),
)
"""One row per action: its log position, case (none for a school action), school, action
name, calendar date of ``at``, recording time, actor and the stored payload (JSON, sealed)."""

INSERT = "INSERT INTO {t}case_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
SCHOOLS_OF_CASES = (
    "SELECT case_ref, school FROM {t}case_log WHERE action = 'case_opened' AND case_ref IN (%s)"
)
CASE_ROWS = (
    "SELECT position, school, recorded_at, actor, payload FROM {t}case_log "
    "WHERE case_ref = ? AND position <= ? ORDER BY position"
)
MANY_CASES_ROWS = (
    "SELECT case_ref, position, school, recorded_at, actor, payload FROM {t}case_log "
    "WHERE case_ref IN (%s) AND position <= ? ORDER BY position"
)
SCHOOL_ROWS = (
    "SELECT position, school, recorded_at, actor, payload FROM {t}case_log "
    "WHERE case_ref IS NULL AND school = ? AND position <= ? ORDER BY position"
)
EVENTS_AT = (
    "SELECT position, school, recorded_at, actor, payload FROM {t}case_log WHERE position IN (%s)"
)
CASES_OF_SCHOOL = (
    "SELECT case_ref FROM {t}case_log WHERE action = 'case_opened' AND school = ? ORDER BY case_ref"
)
TIMELINE = (
    "SELECT position, action, day, recorded_at, actor, payload FROM {t}case_log "
    "WHERE case_ref = ? ORDER BY day, position"
)
CASES_UP_TO = "SELECT case_ref FROM {t}case_log WHERE action = 'case_opened' AND position <= ?"
"""(Sorted by the caller: with ORDER BY, SQLite walks the whole case_ref index instead.)"""
NO_LIMIT = 2**62
CASES_PER_QUERY = 200
"""Cases whose rows one query reads (one round trip to a server for all of them)."""
POSITIONS_PER_QUERY = 500
"""Events that one query reads by position."""
T = TypeVar("T")
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class CaseLog(ReadModel):
    """Files every recorded action by case and school."""

    name = "case_log"
    tables = (TABLE,)

    def __init__(self, view: ReadModelView) -> None:
        super().__init__(view)
        self.rows: list[list[Any]] = []
        self.schools: dict[str, str] = {}
        """The school of each case seen (a case's school never changes)."""

    def discard(self) -> None:
        self.rows.clear()

    mergeable = True

    def export(self) -> list[list[Any]]:
        rows, self.rows = self.rows, []
        return rows

    def merge(self, changes: list[list[Any]]) -> None:
        for row in changes:
            if row[3] == "case_opened":
                self.schools[row[1]] = row[2]
            elif row[2] is None and row[1] in self.schools:
                row[2] = self.schools[row[1]]
        self.rows += changes

    def bulk_loader(self, app: ZatlogApp) -> BulkLoader | None:
        from zatlog.projections.case_log_sql import loader

        return loader(app)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """An event that records no action (a school appearing in the log)."""

    @process_event.register
    def _action_recorded(self, domain_event: Aggregate.Event, tracking: Tracking) -> None:
        # Every event that records an action carries it as its payload, with its actor.
        event: Any = domain_event
        payload = getattr(event, "payload", None)
        if not isinstance(payload, dict):
            return
        ref = payload.get("case")
        if ref is None:
            school = payload["school"]
        elif payload["action"] == "case_opened":
            school = self.schools[ref] = payload["school"]
        else:
            school = self.schools.get(ref)  # looked up when written
        self.rows.append(
            [
                tracking.notification_id,
                ref,
                school,
                payload["action"],
                payload["at"][:10],
                event.timestamp.isoformat(),
                event.actor,
                _ENCODER.encode(payload),
            ]
        )

    def write(self, writer: ViewWriter, upto: int, today: date) -> None:
        unknown = {row[1] for row in self.rows if row[2] is None}
        if unknown:  # cases opened before this catch-up: their schools in one query
            self.schools.update(schools_of(writer, sorted(unknown)))
        for row in self.rows:
            if row[2] is None:
                if row[1] not in self.schools:
                    raise LookupError(f"case {row[1]} has no case_opened in the case log")
                row[2] = self.schools[row[1]]
            row[7] = writer.seal(row[7])
        writer.executemany(INSERT, self.rows)
        self.rows.clear()


def schools_of(reader: Reader, refs: Sequence[str]) -> dict[str, str]:
    """The school of each of the cases ``refs`` that has a ``case_opened`` in the index."""
    found: dict[str, str] = {}
    for chunk in chunked(refs, CASES_PER_QUERY):
        found.update(reader.fetchall(SCHOOLS_OF_CASES % placeholders(len(chunk)), chunk))
    return found


def chunked(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def placeholders(count: int) -> str:
    """``?, ?, …`` for ``count`` parameters (an ``IN`` list)."""
    return ", ".join(["?"] * count)


def read_case_events(
    reader: Reader, ref: str, upto: int = NO_LIMIT
) -> tuple[str, list[LoggedAction]]:
    """The case's school and its events up to log position ``upto``, in recording order."""
    rows = reader.fetchall(CASE_ROWS, (ref, upto))
    school = rows[0][1] if rows else ""
    return school, _logged(reader, rows)


def read_cases_events(
    reader: Reader, refs: Sequence[str], upto: int = NO_LIMIT
) -> Iterator[tuple[str, str, list[LoggedAction]]]:
    """``(ref, school, events)`` of each case of ``refs`` in their order, as
    :func:`read_case_events` gives them, reading the rows of many cases in one query."""
    for chunk in chunked(refs, CASES_PER_QUERY):
        rows: dict[str, list[tuple[Any, ...]]] = {ref: [] for ref in chunk}
        statement = MANY_CASES_ROWS % placeholders(len(chunk))
        for row in reader.fetchall(statement, (*chunk, upto)):
            rows[row[0]].append(row[1:])
        for ref in chunk:
            case_rows = rows.pop(ref)
            school = case_rows[0][1] if case_rows else ""
            yield ref, school, _logged(reader, case_rows)


def read_school_events(reader: Reader, school: str, upto: int = NO_LIMIT) -> list[LoggedAction]:
    """The school's own events (no case) up to log position ``upto``, in recording order."""
    return _logged(reader, reader.fetchall(SCHOOL_ROWS, (school, upto)))


def read_events_at(reader: Reader, positions: Iterable[int]) -> dict[int, LoggedAction]:
    """The events at log ``positions`` (of any case or school), by position: primary-key
    lookups, many in one query, whatever the size of their cases."""
    found: dict[int, LoggedAction] = {}
    for chunk in chunked(sorted(set(positions)), POSITIONS_PER_QUERY):
        rows = reader.fetchall(EVENTS_AT % placeholders(len(chunk)), chunk)
        found.update((e.position, e) for e in _logged(reader, rows))
    return found


def cases_up_to(reader: Reader, upto: int) -> list[str]:
    """Every case opened at log positions up to ``upto``, by reference."""
    return sorted(row[0] for row in reader.fetchall(CASES_UP_TO, (upto,)))


def cases_of_school(reader: Reader, school: str) -> list[str]:
    return [row[0] for row in reader.fetchall(CASES_OF_SCHOOL, (school,))]


def case_events(source: ZatlogApp | ReadModelView, ref: str) -> list[LoggedAction]:
    """Every event of case ``ref``, in recording order (empty for an unknown case).

    Given the application, the index is caught up with the log first; given
    a view (from :func:`~zatlog.projections.runner.current_view`), it is
    read as it stands.
    """
    return read_case_events(_view(source), ref)[1]


def school_events(source: ZatlogApp | ReadModelView, school: str) -> list[LoggedAction]:
    """Every school-level event of ``school`` (its published documents), in recording order."""
    return read_school_events(_view(source), school)


class TimelineRow(NamedTuple):
    position: int
    action: str
    day: date
    recorded_at: datetime
    actor: str
    payload: dict[str, Any]


def timeline(view: ReadModelView, ref: str) -> list[TimelineRow]:
    """The case's events in the one shared order of events (by ``at``: date, then time of
    day where both carry one; ties in recording order), without the action models."""
    from zatlog.actions import clock_of, parse_moment
    from zatlog.records import moment_key

    rows = [
        TimelineRow(
            position,
            action,
            date.fromisoformat(day),
            datetime.fromisoformat(recorded_at),
            actor,
            json.loads(view.unseal(payload)),
        )
        for position, action, day, recorded_at, actor, payload in view.fetchall(TIMELINE, (ref,))
    ]
    # The index keeps only the date; a time of day, where given, is in the payload.
    return sorted(
        rows,
        key=lambda r: moment_key(r.day, clock_of(parse_moment(r.payload["at"])), r.position),
    )


def _view(source: ZatlogApp | ReadModelView) -> ReadModelView:
    if isinstance(source, ReadModelView):
        return source
    catch_up(source, [CaseLog.name])
    return view_of(source)


def _logged(reader: Reader, rows: list[tuple[Any, ...]]) -> list[LoggedAction]:
    from zatlog.actions import parse_stored_json
    from zatlog.records import LoggedAction

    return [
        LoggedAction(
            position=row[0],
            recorded_at=datetime.fromisoformat(row[2]),
            actor=row[3],
            action=parse_stored_json(reader.unseal(row[4])),
        )
        for row in rows
    ]
