"""Real stores for the read-model tests, filled from the project's scenarios."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from scenario_files import SCENARIOS

from zatlog.actions import parse_action
from zatlog.application import ZatlogApp
from zatlog.projections.runner import ReadModelView, view_of
from zatlog.storage import resolve

TODAY = date(2026, 1, 31)
"""The day the tests take as today (the scenarios' audit date)."""

READ_MODEL_TABLES = {
    "case_log": "position",
    "case_state": "case_ref",
    "due_case": "case_ref",
    "due_item": "case_ref, due, kind, persons",
}


def scenario_lines(name: str) -> list[dict[str, Any]]:
    path = SCENARIOS / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def scenario_names() -> list[str]:
    return sorted(p.stem for p in SCENARIOS.glob("*.jsonl"))


def record(app: ZatlogApp, lines: Iterable[dict[str, Any]], actor: str = "ib-test") -> int:
    """Record the lines in one batch (as one import does)."""
    return app.record([(parse_action(line), line.get("by", actor)) for line in lines])


def many_cases(count: int) -> Iterator[dict[str, Any]]:
    """The school documents, then ``count`` cases: the scenarios' cases under new references."""
    templates = [scenario_lines(name) for name in scenario_names()]
    yield from (line for line in templates[0] if "case" not in line)
    for number in range(count):
        for line in templates[number % len(templates)]:
            if "case" in line:
                yield {**line, "case": f"C{number:05d}"}


def dump(view: ReadModelView) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read-model table, in a fixed order; sealed columns as their text
    (sealing encrypts with a new nonce each time, so two equal builds differ in bytes)."""
    return {
        table: [
            tuple(view.unseal(v) if isinstance(v, bytes | memoryview) else v for v in row)
            for row in view.fetchall(f"SELECT * FROM {{t}}{table} ORDER BY {order}")
        ]
        for table, order in READ_MODEL_TABLES.items()
    }


def open_app(db: str, *, encrypt: bool = True) -> ZatlogApp:
    """The log of ``db``; a new database is encrypted unless ``encrypt`` is false."""
    return ZatlogApp(resolve(db), encrypt_new=encrypt)


def view(app: ZatlogApp) -> ReadModelView:
    return view_of(app)
