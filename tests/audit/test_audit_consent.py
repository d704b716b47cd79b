"""G3–G7: the lawful basis of a discussion, with ages taken on the discussion date."""

from __future__ import annotations

from audit_builder import LogBuilder

from zatlog.policy import Policy


def cvb_case(log: LogBuilder, birth_date: str = "2014-05-10") -> LogBuilder:
    """A case ready for a CvB discussion on 2025-09-29 (parents told, heard and invited)."""
    log.publish_documents()
    log.open_case(birth_date=birth_date)
    log.inform("2025-09-05", ["concern", "heard_input"], to=("mother", "father", "pupil"))
    log.invite("2025-09-12", "m1", to=("mother", "father", "pupil"))
    return log


def test_pupil_who_turned_12_after_the_form_was_signed_must_sign_too(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2013-09-20")
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.discussion("2025-09-29", "m1", forum="cvb")

    g4 = log.of("G4")

    assert [f.persons for f in g4] == [("pupil",)]
    assert log.of("G4", policy=Policy(double_consent_12_15=False)) == []


def test_pupil_assessed_incapable_need_not_sign_at_12(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2013-01-01")
    log.add("pupil_capacity_assessed", "2025-09-01", capable=False)
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert log.of("G4") == []


def test_from_16_the_pupil_alone_signs(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2009-09-15")
    log.consent_form("2025-09-10", "f-cvb", forum="cvb", signers=())
    log.sign("2025-09-20", "f-cvb", "pupil")
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert log.of("G4") == []


def test_pupil_turned_18_before_the_meeting_signs_instead_of_the_parents(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2007-09-20")
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert [f.persons for f in log.of("G4")] == [("pupil",)]


def test_an_adult_under_curatele_is_represented_by_any_one_representative(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2005-01-01")
    log.relation("curator-1", relation="legal_representative", authority="none")
    log.relation("curator-2", relation="legal_representative", authority="none")
    log.invite("2025-09-12", "m1", to=("curator-1", "curator-2"))
    log.consent_form("2025-09-10", "f-cvb", forum="cvb", signers=("curator-2",))
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert log.of("G4") == []


def test_verbal_consent_is_not_unambiguous(log: LogBuilder) -> None:
    cvb_case(log)
    log.consent_form("2025-09-10", "f-cvb", forum="cvb", signers=("mother",))
    log.sign("2025-09-11", "f-cvb", "father", method="verbal")
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert [f.persons for f in log.of("G4")] == [("father",)]


def test_a_refusal_followed_by_a_new_signed_form_is_valid_consent(log: LogBuilder) -> None:
    cvb_case(log)
    log.consent_form("2025-09-05", "f-old", forum="cvb", signers=())
    log.add("consent_refused", "2025-09-06", consent="f-old", signer="mother")
    log.consent_form("2025-09-15", "f-new", forum="cvb")
    log.discussion("2025-09-29", "m1", forum="cvb", consent="f-new")

    assert log.findings() == []


def test_refusal_on_the_forum_blocks_a_discussion_without_consent(log: LogBuilder) -> None:
    cvb_case(log)
    log.consent_form("2025-09-05", "f-old", forum="cvb", signers=())
    log.add("consent_refused", "2025-09-06", consent="f-old", signer="mother")
    log.discussion("2025-09-29", "m1", forum="cvb", basis="none", level="outside_info")

    assert ("G7", "critical") in log.rules()
    assert [f.persons for f in log.of("G7")] == [("mother",)]


def test_withdrawal_after_the_discussion_does_not_count(log: LogBuilder) -> None:
    cvb_case(log)
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.discussion("2025-09-29", "m1", forum="cvb")
    log.add("consent_withdrawn", "2025-09-30", consent="f-cvb", signer="mother")

    assert log.findings() == []


def test_form_for_another_forum_or_expired_is_not_valid(log: LogBuilder) -> None:
    cvb_case(log)
    log.consent_form("2025-09-10", "f-cvb", forum="zat", valid_until="2025-09-28")
    log.discussion("2025-09-29", "m1", forum="cvb")

    messages = [f.message_en for f in log.of("G4")]

    assert len(messages) == 2
    assert any("is for the ZAT" in m for m in messages)
    assert any("valid until 2025-09-28" in m for m in messages)


def test_full_discussion_without_consent_is_critical(log: LogBuilder) -> None:
    cvb_case(log)
    log.discussion("2025-09-29", "m1", forum="cvb", basis="none")

    assert ("G4", "critical") in log.rules()


def test_data_beyond_the_form_and_beyond_outside_information(log: LogBuilder) -> None:
    cvb_case(log)
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.discussion("2025-09-29", "m1", forum="cvb", data_shared=["Name", "diagnosis"])
    log.add(
        "no_objection_notice_sent",
        "2025-09-30",
        notice="n-1",
        to=["mother", "father"],
        channel="letter",
        objection_deadline="2025-10-10",
    )
    log.discussion(
        "2025-10-20",
        "m2",
        forum="cvb",
        level="outside_info",
        basis="no_objection",
        notice="n-1",
        data_shared=["name", "known_to_services", "school_results"],
    )

    g3 = log.of("G3")

    assert [f.message_en.rsplit(": ", 1)[1] for f in g3] == ["diagnosis.", "school results."]


def test_attendee_not_on_the_form_is_critical_but_case_persons_may_attend(
    log: LogBuilder,
) -> None:
    cvb_case(log)
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.discussion(
        "2025-09-29", "m1", forum="cvb", attendees=[" IB ", "Mother", "pupil", "Police", "police"]
    )

    assert [f.persons for f in log.of("G5")] == [("police",)]


def test_no_objection_route_checks_notice_recipients_channel_objections_and_term(
    log: LogBuilder,
) -> None:
    cvb_case(log)
    log.add(
        "no_objection_notice_sent",
        "2025-09-10",
        notice="n-1",
        to=["mother"],
        channel="phone",
        objection_deadline="2025-09-14",
        participants=["ib"],
    )
    log.add("objection_received", "2025-09-12", notice="n-1", person="mother")
    log.discussion(
        "2025-09-29",
        "m1",
        forum="cvb",
        level="outside_info",
        basis="no_objection",
        notice="n-1",
        data_shared=["name"],
        attendees=["ib", "jeugdarts"],
    )

    g6 = sorted((f.severity, f.persons) for f in log.of("G6"))

    assert g6 == [
        ("critical", ()),  # not in writing
        ("critical", ("father",)),  # not sent to every authority holder
        ("critical", ("mother",)),  # objection before the discussion
        ("major", ()),  # 4 days to object
    ]
    assert [f.persons for f in log.of("G5")] == [("jeugdarts",)]
    assert [f.persons for f in log.of("G7")] == [("mother",)]


def test_no_objection_notice_sent_after_the_discussion(log: LogBuilder) -> None:
    cvb_case(log)
    log.discussion(
        "2025-09-29",
        "m1",
        forum="cvb",
        level="outside_info",
        basis="no_objection",
        notice="n-late",
        data_shared=["name"],
    )
    log.add(
        "no_objection_notice_sent",
        "2025-10-01",
        notice="n-late",
        to=["mother", "father"],
        channel="letter",
        objection_deadline="2025-10-15",
    )

    assert [(f.severity, "afterwards" in f.message_en) for f in log.of("G6")] == [
        ("critical", True)
    ]


def test_anonymous_consultation_may_share_non_identifying_items(log: LogBuilder) -> None:
    cvb_case(log)
    log.discussion(
        "2025-09-29",
        "m1",
        forum="zat",
        level="anonymous",
        basis="none",
        data_shared=["behaviour", "age_group"],
    )

    assert log.findings() == []


def test_pupil_who_turned_16_after_only_the_parents_signed_must_sign(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2009-09-20")
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert [f.persons for f in log.of("G4")] == [("pupil",)]
    assert log.of("G4", as_of="2025-09-29") == log.of("G4")


def test_pupil_of_16_assessed_incapable_is_represented_by_the_parents(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2009-09-20")
    log.add("pupil_capacity_assessed", "2025-09-21", capable=False)
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.discussion("2025-09-29", "m1", forum="cvb")

    assert log.of("G4") == []
