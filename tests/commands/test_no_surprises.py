"""Issue 10, items 2 and 3: no surprise databases, no traceback from any command.

Every command of the click tree is driven, found by walking the tree, so a
command added later is covered too.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from robust_cli import CREATING, Leaf, assert_clean_failure, invoke, leaves, tree

LEAVES = leaves()
IDS = [leaf.name for leaf in LEAVES]
REPORTING = frozenset({("doctor",)})
"""Commands whose report lists each problem (checked in test_doctor.py), not one line."""
OUTPUT_COMMANDS = [leaf for leaf in LEAVES if "--output" in leaf.option_names()]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    assert invoke("--db", db, "demo").exit_code == 0
    return db


def test_the_walk_finds_every_command() -> None:
    names = set(IDS)
    assert {"audit", "case show", "consent give", "dossier export", "doctor"} <= names
    assert {"export-log", "providers report", "projections rebuild", "init"} <= names
    assert len(names) > 40


@pytest.mark.parametrize("leaf", LEAVES, ids=IDS)
def test_every_command_shows_an_example_that_parses(leaf: Leaf) -> None:
    """Item 8: each --help shows an example, and the example is a valid command line."""
    words = leaf.example()
    help_text = invoke(*leaf.path, "--help").output  # in Dutch by default
    assert "Voorbeeld:" in help_text
    assert " ".join(leaf.path) in help_text.split("Voorbeeld:")[1]
    context = leaf.command.make_context(leaf.name, words[len(leaf.path) :], resilient_parsing=True)
    for param in leaf.command.params:  # nothing required is left out of the example
        if param.required:
            assert context.params.get(param.name) not in (None, ()), (leaf.name, param.name)


@pytest.mark.parametrize(
    "leaf",
    [leaf for leaf in LEAVES if leaf.path not in CREATING | REPORTING],
    ids=[leaf.name for leaf in LEAVES if leaf.path not in CREATING | REPORTING],
)
def test_no_command_but_init_demo_import_creates_a_database(
    leaf: Leaf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 2: on a path with no database: exit 1, the message, and nothing created."""
    db = tmp_path / "missing-folder" / "typo.db"
    monkeypatch.chdir(tmp_path)
    result = invoke("--db", str(db), *leaf.example())
    assert_clean_failure(result, codes=(1,))
    assert f"geen zatlog-database op {db} (maak er een met zatlog init)" in result.output
    assert tree(tmp_path) == set()


def test_the_message_is_english_under_en(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    result = invoke("--db", str(db), "--lang", "en", "audit", "--fail-on", "minor")
    assert result.exit_code == 1
    assert f"no zatlog database at {db} (create one with zatlog init)" in result.output
    assert not db.exists()


def test_an_empty_postgres_schema_is_no_database_either(no_db: str) -> None:
    result = invoke("--db", no_db, "case", "list")
    assert_clean_failure(result, codes=(1,))
    assert "geen zatlog-database op" in result.output
    assert invoke("--db", no_db, "case", "list").exit_code == 1  # still nothing created


@pytest.mark.parametrize(
    "args",
    [["init"], ["demo"], ["import", "{log}"]],
    ids=["init", "demo", "import"],
)
def test_init_demo_and_import_create_it_privately(args: list[str], tmp_path: Path) -> None:
    """Item 9: the database 0600 (its -wal and -shm too), the folders zatlog makes 0700."""
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps(OPEN) + "\n")
    db = tmp_path / "new" / "deeper" / "school.db"
    old = os.umask(0o022)
    try:
        result = invoke("--db", str(db), *(a.format(log=log) for a in args))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700 and _mode(db.parent.parent) == 0o700
    assert invoke("--db", str(db), "case", "list").exit_code == 0
    for companion in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if companion.exists():
            assert _mode(companion) == 0o600


def test_a_failed_import_leaves_no_new_database_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(OPEN) + "\n" + '{"action": "nonsense"}\n')
    db = tmp_path / "new" / "school.db"
    result = invoke("--db", str(db), "import", str(bad))
    assert_clean_failure(result, codes=(1,))
    assert "regel 2" in result.output
    assert tree(tmp_path) == {"bad.jsonl"}


