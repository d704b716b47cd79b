"""One case, one truth: `case show`, `due`, the dossier and the audit tell the same thing.

The three cases where they used to disagree: a request deadline with an
extension recorded after the month, a consent form with signers missing
(others had signed an earlier form of the same forum), and steps recorded
1, 2, then 3 with an earlier date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from zatlog.actions import event_payload, parse_action
from zatlog.application import ZatlogApp
from zatlog.case import Case, case_id
from zatlog.cli.main import cli
from zatlog.storage import resolve

CASE = "2025-011"


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, *args])


def line(action: str, at: str, **fields: Any) -> dict[str, Any]:
    return {"action": action, "case": CASE, "at": at, "by": "ib-test", **fields}


def opened() -> list[dict[str, Any]]:
    return [
        line(
            "case_opened",
            "2025-09-01",
            school="default",
            pupil_name="Sem Jansen",
            birth_date="2015-05-10",
            school_type="so",
        ),
        line("relation_recorded", "2025-09-01", person="father", name="Kees Jansen",
             relation="parent", authority="joint"),
        line("relation_recorded", "2025-09-01", person="mother", name="Anna Jansen",
             relation="parent", authority="joint"),
    ]  # fmt: skip


def imported(db: str, tmp_path: Path, lines: list[dict[str, Any]]) -> str:
    log = tmp_path / "log.jsonl"
    log.write_text("".join(json.dumps(item) + "\n" for item in lines), encoding="utf-8")
    result = run(db, "import", str(log))
    assert result.exit_code == 0, result.output
    return db


def shown(db: str, day: str) -> dict[str, Any]:
    result = run(db, "case", "show", CASE, "--as-of", day, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def due(db: str, day: str) -> list[dict[str, Any]]:
    result = run(db, "due", "--as-of", day, "--case", CASE, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    items: list[dict[str, Any]] = document["items"] if isinstance(document, dict) else document
    return items


def audit_rules(db: str, day: str) -> list[str]:
    result = run(db, "audit", "--as-of", day, "--case", CASE, "--format", "json")
    assert result.exit_code == 0, result.output
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


def dossier(db: str, person: str, day: str) -> dict[str, Any]:
    result = run(
        db, "dossier", "export", CASE, "--for", person, "--format", "json", "--at", day, "-o", "-"
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_an_extension_recorded_after_the_month_does_not_move_the_deadline(
    sqlite_db: str, tmp_path: Path
) -> None:
    imported(
        sqlite_db,
        tmp_path,
        [
            *opened(),
            line(
                "information_requested",
                "2025-10-01",
                request="r-1",
                requester="mother",
                kind="copy",
            ),
            line(
                "information_request_extended",
                "2025-11-10",
                request="r-1",
                new_deadline="2025-12-15",
            ),
        ],
    )

    requests = shown(sqlite_db, "2025-11-20")["requests"]
    items = [i for i in due(sqlite_db, "2025-11-20") if i["kind"] == "information_request"]
    exported = dossier(sqlite_db, "mother", "2025-11-20")["requests"]

    assert requests == [
        {"request": "r-1", "requester": "mother", "kind": "copy", "due": "2025-11-01",
         "answered": None}
    ]  # fmt: skip
    assert [(i["due"], i["overdue"], i["for"]) for i in items] == [("2025-11-01", True, ["mother"])]
    assert [(r["request"], r["answer_due"]) for r in exported] == [("r-1", "2025-11-01")]
    assert "G10" not in audit_rules(sqlite_db, "2025-11-01")
    assert "G10" in audit_rules(sqlite_db, "2025-11-02")


def test_a_form_whose_signers_signed_only_an_earlier_form_is_incomplete(
    sqlite_db: str, tmp_path: Path
) -> None:
    form = {"forum": "zat", "purpose": "ZAT", "participants": ["GGD"], "data_categories": ["sdq"]}
    imported(
        sqlite_db,
        tmp_path,
        [
            *opened(),
            line("consent_form_issued", "2025-09-02", consent="f1", **form),
            line("consent_given", "2025-09-03", consent="f1", signer="father", method="signature"),
            line("consent_given", "2025-09-03", consent="f1", signer="mother", method="signature"),
            line("consent_form_issued", "2025-10-01", consent="f2", **form),
            line(
                "meeting_scheduled",
                "2025-10-02",
                meeting="m-1",
                forum="zat",
                date="2025-10-30",
                purpose="ZAT",
            ),
        ],
    )

    consents = shown(sqlite_db, "2025-10-10")["consents"]
    signatures = [i for i in due(sqlite_db, "2025-10-10") if i["kind"] == "signature"]
    forms = dossier(sqlite_db, "mother", "2025-10-10")["consents"]["forms"]

    assert consents == [
        {"consent": "f1", "forum": "zat", "status": "valid", "valid_until": None,
         "signed_by": ["father", "mother"], "missing": []},
        {"consent": "f2", "forum": "zat", "status": "incomplete", "valid_until": None,
         "signed_by": [], "missing": ["father", "mother"]},
    ]  # fmt: skip
    assert sorted(p for i in signatures for p in i["for"]) == ["father", "mother"]
    assert all("f2" in i["what"] for i in signatures)
    assert [(f["consent"], f["status"], f["missing"]) for f in forms] == [
        ("f1", "valid", []),
        ("f2", "incomplete", ["father", "mother"]),
    ]


def test_the_step_is_the_last_recorded_among_those_dated_by_the_day(
    sqlite_db: str, tmp_path: Path
) -> None:
    imported(
        sqlite_db,
        tmp_path,
        [
            *opened(),
            line("step_entered", "2025-09-01", step="1"),
            line("step_entered", "2025-09-10", step="2"),
        ],
    )
    # Step 3 dated before step 2, as an earlier release accepted it (the log keeps it).
    app = ZatlogApp(resolve(sqlite_db))
    try:
        case = app.repository.get(case_id(CASE))
        action = parse_action(line("step_entered", "2025-09-05", step="3"))
        case.trigger_event(
            Case.StepEntered, at="2025-09-05", actor="ib-test", payload=event_payload(action)
        )
        app.save(case)
    finally:
        app.close()

    listed = run(sqlite_db, "case", "list", "--format", "json")
    same = run(sqlite_db, "step", "enter", "--case", CASE, "--step", "3", "--at", "2025-11-01")
    skipping = run(sqlite_db, "step", "enter", "--case", CASE, "--step", "4b", "--at", "2025-11-01")

    assert [shown(sqlite_db, d)["step"] for d in ("2025-09-04", "2025-09-07", "2025-10-01")] == [
        "1",
        "3",
        "3",
    ]
    assert [c["step"] for c in json.loads(listed.stdout)["cases"]] == ["3"]
    assert dossier(sqlite_db, "mother", "2025-10-01")["status"]["step"] == "3"
    assert same.exit_code == 1
    assert "stap 3 kan niet na stap 3; toegestaan: 1, 2, 4a, 5" in same.output
    assert skipping.exit_code == 1
    assert "stap 4b kan niet na stap 3" in skipping.output
    moved = run(sqlite_db, "step", "enter", "--case", CASE, "--step", "4a", "--at", "2025-11-01")
    assert moved.exit_code == 0, moved.output
    assert shown(sqlite_db, "2025-11-01")["step"] == "4a"


def test_a_new_step_is_checked_against_the_step_on_its_own_date(
    sqlite_db: str, tmp_path: Path
) -> None:
    imported(
        sqlite_db,
        tmp_path,
        [
            *opened(),
            line("step_entered", "2025-09-01", step="1"),
            line("step_entered", "2025-09-10", step="2"),
        ],
    )

    refused = run(sqlite_db, "step", "enter", "--case", CASE, "--step", "3", "--at", "2025-09-05")

    assert refused.exit_code == 1
    assert "stap 3 kan niet na stap 1; toegestaan: 2" in refused.output
    assert shown(sqlite_db, "2025-09-05")["step"] == "1"
