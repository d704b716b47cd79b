"""Export then import gives the same actions; export then restore the same log (hypothesis)."""

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
from zatlog.restore import PROOF_FIELDS


def _export(db: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, "export-log"])
    assert result.exit_code == 0, result.output
    return result.output


def _import(db: str, text: str, *options: str) -> None:
    result = CliRunner().invoke(
        cli, ["--db", db, "--actor", "ib-a", "import", *options, "-"], input=text
    )
    assert result.exit_code == 0, result.output


def _actions(exported: str) -> list[dict[str, Any]]:
    """The exported lines without their proof (recording time and chain)."""
    lines = [json.loads(line) for line in exported.splitlines()]
    return [{k: v for k, v in line.items() if k not in PROOF_FIELDS} for line in lines]


def _digest(db: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, "digest"])
    assert result.exit_code == 0, result.output
    return result.output


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
        assert _actions(_export(second)) == _actions(exported)
        again = [parse_action(line) for line in _actions(exported)]
        originals = [parse_action({**line, "by": "ib-a"}) for line in log]
        assert again == originals


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=action_log())
def test_export_then_import_restore_gives_the_very_same_log(log: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = str(Path(folder) / "a.db"), str(Path(folder) / "b.db")
        _import(first, "\n".join(json.dumps(line) for line in log))
        exported = _export(first)
        _import(second, exported, "--restore")
        assert _export(second) == exported
        assert _digest(second) == _digest(first)
