"""G10, I377, A16, X1 and D1: requests and who receives information."""

from __future__ import annotations

from datetime import date

import pytest
from audit_builder import LogBuilder

from zatlog.calendar import calendar_months_after, one_calendar_month_after


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-01-31", "2025-02-28"),
        ("2024-01-31", "2024-02-29"),
        ("2025-03-31", "2025-04-30"),
        ("2025-12-15", "2026-01-15"),
        ("2025-02-28", "2025-03-28"),
    ],
)
def test_one_calendar_month_after_keeps_the_day_or_takes_the_months_last(
    day: str, expected: str
) -> None:
    assert one_calendar_month_after(date.fromisoformat(day)) == date.fromisoformat(expected)


def test_three_calendar_months_after_the_last_of_november() -> None:
    assert calendar_months_after(date(2025, 11, 30), 3) == date(2026, 2, 28)


def request_case(log: LogBuilder, requested: str, kind: str = "inspection") -> LogBuilder:
    log.open_case(at="2024-09-01")
    log.add("information_requested", requested, request="r-1", requester="mother", kind=kind)
    return log


def test_request_of_31_january_is_due_on_the_last_of_february(log: LogBuilder) -> None:
    request_case(log, "2025-01-31")

    assert log.of("G10", as_of="2025-02-28") == []
    assert [f.severity for f in log.of("G10", as_of="2025-03-01")] == ["major"]


def test_answer_on_the_deadline_is_in_time_and_the_day_after_is_late(log: LogBuilder) -> None:
    request_case(log, "2024-01-31")
    log.add("information_disclosed", "2024-02-29", request="r-1", to="mother", items=["dossier"])

    assert log.of("G10") == []


def test_extension_within_the_month_moves_the_deadline_but_at_most_three_months(
    log: LogBuilder,
) -> None:
    request_case(log, "2025-01-15")
    log.add("information_request_extended", "2025-02-10", request="r-1", new_deadline="2025-06-01")

    assert log.of("G10", as_of="2025-04-15") == []
    [late] = log.of("G10", as_of="2025-04-16")
    assert "2025-04-15" in late.message_en


def test_extension_recorded_after_the_month_does_not_count(log: LogBuilder) -> None:
    request_case(log, "2025-01-15")
    log.add("information_request_extended", "2025-02-16", request="r-1", new_deadline="2025-03-15")
    log.add("information_disclosed", "2025-03-01", request="r-1", to="mother", items=["dossier"])

    assert [f.severity for f in log.of("G10")] == ["major"]


def test_refusing_a_person_with_the_full_right_is_a_finding_even_in_time(log: LogBuilder) -> None:
    request_case(log, "2025-01-15")
    refusal = log.add(
        "information_request_refused", "2025-01-20", request="r-1", ground="other", motivation="x"
    )

    [g10] = log.of("G10")

    assert refusal in g10.evidence


def test_request_by_someone_without_the_full_right_is_not_judged_by_g10(log: LogBuilder) -> None:
    log.open_case(at="2024-09-01", parents=("mother",))
    log.relation("grandma", relation="grandparent", authority="none", at="2024-09-01")
    log.add("information_requested", "2025-01-15", request="r-1", requester="grandma", kind="copy")

    assert log.findings() == []


def important_facts_case(log: LogBuilder) -> LogBuilder:
    log.open_case(at="2024-09-01", parents=("mother",))
    log.relation("father", relation="parent", authority="none", at="2024-09-01")
    log.add(
        "information_requested",
        "2025-03-01",
        request="r-1",
        requester="father",
        kind="important_facts",
    )
    return log


def test_important_facts_reply_term_counts_from_the_request(log: LogBuilder) -> None:
    important_facts_case(log)

    assert log.of("I377", as_of="2025-03-29") == []
    assert [f.persons for f in log.of("I377", as_of="2025-03-30")] == [("father",)]


def test_refusing_important_facts_in_the_childs_interest_with_reasons_is_allowed(
    log: LogBuilder,
) -> None:
    important_facts_case(log)
    log.add(
        "information_request_refused",
        "2025-03-10",
        request="r-1",
        ground="child_interest",
        motivation="Contact would harm the child (psychologist's advice)",
    )

    assert log.findings() == []


def test_refusing_important_facts_on_another_ground_without_reasons_gives_two_findings(
    log: LogBuilder,
) -> None:
    important_facts_case(log)
    log.add(
        "information_request_refused", "2025-03-10", request="r-1", ground="other", motivation=" "
    )

    messages = sorted(f.message_en for f in log.of("I377"))

    assert len(messages) == 2
    assert any("without reasons" in m for m in messages)
    assert any("(other)" in m for m in messages)


