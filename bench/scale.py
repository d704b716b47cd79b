"""Scaling: what each command costs at 10k, 100k and 1M events (SQLite, the default).

Run by hand (not in CI), from the checkout. First the log of each size (bench/logs.py:
the project's scenario trajectories repeated as distinct cases):

    .venv/bin/python bench/scale.py log 100000

the documents dated before every case (``documents_first``), so that the findings are the
trajectories' own, not an artefact of the generator. Then each step as a whole process,
timed from outside with its peak memory, the same step at two sizes side by side (A at
100k, B at 10k, in turn): the ratio says how the cost grows with the log, about 10 for
work that follows the events, about 1 for work that does not.

    .venv/bin/python bench/scale.py run import 100000      # import --history, read models caught up
    .venv/bin/python bench/scale.py keep 100000            # the imported store for the others
    .venv/bin/python bench/scale.py run rebuild 100000     # zatlog projections rebuild
    .venv/bin/python bench/scale.py run audit 100000       # today's audit (read model)
    .venv/bin/python bench/scale.py run as-of 100000       # audit --as-of (recomputed)
    .venv/bin/python bench/scale.py run show 100000        # case show, one case
    .venv/bin/python bench/scale.py run due 100000         # due, every open case
    .venv/bin/python bench/scale.py run dossier 100000     # dossier export (PDF), one case

``import`` imports into a new ``bench/out/import-N.db`` at every run, marked as history
(``import --history``: records of the past, as a school brings over its earlier log; without
it rule L1, recorded late, finds nearly every generated action, dated up to three years
back, and the audits' reports grow with the events, about 1 KB of JSON each); ``keep N`` then
makes it the store ``bench/out/scale-N.db`` that the other steps read (so that an import
being timed never replaces the store under another step). Each step ends by replacing
itself with the ``zatlog`` process (``exec``), so what is timed is the command as a user
runs it. The stores are encrypted, their keys in
``bench/out/config`` (``XDG_CONFIG_HOME``). ``audit`` and ``dossier`` record a look
(the access log) and ``dossier`` a disclosure: each run adds a row or an event.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from logs import write_log

OUT = Path(__file__).resolve().parent / "out"
CASE = "B000000"
"""The first generated case (the compliant trajectory), in every log."""
AS_OF = "2026-06-01"

STEPS: dict[str, list[str]] = {
    "import": ["import", "--history", "{log}"],
    "rebuild": ["projections", "rebuild"],
    "audit": ["audit", "--format", "json"],
    "as-of": ["audit", "--as-of", AS_OF, "--format", "json"],
    "show": ["case", "show", CASE],
    "due": ["due"],
    "dossier": ["dossier", "export", CASE, "--for", "mother", "--format", "pdf", "-o", "{pdf}"],
}


def log_path(events: int) -> Path:
    return OUT / f"log-{events}.jsonl"


def store_path(events: int) -> Path:
    return OUT / f"scale-{events}.db"


def imported_path(events: int) -> Path:
    return OUT / f"import-{events}.db"


def keep(events: int) -> None:
    """Make the last import of ``events`` the store that the other steps read."""
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{imported_path(events)}{suffix}")
        target = Path(f"{store_path(events)}{suffix}")
        target.unlink(missing_ok=True)
        if source.exists():
            source.rename(target)


def run(step: str, events: int) -> None:
    """Replace this process with the ``zatlog`` command of ``step`` on the store of ``events``."""
    db = imported_path(events) if step == "import" else store_path(events)
    pdf = OUT / f"scale-{events}-dossier.pdf"
    if step == "import":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    pdf.unlink(missing_ok=True)
    arguments = [a.format(log=log_path(events), pdf=pdf) for a in STEPS[step]]
    os.environ.setdefault("XDG_CONFIG_HOME", str(OUT / "config"))
    zatlog = str(Path(sys.executable).with_name("zatlog"))
    sys.stdout.flush()
    os.execv(zatlog, [zatlog, "--db", str(db), "--actor", "bench", *arguments])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    log = commands.add_parser("log", help="write the generated log of about EVENTS actions")
    log.add_argument("events", type=int)
    step = commands.add_parser("run", help="run one step as the zatlog command")
    step.add_argument("step", choices=sorted(STEPS))
    step.add_argument("events", type=int)
    kept = commands.add_parser("keep", help="make the last import of EVENTS the store to read")
    kept.add_argument("events", type=int)
    options = parser.parse_args()
    if options.command == "log":
        path = log_path(options.events)
        print(f"{path}: {write_log(path, options.events, documents_first=True)} lines")
    elif options.command == "keep":
        keep(options.events)
    else:
        run(options.step, options.events)


if __name__ == "__main__":
    main()
