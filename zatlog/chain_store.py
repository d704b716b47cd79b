"""Where the chain is written and read: the recorders' side of :mod:`zatlog.chain`.

Both recorders (SQLite here, PostgreSQL in :mod:`zatlog.postgres_recorder`)
insert a batch's links into ``event_chain`` inside the transaction that
inserts its events, after the events (so each link knows its log position).
A link needs the previous link of its aggregate: from earlier in the same
batch, else from the table. A missing previous link, or a version that the
chain already holds, means the log was changed outside zatlog: the write is
refused (a :class:`ChainBrokenError`), so nothing is recorded on top of a
rewritten history.

``event_chain_origin`` records, once, how chaining began: ``recorded`` (a
database chained from its first event) or ``migrated`` (a log recorded before
chaining existed, chained on its first open up to position ``up_to``).

Defence in depth: triggers refuse UPDATE and DELETE on the stored events and
on both chain tables. Whoever can drop a trigger can still edit the file;
``zatlog verify`` is what detects it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from zatlog.chain import (
    GENESIS,
    ChainingMapper,
    ContentStoredEvent,
    Digest,
    content_of,
    link_of,
    merkle_root,
)
from zatlog.errors import StorageError

CHAIN_TABLE = "event_chain"
ORIGIN_TABLE = "event_chain_origin"


LINK_HELD = (
    "the chain already holds a link for an event being written: an event was removed from the "
    "log outside zatlog; nothing was written (run `zatlog verify`)"
)


class ChainBrokenError(StorageError):
    """A write would extend a chain that was changed outside zatlog."""


class ChainRow(NamedTuple):
    key: str
    """The aggregate id as 32 hex digits."""
    version: int
    position: int
    content: str
    link: str


class EventRow(NamedTuple):
    key: str
    version: int
    position: int
    topic: str
    state: bytes


class Snapshot(NamedTuple):
    """What verification reads, as of one moment: both iterators ordered by aggregate, version."""

    origin: Origin | None
    events: Iterator[EventRow]
    chain: Iterator[ChainRow]


class Origin(NamedTuple):
    kind: str
    """``recorded`` or ``migrated``."""
    up_to: int
    """The last position chained by the migration (0 when chained from the start)."""
    at: str


def key_of(originator_id: UUID | str) -> str:
    return originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)


def links_for(
    stored_events: Sequence[StoredEvent],
    positions: Sequence[int],
    previous_links: Callable[[Sequence[tuple[str, int]]], dict[tuple[str, int], str]],
) -> list[ChainRow]:
    """The chain rows of a batch of newly inserted events, linked to what came before.

    ``previous_links`` is asked once, for every aggregate that the batch continues
    (its first event in the batch is not version 1): the stored link of the version
    before, by ``(aggregate id hex, version)``.
    """
    contents: list[tuple[str, int, bytes]] = []
    continued: dict[str, int] = {}
    for stored in stored_events:
        if not isinstance(stored, ContentStoredEvent):
            raise StorageError("internal: an event reached the store without its content hash")
        key = key_of(stored.originator_id)
        version = stored.originator_version
        if version > 1 and key not in continued:
            continued[key] = version - 1
        continued.setdefault(key, 0)
        contents.append((key, version, stored.content))
    wanted = [(key, version) for key, version in continued.items() if version]
    found = previous_links(wanted) if wanted else {}
    heads: dict[str, tuple[int, bytes]] = {}
    rows: list[ChainRow] = []
    for (key, version, content), position in zip(contents, positions, strict=True):
        head = heads.get(key)
        if version == 1:
            previous = GENESIS
        elif head is not None and head[0] == version - 1:
            previous = head[1]
        else:
            link = found.get((key, version - 1)) if head is None else None
            if link is None:
                raise ChainBrokenError(
                    f"the chain of aggregate {key} has no link for version {version - 1}: "
                    "the log was changed outside zatlog; nothing was written "
                    "(run `zatlog verify`)",
                    key="chain_no_link",
                    aggregate=key,
                    version=version - 1,
                )
            previous = bytes.fromhex(link)
        link_bytes = link_of(previous, key, version, content)
        heads[key] = (version, link_bytes)
        rows.append(ChainRow(key, version, position, content.hex(), link_bytes.hex()))
    return rows


def chain_existing(events: Iterator[EventRow], mapper: ChainingMapper) -> list[ChainRow]:
    """Chain a log recorded before chaining existed (``events`` ordered by aggregate, version)."""
    rows: list[ChainRow] = []
    previous_key = ""
    previous = GENESIS
    for event in events:
        if event.key != previous_key:
            previous_key, previous = event.key, GENESIS
        try:
            plain = mapper.plain_state(event.state)
        except Exception:  # the cipher's error: a wrong key, or damaged bytes
            raise StorageError(
                f"cannot chain the existing log: the event at position {event.position} "
                "cannot be read (another encryption key, or damaged)",
                key="chain_migration_unreadable",
                position=event.position,
            ) from None
        content = content_of(event.topic, plain)
        link = link_of(previous, event.key, event.version, content)
        rows.append(ChainRow(event.key, event.version, event.position, content.hex(), link.hex()))
        previous = link
    return rows


HEADS_SQL = (
    "SELECT c.originator_id, c.originator_version, c.link FROM {chain} c JOIN "
    "(SELECT originator_id, MAX(originator_version) AS v FROM {chain} WHERE position <= ? "
    "GROUP BY originator_id) h ON c.originator_id = h.originator_id AND c.originator_version = h.v"
)
COUNT_SQL = "SELECT COUNT(*), MAX(position) FROM {chain} WHERE position <= ?"


def digest_of(heads: Iterable[tuple[str, int, str]], count: int, position: int | None) -> Digest:
    """The digest of a log from its chain's heads (as stored)."""
    root = merkle_root((key, version, bytes.fromhex(link)) for key, version, link in heads)
    return Digest(count, position or 0, root.hex())


