"""Import then export of the log gives the same actions (hypothesis)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from strategies import action_log

from zatlog.actions import parse_action
from zatlog.cli.main import cli


def _export(db: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, "export-log"])
    assert result.exit_code == 0, result.output
    return result.output


def _import(db: str, text: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "--actor", "ib-a", "import", "-"], input=text)
    assert result.exit_code == 0, result.output


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=action_log())
def test_export_then_import_into_an_empty_database_gives_the_same_actions(
    log: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = str(Path(folder) / "a.db"), str(Path(folder) / "b.db")
        _import(first, "\n".join(json.dumps(line) for line in log))
        exported = _export(first)
        _import(second, exported)
        assert _export(second) == exported
        again = [parse_action(json.loads(line)) for line in exported.splitlines()]
        originals = [parse_action({**line, "by": "ib-a"}) for line in log]
        assert again == originals
