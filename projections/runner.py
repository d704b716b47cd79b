"""Keeping the read models current: projections over the log, tracked page by page.

Every read model is an :class:`eventsourcing.projection.Projection` over one
*view*: a tracking recorder of the log's own database (the SQLite file or the
PostgreSQL schema) that adds the read models' tables. Each projection tracks
how far it has read under its own key, ``"zatlog/<name>"``, so that several
share the library's tracking table (one row per key in 9.5.6).

SQLite has no subscriptions, so the runner pulls pages of notifications after
the lowest tracked position and commits each page's read-model changes with
the tracking record of every projection it advanced, in ONE transaction: a
crash between two pages neither skips nor repeats an event. The CLI catches
up after each write and before each read (on PostgreSQL too, by pulling),
except while a follower keeps the read models of a PostgreSQL log (see
:mod:`zatlog.projections.follower`): then a read only says how far behind
they are.

Projections are registered in :data:`PROJECTIONS` by name. A read command
names the projections it reads; when it finds them current it runs a few
queries and imports neither the domain model (the action models and
aggregates) nor any other projection.
"""

from __future__ import annotations

import functools
import gc
import importlib
import re
import threading
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Protocol
from weakref import WeakKeyDictionary

from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    ApplicationRecorder,
    Cipher,
    InfrastructureFactory,
    IntegrityError,
    MapperDeserialisationError,
    Notification,
    OperationalError,
    ProgrammingError,
    Tracking,
    TrackingRecorder,
)
from eventsourcing.projection import Projection
from eventsourcing.utils import Environment

from zatlog.errors import StorageError, ZatlogError, cannot_open

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp
    from zatlog.records import LoggedAction
    from zatlog.storage import Location

APP_NAME = "zatlog"
"""The application name: the prefix of every tracking key (and of the PostgreSQL tables)."""

PROJECTIONS: dict[str, str] = {
    # name: "module:class" of a ReadModel, imported only when events are processed
    "case_log": "zatlog.projections.case_log:CaseLog",
    "case_state": "zatlog.projections.case_state:CaseStateProjection",
    "due": "zatlog.projections.due:DueProjection",
    "findings": "zatlog.projections.findings:FindingsProjection",
}
"""Every projection, by name. A new read model registers itself with one line here."""

PAGE_SIZE = 1000
"""Notifications read per page when catching up."""

SHARE_FROM = 50_000
"""Log positions from which building every read model is shared out to worker processes
(see :mod:`zatlog.projections.parallel`): a rebuild, or the first catch-up of a log."""

REBUILD_PAGE_SIZE = 20_000
"""Notifications read per page when rebuilding (fewer commits: each waits for the disk)."""

WORKER_WAIT = 900
"""Seconds a rebuild's write transaction may wait for its workers between two statements."""

REBUILD_CASE_SPAN = 2**62
"""A rebuild recomputes each case once, after the case index is complete."""

TaskRunner = Callable[[Callable[..., Any], Sequence[tuple[Any, ...]]], Iterator[Any]]
"""Runs ``task(*arguments)`` for each tuple of arguments on worker processes and gives the
results in order."""

BulkLoader = Callable[["ViewWriter", int, int, Callable[[int], None], TaskRunner], None]
"""Fills a read model for log positions ``(start, end]`` in the writer's transaction, step by
step (the heavy part of each step on the workers), calling back with the position reached
after each step."""

Progress = Callable[[str, int, int], None]
"""Called with ``(stage, done, total)`` as a catch-up goes: stage ``"events"`` counts log
positions read, stage ``"cases"`` the cases recomputed by the per-case read models."""


# -- tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A read-model table: its columns and indexes in portable SQL.

    ``columns`` is the body of ``CREATE TABLE``; write ``INTEGER`` for whole
    numbers (``BIGINT`` on PostgreSQL) and ``BLOB`` for sealed text (``BYTEA``).
    Each index is a column list, optionally followed by ``WHERE …`` (a
    partial index).
    """

    name: str
    columns: str
    indexes: tuple[str, ...] = ()


# -- views --------------------------------------------------------------------------------------


class Reader(Protocol):
    """Anything that runs a read-model query: a view, or a writer inside its transaction."""

    def fetchall(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def unseal(self, value: bytes) -> str: ...


class Writer(Reader, Protocol):
    """Anything a read model writes through: a :class:`ViewWriter`, or a worker's collector."""

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None: ...

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def seal(self, text: str) -> bytes: ...


class Overtaken(Exception):
    """Another process advanced a projection while this one was reading a page."""


