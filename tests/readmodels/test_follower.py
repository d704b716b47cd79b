"""`zatlog projections follow`: one follower keeps a PostgreSQL log's read models current.

Real PostgreSQL only (a schema of ZATLOG_TEST_POSTGRES per test); skipped without it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import psycopg
import pytest
from click.testing import CliRunner
from readmodel_stores import dump, many_cases, open_app, record, scenario_lines, view

from zatlog.application import ZatlogApp
from zatlog.cli.main import cli
from zatlog.projections.follower import Follower, lock_name
from zatlog.projections.runner import rebuild, status
from zatlog.storage import resolve

P02 = "p02_late_invite_absent_parents"
LINES = scenario_lines(P02)
FOLLOWER = [sys.executable, "-m", "zatlog"]


def schema_of(db: str) -> str:
    return resolve(db).settings["POSTGRES_SCHEMA"]


def positions(db: str) -> dict[str, int]:
    return {name: position for name, (position, _) in status(resolve(db)).items()}


def wait_until(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class Said:
    """What the follower says, by message key, as it goes (thread-safe enough: appends)."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, dict[str, object]]] = []
        self.stop = threading.Event()

    def __call__(self, key: str, **fields: object) -> None:
        self.lines.append((key, fields))

    def keys_said(self) -> list[str]:
        return [key for key, _ in self.lines]


@contextmanager
def running_follower(db: str) -> Iterator[Said]:
    """A follower of ``db`` in a thread of its own, with its own application (and pool);
    stopped (``said.stop``), and found stopped, on leaving."""
    app = open_app(db)
    said = Said()
    thread = threading.Thread(target=Follower(app, said.stop, said).run)
    thread.start()
    try:
        yield said
    finally:
        said.stop.set()
        thread.join(timeout=30)
        app.close()
    assert not thread.is_alive()


@pytest.fixture
def writer(pg_db: str) -> Iterator[ZatlogApp]:
    """A writer of ``pg_db`` that recorded the first ten lines of a scenario (11 events)."""
    app = open_app(pg_db)
    record(app, LINES[:10])
    yield app
    app.close()


def test_a_follower_keeps_every_read_model_current_as_writers_record(
    pg_db: str, writer: ZatlogApp
) -> None:
    with running_follower(pg_db) as said:
        wait_until(lambda: min(positions(pg_db).values()) == 11)
        record(writer, LINES[10:20])
        record(writer, LINES[20:])
        wait_until(lambda: min(positions(pg_db).values()) == 38)

    assert set(positions(pg_db).values()) == {38}
    assert said.keys_said()[0] == "follow_started"
    assert said.lines[1] == ("follow_at", {"position": 11})
    assert said.lines[-1] == ("follow_stopped_at", {"position": 38})
    # What it built equals a rebuild from the log.
    built = dump(view(writer))
    rebuild(writer, workers=1)  # both as of today
    assert dump(view(writer)) == built


def test_while_a_follower_holds_its_lock_reads_do_not_catch_up_and_say_how_far_behind(
    pg_db: str, pg_admin: str, writer: ZatlogApp
) -> None:
    assert CliRunner().invoke(cli, ["--db", pg_db, "case", "list"]).exit_code == 0  # caught up
    with psycopg.connect(pg_admin, autocommit=True) as follower:
        # What `projections follow` holds while it runs, on its listening connection.
        follower.execute("SELECT pg_advisory_lock(hashtext(%s))", (lock_name(schema_of(pg_db)),))
        record(writer, LINES[10:])  # 27 more events; the write does not catch up either

        dutch = CliRunner().invoke(cli, ["--db", pg_db, "case", "list"])
        english = CliRunner().invoke(
            cli, ["--db", pg_db, "case", "show", "2025-002", "--lang", "en"]
        )
        held = positions(pg_db)
        status_said = CliRunner().invoke(cli, ["--db", pg_db, "projections", "status"])
        doctor_said = CliRunner().invoke(cli, ["--db", pg_db, "doctor"])
    after = CliRunner().invoke(cli, ["--db", pg_db, "case", "list"])

    assert set(held.values()) == {11}
    assert dutch.exit_code == 0, dutch.output
    assert dutch.stderr == (
        "let op: de leesmodellen lopen 27 gebeurtenissen achter op het log; de volger "
        "(zatlog projections follow) werkt ze bij\n"
    )
    assert english.exit_code == 0, english.output
    assert english.stderr == (
        "note: the read models are 27 events behind the log; the follower "
        "(zatlog projections follow) is catching up\n"
    )
    assert status_said.stdout.splitlines()[-1] == (
        "een volger (zatlog projections follow) houdt ze bij"
    )
    assert (
        "27 gebeurtenissen achter; de volger (zatlog projections follow) werkt ze bij"
        in doctor_said.stdout
    )
    # The follower gone (its connection closed), reads catch up themselves again.
    assert after.exit_code == 0 and after.stderr == ""
    assert set(positions(pg_db).values()) == {38}


