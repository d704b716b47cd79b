"""The PostgreSQL recorder of the log: the library's, with large batches in one statement.

The library inserts a transaction's events with psycopg's pipeline mode: one
INSERT per event, sent back to back. With about 20,000 events in one
transaction (one big import) that pipeline never finished here: psycopg
waited for results while the server waited for input (psycopg 3.3.9, both the
Python and the C implementation). A batch larger than
:data:`PIPELINED_UP_TO` therefore goes in as one statement, through the
insert function that the library creates beside its table, after the same
table lock that the library's own path takes. The lock keeps notification
ids committing in order, which projections rely on.

Only imported for a PostgreSQL log (see :mod:`zatlog.storage`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry

PIPELINED_UP_TO = 2_000
"""Events per transaction that still go through the library's pipelined inserts."""


class ZatlogPostgresRecorder(PostgresApplicationRecorder):
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids: Sequence[int] | None
        if len(stored_events) > PIPELINED_UP_TO:
            ids = self._insert_in_one_statement(stored_events)
        else:
            ids = super().insert_events(stored_events, **kwargs)
        return ids

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)  # as the library's
    def _insert_in_one_statement(self, stored_events: Sequence[StoredEvent]) -> Sequence[int]:
        events = [
            self.construct_pg_stored_event(
                originator_id=e.originator_id,
                originator_version=e.originator_version,
                topic=e.topic,
                state=e.state,
            )
            for e in stored_events
        ]
        with self.datastore.transaction(commit=True) as cursor:
            self._lock_table(cursor)
            cursor.execute(self.sql_invoke_pg_function_insert_events, (events,), prepare=True)
            return [row[self.pg_function_name_insert_events] for row in cursor.fetchall()]
