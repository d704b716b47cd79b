"""Provider report speed on a generated log, beside the reference import and the full audit.

Run by hand (not in CI):  .venv/bin/python bench/providers.py [--events 100000] [--repeat 3]

The log is bench/logs.py's (the shared scenarios repeated as many cases), with
every ``support_arranged`` given one of four providers and three
municipalities, four evaluations after it, and the provider among the
attendees of the case's discussions. Measured side by side in one run,
medians over --repeat runs:

- the reference: a bare ``import click, pydantic, eventsourcing.application``
  in a fresh interpreter (the start-up reference: a read command stays within 1.5× of it);
- ``zatlog providers report --format json`` on the store, process start included;
- in process: reading the log back as actions, the report over those actions
  (its B1 part audits only the cases with a discussion a provider attended),
  and, for scale, the whole audit over the same actions.

Writes its figures to the "providers report" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from logs import generate

from zatlog.application import ZatlogApp
from zatlog.importer import import_lines
from zatlog.policy import Policy
from zatlog.projections.audit.findings import audit_log
from zatlog.projections.providers import provider_report
from zatlog.storage import resolve

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"
SECTION = "## providers report"
PYTHON = sys.executable
ZATLOG = str(Path(PYTHON).parent / "zatlog")
AS_OF = date(2029, 1, 31)

PROVIDERS = ("Youké", "Kwadraad", "Lindenhout", "Schoolmaatschappelijk werk")
MUNICIPALITIES = ("Utrecht", "Zeist", "Amersfoort")
EVALUATORS = ("teacher", "parent", "teacher", "coordinator")


def provider_lines(events: int) -> Iterator[dict[str, Any]]:
    """bench/logs.py's log with providers, municipalities, evaluations and attendances."""
    for line in generate(events):
        case = line.get("case")
        if case is None:
            yield line
            continue
        n = int(case[1:])
        provider = PROVIDERS[n % len(PROVIDERS)]
        if line["action"] == "discussion_held":
            yield {**line, "attendees": [*line["attendees"], provider]}
        elif line["action"] == "support_arranged":
            yield {**line, "provider": provider, "municipality": MUNICIPALITIES[n % 3]}
            arranged = date.fromisoformat(line["at"][:10])
            for k, evaluator in enumerate(EVALUATORS, start=1):
                yield {
                    "action": "support_evaluated",
                    "case": case,
                    "at": (arranged + timedelta(days=21 * k)).isoformat(),
                    "provider": provider,
                    "evaluator": evaluator,
                    "effect_in_class": 1 + (n + k) % 5,
                    "worked_at_school": (n + k) % 3 != 0,
                    "involved_teacher": (n + k) % 4 != 0,
                    "involved_parents": (n + k) % 2 == 0,
                }
        else:
            yield line


def timed(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    times: list[float] = []
    result: object = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": ""})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    log = OUT / f"providers-{options.events}.jsonl"
    with log.open("w", encoding="utf-8") as out:
        for line in provider_lines(options.events):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    repeat = options.repeat
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "zatlog.db")
        app = ZatlogApp(resolve(db))
        with log.open("rb") as lines:
            import_lines(app, lines, default_actor="bench")
        events = list(app.logged_actions())
        gc.collect()
        gc.freeze()  # the retained log is not rescanned by every collection while timing
        bare, _ = timed(
            lambda: run(PYTHON, "-c", "import click, pydantic, eventsourcing.application"), repeat
        )
        command, _ = timed(
            lambda: run(ZATLOG, "--db", db, "providers", "report", "--format", "json"), repeat
        )
        read, _ = timed(lambda: list(app.logged_actions()), repeat)
        report_s, report = timed(lambda: provider_report(events, Policy(), as_of=AS_OF), repeat)
        audit_s, _ = timed(lambda: audit_log(events, Policy(), AS_OF), repeat)
        app.close()
    rows = getattr(report, "providers", [])
    cases = len({e.case for e in events if e.case is not None})
    machine = (
        f"{os.cpu_count()} cores (`nproc`: {os.cpu_count()}), {platform.machine()} "
        f"{platform.system()}, Python {platform.python_version()}, SQLite file, "
        f"{date.today().isoformat()}"
    )
    table = [
        ("bare `import click, pydantic, eventsourcing.application` (fresh process)", bare),
        ("`zatlog providers report --format json`, process start included", command),
        ("in process: read the log back as actions", read),
        ("in process: the report over the actions read (B1 included)", report_s),
        ("in process, for scale: the whole audit over the same actions", audit_s),
    ]
    text = "\n".join(
        [
            SECTION,
            "",
            f"Command: `.venv/bin/python bench/providers.py --events {options.events} "
            f"--repeat {repeat}`",
            "",
            f"Machine: {machine}.",
            "",
            f"Log: {len(events):,} events, {cases:,} cases, {len(rows)} report rows "
            "(4 providers × 3 municipalities; 4 evaluations per arrangement; the provider "
            "attends every discussion of its case).",
            "",
            "| what | median |",
            "|---|---|",
            *(f"| {what} | {seconds * 1000:,.0f} ms |" for what, seconds in table),
            f"| ratio command / bare import | {command / bare:.1f}× |",
            f"| ratio report / reading the log | {report_s / read:.2f}× |",
            f"| ratio report / whole audit | {report_s / audit_s:.2f}× |",
            "",
            f"Reading the whole log back as actions is {read / (read + report_s):.0%} of the "
            "in-process time. The report scans the whole log on every run, so it stays far "
            "from the goal of 1.5× the bare import, which read-model commands meet; a "
            "provider read model kept by the projection runner would be the way there.",
            "",
        ]
    )
    print(text)
    _write_section(text)


def _write_section(text: str) -> None:
    """Replace this benchmark's section of RESULTS.md (or add it), leaving the others alone."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = current.find(SECTION + "\n")
    if start == -1:
        updated = current.rstrip("\n") + "\n\n" + text
    else:
        end = current.find("\n## ", start + len(SECTION))
        rest = "" if end == -1 else current[end + 1 :]
        updated = current[:start] + text + ("\n" + rest if rest else "")
    RESULTS.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