def refusal_case(log: LogBuilder) -> LogBuilder:
    log.open_case(birth_date="2008-02-11")
    log.add("pupil_refused_parent_information", "2025-09-10", targets=["mother"])
    return log


def test_a_refused_parent_gets_no_invitation_contact_or_disclosure(log: LogBuilder) -> None:
    refusal_case(log)
    log.invite("2025-09-11", "m1")
    log.inform("2025-09-12", ["development"])
    log.add("information_disclosed", "2025-09-13", to="mother", items=["plan"])

    a16 = log.of("A16")

    assert [f.subject.name for f in a16] == [
        "parents_invited",
        "parents_informed",
        "information_disclosed",
    ]
    assert all(f.persons == ("mother",) for f in a16)


def test_after_the_refusal_is_withdrawn_the_parent_may_be_informed(log: LogBuilder) -> None:
    refusal_case(log)
    log.add("pupil_refusal_withdrawn", "2025-10-01", targets=["mother"])
    log.inform("2025-10-02", ["outcome"])

    assert log.findings() == []


def restriction_case(log: LogBuilder, scope: list[str], until: str | None = None) -> LogBuilder:
    log.open_case()
    extra = {} if until is None else {"until": until}
    log.add(
        "information_restricted",
        "2025-09-05",
        person="father",
        basis="court_order",
        scope=scope,
        motivation="Court order",
        **extra,
    )
    return log


def test_full_dossier_to_a_restricted_person_needs_the_restricted_items_redacted(
    log: LogBuilder,
) -> None:
    restriction_case(log, ["reports", "sdq"])
    log.add(
        "information_disclosed",
        "2025-09-20",
        to="father",
        items=["dossier"],
        redactions=[{"item": "reports", "ground": "restriction"}],
    )
    log.add(
        "information_disclosed",
        "2025-09-21",
        to="father",
        items=["dossier"],
        redactions=[
            {"item": "reports", "ground": "restriction"},
            {"item": "SDQ", "ground": "restriction"},
        ],
    )

    [x1] = log.of("X1")

    assert x1.subject.day == date(2025, 9, 20)
    assert "(SDQ scores)" in x1.message_en


def test_informing_about_the_outcome_discloses_a_restricted_outcome(log: LogBuilder) -> None:
    restriction_case(log, ["outcome"])
    log.inform("2025-09-20", ["development"])
    log.inform("2025-09-21", ["advice_home"])

    assert [f.subject.day.isoformat() for f in log.of("X1")] == ["2025-09-21"]


def test_a_restriction_is_in_force_up_to_the_day_before_its_until_date(log: LogBuilder) -> None:
    restriction_case(log, ["all"], until="2025-09-30")
    log.inform("2025-09-29", ["development"])
    log.inform("2025-09-30", ["development"])
    log.inform("2025-10-01", ["development"])

    assert [f.subject.day.isoformat() for f in log.of("X1")] == ["2025-09-29"]


def test_outcome_to_someone_without_a_right_is_critical(log: LogBuilder) -> None:
    log.open_case(parents=("mother",))
    log.relation("stepdad", relation="step_parent", authority="none")
    log.inform("2025-09-20", ["outcome"], to=("mother", "stepdad"))
    log.inform("2025-09-21", ["development"], to=("stepdad",))

    assert [(f.subject.day.isoformat(), f.persons) for f in log.of("D1")] == [
        ("2025-09-20", ("stepdad",))
    ]


def test_full_dossier_to_a_parent_without_authority_is_critical(log: LogBuilder) -> None:
    log.open_case(parents=("mother",))
    log.relation("father", relation="parent", authority="none")
    log.add("information_disclosed", "2025-09-20", to="father", items=["outcome", "plan"])
    log.add("information_disclosed", "2025-09-21", to="father", items=["dossier"])

    assert [f.subject.day.isoformat() for f in log.of("D1")] == ["2025-09-21"]


def test_parents_lose_their_right_when_the_pupil_turns_18(log: LogBuilder) -> None:
    log.open_case(birth_date="2007-10-01")
    log.inform("2025-09-30", ["outcome"])
    log.inform("2025-10-01", ["outcome"])

    assert [f.subject.day.isoformat() for f in log.of("D1")] == ["2025-10-01"] * 2
