"""Tamper evidence: the stored events are edited directly (sqlite3 / psycopg, outside zatlog).

Each test plays an attacker with access to the database file or table: it
drops the append-only triggers first, changes the log, and checks that
``zatlog verify`` names the case, the position and what it saw.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from zatlog.cli.main import cli

SCENARIO = "p06_safety_override_with_deferral.jsonl"
CASE = "2025-006"


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, "--actor", "ib-test", *args])


class RawStore:
    """The log's tables, reached without zatlog: sqlite3 for a file, psycopg for a schema."""

    def __init__(self, db: str) -> None:
        self.postgres = db.startswith("postgres")
        if self.postgres:
            import psycopg

            from zatlog.storage import resolve

            self.schema = re.search(r"schema=(\w+)", db)[1]  # type: ignore[index]
            s = resolve(db).settings
            self.conn: Any = psycopg.connect(
                f"dbname={s['POSTGRES_DBNAME']} host={s['POSTGRES_HOST']} "
                f"port={s['POSTGRES_PORT']} user={s['POSTGRES_USER']} "
                f"password={s['POSTGRES_PASSWORD']}",
                autocommit=True,
            )
            self.events = f"{self.schema}.zatlog_events"
            self.position = "notification_id"
            self.prefix = f"{self.schema}."
        else:
            self.conn = sqlite3.connect(db, isolation_level=None)
            self.events = "stored_events"
            self.position = "rowid"
            self.prefix = ""

    def close(self) -> None:
        self.conn.close()

    def sql(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        statement = statement.replace("{events}", self.events).replace("{t}", self.prefix)
        statement = statement.replace("{position}", self.position)
        if self.postgres:
            statement = statement.replace("?", "%s")
        cursor = self.conn.execute(statement, params)
        try:
            return [tuple(row) for row in cursor.fetchall()]
        except Exception:  # no result set (psycopg raises, sqlite3 returns [])
            return []

    def drop_guards(self) -> None:
        """What an attacker with file access does first."""
        if self.postgres:
            for table, trigger in (
                ("zatlog_events", "zatlog_events_append_only"),
                ("zatlog_events", "zatlog_events_no_truncate"),
                ("event_chain", "event_chain_append_only"),
                ("event_chain", "event_chain_no_truncate"),
                ("event_chain_origin", "event_chain_origin_append_only"),
            ):
                self.sql(f'DROP TRIGGER "{trigger}" ON {self.schema}.{table}')
        else:
            for table in ("stored_events", "event_chain", "event_chain_origin"):
                for op in ("update", "delete"):
                    self.sql(f"DROP TRIGGER {table}_no_{op}")

    def case_rows(self) -> list[tuple[int, int]]:
        """``(position, version)`` of the case's events, in version order."""
        rows = self.sql(
            "SELECT originator_id, originator_version, {position} FROM {events} "
            "ORDER BY originator_id, originator_version"
        )
        counts: dict[Any, int] = {}
        for key, _, _ in rows:
            counts[key] = counts.get(key, 0) + 1
        case_key = max(counts, key=lambda k: counts[k])
        return [(position, version) for key, version, position in rows if key == case_key]

    def state(self, position: int) -> bytes:
        return bytes(self.sql("SELECT state FROM {events} WHERE {position} = ?", (position,))[0][0])

    def set_state(self, position: int, state: bytes) -> None:
        self.sql("UPDATE {events} SET state = ? WHERE {position} = ?", (state, position))


@pytest.fixture
def logged(db: str, scenarios: Path) -> Iterator[tuple[str, RawStore]]:
    assert run(db, "import", str(scenarios / SCENARIO)).exit_code == 0
    store = RawStore(db)
    try:
        yield db, store
    finally:
        store.close()


@pytest.fixture
def plain_logged(no_db: str, scenarios: Path) -> Iterator[tuple[str, RawStore]]:
    """As ``logged``, on an unencrypted store, whose stored states can be read and edited
    in place (an encrypted one's cannot: a changed bit is damage, tests/log/test_encryption)."""
    assert run(no_db, "import", "--no-encrypt", str(scenarios / SCENARIO)).exit_code == 0
    store = RawStore(no_db)
    try:
        yield no_db, store
    finally:
        store.close()


def broken(db: str, *options: str) -> str:
    result = run(db, "verify", *options)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_an_untouched_log_verifies_and_names_its_origin(logged: tuple[str, RawStore]) -> None:
    db, _ = logged
    result = run(db, "verify")
    assert result.exit_code == 0, result.output
    assert "de log is ongeschonden: 23 gebeurtenissen in 2 ketens, elke schakel klopt" in (
        result.output
    )
    assert "vanaf de eerste gebeurtenis bij het vastleggen opgebouwd" in result.output
    english = run(db, "verify", "--lang", "en", "--case", CASE)
    assert english.exit_code == 0, english.output
    assert f"the log is intact for case {CASE}: 14 events in 1 chain," in english.output


def test_the_stored_events_refuse_update_and_delete(logged: tuple[str, RawStore]) -> None:
    _, store = logged
    position = store.case_rows()[3][0]
    for statement in (
        "UPDATE {events} SET state = state WHERE {position} = ?",
        "DELETE FROM {events} WHERE {position} = ?",
        "DELETE FROM {t}event_chain WHERE position = ?",
    ):
        with pytest.raises(Exception, match="append-only"):
            store.sql(statement, (position,))


def test_a_date_changed_inside_a_stored_state_is_found(
    plain_logged: tuple[str, RawStore],
) -> None:
    db, store = plain_logged
    store.drop_guards()
    position, version = store.case_rows()[5]
    state = store.state(position)
    edited = re.sub(rb'"at":"(\d{4})-', rb'"at":"1999-', state, count=1)
    assert edited != state
    store.set_state(position, edited)
    output = broken(db, "--lang", "en")
    assert f"case {CASE}, version {version}, position {position}: edited" in output
    assert f"dossier {CASE}, versie {version}, positie {position}: gewijzigd" in broken(db)


def test_a_deleted_event_is_found(logged: tuple[str, RawStore]) -> None:
    db, store = logged
    store.drop_guards()
    position, version = store.case_rows()[4]
    store.sql("DELETE FROM {events} WHERE {position} = ?", (position,))
    assert f"version {version}, position {position}: missing" in broken(db, "--lang", "en")
    # and nothing is recorded on top of the rewritten case
    result = run(
        db, "signal", "raise", "--case", CASE, "--at", "2025-12-01", "--source", "teacher",
        "--description", "x",
    )  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_two_swapped_events_are_found(logged: tuple[str, RawStore]) -> None:
    db, store = logged
    store.drop_guards()
    (first, version), (second, other) = store.case_rows()[6:8]
    a, b = store.state(first), store.state(second)
    store.set_state(first, b)
    store.set_state(second, a)
    output = broken(db, "--lang", "en")
    assert f"version {version}, position {first}: swapped" in output
    assert f"recorded as version {other}" in output


def test_a_forged_event_is_found(logged: tuple[str, RawStore]) -> None:
    db, store = logged
    store.drop_guards()
    rows = store.case_rows()
    last_position, last_version = rows[-1]
    key, topic, state = store.sql(
        "SELECT originator_id, topic, state FROM {events} WHERE {position} = ?", (last_position,)
    )[0]
    store.sql(
        "INSERT INTO {events} (originator_id, originator_version, topic, state) "
        "VALUES (?, ?, ?, ?)",
        (key, last_version + 1, topic, state),
    )
    assert f"version {last_version + 1}" in (output := broken(db, "--lang", "en"))
    assert "inserted: this event is not in the chain" in output


def test_a_truncated_tail_is_found(logged: tuple[str, RawStore]) -> None:
    db, store = logged
    store.drop_guards()
    rows = store.case_rows()
    for position, _ in rows[-2:]:
        store.sql("DELETE FROM {events} WHERE {position} = ?", (position,))
    output = broken(db, "--lang", "en")
    assert f"version {rows[-2][1]}, position {rows[-2][0]}: truncated" in output
    assert "2 event(s) from this one on were removed" in output


def test_a_tail_cut_off_with_its_links_is_found_against_the_digest(
    logged: tuple[str, RawStore],
) -> None:
    db, store = logged
    digest = run(db, "digest").output.splitlines()[0]
    assert run(db, "verify", "--against", digest).exit_code == 0
    store.drop_guards()
    position = store.case_rows()[-1][0]
    store.sql("DELETE FROM {events} WHERE {position} = ?", (position,))
    store.sql("DELETE FROM {t}event_chain WHERE position = ?", (position,))
    assert run(db, "verify").exit_code == 0  # consistent inside: only the digest shows it
    output = broken(db, "--against", digest, "--lang", "en")
    assert f"the log of digest {digest} is no longer contained, unchanged" in output


def test_a_rewritten_chain_is_found_against_an_earlier_digest(
    plain_logged: tuple[str, RawStore],
) -> None:
    """An attacker who recomputes every link fools verify, never a digest kept elsewhere."""
    db, store = plain_logged
    digest = run(db, "digest").output.splitlines()[1]  # the full form
    store.drop_guards()
    position, _ = store.case_rows()[5]
    store.set_state(position, re.sub(rb'"at":"(\d{4})-', rb'"at":"1999-', store.state(position)))
    store.sql("DELETE FROM {t}event_chain")
    store.sql("DELETE FROM {t}event_chain_origin")
    # zatlog chains it again on the next open (a "migration"), so the edit now looks original
    result = run(db, "verify", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "(migration)" in result.output
    assert "is no longer contained" in broken(db, "--against", digest, "--lang", "en")


def test_an_appended_log_still_contains_its_earlier_digest(
    logged: tuple[str, RawStore], scenarios: Path
) -> None:
    db, _ = logged
    digest = run(db, "digest").output.splitlines()[0]
    assert run(db, "import", str(scenarios / "p01_compliant.jsonl")).exit_code == 0
    assert run(db, "digest").output.splitlines()[0] != digest
    result = run(db, "verify", "--against", digest, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"the log of digest {digest} is contained, unchanged, in today's log" in result.output


def test_a_digest_that_is_not_one_is_a_clear_error(logged: tuple[str, RawStore]) -> None:
    db, _ = logged
    result = run(db, "verify", "--against", "zl1-12-x")
    assert result.exit_code == 1
    assert "'zl1-12-x' is geen digest van zatlog" in result.output


def test_an_edited_read_model_is_repaired_by_a_rebuild(logged: tuple[str, RawStore]) -> None:
    db, store = logged
    before = run(db, "case", "list", "--format", "json")
    assert before.exit_code == 0, before.output
    store.sql("UPDATE {t}case_state SET step = '5', step_since = '1999-01-01'")
    edited = run(db, "case", "list", "--format", "json")
    assert '"step_since": "1999-01-01"' in edited.output
    assert run(db, "verify").exit_code == 0  # the log itself is untouched
    assert run(db, "projections", "rebuild").exit_code == 0
    assert run(db, "case", "list", "--format", "json").output == before.output


def test_a_log_recorded_before_chaining_is_chained_once_and_says_so(
    logged: tuple[str, RawStore], scenarios: Path
) -> None:
    db, store = logged
    store.drop_guards()
    if store.postgres:
        store.sql(f"DROP TABLE {store.schema}.event_chain, {store.schema}.event_chain_origin")
    else:
        store.sql("DROP TABLE event_chain")
        store.sql("DROP TABLE event_chain_origin")
    result = run(db, "verify", "--lang", "en")  # the first open chains the 23 events
    assert result.exit_code == 0, result.output
    assert "positions 1 to 23 were chained once, afterwards" in result.output
    assert "from position 24 on the chain is original" in result.output
    assert run(db, "import", str(scenarios / "p01_compliant.jsonl")).exit_code == 0
    again = run(db, "verify")
    assert again.exit_code == 0, again.output
    assert "vanaf positie 24 is de keten origineel" in again.output
    assert store.sql("SELECT COUNT(*) FROM {t}event_chain_origin") == [(1,)]
