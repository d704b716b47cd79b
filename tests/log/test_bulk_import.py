"""The bulk import path records exactly what recording the same actions one at a time records.

An import writes its whole batch at once (one ``executemany`` on SQLite, one statement on
PostgreSQL), asks the store once which of the cases it opens exist, and maps each event
once. With the recording clock fixed, the stored events, their chain and the log's digest
must be the very same as those of the slow path: one action per transaction, every case
looked up in the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from eventsourcing import domain

from zatlog.actions import parse_action_json
from zatlog.application import ZatlogApp
from zatlog.chain import ChainingMapper
from zatlog.chain_store import ChainRow
from zatlog.cli.main import cli
from zatlog.importer import import_lines
from zatlog.storage import resolve
from zatlog.verify import log_digest, verify

SCENARIOS = ("p01_compliant.jsonl", "p06_safety_override_with_deferral.jsonl")
RECORDED_AT = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every event recorded at the same moment, so that two logs can be the same byte for byte."""
    monkeypatch.setattr(domain, "datetime_now_with_tzinfo", lambda: RECORDED_AT)


def scenario_lines(scenarios: Path) -> list[bytes]:
    lines: list[bytes] = []
    for name in SCENARIOS:
        lines += [x for x in (scenarios / name).read_bytes().splitlines() if x.strip()]
    return lines


def stored(app: ZatlogApp) -> tuple[list[tuple[str, int, int, str, bytes]], list[ChainRow]]:
    """Every stored event (its plain state) and every chain row, ordered by aggregate, version."""
    mapper = app.mapper
    assert isinstance(mapper, ChainingMapper)
    with app.recorder.snapshot() as snapshot:  # type: ignore[attr-defined]
        events = [
            (e.key, e.version, e.position, e.topic, mapper.plain_state(e.state))
            for e in snapshot.events
        ]
        chain = list(snapshot.chain)
    return events, chain


@pytest.fixture
def apps(db: str, tmp_path: Path) -> Iterator[tuple[ZatlogApp, ZatlogApp]]:
    """The bulk path on each backend; the slow path in a SQLite file (a chain and a digest
    do not depend on the backend)."""
    bulk, slow = ZatlogApp(resolve(db)), ZatlogApp(resolve(str(tmp_path / "slow.db")))
    try:
        yield bulk, slow
    finally:
        bulk.close()
        slow.close()


@pytest.mark.usefixtures("fixed_clock")
def test_a_bulk_import_stores_what_one_action_at_a_time_stores(
    apps: tuple[ZatlogApp, ZatlogApp], scenarios: Path
) -> None:
    bulk, slow = apps
    lines = scenario_lines(scenarios)
    half = len(lines) // 2
    # Two imports: the second continues cases the first opened (their previous links are
    # read from the store) and opens new ones (no lookup).
    assert import_lines(bulk, lines[:half], default_actor="ib") == half
    assert import_lines(bulk, lines[half:], default_actor="ib") == len(lines) - half
    for line in lines:
        action = parse_action_json(line)
        assert slow.record([(action, action.by or "ib")]) == 1

    bulk_events, bulk_chain = stored(bulk)
    slow_events, slow_chain = stored(slow)
    assert len(bulk_events) == len(lines) + 1  # and the school's registration
    assert [e[2] for e in sorted(bulk_events, key=lambda e: e[2])] == list(
        range(1, len(bulk_events) + 1)
    )
    assert bulk_events == slow_events
    assert bulk_chain == slow_chain
    digest = log_digest(bulk)
    assert digest == log_digest(slow)
    checked = verify(bulk, against=log_digest(slow))
    assert checked.intact and checked.against_holds
    assert checked.events == len(bulk_events)


def test_a_bulk_import_reads_back_as_recorded_and_verifies(db: str, scenarios: Path) -> None:
    lines = scenario_lines(scenarios)
    app = ZatlogApp(resolve(db))
    try:
        import_lines(app, lines, default_actor="ib")
        logged = list(app.logged_actions())
        given = [parse_action_json(line) for line in lines]
        assert [(x.actor, x.action) for x in logged] == [
            (a.by or "ib", a.model_copy(update={"by": None})) for a in given
        ]
        assert [x.position for x in logged] == sorted(x.position for x in logged)
        assert verify(app).intact
    finally:
        app.close()
    result = CliRunner().invoke(cli, ["--db", db, "verify"])
    assert result.exit_code == 0, result.output


def test_opening_a_case_the_log_holds_is_refused_in_a_bulk_import(
    db: str, scenarios: Path, tmp_path: Path
) -> None:
    lines = scenario_lines(scenarios)
    opened = next(x for x in lines if json.loads(x)["action"] == "case_opened")
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"\n".join(lines) + b"\n")
    again = tmp_path / "again.jsonl"
    other = json.loads(opened) | {"case": "other-case"}
    again.write_text(json.dumps(other) + "\n" + opened.decode() + "\n", encoding="utf-8")

    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "import", str(first)]).exit_code == 0
    before = runner.invoke(cli, ["--db", db, "digest"]).output
    result = runner.invoke(cli, ["--db", db, "import", str(again)])
    assert result.exit_code == 1
    case = json.loads(opened)["case"]
    assert f"regel 2: case: dossier {case} is al geopend" in result.output
    assert runner.invoke(cli, ["--db", db, "digest"]).output == before
    listed = runner.invoke(cli, ["--db", db, "case", "list", "--format", "json"]).output
    assert "other-case" not in listed
