"""A rebuild spread over worker processes builds exactly what a rebuild in one process builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from readmodel_stores import TODAY, dump, many_cases, open_app, record, view

from zatlog.application import ZatlogApp
from zatlog.projections import case_log_sql, parallel, runner
from zatlog.projections.case_log import CaseLog
from zatlog.projections.runner import (
    PROJECTIONS,
    ReadModelView,
    catch_up,
    projection_classes,
    rebuild,
    status,
    tracking_keys,
)
from zatlog.storage import resolve

EVERY_TABLE = {
    "case_log": "position",
    "case_state": "case_ref",
    "due_case": "case_ref",
    "due_item": "case_ref, due, kind, persons",
    "findings": "case_ref",
}


@pytest.fixture
def small_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ranges and case batches small enough that a test log needs many of each."""
    monkeypatch.setattr(parallel, "RANGE_SIZE", 37)
    monkeypatch.setattr(parallel, "CASES_PER_TASK", 3)


Rows = dict[str, list[tuple[Any, ...]]]


def everything(read_models: ReadModelView) -> Rows:
    """Every row of every read model (sealed columns unsealed), and the tracked positions."""
    rows = {
        table: [
            tuple(read_models.unseal(v) if isinstance(v, bytes | memoryview) else v for v in row)
            for row in read_models.fetchall(f"SELECT * FROM {{t}}{table} ORDER BY {order}")
        ]
        for table, order in EVERY_TABLE.items()
    }
    rows["tracking"] = sorted(
        read_models.fetchall(
            f"SELECT application_name, notification_id FROM {read_models.tracking_table}"
        )
    )
    return rows


def indexes(app: ZatlogApp) -> set[str]:
    """The names of the read models' indexes in the store."""
    read_models = view(app)
    if app.location.is_postgres:
        schema = getattr(read_models, "datastore").schema  # noqa: B009 - the backend's own
        found = read_models.fetchall(
            "SELECT indexname FROM pg_indexes WHERE schemaname = ?", [schema]
        )
    else:
        found = read_models.fetchall("SELECT name FROM sqlite_master WHERE type = 'index'")
    return {name for (name,) in found if name.split("_")[0] in ("case", "due", "findings")}


def built_in_one_process(app: ZatlogApp, lines: Iterable[dict[str, Any]]) -> Rows:
    """Record ``lines``, rebuild every read model in this process: every row then."""
    record(app, lines)
    rebuild(app, today=TODAY, workers=1)
    return everything(view(app))


def forget_every_read_model(app: ZatlogApp) -> None:
    """Drop every read model and its position, as a store never caught up (or a rebuild's
    first step) has them."""
    every_table = [table for cls in projection_classes() for table in cls.tables]
    view(app).reset(every_table, tracking_keys().values())


