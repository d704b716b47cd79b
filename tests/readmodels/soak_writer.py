"""One writer of the follower soak test, in a process of its own.

    python soak_writer.py DB NUMBER TEMPLATE.json ACKS STOPFILE PAUSE

Records case after case, each in two batches (the case opened with its first
actions, then the rest into the existing case), PAUSE seconds apart, until
STOPFILE exists. After
each batch the log has acknowledged, one line ``<case> <batch>`` goes to ACKS.
A batch that fails (the server restarting, a terminated connection) is tried
again after looking at the log: if the case already holds the batch, the
commit went through and only its answer was lost, so it is acknowledged
instead of recorded twice.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from zatlog.actions import parse_action
from zatlog.application import ZatlogApp
from zatlog.case import case_id
from zatlog.storage import resolve

ATTEMPTS = 120
"""Tries of one batch, 0.5 s apart: a minute for the server to come back."""


def main() -> None:
    db, number, template, acks, stop_file, pause = sys.argv[1:7]
    lines: list[dict[str, Any]] = json.loads(Path(template).read_text(encoding="utf-8"))
    half = len(lines) // 2
    writer = Writer(db)
    with open(acks, "a", encoding="utf-8") as out:
        count = 0
        while not Path(stop_file).exists():
            ref = f"W{number}C{count:04d}"
            case = [{**line, "case": ref} for line in lines]
            for batch, (start, end) in enumerate(((0, half), (half, len(case)))):
                writer.record(ref, case[start:end], expected=end)
                out.write(f"{ref} {batch}\n")
                out.flush()
                time.sleep(float(pause))
            count += 1
    writer.close()


class Writer:
    def __init__(self, db: str) -> None:
        self.db = db
        self.app: ZatlogApp | None = None

    def record(self, ref: str, lines: list[dict[str, Any]], *, expected: int) -> None:
        """Record ``lines`` into case ``ref``, which then holds ``expected`` events."""
        batch = [(parse_action(line), line["by"]) for line in lines]
        for attempt in range(ATTEMPTS):
            try:
                app = self.open()
                if attempt and self.version(app, ref) >= expected:
                    return  # committed before the connection went: its answer was lost
                app.record(batch)
                return
            except Exception as error:
                last = error
                self.close()
                time.sleep(0.5)
        raise SystemExit(f"writer gave up on {ref}: {last}")

    def open(self) -> ZatlogApp:
        if self.app is None:
            self.app = ZatlogApp(resolve(self.db))
        return self.app

    @staticmethod
    def version(app: ZatlogApp, ref: str) -> int:
        try:
            return int(app.repository.get(case_id(ref)).version)
        except AggregateNotFoundError:
            return 0

    def close(self) -> None:
        if self.app is not None:
            try:
                self.app.close()
            finally:
                self.app = None


if __name__ == "__main__":
    main()
