"""A stored finding whose evidence is a school event (a document published later) reads back."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from zatlog.cli.main import cli


def test_a_finding_citing_a_school_document_is_served_from_the_read_model(
    db: str, scenarios: Path, tmp_path: Path
) -> None:
    lines = [json.loads(x) for x in (scenarios / "p01_compliant.jsonl").read_text().splitlines()]
    for line in lines:
        if line["action"] == "school_document_published":
            line["at"] = "2026-06-01"  # published after the case's discussions
    log = tmp_path / "late-documents.jsonl"
    log.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "import", str(log)]).exit_code == 0
    for _ in range(2):  # computed, then served from the stored findings
        result = runner.invoke(cli, ["--db", db, "audit", "--format", "json"])
        assert result.exit_code == 0, result.output
        evidence = [
            e["action"] for f in json.loads(result.stdout)["findings"] for e in f["evidence"]
        ]
        assert "school_document_published" in evidence
