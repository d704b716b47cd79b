"""The access log: who looked at which case, when, what they saw and why (NEN 7513).

Every command that shows a case's personal data records one entry here
*before* it shows anything: no look without its trace. The access log lives
in the log's own store (the SQLite file or the PostgreSQL schema) but in its
own table, outside the cases' event streams, so recording a read never
conflicts with a writer of the case log.

The table is append-only and hash-chained: each entry's hash commits to the
previous entry's hash and to the entry's own content (its sequence number
included), so :func:`check_chain` finds an edited, deleted, inserted or
swapped entry. On SQLite, triggers refuse UPDATE and DELETE; on PostgreSQL a
trigger does the same. Both only raise the bar: the chain is the proof.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from zatlog.errors import StorageError, reason_of
from zatlog.roles import ACCESS_HEAD_FUNCTION
from zatlog.storage import Location, pg_connect

ACCESS_FAILURES: dict[str, str] = {
    "access_open_failed": "cannot open the access log in {target}: {reason}",
    "access_read_failed": "cannot read the access log in {target}: {reason}",
    "access_record_failed": "cannot record the access in {target}: {reason}; nothing was shown",
}
"""What went wrong with the access log: the catalog's key and the English text."""


def access_failed(key: str, target: str, error: BaseException) -> StorageError:
    reason = reason_of(error)
    english = ACCESS_FAILURES[key].format(target=target, reason=error)
    return StorageError(english, key=key, target=target, reason=reason)


GENESIS = "0" * 64
"""The previous hash of the first entry."""

TABLE = "access_log"

DEFAULT_PURPOSES: dict[str, str] = {
    # command: why it is usually run (its ``--purpose`` default)
    "case show": "zorgcoördinatie",
    "case list": "zorgcoördinatie",
    "case timeline": "zorgcoördinatie",
    "due": "zorgcoördinatie",
    "dossier export": "inzageverzoek",
    "audit": "audit",
    "export-log": "gegevensexport",
}
"""Every command that shows a case's personal data, and so logs a look. Not logged:
``audit --pseudonymize`` and ``providers report`` (no case can be told), and
``access-log`` itself (it shows staff and case references, no pupil's data)."""


