"""The follower's soak test: 8 writer processes and a follower on a real PostgreSQL.

While the writers record, the follower is killed with SIGKILL in the middle of its
work and started again, and the server goes away once: restarted for real when
ZATLOG_SOAK_RESTART_PG=1 (CI), otherwise every connection of this test is
terminated (other engineers share the development server). Then no event is lost
or doubled, the read models index every position of the log once, they equal a
fresh rebuild, and SIGTERM stops the follower with exit status 0.

Bounded: the writers stop once the log has grown past each stage; about a minute.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from eventsourcing.persistence import PersistenceError
from readmodel_stores import dump, open_app, record, scenario_lines, view

from zatlog.application import ZatlogApp
from zatlog.errors import StorageError
from zatlog.projections.runner import rebuild, status
from zatlog.storage import resolve

WRITERS = 8
PAUSE = 1.0
"""Seconds a writer waits between two batches (of 14 and 15 events): the follower keeps up."""
PAGE = 100
"""The follower's page size: small, so that it is killed in the middle of its work."""
STAGES = (300, 700, 1200)
"""Log positions: kill the follower after the first, restart the server after the second,
stop the writers after the third."""
DEADLINE = 240.0
"""Seconds after which the test fails rather than waits on."""
WRITER = Path(__file__).with_name("soak_writer.py")
ZATLOG = [sys.executable, "-m", "zatlog", "--db"]
P02 = "p02_late_invite_absent_parents"


def test_followed_by_a_killed_follower_through_a_server_restart_no_event_is_lost_or_doubled(
    pg_db: str, pg_admin: str, tmp_path: Path
) -> None:
    lines = scenario_lines(P02)
    app = open_app(pg_db)
    record(app, [line for line in lines if "case" not in line])  # the school's documents
    template = tmp_path / "case.json"
    template.write_text(json.dumps([line for line in lines if "case" in line]), encoding="utf-8")
    stop_file = tmp_path / "stop"
    name = f"zatlog-soak-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PGAPPNAME": name}  # libpq names every connection of the test's own
    log_end = app.last_position
    follow = [*ZATLOG, pg_db, "projections", "follow", "--page-size", str(PAGE)]

    with Processes() as running:
        writers = [
            running.start(
                [
                    sys.executable,
                    str(WRITER),
                    pg_db,
                    str(n),
                    str(template),
                    str(tmp_path / f"w{n}"),
                    str(stop_file),
                    str(PAUSE),
                ],
                env,
                tmp_path / f"w{n}.err",
            )
            for n in range(WRITERS)
        ]
        follower = running.start(follow, env, tmp_path / "follower-1.err")
        wait_until(lambda: log_end() >= STAGES[0] and 0 < tracked(pg_db) < log_end())
        follower.kill()  # SIGKILL, with pages read but not committed
        follower.wait()
        killed_at = tracked(pg_db)
        follower = running.start(follow, env, tmp_path / "follower-2.err")

        wait_until(lambda: log_end() >= STAGES[1] and tracked(pg_db) > killed_at)  # following
        server_gone(pg_admin, name)

        wait_until(lambda: log_end() >= STAGES[2])
        stop_file.touch()
        for number, writer in enumerate(writers):
            assert writer.wait(timeout=DEADLINE) == 0, (tmp_path / f"w{number}.err").read_text()
        end = log_end()
        wait_until(lambda: tracked(pg_db) == end)
        follower.send_signal(signal.SIGTERM)
        code = follower.wait(timeout=DEADLINE)
    said = (tmp_path / "follower-2.err").read_text(encoding="utf-8")

    # SIGTERM: the follower finished and said where it stopped; exit status 0.
    assert code == 0, said
    assert said.splitlines()[-1] == f"gestopt; leesmodellen bij tot positie {end}"
    assert "verbinding met de database verloren" in said
    assert 0 < killed_at < end

    # Every acknowledged batch is in the log exactly once, and nothing else is.
    app.close()
    app = open_app(pg_db)
    logged = list(app.logged_actions())
    expected = acknowledged(tmp_path, [line["action"] for line in json.loads(template.read_text())])
    found: dict[str, list[str]] = defaultdict(list)
    for action in logged:
        if action.case is not None:
            found[action.case].append(action.name)
    assert dict(found) == expected
    assert sum(len(names) for names in expected.values()) > STAGES[2] - 10  # all that was written

    # The read models index every position of the log once, and are at its end.
    positions = [action.position for action in logged]
    assert positions == sorted(set(positions))
    indexed = [row[0] for row in view(app).fetchall("SELECT position FROM {t}case_log")]
    assert Counter(indexed) == Counter(positions)
    assert {position for position, _ in status(resolve(pg_db)).values()} == {end}

    # They equal a rebuild from the log (as of the same day).
    built = everything(app)
    rebuild(app, workers=1)
    assert everything(app) == built
    app.close()


def acknowledged(folder: Path, template: list[str]) -> dict[str, list[str]]:
    """Each case the writers were told was recorded, with the actions of its batches."""
    half = len(template) // 2
    batches = (template[:half], template[half:])
    cases: dict[str, list[str]] = defaultdict(list)
    for number in range(WRITERS):
        for line in (folder / f"w{number}").read_text(encoding="utf-8").splitlines():
            ref, batch = line.split()
            cases[ref].extend(batches[int(batch)])
    return dict(cases)


def everything(app: ZatlogApp) -> dict[str, Any]:
    """Every read-model table, the audit findings included, in a fixed order."""
    tables: dict[str, Any] = dump(view(app))
    rows = view(app).fetchall("SELECT * FROM {t}findings ORDER BY case_ref")
    tables["findings"] = [
        tuple(view(app).unseal(v) if isinstance(v, bytes | memoryview) else v for v in row)
        for row in rows
    ]
    return tables


def tracked(db: str) -> int:
    """How far all the read models have been committed."""
    return min(position for position, _ in status(resolve(db)).values())


def server_gone(admin: str, name: str) -> None:
    """The server restarts (ZATLOG_SOAK_RESTART_PG=1), or drops every connection of the test."""
    if os.environ.get("ZATLOG_SOAK_RESTART_PG") == "1":
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
            check=True,
            capture_output=True,
        )
        return
    with psycopg.connect(admin, autocommit=True) as connection:
        dropped = connection.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s",
            (name,),
        ).fetchone()
    assert dropped is not None and dropped[0] > WRITERS  # the writers' and the follower's


def wait_until(condition: Callable[[], bool]) -> None:
    """Until ``condition()`` holds; while the server is away it does not."""
    deadline = time.monotonic() + DEADLINE
    while True:
        try:
            if condition():
                return
        except (StorageError, PersistenceError, psycopg.Error):
            pass
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


class Processes:
    """The test's processes, each with its standard error in a file; whatever is still
    running when the test ends (failing half-way) is killed."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(
        self, command: list[str], env: dict[str, str], errors: Path
    ) -> subprocess.Popen[bytes]:
        with open(errors, "wb") as out:
            process = subprocess.Popen(command, env=env, stderr=out)
        self.processes.append(process)
        return process

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()
