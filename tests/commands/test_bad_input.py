"""Issue 10, item 4: bad input is refused whole, and nothing is recorded by a failed command."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from robust_cli import assert_clean_failure, invoke, tree

from zatlog.actions import ACTION_CLASSES, limit_of, parse_stored
from zatlog.limits import IDENTIFIER_MAX_LENGTH, LINE_MAX_LENGTH, TEXT_MAX_LENGTH

OPEN = {
    "action": "case_opened",
    "case": "2026-001",
    "at": "2026-09-01",
    "pupil_name": "Sam Fictief",
    "birth_date": "2015-05-05",
    "school_type": "so",
}
MOTHER = {
    "action": "relation_recorded",
    "case": "2026-001",
    "at": "2026-09-01",
    "person": "mother",
    "name": "Moeder Fictief",
    "relation": "parent",
    "authority": "joint",
}
SIGNAL = {
    "action": "signal_raised",
    "case": "2026-001",
    "at": "2026-09-02",
    "source": "teacher",
    "description": "withdrawn in class",
}


def write(folder: Path, lines: list[dict[str, object]] | list[str], name: str = "log.jsonl") -> str:
    path = folder / name
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")
    return str(path)


def logged(db: str) -> str:
    result = invoke("--db", db, "export-log")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("case", "x" * (IDENTIFIER_MAX_LENGTH + 1), "ten hoogste 64 tekens"),
        ("case", "2026\x1b[2J001", "stuurteken"),
        ("school", "school\x00a", "stuurteken"),
        ("by", "ib\x07", "stuurteken"),
        ("case", "2026\u202e100", "stuurteken '\\u202e'"),  # reads as 2026001, is not
        ("school", "school\u200ba", "stuurteken '\\u200b'"),
        ("pupil_name", "Sam\x1b]0;pwned\x07", "stuurteken"),
        ("pupil_name", "S" * (LINE_MAX_LENGTH + 1), "ten hoogste 200 tekens"),
        ("note", "n" * (TEXT_MAX_LENGTH + 1), "ten hoogste 10.000 tekens"),
        ("note", "a\x00b", "stuurteken"),
    ],
)
def test_identifiers_and_text_are_bounded_and_printable(
    db: str, tmp_path: Path, field: str, value: str, says: str
) -> None:
    result = invoke("--db", db, "import", write(tmp_path, [{**OPEN, field: value}]))
    assert_clean_failure(result, codes=(1,))
    assert f"regel 1: {field}: " in result.output and says in result.output
    assert logged(db) == ""


def test_person_form_meeting_notice_and_request_ids_are_identifiers(
    db: str, tmp_path: Path
) -> None:
    long = "p" * (IDENTIFIER_MAX_LENGTH + 1)
    for line, field in [
        ({**MOTHER, "person": long}, "person"),
        ({**SIGNAL, "action": "consent_given", "consent": long, "signer": "mother",
          "method": "signature", "source": None, "description": None}, "consent"),
        ({"action": "meeting_scheduled", "case": "2026-001", "at": "2026-09-03",
          "meeting": "m\x1b1", "forum": "cvb", "date": "2026-09-20", "purpose": "p"}, "meeting"),
        ({"action": "objection_received", "case": "2026-001", "at": "2026-09-03",
          "notice": long, "person": "mother"}, "notice"),
        ({"action": "information_requested", "case": "2026-001", "at": "2026-09-03",
          "request": long, "requester": "mother", "kind": "copy"}, "request"),
        ({"action": "parents_informed", "case": "2026-001", "at": "2026-09-03",
          "to": ["mother", long], "channel": "letter", "topics": ["concern"]}, "to[1]"),
    ]:  # fmt: skip
        clean = {k: v for k, v in line.items() if v is not None}
        result = invoke("--db", db, "import", write(tmp_path, [OPEN, MOTHER, clean]))
        assert_clean_failure(result, codes=(1,))
        assert f"regel 3: {field}: " in result.output, result.output
    assert logged(db) == ""


def test_the_limits_are_in_the_field_descriptions_and_the_json_schema() -> None:
    """The docs are generated from the models: the limits must be there to be found."""
    opened = ACTION_CLASSES["case_opened"]
    assert "at most 64 characters" in (opened.model_fields["case"].description or "")
    assert "at most 200 characters" in (opened.model_fields["pupil_name"].description or "")
    schema = opened.model_json_schema()
    assert schema["properties"]["case"]["maxLength"] == IDENTIFIER_MAX_LENGTH
    note = schema["properties"]["note"]["anyOf"][0]
    assert note["maxLength"] == TEXT_MAX_LENGTH and "10,000" in note["description"]
    for name, cls in ACTION_CLASSES.items():
        for field in ("case", "by", "school", "person", "signer", "consent", "meeting", "notice"):
            if field in cls.model_fields:
                limit = limit_of(cls.model_fields[field])
                assert limit is not None and limit.max_length == IDENTIFIER_MAX_LENGTH, name
        for field, info in cls.model_fields.items():
            text = info.annotation in (str, str | None, list[str], list[str] | None)
            if text and field != "action" and limit_of(info) is None:
                pytest.fail(f"{name}.{field} is unbounded text")


def test_the_limits_are_in_the_help() -> None:
    help_text = " ".join(invoke("case", "open", "--help").output.split())
    assert "Hoogstens 64 tekens" in help_text and "Hoogstens 200 tekens" in help_text
    assert "Hoogstens 10.000 tekens" in help_text
    help_text = " ".join(invoke("--lang", "en", "case", "open", "--help").output.split())
    assert "At most 64 characters" in help_text and "At most 200 characters" in help_text
    assert "At most 10,000 characters" in help_text


def test_what_is_stored_stays_readable_whatever_the_limits() -> None:
    """The limits guard the input, never the log: older records are read as they are."""
    action = parse_stored({**OPEN, "pupil_name": "S" * 50_000, "note": "a\x1bb"})
    assert len(action.pupil_name) == 50_000  # type: ignore[union-attr]


def test_a_duplicate_key_is_refused(db: str, tmp_path: Path) -> None:
    line = json.dumps(OPEN)[:-1] + ', "case": "2026-002"}'
    result = invoke("--db", db, "import", write(tmp_path, [line]))
    assert_clean_failure(result, codes=(1,))
    assert "regel 1: case: " in result.output and "twee keer" in result.output
    nested = json.dumps({"action": "information_disclosed", "case": "2026-001",
                         "at": "2026-09-03", "to": "mother", "items": ["outcome"],
                         "redactions": [{"item": "a", "ground": "work_note"}]})  # fmt: skip
    nested = nested.replace(
        '"ground": "work_note"', '"ground": "work_note", "ground": "restriction"'
    )
    result = invoke("--db", db, "import", write(tmp_path, [OPEN, nested]))
    assert_clean_failure(result, codes=(1,))
    assert "regel 2: ground: komt twee keer voor" in result.output, result.output
    assert logged(db) == ""


def test_a_nul_character_is_refused_and_the_store_goes_on_working(db: str, tmp_path: Path) -> None:
    """On PostgreSQL a NUL once got past the import and broke every later read."""
    for field in ("case", "by", "school", "pupil_name", "note"):
        result = invoke("--db", db, "import", write(tmp_path, [{**OPEN, field: "a\u0000b"}]))
        assert_clean_failure(result, codes=(1,))
        assert f"regel 1: {field}: stuurteken" in result.output
    assert invoke("--db", db, "import", write(tmp_path, [OPEN, MOTHER])).exit_code == 0
    for command in (["case", "list"], ["due"], ["audit"], ["projections", "rebuild"]):
        result = invoke("--db", db, *command)
        assert result.exit_code == 0, (command, result.output)
    assert "2026-001" in invoke("--db", db, "case", "list").output


def test_what_the_store_refuses_rolls_back_the_whole_command(db: str) -> None:
    """A database error is one line naming what was refused, and nothing of the batch stays."""
    from eventsourcing.persistence import PersistenceError

    from zatlog.application import ZatlogApp
    from zatlog.storage import resolve

    app = ZatlogApp(resolve(db))
    try:
        opened = parse_stored(OPEN)
        app.record([(opened, "ib")])
        before = app.last_position()
        again = parse_stored({**SIGNAL})
        # Two events with the same aggregate version: the store's unique key refuses them.
        today = date.today()
        events = app._events_for([(again, "ib")], today) + app._events_for([(again, "ib")], today)
        with pytest.raises(PersistenceError):
            app.events.put(events)
        assert app.last_position() == before
    finally:
        app.close()
    result = invoke("--db", db, "case", "timeline", "2026-001")
    assert result.exit_code == 0 and "Signaal" not in result.output


def test_a_failed_export_records_no_disclosure(db: str, tmp_path: Path) -> None:
    assert invoke("--db", db, "import", write(tmp_path, [OPEN, MOTHER])).exit_code == 0
    before = logged(db)
    for target in ("/dev/full", str(tmp_path / "missing" / "d.json"), "/proc/version"):
        result = invoke(
            "--db", db, "dossier", "export", "2026-001", "--for", "mother",
            "--format", "json", "-o", target,
        )  # fmt: skip
        assert_clean_failure(result, codes=(1,))
    assert logged(db) == before  # no information_disclosed
    ok = invoke("--db", db, "dossier", "export", "2026-001", "--for", "mother",
                "--format", "json", "-o", str(tmp_path / "d.json"))  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert "information_disclosed" in logged(db)
    assert (tmp_path / "d.json").stat().st_mode & 0o777 == 0o600
    assert [p for p in tree(tmp_path) if p.startswith(".")] == []  # no temporary file left


def test_outputs_never_go_through_a_symlink(db: str, tmp_path: Path) -> None:
    assert invoke("--db", db, "import", write(tmp_path, [OPEN, MOTHER])).exit_code == 0
    target = tmp_path / "precious.txt"
    target.write_text("keep\n")
    link = tmp_path / "link"
    link.symlink_to(target)
    before = logged(db)
    for command in (
        ["export-log"],
        ["audit", "--format", "csv"],
        ["providers", "report"],
        ["dossier", "export", "2026-001", "--for", "mother", "--format", "json"],
    ):
        result = invoke("--db", db, *command, "-o", str(link))
        assert_clean_failure(result, codes=(1,))
        assert "symbolische koppeling" in result.output
    assert target.read_text() == "keep\n" and link.is_symlink()
    assert logged(db) == before


def test_every_export_is_private(db: str, tmp_path: Path) -> None:
    assert invoke("--db", db, "import", write(tmp_path, [OPEN, MOTHER])).exit_code == 0
    old = os.umask(0o022)
    try:
        for name, command in (
            ("log.jsonl", ["export-log"]),
            ("audit.html", ["audit", "--format", "html"]),
            ("audit.csv", ["audit", "--format", "csv"]),
            ("providers.html", ["providers", "report", "--format", "html"]),
            (
                "dossier.html",
                ["dossier", "export", "2026-001", "--for", "mother", "--format", "html"],
            ),
        ):
            out = tmp_path / name
            out.write_text("old, readable by all\n")
            out.chmod(0o644)
            result = invoke("--db", db, *command, "-o", str(out))
            assert result.exit_code == 0, result.output
            assert out.stat().st_mode & 0o777 == 0o600, name
            assert out.read_text() != "old, readable by all\n"
    finally:
        os.umask(old)


def test_control_characters_in_stored_text_are_escaped_on_the_terminal(db: str) -> None:
    """Text recorded before the limits existed is shown escaped, never executed."""
    from zatlog.application import ZatlogApp
    from zatlog.storage import resolve

    app = ZatlogApp(resolve(db))
    try:
        app.record(
            [
                (parse_stored({**OPEN, "case": "x\x1b[2J", "pupil_name": "Sam\x1b]0;pwned\x07"}),
                 "ib\x1b[31m"),
                (parse_stored({**MOTHER, "case": "x\x1b[2J", "name": "Moeder\x1b[2J"}), "ib"),
            ]
        )  # fmt: skip
    finally:
        app.close()
    for command in (
        ["case", "list"],
        ["case", "show", "x\x1b[2J"],
        ["case", "timeline", "x\x1b[2J"],
        ["due", "--as-of", "2026-12-01"],
        ["audit", "--as-of", "2026-12-01"],
    ):
        result = invoke("--db", db, *command)
        assert result.exit_code == 0, (command, result.output)
        assert "\x1b" not in result.output and "\x07" not in result.output, command
    assert "x\\x1b[2J" in invoke("--db", db, "case", "list").output
    assert "Sam\\x1b]0;pwned\\x07" in invoke("--db", db, "case", "show", "x\x1b[2J").output


def test_escaped_and_multi_line_text_keeps_a_table_in_its_columns(db: str, tmp_path: Path) -> None:
    """A cell is measured as it is shown (escaped), and its own line breaks stay in its column."""
    from zatlog.projections.text_table import columns

    assert columns([["a", "b"], ["x\u202ey", "c"]]).splitlines() == [
        "a         b",
        "x\\u202ey  c",
    ]
    assert columns([["a", "b", "c"], ["1", "one\ntwo", "3"]]).splitlines() == [
        "a  b    c",
        "1  one  3",
        "   two",
    ]
    stored = [{**OPEN, "pupil_name": "Sam\u202eFictief"}, {**SIGNAL, "description": "one\ntwo"}]
    assert invoke("--db", db, "import", write(tmp_path, stored)).exit_code == 0
    listed = invoke("--db", db, "case", "list").output.splitlines()
    assert listed[1].index("Sam\\u202eFictief") == listed[0].index("Leerling")
    assert listed[1].index("open") == listed[0].index("Status")
    timeline = invoke("--db", db, "case", "timeline", "2026-001").output.splitlines()
    column = timeline[0].index("gegevens")
    assert timeline[-1] == " " * column + "two"


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["--actor", "ib\x1b[2J"], {}, "--actor: stuurteken '\\x1b'"),
        (["--actor", "i" * (IDENTIFIER_MAX_LENGTH + 1)], {}, "--actor: verwacht ten hoogste 64"),
        ([], {"ZATLOG_ACTOR": "ib\x07"}, "ZATLOG_ACTOR: stuurteken '\\x07'"),
    ],
    ids=["escape", "too-long", "environment"],
)
def test_the_actor_is_an_identifier_for_reads_and_writes_alike(
    db: str, tmp_path: Path, args: list[str], env: dict[str, str], says: str
) -> None:
    """Who looks is kept in the access log as who records is kept in the log."""
    assert invoke("--db", db, "import", write(tmp_path, [OPEN])).exit_code == 0
    before = logged(db)
    looks = invoke("--db", db, "access-log", "--format", "json").output
    for command in (["case", "show", "2026-001"], ["signal", *_options(SIGNAL)]):
        result = invoke(*args, "--db", db, *command, env=env)
        assert_clean_failure(result, codes=(1,))
        assert says in result.output and "Sam Fictief" not in result.output
    assert invoke("--db", db, "access-log", "--format", "json").output == looks
    assert logged(db) == before


def _options(line: dict[str, str]) -> list[str]:
    """``signal raise`` with the fields of ``line`` as options."""
    fields = {k: v for k, v in line.items() if k != "action"}
    return ["raise", *[w for k, v in fields.items() for w in (f"--{k}", v)]]


def test_a_key_that_is_not_base64_is_one_clear_line(db: str) -> None:
    for key in ("notbase64", "c2hvcnQ="):
        result = invoke("--db", db, "case", "list", env={"ZATLOG_CIPHER_KEY": key})
        assert_clean_failure(result, codes=(1,))
        assert "ZATLOG_CIPHER_KEY: geen geldige sleutel" in result.output


def test_rebuild_with_the_wrong_key_drops_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = str(tmp_path / "secret.db")
    assert invoke("--db", db, "init", "--encrypt").exit_code == 0
    assert invoke("--db", db, "import", write(tmp_path, [OPEN, MOTHER])).exit_code == 0
    status = invoke("--db", db, "projections", "status").output
    other = AESCipher.create_key(32)
    for env in ({"ZATLOG_CIPHER_KEY": other},):
        result = invoke("--db", db, "projections", "rebuild", env=env)
        assert_clean_failure(result, codes=(1,))
        # Refused before anything is opened: the database names the key it needs.
        assert "ZATLOG_CIPHER_KEY bevat een andere sleutel" in result.output
    assert invoke("--db", db, "projections", "status").output == status
    assert "2026-001" in invoke("--db", db, "case", "list").output


def test_the_key_is_private_and_a_shared_key_file_is_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = str(tmp_path / "secret.db")
    assert invoke("--db", db, "init", "--encrypt").exit_code == 0
    [key] = (tmp_path / "config" / "zatlog" / "keys").glob("*.key")
    assert key.stat().st_mode & 0o777 == 0o600
    for folder in (key.parent, key.parent.parent, tmp_path / "config"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert "waarschuwing" not in invoke("--db", db, "case", "list").stderr
    key.chmod(0o644)
    result = invoke("--db", db, "case", "list")
    assert result.exit_code == 0
    assert f"waarschuwing: {key} is leesbaar voor anderen" in result.stderr


def test_a_backup_and_a_restored_database_are_private(tmp_path: Path) -> None:
    db = str(tmp_path / "school.db")
    assert invoke("--db", db, "demo").exit_code == 0
    old = os.umask(0o022)
    try:
        backup = tmp_path / "backups" / "school.db"
        assert invoke("--db", db, "backup", str(backup)).exit_code == 0
        restored = tmp_path / "restored" / "school.db"
        assert invoke("--db", str(restored), "restore", str(backup)).exit_code == 0
    finally:
        os.umask(old)
    for path in (backup, restored):
        assert path.stat().st_mode & 0o777 == 0o600, path
        assert path.parent.stat().st_mode & 0o777 == 0o700, path.parent
    missing = tmp_path / "again" / "school.db"
    result = invoke("--db", str(missing), "restore", str(tmp_path / "no-such-backup.db"))
    assert_clean_failure(result, codes=(1,))
    assert not missing.parent.exists()  # a failed restore leaves no database behind


def test_the_control_character_check_is_unicode_category_cc_exactly() -> None:
    """The limits find control characters with one regular expression: the same set as
    Unicode's general category Cc, on every code point."""
    import sys
    import unicodedata

    from zatlog.limits import CONTROL, CONTROL_BUT_BREAKS

    for point in range(sys.maxunicode + 1):
        char = chr(point)
        control = unicodedata.category(char) == "Cc"
        assert bool(CONTROL.match(char)) == control, hex(point)
        assert bool(CONTROL_BUT_BREAKS.match(char)) == (control and char not in "\n\r\t"), hex(
            point
        )
