"""Projections over the log: tracked, atomic per page, rebuilt equal, safe against a crash."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import date
from typing import Any

import pytest
from readmodel_stores import (
    TODAY,
    dump,
    many_cases,
    record,
    scenario_lines,
    view,
)

from zatlog.application import ZatlogApp
from zatlog.errors import ZatlogError
from zatlog.projections.case_log import case_events, school_events
from zatlog.projections.runner import APP_NAME, PROJECTIONS, catch_up, rebuild, status
from zatlog.storage import resolve

P02 = "p02_late_invite_absent_parents"
MINE = ("case_log", "case_state", "due")
"""This issue's read models; others may be registered beside them."""


def mine(result: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in result.items() if name in MINE}


CATCH_UP = """
import sys
from datetime import date
from typing import Any
from zatlog.application import ZatlogApp
from zatlog.projections.runner import Runner
from zatlog.storage import resolve

app = ZatlogApp(resolve(sys.argv[1]))
runner = Runner(app, page_size=int(sys.argv[2]), case_span=int(sys.argv[3]),
                today=date.fromisoformat(sys.argv[4]))
runner.run()
"""
"""A catch-up in its own process, in small pages (so that it can be killed between two)."""


def test_catch_up_fills_every_read_model_up_to_the_end_of_the_log(app: ZatlogApp, db: str) -> None:
    record(app, scenario_lines(P02))

    result = catch_up(app, today=TODAY)

    # 38 positions: the school appearing, 8 documents, 29 case actions.
    assert mine(result) == {"case_log": (38, 38), "case_state": (38, 38), "due": (38, 38)}
    assert status(resolve(db)) == result
    tables = dump(view(app))
    assert len(tables["case_log"]) == 37
    assert [row[0] for row in tables["case_state"]] == ["2025-002"]
    assert [row[0] for row in tables["due_case"]] == ["2025-002"]


def test_each_projection_tracks_under_its_own_key_beside_the_application(app: ZatlogApp) -> None:
    record(app, scenario_lines(P02))
    catch_up(app, today=TODAY)

    positions = view(app).positions(
        [f"{APP_NAME}/case_log", f"{APP_NAME}/case_state/v4", f"{APP_NAME}/due/v3", APP_NAME]
    )

    assert positions == {
        "zatlog/case_log": 38,
        "zatlog/case_state/v4": 38,
        "zatlog/due/v3": 38,
        "zatlog": 0,
    }


def test_status_of_a_store_never_caught_up_is_zero_against_the_log(app: ZatlogApp, db: str) -> None:
    record(app, scenario_lines(P02))

    assert mine(status(resolve(db))) == {
        "case_log": (0, 38),
        "case_state": (0, 38),
        "due": (0, 38),
    }


def test_a_second_catch_up_changes_nothing(app: ZatlogApp) -> None:
    record(app, scenario_lines(P02))
    catch_up(app, today=TODAY)
    before = dump(view(app))

    again = catch_up(app, today=TODAY)

    assert mine(again) == {"case_log": (38, 38), "case_state": (38, 38), "due": (38, 38)}
    assert dump(view(app)) == before


def test_catching_up_after_every_batch_equals_a_full_rebuild(app: ZatlogApp) -> None:
    lines = list(many_cases(6))
    for start in range(0, len(lines), 17):
        record(app, lines[start : start + 17])
        catch_up(app, today=TODAY)
    incremental = dump(view(app))

    rebuilt = rebuild(app, today=TODAY)

    end = app.last_position()
    assert mine(rebuilt) == {"case_log": (end, end), "case_state": (end, end), "due": (end, end)}
    assert dump(view(app)) == incremental


def test_the_case_index_holds_every_action_once_and_nothing_else(app: ZatlogApp) -> None:
    record(app, many_cases(3))
    catch_up(app, today=TODAY)

    positions = [row[0] for row in dump(view(app))["case_log"]]

    actions = [logged.position for logged in app.logged_actions()]
    assert positions == actions


