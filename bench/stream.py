"""The recomputed audit (`audit --as-of`), read a case at a time: wall time and peak memory.

Run by hand (not in CI), each step a process of its own, so that a tool timing whole
processes from outside can compare them side by side (A B A B …) and report their peak
memory. The log is bench/logs.py's generator (as bench/audit.py uses), imported unencrypted
so that a raw scan can read the same table.

    python bench/stream.py build --events 100000 --db /tmp/s100k.db   # once per size
    python bench/stream.py raw --db /tmp/s100k.db                     # the yardstick
    python bench/stream.py stream --db /tmp/s100k.db                  # in process, streamed
    python bench/stream.py memory --db /tmp/s100k.db                  # in process, whole log
    zatlog --db /tmp/s100k.db audit --as-of 2026-11-29 --format json -o /dev/null

``raw``: ``SELECT state FROM stored_events ORDER BY rowid`` and ``json.loads`` of each row.
``stream``: what ``audit --as-of`` runs (:func:`audit_stored`), without the report.
``memory``: the audit as it ran before, over the whole log read into memory
(:func:`audit_log` over ``logged_actions()``), for comparison.
``--history`` at build marks the actions migrated (rule L1, recorded late, then judges
none of them; without it, every generated action dated in the past is a finding).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp

AS_OF = date(2026, 11, 29)
CHUNK = 50_000
"""Lines per import transaction while building (one transaction of 1M would hold it all)."""


def build(db: Path, events: int, history: bool) -> None:
    from logs import generate

    from zatlog.importer import import_lines

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    app = _opened(db, encrypt_new=False)
    lines = (json.dumps(line) for line in generate(events))
    recorded = 0
    started = time.perf_counter()
    while chunk := list(islice(lines, CHUNK)):
        recorded += import_lines(app, chunk, default_actor="bench", history=history)
        rate = recorded / (time.perf_counter() - started)
        print(f"  imported {recorded:,} actions ({rate:,.0f}/s)", file=sys.stderr)
    app.close()
    print(f"{db}: {recorded} actions")


def raw_scan(db: Path) -> int:
    """Every stored event's state read and JSON-decoded; how many rows.

    This module imports no zatlog module at its top, so ``raw`` times the scan alone (and
    bench/audit.py uses the same scan as its yardstick).
    """
    conn = sqlite3.connect(db)
    rows = 0
    for (state,) in conn.execute("SELECT state FROM stored_events ORDER BY rowid"):
        json.loads(state)
        rows += 1
    conn.close()
    return rows


def raw(db: Path) -> None:
    """The yardstick: no zatlog module is imported (its start-up is not the scan's)."""
    print(f"{raw_scan(db)} rows")


def stream(db: Path) -> None:
    from zatlog.bulk import bulk_read
    from zatlog.policy import Policy
    from zatlog.projections.audit.stream import audit_stored

    app = _opened(db)
    with bulk_read():
        result = audit_stored(app, Policy(), AS_OF)
    print(f"{result.cases} cases, {len(result.findings)} findings")


def memory(db: Path) -> None:
    from zatlog.bulk import bulk_read
    from zatlog.policy import Policy
    from zatlog.projections.audit.findings import audit_log

    app = _opened(db)
    with bulk_read():
        result = audit_log(app.logged_actions(), Policy(), AS_OF)
    print(f"{result.cases} cases, {len(result.findings)} findings")


def _opened(db: Path, encrypt_new: bool = True) -> ZatlogApp:
    from zatlog.application import ZatlogApp
    from zatlog.storage import resolve

    return ZatlogApp(resolve(str(db)), encrypt_new=encrypt_new)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=("build", "raw", "stream", "memory"))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--history", action="store_true")
    options = parser.parse_args()
    if options.step == "build":
        build(options.db, options.events, options.history)
    else:
        {"raw": raw, "stream": stream, "memory": memory}[options.step](options.db)


if __name__ == "__main__":
    main()
