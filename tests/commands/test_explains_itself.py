"""Issue 10, item 8: a CLI that explains itself (help, tables, colour, doctor)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import click
import pytest
from robust_cli import invoke, leaves

from zatlog.actions import ITEM_CATEGORIES, InformTopic
from zatlog.cli.options import colour_wanted, paint
from zatlog.projections.text_table import columns


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "args", [[], ["case"], ["--lang", "en", "consent"]], ids=["zatlog", "group", "group-en"]
)
def test_a_bare_command_shows_its_help_not_an_error_around_it(args: list[str]) -> None:
    """`zatlog` alone, the first thing a newcomer types: the help, once, exit 2 as click has it."""
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.output == invoke(*args, "--help").output
    assert "Fout:" not in result.output and "Error:" not in result.output


def test_required_options_are_marked() -> None:
    for path, options in (
        (["consent", "give"], ["--at", "--signer", "--method", "--consent", "--case"]),
        (["signal", "raise"], ["--at", "--source", "--description"]),
        (["case", "open"], ["--at", "--school-type", "--pupil-name", "--birth-date"]),
        (["dossier", "export"], ["--for"]),
    ):
        help_text = invoke(*path, "--help").output  # Dutch by default
        for option in options:
            entry = help_text.split(option, 1)[1].split("\n  -")[0]
            assert "[verplicht]" in entry, (path, option)
        help_text = invoke("--lang", "en", *path, "--help").output
        for option in options:
            entry = help_text.split(option, 1)[1].split("\n  -")[0]
            assert "[required]" in entry, (path, option)


def test_every_required_option_of_every_command_is_marked() -> None:
    for leaf in leaves():
        help_text = flat(invoke(*leaf.path, "--help").output)
        for param in leaf.command.params:
            if isinstance(param, click.Option) and param.required:
                assert "[verplicht]" in help_text, (leaf.name, param.name)


def test_closed_vocabularies_list_their_values() -> None:
    topics = flat(invoke("parents", "inform", "--help").output)
    assert "Toegestaan: " + ", ".join(InformTopic.__args__) in topics
    topics = flat(invoke("--lang", "en", "parents", "inform", "--help").output)
    assert "Allowed: " + ", ".join(InformTopic.__args__) in topics
    for leaf in leaves():
        for param in leaf.command.params:
            if isinstance(param, click.Option) and isinstance(param.type, click.Choice):
                help_text = invoke(*leaf.path, "--help").output
                assert "[" + "|".join(map(str, param.type.choices)) + "]" in help_text or all(
                    str(choice) in help_text for choice in param.type.choices
                ), (leaf.name, param.name)


@pytest.mark.parametrize(
    ("path", "option"),
    [
        (["consent", "issue"], "--data-categories"),
        (["discussion", "record"], "--data-shared"),
        (["information", "disclose"], "--items"),
        (["information", "restrict"], "--scope"),
    ],
)
def test_open_vocabularies_list_the_known_categories(path: list[str], option: str) -> None:
    help_text = flat(invoke(*path, "--help").output)
    known = flat(help_text.split(option, 1)[1])
    assert "Bekende categorieën: " + ", ".join(ITEM_CATEGORIES) in known
    help_text = flat(invoke("--lang", "en", *path, "--help").output)
    known = flat(help_text.split(option, 1)[1])
    assert "Known categories: " + ", ".join(ITEM_CATEGORIES) in known


def test_tables_fit_the_terminal_wrapping_cells_not_words(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    assert invoke("--db", db, "demo").exit_code == 0
    wide = invoke("--db", db, "case", "timeline", "demo-002").output
    words = set(wide.split())
    for command in (["case", "list"], ["case", "timeline", "demo-002"], ["due"]):
        for width in (60, 80):
            result = invoke("--db", db, *command, env={"COLUMNS": str(width)})
            assert result.exit_code == 0, result.output
            lines = result.output.splitlines()
            assert all(len(line) <= width for line in lines), (command, width, result.output)
    narrow = invoke("--db", db, "case", "timeline", "demo-002", env={"COLUMNS": "100"}).output
    assert max(map(len, narrow.splitlines())) <= 100 < max(map(len, wide.splitlines()))
    assert set(narrow.split()) == words  # cells wrapped, no word cut in two


def test_an_indented_table_fits_the_terminal_with_its_indent(tmp_path: Path) -> None:
    """case show's people table is indented: the indent counts toward the width."""
    db = str(tmp_path / "demo.db")
    assert invoke("--db", db, "demo").exit_code == 0
    for width in (60, 80):
        result = invoke("--db", db, "case", "show", "demo-002", env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        people = result.output.split("\nBetrokkenen\n", 1)[1].split("\n\n", 1)[0]
        assert "Vader" in people and people.startswith("  persoon")
        assert all(len(line) <= width for line in people.splitlines()), (width, people)


def test_columns_wrap_within_their_cell() -> None:
    rows = [["case", "what"], ["2026-001", "invite the parents to the meeting in time please"]]
    text = columns(rows, width=30)
    assert text.splitlines() == [
        "case      what",
        "2026-001  invite the parents",
        "          to the meeting in",
        "          time please",
    ]
    assert columns(rows, width=None).splitlines()[1].endswith("in time please")


def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert colour_wanted(Terminal()) and paint("ok", "green", Terminal()) == "\x1b[32mok\x1b[0m"
    assert not colour_wanted(io.StringIO()) and paint("ok", "green", io.StringIO()) == "ok"
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted(Terminal()) and paint("ok", "green", Terminal()) == "ok"


def test_doctor_on_a_healthy_database(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    assert invoke("--db", db, "demo").exit_code == 0
    result = invoke("--db", db, "doctor")
    assert result.exit_code == 0, result.output
    for check in ("Python", "PDF", "database", "encryptiesleutel", "leesmodellen"):
        assert check in result.output
    assert "alles in orde" in result.output and "\x1b" not in result.output
    english = invoke("--db", db, "--lang", "en", "doctor").output
    assert "everything is in order" in english and "encryption key" in english


def test_doctor_says_what_to_do_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "x.db"
    result = invoke("--db", str(db), "doctor")
    assert result.exit_code == 1
    assert f"zatlog --db {db} init" in result.output
    assert not db.parent.exists()


def test_doctor_finds_a_shared_database_a_bad_key_and_a_wrong_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = tmp_path / "secret.db"
    assert invoke("--db", str(db), "init", "--encrypt").exit_code == 0
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps(OPEN) + "\n")
    assert invoke("--db", str(db), "import", str(log)).exit_code == 0
    assert invoke("--db", str(db), "doctor").exit_code == 0
    db.chmod(0o644)
    shared = invoke("--db", str(db), "doctor")
    assert shared.exit_code == 1 and f"chmod 600 {db}" in shared.output
    db.chmod(0o600)
    bad = invoke("--db", str(db), "doctor", env={"ZATLOG_CIPHER_KEY": "notbase64"})
    assert bad.exit_code == 1 and "geen geldige sleutel" in bad.output
    wrong = invoke("--db", str(db), "doctor", env={"ZATLOG_CIPHER_KEY": AESCipher.create_key(32)})
    assert wrong.exit_code == 1 and "niet te lezen met deze sleutel" in wrong.output
    assert "ZATLOG_CIPHER_KEY" in wrong.output  # what to do


def test_doctor_finds_read_models_it_cannot_read(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "demo.db"
    assert invoke("--db", str(db), "demo").exit_code == 0
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE tracking")
    connection.close()
    result = invoke("--db", str(db), "doctor")
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output and "onverwachte fout" not in result.output
    if result.exit_code == 1:
        assert "zatlog projections rebuild" in result.output
    assert os.path.exists(db)


OPEN = {
    "action": "case_opened",
    "case": "2026-001",
    "at": "2026-09-01",
    "pupil_name": "Sam Fictief",
    "birth_date": "2015-05-05",
    "school_type": "so",
}