def test_a_second_follower_waits_and_takes_over_when_the_first_stops(
    pg_db: str, writer: ZatlogApp
) -> None:
    with ExitStack() as second_running:
        with running_follower(pg_db) as first:
            wait_until(lambda: "follow_at" in first.keys_said())
            second = second_running.enter_context(running_follower(pg_db))
            wait_until(lambda: "follow_waiting" in second.keys_said())
        wait_until(lambda: "follow_started" in second.keys_said())  # the first stopped
        record(writer, LINES[10:])
        wait_until(lambda: min(positions(pg_db).values()) == 38)

    assert second.keys_said()[:2] == ["follow_waiting", "follow_started"]
    assert second.lines[-1] == ("follow_stopped_at", {"position": 38})


def test_a_follower_reconnects_after_its_connections_are_terminated(
    pg_db: str, pg_admin: str, writer: ZatlogApp
) -> None:
    with running_follower(pg_db) as said:
        wait_until(lambda: "follow_at" in said.keys_said())
        holders = lock_holders(pg_admin, pg_db)
        assert len(holders) == 1
        terminate(pg_admin, holders)
        wait_until(lambda: "follow_lost" in said.keys_said())
        record(writer, LINES[10:])
        wait_until(lambda: min(positions(pg_db).values()) == 38)

    assert said.keys_said().count("follow_started") == 2
    lost = said.lines[said.keys_said().index("follow_lost")][1]
    assert lost["seconds"] == "0.5"
    assert "connection" in str(lost["reason"])  # the server's or libpq's own words
    assert said.lines[-1] == ("follow_stopped_at", {"position": 38})


def lock_holders(pg_admin: str, db: str) -> list[int]:
    """The server pids of the sessions holding the follower's lock of ``db``."""
    with psycopg.connect(pg_admin, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT l.pid FROM pg_locks l, (SELECT hashtext(%s)::bigint AS k) h "
            "WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted "
            "AND l.classid::bigint = (h.k >> 32) & 4294967295 "
            "AND l.objid::bigint = h.k & 4294967295",
            (lock_name(schema_of(db)),),
        ).fetchall()
    return [row[0] for row in rows]


def terminate(pg_admin: str, pids: list[int]) -> None:
    with psycopg.connect(pg_admin, autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_sigterm_finishes_the_page_being_read_and_exits_0(pg_db: str) -> None:
    writer = open_app(pg_db, encrypt=False)
    record(writer, list(many_cases(60)))
    end = writer.recorder.max_notification_id()
    writer.close()
    env = {**os.environ, "PYTHONSAFEPATH": "1"}
    process = subprocess.Popen(
        [*FOLLOWER, "--db", pg_db, "projections", "follow", "--page-size", "50"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        wait_until(lambda: positions(pg_db)["case_log"] > 0)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()

    reached = positions(pg_db)
    stopped = set(reached.values())
    assert process.returncode == 0, stderr
    assert len(stopped) == 1  # every read model committed up to the same page
    (position,) = stopped
    assert position % 50 == 0 or position == end
    assert stderr.splitlines()[-1] == f"gestopt; leesmodellen bij tot positie {position}"
