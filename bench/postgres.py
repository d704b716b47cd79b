"""PostgreSQL against SQLite side by side, and PostgreSQL at a school board's scale (issue 14).

Run by hand (not in CI), with a PostgreSQL server (default: the one the tests use)::

    .venv/bin/python bench/postgres.py compare --events 20000 --runs 5
    .venv/bin/python bench/postgres.py board --events 1000000 --schools 10

``compare`` times whole processes with ``farm-bench``, PostgreSQL (A) and SQLite (B)
in turn, the ratio taken pair by pair:

- ``import``: ``zatlog import LOG`` into a new database (recording, then the
  read models caught up, as the command does), the log from ``bench/logs.py``;
- ``rebuild``: ``zatlog projections rebuild`` of a database holding that log.

``board`` builds one PostgreSQL database of ``--schools`` schools and about
``--events`` events (imported in batches of ``--batch``, as a board moves its
schools over one by one) and reports, once each: the import, a rebuild,
``audit`` of one school and of all, the latency of ``case show`` (median of
``--shows`` whole processes), and the follower's lag under a steady write load
(``projections follow`` beside writers recording ``--rate`` actions a second).
Both write their figures into bench/RESULTS.md.

One timed run (what farm-bench starts)::

    .venv/bin/python bench/postgres.py run import|rebuild DB [LOG]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from logs import generate, write_log
from results import write_section

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SERVER = os.environ.get("ZATLOG_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
PYTHON = sys.executable
ZATLOG = str(Path(sys.executable).with_name("zatlog"))


# -- one timed run ------------------------------------------------------------------------------


def run(what: str, db: str, log: str | None) -> None:
    """One ``zatlog`` command in this process, as farm-bench times it."""
    from zatlog.cli.main import cli

    if what == "import":
        assert log is not None
        if db.startswith("postgresql://"):
            db = new_schema()
        else:
            db = str(Path(db) / f"{uuid.uuid4().hex}.db")
        args = ["--db", db, "import", log]
    else:
        args = ["--db", db, "projections", "rebuild"]
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        try:
            cli(args, prog_name="zatlog")
        except SystemExit as done:
            if done.code:
                raise


# -- PostgreSQL schemas -------------------------------------------------------------------------


def connect() -> Any:
    import psycopg

    return psycopg.connect(SERVER, autocommit=True)


def new_schema() -> str:
    """A new, empty schema on the server (named ``bench_…``), as a ``--db`` URL."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    with connect() as connection:
        connection.execute(f"CREATE SCHEMA {name}")
    return f"{SERVER}?schema={name}"


def drop_bench_schemas() -> None:
    with connect() as connection:
        names = connection.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench\\_%'"
        ).fetchall()
        for (name,) in names:
            connection.execute(f"DROP SCHEMA {name} CASCADE")


def server_version() -> str:
    with connect() as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]).split()[0]


# -- compare --------------------------------------------------------------------------------------


def farm_bench(a: list[str], b: list[str], runs: int, timeout: int) -> dict[str, list[float]]:
    """farm-bench's min, median and max of each figure, A against B in turn."""
    command = ["farm-bench", "-n", str(runs), "--timeout", str(timeout), "--vs"]
    command += [" ".join(b), "--", *a]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    print(done.stdout)
    figures = {}
    for line in done.stdout.splitlines():
        found = re.match(r"^(A|B|A/B) (\w+)(?: s| MiB)?\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", line)
        if found:
            figures[f"{found[1]} {found[2]}"] = [float(v) for v in found.groups()[2:]]
    first = done.stdout.splitlines()[0]
    figures["header"] = first  # type: ignore[assignment]
    return figures