@dataclass(frozen=True)
class Access:
    """One look: ``cases`` may be empty for a command that showed no case."""

    at: datetime
    actor: str
    command: str
    cases: tuple[str, ...]
    items: tuple[str, ...]
    purpose: str

    def content(self, sequence: int) -> str:
        """The canonical text the hash commits to."""
        return json.dumps(
            {
                "seq": sequence,
                "at": self.at.isoformat(),
                "actor": self.actor,
                "command": self.command,
                "cases": list(self.cases),
                "items": list(self.items),
                "purpose": self.purpose,
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "command": self.command,
            "cases": list(self.cases),
            "items": list(self.items),
            "purpose": self.purpose,
        }


@dataclass(frozen=True)
class StoredAccess:
    """An entry as stored: its place in the chain and its hashes."""

    sequence: int
    access: Access
    previous: str
    hash: str


def chain_hash(previous: str, access: Access, sequence: int) -> str:
    """H(previous entry's hash, this entry's content)."""
    return hashlib.sha256(f"{previous}\n{access.content(sequence)}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    """The result of :func:`check_chain`: ``broken_at`` is None when every link holds."""

    entries: int
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def check_chain(entries: Iterable[StoredAccess]) -> ChainCheck:
    """Recompute every link in stored order and name the first that does not hold.

    An edited entry no longer matches its own hash; a deleted, inserted or
    swapped one breaks the numbering or the link to its predecessor. (A
    truncated tail leaves a shorter, intact chain: only a count or head
    written down elsewhere shows that.)
    """
    previous = GENESIS
    count = 0
    for expected, entry in enumerate(entries, start=1):
        count = expected
        if entry.sequence != expected:
            return ChainCheck(
                count,
                entry.sequence,
                f"entry {entry.sequence} stands where entry {expected} should: "
                + (
                    "an entry is missing" if entry.sequence > expected else "entries were reordered"
                ),
            )
        if entry.previous != previous:
            return ChainCheck(
                count,
                entry.sequence,
                f"entry {entry.sequence} does not link to entry {expected - 1}: "
                "an entry before it was changed, removed or inserted",
            )
        if chain_hash(previous, entry.access, entry.sequence) != entry.hash:
            return ChainCheck(
                count,
                entry.sequence,
                f"entry {entry.sequence} was changed after it was recorded",
            )
        previous = entry.hash
    return ChainCheck(count)


# -- the store --------------------------------------------------------------------------------

COLUMNS = "seq, at, actor, command, cases, items, purpose, previous, hash"


def record_access(
    location: Location,
    actor: str,
    command: str,
    cases: Sequence[str],
    items: Sequence[str],
    purpose: str,
    *,
    at: datetime | None = None,
) -> StoredAccess:
    """Append one entry to the access log of ``location`` and return it as stored."""
    access = Access(
        at=at or datetime.now(UTC),
        actor=actor,
        command=command,
        cases=tuple(dict.fromkeys(cases)),
        items=tuple(items),
        purpose=purpose,
    )
    with _connection(location) as backend:
        return backend.append(access)


def read_access(
    location: Location,
    *,
    case: str | None = None,
    actor: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[StoredAccess]:
    """The entries in recording order, optionally of one case, one actor, a date range.

    Dates compare with the entry's moment in local time (the day a person saw it).
    """
    with _connection(location, create=False) as backend:
        entries = backend.entries(case)
    kept: list[StoredAccess] = []
    for entry in entries:
        access = entry.access
        day = access.at.astimezone().date()
        if case is not None and case not in access.cases:
            continue
        if actor is not None and access.actor != actor:
            continue
        if (start is not None and day < start) or (end is not None and day > end):
            continue
        kept.append(entry)
    return kept


def verify_access_log(location: Location) -> ChainCheck:
    """Check the whole chain of the access log of ``location``."""
    with _connection(location, create=False) as backend:
        return check_chain(backend.entries(None))


def _row_to_entry(row: Sequence[Any]) -> StoredAccess:
    seq, at, actor, command, cases, items, purpose, previous, digest = row
    access = Access(
        at=datetime.fromisoformat(str(at)),
        actor=str(actor),
        command=str(command),
        cases=tuple(json.loads(cases)),
        items=tuple(json.loads(items)),
        purpose=str(purpose),
    )
    return StoredAccess(int(seq), access, str(previous), str(digest))


class _Backend:
    def append(self, access: Access) -> StoredAccess:
        raise NotImplementedError

    def entries(self, case: str | None) -> list[StoredAccess]:
        raise NotImplementedError


@contextmanager
def _connection(location: Location, *, create: bool = True) -> Iterator[_Backend]:
    backend: _SQLiteBackend | _PostgresBackend
    if location.is_postgres:
        backend = _PostgresBackend(location, create)
    else:
        backend = _SQLiteBackend(location, create)
    try:
        yield backend
    finally:
        backend.close()


def ensure_table(location: Location) -> None:
    """Create the access log's table if it is not there yet (as its first entry would)."""
    if location.is_postgres:
        backend = _PostgresBackend(location, create=True)
        try:
            backend.create()
        finally:
            backend.close()


def _case_pattern(case: str) -> str:
    """A LIKE pattern matching the JSON list of cases that holds ``case`` (a pre-filter)."""
    quoted = json.dumps(case, ensure_ascii=False)
    escaped = quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_SQLITE_DDL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, "
    "actor TEXT NOT NULL, command TEXT NOT NULL, cases TEXT NOT NULL, items TEXT NOT NULL, "
    "purpose TEXT NOT NULL, previous TEXT NOT NULL, hash TEXT NOT NULL)",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
)


class _SQLiteBackend(_Backend):
    def __init__(self, location: Location, create: bool) -> None:
        import sqlite3

        self._error: type[Exception] = sqlite3.Error
        self.target = location.target
        try:
            self.connection = sqlite3.connect(
                f"file:{location.target}?mode={'rwc' if create else 'ro'}",
                uri=True,
                timeout=30,
                isolation_level=None,
            )
        except sqlite3.Error as error:
            if not create:
                self.connection = sqlite3.connect(":memory:")
                return
            raise access_failed("access_open_failed", self.target, error) from None

    def append(self, access: Access) -> StoredAccess:
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")  # one writer of the chain at a time
            for statement in _SQLITE_DDL:
                cursor.execute(statement)
            row = cursor.execute(
                f"SELECT seq, hash FROM {TABLE} ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            sequence, previous = (row[0] + 1, row[1]) if row else (1, GENESIS)
            entry = StoredAccess(sequence, access, previous, chain_hash(previous, access, sequence))
            cursor.execute(
                f"INSERT INTO {TABLE} ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _entry_row(entry),
            )
            cursor.execute("COMMIT")
            return entry
        except self._error as error:
            if self.connection.in_transaction:
                self.connection.rollback()
            raise access_failed("access_record_failed", self.target, error) from None

    def entries(self, case: str | None) -> list[StoredAccess]:
        where, params = (
            ("", ())
            if case is None
            else (" WHERE cases LIKE ? ESCAPE '\\'", (_case_pattern(case),))
        )
        try:
            rows = self.connection.execute(
                f"SELECT {COLUMNS} FROM {TABLE}{where} ORDER BY seq", params
            ).fetchall()
        except self._error as error:
            if "no such table" in str(error):
                return []
            raise access_failed("access_read_failed", self.target, error) from None
        return [_row_to_entry(row) for row in rows]

    def close(self) -> None:
        self.connection.close()


class _PostgresBackend(_Backend):
    def __init__(self, location: Location, create: bool) -> None:
        import psycopg

        s = location.settings
        self._error: type[Exception] = psycopg.Error
        self.target = location.target
        schema = s.get("POSTGRES_SCHEMA") or "public"
        self.schema = schema
        self.table = f'"{schema}".{TABLE}'
        try:
            self.connection = pg_connect(location)
        except psycopg.Error as error:
            raise access_failed("access_open_failed", self.target, error) from None

    def _exists(self, cursor: Any) -> bool:
        # A query on the catalog (not to_regclass, whose cache may predate a lock wait).
        row = cursor.execute(
            "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = %s AND tablename = %s",
            (self.schema, TABLE),
        ).fetchone()
        return row is not None

    def create(self) -> None:
        """Create the table and its guard once, in a transaction of its own."""
        with self.connection.transaction(), self.connection.cursor() as cursor:
            if self._exists(cursor):
                return
        with self.connection.transaction(), self.connection.cursor() as cursor:
            # The lock comes first, so what follows sees a creator that got in before.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{self.table}/create",))
            if not self._exists(cursor):
                self._create_table(cursor)

    def _create_table(self, cursor: Any) -> None:
        cursor.execute(
            f"CREATE TABLE {self.table} (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, "
            "actor TEXT NOT NULL, command TEXT NOT NULL, cases TEXT NOT NULL, "
            "items TEXT NOT NULL, purpose TEXT NOT NULL, previous TEXT NOT NULL, "
            "hash TEXT NOT NULL)"
        )
        function = f'"{self.schema}".{TABLE}_append_only'
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            f"ON {self.table} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )

    def append(self, access: Access) -> StoredAccess:
        try:
            self.create()
            with self.connection.transaction(), self.connection.cursor() as cursor:
                # Readers go on; a second appender waits, so the chain stays one line.
                cursor.execute(f"LOCK TABLE {self.table} IN EXCLUSIVE MODE")
                row = cursor.execute(self._head(cursor)).fetchone()
                sequence, previous = (int(row[0]) + 1, str(row[1])) if row else (1, GENESIS)
                entry = StoredAccess(
                    sequence, access, previous, chain_hash(previous, access, sequence)
                )
                cursor.execute(
                    f"INSERT INTO {self.table} ({COLUMNS}) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    _entry_row(entry),
                )
            return entry
        except self._error as error:
            raise access_failed("access_record_failed", self.target, error) from None

    def _head(self, cursor: Any) -> str:
        """The query for the chain's last entry. On a secured server a person sees only
        their own entries, so the head comes from a function (see zatlog.roles)."""
        head = f'"{self.schema}".{ACCESS_HEAD_FUNCTION}'
        found = cursor.execute("SELECT to_regproc(%s) IS NOT NULL", (head,)).fetchone()
        if found is not None and found[0]:
            return f"SELECT seq, hash FROM {head}()"
        return f"SELECT seq, hash FROM {self.table} ORDER BY seq DESC LIMIT 1"

    def entries(self, case: str | None) -> list[StoredAccess]:
        where, params = (
            ("", ()) if case is None else (" WHERE cases LIKE %s", (_case_pattern(case),))
        )
        try:
            with self.connection.transaction(), self.connection.cursor() as cursor:
                if not self._exists(cursor):
                    return []
                rows = cursor.execute(
                    f"SELECT {COLUMNS} FROM {self.table}{where} ORDER BY seq", params
                ).fetchall()
        except self._error as error:
            raise access_failed("access_read_failed", self.target, error) from None
        return [_row_to_entry(row) for row in rows]

    def close(self) -> None:
        self.connection.close()


def _entry_row(entry: StoredAccess) -> tuple[Any, ...]:
    access = entry.access
    return (
        entry.sequence,
        access.at.isoformat(),
        access.actor,
        access.command,
        json.dumps(list(access.cases), ensure_ascii=False),
        json.dumps(list(access.items), ensure_ascii=False),
        access.purpose,
        entry.previous,
        entry.hash,
    )
