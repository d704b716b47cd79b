"""`zatlog import`: all or nothing; each refusal of docs/import-format.md names line and field."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from key_lines import without_key_line

from zatlog.actions import parse_action
from zatlog.cli.main import cli
from zatlog.restore import PROOF_FIELDS

OPEN = {
    "action": "case_opened",
    "case": "2025-017",
    "at": "2025-09-01",
    "pupil_name": "Test Pupil",
    "birth_date": "2012-03-04",
    "school_type": "so",
}
MOTHER = {
    "action": "relation_recorded",
    "case": "2025-017",
    "at": "2025-09-01",
    "person": "mother",
    "name": "Test Mother",
    "relation": "parent",
    "authority": "joint",
}
FORM = {
    "action": "consent_form_issued",
    "case": "2025-017",
    "at": "2025-09-02",
    "consent": "f-cvb",
    "forum": "cvb",
    "purpose": "Assess support needs",
    "participants": ["ib"],
    "data_categories": ["name"],
}


def run(db: str, *args: str, input: str | None = None) -> Any:
    args = ("--db", db, "--lang", "en", "--actor", "ib-test", *args)
    return CliRunner().invoke(cli, args, input=input)


def write(tmp_path: Path, lines: list[dict[str, Any] | str], name: str = "log.jsonl") -> str:
    path = tmp_path / name
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return str(path)


def exported(db: str) -> list[dict[str, Any]]:
    result = run(db, "export-log")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    return [{k: v for k, v in line.items() if k not in PROOF_FIELDS} for line in lines]


def test_every_scenario_imports_and_exports_the_same_actions(
    db: str, scenarios: Path, tmp_path: Path
) -> None:
    for index, scenario in enumerate(sorted(scenarios.glob("*.jsonl"))):
        target = db if index == 0 else str(tmp_path / f"{scenario.stem}.db")
        result = run(target, "import", str(scenario))
        assert result.exit_code == 0, result.output
        lines = [json.loads(x) for x in scenario.read_text().splitlines() if x.strip()]
        assert without_key_line(result.output) == f"imported {len(lines)} actions from {scenario}\n"
        if index == 0:
            back = exported(target)
            assert len(back) == len(lines)
            for original, again in zip(lines, back, strict=True):
                assert parse_action(again).model_copy(update={"by": None}) == parse_action(
                    original
                ).model_copy(update={"by": None})
                assert again["by"] == original.get("by", "ib-test")


def test_blank_lines_are_skipped(db: str, tmp_path: Path) -> None:
    path = write(tmp_path, ["", json.dumps(OPEN), "   ", json.dumps(MOTHER), ""])
    result = run(db, "import", path)
    assert result.exit_code == 0, result.output
    assert without_key_line(result.output) == f"imported 2 actions from {path}\n"


def test_a_byte_order_mark_before_the_first_line_is_read_past(db: str, tmp_path: Path) -> None:
    """Windows editors and Excel start a UTF-8 file with a byte-order mark."""
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (json.dumps(OPEN) + "\n" + json.dumps(MOTHER)).encode())
    result = run(db, "import", str(path))
    assert result.exit_code == 0, result.output
    assert [line["action"] for line in exported(db)] == ["case_opened", "relation_recorded"]


@pytest.mark.parametrize(
    ("line", "dutch", "english"),
    [
        ('{"action": x}', "waarde verwacht (kolom 12)", "expected value at line 1 column 12"),
        ('{"action"}', "`:` verwacht (kolom 10)", "expected `:` at line 1 column 10"),
        ('{"a": 1} x', "tekens na het einde van het object (kolom 10)", "trailing characters"),
        ('{"a": tru}', "onbekend woord (alleen true, false of null)", "expected ident at line 1"),
    ],
)
def test_a_line_that_is_not_json_says_where_in_either_language(
    db: str, tmp_path: Path, line: str, dutch: str, english: str
) -> None:
    path = write(tmp_path, [OPEN, line])
    said = CliRunner().invoke(cli, ["--db", db, "import", path])
    assert said.exit_code == 1
    assert f"regel 2: (regel): geen geldige JSON: {dutch}" in said.output
    assert "Traceback" not in said.output
    result = run(db, "import", path)
    assert result.exit_code == 1
    assert f"line 2: (line): not valid JSON: {english}" in result.output
    assert exported(db) == []


def test_an_empty_file_imports_nothing_and_says_so(db: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    result = run(db, "import", str(path))
    assert result.exit_code == 0, result.output
    assert without_key_line(result.output) == f"nothing to import: {path} has no actions\n"
    assert exported(db) == []


def test_import_reads_standard_input(db: str) -> None:
    result = run(db, "import", "-", input=json.dumps(OPEN) + "\n")
    assert result.exit_code == 0, result.output
    assert without_key_line(result.output) == "imported 1 action from <stdin>\n"


def test_a_missing_file_is_a_clear_error(db: str, tmp_path: Path) -> None:
    result = run(db, "import", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 1
    assert "nope.jsonl: cannot read: No such file or directory" in result.output


REJECTIONS: list[tuple[str, list[dict[str, Any] | str], int, str]] = [
    (
        "unknown action",
        [OPEN, {**MOTHER, "action": "parent_called"}],
        2,
        "action: unknown action 'parent_called'",
    ),
    ("unknown field", [OPEN, {**MOTHER, "gezag": "joint"}], 2, "gezag: unknown field"),
    (
        "missing field",
        [{k: v for k, v in OPEN.items() if k != "birth_date"}],
        1,
        "birth_date: required field is missing",
    ),
    (
        "wrong type",
        [OPEN, {**FORM, "participants": "ib"}],
        2,
        'participants: expected a list, e.g. ["mother"]',
    ),
    (
        "a bool given as text",
        [
            OPEN,
            {
                "action": "zat_registered",
                "case": "2025-017",
                "at": "2025-09-03",
                "support_need": "x",
                "parent_input": "yes",
            },
        ],
        2,
        "parent_input: expected true or false",
    ),
    (
        "case action before case_opened",
        [MOTHER],
        1,
        "case: case 2025-017 has not been opened (case_opened must come first)",
    ),
    ("second case_opened", [OPEN, OPEN], 2, "case: case 2025-017 was already opened"),
    (
        "unknown person",
        [
            OPEN,
            {
                "action": "consent_given",
                "case": "2025-017",
                "at": "2025-09-03",
                "consent": "f-cvb",
                "signer": "mother",
                "method": "signature",
            },
        ],
        2,
        "signer: unknown person 'mother' on case 2025-017",
    ),
    (
        "consent for a form never issued",
        [
            OPEN,
            MOTHER,
            {
                "action": "consent_given",
                "case": "2025-017",
                "at": "2025-09-03",
                "consent": "f-zat",
                "signer": "mother",
                "method": "signature",
            },
        ],
        3,
        "consent: consent form 'f-zat' was never issued on case 2025-017",
    ),
    (
        "a discussion naming an unknown form",
        [
            OPEN,
            {
                "action": "discussion_held",
                "case": "2025-017",
                "at": "2025-09-10",
                "meeting": "m",
                "forum": "cvb",
                "level": "full",
                "basis": "consent",
                "consent": "f-x",
                "attendees": [],
                "parents_present": True,
                "pupil_present": False,
                "data_shared": [],
            },
        ],
        2,
        "consent: consent form 'f-x' was never issued",
    ),
    (
        "a discussion naming an unknown notice",
        [
            OPEN,
            {
                "action": "discussion_held",
                "case": "2025-017",
                "at": "2025-09-10",
                "meeting": "m",
                "forum": "cvb",
                "level": "outside_info",
                "basis": "no_objection",
                "notice": "n-1",
                "attendees": [],
                "parents_present": True,
                "pupil_present": False,
                "data_shared": [],
            },
        ],
        2,
        "notice: no-objection notice 'n-1' was never sent",
    ),
    (
        "an action dated before its case was opened",
        [OPEN, {**MOTHER, "at": "2025-08-31"}],
        2,
        "at: 31 August 2025 is before case 2025-017 was opened (1 September 2025)",
    ),
    (
        "an illegal step transition",
        [OPEN, {"action": "step_entered", "case": "2025-017", "at": "2025-09-02", "step": "3"}],
        2,
        "step: cannot enter step 3 from a new case; allowed next: 1",
    ),
    (
        "a refusal by a pupil under 16",
        [
            OPEN,
            MOTHER,
            {
                "action": "pupil_refused_parent_information",
                "case": "2025-017",
                "at": "2025-09-02",
                "targets": ["mother"],
            },
        ],
        3,
        "at: the pupil is 13 on 2 September 2025; only a pupil of 16 or older can refuse",
    ),
    (
        "an action after case_closed",
        [
            OPEN,
            {
                "action": "case_closed",
                "case": "2025-017",
                "at": "2025-09-02",
                "reason": "completed",
            },
            {
                "action": "signal_raised",
                "case": "2025-017",
                "at": "2025-09-03",
                "source": "teacher",
                "description": "x",
            },
        ],
        3,
        "action: case 2025-017 is closed; only information requests and disclosures may still",
    ),
    (
        "SDQ score outside 0-10",
        [
            OPEN,
            {
                "action": "sdq_recorded",
                "case": "2025-017",
                "at": "2025-09-03",
                "informant": "parent",
                "emotional": 11,
                "conduct": 1,
                "hyperactivity": 1,
                "peer": 1,
                "prosocial": 1,
            },
        ],
        2,
        "emotional: expected at most 10",
    ),
    (
        "a date that does not parse",
        [{**OPEN, "at": "2025-02-30"}],
        1,
        "at: expected a date YYYY-MM-DD or an ISO 8601 date-time",
    ),
    (
        "basis consent without consent",
        [
            OPEN,
            {
                "action": "discussion_held",
                "case": "2025-017",
                "at": "2025-09-10",
                "meeting": "m",
                "forum": "cvb",
                "level": "full",
                "basis": "consent",
                "attendees": [],
                "parents_present": True,
                "pupil_present": False,
                "data_shared": [],
            },
        ],
        2,
        "consent: a discussion with basis 'consent' must name its consent form",
    ),
    (
        "child_interest restriction of an authority holder",
        [
            OPEN,
            MOTHER,
            {
                "action": "information_restricted",
                "case": "2025-017",
                "at": "2025-09-05",
                "person": "mother",
                "basis": "child_interest",
                "scope": ["all"],
                "motivation": "x",
            },
        ],
        3,
        "basis: mother holds authority on 5 September 2025; only a court order or an OTS "
        "instruction",
    ),
    (
        "a line naming another school than its case's",
        [OPEN, {**MOTHER, "school": "other"}],
        2,
        "school: case 2025-017 belongs to school 'default', not 'other'",
    ),
    (
        "an evaluation of a provider never arranged",
        [
            OPEN,
            {
                "action": "support_evaluated",
                "case": "2025-017",
                "at": "2025-09-05",
                "provider": "X",
                "evaluator": "teacher",
                "effect_in_class": 3,
                "worked_at_school": True,
                "involved_teacher": True,
                "involved_parents": False,
            },
        ],
        2,
        "provider: provider 'X' was never arranged on case 2025-017",
    ),
    (
        "truncated JSON",
        [OPEN, '{"action": "relation_recorded", "case": "2025-017"'],
        2,
        "(line): not valid JSON",
    ),
    ("not an object", [OPEN, "[1, 2]"], 2, "(line): expected one JSON object"),
]


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [pytest.param(lines, line, message, id=name) for name, lines, line, message in REJECTIONS],
)
def test_a_bad_line_is_named_and_nothing_is_written(
    db: str, tmp_path: Path, lines: list[dict[str, Any] | str], line: int, message: str
) -> None:
    path = write(tmp_path, lines)
    result = run(db, "import", path)
    assert result.exit_code == 1, result.output
    assert f"Error: {path}: line {line}: {message}" in result.output
    assert "Traceback" not in result.output
    assert exported(db) == []


def test_a_rejected_import_leaves_earlier_imports_untouched(db: str, tmp_path: Path) -> None:
    good = write(tmp_path, [OPEN, MOTHER], "good.jsonl")
    assert run(db, "import", good).exit_code == 0
    bad = write(
        tmp_path,
        [{**MOTHER, "person": "father"}, {**MOTHER, "person": "x", "relation": "?"}],
        "bad.jsonl",
    )
    result = run(db, "import", bad)
    assert result.exit_code == 1
    assert [line["action"] for line in exported(db)] == ["case_opened", "relation_recorded"]


def test_a_100k_line_file_whose_last_line_is_bad_writes_nothing(
    sqlite_db: str, tmp_path: Path
) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w") as out:
        out.write(json.dumps(OPEN) + "\n")
        signal = {
            "action": "signal_raised",
            "case": "2025-017",
            "at": "2025-09-02",
            "source": "teacher",
            "description": "x",
        }
        line = json.dumps(signal) + "\n"
        out.writelines(line for _ in range(99_998))
        out.write(json.dumps({**signal, "source": "neighbour"}) + "\n")
    result = run(sqlite_db, "import", str(path))
    assert result.exit_code == 1
    assert "line 100000: source: expected 'teacher', 'parent', 'pupil' or 'other'" in result.output
    assert exported(sqlite_db) == []


def test_lines_need_not_come_in_date_order(db: str, tmp_path: Path) -> None:
    late_invite = {
        "action": "parents_invited",
        "case": "2025-017",
        "at": "2025-09-03",
        "meeting": "m",
        "to": ["mother"],
        "channel": "letter",
        "purpose_and_composition_included": True,
    }
    early = {**late_invite, "at": "2025-09-02"}
    result = run(db, "import", write(tmp_path, [OPEN, MOTHER, late_invite, early]))
    assert result.exit_code == 0, result.output
    assert [line["at"] for line in exported(db)][-2:] == ["2025-09-03", "2025-09-02"]


def test_by_on_a_line_wins_over_the_actor(db: str, tmp_path: Path) -> None:
    result = run(db, "import", write(tmp_path, [{**OPEN, "by": "ib-devries"}, MOTHER]))
    assert result.exit_code == 0, result.output
    assert [line["by"] for line in exported(db)] == ["ib-devries", "ib-test"]


def test_export_log_to_a_device_leaves_the_device_alone(db: str, tmp_path: Path) -> None:
    assert run(db, "import", write(tmp_path, [OPEN])).exit_code == 0
    result = run(db, "export-log", "--output", os.devnull)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_export_log_to_a_file_writes_the_import_format(db: str, tmp_path: Path) -> None:
    assert run(db, "import", write(tmp_path, [OPEN, MOTHER])).exit_code == 0
    target = tmp_path / "out.jsonl"
    assert run(db, "export-log", "--output", str(target)).exit_code == 0
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["action"] for line in lines] == ["case_opened", "relation_recorded"]
    assert list(lines[0])[:5] == ["action", "case", "school", "at", "by"]
