"""Recomputed audit speed: `--as-of` over a generated log, beside a raw SQLite scan.

Run by hand (not in CI):  .venv/bin/python bench/audit.py [--events 100000] [--repeat 3]

Measured side by side in one run, medians over --repeat runs:
- reading the log back as actions (the notification log through the mapper);
- the whole recomputed audit (read + group + every rule), as `zatlog audit --as-of` does;
- a raw scan of the same rows: SELECT the stored events and json-decode each one.
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from logs import write_log

from zatlog.application import ZatlogApp
from zatlog.bulk import bulk_read
from zatlog.importer import import_lines
from zatlog.policy import Policy
from zatlog.projections.audit.findings import audit_log
from zatlog.storage import resolve

OUT = Path(__file__).resolve().parent / "out"


def raw_scan(db: Path) -> int:
    conn = sqlite3.connect(db)
    rows = 0
    for (state,) in conn.execute("SELECT state FROM stored_events ORDER BY rowid"):
        json.loads(state)
        rows += 1
    conn.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    log = OUT / f"log-{options.events}.jsonl"
    write_log(log, options.events)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "zatlog.db"
        app = ZatlogApp(resolve(str(db)))
        with log.open("rb") as lines:
            import_lines(app, lines, default_actor="bench")
        events = sum(1 for _ in app.logged_actions())
        read_t, audit_t, raw_t = [], [], []
        findings = 0
        for _ in range(options.repeat):
            started = time.perf_counter()
            with bulk_read():
                for _event in app.logged_actions():
                    pass
            read_t.append(time.perf_counter() - started)
            started = time.perf_counter()
            with bulk_read():
                result = audit_log(app.logged_actions(), Policy(), date(2029, 1, 31))
            audit_t.append(time.perf_counter() - started)
            findings = len(result.findings)
            started = time.perf_counter()
            raw_scan(db)
            raw_t.append(time.perf_counter() - started)
    read_s, audit_s, raw_s = (statistics.median(t) for t in (read_t, audit_t, raw_t))
    print(f"machine: {platform.machine()}, {sys.platform}, Python {platform.python_version()}")
    print(f"events: {events}, findings: {findings}")
    print(f"read the log as actions: median {read_s:.2f} s = {events / read_s:,.0f} events/s")
    rate = events / audit_s
    print(f"recomputed audit (read + rules): median {audit_s:.2f} s = {rate:,.0f} events/s")
    print(f"raw SQLite scan + json decode: median {raw_s:.3f} s = {events / raw_s:,.0f} rows/s")
    print(f"ratio audit / raw scan: {audit_s / raw_s:.1f}x")


if __name__ == "__main__":
    main()
