"""Encryption at rest: `zatlog init --encrypt` keeps names out of the stored bytes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from zatlog.cli.main import cli


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("ZATLOG_CIPHER_KEY", raising=False)
    return tmp_path / "config"


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _stored_bytes(db: Path) -> bytes:
    with sqlite3.connect(db) as conn:
        return b"".join(row[0] for row in conn.execute("SELECT state FROM stored_events"))


def test_an_encrypted_log_stores_no_readable_names_and_reads_back(
    tmp_path: Path, scenarios: Path, config_home: Path
) -> None:
    db = tmp_path / "enc.db"
    output = _run("--db", str(db), "init", "--encrypt")
    key_files = list((config_home / "zatlog" / "keys").glob("*.key"))
    assert len(key_files) == 1
    assert oct(key_files[0].stat().st_mode & 0o777) == "0o600"
    assert f"encryption key created: {key_files[0]}" in output
    assert f"database ready: {db} (sqlite, encrypted)" in output
    _run("--db", str(db), "import", str(scenarios / "p01_compliant.jsonl"))
    stored = _stored_bytes(db)
    assert b"Jansen" not in stored and b"mother" not in stored
    assert '"pupil_name": "Sem Jansen"' in _run("--db", str(db), "export-log")


def test_a_plain_log_stores_json_and_says_it_is_not_encrypted(
    tmp_path: Path, scenarios: Path
) -> None:
    db = tmp_path / "plain.db"
    assert _run("--db", str(db), "init") == f"database ready: {db} (sqlite, not encrypted)\n"
    _run("--db", str(db), "import", str(scenarios / "p01_compliant.jsonl"))
    assert b"Jansen" in _stored_bytes(db)


def test_reading_without_the_key_is_a_clear_error(
    tmp_path: Path, scenarios: Path, config_home: Path
) -> None:
    db = tmp_path / "enc.db"
    _run("--db", str(db), "init", "--encrypt")
    _run("--db", str(db), "import", str(scenarios / "p01_compliant.jsonl"))
    for key in (config_home / "zatlog" / "keys").glob("*.key"):
        key.unlink()
    result = CliRunner().invoke(cli, ["--db", str(db), "export-log"])
    assert result.exit_code == 1
    assert "it was written with another encryption key, or without one" in result.output
    assert "Traceback" not in result.output


def test_encryption_is_refused_for_a_log_that_already_has_actions(
    tmp_path: Path, scenarios: Path
) -> None:
    db = tmp_path / "plain.db"
    _run("--db", str(db), "import", str(scenarios / "p01_compliant.jsonl"))
    result = CliRunner().invoke(cli, ["--db", str(db), "init", "--encrypt"])
    assert result.exit_code == 1
    assert "already holds an unencrypted log" in result.output
