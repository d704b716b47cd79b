"""The proof travels: reports name the digest; backup, restore and import --restore keep it."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from zatlog.cli.main import cli

SCENARIOS = ("p06_safety_override_with_deferral.jsonl", "p17_seventeen_refuses_mother.jsonl")
AS_OF = "2026-01-31"


def run(db: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", db, "--actor", "ib-test", *args], input=input)


def ok(db: str, *args: str, input: str | None = None) -> str:
    result = run(db, *args, input=input)
    assert result.exit_code == 0, result.output
    return result.output


def fill(db: str, scenarios: Path) -> None:
    for name in SCENARIOS:
        ok(db, "import", str(scenarios / name))


def digest(db: str) -> tuple[str, str]:
    short, full = ok(db, "digest").splitlines()
    return short, full


def audit(db: str) -> str:
    return ok(db, "audit", "--as-of", AS_OF, "--format", "json")


def test_every_audit_format_and_the_dossier_name_the_digest(db: str, scenarios: Path) -> None:
    fill(db, scenarios)
    short, full = digest(db)
    assert json.loads(audit(db))["log_digest"] == full
    assert json.loads(ok(db, "audit", "--format", "json"))["log_digest"] == full
    assert ok(db, "audit", "--format", "csv").startswith(f"# log_digest: {full}\n")
    assert f"Log-digest: {short}" in ok(db, "audit")
    assert f"Log digest: {short}" in ok(db, "audit", "--lang", "en")
    html = ok(db, "audit", "--format", "html")
    assert f"<code>{full}</code>" in html and html.rstrip().endswith("</html>")
    exported = run(
        db, "dossier", "export", "2025-006", "--for", "mother", "--format", "json", "-o", "-"
    )
    assert exported.exit_code == 0, exported.output
    document = json.loads(exported.stdout)
    assert document["log_digest"] == full  # the log it read, before its own disclosure
    page = run(
        db, "dossier", "export", "2025-006", "--for", "mother", "--format", "html", "-o", "-"
    )
    assert "Log-digest <code>zl1-" in page.stdout


def test_export_then_import_restore_keeps_digest_verify_and_audit(
    db: str, scenarios: Path, tmp_path: Path
) -> None:
    source = str(tmp_path / "source.db")
    fill(source, scenarios)
    exported = tmp_path / "log.jsonl"
    ok(source, "export-log", "--output", str(exported))
    lines = [json.loads(line) for line in exported.read_text().splitlines()]
    assert all(len(line["chain"]) == 64 and line["recorded_at"] for line in lines)
    assert sum("registered_at" in line for line in lines) == 1
    ok(db, "import", "--restore", str(exported))
    assert digest(db) == digest(source)
    assert audit(db) == audit(source)
    assert "elke schakel klopt" in ok(db, "verify")
    assert ok(db, "export-log") == exported.read_text()


def test_import_restore_refuses_a_database_that_is_not_empty(
    db: str, scenarios: Path, tmp_path: Path
) -> None:
    fill(db, scenarios)
    exported = tmp_path / "log.jsonl"
    ok(db, "export-log", "--output", str(exported))
    before = digest(db)
    result = run(db, "import", "--restore", str(exported))
    assert result.exit_code == 1
    assert "is niet leeg: --restore schrijft alleen in een lege database" in result.output
    assert digest(db) == before


def test_import_restore_refuses_an_edited_file_naming_the_line(db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    fill(source, Path(__file__).parents[1] / "scenarios")
    lines = ok(source, "export-log").splitlines()
    edited = json.loads(lines[9])
    edited["by"] = "someone-else"
    lines[9] = json.dumps(edited)
    result = run(db, "import", "--restore", "-", input="\n".join(lines))
    assert result.exit_code == 1
    assert "regel 10: chain: de teruggezette gebeurtenis zou afwijken" in result.output
    assert ok(db, "digest").startswith("zl1-0-0-")  # nothing written
    missing = json.loads(lines[0])
    del missing["chain"]
    result = run(db, "import", "--restore", "-", input=json.dumps(missing))
    assert (
        result.exit_code == 1
        and "regel 1: chain: verwacht de schakel van 64 hexadecimale tekens" in result.output
    )


def test_a_plain_import_of_an_export_records_the_actions_anew(db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    fill(source, Path(__file__).parents[1] / "scenarios")
    exported = ok(source, "export-log")
    ok(db, "import", "-", input=exported)
    again = [json.loads(line) for line in ok(db, "export-log").splitlines()]
    originals = [json.loads(line) for line in exported.splitlines()]
    assert [line["recorded_at"] for line in again] != [line["recorded_at"] for line in originals]
    strip = ("recorded_at", "chain", "registered_at")
    assert [{k: v for k, v in line.items() if k not in strip} for line in again] == [
        {k: v for k, v in line.items() if k not in strip} for line in originals
    ]


def test_backup_and_restore_keep_verify_digest_and_audit(scenarios: Path, tmp_path: Path) -> None:
    db, copy, restored = (str(tmp_path / name) for name in ("a.db", "copy.db", "b.db"))
    fill(db, scenarios)
    assert digest(db)[0] in ok(db, "backup", copy)
    output = ok(restored, "restore", copy)
    assert f"elke schakel klopt (digest {digest(db)[0]})" in output
    assert digest(restored) == digest(db)
    assert audit(restored) == audit(db)
    verified = ok(restored, "verify", "--lang", "en")
    assert verified == ok(db, "verify", "--lang", "en")


def test_backup_refuses_to_overwrite_and_restore_refuses_a_used_path(
    scenarios: Path, tmp_path: Path
) -> None:
    db, copy = str(tmp_path / "a.db"), str(tmp_path / "copy.db")
    fill(db, scenarios)
    ok(db, "backup", copy)
    refused = run(db, "backup", copy)
    assert (
        refused.exit_code == 1
        and "bestaat al: een reservekopie overschrijft nooit" in refused.output
    )
    used = run(db, "restore", copy)
    assert used.exit_code == 1 and "is niet leeg: zet alleen terug in een nieuw pad" in used.output
    other = tmp_path / "notes.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (x)").connection.commit()
    foreign = run(str(tmp_path / "new.db"), "restore", str(other))
    assert foreign.exit_code == 1 and "is geen zatlog-database" in foreign.output
    assert not (tmp_path / "new.db").exists()


def test_a_backup_taken_while_another_writer_records_is_whole(
    scenarios: Path, tmp_path: Path
) -> None:
    db, copy, restored = (str(tmp_path / name) for name in ("a.db", "copy.db", "b.db"))
    fill(db, scenarios)
    done = threading.Event()

    def write() -> None:
        # CliRunner swaps sys.stdout, so the second writer goes through the application.
        from zatlog.actions import parse_action
        from zatlog.application import ZatlogApp
        from zatlog.storage import resolve

        app = ZatlogApp(resolve(db))
        try:
            for n in range(40):
                signal = {
                    "action": "signal_raised",
                    "case": "2025-006",
                    "at": "2025-12-01",
                    "source": "teacher",
                    "description": f"signal {n}",
                }
                app.record([(parse_action(signal), "ib-b")])
        finally:
            app.close()
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    ok(db, "backup", copy)
    writer.join(timeout=300)
    assert done.is_set()
    assert "elke schakel klopt" in ok(restored, "restore", copy)
    assert "every link holds" in ok(db, "verify", "--lang", "en")


def test_backup_and_restore_point_postgresql_to_its_own_tools(db: str, tmp_path: Path) -> None:
    if not db.startswith("postgres"):
        pytest.skip("PostgreSQL only")
    for command in ("backup", "restore"):
        target = tmp_path / "file.db"
        target.write_bytes(b"")
        result = run(db, command, str(target))
        assert result.exit_code == 1
        assert "pg_dump --format=custom" in result.output and "pg_restore" in result.output


def test_an_encrypted_log_verifies_and_a_flipped_bit_is_damage(
    scenarios: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    monkeypatch.setenv("ZATLOG_CIPHER_KEY", AESCipher.create_key(32))
    db = str(tmp_path / "enc.db")
    fill(db, scenarios)
    assert "elke schakel klopt" in ok(db, "verify")
    exported = ok(db, "export-log")
    restored = str(tmp_path / "restored.db")
    ok(restored, "import", "--restore", "-", input=exported)
    assert digest(restored) == digest(db)  # a new nonce per event, the same chain
    with sqlite3.connect(db) as conn:
        for trigger in ("stored_events_no_update",):
            conn.execute(f"DROP TRIGGER {trigger}")
        position, state = conn.execute(
            "SELECT rowid, state FROM stored_events ORDER BY rowid LIMIT 1 OFFSET 7"
        ).fetchone()
        flipped = bytearray(state)
        flipped[len(flipped) // 2] ^= 0x01
        conn.execute(
            "UPDATE stored_events SET state = ? WHERE rowid = ?", (bytes(flipped), position)
        )
    conn.close()
    result = run(db, "verify", "--lang", "en")
    assert result.exit_code == 1
    assert f"position {position}: damaged: this event can no longer be read" in result.output


def test_verify_without_the_key_says_so_rather_than_damage(
    scenarios: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    db = str(tmp_path / "enc.db")
    monkeypatch.setenv("ZATLOG_CIPHER_KEY", AESCipher.create_key(32))
    fill(db, scenarios)
    monkeypatch.setenv("ZATLOG_CIPHER_KEY", AESCipher.create_key(32))
    result = run(db, "verify")
    assert result.exit_code == 1
    assert "ZATLOG_CIPHER_KEY bevat een andere sleutel" in result.output
