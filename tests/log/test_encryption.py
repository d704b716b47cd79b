"""Encryption at rest: a new database is encrypted by default, records which key it needs
(by id), finds it wherever it lives, refuses every read and write without it, and leaks
nothing personal into any file."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result
from raw_store import connect, event_count, is_postgres, stored_bytes

from zatlog.cli.main import cli

SCENARIO = "p02_late_invite_absent_parents.jsonl"
"""A scenario with names, free text, a meeting and consent (every read model gets rows)."""

READS = [
    ["case", "list"],
    ["case", "show", "2025-002"],
    ["case", "timeline", "2025-002"],
    ["due", "--as-of", "2025-10-01"],
    ["audit", "--as-of", "2025-12-01"],
    ["dossier", "export", "2025-002", "--for", "mother", "--format", "json", "-o", "{out}"],
]


def invoke(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, "--lang", "en", *args])


def run(db: str, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def personal_texts(scenario: Path) -> set[bytes]:
    """Every name and every free text of a scenario (strings with a space), and each
    word of a name: what must not be readable in any stored byte."""
    found: set[bytes] = set()
    for line in scenario.read_text(encoding="utf-8").splitlines():
        for key, value in json.loads(line).items():
            if not isinstance(value, str) or " " not in value:
                continue
            found.add(value.encode())
            if key in ("pupil_name", "name"):
                found.update(word.encode() for word in value.split() if len(word) > 3)
    assert len(found) > 10
    return found


@pytest.fixture
def db(no_db: str) -> str:
    """Nothing there yet: these tests create the database (and its key) themselves."""
    return no_db


@pytest.fixture(autouse=True)
def no_keys_yet(config_home: Path) -> None:
    """Start without the keys of other modules' databases: these tests count keys."""
    shutil.rmtree(config_home / "zatlog" / "keys", ignore_errors=True)


def keys_in(config_home: Path) -> list[Path]:
    return sorted((config_home / "zatlog" / "keys").glob("*.key"))


def test_a_new_database_is_encrypted_with_a_key_kept_apart_from_the_data(
    db: str, config_home: Path, tmp_path: Path
) -> None:
    output = run(db, "init")

    [key] = keys_in(config_home)
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert oct(key.parent.stat().st_mode & 0o777) == "0o700"
    assert list(tmp_path.rglob("*.key")) == []  # never beside the data
    assert f"encryption key created: {key}" in output
    kind = "postgres" if is_postgres(db) else "sqlite"
    assert f"({kind}, encrypted, key id {key.stem})" in output
    # The database names its key by id, never the key itself.
    assert key.read_text().strip().encode() not in stored_bytes(db)
    assert key.stem.encode() in stored_bytes(db)