def test_a_database_readable_by_others_is_warned_about(demo_db: str, tmp_path: Path) -> None:
    copy = tmp_path / "shared.db"
    copy.write_bytes(Path(demo_db).read_bytes())
    copy.chmod(0o644)
    result = invoke("--db", str(copy), "case", "list")
    assert result.exit_code == 0
    assert f"waarschuwing: {copy} is leesbaar voor anderen" in result.stderr
    assert f"chmod 600 {copy}" in result.stderr
    copy.chmod(0o600)
    assert "waarschuwing" not in invoke("--db", str(copy), "case", "list").stderr


# -- unknown cases and reversed ranges ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "--case", "demo-02", "--fail-on", "minor"],
        ["due", "--case", "demo-02"],
        ["case", "show", "demo-02"],
        ["case", "timeline", "demo-02"],
        ["dossier", "export", "demo-02", "--for", "mother", "--format", "json", "-o", "-"],
        ["dossier", "request", "demo-02", "--for", "mother", "--kind", "inspection"],
        ["consent", "give", "--case", "demo-02", "--at", "2026-09-01", "--consent", "f-cvb",
         "--signer", "mother", "--method", "signature"],
        ["access-log", "--case", "demo-02"],
    ],
    ids=["audit", "due", "show", "timeline", "export", "request", "consent-give", "access-log"],
)  # fmt: skip
def test_an_unknown_case_exits_1_and_suggests_close_ones(demo_db: str, args: list[str]) -> None:
    before = invoke("--db", demo_db, "export-log").output
    result = invoke("--db", demo_db, *args)
    assert_clean_failure(result, codes=(1,))
    assert "dossier demo-02 staat niet in het logboek; bedoelde u demo-002" in result.output
    assert invoke("--db", demo_db, "export-log").output == before


def test_a_reader_that_goes_away_ends_the_command_quietly(demo_db: str, tmp_path: Path) -> None:
    """`zatlog … | head`: no 'Broken pipe' error line once head has read enough."""
    reader = subprocess.Popen(
        [sys.executable, "-m", "zatlog", "--db", demo_db, "access-log"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # before it writes: its first write finds nobody reading
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 1
    assert stderr == ""


def test_the_access_log_of_a_known_case_nobody_looked_at_is_empty(demo_db: str) -> None:
    result = invoke("--db", demo_db, "access-log", "--case", "demo-003", "--actor", "nobody")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "geen inzage vastgelegd"


def test_an_unknown_case_with_nothing_close_names_none(demo_db: str) -> None:
    result = invoke("--db", demo_db, "--lang", "en", "audit", "--case", "zzzz-9999")
    assert result.exit_code == 1
    assert "case zzzz-9999 is not in the log" in result.output
    assert "did you mean" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "--school", "defualt", "--fail-on", "minor"],
        ["audit", "--school", "defualt", "--as-of", "2026-10-01", "--fail-on", "minor"],
        ["due", "--school", "defualt"],
        ["case", "list", "--school", "defualt"],
    ],
    ids=["audit", "audit-as-of", "due", "case-list"],
)
def test_an_unknown_school_exits_1_and_suggests_close_ones(demo_db: str, args: list[str]) -> None:
    """A mistyped --school must not read as a school without findings."""
    before = invoke("--db", demo_db, "export-log").output
    result = invoke("--db", demo_db, *args)
    assert_clean_failure(result, codes=(1,))
    assert "school defualt heeft geen dossiers in het logboek; bedoelde u default?" in result.output
    assert invoke("--db", demo_db, "export-log").output == before


def test_an_unknown_school_with_nothing_close_names_none(demo_db: str) -> None:
    result = invoke("--db", demo_db, "--lang", "en", "audit", "--school", "zzzz")
    assert result.exit_code == 1
    assert "school zzzz has no cases in the log" in result.output
    assert "did you mean" not in result.output


