"""The store as someone with the file or the database login sees it: outside zatlog."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zatlog.storage import locate


def is_postgres(db: str) -> bool:
    return db.startswith("postgresql://")


@contextmanager
def connect(db: str) -> Iterator[Any]:
    """A plain connection (autocommit) to ``db``: sqlite3, or psycopg in the test's schema."""
    if not is_postgres(db):
        connection = sqlite3.connect(db, isolation_level=None)
        try:
            yield connection
        finally:
            connection.close()
        return
    import psycopg

    s = locate(db).settings
    with psycopg.connect(
        dbname=s["POSTGRES_DBNAME"],
        host=s["POSTGRES_HOST"],
        port=s["POSTGRES_PORT"],
        user=s["POSTGRES_USER"],
        password=s["POSTGRES_PASSWORD"],
        autocommit=True,
    ) as connection:
        connection.execute(f"SET search_path TO {s['POSTGRES_SCHEMA']}")
        yield connection


def events_table(db: str) -> str:
    return "zatlog_events" if is_postgres(db) else "stored_events"


def stored_bytes(db: str) -> bytes:
    """Every byte the database holds: the SQLite file with its WAL, shared memory and
    journal, or every value of every table in the PostgreSQL schema."""
    if not is_postgres(db):
        files = [Path(db + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
        return b"".join(f.read_bytes() for f in files if f.exists())
    schema = locate(db).settings["POSTGRES_SCHEMA"]
    rows: list[bytes] = []  # in a fixed order: PostgreSQL returns rows in any order
    with connect(db) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
        ).fetchall()
        assert tables
        for (table,) in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                rows.append(
                    b"".join(bytes(v) if isinstance(v, bytes) else str(v).encode() for v in row)
                )
    return b"\n".join(sorted(rows))


def event_count(db: str) -> int:
    with connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {events_table(db)}").fetchone()[0])