def test_nothing_personal_is_readable_in_any_stored_byte_or_temporary_file(
    db: str, scenarios: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    output = run(db, "import", str(scenarios / SCENARIO))
    assert "encryption key created" in output
    exported = tmp_path / "out" / "dossier.json"
    exported.parent.mkdir()
    shown = "".join(
        run(db, *[arg.replace("{out}", str(exported)) for arg in read]) for read in READS
    )
    run(db, "projections", "rebuild")

    assert "Sem Jansen" in shown and "Sem Jansen" in exported.read_text()  # it reads back
    raw = stored_bytes(db) + b"".join(f.read_bytes() for f in temporary.rglob("*") if f.is_file())
    leaked = sorted(text for text in personal_texts(scenarios / SCENARIO) if text in raw)
    assert leaked == []


def test_a_copied_file_or_another_spelling_of_the_url_finds_its_key(
    db: str, scenarios: Path, tmp_path: Path
) -> None:
    run(db, "import", str(scenarios / SCENARIO))
    expected = run(db, "export-log")
    if is_postgres(db):
        parts = urlsplit(db)
        assert parts.port == 5432, "the test database URL names its port"
        other = parts._replace(netloc=parts.netloc.replace(":5432", "")).geturl()
    else:
        other = str(tmp_path / "moved" / "copy.db")
        Path(other).parent.mkdir()
        run(db, "projections", "status")  # a clean close: the WAL is checkpointed
        shutil.copy(db, other)

    assert run(other, "export-log") == expected
    assert "encrypted, key id" in run(other, "init")
    run(other, "import", str(scenarios / "p01_compliant.jsonl"))
    assert b"Sem Jansen" not in stored_bytes(other)


def test_without_its_key_every_read_and_write_is_refused_in_one_line(
    db: str, scenarios: Path, config_home: Path
) -> None:
    run(db, "import", str(scenarios / SCENARIO))
    [key] = keys_in(config_home)
    key.rename(key.with_suffix(".away"))
    before = event_count(db), stored_bytes(db)

    for args in (
        ["export-log"],
        ["case", "list"],
        ["import", str(scenarios / "p01_compliant.jsonl")],
    ):
        result = invoke(db, *args)
        assert result.exit_code == 1
        assert result.output == (
            f"Error: this database is encrypted and needs the key with id {key.stem}; "
            f"it is not in ZATLOG_CIPHER_KEY (not set) nor in {key}\n"
        )
    assert (event_count(db), stored_bytes(db)) == before


def test_a_wrong_key_is_refused_and_writes_nothing(
    db: str, scenarios: Path, config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    from zatlog.keys import key_id

    run(db, "import", str(scenarios / SCENARIO))
    [key] = keys_in(config_home)
    before = event_count(db)
    other = AESCipher.create_key(32)
    monkeypatch.setenv("ZATLOG_CIPHER_KEY", other)

    result = invoke(db, "import", str(scenarios / "p01_compliant.jsonl"))

    assert result.exit_code == 1
    assert result.output == (
        f"Error: this database is encrypted and needs the key with id {key.stem}; "
        f"ZATLOG_CIPHER_KEY holds another key (id {key_id(other)})\n"
    )
    assert event_count(db) == before
    monkeypatch.delenv("ZATLOG_CIPHER_KEY")
    key.write_text(other + "\n")
    result = invoke(db, "case", "list")
    assert result.output == (
        f"Error: this database is encrypted and needs the key with id {key.stem}; "
        f"{key} holds another key (id {key_id(other)})\n"
    )


def test_a_flipped_bit_in_an_encrypted_event_is_reported_as_damage(
    db: str, scenarios: Path
) -> None:
    run(db, "import", str(scenarios / SCENARIO))
    with connect(db) as conn:  # what someone with the file does: drop the guards, edit
        if is_postgres(db):
            conn.execute('DROP TRIGGER "zatlog_events_append_only" ON zatlog_events')
            conn.execute(
                "UPDATE zatlog_events SET state = set_byte(state, 40, get_byte(state, 40) # 1) "
                "WHERE notification_id = 12"
            )
        else:
            conn.execute("DROP TRIGGER stored_events_no_update")
            (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid = 12").fetchone()
            flipped = state[:40] + bytes([state[40] ^ 1]) + state[41:]
            conn.execute("UPDATE stored_events SET state = ? WHERE rowid = 12", (flipped,))

    verified = invoke(db, "verify")
    assert verified.exit_code == 1
    assert "12" in verified.output and "key" not in verified.output
    result = invoke(db, "export-log")

    assert result.exit_code == 1
    assert (
        "is damaged at position 12: a stored event does not decrypt with this database's own"
        in (result.output)
    )
    assert "another key" not in result.output
    assert "Traceback" not in result.output


def test_no_encrypt_creates_a_plain_database_and_says_so(
    db: str, scenarios: Path, config_home: Path
) -> None:
    output = run(db, "import", "--no-encrypt", str(scenarios / SCENARIO))

    assert "encryption key" not in output
    assert keys_in(config_home) == []
    assert b"Sem Jansen" in stored_bytes(db)
    kind = "postgres" if is_postgres(db) else "sqlite"
    assert run(db, "init").endswith(f"({kind}, not encrypted)\n")


def test_init_no_encrypt_and_demo(db: str, config_home: Path) -> None:
    assert "not encrypted" in run(db, "init", "--no-encrypt")
    assert "demo school recorded" in run(db, "demo")
    assert keys_in(config_home) == []  # the database existed: its choice holds


def test_demo_creates_an_encrypted_database(db: str, config_home: Path) -> None:
    output = run(db, "demo")

    [key] = keys_in(config_home)
    assert output.startswith(f"encryption key created: {key}")
    assert "demo school recorded" in output


def test_encryption_cannot_be_changed_once_a_database_exists(db: str, scenarios: Path) -> None:
    run(db, "import", "--no-encrypt", str(scenarios / SCENARIO))

    result = invoke(db, "init", "--encrypt")

    assert result.exit_code == 1
    assert "already exists, unencrypted; encryption is chosen when a database is created" in (
        result.output
    )


def _drop_meta(db: str) -> None:
    """Make ``db`` look like a database from before the metadata table."""
    with connect(db) as conn:
        conn.execute("DROP TABLE zatlog_meta")


def test_an_old_unencrypted_database_stays_unencrypted_whatever_the_key(
    db: str, scenarios: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    run(db, "import", "--no-encrypt", str(scenarios / SCENARIO))
    _drop_meta(db)
    monkeypatch.setenv("ZATLOG_CIPHER_KEY", AESCipher.create_key(32))

    assert "not encrypted: created before encryption at rest became the default" in run(db, "init")
    run(db, "import", str(scenarios / "p01_compliant.jsonl"))  # no plaintext beside ciphertext
    exported = run(db, "export-log")
    assert "Sem Jansen" in exported and "Anna Jansen" in exported


def test_an_old_encrypted_database_opens_with_its_key(
    db: str, scenarios: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    monkeypatch.setenv("ZATLOG_CIPHER_KEY", AESCipher.create_key(32))
    run(db, "import", str(scenarios / SCENARIO))
    _drop_meta(db)

    assert "Sem Jansen" in run(db, "export-log")
    monkeypatch.delenv("ZATLOG_CIPHER_KEY")
    result = invoke(db, "export-log")
    assert result.exit_code == 1
    assert "is encrypted, and its key is not in ZATLOG_CIPHER_KEY (not set) nor in" in result.output


def test_a_key_from_the_environment_is_used_and_never_written(
    db: str, scenarios: Path, config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    from zatlog.keys import key_id

    key = AESCipher.create_key(32)
    monkeypatch.setenv("ZATLOG_CIPHER_KEY", key)

    assert f"encrypted, key id {key_id(key)})" in run(db, "init")
    run(db, "import", str(scenarios / SCENARIO))
    assert keys_in(config_home) == []
    assert b"Sem Jansen" not in stored_bytes(db)
    assert key.encode() not in stored_bytes(db)
