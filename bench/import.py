"""Import speed: each step a whole process, to be timed side by side with its yardstick.

Run by hand (not in CI), from the checkout, each command timed as a whole process in turn
with the one it is compared to (A B A B …), medians and peak memory:

    .venv/bin/python bench/import.py log --events 100000   # bench/out/log-100000.jsonl
    .venv/bin/python bench/import.py zatlog bench/out/log-100000.jsonl /tmp/in.db
    .venv/bin/python bench/import_raw.py bench/out/log-100000.jsonl /tmp/raw.db
    .venv/bin/python bench/import.py cli bench/out/log-100000.jsonl /tmp/cli.db

- ``zatlog``: the in-process import (parse, validate, aggregates, one transaction) into a
  new database, without the read models; compared with ``bench/import_raw.py``, the same
  lines inserted as rows into a plain SQLite table in one transaction;
  ``--no-encrypt`` makes the new database plain (no compression, no encryption);
- ``cli``: ``zatlog --db DB import LOG`` as a user runs it (process start, the import, the
  read models caught up), compared with ``zatlog``.

``--history`` (both steps) imports the log as ``zatlog import --history`` does: records of
the past, marked migrated, which rule L1 (recorded late) does not judge.

Each removes its database first, so every run imports into a new one. Encrypted (the
default): give the runs a scratch ``XDG_CONFIG_HOME``, where each new database's key goes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from logs import write_log

OUT = Path(__file__).resolve().parent / "out"


def fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def import_in_process(log: Path, db: Path, encrypt: bool = True, history: bool = False) -> int:
    from zatlog.application import ZatlogApp
    from zatlog.importer import import_lines
    from zatlog.storage import resolve

    fresh(db)
    app = ZatlogApp(resolve(str(db)), encrypt_new=encrypt)
    try:
        with log.open("rb") as lines:
            return import_lines(app, lines, default_actor="bench", history=history)
    finally:
        app.close()


def import_cli(log: Path, db: Path, history: bool = False) -> None:
    fresh(db)
    zatlog = str(Path(sys.executable).with_name("zatlog"))
    marked = ["--history"] if history else []
    os.execv(zatlog, [zatlog, "--db", str(db), "--actor", "bench", "import", *marked, str(log)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    log = steps.add_parser("log", help="write the generated log")
    log.add_argument("--events", type=int, default=100_000)
    for name in ("zatlog", "cli"):
        step = steps.add_parser(name)
        step.add_argument("log", type=Path)
        step.add_argument("db", type=Path)
        step.add_argument("--history", action="store_true", help="import as history (migrated)")
        if name == "zatlog":
            step.add_argument("--no-encrypt", action="store_true", help="a database in plain")
    options = parser.parse_args()
    if options.step == "log":
        path = OUT / f"log-{options.events}.jsonl"
        print(f"{path}: {write_log(path, options.events)} lines")
    elif options.step == "zatlog":
        count = import_in_process(
            options.log, options.db, encrypt=not options.no_encrypt, history=options.history
        )
        print(f"imported {count} actions")
    else:
        import_cli(options.log, options.db, history=options.history)


if __name__ == "__main__":
    main()
