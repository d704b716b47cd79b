"""What the peak memory of ``zatlog audit --as-of`` is made of (issue 15.2), in process.

Run by hand (not in CI), from the checkout, on a store of ``bench/scale.py`` (its key in
``bench/out/config``) or ``bench/stream.py``:

    .venv/bin/python bench/asof_memory.py --db bench/out/scale-1000000.db
    .venv/bin/python bench/asof_memory.py --db bench/out/scale-1000000.db --trace

The steps of ``zatlog audit --as-of DATE --format json -o /dev/null`` (cli/audit.py), one
after the other: the audit read a case at a time (``audit_stored``, its findings kept lean as
the command keeps them, the collector paused as the command pauses it), the log digest, the
JSON report rendered, stamped and written to /dev/null a page of findings at a time
(``report.json_pieces``, ``stamp_json_pieces``). After each, the process's resident memory now
and its peak so far (``/proc/self/status``: VmRSS, VmHWM). With ``--trace``, tracemalloc
(about three times slower) also gives the Python memory held after each step, and the
largest allocation sites holding the audit's result, grouped by file and line.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def _status() -> tuple[float, float]:
    """Resident memory now and its peak so far, MiB."""
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 6, 1))
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--top", type=int, default=12)
    options = parser.parse_args()
    os.environ.setdefault("XDG_CONFIG_HOME", str(OUT / "config"))
    if options.trace:
        tracemalloc.start()
    started = time.process_time()

    def step(name: str, note: str = "") -> None:
        rss, peak = _status()
        traced = ""
        if options.trace:
            current, top = tracemalloc.get_traced_memory()
            traced = f" | Python held {current / 2**20:7.1f} MiB, peak {top / 2**20:7.1f} MiB"
        cpu = time.process_time() - started
        memory = f"RSS {rss:7.1f} MiB, peak {peak:7.1f} MiB{traced}"
        print(f"{name:<28} {memory} | CPU {cpu:6.1f} s {note}")
        sys.stdout.flush()

    from zatlog.application import ZatlogApp
    from zatlog.bulk import bulk_read
    from zatlog.policy import Policy
    from zatlog.projections.audit import report
    from zatlog.projections.audit.stream import audit_stored
    from zatlog.projections.provenance import stamp_json_pieces
    from zatlog.storage import resolve
    from zatlog.verify import log_digest

    app = ZatlogApp(resolve(str(options.db)))
    policy = Policy()
    step("imports, store opened")
    before = tracemalloc.take_snapshot() if options.trace else None
    upto = app.last_position()
    with bulk_read():
        result = audit_stored(app, policy, options.as_of, upto=upto, lean=True)
    events = len({e.position for f in result.findings for e in (f.subject, *f.evidence)})
    step("audit (result held)", f"({len(result.findings):,} findings citing {events:,} events)")
    if before is not None:
        grown = tracemalloc.take_snapshot().compare_to(before, "lineno")
        print(f"  what the audit added and still holds, by allocation site (top {options.top}):")
        for stat in grown[: options.top]:
            frame = stat.traceback[0]
            where = frame.filename.split("site-packages/")[-1].split(str(Path.cwd()) + "/")[-1]
            size = f"{stat.size_diff / 2**20:7.1f} MiB"
            print(f"    {size} in {stat.count_diff:>9,} blocks  {where}:{frame.lineno}")
    digest = log_digest(app, upto)
    step("log digest")
    written = 0
    with bulk_read(), open(os.devnull, "wb") as sink:
        pieces = report.json_pieces(result, policy, options.as_of)
        for piece in stamp_json_pieces(pieces, digest):
            written += sink.write(piece.encode("utf-8"))
    step("JSON report written", f"({written:,} bytes, a page of findings at a time)")
    app.close()


if __name__ == "__main__":
    main()
