"""Auditing a whole log: grouping by case and school, the as-of date, a stable order."""

from __future__ import annotations

from datetime import date

from audit_builder import CASE, LogBuilder

from zatlog.policy import Policy
from zatlog.projections.audit.findings import audit_case


def test_events_after_the_as_of_date_are_not_judged(zat_case: LogBuilder) -> None:
    zat_case.discussion("2025-10-20", "m-zat", basis="none")

    assert zat_case.findings(as_of="2025-10-19") == []
    assert ("G4", "critical") in zat_case.rules(as_of="2025-10-20")


def test_cases_opened_after_the_as_of_date_are_not_audited(log: LogBuilder) -> None:
    log.open_case(at="2025-09-01")
    log.open_case(at="2025-12-01", case="2025-102")

    assert log.audit(as_of="2025-10-01").cases == 1
    assert log.audit(as_of="2025-12-01").case_refs == (CASE, "2025-102")


def test_audit_of_one_case_or_one_school(log: LogBuilder) -> None:
    log.open_case()
    log.open_case(case="2025-102", school="other")
    log.inform("2025-10-01", ["outcome"], to=("stranger",), case="2025-102")
    log.inform("2025-10-01", ["outcome"], to=("stranger",))

    assert {f.case for f in log.findings()} == {CASE, "2025-102"}
    assert {f.case for f in log.findings(case="2025-102")} == {"2025-102"}
    assert {f.case for f in log.findings(school="other")} == {"2025-102"}
    assert log.audit(school="nowhere").cases == 0


def test_audit_case_judges_one_case_with_its_schools_documents(zat_case: LogBuilder) -> None:
    zat_case.discussion("2025-10-20", "m-zat")
    school = [e for e in zat_case.events if e.case is None]
    case = [e for e in zat_case.events if e.case is not None]

    assert audit_case(case, school, Policy(), date(2026, 1, 31)) == []
    assert {f.rule for f in audit_case(case, [], Policy(), date(2026, 1, 31))} == {"S0"}
    assert audit_case(case, school, Policy(), date(2025, 8, 31)) == []


def test_findings_come_in_a_stable_order_whatever_the_recording_order(log: LogBuilder) -> None:
    log.open_case()
    log.inform("2025-10-02", ["outcome"], to=("stranger", "other"))
    log.inform("2025-10-01", ["outcome"], to=("stranger",))
    forward = log.findings()
    log.events.reverse()

    assert [(f.subject.day, f.persons) for f in forward] == [
        (date(2025, 10, 1), ("stranger",)),
        (date(2025, 10, 2), ("other",)),
        (date(2025, 10, 2), ("stranger",)),
    ]
    assert log.findings() == forward
