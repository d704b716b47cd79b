"""Domain v2, write side: new actions, the refusals of 4.8, dates ahead, time of day, --history.

Every refusal is checked for its exact message, exit status 1 and an unchanged log.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from key_lines import without_key_line

from zatlog.application import ZatlogApp
from zatlog.cli.main import cli
from zatlog.projections.case_state import case_state
from zatlog.projections.i18n import long_day
from zatlog.restore import PROOF_FIELDS
from zatlog.storage import resolve

CASE = "2025-040"
BORN = "2009-09-02"  # 16 on 2025-09-02


def in_words(day: date | str) -> str:
    """A date as English messages write it (``30 November 2026``)."""
    return long_day(date.fromisoformat(str(day)), "en")


def run(db: str, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--db", db, "--lang", "en", "--actor", "ib-test", *args])


def ok(db: str, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return str(result.output)


def exported(db: str) -> list[dict[str, Any]]:
    """The exported actions, without their proof (recording time and chain)."""
    lines = [json.loads(line) for line in ok(db, "export-log").splitlines()]
    return [{k: v for k, v in line.items() if k not in PROOF_FIELDS} for line in lines]


def refused(db: str, args: list[str], message: str) -> None:
    """The command exits 1 with exactly ``message`` and writes nothing."""
    before = exported(db)
    result = run(db, *args)
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: {message}\n"
    assert exported(db) == before


def write(tmp_path: Path, lines: list[dict[str, Any]], name: str = "log.jsonl") -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return str(path)


@pytest.fixture
def case_db(db: str) -> str:
    ok(
        db,
        "case",
        "open",
        "--case",
        CASE,
        "--at",
        "2025-09-01",
        "--pupil-name",
        "Test Pupil",
        "--birth-date",
        BORN,
        "--school-type",
        "vso",
    )
    ok(
        db,
        "relation",
        "record",
        "--case",
        CASE,
        "--at",
        "2025-09-01",
        "--person",
        "mother",
        "--name",
        "Test Mother",
        "--relation",
        "parent",
        "--authority",
        "joint",
    )
    return db


def schedule(db: str, at: str, meeting: str = "m-zat", on: str = "2025-10-01") -> None:
    ok(
        db,
        "meeting",
        "schedule",
        "--case",
        CASE,
        "--at",
        at,
        "--meeting",
        meeting,
        "--forum",
        "zat",
        "--date",
        on,
        "--purpose",
        "support needs",
    )


def cancel_args(at: str, meeting: str = "m-zat", *extra: str) -> list[str]:
    return ["meeting", "cancel", "--case", CASE, "--at", at, "--meeting", meeting, *extra]


def discussion_args(at: str, meeting: str = "m-zat", *extra: str) -> list[str]:
    return [
        "discussion",
        "record",
        "--case",
        CASE,
        "--at",
        at,
        "--meeting",
        meeting,
        "--forum",
        "zat",
        "--level",
        "anonymous",
        "--basis",
        "none",
        "--attendees",
        "ib",
        "--data-shared",
        "sdq",
        "--no-parents-present",
        "--no-pupil-present",
        *extra,
    ]


def signal_args(at: str) -> list[str]:
    return [
        "signal",
        "raise",
        "--case",
        CASE,
        "--at",
        at,
        "--source",
        "teacher",
        "--description",
        "withdrawn in class",
    ]


# -- 4.1: nothing can have happened on a day still to come --------------------------------


def test_an_at_after_today_is_refused_naming_the_date_and_today(case_db: str) -> None:
    today = date.today()
    tomorrow = today + timedelta(days=1)
    refused(
        case_db,
        signal_args(tomorrow.isoformat()),
        f"--at: {in_words(tomorrow)} is later than today "
        f"({in_words(today)}); "
        "an action can only be recorded on or after the day it happened",
    )
    refused(
        case_db,
        signal_args(f"{tomorrow.isoformat()}T00:00:00"),
        f"--at: {in_words(tomorrow)} is later than today "
        f"({in_words(today)}); "
        "an action can only be recorded on or after the day it happened",
    )


def test_today_and_a_later_time_today_are_accepted(case_db: str) -> None:
    today = date.today().isoformat()
    ok(case_db, *signal_args(today))
    ok(case_db, *signal_args(f"{today}T23:59:59"))
    assert [line["at"] for line in exported(case_db)[-2:]] == [today, f"{today}T23:59:59"]


def test_dates_inside_an_action_may_lie_ahead(case_db: str) -> None:
    ahead = (date.today() + timedelta(days=30)).isoformat()
    schedule(case_db, date.today().isoformat(), on=ahead)
    ok(
        case_db,
        "pupil",
        "authorise",
        "--case",
        CASE,
        "--at",
        date.today().isoformat(),
        "--person",
        "mother",
        "--scope",
        "all",
        "--until",
        ahead,
    )
    assert exported(case_db)[-2]["date"] == ahead
    assert exported(case_db)[-1]["until"] == ahead


def test_an_import_with_a_line_dated_tomorrow_writes_nothing(db: str, tmp_path: Path) -> None:
    today = date.today()
    tomorrow = (today + timedelta(days=1)).isoformat()
    lines = [
        {
            "action": "case_opened",
            "case": CASE,
            "at": "2025-09-01",
            "pupil_name": "Test Pupil",
            "birth_date": BORN,
            "school_type": "vso",
        },
        {
            "action": "signal_raised",
            "case": CASE,
            "at": tomorrow,
            "source": "teacher",
            "description": "x",
        },
    ]
    path = write(tmp_path, lines)
    result = run(db, "import", path)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: line 2: at: {in_words(tomorrow)} is later than today "
        f"({in_words(today)}); "
        "an action can only be recorded on or after the day it happened\n"
    )
    assert exported(db) == []


# -- 4.1: a time of day orders the events of one day ----------------------------------------


def test_a_time_of_day_is_kept_and_orders_the_timeline(case_db: str) -> None:
    ok(case_db, *signal_args("2025-09-03T14:30"))
    ok(case_db, *signal_args("2025-09-03T09:15"))
    ok(case_db, *signal_args("2025-09-03"))
    assert [line["at"] for line in exported(case_db)[-3:]] == [
        "2025-09-03T14:30:00",
        "2025-09-03T09:15:00",
        "2025-09-03",
    ]
    timeline = ok(case_db, "case", "timeline", CASE, "--lang", "en").splitlines()
    # (each back-dated, so with its recording date after the date)
    days = [row.split(" (recorded on")[0] for row in timeline if row.startswith(" 3 Sep 2025")]
    # The date without a time counts as the start of its day; the two times order the rest.
    assert days == [" 3 Sep 2025", " 3 Sep 2025 09:15", " 3 Sep 2025 14:30"]


def test_events_of_one_day_without_a_time_keep_their_recording_order(case_db: str) -> None:
    from zatlog.application import ZatlogApp
    from zatlog.records import in_time_order
    from zatlog.storage import resolve

    schedule(case_db, "2025-09-03", "m-b")
    schedule(case_db, "2025-09-03", "m-a")
    schedule(case_db, "2025-09-02T16:00", "m-c")
    app = ZatlogApp(resolve(case_db))
    ordered = [getattr(e.action, "meeting", None) for e in in_time_order(app.logged_actions())]
    assert ordered == [None, None, "m-c", "m-b", "m-a"]


def test_a_cancellation_later_that_day_wins_over_a_scheduling_recorded_after_it(
    case_db: str,
) -> None:
    schedule(case_db, "2025-09-02")
    ok(case_db, *cancel_args("2025-09-03T10:00"))
    schedule(case_db, "2025-09-03T09:00", on="2025-10-08")  # moved earlier that day
    refused(
        case_db,
        discussion_args("2025-10-08"),
        "--meeting: meeting 'm-zat' was cancelled on 3 September 2025; "
        "schedule it again first (meeting_scheduled)",
    )
    schedule(case_db, "2025-09-03T11:00", on="2025-10-08")
    ok(case_db, *discussion_args("2025-10-08"))


# -- import --history: the migrated marker ----------------------------------------------------


def history_lines() -> list[dict[str, Any]]:
    return [
        {
            "action": "case_opened",
            "case": CASE,
            "at": "2019-09-01",
            "pupil_name": "Test Pupil",
            "birth_date": BORN,
            "school_type": "so",
        },
        {
            "action": "signal_raised",
            "case": CASE,
            "at": "2019-10-01",
            "source": "teacher",
            "description": "x",
        },
    ]


def test_import_history_marks_every_action_migrated_and_export_import_keeps_it(
    db: str, tmp_path: Path
) -> None:
    path = write(tmp_path, history_lines())
    result = run(db, "import", "--history", path)
    assert result.exit_code == 0, result.output
    assert (
        without_key_line(result.output) == f"imported 2 actions from {path} (marked as migrated)\n"
    )
    first = exported(db)
    assert [line.get("migrated") for line in first] == [True, True]
    again = tmp_path / "again.db"
    back = write(tmp_path, first, "export.jsonl")
    ok(str(again), "import", back)  # a plain import keeps the marker on the line
    assert exported(str(again)) == first


def test_a_plain_import_marks_nothing_and_false_is_the_same_as_leaving_it_out(
    db: str, tmp_path: Path
) -> None:
    lines = history_lines()
    lines[1]["migrated"] = False
    ok(db, "import", write(tmp_path, lines))
    assert [("migrated" in line) for line in exported(db)] == [False, False]


def test_a_migrated_marker_that_is_not_a_bool_is_refused(db: str, tmp_path: Path) -> None:
    lines = history_lines()
    lines[1]["migrated"] = "yes"
    path = write(tmp_path, lines)
    result = run(db, "import", path)
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: line 2: migrated: expected true or false\n"
    assert exported(db) == []


def test_recording_commands_have_no_migrated_option(case_db: str) -> None:
    result = run(case_db, *signal_args("2025-09-03"), "--migrated")
    assert result.exit_code == 2
    assert "No such option '--migrated'" in result.output


# -- 4.3: the pupil's authorisations ----------------------------------------------------------


def authorise_args(at: str, person: str = "mother", *extra: str) -> list[str]:
    return ["pupil", "authorise", "--case", CASE, "--at", at, "--person", person, *extra]


def test_a_pupil_of_16_authorises_and_withdraws(case_db: str) -> None:
    out = ok(case_db, *authorise_args("2025-09-02", "mother", "--scope", "plan,sdq"))
    assert out == f"recorded: Pupil authorised a person, case {CASE} (2 September 2025)\n"
    ok(case_db, *authorise_args("2025-09-03", "mother", "--scope", "all", "--until", "2026-08-31"))
    withdraw = ["pupil", "withdraw-authorisation", "--case", CASE, "--at", "2025-09-04"]
    ok(case_db, *withdraw, "--person", "mother")
    lines = exported(case_db)[-3:]
    assert lines[0] == {
        "action": "pupil_authorised_person",
        "case": CASE,
        "at": "2025-09-02",
        "by": "ib-test",
        "person": "mother",
        "scope": ["plan", "sdq"],
    }
    assert lines[1]["scope"] == ["all"] and lines[1]["until"] == "2026-08-31"
    assert lines[2] == {
        "action": "pupil_authorisation_withdrawn",
        "case": CASE,
        "at": "2025-09-04",
        "by": "ib-test",
        "person": "mother",
    }


def test_an_authorisation_by_a_pupil_under_16_is_refused(case_db: str) -> None:
    refused(
        case_db,
        authorise_args("2025-09-01", "mother", "--scope", "all"),
        "--at: the pupil is 15 on 1 September 2025; only a pupil of 16 or older can authorise "
        "a person",
    )


def test_an_authorisation_of_an_unknown_person_or_the_pupil_is_refused(case_db: str) -> None:
    refused(
        case_db,
        authorise_args("2025-09-02", "aunt", "--scope", "all"),
        f"--person: unknown person 'aunt' on case {CASE}; record them with relation_recorded "
        "first (known: mother, pupil)",
    )
    refused(
        case_db,
        authorise_args("2025-09-02", "pupil", "--scope", "all"),
        "--person: the pupil cannot authorise themselves; name the person they authorise",
    )
    missing = run(case_db, *authorise_args("2025-09-02", "mother"))  # a usage error, exit 2
    assert missing.exit_code == 2 and "Missing option '--scope'" in missing.output
    refused(
        case_db,
        ["pupil", "withdraw-authorisation", "--case", CASE, "--at", "2025-09-02", "--person", "x"],
        f"--person: unknown person 'x' on case {CASE}; record them with relation_recorded "
        "first (known: mother, pupil)",
    )


# -- 4.4/4.5: cancelled and moved meetings ----------------------------------------------------


def test_a_meeting_is_cancelled_moved_and_held(case_db: str) -> None:
    schedule(case_db, "2025-09-02")
    out = ok(case_db, *cancel_args("2025-09-05", "m-zat", "--reason", "chair ill"))
    assert out == f"recorded: Meeting cancelled, case {CASE} (5 September 2025)\n"
    ok(
        case_db,
        "parents",
        "inform",
        "--case",
        CASE,
        "--at",
        "2025-09-05",
        "--to",
        "mother",
        "--channel",
        "email",
        "--topics",
        "meeting_cancelled,support",
        "--meeting",
        "m-zat",
    )
    schedule(case_db, "2025-09-06", on="2025-10-15")  # scheduled again: moved
    ok(case_db, *discussion_args("2025-10-15"))
    lines = exported(case_db)
    assert lines[3] == {
        "action": "meeting_cancelled",
        "case": CASE,
        "at": "2025-09-05",
        "by": "ib-test",
        "meeting": "m-zat",
        "reason": "chair ill",
    }
    assert lines[4]["topics"] == ["meeting_cancelled", "support"]


def test_a_meeting_only_invited_to_can_be_cancelled(case_db: str) -> None:
    ok(
        case_db,
        "parents",
        "invite",
        "--case",
        CASE,
        "--at",
        "2025-09-02",
        "--meeting",
        "m-mdo",
        "--to",
        "mother",
        "--channel",
        "letter",
        "--purpose-and-composition-included",
    )
    ok(case_db, *cancel_args("2025-09-03", "m-mdo"))


def test_cancelling_an_unknown_or_cancelled_meeting_is_refused(case_db: str) -> None:
    refused(
        case_db,
        cancel_args("2025-09-03", "m-zat"),
        f"--meeting: meeting 'm-zat' was never scheduled or invited to on case {CASE} "
        "(record meeting_scheduled or parents_invited first)",
    )
    schedule(case_db, "2025-09-02")
    ok(case_db, *cancel_args("2025-09-03"))
    refused(
        case_db,
        cancel_args("2025-09-04"),
        "--meeting: meeting 'm-zat' was already cancelled on 3 September 2025",
    )


def test_a_discussion_of_a_cancelled_meeting_is_refused(case_db: str) -> None:
    schedule(case_db, "2025-09-02")
    ok(case_db, *cancel_args("2025-09-03"))
    refused(
        case_db,
        discussion_args("2025-10-01"),
        "--meeting: meeting 'm-zat' was cancelled on 3 September 2025; "
        "schedule it again first (meeting_scheduled)",
    )


def test_a_discussion_dated_before_the_cancellation_is_still_accepted(case_db: str) -> None:
    schedule(case_db, "2025-09-02", on="2025-09-02")
    ok(case_db, *cancel_args("2025-09-10"))  # a follow-up session, cancelled
    ok(case_db, *discussion_args("2025-09-02"))  # recorded late, held before that


def test_a_discussion_with_basis_consent_but_no_consent_is_refused(case_db: str) -> None:
    args = discussion_args("2025-09-02")
    args[args.index("--basis") + 1] = "consent"
    refused(
        case_db,
        args,
        "--consent: a discussion with basis 'consent' must name its consent form",
    )


def test_an_import_refuses_a_discussion_of_a_cancelled_meeting_by_line(
    db: str, tmp_path: Path
) -> None:
    lines: list[dict[str, Any]] = [
        *history_lines(),
        {
            "action": "meeting_scheduled",
            "case": CASE,
            "at": "2019-10-02",
            "meeting": "m1",
            "forum": "cvb",
            "date": "2019-10-20",
            "purpose": "x",
        },
        {"action": "meeting_cancelled", "case": CASE, "at": "2019-10-03", "meeting": "m1"},
        {
            "action": "discussion_held",
            "case": CASE,
            "at": "2019-10-20",
            "meeting": "m1",
            "forum": "cvb",
            "level": "anonymous",
            "basis": "none",
            "attendees": ["ib"],
            "parents_present": False,
            "pupil_present": False,
            "data_shared": [],
        },
    ]
    path = write(tmp_path, lines)
    result = run(db, "import", path)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: line 5: meeting: meeting 'm1' was cancelled on 3 October 2019; "
        "schedule it again first (meeting_scheduled)\n"
    )
    assert exported(db) == []


# -- the read side takes the new events in its stride ----------------------------------------


def test_reading_commands_work_on_a_log_with_the_new_events(case_db: str, tmp_path: Path) -> None:
    schedule(case_db, "2025-09-02")
    ok(case_db, *cancel_args("2025-09-03"))
    ok(case_db, *authorise_args("2025-09-02", "mother", "--scope", "plan"))
    withdraw = ["pupil", "withdraw-authorisation", "--case", CASE, "--at", "2025-09-04"]
    ok(case_db, *withdraw, "--person", "mother")
    ok(case_db, "--lang", "en", "case", "show", CASE)
    timeline = ok(case_db, "--lang", "en", "case", "timeline", CASE)
    assert "Meeting cancelled" in timeline and "Pupil authorised a person" in timeline
    ok(case_db, "case", "list")
    ok(case_db, "due")
    ok(case_db, "audit", "--format", "json")
    ok(case_db, "providers", "report")
    out = tmp_path / "dossier.json"
    ok(
        case_db,
        "dossier",
        "export",
        CASE,
        "--for",
        "mother",
        "--format",
        "json",
        "--output",
        str(out),
    )
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    "command", [["pupil", "authorise"], ["pupil", "withdraw-authorisation"], ["meeting", "cancel"]]
)
def test_the_new_commands_explain_themselves(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Legt de handeling" in result.output
    assert "--at" in result.output and "--case" in result.output
    result = CliRunner().invoke(cli, ["--lang", "en", *command, "--help"])
    assert result.exit_code == 0
    assert "Records the action" in result.output
    assert "--at" in result.output and "--case" in result.output


def test_a_dossier_export_dated_tomorrow_writes_and_records_nothing(
    case_db: str, tmp_path: Path
) -> None:
    today = date.today()
    tomorrow = (today + timedelta(days=1)).isoformat()
    out = tmp_path / "dossier.json"
    args = ["dossier", "export", CASE, "--for", "mother", "--format", "json"]
    refused(
        case_db,
        [*args, "--at", tomorrow, "--output", str(out)],
        "the disclosure could not be recorded, nothing was written: --at: "
        f"{in_words(tomorrow)} is later than today "
        f"({in_words(today)}); "
        "an action can only be recorded on or after the day it happened",
    )
    assert not out.exists()


def test_case_show_names_a_cancellation_and_a_move(case_db: str) -> None:
    schedule(case_db, "2025-09-02", "m-zat", on="2025-09-20")
    schedule(case_db, "2025-09-02", "m-cvb", on="2025-09-20")
    ok(case_db, *cancel_args("2025-09-03", "m-zat"))
    ok(case_db, *cancel_args("2025-09-03", "m-cvb"))
    schedule(case_db, "2025-09-04", "m-cvb", on="2025-09-27")
    shown = ok(case_db, "--lang", "en", "case", "show", CASE).splitlines()
    assert (
        "  m-zat  Care and advice team (ZAT), scheduled for 20 September 2025, cancelled on "
        "3 September 2025" in shown
    )
    assert "  m-cvb  Care and advice team (ZAT), scheduled for 27 September 2025" in shown
    # The case state behind `case show` (its JSON is the contract, without meetings).
    app = ZatlogApp(resolve(case_db))
    try:
        state = case_state([e for e in app.logged_actions() if e.case == CASE])
    finally:
        app.close()
    assert state is not None
    meetings = {m.meeting: (m.scheduled_for, m.cancelled_on) for m in state.meetings}
    assert meetings == {
        "m-zat": (date(2025, 9, 20), date(2025, 9, 3)),
        "m-cvb": (date(2025, 9, 27), None),
    }


def test_a_back_dated_cancellation_before_another_cancellation_is_refused(case_db: str) -> None:
    schedule(case_db, "2025-09-02")
    ok(case_db, *cancel_args("2025-09-05"))
    refused(
        case_db,
        cancel_args("2025-09-03"),
        "--meeting: meeting 'm-zat' was already cancelled on 5 September 2025",
    )
    schedule(case_db, "2025-09-04", on="2025-10-10")  # moved before the later cancellation
    ok(case_db, *cancel_args("2025-09-03"))


def test_every_action_field_and_topic_has_a_dutch_and_english_label() -> None:
    import typing

    from zatlog import actions
    from zatlog.projections import i18n

    assert set(actions.ACTION_CLASSES) <= set(i18n.ACTION_LABELS)
    topics = set(typing.get_args(actions.InformTopic))
    assert topics <= set(i18n.VALUE_LABELS) | set(i18n.CATEGORY_LABELS)
    fields = {f for model in actions.ACTION_CLASSES.values() for f in model.model_fields}
    assert fields - {"action", "case", "school", "at", "by"} <= set(i18n.FIELD_LABELS)


def test_the_shared_order_takes_date_then_time_of_day_then_recording_order() -> None:
    from datetime import datetime

    from zatlog.actions import parse_action
    from zatlog.records import LoggedAction, in_time_order

    def logged(position: int, at: str) -> LoggedAction:
        action = parse_action(
            {"action": "signal_raised", "case": CASE, "at": at, "source": "teacher",
             "description": f"#{position}"}
        )  # fmt: skip
        return LoggedAction(position, datetime(2025, 10, 1), "ib-test", action)

    events = [
        logged(1, "2025-09-04"),
        logged(2, "2025-09-03T23:59"),
        logged(3, "2025-09-03T08:00"),
        logged(4, "2025-09-03"),
        logged(5, "2025-09-03T08:00"),
        logged(6, "2025-09-03"),
        logged(7, "2025-09-04T00:00+02:00"),  # the wall clock as written
    ]
    assert [e.position for e in in_time_order(events)] == [4, 6, 3, 5, 2, 1, 7]