@pytest.mark.parametrize(
    "args",
    [["audit", "--school", "default", "--format", "json"], ["case", "list", "--school", "default"]],
    ids=["audit", "case-list"],
)
def test_a_known_school_is_answered(demo_db: str, args: list[str]) -> None:
    result = invoke("--db", demo_db, *args)
    assert result.exit_code == 0, result.output
    assert "demo-001" in result.output


def test_a_known_school_with_nothing_to_list_is_an_empty_answer(demo_db: str) -> None:
    result = invoke("--db", demo_db, "case", "list", "--school", "default", "--step", "5")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Geen dossiers."


@pytest.mark.parametrize(
    "command", [["audit"], ["providers", "report"]], ids=["audit", "providers"]
)
def test_a_reversed_date_range_is_a_usage_error(demo_db: str, command: list[str]) -> None:
    result = invoke("--db", demo_db, *command, "--from", "2026-10-01", "--to", "2026-09-01")
    assert_clean_failure(result, codes=(2,))
    assert "--from 1 oktober 2026 ligt na --to 1 september 2026" in result.output


# -- no traceback, ever ------------------------------------------------------------------------


@pytest.mark.parametrize("leaf", LEAVES, ids=IDS)
def test_bad_arguments_are_usage_errors(leaf: Leaf, demo_db: str) -> None:
    before = invoke("--db", demo_db, "export-log").output
    for extra in (["--no-such-option"], ["--at", "not-a-date"], ["--lang", "fr"]):
        result = invoke("--db", demo_db, *leaf.example(), *extra)
        if extra[0] == "--at" and "--at" not in leaf.option_names():
            assert_clean_failure(result, codes=(2,))
            continue
        assert_clean_failure(result)
    assert invoke("--db", demo_db, "export-log").output == before


def test_a_missing_or_unreadable_input_file_is_one_clear_line(demo_db: str, tmp_path: Path) -> None:
    for args in (
        ["import", str(tmp_path / "nope.jsonl")],
        ["import", str(tmp_path)],
        ["import", "/proc/self/mem"],
        ["audit", "--policy", str(tmp_path / "nope.toml")],
        ["audit", "--pseudonymize", str(tmp_path / "nope.key")],
        ["due", "--policy", str(tmp_path)],
    ):
        assert_clean_failure(invoke("--db", demo_db, *args))