def as_bytes(value: Any) -> bytes:
    """A stored state as bytes (SQLite hands back TEXT when a state was edited as text)."""
    return value.encode() if isinstance(value, str) else bytes(value)


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- SQLite -------------------------------------------------------------------------------------

PAGE_SQL = (
    "SELECT originator_id, originator_version, rowid, topic, state FROM {events} "
    "WHERE (originator_id, originator_version) > (?, ?) AND rowid <= ? "
    "ORDER BY originator_id, originator_version LIMIT ?"
)
AGGREGATE_SQL = (
    "SELECT originator_id, originator_version, rowid, topic, state FROM {events} "
    "WHERE originator_id = ? AND rowid <= ? ORDER BY originator_version"
)

_REFUSE = "SELECT RAISE(ABORT, 'the log is append-only: zatlog refuses to change or remove it')"

SQLITE_CHAIN_DDL = [
    f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} ("
    "originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL, "
    "position INTEGER NOT NULL, content TEXT NOT NULL, link TEXT NOT NULL, "
    "PRIMARY KEY (originator_id, originator_version)) WITHOUT ROWID",
    f"CREATE INDEX IF NOT EXISTS {CHAIN_TABLE}_position ON {CHAIN_TABLE} (position)",
    f"CREATE TABLE IF NOT EXISTS {ORIGIN_TABLE} ("
    "kind TEXT NOT NULL, up_to INTEGER NOT NULL, events INTEGER NOT NULL, at TEXT NOT NULL)",
    *(
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
        f"BEGIN {_REFUSE}; END"
        for table in ("stored_events", CHAIN_TABLE, ORIGIN_TABLE)
        for op in ("UPDATE", "DELETE")
    ),
]


