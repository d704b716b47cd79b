"""Every view tells the same story about a case on a day (they all read one fold).

Over random valid case logs and random days: the JSON of ``case show``, the
due items, the dossier of every person with a right and the audit agree on
the step, each consent form's status and missing signers, each request's
deadline, the restrictions in force and each person's right. Each view is
the function its command prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import case_log

from zatlog.actions import parse_action
from zatlog.policy import Policy
from zatlog.projections.audit.findings import audit_case
from zatlog.projections.case_state import case_state, contract
from zatlog.projections.dossier.model import NoRight, build_dossier
from zatlog.projections.due import due_items
from zatlog.records import LoggedAction

START = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)


def logged(lines: Sequence[dict[str, Any]]) -> list[LoggedAction]:
    return [
        LoggedAction(number, START + timedelta(minutes=number), "ib-test", parse_action(line))
        for number, line in enumerate(lines, start=1)
    ]


def shown(events: list[LoggedAction], day: date) -> dict[str, Any]:
    state = case_state(events, as_of=day)
    assert state is not None
    return contract(state.model_dump(mode="json"))


def dossiers(events: list[LoggedAction], show: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The dossier JSON of every person with a right (none where a restriction withholds all)."""
    day = date.fromisoformat(show["as_of"])
    found = {}
    for person in show["people"]:
        if person["right"] == "none":
            continue
        try:
            dossier = build_dossier(events, [], person["person"], day, Policy())
        except NoRight as refused:
            assert refused.reason == "restricted_all"
            continue
        found[person["person"]] = dossier.model_dump(mode="json")
    return found


def assert_views_agree(events: list[LoggedAction], day: date) -> None:
    show = shown(events, day)
    rights = {p["person"]: p["right"] for p in show["people"]}
    forms = [(f["consent"], f["status"], f["missing"]) for f in show["consents"]]
    deadlines = {r["request"]: r["due"] for r in show["requests"]}
    in_force = sorted(
        (r["person"], r["basis"], r["scope"], r["until"]) for r in show["restrictions"]
    )

    for person, dossier in dossiers(events, show).items():
        assert dossier["reader"]["right"] == rights[person]
        assert dossier["status"]["step"] == show["step"]
        if dossier["consents"] is not None:
            exported = dossier["consents"]["forms"]
            assert [(f["consent"], f["status"], f["missing"]) for f in exported] == forms
        for request in dossier["requests"] or []:
            assert request["answer_due"] == deadlines[request["request"]]
        if dossier["relations"] is not None:
            active = [r for r in dossier["relations"]["restrictions"] if r["active"]]
            assert sorted((r["person"], r["basis"], r["scope"], r["until"]) for r in active) == (
                in_force
            )

    findings = audit_case(events, [], Policy(), day)
    judged = {(f.rule, f.subject.position) for f in findings}
    position = {
        e.action.request: e.position  # type: ignore[union-attr]
        for e in events
        if e.name == "information_requested"
    }
    for item in due_items(events, Policy(), day):
        if item.kind != "information_request":
            continue
        candidates = [
            r["request"]
            for r in show["requests"]
            if r["answered"] is None
            and (r["requester"], r["due"]) == (item.persons[0], item.due.isoformat())
        ]
        assert candidates, item
        if item.overdue(day):
            assert any(
                (rule, position[request]) in judged
                for request in candidates
                for rule in ("G10", "I377")
            ), item


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=case_log(), offset=st.integers(-10, 500))
def test_case_show_due_dossier_and_audit_agree(log: list[dict[str, Any]], offset: int) -> None:
    events = logged(log)
    day = events[0].day + timedelta(days=max(offset, 0))
    assert_views_agree(events, day)