@pytest.fixture(params=["index in SQL where possible", "index decoded by workers"])
def index_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of building the case index in a parallel rebuild (SQL needs SQLite)."""
    if request.param == "index decoded by workers":
        monkeypatch.setattr(CaseLog, "bulk_loader", lambda self, app: None)
    return str(request.param)


def awkward_case() -> list[dict[str, Any]]:
    """A case whose free text has quotes, backslashes, line breaks and non-ASCII letters."""
    lines = [line for line in many_cases(1) if "case" in line]
    note = 'Zoë zei: "ik wil \\ niet"\nnieuwe regel\ttab – ĳs 😀'
    return [{**line, "case": "AWK-1", "note": note} for line in lines]


@pytest.mark.usefixtures("small_tasks")
def test_a_parallel_rebuild_equals_a_rebuild_in_one_process(
    app: ZatlogApp, index_path: str
) -> None:
    in_one_process = built_in_one_process(app, [*many_cases(30), *awkward_case()])
    indexed = indexes(app)

    result = rebuild(app, today=TODAY, workers=2)

    end = app.last_position()
    assert result == {name: (end, end) for name in PROJECTIONS}
    assert everything(view(app)) == in_one_process
    assert len(in_one_process["case_log"]) == end - 1  # every action (not the school's birth)
    assert indexes(app) == indexed and len(indexed) >= 5


def v2_case() -> list[dict[str, Any]]:
    """A case with the actions of domain v2: authorisations, a cancelled and moved meeting,
    times of day and a migrated action."""
    case = {"case": "V2-1"}
    return [
        {**case, "action": "case_opened", "at": "2025-09-01", "pupil_name": "V Twee",
         "birth_date": "2008-01-01", "school_type": "vso", "migrated": True},
        {**case, "action": "relation_recorded", "at": "2025-09-01", "person": "mother",
         "name": "M Twee", "relation": "parent", "authority": "joint"},
        {**case, "action": "pupil_authorised_person", "at": "2025-09-02T10:00",
         "person": "mother", "scope": ["plan"], "until": "2026-09-01"},
        {**case, "action": "meeting_scheduled", "at": "2025-09-02T09:00", "meeting": "m1",
         "forum": "zat", "date": "2025-10-01", "purpose": "x"},
        {**case, "action": "meeting_cancelled", "at": "2025-09-03", "meeting": "m1",
         "reason": "ziek"},
        {**case, "action": "parents_informed", "at": "2025-09-03", "to": ["mother"],
         "channel": "email", "topics": ["meeting_cancelled", "support"], "meeting": "m1"},
        {**case, "action": "meeting_scheduled", "at": "2025-09-04", "meeting": "m1",
         "forum": "zat", "date": "2025-10-08", "purpose": "x"},
        {**case, "action": "pupil_authorisation_withdrawn", "at": "2025-09-05",
         "person": "mother"},
    ]  # fmt: skip


@pytest.mark.usefixtures("small_tasks")
def test_a_parallel_rebuild_with_the_v2_actions_equals_one_in_one_process(
    app: ZatlogApp, index_path: str
) -> None:
    in_one_process = built_in_one_process(app, [*many_cases(5), *v2_case()])

    rebuild(app, today=TODAY, workers=2)

    assert everything(view(app)) == in_one_process
    filed = {row[3] for row in in_one_process["case_log"]}
    assert {"pupil_authorised_person", "meeting_cancelled"} <= filed


@pytest.mark.usefixtures("small_tasks")
def test_a_parallel_rebuild_of_an_encrypted_log_equals_one_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_db = str(tmp_path / "new.db")  # nothing there yet: the test chooses how it is made
    from eventsourcing.cryptography import AESCipher

    monkeypatch.setenv("ZATLOG_CIPHER_KEY", AESCipher.create_key(32))
    app = open_app(sqlite_db)
    try:
        assert app.location.encrypted
        in_one_process = built_in_one_process(app, many_cases(12))

        rebuild(app, today=TODAY, workers=2)

        assert everything(view(app)) == in_one_process
        raw = view(app).fetchall("SELECT payload FROM case_log LIMIT 1")[0][0]
        assert b'"action"' not in bytes(raw)  # sealed by the workers' own cipher
    finally:
        app.close()


@pytest.mark.usefixtures("small_tasks")
def test_rebuilding_only_the_per_case_models_in_parallel_keeps_the_index(app: ZatlogApp) -> None:
    record(app, many_cases(10))
    catch_up(app, today=TODAY)
    before = everything(view(app))

    result = rebuild(app, ["due", "findings"], today=TODAY, workers=2)

    end = app.last_position()
    assert result == {"due": (end, end), "findings": (end, end)}
    assert everything(view(app)) == before


@pytest.mark.usefixtures("small_tasks")
def test_a_worker_that_dies_does_not_cost_the_rebuild(
    app: ZatlogApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_one_process = built_in_one_process(app, many_cases(8))

    def die(*args: Any, **kwargs: Any) -> None:
        os._exit(1)  # as a worker killed by the system would

    # Only workers recompute cases through this name in a parallel rebuild (they are
    # forked, so they see the replacement); the parent then finishes on its own.
    monkeypatch.setattr(parallel, "write_cases", die)
    rebuild(app, today=TODAY, workers=2)

    assert everything(view(app)) == in_one_process


@pytest.mark.usefixtures("small_tasks")
def test_a_failing_sql_load_falls_back_to_decoding_the_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_db = str(tmp_path / "new.db")  # nothing there yet: the test chooses how it is made
    app = open_app(sqlite_db, encrypt=False)  # the SQL load reads unencrypted logs only
    try:
        in_one_process = built_in_one_process(app, many_cases(6))
        monkeypatch.setattr(case_log_sql, "FILED", "INSERT INTO no_such_table VALUES (?, ?)")
        assert case_log_sql.loader(app) is not None  # it is tried, and fails

        rebuild(app, today=TODAY, workers=2)

        assert everything(view(app)) == in_one_process
    finally:
        app.close()


def test_only_a_large_log_is_worth_starting_workers_for(
    app: ZatlogApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(app, many_cases(2))
    assert not parallel.worthwhile(app)
    monkeypatch.setattr(runner, "SHARE_FROM", 10)
    assert parallel.worthwhile(app)
    assert 1 <= parallel.default_workers() <= parallel.MAX_WORKERS


REBUILD = """
import sys
import time
from datetime import date
from zatlog.application import ZatlogApp
from zatlog.projections import parallel
from zatlog.projections.runner import rebuild
from zatlog.storage import resolve

