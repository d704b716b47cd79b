"""The follower: one service process that keeps a PostgreSQL log's read models current.

``zatlog projections follow`` runs :class:`Follower` beside any number of
writers. It starts from the tracked positions and catches up page by page
(the :class:`~zatlog.projections.runner.Runner`'s pages: each page's read-model
changes and tracking positions commit in one transaction), then sleeps on the
log's LISTEN/NOTIFY channel until a writer commits.

- **One follower per log, seen by the reads.** The follower holds a session
  advisory lock of the log's schema on its listening connection. A read (or a
  write's catch-up) that finds the lock taken does not catch up itself: it reads
  what is there and says how far behind that is (see :func:`followed`). The lock
  goes with the connection, so a killed follower or a lost server frees it at
  once and the reads catch up themselves again. A second follower waits for
  the lock: a standby.
- **Stopping.** Setting ``stop`` (the CLI does on SIGTERM and SIGINT) lets the
  page being read finish and commit, then ends :meth:`Follower.run`.
- **Reconnecting.** A lost connection (the server restarting, a terminated
  backend) is said on standard error; the follower waits (0.5 s, doubling to
  30 s), checks the pool's idle connections and starts again from the tracked
  positions: what the lost page had collected was never committed, so nothing
  is skipped or applied twice.
- **Bounded memory and one pool.** Pages of :data:`~zatlog.projections.runner.PAGE_SIZE`
  events; no cache grows with the log. Everything, the listening connection
  included, uses the application's one connection pool.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from eventsourcing.persistence import InterfaceError, OperationalError

from zatlog.projections.runner import PAGE_SIZE, Runner

if TYPE_CHECKING:
    from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

    from zatlog.application import ZatlogApp
    from zatlog.projections.runner import ReadModelView
    from zatlog.storage import Location

Say = Callable[..., None]
"""Called with a message key of :data:`~zatlog.projections.i18n.CLI_MESSAGES` and its fields."""

IDLE = 5.0
"""Seconds without a notification after which the follower looks at the log anyway."""

RETRY_FIRST = 0.5
RETRY_MAX = 30.0
"""The wait before reconnecting: doubling from the first to the longest."""

LOCK_POLL = 2.0
"""Seconds between two tries of a standby follower to take over."""

REPORT_EVERY = 60.0
"""Seconds between two lines saying where the read models are."""

LOST = (OperationalError, InterfaceError)
"""What a lost connection raises through the library (psycopg's errors, and the pool's
timeout when the server does not answer)."""


def lock_name(schema: str) -> str:
    """The advisory lock that a follower of ``schema``'s log holds while it runs."""
    return f"{schema}/zatlog/follower"


def followed(location: Location, view: ReadModelView) -> bool:
    """Whether a follower keeps ``view``'s read models (then reads do not catch up).

    Only on PostgreSQL: trying the follower's lock in shared mode, for the length
    of a read-only transaction, fails exactly while a follower holds it.
    """
    if not location.is_postgres:
        return False
    schema = location.settings.get("POSTGRES_SCHEMA", "").strip() or "public"  # as the library
    rows = view.fetchall(
        "SELECT pg_try_advisory_xact_lock_shared(hashtext(?))", (lock_name(schema),)
    )
    return not rows[0][0]


def follower_running(location: Location) -> bool:
    """Whether a follower keeps the read models of ``location`` now."""
    from zatlog.projections.runner import open_store

    if not location.is_postgres:
        return False
    store = open_store(location)
    try:
        return followed(location, store.view)
    finally:
        store.close()


class Follower:
    """Keeps every read model of ``app``'s PostgreSQL log current until ``stop`` is set."""

    def __init__(
        self, app: ZatlogApp, stop: threading.Event, say: Say, *, page_size: int = PAGE_SIZE
    ) -> None:
        self.app = app
        self.page_size = page_size
        self.stop = stop
        self.say = say
        self.retry = RETRY_FIRST
        self._runner: Runner | None = None
        self._position = -1
        self._reported = 0.0

    @property
    def recorder(self) -> PostgresApplicationRecorder:
        return cast("PostgresApplicationRecorder", self.app.recorder)

    @property
    def datastore(self) -> PostgresDatastore:
        """The application's PostgreSQL datastore: its one connection pool."""
        return self.recorder.datastore

    def run(self) -> None:
        """Follow until ``stop`` is set, reconnecting as often as the connection is lost."""
        while not self.stop.is_set():
            try:
                self._follow()
            except LOST as error:
                if self.stop.is_set():
                    break
                self.say("follow_lost", reason=first_line(error), seconds=f"{self.retry:g}")
                self.stop.wait(self.retry)
                self.retry = min(self.retry * 2, RETRY_MAX)
                self._recover()
        self.say("follow_stopped_at", position=max(self._position, 0))

    def _follow(self) -> None:
        from psycopg import sql

        if self._runner is None:  # it creates the read models' tables that are missing
            self._runner = Runner(self.app, page_size=self.page_size)
        channel = sql.Identifier(self.recorder.channel_name)
        with self.datastore.get_connection() as connection:
            connection.execute(sql.SQL("LISTEN {0}").format(channel))
            try:
                if not self._lock(connection):
                    return
                self.say("follow_started", target=self.app.location.target)
                self._position = -1
                while not self.stop.is_set():
                    positions = self._runner.run(stop=self.stop)
                    self.retry = RETRY_FIRST  # connected and working
                    self._report(min(positions.values(), default=0))
                    self._wait(connection)
            finally:
                if not connection.closed and not connection.broken:
                    connection.execute("UNLISTEN *")
                    connection.execute("SELECT pg_advisory_unlock_all()")

    def _lock(self, connection: Any) -> bool:
        """Take the follower's lock; a standby waits for it. False: stopped while waiting."""
        name = lock_name(self.datastore.schema)
        waiting = False
        while not self.stop.is_set():
            row = connection.execute(
                "SELECT pg_try_advisory_lock(hashtext(%s)) AS taken", (name,)
            ).fetchone()
            if row["taken"]:
                return True
            if not waiting:
                self.say("follow_waiting")
                waiting = True
            self.stop.wait(LOCK_POLL)
        return False

    def _wait(self, connection: Any) -> None:
        """Until a writer commits, ``stop`` is set, or :data:`IDLE` seconds pass."""
        deadline = time.monotonic() + IDLE
        while not self.stop.is_set() and time.monotonic() < deadline:
            if any(True for _ in connection.notifies(timeout=0.5, stop_after=1)):
                for _ in connection.notifies(timeout=0.0):  # the others queued meanwhile
                    pass
                return

    def _report(self, position: int) -> None:
        now = time.monotonic()
        first = self._position < 0
        if position != self._position and (first or now - self._reported >= REPORT_EVERY):
            self.say("follow_at", position=position)
            self._reported = now
        self._position = position

    def _recover(self) -> None:
        """Let the pool replace the connections the server dropped (they fail one by one
        otherwise). Its own errors, while the server is still away, are the next try's."""
        with contextlib.suppress(Exception):
            self.datastore.pool.check()


def first_line(error: BaseException) -> str:
    """The first line of a database error (the server's own words, no password in them)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
