"""Restrictions (court order, OTS instruction, child's interest) remove their scope."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dossier_cases import line, opened, relation, school, store, trajectory

from zatlog.application import ZatlogApp
from zatlog.policy import Policy
from zatlog.projections.dossier.model import Dossier, NoRight, build_dossier
from zatlog.projections.dossier.source import load_case_events, load_school_events
from zatlog.storage import resolve

CASE = "2025-030"


def restricted(**fields: Any) -> dict[str, Any]:
    return line("information_restricted", case=CASE, by="ib-devries", **fields)


def dossier_for(
    tmp_path: Path, restrictions: list[dict[str, Any]], reader: str, day: str = "2025-11-01"
) -> Dossier:
    db = str(tmp_path / "zatlog.db")
    store(
        db,
        [
            *school(),
            *opened(CASE, "2013-03-01"),
            relation(CASE, "mother", "Anna Fictief", "parent", "joint"),
            relation(CASE, "father", "Kees Voorbeeld", "parent", "joint"),
            relation(CASE, "stepfather", "Gerrit Stiefman", "step_parent", "none"),
            *trajectory(CASE),
            *restrictions,
        ],
    )
    app = ZatlogApp(resolve(db))
    try:
        events = load_case_events(app, CASE)
        school_events = load_school_events(app, "default")
    finally:
        app.close()
    return build_dossier(events, school_events, reader, date.fromisoformat(day), Policy())


def test_a_court_order_on_all_information_refuses_the_export(tmp_path: Path) -> None:
    order = restricted(
        at="2025-09-05", person="father", basis="court_order", scope=["all"], motivation="Court"
    )

    with pytest.raises(NoRight) as refusal:
        dossier_for(tmp_path, [order], "father")

    assert refusal.value.reason == "restricted_all"
    assert refusal.value.basis == "court_order"
    assert refusal.value.since == date(2025, 9, 5)


def test_a_restricted_scope_is_withheld_and_named_with_its_ground(tmp_path: Path) -> None:
    instruction = restricted(
        at="2025-09-05",
        person="father",
        basis="ots_instruction",
        scope=["sdq", "outcome", "relations"],
        motivation="OTS",
    )

    dossier = dossier_for(tmp_path, [instruction], "father")

    assert [(r.item, r.ground, r.basis, r.since) for r in dossier.redactions] == [
        ("sdq", "restriction", "ots_instruction", date(2025, 9, 5)),
        ("outcome", "restriction", "ots_instruction", date(2025, 9, 5)),
        ("relations", "restriction", "ots_instruction", date(2025, 9, 5)),
        ("reports", "child_interest", None, None),
    ]
    assert dossier.sdq is None
    assert dossier.relations is None
    (discussion,) = dossier.discussions
    assert discussion.outcome is None
    assert discussion.advice_home is None
    assert [p.advice_home for p in dossier.plans] == ["Read together every evening"]
    assert "sdq_recorded" not in [e.action for e in dossier.history]
    assert "relation_recorded" in [e.action for e in dossier.history]  # the father's own
    assert dossier.names == {"pupil": "Sem Fictief", "father": "Kees Voorbeeld"}
    assert all("Anna Fictief" not in str(e.details) for e in dossier.history)


def test_a_restriction_that_ended_no_longer_applies(tmp_path: Path) -> None:
    ended = restricted(
        at="2025-09-05",
        person="father",
        basis="court_order",
        scope=["all"],
        motivation="Temporary",
        until="2025-10-31",
    )

    dossier = dossier_for(tmp_path, [ended], "father", day="2025-11-01")

    assert dossier.reader.right == "full"
    assert [r.item for r in dossier.redactions] == ["reports"]
    (shown,) = dossier.relations.restrictions if dossier.relations else []
    assert (shown.person, shown.active) == ("father", False)


def test_a_restriction_of_another_person_does_not_limit_the_reader(tmp_path: Path) -> None:
    order = restricted(
        at="2025-09-05", person="father", basis="court_order", scope=["all"], motivation="Court"
    )

    dossier = dossier_for(tmp_path, [order], "mother")

    assert dossier.reader.right == "full"
    assert [r.item for r in dossier.redactions] == ["reports"]


def test_a_child_interest_restriction_limits_important_facts(tmp_path: Path) -> None:
    foster = [
        relation(CASE, "foster", "Pleeg Ouder", "foster_parent", "none", at="2025-09-01"),
        restricted(
            at="2025-09-06",
            person="foster",
            basis="child_interest",
            scope=["plan", "Medical"],
            motivation="Child's interest",
        ),
    ]

    dossier = dossier_for(tmp_path, foster, "foster")

    assert dossier.reader.right == "important_facts"
    assert dossier.plans is None
    assert "plan" not in dossier.disclosed_items
    assert [(r.item, r.ground) for r in dossier.redactions][:2] == [
        ("plan", "restriction"),
        ("medical", "restriction"),
    ]