def compare(events: int, runs: int, timeout: int) -> None:
    log = OUT / f"log-{events}.jsonl"
    count = write_log(log, events)
    folder = Path(tempfile.mkdtemp(prefix="zatlog-bench-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # the new databases' keys
    me = [PYTHON, str(Path(__file__).resolve()), "run"]
    try:
        imported = farm_bench(
            [*me, "import", SERVER, str(log)],
            [*me, "import", str(folder), str(log)],
            runs,
            timeout,
        )
        # One database of each kind holding the log, for the rebuilds.
        postgres = new_schema()
        sqlite = str(folder / "rebuild.db")
        for db in (postgres, sqlite):
            subprocess.run(
                [ZATLOG, "--db", db, "import", str(log)],
                check=True,
                capture_output=True,
            )
        rebuilt = farm_bench([*me, "rebuild", postgres], [*me, "rebuild", sqlite], runs, timeout)
    finally:
        drop_bench_schemas()
        shutil.rmtree(folder, ignore_errors=True)
    rows = []
    for what, figures in (("import", imported), ("rebuild", rebuilt)):
        rows.append(
            f"| {what} | {figures['A wall'][1]:.2f} s | {figures['B wall'][1]:.2f} s "
            f"| **{figures['A/B wall'][1]:.2f}×** ({figures['A/B wall'][0]:.2f}–"
            f"{figures['A/B wall'][2]:.2f}) | {figures['A cpu'][1]:.2f} s | "
            f"{figures['B cpu'][1]:.2f} s | {figures['A peak'][1]:.0f} / "
            f"{figures['B peak'][1]:.0f} MiB |"
        )
    section = f"""## PostgreSQL against SQLite, side by side (issue 14.4)

Command: `.venv/bin/python bench/postgres.py compare --events {events} --runs {runs}`

Machine: {imported["header"]}; {machine()}; PostgreSQL {server_version()} on loopback,
psycopg {psycopg_build()}; load average {os.getloadavg()[0]:.1f} at the end.

Log: `bench/logs.py`, {count:,} actions (the project scenarios as distinct cases), encrypted
at rest (the default). Whole processes timed by farm-bench, PostgreSQL (A) and SQLite (B)
in turn, {runs} pairs after one warm-up each; medians, the ratio pair by pair (min–max).
Wall time is the figure that counts for PostgreSQL: its server's work is not in the
process's CPU time.

| what | A PostgreSQL wall | B SQLite wall | A/B wall | A CPU | B CPU | peak A / B |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

- import: `zatlog --db NEW import LOG` (a new schema, or a new file, each run);
- rebuild: `zatlog --db DB projections rebuild` of a database holding the same log.

Target: both within 1.5× of SQLite.
"""
    write_section("## PostgreSQL against SQLite, side by side (issue 14.4)", section)
    print(section)


def machine() -> str:
    return f"{platform.machine()} {sys.platform}, Python {platform.python_version()}"


def psycopg_build() -> str:
    import psycopg

    return f"{psycopg.__version__} ({psycopg.pq.__impl__} implementation)"


# -- board scale ----------------------------------------------------------------------------------


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[1:])} failed: {done.stderr.strip()}")
    return time.perf_counter() - started


def batches(events: int, schools: int, size: int, folder: Path, refs: list[str]) -> Iterator[Path]:
    """The generated log in files of ``size`` lines (a case never split over two); each
    case's reference is added to ``refs``."""
    part: list[str] = []
    number = 0
    for line in generate(events, schools):
        if line["action"] == "case_opened":
            refs.append(line["case"])
        if len(part) >= size and line["action"] == "case_opened":
            number += 1
            yield _written(folder / f"part-{number:04d}.jsonl", part)
            part = []
        part.append(json.dumps(line))
    if part:
        yield _written(folder / f"part-{number + 1:04d}.jsonl", part)