recompute = parallel.write_cases

def slowly(*args, **kwargs):
    time.sleep(0.02)
    return recompute(*args, **kwargs)

if __name__ == "__main__":
    parallel.RANGE_SIZE = 20
    parallel.CASES_PER_TASK = 2
    parallel.write_cases = slowly  # the (forked) workers recompute cases slowly
    app = ZatlogApp(resolve(sys.argv[1]))
    rebuild(app, today=date.fromisoformat(sys.argv[2]), workers=2)
"""
"""A parallel rebuild in its own process, in small steps (so that it can be killed midway)."""


def killed_midway(db: str, end: int) -> dict[str, tuple[int, int]]:
    """Start a parallel rebuild, kill it once (part of) the index is committed and before the
    per-case read models are: the positions then."""
    process = subprocess.Popen(
        [sys.executable, "-c", REBUILD, db, TODAY.isoformat()], stderr=subprocess.PIPE
    )
    location = resolve(db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        positions = status(location)
        if positions["case_log"][0] > 0:
            break
        time.sleep(0.005)
    process.kill()  # its workers notice their parent is gone and end themselves
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""
    return status(location)


def test_a_parallel_rebuild_killed_midway_is_finished_by_the_next_catch_up(
    app: ZatlogApp, db: str
) -> None:
    in_one_process = built_in_one_process(app, many_cases(100))
    end = app.last_position()
    forget_every_read_model(app)

    killed = killed_midway(db, end)

    # The index is committed range by range (decoded by workers), or at once (in SQL).
    assert 0 < killed["case_log"][0] <= end
    assert killed["due"][0] == killed["findings"][0] == killed["case_state"][0] == 0
    committed = [row[0] for row in dump(view(app))["case_log"]]
    assert committed == list(range(2, killed["case_log"][0] + 1))
    catch_up(app, today=TODAY)
    assert everything(view(app)) == in_one_process


def test_the_index_is_loaded_in_sql_only_where_that_is_sound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_db = str(tmp_path / "new.db")  # nothing there yet: the test chooses how it is made
    from eventsourcing.cryptography import AESCipher

    from zatlog.case import Case

    plain = open_app(sqlite_db, encrypt=False)
    try:
        assert case_log_sql.loader(plain) is not None
        # An event class in a later version: its stored payloads may need upcasting.
        monkeypatch.setattr(Case.ConsentGiven, "class_version", 2, raising=False)
        assert case_log_sql.loader(plain) is None
    finally:
        plain.close()
    monkeypatch.undo()
    monkeypatch.setenv("ZATLOG_CIPHER_KEY", AESCipher.create_key(32))
    encrypted = open_app(sqlite_db + ".encrypted")
    try:
        assert case_log_sql.loader(encrypted) is None
    finally:
        encrypted.close()


@pytest.mark.usefixtures("small_tasks")
def test_the_first_catch_up_of_a_large_log_is_shared_out_and_builds_the_same(
    app: ZatlogApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_one_process = built_in_one_process(app, many_cases(12))
    forget_every_read_model(app)
    monkeypatch.setattr(runner, "SHARE_FROM", 10)
    monkeypatch.setattr(parallel, "default_workers", lambda: 2)
    shared: list[int] = []
    share = parallel.rebuild
    monkeypatch.setattr(parallel, "rebuild", lambda *a, **k: shared.append(1) or share(*a, **k))

    catch_up(app, today=TODAY)

    assert shared == [1]
    assert everything(view(app)) == in_one_process
    record(app, awkward_case())  # and later catch-ups go on page by page
    assert catch_up(app, today=TODAY)["due"] == (app.last_position(), app.last_position())
    assert shared == [1]


def test_a_parallel_rebuild_waits_for_slow_workers_longer_than_an_idle_session_may(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not db.startswith("postgresql://"):
        pytest.skip("PostgreSQL ends a session idle in a transaction")
    location = resolve(db)
    idle = {**location.settings, "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "1"}
    app = ZatlogApp(replace(location, settings=idle))
    try:
        in_one_process = built_in_one_process(app, many_cases(12))
        recompute = parallel.write_cases

        def slowly(*args: Any, **kwargs: Any) -> None:
            time.sleep(1.5)  # in the (forked) workers: longer than the session may idle
            recompute(*args, **kwargs)

        monkeypatch.setattr(parallel, "write_cases", slowly)
        monkeypatch.setattr(parallel, "CASES_PER_TASK", 4)

        rebuild(app, today=TODAY, workers=2)

        assert everything(view(app)) == in_one_process
    finally:
        app.close()