_PAIRS_PER_QUERY = 400
"""(aggregate, version) pairs per query: 800 parameters, under SQLite's oldest limit of 999."""
HISTORIES_PER_QUERY = 500
"""Aggregates whose events one query reads (under SQLite's oldest limit of 999 parameters)."""


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, writing each event's link in the same transaction."""

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *SQLITE_CHAIN_DDL]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """Insert a batch with one ``executemany`` (the library executes one INSERT per
        event to read each ``lastrowid``), then its links."""
        if not stored_events:
            return []
        c.executemany(
            self.insert_events_statement,
            [
                (key_of(s.originator_id), s.originator_version, s.topic, s.state)
                for s in stored_events
            ],
        )
        positions = self._positions(c, stored_events)

        def previous_links(wanted: Sequence[tuple[str, int]]) -> dict[tuple[str, int], str]:
            found: dict[tuple[str, int], str] = {}
            for start in range(0, len(wanted), _PAIRS_PER_QUERY):
                chunk = wanted[start : start + _PAIRS_PER_QUERY]
                c.execute(
                    f"SELECT originator_id, originator_version, link FROM {CHAIN_TABLE} "
                    "WHERE (originator_id, originator_version) IN "
                    f"(VALUES {','.join(['(?,?)'] * len(chunk))})",
                    [value for pair in chunk for value in pair],
                )
                found.update(((str(r[0]), r[1]), str(r[2])) for r in c.fetchall())
            return found

        rows = links_for(stored_events, positions, previous_links)
        try:
            c.executemany(f"INSERT INTO {CHAIN_TABLE} VALUES (?,?,?,?,?)", rows)
        except sqlite3.IntegrityError:
            raise ChainBrokenError(LINK_HELD, key="chain_link_held") from None
        return positions

    def recorded_ids(self, ids: Collection[UUID]) -> set[UUID]:
        """Which of the aggregates ``ids`` the log holds (a few queries for a whole batch)."""
        keys = [key_of(i) for i in ids]
        found: set[UUID] = set()
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(keys), _PAIRS_PER_QUERY * 2):
                chunk = keys[start : start + _PAIRS_PER_QUERY * 2]
                c.execute(
                    f"SELECT originator_id FROM {self.events_table_name} WHERE "
                    f"originator_version = 1 AND originator_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                found.update(UUID(str(r[0])) for r in c.fetchall())
        return found

    def _positions(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent]) -> range:
        """The log positions (rowids) that one ``executemany`` gave the batch.

        SQLite gives a new row the largest rowid plus one, so the batch holds the last
        ``len(stored_events)`` rowids; checked on its first event (SQLite would pick
        rowids at random only once the largest possible rowid is taken).
        """
        c.execute(f"SELECT MAX(rowid) FROM {self.events_table_name}")
        last = int(c.fetchone()[0])
        first = last - len(stored_events) + 1
        head = stored_events[0]
        c.execute(
            f"SELECT rowid FROM {self.events_table_name} "
            "WHERE originator_id = ? AND originator_version = ?",
            (key_of(head.originator_id), head.originator_version),
        )
        if c.fetchone()[0] != first:
            raise StorageError(
                "the log's new positions are not sequential (SQLite's rowids are used up); "
                "nothing was written",
                key="positions_not_sequential",
            )
        return range(first, last + 1)

    # -- the one-time migration ---------------------------------------------------------------

    def ensure_chained(self, mapper: ChainingMapper) -> None:
        """Chain the events recorded before chaining existed, once, and record how."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT COUNT(*) FROM {ORIGIN_TABLE}")
            if c.fetchone()[0]:
                return
        with self.datastore.get_connection(commit=True) as connection:
            cursor = connection.cursor()
            try:
                cursor.execute("BEGIN IMMEDIATE")  # one migrating process; others wait
                cursor.execute(f"SELECT COUNT(*) FROM {ORIGIN_TABLE}")
                if not cursor.fetchone()[0]:
                    self._chain_existing(cursor, mapper)
            except BaseException:
                connection.rollback()
                raise
            else:
                connection.commit()
            finally:
                cursor.sqlite_cursor.close()

    def _chain_existing(self, cursor: SQLiteCursor, mapper: ChainingMapper) -> None:
        cursor.execute(f"SELECT COUNT(*), MAX(rowid) FROM {self.events_table_name}")
        count, last = cursor.fetchone()
        if count:
            cursor.execute(
                "SELECT originator_id, originator_version, rowid, topic, state "
                f"FROM {self.events_table_name} ORDER BY originator_id, originator_version"
            )
            events = (
                EventRow(str(r[0]), r[1], r[2], r[3], as_bytes(r[4])) for r in cursor.fetchall()
            )
            rows = chain_existing(events, mapper)
            cursor.executemany(f"INSERT INTO {CHAIN_TABLE} VALUES (?,?,?,?,?)", rows)
        kind = "migrated" if count else "recorded"
        cursor.execute(
            f"INSERT INTO {ORIGIN_TABLE} VALUES (?,?,?,?)", (kind, last or 0, count, now_text())
        )

    def digest(self, upto: int | None = None) -> Digest:
        """The log's digest as its chain stands (as of position ``upto``, else now)."""
        limit = upto if upto is not None else 2**62
        with self.datastore.transaction(commit=False) as c:
            c.execute(COUNT_SQL.format(chain=CHAIN_TABLE), (limit,))
            count, position = c.fetchone()
            c.execute(HEADS_SQL.format(chain=CHAIN_TABLE), (limit,))
            heads = [(str(r[0]), r[1], str(r[2])) for r in c.fetchall()]
        return digest_of(heads, count, position)

    def links_between(self, after: int, upto: int) -> dict[int, str]:
        """The links of the events at positions ``(after, upto]``, by position."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT position, link FROM {CHAIN_TABLE} WHERE position > ? AND position <= ?",
                (after, upto),
            )
            return {row[0]: str(row[1]) for row in c.fetchall()}

    def histories(self, ids: Sequence[UUID]) -> dict[str, list[StoredEvent]]:
        """The stored events of each of the aggregates ``ids`` that the log holds, in
        version order, by the id's hex: a few queries for a whole batch (see ZatlogApp)."""
        found: dict[str, list[StoredEvent]] = {}
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(ids), HISTORIES_PER_QUERY):
                chunk = [key_of(i) for i in ids[start : start + HISTORIES_PER_QUERY]]
                c.execute(
                    "SELECT originator_id, originator_version, topic, state "
                    f"FROM {self.events_table_name} WHERE originator_id IN "
                    f"({','.join('?' * len(chunk))}) ORDER BY originator_id, originator_version",
                    chunk,
                )
                for row in c.fetchall():
                    found.setdefault(key_of(row[0]), []).append(
                        StoredEvent(
                            originator_id=self.convert_originator_id(row[0]),
                            originator_version=row[1],
                            topic=row[2],
                            state=row[3],
                        )
                    )
        return found

    # -- reading, aggregate by aggregate ------------------------------------------------------

    def aggregate_page(self, after: tuple[str, int], upto: int, limit: int) -> list[EventRow]:
        """Up to ``limit`` stored events at positions up to ``upto``, ordered by aggregate and
        version, following ``after`` (an aggregate key and version; ``("", 0)``: the start)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(PAGE_SQL.format(events=self.events_table_name), (*after, upto, limit))
            return [EventRow(str(r[0]), r[1], r[2], r[3], as_bytes(r[4])) for r in c.fetchall()]

    def aggregate_events(self, key: str, upto: int) -> list[EventRow]:
        """The stored events of one aggregate at positions up to ``upto``, by version."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(AGGREGATE_SQL.format(events=self.events_table_name), (key, upto))
            return [EventRow(str(r[0]), r[1], r[2], r[3], as_bytes(r[4])) for r in c.fetchall()]

    # -- reading, for verification ------------------------------------------------------------

    @contextmanager
    def snapshot(self, key: str | None = None) -> Iterator[Snapshot]:
        """The stored events and chain rows as of one moment (one read transaction)."""
        only = " WHERE originator_id = ?" if key else ""
        params = (key,) if key else ()
        order = " ORDER BY originator_id, originator_version"
        with self.datastore.get_connection(commit=False) as connection:
            events, chain = connection.cursor(), connection.cursor()
            events.execute("BEGIN")
            try:
                chain.execute(f"SELECT kind, up_to, at FROM {ORIGIN_TABLE} ORDER BY rowid LIMIT 1")
                row = chain.fetchone()
                origin = None if row is None else Origin(row[0], row[1], row[2])
                events.execute(
                    "SELECT originator_id, originator_version, rowid, topic, state "
                    f"FROM {self.events_table_name}{only}{order}",
                    params,
                )
                chain.execute(
                    "SELECT originator_id, originator_version, position, content, link "
                    f"FROM {CHAIN_TABLE}{only}{order}",
                    params,
                )
                yield Snapshot(
                    origin,
                    (
                        EventRow(str(r[0]), r[1], r[2], r[3], as_bytes(r[4]))
                        for r in events.sqlite_cursor
                    ),
                    (ChainRow(str(r[0]), r[1], r[2], r[3], r[4]) for r in chain.sqlite_cursor),
                )
            finally:
                connection.rollback()
                events.sqlite_cursor.close()
                chain.sqlite_cursor.close()