def _written(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def board(events: int, schools: int, size: int, shows: int, rate: int, seconds: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="zatlog-board-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    db = new_schema()
    figures: dict[str, str] = {}
    try:
        started = time.perf_counter()
        parts = 0
        refs: list[str] = []
        for path in batches(events, schools, size, folder, refs):
            timed([ZATLOG, "--db", db, "import", str(path)])
            path.unlink()
            parts += 1
            print(f"imported part {parts} at {time.perf_counter() - started:.0f} s", flush=True)
        total = log_position(db)
        imported = time.perf_counter() - started
        figures["import"] = (
            f"{imported:.0f} s for {total:,} events in {parts} imports "
            f"({total / imported:,.0f} events/s, read models caught up after each)"
        )
        rebuild = timed([ZATLOG, "--db", db, "projections", "rebuild"])
        figures["rebuild"] = f"{rebuild:.0f} s ({total / rebuild:,.0f} events/s)"
        print(figures, flush=True)
        one = timed([ZATLOG, "--db", db, "audit", "--school", "school01", "--format", "json"])
        figures["audit of one school"] = f"{one:.1f} s"
        whole = timed([ZATLOG, "--db", db, "audit", "--format", "json"])
        figures["audit of all schools"] = f"{whole:.1f} s"
        latencies = [
            timed([ZATLOG, "--db", db, "case", "show", refs[n * 7919 % len(refs)]])
            for n in range(shows)
        ]
        figures["case show"] = (
            f"median {statistics.median(latencies) * 1000:.0f} ms over {shows} processes "
            f"(min {min(latencies) * 1000:.0f}, max {max(latencies) * 1000:.0f})"
        )
        print(figures, flush=True)
        figures["follower lag"] = follower_lag(db, refs, rate, seconds)
    finally:
        drop_bench_schemas()
        shutil.rmtree(folder, ignore_errors=True)
    rows = "\n".join(f"| {what} | {value} |" for what, value in figures.items())
    section = f"""## a school board's server: PostgreSQL at scale (issue 14.6)

Command: `.venv/bin/python bench/postgres.py board --events {events} --schools {schools}
--batch {size} --shows {shows} --rate {rate} --seconds {seconds}`

Machine: {machine()}, {os.cpu_count()} cores shared with other sessions; PostgreSQL
{server_version()} on loopback, psycopg {psycopg_build()}; load average
{os.getloadavg()[0]:.1f} at the end. One run of each (at this scale a run takes minutes):
wall times of whole `zatlog` processes.

Log: `bench/logs.py` with {schools} schools, {total:,} events (the project scenarios as
distinct cases, dealt out over the schools), encrypted at rest (the default), imported in
files of about {size:,} lines.

| what | figure |
|---|---|
{rows}
"""
    write_section("## a school board's server: PostgreSQL at scale (issue 14.6)", section)
    print(section)


def log_position(db: str) -> int:
    from zatlog.projections.runner import status
    from zatlog.storage import resolve

    return max(end for _, end in status(resolve(db)).values())


def follower_lag(db: str, refs: list[str], rate: int, seconds: int) -> str:
    """Run ``projections follow`` while a writer records ``rate`` actions a second; sample
    how far the read models are behind the log, every half second."""
    from zatlog.projections.runner import status
    from zatlog.storage import resolve

    location = resolve(db)
    follower = subprocess.Popen(
        [ZATLOG, "--db", db, "projections", "follow"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    stop = threading.Event()
    written = [0]

    def write() -> None:
        from zatlog.actions import parse_action
        from zatlog.application import ZatlogApp

        app = ZatlogApp(location)
        number = 0
        try:
            while not stop.is_set():
                began = time.monotonic()
                batch = [
                    (
                        parse_action(
                            {
                                "action": "signal_raised",
                                "case": refs[(number + n) * 7919 % len(refs)],
                                "at": "2026-01-20",
                                "source": "teacher",
                                "description": "bench",
                            }
                        ),
                        "bench",
                    )
                    for n in range(max(1, rate // 4))
                ]
                app.record(batch)
                number += len(batch)
                written[0] = number
                time.sleep(max(0.0, 0.25 - (time.monotonic() - began)))
        finally:
            app.close()

    lags: list[int] = []
    try:
        time.sleep(5)  # the follower catches up with what is there
        writer = threading.Thread(target=write)
        writer.start()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            positions = status(location).values()
            lags.append(max(log - position for position, log in positions))
            time.sleep(0.5)
        stop.set()
        writer.join()
    finally:
        os.killpg(follower.pid, signal.SIGTERM)
        follower.wait(timeout=60)
    lags.sort()
    achieved = written[0] / seconds
    return (
        f"{achieved:.0f} actions/s written for {seconds} s: events behind the log, median "
        f"{statistics.median(lags):.0f}, 95th percentile {lags[int(len(lags) * 0.95)]}, max "
        f"{lags[-1]} ({len(lags)} samples)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("run")
    one.add_argument("what", choices=("import", "rebuild"))
    one.add_argument("db")
    one.add_argument("log", nargs="?")
    side = commands.add_parser("compare")
    side.add_argument("--events", type=int, default=20_000)
    side.add_argument("--runs", type=int, default=5)
    side.add_argument("--timeout", type=int, default=3600)
    scale = commands.add_parser("board")
    scale.add_argument("--events", type=int, default=1_000_000)
    scale.add_argument("--schools", type=int, default=10)
    scale.add_argument("--batch", type=int, default=50_000)
    scale.add_argument("--shows", type=int, default=11)
    scale.add_argument("--rate", type=int, default=20)
    scale.add_argument("--seconds", type=int, default=60)
    options = parser.parse_args()
    if options.command == "run":
        run(options.what, options.db, options.log)
    elif options.command == "compare":
        compare(options.events, options.runs, options.timeout)
    else:
        board(
            options.events,
            options.schools,
            options.batch,
            options.shows,
            options.rate,
            options.seconds,
        )


if __name__ == "__main__":
    main()
