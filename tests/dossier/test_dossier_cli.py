"""``zatlog dossier request`` and ``zatlog dossier export`` on a real store (SQLite, PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from dossier_cases import (
    FATHER_NAME,
    MOTHER_NAME,
    line,
    opened,
    relation,
    school,
    store,
    trajectory,
)

from zatlog.actions import InformationDisclosed
from zatlog.application import ZatlogApp
from zatlog.cli.main import cli
from zatlog.policy import Policy
from zatlog.projections.audit.findings import audit_case
from zatlog.projections.dossier.model import Dossier
from zatlog.projections.dossier.source import load_case_events, load_school_events
from zatlog.records import LoggedAction
from zatlog.storage import resolve

CASE = "2025-018"


def case_lines() -> list[dict[str, Any]]:
    return [
        *school(),
        *opened(CASE, "2012-05-10"),
        relation(CASE, "mother", MOTHER_NAME, "parent", "joint"),
        relation(CASE, "father", FATHER_NAME, "parent", "none"),
        relation(CASE, "opa", "Opa Fictief", "grandparent", "none"),
        *trajectory(CASE),
    ]


@pytest.fixture
def case_db(db: str) -> str:
    store(db, case_lines())
    return db


def run(db: str, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--db", db, "--actor", "ib-devries", *args])


def request(db: str, person: str, kind: str, at: str = "2025-10-20") -> Any:
    return run(db, "dossier", "request", CASE, "--for", person, "--kind", kind, "--at", at)


def export(db: str, *args: str) -> Any:
    return run(db, "dossier", "export", CASE, *args)


def events(db: str) -> list[LoggedAction]:
    app = ZatlogApp(resolve(db))
    try:
        return load_case_events(app, CASE)
    finally:
        app.close()


def disclosures(db: str) -> list[InformationDisclosed]:
    return [e.action for e in events(db) if isinstance(e.action, InformationDisclosed)]


def export_json(db: str, *args: str) -> Dossier:
    result = export(db, "--format", "json", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return Dossier.model_validate_json(result.stdout)


def test_a_request_gets_an_id_per_day_and_is_recorded(case_db: str) -> None:
    first = request(case_db, "mother", "inspection")
    second = request(case_db, "father", "important_facts")

    assert first.exit_code == 0, first.output
    assert first.output == (
        f"vastgelegd: informatieverzoek r-20251020-1 van {MOTHER_NAME} (mother), dossier "
        "2025-018 (20 oktober 2025)\n"
    )
    assert second.output == (
        f"vastgelegd: informatieverzoek r-20251020-2 van {FATHER_NAME} (father), dossier "
        "2025-018 (20 oktober 2025)\n"
    )
    requested = [e.action for e in events(case_db) if e.name == "information_requested"]
    assert [(r.request, r.requester, r.kind, r.by) for r in requested] == [  # type: ignore[union-attr]
        ("r-20251020-1", "mother", "inspection", None),
        ("r-20251020-2", "father", "important_facts", None),
    ]
    assert [e.actor for e in events(case_db) if e.name == "information_requested"] == [
        "ib-devries",
        "ib-devries",
    ]


def test_a_request_by_an_unknown_person_is_rejected(case_db: str) -> None:
    result = run(case_db, "dossier", "request", CASE, "--for", "aunt", "--kind", "copy")

    assert result.exit_code == 1
    assert result.output == (
        "Fout: --for: onbekende persoon 'aunt' in dossier 2025-018; leg die eerst vast met "
        "relation_recorded (bekend: father, mother, opa, pupil)\n"
    )


def test_an_export_answers_the_request_and_records_its_disclosure(case_db: str) -> None:
    request(case_db, "mother", "copy")

    result = export(
        case_db,
        "--for",
        "mother",
        "--format",
        "json",
        "-o",
        "-",
        "--request",
        "r-20251020-1",
        "--at",
        "2025-11-01",
    )

    assert result.exit_code == 0, result.output
    dossier = Dossier.model_validate_json(result.stdout)
    assert dossier.reader.right == "full"
    assert dossier.request == "r-20251020-1"
    assert result.stderr == (
        "geschreven naar standaarduitvoer: volledig dossier van dossier 2025-018 voor "
        f"{MOTHER_NAME} (mother) (json, document {dossier.document_id}); weggelaten: zorgen "
        "over veiligheid, meldingen en berichten daarover (in het belang van het kind)\n"
        f"vastgelegd: informatie verstrekt aan {MOTHER_NAME} (mother), dossier 2025-018\n"
    )
    (disclosed,) = disclosures(case_db)
    assert disclosed.model_dump(mode="json", exclude_none=True) == {
        "action": "information_disclosed",
        "case": "2025-018",
        "at": "2025-11-01",
        "note": f"dossier export {dossier.document_id}",
        "request": "r-20251020-1",
        "to": "mother",
        "items": ["dossier"],
        "redactions": [{"item": "reports", "ground": "child_interest"}],
        "format": "json",
    }


def test_a_later_export_shows_the_earlier_disclosure(case_db: str) -> None:
    first = export_json(case_db, "--for", "mother", "--at", "2025-11-01")

    second = export_json(case_db, "--for", "mother", "--at", "2025-11-08")

    assert first.document_id != second.document_id
    (entry,) = [e for e in second.history if e.action == "information_disclosed"]
    assert (entry.at, entry.recorded_by) == ("2025-11-01", "ib-devries")
    assert entry.details["note"] == f"dossier export {first.document_id}"
    assert [
        (r.recipient, r.via, r.items) for r in second.recipients or [] if r.via == "disclosure"
    ] == [("mother", "disclosure", ["dossier"])]


def test_important_facts_are_disclosed_as_categories_never_as_the_dossier(case_db: str) -> None:
    dossier = export_json(case_db, "--for", "father", "--at", "2025-11-01")

    assert dossier.reader.right == "important_facts"
    (disclosed,) = disclosures(case_db)
    assert disclosed.items == [
        "birth_date",
        "discussions",
        "name",
        "outcome",
        "plan",
        "status",
        "support",
    ]
    assert [r.item for r in disclosed.redactions or []] == [
        "signals",
        "relations",
        "consents",
        "contacts",
        "requests",
        "sdq",
        "evaluations",
        "reports",
    ]


def test_the_audit_judges_the_recorded_exports(case_db: str) -> None:
    export_json(case_db, "--for", "mother", "--at", "2025-11-01")
    export_json(case_db, "--for", "father", "--at", "2025-11-01")
    store(
        case_db,
        [
            line(
                "information_disclosed",
                case=CASE,
                at="2025-11-02",
                by="ib-devries",
                to="father",
                items=["dossier"],
                format="pdf",
            ),
        ],
    )
    app = ZatlogApp(resolve(case_db))
    try:
        case_events = load_case_events(app, CASE)
        findings = audit_case(
            case_events, load_school_events(app, "default"), Policy(), date(2025, 11, 3)
        )
    finally:
        app.close()

    judged = [
        (f.rule, f.severity, f.subject.day.isoformat(), f.persons)
        for f in findings
        if f.subject.name == "information_disclosed" and f.rule != "L1"  # recorded today
    ]
    assert judged == [("D1", "critical", "2025-11-02", ("father",))]


def test_a_refused_export_says_why_and_writes_nothing(
    case_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    before = len(events(case_db))

    result = export(case_db, "--for", "opa", "--at", "2025-11-01")

    assert result.exit_code == 1
    assert result.output == (
        "Fout: Geen export: opa heeft op 1 november 2025 geen recht op informatie over dossier "
        "2025-018: een grootouder zonder gezag heeft geen recht op informatie over een leerling "
        "van 13. Er is niets geschreven of vastgelegd.\n"
    )
    assert list(out.iterdir()) == []
    assert len(events(case_db)) == before


def test_a_refusal_for_the_pupils_refusal_in_english(sqlite_db: str) -> None:
    store(
        sqlite_db,
        [
            *opened(CASE, "2009-02-11"),
            relation(CASE, "mother", MOTHER_NAME, "parent", "joint"),
            line(
                "pupil_refused_parent_information", case=CASE, at="2025-09-10", targets=["mother"]
            ),
        ],
    )

    result = export(sqlite_db, "--for", "mother", "--lang", "en", "--at", "2025-11-01")

    assert result.exit_code == 1
    assert result.output == (
        "Error: No export: mother has no right to information about case 2025-018 on "
        "1 November 2025: the pupil (16) refused on 10 September 2025 that mother receives "
        "information. Nothing was written or recorded.\n"
    )


def test_an_export_writes_its_default_file_and_a_closed_case_still_exports(
    case_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(case_db, [line("case_closed", case=CASE, at="2025-10-20", reason="completed")])
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)

    result = export(case_db, "--for", "mother", "--format", "html", "--at", "2025-11-01")

    assert result.exit_code == 0, result.output
    written = out / "dossier-2025-018-mother-2025-11-01.html"
    assert result.output.startswith(
        f"geschreven naar {written.name}: volledig dossier van dossier 2025-018"
    )
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.iterdir()] == [written.name]
    assert [d.format for d in disclosures(case_db)] == ["html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--for", "father", "--request", "r-1"],
            "Fout: informatieverzoek 'r-1' is nooit vastgelegd in dossier 2025-018\n",
        ),
        (
            ["--for", "mother", "--at", "1-11-2025"],
            "Fout: --at: '1-11-2025' is geen datum; verwacht JJJJ-MM-DD\n",
        ),
        (
            ["--for", "mother", "--at", "2025-08-01"],
            "Fout: dossier 2025-018 was op 1 augustus 2025 niet open\n",
        ),
        (
            ["--for", "father", "--include-safety"],
            "Fout: father heeft alleen recht op belangrijke feiten, en die omvatten nooit "
            "gegevens over veiligheid; exporteer zonder die gegevens\n",
        ),
    ],
)
def test_bad_export_options_are_named(case_db: str, args: list[str], message: str) -> None:
    result = export(case_db, "--format", "json", "-o", "-", *args)

    assert result.exit_code == 1
    assert result.output == message
    assert disclosures(case_db) == []


def test_a_request_of_another_person_is_not_answered_by_this_export(case_db: str) -> None:
    request(case_db, "mother", "inspection")

    result = export(
        case_db,
        "--for",
        "father",
        "--format",
        "json",
        "--request",
        "r-20251020-1",
        "-o",
        "-",
        "--at",
        "2025-11-01",
    )

    assert result.exit_code == 1
    assert result.output == (
        "Fout: verzoek 'r-20251020-1' in dossier 2025-018 is gedaan door mother, niet door father\n"
    )


def test_an_unknown_case_is_an_error(db: str) -> None:
    result = run(db, "dossier", "export", "2099-001", "--for", "mother")

    assert result.exit_code == 1
    assert result.output == "Fout: dossier 2099-001 staat niet in het logboek\n"


def test_the_json_export_lists_the_names_the_reader_may_see(case_db: str) -> None:
    dossier = export_json(case_db, "--for", "mother", "--at", "2025-11-01")

    assert dossier.names == {
        "pupil": "Sem Fictief",
        "mother": MOTHER_NAME,
        "father": FATHER_NAME,
        "opa": "Opa Fictief",
    }
    assert json.loads(dossier.model_dump_json())["format"] == "zatlog-dossier/1"


def test_including_the_safety_records_is_recorded_but_not_shown_to_who_does_not_see_them(
    case_db: str,
) -> None:
    included = export_json(case_db, "--for", "mother", "--include-safety", "--at", "2025-11-01")

    later = export_json(case_db, "--for", "mother", "--at", "2025-11-08")

    assert included.reports is not None and len(included.reports.records) == 2
    first, _ = disclosures(case_db)
    assert first.redactions is None
    assert first.note == (
        f"dossier export {included.document_id}; safety records included on purpose"
    )
    assert later.reports is None
    (entry,) = [e for e in later.history if e.action == "information_disclosed"]
    assert entry.details == {
        "note": f"dossier export {included.document_id}",
        "to": "mother",
        "items": ["dossier"],
        "format": "json",
    }
