"""Who gets what: each row of docs/parent-dossier.md's rights table: full, limited or refused."""

from __future__ import annotations

from datetime import date

import pytest
from dossier_cases import EXPORT_DAY, reader_case, school, store

from zatlog.application import ZatlogApp
from zatlog.policy import Policy
from zatlog.projections.dossier.model import Dossier, NoRight, build_dossier
from zatlog.projections.dossier.source import load_case_events, load_school_events
from zatlog.records import LoggedAction
from zatlog.storage import resolve

FULL = "full"
LIMITED = "important_facts"

# (case, pupil's age, reader's relation, authority, measure, refused by the pupil, expected)
ROWS: list[tuple[str, int, str, str, str, bool, str]] = [
    # anyone with authority, or a guardian, also under OTS
    ("auth-15", 15, "parent", "joint", "none", False, FULL),
    ("auth-sole-10", 10, "parent", "sole", "none", False, FULL),
    ("auth-ots-12", 12, "parent", "joint", "ots", False, FULL),
    ("guardian-14", 14, "guardian", "none", "none", False, FULL),
    ("stepparent-joint-9", 9, "step_parent", "joint", "none", False, FULL),
    ("auth-17", 17, "parent", "joint", "none", False, FULL),
    ("auth-17-refused", 17, "parent", "joint", "none", True, "none:pupil_refusal"),
    ("auth-18", 18, "parent", "joint", "none", False, "none:adult_pupil"),
    # parent without authority
    ("parent-none-11", 11, "parent", "none", "none", False, LIMITED),
    ("parent-none-16", 16, "parent", "none", "none", False, LIMITED),
    ("parent-none-16-refused", 16, "parent", "none", "none", True, "none:pupil_refusal"),
    ("parent-none-19", 19, "parent", "none", "none", False, "none:adult_pupil"),
    # youth protection worker: the pupil's refusal does not bind them
    ("ypw-13", 13, "youth_protection_worker", "none", "none", False, LIMITED),
    ("ypw-17-refused", 17, "youth_protection_worker", "none", "none", True, LIMITED),
    ("ypw-18", 18, "youth_protection_worker", "none", "none", False, "none:adult_pupil"),
    # foster parent
    ("foster-8", 8, "foster_parent", "none", "none", False, LIMITED),
    ("foster-16", 16, "foster_parent", "none", "none", False, LIMITED),
    ("foster-17-refused", 17, "foster_parent", "none", "none", True, "none:pupil_refusal"),
    ("foster-18", 18, "foster_parent", "none", "none", False, "none:adult_pupil"),
    # legal representative (curator, mentor): only once the pupil is an adult
    ("legal-15", 15, "legal_representative", "none", "none", False, "none:relation"),
    ("legal-17", 17, "legal_representative", "none", "none", False, "none:relation"),
    ("legal-20", 20, "legal_representative", "none", "none", False, FULL),
    # step-parent, grandparent, other without authority
    ("stepparent-12", 12, "step_parent", "none", "none", False, "none:relation"),
    ("grandparent-12", 12, "grandparent", "none", "none", False, "none:relation"),
    ("other-17", 17, "other", "none", "none", False, "none:relation"),
    # the pupil
    ("pupil-15", 15, "pupil", "", "none", False, LIMITED),
    ("pupil-16", 16, "pupil", "", "none", False, FULL),
    ("pupil-18", 18, "pupil", "", "none", False, FULL),
]


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[LoggedAction]]:
    """Every row's case in one SQLite file, read back per case."""
    db = str(tmp_path_factory.mktemp("rights") / "zatlog.db")
    lines = school()
    for case, age, kind, authority, measure, refused, _ in ROWS:
        lines += reader_case(case, age, kind, authority, measure=measure, refused=refused)
    store(db, lines)
    app = ZatlogApp(resolve(db))
    try:
        events = {case: load_case_events(app, case) for case, *_ in ROWS}
        events["school"] = load_school_events(app, "default")
    finally:
        app.close()
    return events


def export(logs: dict[str, list[LoggedAction]], case: str, reader: str) -> Dossier:
    return build_dossier(
        logs[case], logs["school"], reader, date.fromisoformat(EXPORT_DAY), Policy()
    )


