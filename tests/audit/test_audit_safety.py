"""G8 and G9: the safety track and telling parents about a report."""

from __future__ import annotations

from audit_builder import LogBuilder


def safety_case(log: LogBuilder, birth_date: str = "2014-05-10") -> LogBuilder:
    log.publish_documents()
    log.open_case(birth_date=birth_date)
    log.add("safety_concern_recorded", "2025-11-04", ground="abuse", description="Bruises")
    log.add("safety_override_invoked", "2025-11-05", ground="abuse", approved_by="director")
    log.discussion("2025-11-06", "m-safe", basis="safety_override", parents_present=False)
    return log


def test_override_without_concern_is_critical(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case()
    log.add("safety_override_invoked", "2025-11-05", ground="abuse", approved_by="director")
    log.discussion("2025-11-06", "m-safe", basis="safety_override")
    log.add("report_made", "2025-11-06", to="veilig_thuis")
    log.inform("2025-11-06", ["report"], channel="letter")

    [g8] = log.of("G8")

    assert g8.severity == "critical"
    assert "no safety concern was recorded" in g8.message_en


def test_report_within_the_follow_up_term_and_amk_alias(log: LogBuilder) -> None:
    safety_case(log)
    log.inform("2025-11-10", ["report"], channel="email")
    log.add("report_made", "2025-11-10", to="amk")

    assert log.findings() == []


def test_report_to_the_municipal_team_does_not_follow_up_an_override(log: LogBuilder) -> None:
    safety_case(log)
    log.inform("2025-11-10", ["report"], channel="email")
    log.add("report_made", "2025-11-10", to="municipal_team")

    assert log.rules() == {("G8", "major")}


def test_follow_up_term_not_yet_passed_gives_no_g8(log: LogBuilder) -> None:
    safety_case(log)

    assert log.of("G8", as_of="2025-11-10") == []
    assert [f.severity for f in log.of("G8", as_of="2025-11-11")] == ["major"]


def test_parents_never_told_of_a_report_is_critical_once_the_report_is_made(
    log: LogBuilder,
) -> None:
    safety_case(log)
    log.add("report_made", "2025-11-06", to="veilig_thuis")

    g9 = log.of("G9", as_of="2025-11-07")

    assert {(f.severity, f.persons) for f in g9} == {
        ("critical", ("mother",)),
        ("critical", ("father",)),
    }


def test_deferral_moves_the_deadline_to_its_review_date(log: LogBuilder) -> None:
    safety_case(log)
    log.add(
        "parent_notification_deferred", "2025-11-05", reason="safety_child", review_at="2025-11-12"
    )
    log.add("report_made", "2025-11-06", to="veilig_thuis")

    assert log.of("G9", as_of="2025-11-12") == []
    assert {f.severity for f in log.of("G9", as_of="2025-11-13")} == {"critical"}

    log.inform("2025-11-14", ["report"], channel="letter")
    assert {f.severity for f in log.of("G9", as_of="2025-11-20")} == {"major"}


def test_deferred_parents_told_by_review_date_need_a_written_notice_within_the_term(
    log: LogBuilder,
) -> None:
    safety_case(log)
    log.add(
        "parent_notification_deferred", "2025-11-05", reason="safety_child", review_at="2025-11-12"
    )
    log.add("report_made", "2025-11-06", to="veilig_thuis")
    log.inform("2025-11-12", ["report"], channel="conversation")

    assert log.of("G9", as_of="2025-11-19") == []
    assert {f.severity for f in log.of("G9", as_of="2025-11-20")} == {"minor"}

    log.inform("2025-11-19", ["report"], to=("mother",), channel="portal")
    assert [f.persons for f in log.of("G9", as_of="2025-11-20")] == [("father",)]


def test_a_notice_about_an_earlier_report_does_not_cover_a_later_one(log: LogBuilder) -> None:
    safety_case(log)
    log.inform("2025-11-06", ["report"], channel="letter")
    log.add("report_made", "2025-11-06", to="veilig_thuis")
    log.add("report_made", "2026-01-10", to="youth_care")

    g9 = log.of("G9")

    assert {(f.subject.day.isoformat(), f.severity) for f in g9} == {("2026-01-10", "critical")}


def test_report_of_a_16_year_old_need_not_reach_a_refused_parent(log: LogBuilder) -> None:
    safety_case(log, birth_date="2009-01-01")
    log.add("pupil_refused_parent_information", "2025-11-01", targets=["father"])
    log.inform("2025-11-06", ["report"], to=("mother",), channel="letter")
    log.add("report_made", "2025-11-06", to="veilig_thuis")

    assert log.of("G9") == []
