"""S0, P0, G1, G2, B1, P1, Z1, O1, S1: involving parents around meetings."""

from __future__ import annotations

from audit_builder import LogBuilder

from zatlog.policy import Policy


def test_compliant_zat_discussion_gives_no_finding(zat_case: LogBuilder) -> None:
    zat_case.discussion("2025-10-20", "m-zat", data_shared=["name", "sdq"])

    assert zat_case.findings() == []


def test_mother_not_invited_and_father_invited_late_give_a_major_and_a_minor_b1(
    zat_case: LogBuilder,
) -> None:
    zat_case.events = [e for e in zat_case.events if e.name != "parents_invited"]
    zat_case.invite("2025-10-17", "m-zat", to=("father",))
    zat_case.discussion("2025-10-20", "m-zat")

    b1 = {(f.severity, f.persons) for f in zat_case.of("B1")}

    assert b1 == {("major", ("mother",)), ("minor", ("father",))}


def test_invitation_exactly_the_lead_time_ahead_is_in_time(zat_case: LogBuilder) -> None:
    zat_case.events = [e for e in zat_case.events if e.name != "parents_invited"]
    zat_case.invite("2025-10-13", "m-zat")
    zat_case.discussion("2025-10-20", "m-zat")

    assert zat_case.of("B1") == []
    assert {(f.rule, f.severity) for f in zat_case.of("B1", policy=Policy(invite_lead_days=8))} == {
        ("B1", "minor")
    }


def test_invitation_dated_after_the_discussion_counts_as_not_invited(zat_case: LogBuilder) -> None:
    zat_case.events = [e for e in zat_case.events if e.name != "parents_invited"]
    zat_case.discussion("2025-10-20", "m-zat")
    late = zat_case.invite("2025-10-21", "m-zat")

    b1 = zat_case.of("B1")

    assert {f.severity for f in b1} == {"major"}
    assert all(late in f.evidence for f in b1)


