"""The yardstick of an import: the same lines inserted as rows into a plain SQLite table.

Run by hand (not in CI), timed as a whole process beside ``bench/import.py zatlog``:

    .venv/bin/python bench/import_raw.py bench/out/log-100000.jsonl /tmp/raw.db

A new database file (WAL, as zatlog's), one table, every non-blank line one row, one
transaction, one ``executemany``: what storing the log costs SQLite itself, with no
parsing, validation, aggregates, hashing, compression or encryption.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def insert(log: Path, db: Path) -> int:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    connection = sqlite3.connect(db, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, line TEXT)")
        with log.open("rb") as lines:
            rows = [(line.decode(),) for line in lines if line.strip()]
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO events (line) VALUES (?)", rows)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return len(rows)


if __name__ == "__main__":
    print(f"inserted {insert(Path(sys.argv[1]), Path(sys.argv[2]))} rows")
