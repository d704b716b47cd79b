"""`tests/check_scenarios.py`: the installed CLI against a folder of scenarios, as CI runs it."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from check_scenarios import main, policy_toml
from scenario_files import SCENARIOS

LATE = "p02_late_invite_absent_parents"
CLEAN = "p01_compliant"


def copy(names: list[str], folder: Path) -> None:
    for name in names:
        for suffix in (".jsonl", ".expected.json"):
            shutil.copy(SCENARIOS / f"{name}{suffix}", folder / f"{name}{suffix}")


def rewrite_expected(folder: Path, name: str, **changes: object) -> None:
    path = folder / f"{name}.expected.json"
    expected = json.loads(path.read_text(encoding="utf-8"))
    expected.update(changes)
    path.write_text(json.dumps(expected), encoding="utf-8")


def test_scenarios_as_expected_pass_with_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy([CLEAN, LATE], tmp_path)

    status = main([str(tmp_path)])

    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert out == [
        f"ok   {CLEAN}: no findings",
        f"ok   {LATE}: 2 finding(s)",
        "2 of 2 scenarios as expected",
    ]


def test_a_difference_fails_and_names_what_is_missing_and_unexpected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy([CLEAN, LATE], tmp_path)
    rewrite_expected(
        tmp_path, LATE, findings=[["O1", "2025-002", "major"], ["G2", "2025-002", "major"]]
    )

    status = main([str(tmp_path)])

    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert out[0] == f"ok   {CLEAN}: no findings"
    assert out[1] == (
        f"FAIL {LATE}: missing ('G2', '2025-002', 'major'); unexpected ('B1', '2025-002', 'minor')"
    )


def test_the_expected_policy_overrides_are_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy([LATE], tmp_path)
    # With no lead time required, the late invitation (minor B1) is no finding.
    rewrite_expected(
        tmp_path, LATE, policy={"invite_lead_days": 0}, findings=[["O1", "2025-002", "major"]]
    )

    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"ok   {LATE}: 1 finding(s)"


def test_a_log_the_cli_refuses_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy([CLEAN], tmp_path)
    log = tmp_path / f"{CLEAN}.jsonl"
    log.write_text(log.read_text(encoding="utf-8") + '{"action": "no_such_action"}\n')

    assert main([str(tmp_path)]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"FAIL {CLEAN}: import failed: ")
    assert "onbekende action 'no_such_action'" in line


def test_an_empty_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 2
    assert "no *.jsonl scenarios" in capsys.readouterr().err


def test_policy_overrides_become_toml_with_tables_for_the_sdq_bands() -> None:
    policy = {
        "invite_lead_days": 10,
        "double_consent_12_15": False,
        "sdq_bands": {"parent": {"borderline": 13, "abnormal": 18}},
    }

    assert tomllib.loads(policy_toml(policy)) == policy