def test_rebuilding_the_case_index_rebuilds_what_is_built_on_it(app: ZatlogApp) -> None:
    record(app, scenario_lines(P02))
    catch_up(app, today=TODAY)

    assert mine(rebuild(app, ["case_log"], today=TODAY)) == {
        "case_log": (38, 38),
        "case_state": (38, 38),
        "due": (38, 38),
    }
    assert rebuild(app, ["due"], today=TODAY) == {"due": (38, 38)}


def test_an_unknown_projection_is_named_with_the_known_ones(app: ZatlogApp) -> None:
    with pytest.raises(ZatlogError) as error:
        rebuild(app, ["nope"])

    assert str(error.value) == (
        f"unknown projection 'nope'; expected one of: {', '.join(PROJECTIONS)}"
    )


def test_a_catch_up_killed_between_two_pages_neither_skips_nor_repeats_an_event(
    app: ZatlogApp, db: str
) -> None:
    record(app, many_cases(200))
    end = app.last_position()
    process = subprocess.Popen(
        [sys.executable, "-c", CATCH_UP, db, "10", "400", TODAY.isoformat()],
        stderr=subprocess.PIPE,
    )
    location = resolve(db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        positions = status(location)
        if positions["due"][0] > 0 and positions["case_log"][0] < end // 2:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""
    killed = status(location)
    assert 0 < killed["due"][0] <= killed["case_log"][0] < end
    committed = [row[0] for row in dump(view(app))["case_log"]]
    assert committed == [p for p in range(2, killed["case_log"][0] + 1)]

    catch_up(app, today=TODAY)
    resumed = dump(view(app))
    rebuild(app, today=TODAY)

    assert dump(view(app)) == resumed
    assert [row[0] for row in resumed["case_log"]] == list(range(2, end + 1))


def test_two_processes_catching_up_at_once_both_finish_and_agree(app: ZatlogApp, db: str) -> None:
    record(app, many_cases(60))
    end = app.last_position()

    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CATCH_UP, db, "25", "100", TODAY.isoformat()],
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for process in processes:
        process.wait(timeout=180)
        assert process.returncode == 0, process.stderr.read() if process.stderr else ""

    caught_up = dump(view(app))
    assert mine(status(resolve(db))) == {
        "case_log": (end, end),
        "case_state": (end, end),
        "due": (end, end),
    }
    rebuild(app, today=TODAY)
    assert dump(view(app)) == caught_up


def test_the_read_models_use_the_date_they_were_computed_on(app: ZatlogApp) -> None:
    record(app, scenario_lines(P02))

    catch_up(app, today=date(2025, 10, 10))

    rows = dump(view(app))
    assert rows["case_state"][0][8] == "2025-10-10"  # computed_on
    assert rows["due_case"][0][2] == "2025-10-10"


def test_case_events_from_the_application_catch_the_index_up_first(app: ZatlogApp) -> None:
    record(app, scenario_lines(P02))

    events = case_events(app, "2025-002")
    documents = school_events(app, "default")

    assert [e.position for e in events] == list(range(10, 39))
    assert events[0].name == "case_opened"
    assert [e.action.document for e in documents][:2] == ["school_guide_cvb", "school_guide_zat"]  # type: ignore[union-attr]
    assert len(documents) == 8
    assert case_events(app, "2025-999") == []
    assert status(app.location)["case_log"] == (38, 38)


def test_a_new_version_of_a_read_model_is_built_afresh_under_its_own_key(
    app: ZatlogApp, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zatlog.projections.due import DueProjection

    record(app, scenario_lines(P02))
    catch_up(app, today=TODAY)
    before = dump(view(app))
    with view(app).writing() as writer:
        writer.execute(
            "INSERT INTO {t}due_item VALUES (?, ?, ?, ?, ?, ?, ?)",
            ("stale", "default", "invite", "2020-01-01", "[]", "oud", "old"),
        )
    monkeypatch.setattr(DueProjection, "version", DueProjection.version + 1)

    assert status(resolve(db))["due"] == (0, 38)
    result = catch_up(app, today=TODAY)

    assert result["due"] == (38, 38)
    key = f"zatlog/due/v{DueProjection.version}"
    assert view(app).positions([key]) == {key: 38}
    assert dump(view(app)) == before