@pytest.mark.parametrize(
    ("case", "age", "kind", "authority", "measure", "refused", "expected"), ROWS
)
def test_every_row_of_section_6_gives_its_export(
    logs: dict[str, list[LoggedAction]],
    case: str,
    age: int,
    kind: str,
    authority: str,
    measure: str,
    refused: bool,
    expected: str,
) -> None:
    reader = "pupil" if kind == "pupil" else "reader"
    if expected.startswith("none:"):
        with pytest.raises(NoRight) as refusal:
            export(logs, case, reader)
        assert refusal.value.reason == expected.removeprefix("none:")
        assert refusal.value.age == age
        return
    dossier = export(logs, case, reader)
    assert dossier.reader.right == expected
    assert dossier.pupil.age == age
    if expected == FULL:
        assert dossier.disclosed_items == ["dossier"]
        assert dossier.relations is not None and dossier.consents is not None
        assert dossier.sdq is not None and dossier.recipients is not None
        assert dossier.involvement is not None
    else:
        assert "dossier" not in dossier.disclosed_items
        assert dossier.relations is None
        assert dossier.consents is None
        assert dossier.sdq is None
        assert dossier.reports is None
        assert dossier.recipients is None
        assert dossier.involvement is None


def test_a_parent_with_authority_gets_everything_but_the_safety_records(
    logs: dict[str, list[LoggedAction]],
) -> None:
    dossier = export(logs, "auth-15", "reader")

    assert [(r.item, r.ground) for r in dossier.redactions] == [("reports", "child_interest")]
    assert dossier.reports is None
    actions = [e.action for e in dossier.history]
    assert "safety_concern_recorded" not in actions
    assert "report_made" not in actions
    assert [e.details.get("topics") for e in dossier.history if e.action == "parents_informed"] == [
        ["concern", "heard_input"]
    ]
    assert [m.kind for m in dossier.timeline] == [
        "opened",
        "signal",
        "step",
        "step",
        "step",
        "meeting",
        "step",
    ]
    assert dossier.names == {
        "pupil": "Sem Fictief",
        "mother": "Anna Fictief",
        "reader": "Kees Voorbeeld",
    }


def test_the_pupil_of_16_gets_the_safety_records_by_default(
    logs: dict[str, list[LoggedAction]],
) -> None:
    dossier = export(logs, "pupil-16", "pupil")

    assert dossier.redactions == []
    assert dossier.reports is not None
    assert [r.action for r in dossier.reports.records] == [
        "safety_concern_recorded",
        "report_made",
    ]
    assert [c.summary for c in dossier.reports.notices] == ["SECRET-REPORT-TALK"]
    assert ("veilig_thuis", "report") in {(r.recipient, r.via) for r in dossier.recipients or []}


def test_the_coordinator_can_include_the_safety_records_on_purpose(
    logs: dict[str, list[LoggedAction]],
) -> None:
    dossier = build_dossier(
        logs["auth-15"],
        logs["school"],
        "reader",
        date.fromisoformat(EXPORT_DAY),
        Policy(),
        include_safety=True,
    )

    assert dossier.include_safety is True
    assert dossier.redactions == []
    assert dossier.reports is not None
    assert len(dossier.reports.records) == 2


def test_important_facts_hold_status_discussions_plans_support_and_own_contacts(
    logs: dict[str, list[LoggedAction]],
) -> None:
    dossier = export(logs, "parent-none-11", "reader")

    assert dossier.disclosed_items == [
        "birth_date",
        "discussions",
        "name",
        "outcome",
        "plan",
        "status",
        "support",
    ]
    assert [(r.item, r.ground) for r in dossier.redactions] == [
        ("signals", "others_rights"),
        ("relations", "others_rights"),
        ("consents", "others_rights"),
        ("contacts", "others_rights"),
        ("requests", "others_rights"),
        ("sdq", "others_rights"),
        ("evaluations", "others_rights"),
        ("reports", "child_interest"),
    ]
    assert [e.action for e in dossier.history] == [
        "case_opened",
        "step_entered",
        "step_entered",
        "step_entered",
        "meeting_scheduled",
        "discussion_held",
        "action_plan_recorded",
        "step_entered",
        "support_arranged",
    ]
    (discussion,) = dossier.discussions
    assert discussion.outcome == "Extra support in class, weekly check-in"
    assert discussion.attendees is None and discussion.level is None and discussion.basis is None
    assert dossier.contacts == []
    assert dossier.requests == []
    assert dossier.names == {"pupil": "Sem Fictief", "reader": "Kees Voorbeeld"}


def test_important_facts_never_include_safety_records(
    logs: dict[str, list[LoggedAction]],
) -> None:
    from zatlog.errors import ZatlogError

    with pytest.raises(ZatlogError, match="important facts only"):
        build_dossier(
            logs["foster-8"],
            logs["school"],
            "reader",
            date.fromisoformat(EXPORT_DAY),
            Policy(),
            include_safety=True,
        )


def test_an_unknown_reader_is_named_with_the_known_persons(
    logs: dict[str, list[LoggedAction]],
) -> None:
    from zatlog.errors import ZatlogError

    with pytest.raises(ZatlogError) as error:
        export(logs, "auth-15", "uncle")
    assert str(error.value) == (
        "unknown person 'uncle' on case auth-15 on 2025-11-01 (known: mother, pupil, reader)"
    )