def test_a_policy_that_is_not_toml_is_one_clear_line(demo_db: str, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_bytes(b"invite_lead_days = = 7\n\xff")
    for command in (["audit"], ["due"], ["providers", "report"]):
        result = invoke("--db", demo_db, *command, "--as-of", "2026-12-01", "--policy", str(policy))
        assert_clean_failure(result, codes=(1,))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_import_file(demo_db: str, tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps(OPEN) + "\n")
    log.chmod(0)
    assert_clean_failure(invoke("--db", demo_db, "import", str(log)), codes=(1,))


def _bad_outputs(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(where, what the message says) for every kind of output zatlog must refuse."""
    (tmp_path / "a-folder").mkdir()
    target = tmp_path / "target.txt"
    target.write_text("keep me\n")
    (tmp_path / "link.txt").symlink_to(target)
    yield str(tmp_path / "no-such-folder" / "x.out"), "bestaat niet"
    yield str(tmp_path / "a-folder"), "is een map"
    yield str(tmp_path / "link.txt"), "symbolische koppeling"
    yield "/proc/version", "schrijven mislukt"  # read-only, even for root
    yield "/dev/full", "schrijven mislukt"


@pytest.mark.parametrize("leaf", OUTPUT_COMMANDS, ids=[leaf.name for leaf in OUTPUT_COMMANDS])
def test_outputs_that_cannot_be_written_fail_cleanly_and_write_nothing(
    leaf: Leaf, demo_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = invoke("--db", demo_db, "export-log").output
    monkeypatch.chdir(tmp_path)
    example = [w for w in leaf.example() if w not in ("-o", "--output")]
    example = [w for w in example if not w.endswith((".html", ".csv", ".jsonl", ".pdf"))]
    work = tmp_path / "work"
    work.mkdir()
    for output, says in _bad_outputs(work):
        files = tree(tmp_path)
        result = invoke("--db", demo_db, *example, "-o", output)
        assert_clean_failure(result, codes=(1,))
        assert says in result.output, (output, result.output)
        assert tree(tmp_path) == files
    assert (work / "target.txt").read_text() == "keep me\n"
    assert invoke("--db", demo_db, "export-log").output == before  # nothing recorded


@pytest.mark.parametrize(
    "leaf",
    [leaf for leaf in LEAVES if leaf.path not in REPORTING],
    ids=[leaf.name for leaf in LEAVES if leaf.path not in REPORTING],
)
def test_a_file_that_is_not_a_zatlog_database(
    leaf: Leaf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database, just notes\n" * 100)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    monkeypatch.chdir(tmp_path)
    for db in (text, other):
        content = db.read_bytes()
        result = invoke("--db", str(db), *leaf.example())
        assert_clean_failure(result, codes=(1,))
        assert db.read_bytes() == content
    assert f"{text} is geen zatlog-database" in invoke("--db", str(text), "case", "list").output
    other_says = invoke("--db", str(other), "init").output
    assert f"{other} is geen zatlog-database: het logboek ontbreekt erin" in other_says


@pytest.fixture
def no_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint as on a machine without Pango: importing it raises the OSError it raises."""

    class MissingPango:
        def find_spec(self, name: str, *args: object) -> None:
            if name == "weasyprint" or name.startswith("weasyprint."):
                raise OSError(
                    "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared "
                    "object file: No such file or directory"
                )

    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [MissingPango(), *sys.meta_path])


def test_a_pdf_without_pango_says_what_to_install(
    no_pango: None, demo_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = invoke("--db", demo_db, "export-log").output
    monkeypatch.chdir(tmp_path)
    result = invoke("--db", demo_db, "dossier", "export", "demo-002", "--for", "mother")
    assert_clean_failure(result, codes=(1,))
    assert "libpango-1.0-0" in result.output and "apt install" in result.output
    assert "--format html" in result.output
    assert tree(tmp_path) == set()
    assert invoke("--db", demo_db, "export-log").output == before  # no disclosure recorded
    html = invoke("--db", demo_db, "dossier", "export", "demo-002", "--for", "mother",
                  "--format", "html")  # fmt: skip
    assert html.exit_code == 0, html.output
    doctor = invoke("--db", demo_db, "doctor")
    assert doctor.exit_code == 1
    assert "libpango" in doctor.output and "--format html" in doctor.output
    assert doctor.output.rstrip().endswith("\n1 probleem gevonden")


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


OPEN = {
    "action": "case_opened",
    "case": "2026-001",
    "at": "2026-09-01",
    "pupil_name": "Sam Fictief",
    "birth_date": "2015-05-05",
    "school_type": "so",
}


def test_a_pdf_is_not_written_to_a_terminal(demo_db: str, tmp_path: Path) -> None:
    """`dossier export … -o -` on a terminal: a usage error, nothing recorded."""
    import pty

    before = invoke("--db", demo_db, "export-log").output
    leader, follower = pty.openpty()
    try:
        exported = subprocess.run(
            [sys.executable, "-m", "zatlog", "--db", demo_db, "dossier", "export", "demo-002",
             "--for", "mother", "-o", "-"],
            stdout=follower, stderr=subprocess.PIPE, cwd=tmp_path, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(follower)
        os.close(leader)
    assert exported.returncode == 2
    said = exported.stderr.decode()
    assert "een PDF is niet te lezen in de terminal" in said and "Traceback" not in said
    assert invoke("--db", demo_db, "export-log").output == before
    piped = invoke("--db", demo_db, "dossier", "export", "demo-002", "--for", "mother",
                   "--format", "json", "-o", "-")  # fmt: skip
    assert piped.exit_code == 0, piped.output
