"""Batched read-model work: no statement per case in a catch-up or a rebuild.

The statements are counted as psycopg sends them to the real PostgreSQL server
(each one a round trip): a catch-up over many cases sends as many as one over a
few. Grouped and chunked, the read models hold exactly what they held before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from readmodel_stores import TODAY, dump, many_cases, record, scenario_lines, view

from zatlog.application import ZatlogApp
from zatlog.projections import batch, case_log
from zatlog.projections.runner import Runner, catch_up, rebuild


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement psycopg sends from now on (a row of an executemany counts as one).
    Either count of cases fits in one chunk of :data:`case_log.CASES_PER_QUERY`."""
    sent: list[str] = []
    monkeypatch.setattr(batch, "FLUSH_SECONDS", 3600.0)  # no flush before a chunk is full
    execute, executemany = psycopg.Cursor.execute, psycopg.Cursor.executemany

    def counted_execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query))
        return execute(self, query, *args, **kwargs)

    def counted_executemany(self: Any, query: Any, rows: Any, *args: Any, **kwargs: Any) -> Any:
        rows = list(rows)
        sent.extend([str(query)] * len(rows))
        return executemany(self, query, rows, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", counted_execute)
    monkeypatch.setattr(psycopg.Cursor, "executemany", counted_executemany)
    yield sent


def postgres_only(db: str) -> None:
    if not db.startswith("postgresql://"):
        pytest.skip("counts the statements sent to a PostgreSQL server")


def caught_up_in_one_page(app: ZatlogApp) -> None:
    Runner(app, page_size=100_000, today=TODAY).run()


def new_cases(count: int) -> list[dict[str, Any]]:
    return [
        {**line, "case": f"N{count}-{line['case']}"} for line in many_cases(count) if "case" in line
    ]


def signals(count: int) -> list[dict[str, Any]]:
    return [
        {"action": "signal_raised", "case": f"C{n:05d}", "at": "2026-01-20",
         "source": "teacher", "description": "later"}
        for n in range(count)
    ]  # fmt: skip


@pytest.mark.parametrize("lines", [new_cases, signals], ids=["new cases", "old cases"])
def test_a_catch_up_over_many_cases_sends_as_many_statements_as_one_over_a_few(
    app: ZatlogApp,
    db: str,
    statements: list[str],
    lines: Callable[[int], list[dict[str, Any]]],
) -> None:
    postgres_only(db)
    record(app, many_cases(80))
    caught_up_in_one_page(app)
    counts = []
    for count in (20, 80):
        record(app, lines(count))
        statements.clear()
        caught_up_in_one_page(app)
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_small_chunks_and_groups_build_the_read_models_a_statement_per_row_builds(
    app: ZatlogApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(app, many_cases(25))
    catch_up(app, today=TODAY)
    built = dump(view(app))
    monkeypatch.setattr(batch, "MAX_ROWS", 3)
    monkeypatch.setattr(case_log, "CASES_PER_QUERY", 4)
    rebuild(app, today=TODAY, workers=1)
    assert dump(view(app)) == built
    assert len(built["case_state"]) == 25


def test_a_case_with_no_events_in_a_chunk_reads_as_empty(app: ZatlogApp) -> None:
    record(app, scenario_lines("p01_compliant"))
    catch_up(app, today=TODAY)
    ref = next(line["case"] for line in scenario_lines("p01_compliant") if "case" in line)
    found = list(case_log.read_cases_events(view(app), ["unknown", ref]))
    assert [(r, s, len(e)) for r, s, e in found[:1]] == [("unknown", "", 0)]
    assert found[1][0] == ref and found[1][2] == case_log.read_case_events(view(app), ref)[1]


def test_inserts_become_multi_row_statements_within_the_parameter_limit() -> None:
    rows = [(n, f"c{n}", None) for n in range(30_000)]
    made = batch.statements_for("INSERT INTO s.t VALUES (%s, %s, %s) ON CONFLICT DO NOTHING", rows)
    assert made is not None
    assert [len(params) for _, params in made] == [15_000, 15_000, 15_000, 15_000, 15_000, 15_000]
    text, params = made[-1]
    assert text.startswith("INSERT INTO s.t VALUES ($1, $2, $3), ($4, $5, $6), ")
    assert text.endswith("($14998, $14999, $15000) ON CONFLICT DO NOTHING")
    assert params[:3] == [25_000, "c25000", None]


def test_deletes_of_one_key_become_one_statement_and_others_stay_as_they_are() -> None:
    made = batch.statements_for("DELETE FROM s.t WHERE case_ref = %s", [("a",), ("b",)])
    assert made == [("DELETE FROM s.t WHERE case_ref = ANY($1)", [["a", "b"]])]
    assert batch.statements_for("UPDATE s.t SET x = %s WHERE y = %s", [(1, 2)]) is None
    assert batch.statements_for("DELETE FROM s.t WHERE a = %s AND b = %s", [(1, 2)]) is None
