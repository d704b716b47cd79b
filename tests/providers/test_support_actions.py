"""``support_arranged`` (with its municipality) and ``support_evaluated``, end to end.

Through the import format and the recording commands, on every backend: what
is accepted comes back out of ``export-log`` unchanged, and what is rejected
exits with status 1, names the field, and writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from provider_log import arranged, evaluated, opened, write_log

from zatlog.cli.main import cli
from zatlog.restore import PROOF_FIELDS

CASE = "2025-101"
NOT_ARRANGED = (
    "provider 'Kwadraad' was never arranged on case 2025-101 (record support_arranged first)"
)
EVALUATE = [
    "support",
    "evaluate",
    "--case",
    CASE,
    "--at",
    "2025-06-02",
    "--provider",
    "Youké",
    "--evaluator",
    "teacher",
    "--worked-at-school",
    "--involved-teacher",
    "--no-involved-parents",
]


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, "--lang", "en", "--actor", "ib-test", *args])


def exported(db: str) -> list[dict[str, Any]]:
    result = run(db, "export-log")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    return [{k: v for k, v in line.items() if k not in PROOF_FIELDS} for line in lines]


def imported(db: str, tmp_path: Path, lines: list[dict[str, Any]]) -> Result:
    return run(db, "import", write_log(tmp_path / "log.jsonl", lines))


def test_arrangement_and_evaluation_come_back_from_the_log_as_imported(
    db: str, tmp_path: Path
) -> None:
    lines = [
        *opened(CASE),
        arranged(CASE, "2025-02-03", "Youké", "Utrecht"),
        arranged(CASE, "2025-02-10", "Kwadraad"),
        evaluated(CASE, "2025-06-02", "Youké", "teacher", 4, at_school=False, parents=True),
    ]

    result = imported(db, tmp_path, lines)

    assert result.exit_code == 0, result.output
    assert [{k: v for k, v in line.items() if k not in ("by", "school")} for line in exported(db)][
        3:
    ] == [
        {
            "action": "support_arranged",
            "case": CASE,
            "at": "2025-02-03",
            "provider": "Youké",
            "kind": "ambulante begeleiding",
            "municipality": "Utrecht",
        },
        {
            "action": "support_arranged",
            "case": CASE,
            "at": "2025-02-10",
            "provider": "Kwadraad",
            "kind": "ambulante begeleiding",
        },
        {
            "action": "support_evaluated",
            "case": CASE,
            "at": "2025-06-02",
            "provider": "Youké",
            "evaluator": "teacher",
            "effect_in_class": 4,
            "worked_at_school": False,
            "involved_teacher": True,
            "involved_parents": True,
            "comment": "Goed contact met Lotte Vermeulen",
        },
    ]


def test_the_recording_commands_record_both_actions(db: str, tmp_path: Path) -> None:
    assert imported(db, tmp_path, opened(CASE)).exit_code == 0

    arrange = run(
        db,
        *("support", "arrange", "--case", CASE, "--at", "2025-02-03"),
        *("--provider", "Youké", "--kind", "ambulant", "--municipality", "Utrecht"),
    )
    evaluate = run(db, *EVALUATE, "--effect-in-class", "4", "--comment", "zichtbaar rustiger")

    assert arrange.exit_code == 0, arrange.output
    assert arrange.output == f"recorded: Support arranged, case {CASE} (3 February 2025)\n"
    assert evaluate.exit_code == 0, evaluate.output
    assert evaluate.output == f"recorded: Support evaluated, case {CASE} (2 June 2025)\n"
    assert exported(db)[-2:] == [
        {
            "action": "support_arranged",
            "case": CASE,
            "at": "2025-02-03",
            "by": "ib-test",
            "provider": "Youké",
            "kind": "ambulant",
            "municipality": "Utrecht",
        },
        {
            "action": "support_evaluated",
            "case": CASE,
            "at": "2025-06-02",
            "by": "ib-test",
            "provider": "Youké",
            "evaluator": "teacher",
            "effect_in_class": 4,
            "worked_at_school": True,
            "involved_teacher": True,
            "involved_parents": False,
            "comment": "zichtbaar rustiger",
        },
    ]


def test_an_evaluation_of_a_provider_never_arranged_is_rejected_by_the_command(
    db: str, tmp_path: Path
) -> None:
    lines = [*opened(CASE), arranged(CASE, "2025-02-03", "Youké", "Utrecht")]
    assert imported(db, tmp_path, lines).exit_code == 0
    before = exported(db)

    result = run(db, *EVALUATE[:7], "Kwadraad", *EVALUATE[8:], "--effect-in-class", "3")

    assert result.exit_code == 1
    assert result.output == f"Error: --provider: {NOT_ARRANGED}\n"
    assert exported(db) == before


def test_effect_in_class_outside_one_to_five_is_rejected_by_the_command(
    db: str, tmp_path: Path
) -> None:
    lines = [*opened(CASE), arranged(CASE, "2025-02-03", "Youké", "Utrecht")]
    assert imported(db, tmp_path, lines).exit_code == 0
    before = exported(db)

    zero = run(db, *EVALUATE, "--effect-in-class", "0")
    six = run(db, *EVALUATE, "--effect-in-class", "6")

    assert (zero.exit_code, zero.output) == (1, "Error: --effect-in-class: expected at least 1\n")
    assert (six.exit_code, six.output) == (1, "Error: --effect-in-class: expected at most 5\n")
    assert exported(db) == before


def test_an_evaluation_needs_every_yes_no_answer(db: str, tmp_path: Path) -> None:
    lines = [*opened(CASE), arranged(CASE, "2025-02-03", "Youké", "Utrecht")]
    assert imported(db, tmp_path, lines).exit_code == 0

    result = run(db, *EVALUATE[:-1], "--effect-in-class", "3")

    assert result.exit_code == 1
    assert result.output == "Error: --involved-parents: required field is missing\n"


def test_an_import_evaluating_a_provider_never_arranged_on_that_case_writes_nothing(
    db: str, tmp_path: Path
) -> None:
    lines = [
        *opened(CASE),
        *opened("2025-102"),
        arranged("2025-102", "2025-02-03", "Kwadraad", "Utrecht"),
        arranged(CASE, "2025-02-03", "Youké", "Utrecht"),
        evaluated(CASE, "2025-06-02", "Youké", "teacher", 4),
        evaluated(CASE, "2025-06-02", "Kwadraad", "teacher", 4),
    ]

    result = imported(db, tmp_path, lines)

    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'log.jsonl'}: line 10: provider: {NOT_ARRANGED}\n"
    assert exported(db) == []


def test_an_import_with_effect_in_class_outside_one_to_five_writes_nothing(
    db: str, tmp_path: Path
) -> None:
    lines = [
        *opened(CASE),
        arranged(CASE, "2025-02-03", "Youké", "Utrecht"),
        evaluated(CASE, "2025-06-02", "Youké", "teacher", 6),
    ]

    result = imported(db, tmp_path, lines)

    assert result.exit_code == 1
    assert result.output == (
        f"Error: {tmp_path / 'log.jsonl'}: line 5: effect_in_class: expected at most 5\n"
    )
    assert exported(db) == []


def test_an_evaluation_may_be_recorded_in_the_same_import_as_its_arrangement_but_not_before(
    db: str, tmp_path: Path
) -> None:
    evaluation = evaluated(CASE, "2025-06-02", "Youké", "parent", 2)
    arrangement = arranged(CASE, "2025-02-03", "Youké")

    too_early = imported(db, tmp_path, [*opened(CASE), evaluation, arrangement])
    in_order = imported(db, tmp_path, [*opened(CASE), arrangement, evaluation])

    assert too_early.exit_code == 1
    assert "line 4: provider: provider 'Youké' was never arranged" in too_early.output
    assert in_order.exit_code == 0, in_order.output
    assert in_order.output == f"imported 5 actions from {tmp_path / 'log.jsonl'}\n"
