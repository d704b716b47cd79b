"""The PostgreSQL recorder of the log: the library's, one statement per batch, chained.

The library inserts a transaction's events with psycopg's pipeline mode: one
INSERT per event, sent back to back. With about 20,000 events in one
transaction (one big import) that pipeline never finished here: psycopg
waited for results while the server waited for input (psycopg 3.3.9, both the
Python and the C implementation). Every batch therefore goes in as one
statement, through the insert function that the library creates beside its
table, after the same table lock (and notification) that the library's own
path takes. The lock keeps notification ids committing in order, which
projections rely on, and makes one writer at a time extend the chain.

In the same transaction the batch's links go into ``event_chain`` (see
:mod:`zatlog.chain_store`), and triggers refuse UPDATE, DELETE and TRUNCATE
on the stored events and the chain tables.

Each case's first event (and a school's) also ties it to its school in
``zatlog_case_school``, in the same transaction: the database's row-level
security decides by that table who may see or extend a case (see
:mod:`zatlog.roles`). The application hands the ties over as ``schools``.

Only imported for a PostgreSQL log (see :mod:`zatlog.storage`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry
from psycopg import Cursor
from psycopg.rows import DictRow

from zatlog.chain import ChainingMapper, Digest
from zatlog.chain_store import (
    CHAIN_TABLE,
    COUNT_SQL,
    HEADS_SQL,
    LINK_HELD,
    ORIGIN_TABLE,
    ChainBrokenError,
    ChainRow,
    EventRow,
    Origin,
    Snapshot,
    chain_existing,
    digest_of,
    links_for,
    now_text,
)
from zatlog.roles import CASE_TABLE, CASE_TABLE_DDL, SchoolTie, owns_log, quoted


class ZatlogPostgresRecorder(PostgresApplicationRecorder):
    def _name(self, table: str) -> str:
        schema = self.datastore.schema.replace('"', '""')
        return f'"{schema}"."{table}"'

    def create_table(self) -> None:
        with self.datastore.transaction(commit=False) as cursor:
            if not owns_log(cursor, self.datastore.schema):
                return  # a person's role on a server: the owner created (and migrates) them
        super().create_table()
        if self._chain_ready():
            return  # no DDL on every open: it would lock the tables that writers use
        events, chain, origin = (
            self._name(t) for t in (self.events_table_name, CHAIN_TABLE, ORIGIN_TABLE)
        )
        refuse = self._name("zatlog_append_only")
        with self.datastore.transaction(commit=True) as cursor:
            self._lock_schema(cursor)
            self._lock_table(cursor)  # as a writer does first: no deadlock with one
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {chain} ("
                "originator_id uuid NOT NULL, originator_version bigint NOT NULL, "
                "position bigint NOT NULL, content text NOT NULL, link text NOT NULL, "
                "PRIMARY KEY (originator_id, originator_version))"
            )
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{CHAIN_TABLE}_position" ON {chain} (position)'
            )
            cursor.execute(CASE_TABLE_DDL.format(schema=quoted(self.datastore.schema)))
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {origin} ("
                "kind text NOT NULL, up_to bigint NOT NULL, events bigint NOT NULL, "
                "at text NOT NULL)"
            )
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {refuse}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN RAISE EXCEPTION 'the log is append-only: zatlog refuses % on %', "
                "TG_OP, TG_TABLE_NAME; END $$"
            )
            for table, name in ((events, self.events_table_name), (chain, CHAIN_TABLE)):
                cursor.execute(
                    f'CREATE OR REPLACE TRIGGER "{name}_append_only" '
                    f"BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {refuse}()"
                )
                cursor.execute(
                    f'CREATE OR REPLACE TRIGGER "{name}_no_truncate" '
                    f"BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {refuse}()"
                )
            cursor.execute(
                f'CREATE OR REPLACE TRIGGER "{ORIGIN_TABLE}_append_only" '
                f"BEFORE UPDATE OR DELETE ON {origin} FOR EACH ROW EXECUTE FUNCTION {refuse}()"
            )

    def _chain_ready(self) -> bool:
        """Whether the chain tables and the append-only triggers all exist."""
        names = [f"{self.events_table_name}_append_only", f"{self.events_table_name}_no_truncate"]
        names += [f"{CHAIN_TABLE}_append_only", f"{CHAIN_TABLE}_no_truncate"]
        names += [f"{ORIGIN_TABLE}_append_only"]
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                "SELECT COUNT(*) AS n, to_regclass(%s) IS NOT NULL AS tied FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace s ON s.oid = c.relnamespace "
                "WHERE s.nspname = %s AND t.tgname = ANY(%s)",
                (self._name(CASE_TABLE), self.datastore.schema, names),
            )
            row = cursor.fetchone()
        return row is not None and row["n"] == len(names) and bool(row["tied"])

    def _lock_schema(self, cursor: Cursor[DictRow]) -> None:
        # One session at a time creates or migrates the chain of this schema.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{self.datastore.schema}/zatlog/chain",)
        )

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)  # as the library's
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        if not stored_events:
            return []
        events = [
            self.construct_pg_stored_event(
                originator_id=e.originator_id,
                originator_version=e.originator_version,
                topic=e.topic,
                state=e.state,
            )
            for e in stored_events
        ]
        chain = self._name(CHAIN_TABLE)
        ties: Sequence[SchoolTie] = kwargs.get("schools", ())
        with self.datastore.transaction(commit=True) as cursor:
            self._lock_table(cursor)
            # The links are computed between two statements: on a loaded machine that
            # took longer for a large batch than the 5 s a session may idle in a transaction.
            cursor.execute("SET LOCAL idle_in_transaction_session_timeout = '900s'")
            self._notify_channel(cursor)
            if ties:  # first: the events' own policy asks for their school
                cursor.execute(
                    f"INSERT INTO {self._name(CASE_TABLE)} SELECT * FROM unnest("
                    "%s::uuid[], %s::text[], %s::text[])",
                    [list(column) for column in zip(*ties, strict=True)],
                )
            cursor.execute(self.sql_invoke_pg_function_insert_events, (events,), prepare=True)
            positions = [row[self.pg_function_name_insert_events] for row in cursor.fetchall()]

            def previous_links(
                wanted: Sequence[tuple[str, int]],
            ) -> dict[tuple[str, int], str]:
                keys, versions = zip(*wanted, strict=True)
                cursor.execute(
                    f"SELECT c.originator_id, c.originator_version, c.link FROM {chain} c "
                    "JOIN unnest(%s::uuid[], %s::bigint[]) AS w(id, version) "
                    "ON c.originator_id = w.id AND c.originator_version = w.version",
                    (list(keys), list(versions)),
                )
                return {
                    (r["originator_id"].hex, r["originator_version"]): str(r["link"])
                    for r in cursor.fetchall()
                }

            rows = links_for(stored_events, positions, previous_links)
            try:
                self._insert_links(cursor, rows)
            except psycopg.errors.UniqueViolation:
                raise ChainBrokenError(LINK_HELD, key="chain_link_held") from None
            return positions

    def recorded_ids(self, ids: Collection[UUID]) -> set[UUID]:
        """Which of the aggregates ``ids`` the log holds (one query for a whole batch)."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT originator_id FROM {self._name(self.events_table_name)} "
                "WHERE originator_version = 1 AND originator_id = ANY(%s::uuid[])",
                (list(ids),),
            )
            return {row["originator_id"] for row in cursor.fetchall()}

    def _insert_links(self, cursor: Cursor[DictRow], rows: Sequence[ChainRow]) -> None:
        # One statement whatever the batch size (see the module docstring on pipelines).
        cursor.execute(
            f"INSERT INTO {self._name(CHAIN_TABLE)} SELECT * FROM unnest("
            "%s::uuid[], %s::bigint[], %s::bigint[], %s::text[], %s::text[])",
            [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * 5,
        )

    # -- the one-time migration ---------------------------------------------------------------

    def ensure_chained(self, mapper: ChainingMapper) -> None:
        """Chain the events recorded before chaining existed, once, and record how."""
        origin = self._name(ORIGIN_TABLE)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT COUNT(*) AS n FROM {origin}")
            row = cursor.fetchone()
            if row is not None and row["n"]:
                return
        with self.datastore.transaction(commit=True) as cursor:
            self._lock_schema(cursor)
            self._lock_table(cursor)  # no writer in between
            cursor.execute(f"SELECT COUNT(*) AS n FROM {origin}")
            row = cursor.fetchone()
            if row is not None and row["n"]:
                return
            events = self._name(self.events_table_name)
            cursor.execute(f"SELECT COUNT(*) AS n, MAX(notification_id) AS last FROM {events}")
            counted = cursor.fetchone()
            assert counted is not None
            count, last = counted["n"], counted["last"] or 0
            if count:
                cursor.execute(
                    "SELECT originator_id, originator_version, notification_id, topic, state "
                    f"FROM {events} ORDER BY originator_id, originator_version"
                )
                rows = chain_existing((_event_row(r) for r in cursor.fetchall()), mapper)
                self._insert_links(cursor, rows)
            cursor.execute(
                f"INSERT INTO {origin} VALUES (%s, %s, %s, %s)",
                ("migrated" if count else "recorded", last, count, now_text()),
            )

    def digest(self, upto: int | None = None) -> Digest:
        """The log's digest as its chain stands (as of position ``upto``, else now)."""
        limit = upto if upto is not None else 2**62
        chain = self._name(CHAIN_TABLE)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(COUNT_SQL.format(chain=chain).replace("?", "%s"), (limit,))
            counted = cursor.fetchone()
            assert counted is not None
            count, position = counted.values()
            cursor.execute(HEADS_SQL.format(chain=chain).replace("?", "%s"), (limit,))
            heads = [
                (r["originator_id"].hex, r["originator_version"], r["link"])
                for r in cursor.fetchall()
            ]
        return digest_of(heads, count, position)

    def links_between(self, after: int, upto: int) -> dict[int, str]:
        """The links of the events at positions ``(after, upto]``, by position."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT position, link FROM {self._name(CHAIN_TABLE)} "
                "WHERE position > %s AND position <= %s",
                (after, upto),
            )
            return {row["position"]: str(row["link"]) for row in cursor.fetchall()}

    # -- reading, aggregate by aggregate ------------------------------------------------------

    def aggregate_page(self, after: tuple[str, int], upto: int, limit: int) -> list[EventRow]:
        """Up to ``limit`` stored events at positions up to ``upto``, ordered by aggregate and
        version, following ``after`` (an aggregate key and version; see the SQLite recorder)."""
        return self._event_rows(
            "WHERE (originator_id, originator_version) > (%s::uuid, %s) "
            "AND notification_id <= %s ORDER BY originator_id, originator_version LIMIT %s",
            (*after, upto, limit),
        )

    def aggregate_events(self, key: str, upto: int) -> list[EventRow]:
        """The stored events of one aggregate at positions up to ``upto``, by version."""
        return self._event_rows(
            "WHERE originator_id = %s::uuid AND notification_id <= %s ORDER BY originator_version",
            (key, upto),
        )

    def _event_rows(self, where: str, params: tuple[Any, ...]) -> list[EventRow]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                "SELECT originator_id, originator_version, notification_id, topic, state "
                f"FROM {self._name(self.events_table_name)} {where}",
                params,
            )
            return [_event_row(row) for row in cursor.fetchall()]

    # -- reading, for verification ------------------------------------------------------------

    @contextmanager
    def snapshot(self, key: str | None = None) -> Iterator[Snapshot]:
        """The stored events and chain rows as of one moment (one repeatable-read transaction)."""
        only = " WHERE originator_id = %s" if key else ""
        params = (key,) if key else ()
        order = " ORDER BY originator_id, originator_version"
        with self.datastore.get_connection() as connection, connection.transaction():
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT kind, up_to, at FROM {self._name(ORIGIN_TABLE)} LIMIT 1")
                row = cursor.fetchone()
            origin = None if row is None else Origin(row["kind"], row["up_to"], row["at"])
            with (
                connection.cursor(name="zatlog_verify_events") as events,
                connection.cursor(name="zatlog_verify_chain") as chain,
            ):
                events.execute(
                    "SELECT originator_id, originator_version, notification_id, topic, state "
                    f"FROM {self._name(self.events_table_name)}{only}{order}",
                    params,
                )
                chain.execute(
                    "SELECT originator_id, originator_version, position, content, link "
                    f"FROM {self._name(CHAIN_TABLE)}{only}{order}",
                    params,
                )
                yield Snapshot(
                    origin,
                    (_event_row(r) for r in events),
                    (
                        ChainRow(
                            r["originator_id"].hex,
                            r["originator_version"],
                            r["position"],
                            r["content"],
                            r["link"],
                        )
                        for r in chain
                    ),
                )

    def histories(self, ids: Sequence[UUID]) -> dict[str, list[StoredEvent]]:
        """The stored events of each of the aggregates ``ids`` that the log holds, in
        version order, by the id's hex: one query for a whole batch (see ZatlogApp)."""
        found: dict[str, list[StoredEvent]] = {}
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                "SELECT originator_id, originator_version, topic, state "
                f"FROM {self._name(self.events_table_name)} "
                "WHERE originator_id = ANY(%s::uuid[]) ORDER BY originator_id, originator_version",
                (list(ids),),
            )
            for row in cursor.fetchall():
                found.setdefault(row["originator_id"].hex, []).append(
                    StoredEvent(
                        originator_id=row["originator_id"],
                        originator_version=row["originator_version"],
                        topic=row["topic"],
                        state=bytes(row["state"]),
                    )
                )
        return found


def _event_row(row: Any) -> EventRow:
    return EventRow(
        row["originator_id"].hex,
        row["originator_version"],
        row["notification_id"],
        row["topic"],
        bytes(row["state"]),
    )
