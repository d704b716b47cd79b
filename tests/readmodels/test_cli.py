"""The reading commands: `case show|list|timeline`, `due`, `projections status|rebuild|follow`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from readmodel_stores import SCENARIOS, scenario_lines

from zatlog.application import ZatlogApp
from zatlog.cli.main import cli
from zatlog.importer import import_lines
from zatlog.projections.i18n import READ_MODEL_LABELS, label, table_day
from zatlog.projections.runner import PROJECTIONS
from zatlog.storage import resolve

P02 = "p02_late_invite_absent_parents"
P06 = "p06_safety_override_with_deferral"
P09 = "p09_inspection_request_answered_late"


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, *args])


def imported(db: str, *names: str) -> str:
    for name in names:
        scenario_lines(name)  # skips when the scenarios are not there
        result = run(db, "import", str(SCENARIOS / f"{name}.jsonl"))
        assert result.exit_code == 0, result.output
    return db


def test_case_show_as_of_a_date_in_english(db: str) -> None:
    imported(db, P06)

    result = run(db, "case", "show", "2025-006", "--as-of", "2025-11-20", "--lang", "en")

    assert result.exit_code == 0, result.output
    # Imported today, every entry is back-dated: they are listed at the end.
    shown, later = result.output.split("\nRecorded later (more than a day after the date)\n")
    assert len(later.splitlines()) == 14
    assert "  12 November 2025 Parents informed: recorded on " in later
    assert shown == (
        "Case 2025-006, as of 20 November 2025\n"
        "\n"
        "Pupil          Sem Jansen, born 10 May 2014, 11 years (SO); right: right to important "
        "facts\n"
        "Opened         1 September 2025\n"
        "Step           3 CvB discussion, since 15 September 2025\n"
        "Status         open\n"
        "Last activity  12 November 2025 Parents informed (14 events)\n"
        "\n"
        "People\n"
        "  person  name         relation  authority        right                 notes\n"
        "  father  Kees Jansen  parent    joint authority  full right of access  holds authority\n"
        "  mother  Anna Jansen  parent    joint authority  full right of access  holds authority\n"
        "\n"
        "Consent\n"
        "  none\n"
        "\n"
        "Meetings\n"
        "  m-safe  Care and advice team (ZAT), not scheduled\n"
        "    invited: none\n"
        "    held on 6 November 2025: by name, in full, basis safety (without consent), parents "
        "absent\n"
        "\n"
        "Safety and reports\n"
        "  5 November 2025 decided to discuss without consent (abuse, director)\n"
        "  5 November 2025 notification deferred (the child's safety); review on "
        "12 November 2025\n"
        "  6 November 2025 report to Veilig Thuis (child protection) (VT-2025-118)\n"
        "  12 November 2025 told of a report: Anna Jansen, Kees Jansen (letter, in writing)\n"
        "\n"
        "Open information requests\n"
        "  none\n"
    )


def test_case_show_in_dutch_by_default(db: str) -> None:
    imported(db, P02)

    result = run(db, "case", "show", "2025-002", "--as-of", "2025-10-10")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Dossier 2025-002, peildatum 10 oktober 2025"
    assert lines[4] == "Stap                4a aangemeld bij het ZAT, sinds 1 oktober 2025"
    assert "  m-zat  Zorg- en adviesteam (ZAT), gepland op 20 oktober 2025" in lines
    assert "    nog niet besproken" in lines


def test_case_show_json_follows_the_contract(db: str) -> None:
    imported(db, P02)

    result = run(db, "case", "show", "2025-002", "--as-of", "2025-10-10", "--format", "json")

    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert list(shown) == [
        "case", "as_of", "step", "people", "consents", "requests", "restrictions", "back_dated"
    ]  # fmt: skip
    assert (shown["case"], shown["as_of"], shown["step"]) == ("2025-002", "2025-10-10", "4a")
    assert shown["people"] == [
        {"person": "pupil", "relation": "pupil", "authority": None, "right": "important_facts"},
        {"person": "father", "relation": "parent", "authority": "joint", "right": "full"},
        {"person": "mother", "relation": "parent", "authority": "joint", "right": "full"},
    ]
    assert all(
        list(form) == ["consent", "forum", "status", "valid_until", "signed_by", "missing"]
        for form in shown["consents"]
    )
    assert (shown["requests"], shown["restrictions"]) == ([], [])


def test_case_show_today_reads_the_stored_state(db: str) -> None:
    imported(db, P02)

    result = run(db, "case", "show", "2025-002", "--format", "json")

    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert (shown["as_of"], shown["step"]) == (date.today().isoformat(), "5")


def test_case_show_known_at_a_date_before_the_import_knows_nothing(db: str) -> None:
    imported(db, P02)

    result = run(db, "case", "show", "2025-002", "--known-at", "2025-01-01")

    assert result.exit_code == 1
    assert result.output == "Fout: dossier 2025-002 was op 1 januari 2025 nog niet geopend\n"


def test_case_show_of_an_unknown_case_says_so(db: str) -> None:
    imported(db, P02)

    result = run(db, "case", "show", "2025-999", "--lang", "en")

    assert result.exit_code == 1
    assert result.output == "Error: case 2025-999 is not in the log; did you mean 2025-002?\n"


def test_case_show_before_the_case_was_opened_says_so(db: str) -> None:
    imported(db, P02)

    result = run(db, "case", "show", "2025-002", "--as-of", "2025-08-31", "--lang", "en")

    assert result.exit_code == 1
    assert result.output == "Error: case 2025-002 had not been opened on 31 August 2025\n"


def test_a_bad_date_is_a_usage_error_naming_the_option(sqlite_db: str) -> None:
    result = run(sqlite_db, "case", "show", "2025-002", "--as-of", "2025-13-01")
    moment = run(sqlite_db, "case", "show", "2025-002", "--known-at", "yesterday")

    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Fout: Ongeldige waarde voor '--as-of': '2025-13-01' is geen datum JJJJ-MM-DD"
    )
    assert moment.exit_code == 2
    assert moment.output.splitlines()[-1] == (
        "Fout: Ongeldige waarde voor '--known-at': 'yesterday' is geen tijdstip "
        "JJJJ-MM-DDTUU:MM[:SS] en geen datum"
    )


def test_case_list_shows_step_status_and_activity(db: str) -> None:
    imported(db, P02, P06)

    result = run(db, "case", "list", "--lang", "en")

    assert result.exit_code == 0, result.output
    assert result.output == (
        "Case      School  Pupil       Step  since        Status  Opened       Last activity\n"
        "2025-002  -       Sem Jansen  5     27 Oct 2025  open     1 Sep 2025   5 Nov 2025\n"
        "2025-006  -       Sem Jansen  3     15 Sep 2025  open     1 Sep 2025  12 Nov 2025\n"
    )


def test_case_list_filters_and_speaks_json(db: str) -> None:
    imported(db, P02, P06)

    in_step_3 = run(db, "case", "list", "--step", "3", "--format", "json")
    closed = run(db, "case", "list", "--closed")

    assert in_step_3.exit_code == 0, in_step_3.output
    assert json.loads(in_step_3.output) == {
        "as_of": date.today().isoformat(),
        "cases": [
            {
                "case": "2025-006",
                "school": "default",
                "pupil_name": "Sem Jansen",
                "step": "3",
                "step_since": "2025-09-15",
                "closed": False,
                "opened_on": "2025-09-01",
                "last_activity": "2025-11-12",
            }
        ],
    }
    assert closed.output == "Geen dossiers.\n"


def test_case_timeline_lists_every_event_in_time_order_with_its_recording(db: str) -> None:
    imported(db, P02)

    result = run(db, "case", "timeline", "2025-002", "--lang", "en")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 30
    assert lines[0].split() == ["date", "action", "recorded", "by", "details"]
    # Imported today, each entry is back-dated: its recording date stands beside its date.
    recorded_on = f"(recorded on {table_day(date.today(), 'en').strip()})"
    assert lines[1].startswith(f" 1 Sep 2025 {recorded_on}  Case opened ")
    assert lines[1].endswith(
        "ib-devries  date of birth: 10 May 2014; school type: special primary education (SO)"
    )
    days = [datetime.strptime(line[:11].strip(), "%d %b %Y") for line in lines[1:]]
    assert days == sorted(days)
    # Recorded after 11-05, the step of 10-27 still shows in its place in time.
    step_5 = next(n for n, line in enumerate(lines) if line.endswith("step: 5 support provided"))
    assert lines[step_5].startswith(f"27 Oct 2025 {recorded_on}  Step entered ")
    assert "Anna" not in result.output


def test_case_timeline_is_dutch_by_default(db: str) -> None:
    imported(db, P02)

    result = run(db, "case", "timeline", "2025-002")

    assert result.output.splitlines()[0].split() == [
        "datum", "handeling", "vastgelegd", "door", "gegevens"
    ]  # fmt: skip
    recorded_on = f"(vastgelegd op {table_day(date.today()).strip()})"
    assert result.output.splitlines()[1].startswith(f" 1 sep 2025 {recorded_on}  Dossier geopend ")


def test_due_lists_what_to_do_overdue_first(db: str) -> None:
    imported(db, P02, P09)

    result = run(db, "due", "--as-of", "2025-11-04", "--format", "json", "--lang", "en")

    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "as_of": "2025-11-04",
        "items": [
            {
                "case": "2025-002",
                "kind": "outcome",
                "due": "2025-10-27",
                "overdue": True,
                "for": ["father", "mother"],
                "what": "Tell the outcome of the ZAT discussion of 2025-10-20 (m-zat)",
            },
            {
                "case": "2025-009",
                "kind": "information_request",
                "due": "2025-12-03",
                "overdue": False,
                "for": ["mother"],
                "what": "Answer request r-1 of 2025-11-03 for a copy",
            },
        ],
    }


def test_due_as_a_table_marks_what_is_overdue(db: str) -> None:
    imported(db, P02, P09)

    result = run(db, "due", "--as-of", "2025-11-04")

    assert result.exit_code == 0, result.output
    assert result.output == (
        "uiterlijk             Dossier   soort     voor                      wat\n"
        "27 okt 2025  TE LAAT  2025-002  uitkomst  Kees Jansen, Anna Jansen  Uitkomst van de "
        "ZAT-bespreking van 20 oktober 2025 (m-zat) laten weten\n"
        " 3 dec 2025           2025-009  verzoek   Anna Jansen               Verzoek r-1 van "
        "3 november 2025 om een kopie beantwoorden\n"
    )


def test_due_within_days_and_for_one_case(db: str) -> None:
    imported(db, P02, P06)

    soon = run(db, "due", "--as-of", "2025-11-07", "--within", "5", "--format", "json")
    later = run(db, "due", "--as-of", "2025-11-07", "--within", "4", "--format", "json")
    one = run(db, "due", "--as-of", "2025-10-21", "--case", "2025-006", "--format", "json")

    assert [i["kind"] for i in json.loads(soon.output)["items"]] == ["deferral_review"]
    assert json.loads(later.output)["items"] == []
    assert json.loads(one.output)["items"] == []


def test_due_with_a_policy_file_uses_its_terms(db: str, tmp_path: Path) -> None:
    imported(db, P02)
    policy = tmp_path / "policy.toml"
    policy.write_text("outcome_deadline_days = 3\n", encoding="utf-8")

    result = run(db, "due", "--as-of", "2025-10-21", "--policy", str(policy), "--format", "json")

    assert [(i["kind"], i["due"]) for i in json.loads(result.output)["items"]] == [
        ("outcome", "2025-10-23")
    ]


def test_due_today_reads_the_stored_items(db: str) -> None:
    imported(db, P02)

    result = run(db, "due", "--format", "json")

    assert json.loads(result.output) == {"as_of": date.today().isoformat(), "items": []}


def test_due_for_an_unknown_case_says_so(db: str) -> None:
    imported(db, P02)

    result = run(db, "due", "--case", "2025-999")

    assert result.exit_code == 1
    assert result.output == (
        "Fout: dossier 2025-999 staat niet in het logboek; bedoelde u 2025-002?\n"
    )


def test_nothing_due_says_so(db: str) -> None:
    imported(db, P02)

    result = run(db, "due", "--as-of", "2025-09-01", "--lang", "en")

    assert result.output == "Nothing is due.\n"


def test_projections_status_shows_each_position_against_the_log(db: str) -> None:
    # Recorded without the CLI, which would catch the read models up after the write.
    app = ZatlogApp(resolve(db))
    with (SCENARIOS / f"{P02}.jsonl").open("rb") as lines:
        import_lines(app, lines, default_actor="ib-test")
    app.close()
    before = run(db, "projections", "status")
    run(db, "case", "list")

    after = run(db, "projections", "status")

    assert before.output.splitlines()[:4] == [
        "leesmodel                 positie  log  achter",
        "dossierindex              0        38   38",
        "stand van de dossiers     0        38   38",
        "termijnenlijst            0        38   38",
    ]
    assert after.output.splitlines()[:4] == [
        "leesmodel                 positie  log  achter",
        "dossierindex              38       38   0",
        "stand van de dossiers     38       38   0",
        "termijnenlijst            38       38   0",
    ]
    table = 1 + len(PROJECTIONS)
    following = ["geen volger: elke opdracht werkt ze zelf bij"]  # PostgreSQL only
    assert after.output.splitlines()[table:] == (following if "postgresql" in db else [])


def test_projections_rebuild_rebuilds_every_read_model(db: str) -> None:
    imported(db, P02)

    result = CliRunner().invoke(cli, ["--db", db, "projections", "rebuild"])

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{label(READ_MODEL_LABELS, name)} opnieuw opgebouwd tot positie 38" for name in PROJECTIONS
    ]


def test_projections_rebuild_with_workers_builds_the_same_read_models(db: str) -> None:
    imported(db, P02)
    run(db, "projections", "rebuild", "--workers", "1")
    shown = run(db, "case", "show", "2025-002", "--format", "json").stdout
    due = run(db, "due", "--format", "json").stdout

    # The installed command, as a user runs it: its workers are processes of their own.
    command = [str(Path(sys.executable).with_name("zatlog")), "--db", db]
    rebuilt = subprocess.run(
        [*command, "projections", "rebuild", "--workers", "2"], capture_output=True, text=True
    )
    zero = run(db, "projections", "rebuild", "--workers", "0")

    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.splitlines() == [
        f"{label(READ_MODEL_LABELS, name)} opnieuw opgebouwd tot positie 38" for name in PROJECTIONS
    ]
    assert run(db, "case", "show", "2025-002", "--format", "json").stdout == shown
    assert run(db, "due", "--format", "json").stdout == due
    assert zero.exit_code == 2 and "--workers" in zero.output


def test_projections_rebuild_of_one_read_model(db: str) -> None:
    imported(db, P02)

    result = run(db, "projections", "rebuild", "--projection", "due")
    wrong = run(db, "projections", "rebuild", "--projection", "nope")

    assert result.stdout.endswith("termijnenlijst opnieuw opgebouwd tot positie 38\n")
    assert "case_state" not in result.stdout
    assert wrong.exit_code == 1
    assert wrong.output.endswith(
        f"Fout: onbekend leesmodel 'nope'; verwacht een van: {', '.join(PROJECTIONS)}\n"
    )


def test_projections_follow_on_sqlite_says_why_not(sqlite_db: str) -> None:
    result = run(sqlite_db, "projections", "follow")
    english = run(sqlite_db, "--lang", "en", "projections", "follow")

    assert result.exit_code == 1
    assert result.output == (
        f"Fout: {sqlite_db}: bijhouden kan alleen met PostgreSQL; met SQLite werkt elke "
        "opdracht de leesmodellen zelf bij\n"
    )
    assert english.exit_code == 1
    assert english.output == (
        f"Error: {sqlite_db}: following needs PostgreSQL; on SQLite every command catches the "
        "read models up itself\n"
    )


def test_the_case_group_keeps_its_recording_commands(sqlite_db: str) -> None:
    result = run(
        sqlite_db, "case", "open", "--case", "2025-100", "--at", "2025-09-01",
        "--pupil-name", "Pim Test", "--birth-date", "2014-01-01", "--school-type", "so",
    )  # fmt: skip
    listed = run(sqlite_db, "case", "--help")

    assert result.exit_code == 0, result.output
    assert result.output == "vastgelegd: Dossier geopend, dossier 2025-100 (1 september 2025)\n"
    commands = [
        line.split()[0] for line in listed.output.split("Opdrachten:")[1].splitlines() if line
    ]
    assert commands == ["close", "list", "open", "show", "timeline"]


def test_a_read_of_current_read_models_imports_no_action_model(sqlite_db: str) -> None:
    imported(sqlite_db, P02)
    assert run(sqlite_db, "case", "list").exit_code == 0  # catches up
    code = (
        "import sys\n"
        "from zatlog.cli.main import cli\n"
        "for args in (['case', 'show', '2025-002'], ['due', '--case', '2025-002']):\n"
        f"    try:\n        cli(['--db', {sqlite_db!r}, *args])\n    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('zatlog.actions', 'zatlog.case', 'zatlog.policy', "
        "'eventsourcing.postgres') if m in sys.modules))"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("command", [["case", "show", "x"], ["due"], ["case", "timeline", "x"]])
def test_reading_an_empty_database_is_no_error(sqlite_db: str, command: list[str]) -> None:
    result = run(sqlite_db, *command, "--lang", "en")

    assert result.output in ("Error: case x is not in the log\n", "Nothing is due.\n")


def test_read_models_of_an_encrypted_log_hold_no_readable_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_db = str(tmp_path / "new.db")  # nothing there yet: the test chooses how it is made
    from eventsourcing.cryptography import AESCipher

    monkeypatch.setenv("ZATLOG_CIPHER_KEY", AESCipher.create_key(32))
    imported(sqlite_db, P02)

    shown = run(sqlite_db, "case", "show", "2025-002", "--as-of", "2025-10-10")
    stored = run(sqlite_db, "case", "show", "2025-002")
    listed = run(sqlite_db, "case", "list")
    timeline = run(sqlite_db, "case", "timeline", "2025-002")

    assert "Sem Jansen" in shown.output
    assert "Anna Jansen" in stored.output
    assert "Sem Jansen" in listed.output
    assert "Withdrawn in class" in timeline.output
    files = [Path(sqlite_db), Path(sqlite_db + "-wal")]
    raw = b"".join(f.read_bytes() for f in files if f.exists())
    assert b"Jansen" not in raw
    assert b"Withdrawn in class" not in raw


def test_read_models_are_not_read_with_another_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_db = str(tmp_path / "new.db")  # nothing there yet: the test chooses how it is made
    from eventsourcing.cryptography import AESCipher

    from zatlog.keys import key_id

    key, other = AESCipher.create_key(32), AESCipher.create_key(32)
    monkeypatch.setenv("ZATLOG_CIPHER_KEY", key)
    imported(sqlite_db, P02)
    assert run(sqlite_db, "case", "list").exit_code == 0
    monkeypatch.setenv("ZATLOG_CIPHER_KEY", other)

    result = run(sqlite_db, "case", "show", "2025-002")

    assert result.exit_code == 1
    assert result.output == (
        f"Fout: deze database is versleuteld en heeft de sleutel met id {key_id(key)} nodig; "
        f"ZATLOG_CIPHER_KEY bevat een andere sleutel (id {key_id(other)})\n"
    )
