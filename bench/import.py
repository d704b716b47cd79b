"""Import speed: a generated ~100k-event log into zatlog, beside a plain SQLite insert.

Run by hand (not in CI):  .venv/bin/python bench/import.py [--events 100000] [--repeat 3]

It reports, measured side by side in one run, the median over --repeat runs of:
- zatlog import (parse, validate, aggregates, one transaction) in events/s;
- the same lines inserted as rows into a plain SQLite table in one transaction;
- one recorded action through the CLI as a whole process (process start included),
  beside the bare import of click + pydantic + eventsourcing.application.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from logs import write_log

from zatlog.application import ZatlogApp
from zatlog.importer import import_lines
from zatlog.storage import resolve

OUT = Path(__file__).resolve().parent / "out"


def time_zatlog_import(log: Path, db: Path) -> float:
    db.unlink(missing_ok=True)
    app = ZatlogApp(resolve(str(db)))
    started = time.perf_counter()
    with log.open("rb") as lines:
        import_lines(app, lines, default_actor="bench")
    elapsed = time.perf_counter() - started
    app.close()
    return elapsed


def time_plain_sqlite(log: Path, db: Path) -> float:
    db.unlink(missing_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, line TEXT)")
    started = time.perf_counter()
    with log.open("rb") as lines:
        rows = [(line.decode(),) for line in lines if line.strip()]
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO events (line) VALUES (?)", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def time_process(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    log = OUT / f"log-{options.events}.jsonl"
    events = write_log(log, options.events)

    zatlog_times, plain_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(options.repeat):
            zatlog_times.append(time_zatlog_import(log, Path(folder) / "zatlog.db"))
            plain_times.append(time_plain_sqlite(log, Path(folder) / "plain.db"))
        zatlog_s, plain_s = statistics.median(zatlog_times), statistics.median(plain_times)

        db = Path(folder) / "zatlog.db"
        zatlog = str(Path(sys.executable).with_name("zatlog"))
        record = [
            zatlog,
            "--db",
            str(db),
            "signal",
            "raise",
            "--case",
            "B000000",
            "--at",
            "2026-01-05",
            "--source",
            "teacher",
            "--description",
            "bench",
        ]
        bare = [sys.executable, "-c", "import click, pydantic, eventsourcing.application"]
        cli_times, bare_times = [], []
        for _ in range(max(7, options.repeat)):
            cli_times.append(time_process(record))
            bare_times.append(time_process(bare))
        cli_s, bare_s = statistics.median(cli_times), statistics.median(bare_times)

    print(f"machine: {platform.machine()}, {sys.platform}, Python {platform.python_version()}")
    print(f"events: {events}")
    print(f"zatlog import: median {zatlog_s:.2f} s = {events / zatlog_s:,.0f} events/s")
    print(f"plain SQLite insert: median {plain_s:.3f} s = {events / plain_s:,.0f} rows/s")
    print(f"ratio zatlog / plain: {zatlog_s / plain_s:.1f}x")
    print(f"one recorded action through the CLI: median {cli_s * 1000:.0f} ms")
    print(f"bare import of click+pydantic+eventsourcing.application: median {bare_s * 1000:.0f} ms")
    print(f"ratio CLI action / bare import: {cli_s / bare_s:.2f}x")


if __name__ == "__main__":
    main()
