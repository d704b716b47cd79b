"""Realistic generated action logs for the benchmarks.

The project's test scenarios (tests/scenarios) are real trajectories (CvB, ZAT, safety, requests);
a large log is those trajectories repeated as many distinct cases, dates
shifted so the log spans several school years.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SCENARIOS = Path(__file__).resolve().parents[1] / "tests" / "scenarios"
DATE_FIELDS = (
    "at",
    "date",
    "birth_date",
    "objection_deadline",
    "review_at",
    "new_deadline",
    "valid_until",
    "until",
)


def _templates() -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    school: list[dict[str, Any]] = []
    cases: list[list[dict[str, Any]]] = []
    for path in sorted(SCENARIOS.glob("*.jsonl")):
        lines = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
        if not school:
            school = [x for x in lines if "case" not in x]
        cases.append([x for x in lines if "case" in x])
    return school, cases


def _shift(line: dict[str, Any], days: int, ref: str) -> dict[str, Any]:
    out = dict(line, case=ref)
    for field in DATE_FIELDS:
        value = out.get(field)
        if isinstance(value, str) and len(value) >= 10:
            out[field] = (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()
    return out


SHIFTS = 4
"""Cases are shifted back 0 to ``SHIFTS - 1`` years, in turn."""


def generate(
    events: int, schools: int = 1, documents_first: bool = False
) -> Iterator[dict[str, Any]]:
    """About ``events`` actions: the school's documents, then whole cases.

    With ``schools`` above 1, each of ``school01`` … publishes the documents and
    the cases are dealt out over them in turn (as on a school board's server).
    With ``documents_first``, the documents are dated back as far as the earliest case, so
    that every case is discussed after its school published them (else rule S0 finds
    the cases shifted back before the documents' date: about 40% of all findings).
    """
    school, cases = _templates()
    if documents_first:
        school = [_shift(line, -(SHIFTS - 1) * 365, "") for line in school]
        school = [{k: v for k, v in line.items() if k != "case"} for line in school]
    names = [f"school{n + 1:02d}" for n in range(schools)] if schools > 1 else [None]
    for name in names:
        yield from (line if name is None else dict(line, school=name) for line in school)
    count = len(school) * len(names)
    n = 0
    while count < events:
        template = cases[n % len(cases)]
        ref = f"B{n:06d}"
        # Back in time: an action may not be dated after the day it is recorded.
        shift = -((n // len(cases)) % SHIFTS) * 365
        name = names[n % len(names)]
        for line in template:
            shifted = _shift(line, shift, ref)
            if name is not None and shifted["action"] == "case_opened":
                shifted["school"] = name
            yield shifted
        count += len(template)
        n += 1


def write_log(path: Path, events: int, schools: int = 1, documents_first: bool = False) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = 0
    with path.open("w", encoding="utf-8") as out:
        for line in generate(events, schools, documents_first):
            out.write(json.dumps(line) + "\n")
            lines += 1
    return lines