class ViewWriter:
    """One transaction on the read models, holding the projections' write lock.

    It runs on a cursor of the view's own datastore (a SQLite cursor, or a
    psycopg cursor with dict rows: the view's ``row`` turns either into a tuple).
    """

    def __init__(self, view: ReadModelView, cursor: Any) -> None:
        self.view = view
        self.cursor = cursor
        # The backend's tracking methods take its own cursor type.
        self._tracking: Any = view

    def position(self, key: str) -> int:
        """The tracked position of ``key`` inside this transaction (0 when none)."""
        position: int | None = self._tracking._max_tracking_id(key, self.cursor)
        return position or 0

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self.view.statement(statement), params)

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        self.view.executemany(self.cursor, statement, rows)

    def fetchall(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.cursor.execute(self.view.statement(statement), params)
        return [self.view.row(row) for row in self.cursor.fetchall()]

    def track(self, key: str, position: int) -> None:
        """Record that ``key`` has processed the log up to ``position``."""
        self._tracking._insert_tracking(self.cursor, Tracking(key, position))

    def recreate(self, tables: Iterable[Table], *, indexes: bool = True) -> None:
        """Drop the tables and create them afresh (empty, with their current columns).

        Without ``indexes``, a bulk load fills them faster (one sort per index
        afterwards instead of an index update per row); the next
        :meth:`ReadModelView.create_tables` adds them.
        """
        tables = list(tables)
        for table in tables:
            self.execute(f"DROP TABLE IF EXISTS {{t}}{table.name}")
            statements = self.view.table_ddl(table)
            for statement in statements if indexes else statements[:1]:
                self.cursor.execute(statement)
        self.view.secure(self.cursor, tables)

    def seal(self, text: str) -> bytes:
        """``text`` as stored in a ``BLOB`` column (encrypted when the log is)."""
        return self.view.seal(text)

    def unseal(self, value: bytes) -> str:
        return self.view.unseal(value)


class ReadModelView(TrackingRecorder):
    """The read models of one database: a tracking recorder with the read-model tables.

    SQL is written once with ``?`` placeholders and ``{t}`` before each
    read-model table name; :meth:`dialect` adapts it to the backend.

    Read models hold personal data (names, what was said), so when the log's
    events are encrypted at rest, so are the ``BLOB`` columns that hold it:
    :meth:`seal` and :meth:`unseal` use the log's own cipher.
    """

    _statements: dict[str, str]
    cipher: Cipher | None = None

    def seal(self, text: str) -> bytes:
        data = text.encode()
        return data if self.cipher is None else self.cipher.encrypt(data)

    def unseal(self, value: bytes) -> str:
        try:
            data = bytes(value) if self.cipher is None else self.cipher.decrypt(bytes(value))
            return data.decode()
        except Exception as error:  # the cipher's own error for a wrong key, or ciphertext
            raise StorageError(
                "cannot read the read models: they were written with another encryption key, "
                "or without one (rebuild them with `zatlog projections rebuild`)",
                key="read_models_other_key",
            ) from error

    @abstractmethod
    def dialect(self, statement: str) -> str:
        """``statement`` in this backend's dialect."""

    @abstractmethod
    def create_tables(self, tables: Iterable[Table]) -> None:
        """Create the tables and indexes that do not exist yet."""

    def executemany(self, cursor: Any, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run ``statement`` for every row, on ``cursor`` (of :meth:`writing`)."""
        cursor.executemany(self.statement(statement), rows)

    def secure(self, cursor: Any, tables: Iterable[Table]) -> None:
        """Give tables created just now the database's protection (PostgreSQL, see
        :mod:`zatlog.roles`)."""

    def maintained_here(self) -> bool:
        """Whether this connection keeps the read models (on a server: the owner only)."""
        return True

    def reset(self, tables: Iterable[Table], keys: Iterable[str]) -> None:
        """Drop the tables and forget the tracked positions of ``keys`` (for a rebuild)."""
        with self.writing() as writer, self.discarding(writer):
            for table in tables:
                writer.execute(f"DROP TABLE IF EXISTS {{t}}{table.name}")
            for key in keys:
                writer.execute(
                    f"DELETE FROM {self.tracking_table} WHERE application_name=?", (key,)
                )

    @contextmanager
    def discarding(self, writer: ViewWriter) -> Iterator[None]:
        """While read models that are about to be built again are dropped."""
        yield

    def waiting(self, cursor: Any) -> None:
        """Let the transaction of ``cursor`` (of :meth:`writing` or :meth:`reading`) wait
        between statements, on workers or on its own work, for as long as
        :data:`WORKER_WAIT` says, where the server would end an idle one sooner."""

    def positions(self, keys: Iterable[str]) -> dict[str, int]:
        """Each key's tracked position (0 when none, or before the first catch-up)."""
        wanted = list(keys)
        tracking: Any = self  # the backend's own method takes its own cursor type
        try:
            with self.reading() as cursor:
                return {key: tracking._max_tracking_id(key, cursor) or 0 for key in wanted}
        except (OperationalError, ProgrammingError):  # no tracking table: never caught up
            return dict.fromkeys(wanted, 0)

    def fetchall(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query on the read models (outside any write)."""
        with self.reading() as cursor:
            cursor.execute(self.statement(statement), params)
            return [self.row(row) for row in cursor.fetchall()]

    @property
    @abstractmethod
    def tracking_table(self) -> str:
        """The library's tracking table, as SQL names it."""

    @abstractmethod
    def reading(self) -> AbstractContextManager[Any]:
        """A cursor in a transaction that only reads."""

    @staticmethod
    @abstractmethod
    def row(row: Any) -> tuple[Any, ...]:
        """A row of this backend's cursors as a tuple."""

    @abstractmethod
    def writing(self) -> AbstractContextManager[ViewWriter]:
        """A transaction that holds the write lock of the projections of this database."""

    def statement(self, statement: str) -> str:
        cached = self._statements.get(statement)
        if cached is None:
            cached = self._statements[statement] = self.dialect(statement)
        return cached

    def table_ddl(self, table: Table) -> list[str]:
        statements = [f"CREATE TABLE IF NOT EXISTS {{t}}{table.name} ({table.columns})"]
        for number, index in enumerate(table.indexes, start=1):
            columns, _, where = index.partition(" WHERE ")
            partial = f" WHERE {where}" if where else ""
            statements.append(
                f"CREATE INDEX IF NOT EXISTS {table.name}_{number} "
                f"ON {{t}}{table.name} ({columns}){partial}"
            )
        return [self.statement(s) for s in statements]


def _sqlite_view_class() -> type[ReadModelView]:
    from eventsourcing.sqlite import SQLiteCursor, SQLiteTrackingRecorder

    class SQLiteReadModels(SQLiteTrackingRecorder, ReadModelView):
        """The read models in the log's SQLite file."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._statements = {}

        def dialect(self, statement: str) -> str:
            return statement.replace("{t}", "")

        def create_tables(self, tables: Iterable[Table]) -> None:
            with self.datastore.transaction(commit=True) as cursor:
                for table in tables:
                    for statement in self.table_ddl(table):
                        cursor.execute(statement)

        tracking_table = "tracking"

        @contextmanager
        def discarding(self, writer: ViewWriter) -> Iterator[None]:
            # Debian's SQLite overwrites every freed page (secure_delete): dropping the
            # read models of a 1M-event log took 3.4 s instead of 0.2 s. What a rebuild
            # drops are copies of what the log keeps in the same file, and the rebuild
            # writes them again into the freed pages, so overwriting them first protects
            # nothing. FAST still overwrites what costs no extra writes.
            previous = int(writer.fetchall("PRAGMA secure_delete")[0][0])
            writer.cursor.execute("PRAGMA secure_delete = FAST")
            try:
                yield
            finally:
                writer.cursor.execute(f"PRAGMA secure_delete = {previous}")

        @staticmethod
        def row(row: Any) -> tuple[Any, ...]:
            return tuple(row)

        def reading(self) -> AbstractContextManager[SQLiteCursor]:
            return self.datastore.transaction(commit=False)

        @contextmanager
        def writing(self) -> Iterator[ViewWriter]:
            with self.datastore.get_connection(commit=True) as connection:
                cursor = connection.cursor()
                try:
                    # IMMEDIATE takes the write lock now, so the positions read below
                    # cannot change before this transaction commits.
                    cursor.execute("BEGIN IMMEDIATE")
                    yield ViewWriter(self, cursor)
                except BaseException:
                    connection.rollback()
                    raise
                else:
                    connection.commit()
                finally:
                    cursor.sqlite_cursor.close()

    return SQLiteReadModels


def _postgres_view_class() -> type[ReadModelView]:
    from eventsourcing.postgres import PostgresTrackingRecorder
    from psycopg import Cursor, RawCursor
    from psycopg.rows import DictRow

    class PostgresReadModels(PostgresTrackingRecorder, ReadModelView):
        """The read models in the log's PostgreSQL schema."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._statements = {}

        def dialect(self, statement: str) -> str:
            schema = self.datastore.schema.replace('"', '""')
            return (
                statement.replace("{t}", f'"{schema}".')
                .replace("INTEGER", "BIGINT")
                .replace("BLOB", "BYTEA")
                .replace("?", "%s")
            )

        def executemany(self, cursor: Any, statement: str, rows: Iterable[Sequence[Any]]) -> None:
            # A round trip per statement: as few statements as the rows allow.
            from zatlog.projections.batch import statements_for

            text = self.statement(statement)
            rows = list(rows)
            batched = statements_for(text, rows)
            if batched is None:
                cursor.executemany(text, rows)
                return
            with RawCursor(cursor.connection) as raw:
                for text, params in batched:
                    raw.execute(text, params)

        def create_tables(self, tables: Iterable[Table]) -> None:
            tables = list(tables)
            with self.datastore.transaction(commit=True) as cursor:
                self._lock(cursor)
                for table in tables:
                    for statement in self.table_ddl(table):
                        cursor.execute(statement)
                self.secure(cursor, tables)

        def create_table(self) -> None:
            if self.maintained_here():  # a person's role on a server creates nothing
                super().create_table()

        def secure(self, cursor: Any, tables: Iterable[Table]) -> None:
            # On a secured server a table created anew has no grant and no policy until
            # these run: until then nobody but the owner reads it.
            from zatlog import roles

            schema = self.datastore.schema
            if not roles.secured(cursor, schema):
                return
            for table in tables:
                if re.search(r"\bschool\b", table.columns):
                    statements = roles.read_model_statements(schema, table.name)
                else:  # no school to tell by: the owner's only
                    statements = roles.read_model_statements(schema, table.name)[:1]
                for statement in statements:
                    cursor.execute(statement)

        def maintained_here(self) -> bool:
            from zatlog.roles import owns_log

            with self.datastore.transaction(commit=False) as cursor:
                return owns_log(cursor, self.datastore.schema)

        @staticmethod
        def row(row: Any) -> tuple[Any, ...]:
            return tuple(row.values())

        @property
        def tracking_table(self) -> str:
            return f'"{self.datastore.schema}"."{self.tracking_table_name}"'

        def reading(self) -> AbstractContextManager[Cursor[DictRow]]:
            return self.datastore.transaction(commit=False)

        @contextmanager
        def writing(self) -> Iterator[ViewWriter]:
            with self.datastore.transaction(commit=True) as cursor:
                self._lock(cursor)
                self.waiting(cursor)  # a page's cases are computed between its statements
                yield ViewWriter(self, cursor)

        def waiting(self, cursor: Any) -> None:
            # The session ends a transaction idle for 5 s (the library's default): a
            # parallel rebuild waits that long for its workers, and they on their cases,
            # on a loaded machine.
            cursor.execute(f"SET LOCAL idle_in_transaction_session_timeout = '{WORKER_WAIT}s'")

        def _lock(self, cursor: Cursor[DictRow]) -> None:
            # One writer of this schema's read models at a time, until the transaction ends.
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                (f"{self.datastore.schema}/{APP_NAME}/projections",),
            )

    return PostgresReadModels


def view_class(location: Location) -> type[ReadModelView]:
    """The view class of the backend (never importing the PostgreSQL module for SQLite)."""
    return _postgres_view_class() if location.is_postgres else _sqlite_view_class()


# -- projections --------------------------------------------------------------------------------


class ReadModel(Projection[ReadModelView]):
    """A projection of zatlog: handlers collect a page's changes, :meth:`write` stores them.

    The runner calls :meth:`write` inside the transaction that also records
    the tracking position, so a read model never gets ahead of or behind its
    position. ``span`` lets a projection write less often than every page
    (at most ``span`` positions behind, and always at the end of a catch-up).
    """

    tables: ClassVar[tuple[Table, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()
    """Projections whose tables this one reads while writing (caught up first)."""
    span: ClassVar[int] = 0
    version: ClassVar[int] = 1
    """Raise it when the tables or what they hold change: the new version tracks under a
    new key, so it starts at position 0 and its tables are built afresh."""

    def __init__(self, view: ReadModelView) -> None:
        super().__init__(view)
        self.position = 0
        """Up to where this projection's changes are committed."""
        self.seen = 0
        """Up to where this projection has processed events (pending changes beyond position)."""

    @property
    def key(self) -> str:
        """Its tracking key."""
        return tracking_key(type(self))

    def begin(self, position: int) -> None:
        """Start again from a committed position, forgetting pending changes."""
        self.position = self.seen = position
        self.discard()

    @abstractmethod
    def discard(self) -> None:
        """Forget the changes collected since the last write."""

    @abstractmethod
    def write(self, writer: ViewWriter, upto: int, today: date) -> None:
        """Store the collected changes (in the page transaction), then forget them."""

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """An event this read model does not need."""

    mergeable: ClassVar[bool] = False
    """Whether :meth:`export` and :meth:`merge` are implemented: then a rebuild lets
    worker processes run the handlers over consecutive ranges of the log."""

    def export(self) -> Any:
        """The changes collected since the last write, picklable, then forgotten."""
        raise NotImplementedError(f"{type(self).__name__} cannot be rebuilt in parallel")

    def merge(self, changes: Any) -> None:
        """Add the changes a worker collected over the next range of the log."""
        raise NotImplementedError(f"{type(self).__name__} cannot be rebuilt in parallel")

    def bulk_loader(self, app: ZatlogApp) -> BulkLoader | None:
        """What fills this model's tables straight from the stored events (in SQL) when
        rebuilding ``app``'s read models, where its store allows that; None: decode them."""
        return None


@dataclass
class CaseEvents:
    """A case's events up to a log position, for a :class:`CaseReadModel`."""

    ref: str
    school: str
    events: list[LoggedAction]
    """In recording order."""
    school_events: Callable[[], list[LoggedAction]] = field(repr=False)
    """The school's own events (its published documents), loaded on first call."""
    shared: dict[str, Any] = field(default_factory=dict, repr=False)
    """What one model derived from the events that others may reuse (see :meth:`derived`)."""

    def derived(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per case for all the models updated from these events."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]


class CaseReadModel(ReadModel):
    """A read model recomputed per case from the case's events, for each case a page touched.

    The case's events come from the ``case_log`` index, read for many touched
    cases in one query that every per-case read model of one write shares. Set
    ``uses_school_events`` when the model also depends on the school's events:
    a school event then touches every case of the school.
    """

    requires = ("case_log",)
    span = 100_000
    uses_school_events: ClassVar[bool] = False

    def __init__(self, view: ReadModelView) -> None:
        super().__init__(view)
        self.touched: set[str] = set()
        self.touched_schools: set[str] = set()

    def discard(self) -> None:
        self.touched.clear()
        self.touched_schools.clear()

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """An event that records no action (a school appearing in the log)."""

    @process_event.register
    def _action_recorded(self, domain_event: Aggregate.Event, tracking: Tracking) -> None:
        # Every event that records an action carries the action as its payload.
        payload = getattr(domain_event, "payload", None)
        if not isinstance(payload, dict):
            return
        if "case" in payload:
            self.touched.add(payload["case"])
        elif self.uses_school_events:
            self.touched_schools.add(payload["school"])

    @abstractmethod
    def update_case(self, writer: Writer, case: CaseEvents, today: date) -> None:
        """Replace what this read model stores of one case.

        Its statements touch only that case's rows, and come in the same order
        for every case (some may be left out), so the statements of many cases
        are run grouped by statement (see :mod:`zatlog.projections.batch`); they
        must not read what this model stores.
        """

    def write(self, writer: ViewWriter, upto: int, today: date) -> None:
        write_cases(writer, [self], upto, today)


def write_cases(
    writer: Writer,
    models: Sequence[CaseReadModel],
    upto: int,
    today: date,
    progress: Progress | None = None,
) -> None:
    """Recompute every touched case once for all ``models``, reading each case's events once."""
    from zatlog.projections import case_log
    from zatlog.projections.batch import Grouped

    for model in models:
        for school in model.touched_schools:
            model.touched.update(case_log.cases_of_school(writer, school))
    refs = sorted(set().union(*(model.touched for model in models)))
    schools: dict[str, list[LoggedAction]] = {}

    def school_events(school: str) -> Callable[[], list[LoggedAction]]:
        def load() -> list[LoggedAction]:
            if school not in schools:
                schools[school] = case_log.read_school_events(writer, school, upto)
            return schools[school]

        return load

    if progress is not None:
        progress("cases", 0, len(refs))
    # The events of many cases come in one query, and each model's statements for
    # them go out grouped (see zatlog.projections.batch): no round trip per case.
    grouped = Grouped(writer)
    cases = case_log.read_cases_events(writer, refs, upto)
    for number, (ref, school, events) in enumerate(cases, start=1):
        case = CaseEvents(ref, school, events, school_events(school))
        for model in models:
            if ref in model.touched:
                model.update_case(grouped, case, today)
        if number % case_log.CASES_PER_QUERY == 0 or number == len(refs) or grouped.overdue():
            grouped.flush()
            if progress is not None:
                progress("cases", number, len(refs))
    for model in models:
        model.discard()


def dispatched(projection: ReadModel, event_type: type) -> Callable[[Any, Tracking], None]:
    """The handler that ``projection.process_event`` dispatches events of ``event_type`` to."""
    projection.process_event  # noqa: B018 - binding applies deferred registrations
    for cls in type(projection).__mro__:
        method = cls.__dict__.get("process_event")
        if isinstance(method, functools.singledispatchmethod):
            return functools.partial(method.dispatcher.dispatch(event_type), projection)
    raise TypeError(f"{type(projection).__name__} has no process_event")


def projection_classes(names: Iterable[str] | None = None) -> list[type[ReadModel]]:
    """The named projections (all by default) with what they require, dependencies first."""
    wanted = list(PROJECTIONS) if names is None else list(names)
    ordered: list[type[ReadModel]] = []

    def add(name: str, chain: tuple[str, ...]) -> None:
        check_known(name)
        if name in chain:
            raise ZatlogError(f"projection {name!r} requires itself: {' → '.join(chain)}")
        cls = resolve_projection(name)
        if cls in ordered:
            return
        for required in cls.requires:
            add(required, (*chain, name))
        ordered.append(cls)

    for name in wanted:
        add(name, ())
    return ordered


def tracking_key(cls: type[ReadModel]) -> str:
    """``zatlog/<name>``, with ``/v<version>`` from version 2 on."""
    suffix = f"/v{cls.version}" if cls.version > 1 else ""
    return f"{APP_NAME}/{cls.name}{suffix}"


def tracking_keys() -> dict[str, str]:
    """Every registered projection's tracking key, by name."""
    return {name: tracking_key(resolve_projection(name)) for name in PROJECTIONS}


def check_known(name: str) -> None:
    if name not in PROJECTIONS:
        raise ZatlogError(
            f"unknown projection {name!r}; expected one of: {', '.join(PROJECTIONS)}",
            key="unknown_projection",
            name=repr(name),
            known=", ".join(PROJECTIONS),
        )


def resolve_projection(name: str) -> type[ReadModel]:
    module, _, attribute = PROJECTIONS[name].partition(":")
    cls = getattr(importlib.import_module(module), attribute)
    assert isinstance(cls, type) and issubclass(cls, ReadModel), cls
    assert cls.name == name, f"{cls.__name__}.name is {cls.name!r}, registered as {name!r}"
    return cls


def dependents(names: Iterable[str]) -> list[str]:
    """``names`` and every projection that requires one of them, directly or not."""
    found = set(names)
    for name in found:
        check_known(name)
    changed = True
    while changed:
        changed = False
        for name in PROJECTIONS:
            if name not in found and found & set(resolve_projection(name).requires):
                found.add(name)
                changed = True
    return [name for name in PROJECTIONS if name in found]


# -- the runner ---------------------------------------------------------------------------------


class Runner:
    """Catches projections up with an application's log, page by page."""

    def __init__(
        self,
        app: ZatlogApp,
        names: Iterable[str] | None = None,
        *,
        page_size: int = PAGE_SIZE,
        case_span: int | None = None,
        today: date | None = None,
    ) -> None:
        self.app = app
        self.case_span = case_span
        self.view = view_of(app)
        self.page_size = page_size
        self.today = today
        self.stop: threading.Event | None = None
        """Set by another thread (a signal handler): finish the page and end the run."""
        self.bulk_load = False
        """Whether tables started afresh get their indexes only when the caller says so
        (a parallel rebuild, whose per-case stage reads the index after it is complete)."""
        self.projections = [cls(self.view) for cls in projection_classes(names)]
        self._handlers: dict[str, Handlers] = {p.name: {} for p in self.projections}
        """Each projection's handler per event class: binding a ``singledispatchmethod``
        on every call costs more than most handlers."""
        self.view.create_tables(t for p in self.projections for t in p.tables)

    def run(
        self, progress: Progress | None = None, *, stop: threading.Event | None = None
    ) -> dict[str, int]:
        """Process the events recorded so far; return each projection's position.

        When another process advances a projection first, this one goes on
        from there: every restart starts from positions that have grown, so
        it ends once they reach the end of the log as it was at the start.
        Once ``stop`` is set, the page being read is finished and committed
        (pending per-case changes too) and the run ends there.
        """
        self.stop = stop
        end = self.app.recorder.max_notification_id() or 0
        with no_cyclic_collection():
            while True:
                try:
                    return self._run(progress, end)
                except Overtaken:
                    continue

    def _run(self, progress: Progress | None, end: int) -> dict[str, int]:
        today = self.today or date.today()
        positions = self.view.positions(p.key for p in self.projections)
        for projection in self.projections:
            projection.begin(positions[projection.key])
        cursor = min((p.position for p in self.projections), default=end)
        while cursor < end:
            notifications = self.app.recorder.select_notifications(
                start=cursor, limit=self.page_size, stop=end, inclusive_of_start=False
            )
            if not notifications:
                break
            last = notifications[-1].id
            events = decode(self.app, notifications)
            for projection in self.projections:
                if projection.seen < last:
                    feed(projection, events, self._handlers[projection.name])
                    projection.seen = last
            cursor = last
            if progress is not None:
                progress("events", cursor, end)
            stopping = self.stop is not None and self.stop.is_set()
            final = cursor >= end or len(notifications) < self.page_size or stopping
            self.commit(last, final=final, today=today, progress=progress)
            if stopping:
                break
        return {p.name: p.position for p in self.projections}

    def commit(self, upto: int, *, final: bool, today: date, progress: Progress | None) -> None:
        due = [
            p
            for p in self.projections
            if p.seen > p.position and (final or p.seen - p.position >= self.span(p))
        ]
        if not due:
            return
        with self.view.writing() as writer:
            for projection in due:
                if writer.position(projection.key) != projection.position:
                    raise Overtaken(projection.name)
                if projection.position == 0:
                    # Nothing is committed under this key: start from empty tables of the
                    # current shape (a new version, or a rebuild interrupted before).
                    writer.recreate(projection.tables, indexes=not self.bulk_load)
            per_case = [p for p in due if isinstance(p, CaseReadModel)]
            for projection in due:
                if not isinstance(projection, CaseReadModel):
                    projection.write(writer, upto, today)
            if per_case:
                write_cases(writer, per_case, upto, today, progress)
            for projection in due:
                writer.track(projection.key, upto)
        for projection in due:
            projection.position = upto

    def span(self, projection: ReadModel) -> int:
        if self.case_span is not None and isinstance(projection, CaseReadModel):
            return self.case_span
        return projection.span

    def lowest_position(self) -> int:
        return min((p.position for p in self.projections), default=0)


Handlers = dict[type, Callable[[Any, Tracking], None]]
"""A projection's handler per event class (see :func:`dispatched`)."""


def decode(app: ZatlogApp, notifications: Sequence[Notification]) -> list[tuple[Any, Tracking]]:
    """The domain events, each tracked as the library's subscriptions do it: the
    application's name and the event's position in the log."""
    to_domain_event = app.mapper.to_domain_event
    try:
        return [(to_domain_event(n), Tracking(APP_NAME, n.id)) for n in notifications]
    except MapperDeserialisationError:
        from zatlog.application import at_position, unreadable

        where = at_position(_first_unreadable(app, notifications))
        error = unreadable(app.location, where)
        raise LogUnreadable(app.location.target, error) from None


class LogUnreadable(StorageError):
    """The log's events cannot be decoded: damaged, or (an old log) another key or none."""

    def __init__(self, target: str, cause: StorageError | None = None) -> None:
        if cause is not None and cause.key is not None:
            super().__init__(str(cause), key=cause.key, **cause.fields)
        else:
            super().__init__(
                f"cannot read the log in {target}: it was written with another encryption key, "
                "or without one",
                key="log_other_or_no_key",
                target=target,
            )
        self.target = target


def check_readable(app: ZatlogApp) -> None:
    """Raise :class:`LogUnreadable` unless the log's first and last events decode."""
    end = app.last_position()
    for start in {0, max(end - 1, 0)}:
        decode(app, app.recorder.select_notifications(start=start, limit=1))


def _first_unreadable(app: ZatlogApp, notifications: Sequence[Notification]) -> int:
    for notification in notifications:
        try:
            app.mapper.to_domain_event(notification)
        except MapperDeserialisationError:
            return notification.id
    return notifications[0].id


def feed(projection: ReadModel, events: Iterable[tuple[Any, Tracking]], handlers: Handlers) -> None:
    """Hand ``projection`` the events it has not seen yet."""
    for event, tracking in events:
        if tracking.notification_id > projection.seen:
            handler = handlers.get(type(event))
            if handler is None:
                handler = handlers[type(event)] = dispatched(projection, type(event))
            handler(event, tracking)


@contextmanager
def no_cyclic_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while pages of decoded events are alive.

    Decoding allocates many small objects, and with a page of events alive
    the collector ran so often that it took a third of a rebuild (measured:
    78 → 43 µs per event; raising its thresholds got to 48). Events, actions
    and read-model rows form no reference cycles: reference counting frees
    them page by page, so memory stays flat. Collection resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_VIEWS: WeakKeyDictionary[ZatlogApp, ReadModelView] = WeakKeyDictionary()


def view_of(app: ZatlogApp) -> ReadModelView:
    """The read models' view in the application's own database (one per application)."""
    view = _VIEWS.get(app)
    if view is None:
        try:
            recorder = app.factory.tracking_recorder(view_class(app.location))
        except IntegrityError:  # another process created the tracking table just now
            recorder = app.factory.tracking_recorder(view_class(app.location))
        assert isinstance(recorder, ReadModelView)
        recorder.cipher = app.mapper.cipher
        view = _VIEWS[app] = recorder
    return view


# -- the API ------------------------------------------------------------------------------------


def catch_up(
    app: ZatlogApp,
    names: Iterable[str] | None = None,
    progress: Progress | None = None,
    *,
    today: date | None = None,
) -> dict[str, tuple[int, int]]:
    """Bring the projections (all by default) up to the end of the log.

    Call it after ``app.record(...)`` so that reads find the read models
    current. Returns each projection's ``(position, log position)``.
    """
    if not app.maintains_read_models:  # a person's role on a server: the owner keeps them
        end = app.last_position()
        classes = projection_classes(names)
        positions = view_of(app).positions(tracking_key(cls) for cls in classes)
        return {cls.name: (positions[tracking_key(cls)], end) for cls in classes}
    runner = Runner(app, names, today=today)
    first = app.last_position() >= SHARE_FROM and not any(
        runner.view.positions(p.key for p in runner.projections).values()
    )
    if first:  # nothing built yet on a large log (a first import): as fast as a rebuild
        from zatlog.projections import parallel

        positions = parallel.build(runner, progress)
    else:
        positions = runner.run(progress)
    end = app.last_position()
    return {name: (position, end) for name, position in positions.items()}


def rebuild(
    app: ZatlogApp,
    names: Iterable[str] | None = None,
    progress: Progress | None = None,
    *,
    today: date | None = None,
    workers: int | None = None,
) -> dict[str, tuple[int, int]]:
    """Drop the read models (and those that depend on them) and build them again from the log.

    A large log is rebuilt by ``workers`` processes (default: one per
    processor; see :mod:`zatlog.projections.parallel`); ``workers=1`` keeps it
    in this process.
    """
    from zatlog.projections import parallel

    chosen = dependents(list(PROJECTIONS) if names is None else names)
    check_readable(app)  # before anything is dropped: a wrong key must change nothing
    runner = Runner(
        app, chosen, page_size=REBUILD_PAGE_SIZE, case_span=REBUILD_CASE_SPAN, today=today
    )
    rebuilt = [p for p in runner.projections if p.name in chosen]
    runner.view.reset((t for p in rebuilt for t in p.tables), (p.key for p in rebuilt))
    runner.view.create_tables(t for p in runner.projections for t in p.tables)
    positions = parallel.build(runner, progress, workers=workers)
    end = app.last_position()
    return {name: (position, end) for name, position in positions.items() if name in chosen}


@dataclass
class Store:
    """The log's recorder and the read models' view of one database, without the application."""

    factory: InfrastructureFactory[Any]
    recorder: ApplicationRecorder
    view: ReadModelView

    def log_position(self) -> int:
        try:
            return self.recorder.max_notification_id() or 0
        except (OperationalError, ProgrammingError):  # an empty database: no events table yet
            return 0

    def close(self) -> None:
        self.factory.close()


def open_store(location: Location) -> Store:
    """Open a database for reading the read models: no application, no tables created."""
    env = Environment(APP_NAME, {**location.settings, "CREATE_TABLE": "n"})
    try:
        factory: InfrastructureFactory[Any] = InfrastructureFactory.construct(env)
        recorder = factory.application_recorder()
        view = factory.tracking_recorder(view_class(location))
    except (OSError, OperationalError) as error:
        raise cannot_open(location.target, error) from None
    assert isinstance(view, ReadModelView)
    view.cipher = factory.cipher()
    return Store(factory, recorder, view)


def status(location: Location) -> dict[str, tuple[int, int]]:
    """Each registered projection's ``(position, log position)``, without catching up."""
    store = open_store(location)
    try:
        end = store.log_position()
        keys = tracking_keys()
        positions = store.view.positions(keys.values())
        return {name: (positions[key], end) for name, key in keys.items()}
    finally:
        store.close()


@contextmanager
def current_view(
    location: Location,
    names: Iterable[str] | None = None,
    *,
    today: date | None = None,
    lagging: Callable[[int], None] | None = None,
) -> Iterator[ReadModelView]:
    """The read models of ``location``, caught up with the log first.

    Only the named projections (and what they require; all by default) are
    checked, so a read imports no other projection's module. Finding them
    current costs two small queries and imports nothing of the domain model;
    only when the log has moved on is the application opened, and every
    projection caught up. While a follower keeps them (see
    :mod:`zatlog.projections.follower`) nothing is caught up here: ``lagging``
    is called with how many log positions the furthest behind of them lacks.
    """
    classes = projection_classes(names)
    store = open_store(location)
    try:
        end = store.log_position()
        positions = store.view.positions(tracking_key(cls) for cls in classes).values()
        behind = end - min(positions, default=end)
        if behind > 0:
            from zatlog.projections.follower import followed

            # A person's role on a server never builds read models (the owner does).
            if store.view.maintained_here() and not followed(location, store.view):
                from zatlog.application import ZatlogApp

                app = ZatlogApp(location)
                try:
                    catch_up(app, today=today)
                finally:
                    app.close()
            elif lagging is not None:
                lagging(behind)
        elif not all(positions) and store.view.maintained_here():
            # an empty log: the tables may not exist yet
            store.view.create_tables(t for cls in classes for t in cls.tables)
        yield store.view
    finally:
        store.close()
