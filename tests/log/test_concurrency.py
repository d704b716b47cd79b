"""Two coordinators recording on the same case at once: nothing lost, nothing doubled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from zatlog.actions import Action, parse_action
from zatlog.application import ZatlogApp
from zatlog.cli.main import cli
from zatlog.storage import resolve

WRITER = """
import sys
from zatlog.actions import parse_action
from zatlog.application import ZatlogApp
from zatlog.storage import resolve

db, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
app = ZatlogApp(resolve(db))
for n in range(count):
    action = parse_action({"action": "signal_raised", "case": "2025-017", "at": "2025-09-02",
                           "source": "teacher", "description": f"{who}-{n}"})
    app.record([(action, who)])
"""


def test_two_processes_recording_on_one_case_lose_and_double_nothing(
    db: str, tmp_path: Path
) -> None:
    opened = CliRunner().invoke(
        cli,
        [
            "--db",
            db,
            "case",
            "open",
            "--case",
            "2025-017",
            "--at",
            "2025-09-01",
            "--pupil-name",
            "Test Pupil",
            "--birth-date",
            "2012-01-01",
            "--school-type",
            "so",
        ],
    )
    assert opened.exit_code == 0, opened.output
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    writers = [
        subprocess.Popen([sys.executable, str(script), db, who, "40"], stderr=subprocess.PIPE)
        for who in ("ib-a", "ib-b")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    result = CliRunner().invoke(cli, ["--db", db, "export-log"])
    descriptions = [
        json.loads(line)["description"]
        for line in result.output.splitlines()
        if json.loads(line)["action"] == "signal_raised"
    ]
    expected = {f"{who}-{n}" for who in ("ib-a", "ib-b") for n in range(40)}
    assert sorted(descriptions) == sorted(expected)


def test_a_batch_whose_commit_answer_was_lost_is_found_in_the_log_as_itself(db: str) -> None:
    # When the server commits a batch and the connection drops before its answer, the
    # recorder's retry meets the batch itself (a version conflict); `record` then asks
    # `holds` and reports the batch recorded instead of recording it a second time.
    app = ZatlogApp(resolve(db))
    opened = parse_action(
        {"action": "case_opened", "case": "2025-017", "at": "2025-09-01",
         "pupil_name": "Test Pupil", "birth_date": "2012-01-01", "school_type": "so"}
    )  # fmt: skip
    app.record([(opened, "ib-a")])
    mine = app.events_for([(signal("ib-a"), "ib-a")])
    theirs = app.events_for([(signal("ib-b"), "ib-b")])  # the same version, made meanwhile

    app.put(mine)

    assert app.holds(mine)
    assert not app.holds(theirs)
    assert app.record([(signal("ib-b"), "ib-b")]) == 1  # theirs goes after mine, once
    descriptions = [a.action.description for a in app.logged_actions() if a.name == "signal_raised"]
    assert descriptions == ["ib-a", "ib-b"]
    app.close()


def signal(who: str) -> Action:
    return parse_action(
        {"action": "signal_raised", "case": "2025-017", "at": "2025-09-02",
         "source": "teacher", "description": who}
    )  # fmt: skip
