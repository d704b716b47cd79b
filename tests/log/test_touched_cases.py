"""Recording into many long-running cases: their histories come in one query, not one each.

Counted as psycopg sends statements to the real PostgreSQL server (each a round
trip). Whatever way the cases are loaded, a batch records what recording one
action at a time records, with the same checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from zatlog.actions import parse_action
from zatlog.application import Rejected, ZatlogApp
from zatlog.storage import resolve
from zatlog.verify import verify


def opened(ref: str) -> dict[str, Any]:
    return {
        "action": "case_opened",
        "case": ref,
        "at": "2025-09-01",
        "pupil_name": "Sem Jansen",
        "birth_date": "2014-05-10",
        "school_type": "so",
    }


def signal(ref: str, day: str = "2025-10-01") -> dict[str, Any]:
    return {
        "action": "signal_raised",
        "case": ref,
        "at": day,
        "source": "teacher",
        "description": "zorg",
    }


def batch(lines: list[dict[str, Any]]) -> list[tuple[Any, str]]:
    return [(parse_action(line), "ib-test") for line in lines]


@pytest.fixture
def app(db: str) -> Iterator[ZatlogApp]:
    application = ZatlogApp(resolve(db))
    application.record(batch([opened(f"C{n:03d}") for n in range(60)]))
    yield application
    application.close()


def test_a_batch_into_many_old_cases_reads_them_with_as_many_statements_as_a_few(
    app: ZatlogApp, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not db.startswith("postgresql://"):
        pytest.skip("counts the statements sent to a PostgreSQL server")
    sent: list[str] = []
    execute = psycopg.Cursor.execute

    def counted(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query))
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", counted)
    counts = []
    for count in (3, 60):
        sent.clear()
        app.record(batch([signal(f"C{n:03d}") for n in range(count)]))
        counts.append(len(sent))
    assert counts[0] == counts[1], counts


def test_a_batch_continues_old_cases_exactly_as_one_action_at_a_time(
    app: ZatlogApp, db: str
) -> None:
    lines = [signal("C001"), opened("N001"), signal("C002"), signal("N001"), signal("C001")]
    app.record(batch(lines))
    for line in lines[:2]:  # the same, one at a time, on other cases
        app.record(batch([{**line, "case": line["case"].replace("001", "011")}]))
    app.record(batch([signal("C012")]))
    app.record(batch([signal("N011")]))
    app.record(batch([signal("C011")]))

    def history(ref: str) -> list[tuple[str, str]]:
        return [
            (logged.action.action, logged.action.day.isoformat())
            for logged in app.logged_actions()
            if getattr(logged.action, "case", None) == ref
        ]

    for ref in ("C001", "C002", "N001"):
        assert history(ref) == history(ref.replace("001", "011").replace("002", "012"))
    assert history("C001") == [
        ("case_opened", "2025-09-01"),
        ("signal_raised", "2025-10-01"),
        ("signal_raised", "2025-10-01"),
    ]
    assert verify(app).intact


def test_opening_an_old_case_again_or_recording_into_none_is_refused_and_writes_nothing(
    app: ZatlogApp,
) -> None:
    before = app.last_position()
    with pytest.raises(Rejected) as again:
        app.record(batch([signal("C001"), opened("C002")]))
    assert again.value.index == 1 and "already opened" in str(again.value)
    with pytest.raises(Rejected) as missing:
        app.record(batch([signal("C001"), signal("X999")]))
    assert missing.value.index == 1 and "has not been opened" in str(missing.value)
    assert app.last_position() == before
