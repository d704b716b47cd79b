"""What a database says about itself: whether it is encrypted, and with which key.

One small table, ``zatlog_meta`` (key, value), written once when the database
is created, beside the log in the same file or schema. It holds the key's id,
never the key, so the key is found by id wherever the file lives. Databases
from before this table have none; :func:`legacy_state` tells an old
unencrypted log from an old encrypted one by its first stored event.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from zatlog.errors import cannot_open

if TYPE_CHECKING:
    from zatlog.storage import Location

TABLE = "zatlog_meta"
FORMAT = "1"


@dataclass(frozen=True)
class Meta:
    encrypted: bool
    key_id: str | None  # the id of the key (see zatlog.keys.key_id); None when not encrypted


def read(location: Location) -> Meta | None:
    """The database's metadata; None when it has none (new, or from before this table)."""
    with _connection(location, create=False) as db:
        if db is None or not db.has_table(TABLE):
            return None
        rows = dict(db.query(f"SELECT key, value FROM {db.name(TABLE)}"))
    return _meta(rows) if rows else None


def write_once(location: Location, meta: Meta) -> Meta:
    """Record ``meta`` unless the database already has metadata; return what holds.

    Two first writers at once: one wins, and both get the winner's metadata.
    """
    rows = {
        "format": FORMAT,
        "encrypted": "yes" if meta.encrypted else "no",
        "key_id": meta.key_id or "",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with _connection(location, create=True) as db:
        assert db is not None
        with db.exclusive():
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {db.name(TABLE)} "
                "(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            existing = dict(db.query(f"SELECT key, value FROM {db.name(TABLE)}"))
            if existing:
                return _meta(existing)
            for key, value in rows.items():
                db.execute(f"INSERT INTO {db.name(TABLE)} (key, value) VALUES (?, ?)", (key, value))
    return meta


LegacyState = Literal["empty", "plain", "encrypted"]


def legacy_state(location: Location) -> LegacyState:
    """For a database without metadata: no events yet, or an old log with or without a cipher.

    The library stores an unencrypted event's state as JSON; an encrypted one starts
    with a random nonce.
    """
    table = "zatlog_events" if location.is_postgres else "stored_events"
    order = "notification_id" if location.is_postgres else "rowid"
    with _connection(location, create=False) as db:
        if db is None or not db.has_table(table):
            return "empty"
        rows = db.query(f"SELECT state FROM {db.name(table)} ORDER BY {order} LIMIT 1")
    if not rows:
        return "empty"
    return "plain" if bytes(rows[0][0]).lstrip().startswith(b"{") else "encrypted"


def _meta(rows: dict[str, str]) -> Meta:
    if rows.get("encrypted") == "yes":
        return Meta(encrypted=True, key_id=rows.get("key_id") or None)
    return Meta(encrypted=False, key_id=None)


# -- the two backends ---------------------------------------------------------------------------


class _Db:
    def __init__(self, connection: Any, schema: str, postgres: bool) -> None:
        self.connection = connection
        self.schema = schema
        self.postgres = postgres

    def name(self, table: str) -> str:
        return f"{self.schema}.{table}" if self.schema else table

    def execute(self, statement: str, params: tuple[Any, ...] = ()) -> None:
        if self.postgres:
            statement = statement.replace("?", "%s")
        self.connection.execute(statement, params)

    def query(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.postgres:
            statement = statement.replace("?", "%s")
        return list(self.connection.execute(statement, params).fetchall())

    def has_table(self, table: str) -> bool:
        if self.postgres:
            found = self.query("SELECT to_regclass(?)", (self.name(table),))
            return found[0][0] is not None
        return bool(
            self.query("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,))
        )

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """One transaction that no other first writer can interleave with."""
        if self.postgres:
            with self.connection.transaction():
                self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (self.name(TABLE),))
                yield
        else:
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")


@contextmanager
def _connection(location: Location, create: bool) -> Iterator[_Db | None]:
    if location.is_postgres:
        with _postgres(location) as db:
            yield db
        return
    import sqlite3

    path = Path(location.target)
    if not create and not _is_sqlite_file(path):
        yield None  # nothing there, or not a database: storage.check_database names it
        return
    try:
        connection = sqlite3.connect(
            f"file:{path}?mode={'rwc' if create else 'ro'}",
            uri=True,
            timeout=30,
            isolation_level=None,
        )
    except sqlite3.Error as error:
        raise cannot_open(location.target, error) from None
    try:
        yield _Db(connection, "", postgres=False)
    except sqlite3.DatabaseError as error:
        raise cannot_open(location.target, error) from None
    finally:
        connection.close()


def _is_sqlite_file(path: Path) -> bool:
    """A SQLite database file (an empty file counts: SQLite starts it on first write)."""
    try:
        with open(path, "rb") as file:
            header = file.read(16)
    except OSError:
        return False
    return header in (b"", b"SQLite format 3\x00")


@contextmanager
def _postgres(location: Location) -> Iterator[_Db]:
    import psycopg

    from zatlog.storage import pg_connect

    s = location.settings
    try:
        connection = pg_connect(location, autocommit=True)
    except psycopg.Error as error:
        raise cannot_open(location.target, error) from None
    try:
        with connection:
            yield _Db(connection, s.get("POSTGRES_SCHEMA", ""), postgres=True)
    except psycopg.Error as error:
        raise cannot_open(location.target, error) from None
