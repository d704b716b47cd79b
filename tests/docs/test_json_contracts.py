"""docs/json-contracts.md names every key the commands' JSON really holds (on the demo school)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from zatlog.cli.main import cli

CONTRACTS = Path(__file__).resolve().parents[2] / "docs" / "json-contracts.md"
COMMANDS = {
    "audit": ["audit", "--format", "json"],
    "due": ["due", "--format", "json"],
    "case list": ["case", "list", "--format", "json"],
    "case show": ["case", "show", "demo-002", "--format", "json"],
    "providers report": ["providers", "report", "--format", "json"],
}
FREE_MAPS = {"policy"}
"""Objects whose keys are documented elsewhere (the policy keys: docs/policy.md)."""


def keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        found = set(value)
        for key, sub in value.items():
            if key not in FREE_MAPS:
                found |= keys(sub)
        return found
    if isinstance(value, list):
        return set().union(*(keys(item) for item in value))
    return set()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("contracts") / "demo.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "demo"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_key_of_the_json_output_is_documented(demo: Path, command: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(demo), *COMMANDS[command]])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    text = CONTRACTS.read_text(encoding="utf-8")

    missing = sorted(k for k in keys(document) if f"`{k}`" not in text)

    assert not missing, (
        f"`zatlog {command} --format json` writes keys that docs/json-contracts.md does not "
        f"name: {missing}; describe them (docs/generate.py) and regenerate the docs"
    )
