"""Recomputed audit speed: `--as-of` over a generated log, beside a raw SQLite scan.

Run by hand (not in CI):  .venv/bin/python bench/audit.py [--events 100000] [--repeat 3]

Measured side by side in one run, medians over --repeat runs:
- reading the log back as actions (the notification log through the mapper);
- the whole recomputed audit (read + group + every rule), as `zatlog audit --as-of` does;
- a raw scan of the same rows: SELECT the stored events and json-decode each one.

Today's audit (served by the findings read model) is timed as a whole process, two
checkouts side by side, on stores this script prepares:

    .venv/bin/python bench/audit.py --stored 10000 100000 300000

writes ``bench/out/stored-N.db`` (kept, out of git): ``bench/readmodels.py``'s
trajectories (cases over four school years, interleaved in time order), the history
marked migrated as ``import --history`` does and the last two days recorded on time,
its read models caught up. Copy a store once per checkout, then time
``zatlog --db COPY audit --format json --output /dev/null`` of each. A store whose
findings rows are from yesterday (the first audit of a day):

    .venv/bin/python bench/audit.py --yesterday COPY

sets every row's day back by one (run it before each audit that should find them so).
"""

from __future__ import annotations

import argparse
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from logs import write_log
from readmodels import ACTORS, generate
from stream import raw_scan

from zatlog.actions import parse_action
from zatlog.application import ZatlogApp
from zatlog.bulk import bulk_read
from zatlog.importer import import_lines
from zatlog.policy import Policy
from zatlog.projections.audit.findings import audit_log
from zatlog.projections.runner import catch_up
from zatlog.storage import resolve

OUT = Path(__file__).resolve().parent / "out"


def stored_store(db: Path, events: int, batch: int = 20_000) -> int:
    """A store for today's audit: history migrated, the last two days on time, read models
    caught up. Returns the number of actions recorded."""
    db.unlink(missing_ok=True)
    app = ZatlogApp(resolve(str(db)))
    today = date.today()
    recent = (today - timedelta(days=1)).isoformat()
    rng = random.Random(7)
    recorded = 0
    pending: list[tuple[object, str]] = []
    for line in generate(events, today):
        action = parse_action(line)
        if line["at"] < recent:
            action = action.model_copy(update={"migrated": True})
        pending.append((action, rng.choice(ACTORS)))
        if len(pending) == batch:
            recorded += app.record(pending)
            pending.clear()
    if pending:
        recorded += app.record(pending)
    catch_up(app)
    app.close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return recorded


def set_back_a_day(db: Path) -> int:
    """Every findings row as if computed the day before (the first audit of a new day)."""
    with sqlite3.connect(db) as conn:
        changed = conn.execute(
            "UPDATE findings SET computed_on = ?", ((date.today() - timedelta(days=1)).isoformat(),)
        ).rowcount
    return changed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stored", type=int, nargs="+", metavar="EVENTS")
    parser.add_argument("--yesterday", type=Path, metavar="STORE")
    options = parser.parse_args()
    if options.yesterday:
        set_back_a_day(options.yesterday)
        return
    if options.stored:
        for events in options.stored:
            db = OUT / f"stored-{events}.db"
            OUT.mkdir(exist_ok=True)
            print(f"{db}: {stored_store(db, events)} actions")
        return
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
