"""The cost of logging a look: ``zatlog case show`` with and without its access-log entry.

Run by hand (not in CI):  .venv/bin/python bench/access.py [--repeat 21] [--entries 10000]

A SQLite store holds the 20 project scenarios and an access log already
``--entries`` long (a year of looks at a busy school). Then, as whole
processes, alternately (A B A B …, so drift of the machine hits both alike):

- A: ``zatlog case show 2025-002`` as shipped: it appends its entry (hash
  chain, one short write transaction) before it prints;
- B: the same command in the same launcher with the append replaced by a
  no-op (only this benchmark can do that: the product has no way to skip it).

Also, in process: ``record_access`` alone (median of --repeat calls), and for
scale one row committed to a plain SQLite file: a durable commit waits for the
disk (fsync), which is most of a look's cost.
Target (issue 13): logging costs at most 20 ms of the command's time on
SQLite. Writes its figures to the "access log" section of bench/RESULTS.md.

One run of A or B::

    .venv/bin/python bench/access.py show DB with|without
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from results import write_section

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE.parent / "tests" / "scenarios"
SECTION = "## access log"
CASE = "2025-002"


def show(db: str, mode: str) -> None:
    """One ``case show`` in this process; ``without``: the access entry is not appended."""
    if mode == "without":
        import zatlog.access_log

        def skipped(*args: object, **kwargs: object) -> None:
            return None

        zatlog.access_log.record_access = skipped  # type: ignore[assignment]
    from zatlog.cli.main import cli

    with open(os.devnull, "w") as sink:
        sys.stdout = sink
        try:
            cli(["--db", db, "--actor", "ib-bench", "case", "show", CASE], prog_name="zatlog")
        except SystemExit as done:
            if done.code:
                raise
        finally:
            sys.stdout = sys.__stdout__


def prepare(db: str, entries: int) -> None:
    from zatlog.access_log import record_access
    from zatlog.storage import resolve

    for path in sorted(SCENARIOS.glob("*.jsonl")):
        subprocess.run(
            [sys.executable, "-m", "zatlog", "--db", db, "import", str(path)],
            check=True,
            capture_output=True,
        )
    location = resolve(db)
    for n in range(entries):
        record_access(location, f"staff-{n % 7}", "case show", [f"2025-{n % 20 + 1:03d}"],
                      ["case_state"], "zorgcoördinatie")  # fmt: skip


def timed_process(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("mode", nargs="*", help="show DB with|without (one run)")
    options = parser.parse_args()
    if options.mode:
        _, db, mode = options.mode
        show(db, mode)
        return
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        prepare(db, options.entries)
        me = [sys.executable, str(Path(__file__).resolve()), "show", db]
        timed_process([*me, "with"])  # warm-up: caches, bytecode
        timed_process([*me, "without"])
        with_log: list[float] = []
        without_log: list[float] = []
        for _ in range(options.repeat):
            with_log.append(timed_process([*me, "with"]))
            without_log.append(timed_process([*me, "without"]))
        differences = [a - b for a, b in zip(with_log, without_log, strict=True)]
        from zatlog.access_log import record_access, verify_access_log
        from zatlog.storage import resolve

        location = resolve(db)
        calls = []
        for _ in range(options.repeat):
            start = time.perf_counter()
            record_access(location, "ib-bench", "case show", [CASE], ["case_state"], "bench")
            calls.append(time.perf_counter() - start)
        check = verify_access_log(location)
        assert check.intact, check.problem
        plain = [_plain_commit(Path(folder) / "plain.db") for _ in range(options.repeat)]
        write_section(
            SECTION,
            _section(options, with_log, without_log, differences, calls, plain, check.entries),
        )


def _plain_commit(path: Path) -> float:
    """One row inserted and committed in a plain WAL SQLite file: what the disk costs."""
    import sqlite3

    start = time.perf_counter()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS t (a)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.close()
    return time.perf_counter() - start


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _section(
    options: argparse.Namespace,
    with_log: list[float],
    without_log: list[float],
    differences: list[float],
    calls: list[float],
    plain: list[float],
    entries: int,
) -> str:
    median = statistics.median
    lines = [
        SECTION,
        "",
        f"Command: `.venv/bin/python bench/access.py --repeat {options.repeat} "
        f"--entries {options.entries}`",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.machine()} {platform.system()}, Python "
        f"{platform.python_version()}, SQLite file (WAL), {date.today().isoformat()}; "
        f"load average {os.getloadavg()[0]:.2f} at the end of the run.",
        "",
        f"Store: the 20 project scenarios; access log {options.entries:,} entries long before "
        f"the run ({entries:,} after it, chain verified intact).",
        "",
        "| what | median | min | max |",
        "|---|---|---|---|",
        f"| A: `zatlog case show {CASE}`, logging its look (whole process) | "
        f"{_ms(median(with_log))} | {_ms(min(with_log))} | {_ms(max(with_log))} |",
        f"| B: the same, the append replaced by a no-op (whole process) | "
        f"{_ms(median(without_log))} | {_ms(min(without_log))} | {_ms(max(without_log))} |",
        f"| A − B, pair by pair | {_ms(median(differences))} | {_ms(min(differences))} | "
        f"{_ms(max(differences))} |",
        f"| `record_access` alone, in process | {_ms(median(calls))} | {_ms(min(calls))} | "
        f"{_ms(max(calls))} |",
        f"| for scale: one row committed to a plain SQLite file (WAL, fsync) | "
        f"{_ms(median(plain))} | {_ms(min(plain))} | {_ms(max(plain))} |",
        "",
        "Target: logging a look costs at most 20 ms of the command's time on SQLite.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
