"""`zatlog audit` through the CLI on a real store: the contract of docs/json-contracts.md."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from scenario_files import SCENARIOS

from zatlog.cli.main import cli

SCENARIO_NAMES = sorted(p.stem for p in SCENARIOS.glob("*.jsonl"))


def _run(db: str, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--db", db, *args])


def _toml(policy: dict[str, Any]) -> str:
    lines, tables = [], []
    for key, value in policy.items():
        if isinstance(value, dict):
            for form, bounds in value.items():
                body = "\n".join(f"{k} = {v}" for k, v in bounds.items())
                tables.append(f"[{key}.{form}]\n{body}")
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join([*lines, *tables]) + "\n"


@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_scenario_gives_exactly_its_expected_findings(name: str, db: str, tmp_path: Path) -> None:
    expected = json.loads((SCENARIOS / f"{name}.expected.json").read_text())
    imported = _run(db, "import", "--history", str(SCENARIOS / f"{name}.jsonl"))
    assert imported.exit_code == 0, imported.output
    args = ["audit", "--format", "json", "--as-of", expected["as_of"]]
    if expected.get("policy"):
        policy = tmp_path / "policy.toml"
        policy.write_text(_toml(expected["policy"]))
        args += ["--policy", str(policy)]
    result = _run(db, *args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    got = {(f["rule"], f["case"], f["severity"]) for f in report["findings"]}
    assert got == {tuple(f) for f in expected["findings"]}
    assert report["as_of"] == expected["as_of"]
    assert report["cases"] == 1
    for finding in report["findings"]:
        assert set(finding) == {"rule", "severity", "case", "subject", "evidence", "message"}
        assert set(finding["subject"]) == {"action", "at", "recorded_at", "position"}
        assert finding["evidence"], f"{finding['rule']} names no evidence"
        assert finding["message"]["nl"] and finding["message"]["en"]
    assert sum(report["summary"]["by_rule"].values()) == len(report["findings"])


@pytest.fixture
def p17(sqlite_db: str) -> str:
    result = _run(
        sqlite_db, "import", "--history", str(SCENARIOS / "p17_seventeen_refuses_mother.jsonl")
    )
    assert result.exit_code == 0, result.output
    return sqlite_db


def _names() -> list[str]:
    lines = (SCENARIOS / "p17_seventeen_refuses_mother.jsonl").read_text().splitlines()
    names = []
    for line in map(json.loads, filter(str.strip, lines)):
        names += [line[k] for k in ("pupil_name", "name") if k in line]
    return names


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "html"])
def test_no_names_appear_in_any_format(p17: str, fmt: str) -> None:
    result = _run(p17, "audit", "--as-of", "2026-01-31", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "2025-017" in result.output
    for name in _names():
        for part in name.split():
            assert part not in result.output, f"{part!r} leaked into the {fmt} audit"


def test_fail_on_exits_3_when_a_finding_at_or_above_exists(p17: str) -> None:
    critical = _run(p17, "audit", "--as-of", "2026-01-31", "--fail-on", "major")
    assert critical.exit_code == 3
    clean = _run(p17, "audit", "--as-of", "2025-01-01", "--fail-on", "minor")
    assert clean.exit_code == 0, clean.output


def test_pseudonymize_replaces_case_references_stably(p17: str, tmp_path: Path) -> None:
    key = tmp_path / "audit.key"
    key.write_bytes(b"a secret shared with nobody outside the school")
    args = ["audit", "--as-of", "2026-01-31", "--format", "json", "--pseudonymize", str(key)]
    first, second = _run(p17, *args), _run(p17, *args)
    assert first.exit_code == 0, first.output
    assert "2025-017" not in first.output
    cases = {f["case"] for f in json.loads(first.output)["findings"]}
    assert len(cases) == 1 and cases == {f["case"] for f in json.loads(second.output)["findings"]}


def test_csv_has_a_row_per_finding(p17: str) -> None:
    result = _run(p17, "audit", "--as-of", "2026-01-31", "--format", "csv")
    comment, _, table = result.output.partition("\n")
    assert comment.startswith("# log_digest: zl1-")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert sorted(r["rule"] for r in rows) == ["A16", "D1"]


def test_output_writes_a_file_and_the_html_is_self_contained(p17: str, tmp_path: Path) -> None:
    target = tmp_path / "audit.html"
    result = _run(p17, "audit", "--as-of", "2026-01-31", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text()
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "<svg" in html
    for external in ('src="http', 'href="http', "url(http", "@import", "<script", "<link"):
        assert external not in html


def test_from_and_to_keep_findings_by_their_subjects_date(p17: str) -> None:
    everything = json.loads(_run(p17, "audit", "--as-of", "2026-01-31", "--format", "json").output)
    days = sorted({f["subject"]["at"] for f in everything["findings"]})
    late = _run(p17, "audit", "--as-of", "2026-01-31", "--format", "json", "--from", days[-1])
    kept = json.loads(late.output)["findings"]
    assert kept and all(f["subject"]["at"] >= days[-1] for f in kept)


def test_a_bad_policy_file_is_a_clear_error(p17: str, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("invite_lead_days = 'a week'\n")
    result = _run(p17, "audit", "--policy", str(policy))
    assert result.exit_code == 1
    assert "invite_lead_days" in result.output
    assert "Traceback" not in result.output