def test_safety_override_discussion_is_not_judged_by_the_meeting_rules(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case()
    log.add("safety_concern_recorded", "2025-11-04", ground="neglect", description="Hungry")
    log.add("safety_override_invoked", "2025-11-04", ground="neglect", approved_by="director")
    log.discussion("2025-11-05", "m-safe", basis="safety_override", parents_present=False)
    log.add("report_made", "2025-11-06", to="amk")
    log.inform("2025-11-05", ["report"], channel="letter")

    assert log.findings() == []


def test_pupil_of_16_is_a_required_invitee_unless_refusal_targets_only_the_parent(
    log: LogBuilder,
) -> None:
    log.publish_documents()
    log.open_case(birth_date="2009-01-01")
    log.inform("2025-09-05", ["concern", "heard_input"], to=("mother", "father", "pupil"))
    log.add("pupil_refused_parent_information", "2025-09-10", targets=["father"])
    log.consent_form("2025-09-10", "f-cvb", forum="cvb", signers=("pupil",))
    log.invite("2025-09-12", "m-cvb", to=("mother",))
    log.discussion("2025-09-29", "m-cvb", forum="cvb")

    b1 = log.of("B1")

    assert [(f.severity, f.persons) for f in b1] == [("major", ("pupil",))]
    relaxed = Policy(pupil16_refusal_blocks_invites=False)
    assert {f.persons for f in log.of("B1", policy=relaxed)} == {("pupil",), ("father",)}


def test_g1_only_judges_the_first_cvb_discussion(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case()
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.invite("2025-09-12", "m1")
    log.invite("2025-09-12", "m2")
    log.inform("2025-09-12", ["heard_input"])
    log.discussion("2025-09-29", "m1", forum="cvb")
    log.inform("2025-10-01", ["concern"])
    log.discussion("2025-10-29", "m2", forum="cvb")

    g1 = log.of("G1")

    assert [f.subject.day.isoformat() for f in g1] == ["2025-09-29"]
    assert g1[0].persons == ("father", "mother")


def test_concern_told_on_the_day_of_the_discussion_is_in_time(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case()
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.invite("2025-09-12", "m1")
    log.discussion("2025-09-29", "m1", forum="cvb")
    log.inform("2025-09-29", ["concern", "heard_input"])

    assert log.findings() == []


def test_g2_is_met_by_telling_the_meeting_purpose_separately(zat_case: LogBuilder) -> None:
    zat_case.events = [e for e in zat_case.events if e.name != "parents_invited"]
    zat_case.invite("2025-10-08", "m-zat", purpose_and_composition_included=False)
    zat_case.inform("2025-10-09", ["meeting_purpose"], to=("mother",), meeting="m-zat")
    zat_case.discussion("2025-10-20", "m-zat")

    assert [f.persons for f in zat_case.of("G2")] == [("father",)]


def test_p1_asks_the_pupil_of_twelve_to_be_heard_as_well(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case(birth_date="2013-09-28")
    log.inform("2025-09-05", ["concern", "heard_input"])
    log.consent_form("2025-09-10", "f-cvb", forum="cvb", signers=("mother", "father", "pupil"))
    log.invite("2025-09-12", "m1")
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert [f.persons for f in log.of("P1")] == [("pupil",)]


def test_p1_is_met_by_hearing_a_pupil_of_sixteen(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case(birth_date="2009-01-01")
    log.inform("2025-09-05", ["concern"])
    log.inform("2025-09-06", ["heard_input"], to=("pupil",))
    log.consent_form("2025-09-10", "f-cvb", forum="cvb", signers=("pupil",))
    log.invite("2025-09-12", "m1", to=("mother", "father", "pupil"))
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert log.findings() == []


def test_zat_registration_before_parents_were_told_is_major_and_without_input_minor(
    log: LogBuilder,
) -> None:
    log.open_case()
    log.add("zat_registered", "2025-10-02", support_need="Behaviour", parent_input=False)
    log.inform("2025-10-03", ["zat_registration"])

    assert log.rules() == {("Z1", "major"), ("Z1", "minor")}


def test_outcome_deadline_not_yet_passed_gives_no_o1(zat_case: LogBuilder) -> None:
    zat_case.discussion("2025-10-20", "m-zat", parents_present=False)

    assert zat_case.of("O1", as_of="2025-10-27") == []
    assert {f.persons for f in zat_case.of("O1", as_of="2025-10-28")} == {
        ("mother",),
        ("father",),
    }


def test_outcome_told_within_the_term_for_that_meeting_meets_o1(zat_case: LogBuilder) -> None:
    zat_case.discussion("2025-10-20", "m-zat", parents_present=False)
    zat_case.inform("2025-10-27", ["outcome"], to=("mother",), meeting="m-zat")
    zat_case.inform("2025-10-22", ["outcome"], to=("father",), meeting="another-meeting")

    assert [f.persons for f in zat_case.of("O1")] == [("father",)]


def test_stale_and_missing_sdq_give_one_s1_each(zat_case: LogBuilder) -> None:
    zat_case.events = [e for e in zat_case.events if e.name != "sdq_recorded"]
    zat_case.add(
        "sdq_recorded",
        "2025-07-19",
        informant="parent",
        emotional=1,
        conduct=1,
        hyperactivity=1,
        peer=1,
        prosocial=9,
    )
    zat_case.discussion("2025-10-20", "m-zat")

    s1 = zat_case.of("S1")

    assert len(s1) == 2
    assert any("93 days" in f.message_en for f in s1)
    assert any("teacher SDQ" in f.message_en for f in s1)


def test_sdq_exactly_the_maximum_age_old_is_recent_enough(zat_case: LogBuilder) -> None:
    zat_case.events = [e for e in zat_case.events if e.name != "sdq_recorded"]
    for informant in ("parent", "teacher"):
        zat_case.add(
            "sdq_recorded",
            "2025-07-20",
            informant=informant,
            emotional=1,
            conduct=1,
            hyperactivity=1,
            peer=1,
            prosocial=9,
        )
    zat_case.discussion("2025-10-20", "m-zat")

    assert zat_case.of("S1") == []


def test_s0_lists_documents_published_only_after_the_discussion(log: LogBuilder) -> None:
    log.open_case()
    log.inform("2025-09-05", ["concern", "heard_input"])
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.invite("2025-09-12", "m1")
    log.discussion("2025-09-29", "m1", forum="cvb")
    late = log.add(
        "school_document_published",
        "2025-10-01",
        case=None,
        document="privacy_regulation",
        version="1",
    )

    [s0] = log.of("S0")

    assert "school guide (CvB) and privacy regulation" in s0.message_en
    assert late in s0.evidence
    assert log.of("S0", as_of="2025-09-30")[0].evidence == (s0.subject,)


def test_documents_of_another_school_do_not_count(log: LogBuilder) -> None:
    log.publish_documents(school="other")
    log.open_case()
    log.inform("2025-09-05", ["concern", "heard_input"])
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.invite("2025-09-12", "m1")
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert log.rules() == {("S0", "major")}


def test_p0_for_a_minor_without_anyone_holding_authority_but_not_for_an_adult(
    log: LogBuilder,
) -> None:
    log.publish_documents()
    log.open_case(birth_date="2007-10-01", parents=())
    log.relation("aunt", relation="other", authority="none")
    log.discussion("2025-09-29", "m1", forum="mdo", basis="none", level="outside_info")
    log.discussion("2025-10-02", "m2", forum="mdo", basis="none", level="outside_info")

    assert [f.subject.day.isoformat() for f in log.of("P0")] == ["2025-09-29"]
