"""A very large batch (one big import) is recorded, chained, in one transaction on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from zatlog.actions import parse_action
from zatlog.application import ZatlogApp
from zatlog.storage import resolve
from zatlog.verify import verify

LETTERS = 25_000
"""More than the ~20,000 events on which psycopg's pipeline hung (see the recorder)."""


def lines() -> list[dict[str, Any]]:
    case = {"case": "2025-BIG", "by": "ib-test"}
    opened = {
        "action": "case_opened",
        "at": "2025-09-01",
        "pupil_name": "Sem Jansen",
        "birth_date": "2014-05-10",
        "school_type": "so",
        **case,
    }
    mother = {
        "action": "relation_recorded",
        "at": "2025-09-01",
        "person": "mother",
        "name": "Anna Jansen",
        "relation": "parent",
        "authority": "joint",
        **case,
    }
    letter = {
        "action": "parents_informed",
        "at": "2025-09-02",
        "to": ["mother"],
        "channel": "letter",
        "topics": ["concern"],
        **case,
    }
    return [opened, mother, *[letter] * LETTERS]


def test_a_batch_too_large_for_the_pipeline_is_recorded_whole(db: str) -> None:
    if not db.startswith("postgres"):
        pytest.skip("the pipeline limit is PostgreSQL's")
    app = ZatlogApp(resolve(db))
    try:
        batch = [(parse_action(line), "ib-test") for line in lines()]

        recorded = app.record(batch)
        again = app.record(batch[2:4])

        assert recorded == LETTERS + 2 and again == 2
        positions = [logged.position for logged in app.logged_actions()]
        assert len(positions) == LETTERS + 4
        assert positions == sorted(positions) and len(set(positions)) == len(positions)
        checked = verify(app)
        assert checked.intact and checked.events == LETTERS + 4
    finally:
        app.close()
