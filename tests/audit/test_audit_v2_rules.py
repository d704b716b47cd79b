"""Domain v2 rules: G1 and the older pupil, G2 at every forum, cancellations (B1, G2, C1),
G4 at the outside information, G8/G9 since the previous report, X1/A16 on one day, H1, L1."""

from __future__ import annotations

import pytest
from audit_builder import LogBuilder

from zatlog.policy import Policy
from zatlog.projections.audit import catalog


def cvb_case(log: LogBuilder, birth_date: str, discussion: str = "2025-10-20") -> None:
    """A CvB discussion whose parents were invited in time but, so far, told nothing."""
    log.publish_documents()
    log.open_case(birth_date=birth_date)
    log.consent_form("2025-09-10", "f-cvb", forum="cvb", signers=())
    log.invite("2025-10-01", "m-cvb", to=("mother", "father", "pupil"))


# -- G1: the 16+ pupil, from 18 the pupil or a legal representative ----------------------


def test_g1_counts_the_pupil_told_on_their_sixteenth_birthday(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2009-10-20")
    log.inform("2025-10-15", ["concern"], to=("pupil",))
    log.discussion("2025-10-20", "m-cvb", forum="cvb")

    assert log.of("G1") == []


def test_g1_does_not_count_the_pupil_the_day_before_sixteen(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2009-10-21")
    log.inform("2025-10-15", ["concern"], to=("pupil",))
    log.discussion("2025-10-20", "m-cvb", forum="cvb")

    [g1] = log.of("G1")
    assert g1.severity == "major"
    assert g1.persons == ("father", "mother")
    assert "is geen ouder met gezag over de zorg geïnformeerd" in g1.message_nl


def test_g1_from_the_eighteenth_birthday_asks_the_pupil_or_a_legal_representative(
    log: LogBuilder,
) -> None:
    cvb_case(log, birth_date="2007-10-20")
    log.relation("curator", relation="legal_representative", authority="none")
    log.inform("2025-10-15", ["concern"], to=("mother",))
    log.discussion("2025-10-20", "m-cvb", forum="cvb")

    [g1] = log.of("G1")
    assert g1.persons == ("curator", "pupil")
    assert "neither the pupil nor a legal representative" in g1.message_en


def test_g1_at_eighteen_is_met_by_the_legal_representative(log: LogBuilder) -> None:
    cvb_case(log, birth_date="2007-10-20")
    log.relation("curator", relation="legal_representative", authority="none")
    log.inform("2025-10-15", ["concern"], to=("curator",))
    log.discussion("2025-10-20", "m-cvb", forum="cvb")

    assert log.of("G1") == []


# -- G2 at every forum; cancellations (B1, G2, C1) ----------------------------------------


@pytest.mark.parametrize("forum", ["cvb", "zat", "mdo"])
def test_g2_judges_every_forum(log: LogBuilder, forum: str) -> None:
    log.publish_documents()
    log.open_case()
    log.invite("2025-10-01", "m", purpose_and_composition_included=False)
    log.discussion("2025-10-20", "m", forum=forum, level="anonymous", basis="none")
    log.discussion("2025-10-21", "m2", forum=forum)
    log.invite("2025-10-01", "m2", to=("mother",))
    log.invite("2025-10-02", "m2", to=("father",), purpose_and_composition_included=False)

    g2 = [(f.subject.day.isoformat(), f.persons) for f in log.of("G2")]
    assert g2 == [("2025-10-21", ("father",))]


def moved_meeting(log: LogBuilder) -> None:
    """A ZAT meeting of 10-20 cancelled on 10-14 and moved to 11-10."""
    log.publish_documents()
    log.open_case()
    log.add("meeting_scheduled", "2025-10-06", meeting="m", forum="zat", date="2025-10-20",
            purpose="Assessment")  # fmt: skip
    log.invite("2025-10-08", "m")
    log.add("meeting_cancelled", "2025-10-14", meeting="m", reason="ill")
    log.add("meeting_scheduled", "2025-10-22", meeting="m", forum="zat", date="2025-11-10",
            purpose="Assessment")  # fmt: skip


def test_an_invitation_from_before_a_cancellation_does_not_count(log: LogBuilder) -> None:
    moved_meeting(log)
    log.inform("2025-10-15", ["meeting_cancelled"], meeting="m")
    log.discussion("2025-11-10", "m")

    assert sorted(
        (f.rule, f.severity, f.persons) for f in log.findings() if f.rule in ("B1", "G2")
    ) == [
        ("B1", "major", ("father",)),
        ("B1", "major", ("mother",)),
        ("G2", "major", ("father",)),
        ("G2", "major", ("mother",)),
    ]
    [b1, *_] = log.of("B1")
    assert "2025-10-14" in b1.message_nl


def test_an_invitation_on_the_day_of_the_cancellation_counts(log: LogBuilder) -> None:
    moved_meeting(log)
    log.invite("2025-10-14", "m")
    log.discussion("2025-11-10", "m")

    assert [f for f in log.findings() if f.rule in ("B1", "G2", "C1")] == []


def test_c1_a_cancellation_not_told_by_the_planned_date(log: LogBuilder) -> None:
    moved_meeting(log)
    log.inform("2025-10-15", ["meeting_cancelled"], to=("mother",), meeting="m")
    log.inform("2025-10-21", ["meeting_cancelled"], to=("father",), meeting="m")
    log.invite("2025-10-27", "m")
    log.discussion("2025-11-10", "m")

    [c1] = log.of("C1")
    assert (c1.severity, c1.persons, c1.subject.name) == ("minor", ("father",), "meeting_cancelled")
    assert "2025-10-20" in c1.message_en and "only on 2025-10-21" in c1.message_en
    assert [e.name for e in c1.evidence] == ["parents_invited", "meeting_cancelled",
                                             "parents_informed"]  # fmt: skip


def test_c1_is_met_by_a_new_invitation_by_the_planned_date(log: LogBuilder) -> None:
    moved_meeting(log)
    log.invite("2025-10-16", "m")

    assert log.of("C1") == []


def test_c1_waits_for_the_planned_date(log: LogBuilder) -> None:
    moved_meeting(log)

    assert log.of("C1", as_of="2025-10-20") == []
    assert [f.persons for f in log.of("C1", as_of="2025-10-21")] == [("father",), ("mother",)]


def test_c1_of_a_meeting_never_scheduled_is_due_on_the_cancellation_date(log: LogBuilder) -> None:
    log.open_case()
    log.invite("2025-10-01", "m", to=("mother",))
    log.add("meeting_cancelled", "2025-10-10", meeting="m")

    assert log.of("C1", as_of="2025-10-10") == []
    assert [f.message_en for f in log.of("C1", as_of="2025-10-11")] == [
        "Meeting m of 2025-10-10 was cancelled on 2025-10-10, but parent 1, invited on "
        "2025-10-01, was not told by 2025-10-10."
    ]


# -- G4 at level outside_info ---------------------------------------------------------------


def outside_info_case(log: LogBuilder, father: str, valid_until: str | None = None) -> None:
    log.publish_documents()
    log.open_case()
    fields = {} if valid_until is None else {"valid_until": valid_until}
    log.consent_form("2025-10-01", "f-zat", signers=("mother",), **fields)
    log.sign("2025-10-02", "f-zat", "father", method=father)


def test_g4_verbal_consent_to_the_outside_information_is_major(log: LogBuilder) -> None:
    outside_info_case(log, father="verbal")
    log.discussion("2025-10-20", "m", level="outside_info", data_shared=["name"])

    assert [(f.severity, f.persons) for f in log.of("G4")] == [("major", ("father",))]
    assert "alleen mondeling" in log.of("G4")[0].message_nl


def test_g4_verbal_consent_at_a_full_discussion_stays_critical(log: LogBuilder) -> None:
    outside_info_case(log, father="verbal")
    log.discussion("2025-10-20", "m", level="full", data_shared=["name"])

    assert [(f.severity, f.persons) for f in log.of("G4")] == [("critical", ("father",))]


def test_g4_an_expired_form_at_the_outside_information_is_critical_only(log: LogBuilder) -> None:
    outside_info_case(log, father="verbal", valid_until="2025-10-10")
    log.discussion("2025-10-20", "m", level="outside_info", data_shared=["name"])

    assert [f.severity for f in log.of("G4")] == ["critical"]


def test_g4_a_signed_consent_to_the_outside_information_is_valid(log: LogBuilder) -> None:
    outside_info_case(log, father="signature")
    log.discussion("2025-10-20", "m", level="outside_info", data_shared=["name"])

    assert log.of("G4") == []


# -- G8 and G9 count only what came after the previous report --------------------------------


def reports_case(log: LogBuilder) -> None:
    log.open_case()
    log.add("safety_concern_recorded", "2025-10-01", ground="neglect", description="Bruises")
    log.inform("2025-10-02", ["report"], channel="letter")
    log.add("report_made", "2025-10-03", to="veilig_thuis")


def test_g9_a_second_report_without_a_notice_between_is_critical(log: LogBuilder) -> None:
    reports_case(log)
    log.add("report_made", "2025-11-03", to="veilig_thuis")

    found = [(f.subject.day.isoformat(), f.severity, f.persons) for f in log.of("G9")]
    assert found == [("2025-11-03", "critical", ("father",)),
                     ("2025-11-03", "critical", ("mother",))]  # fmt: skip


def test_g9_a_second_report_with_a_notice_between_is_met(log: LogBuilder) -> None:
    reports_case(log)
    log.inform("2025-10-20", ["report"], channel="letter")
    log.add("report_made", "2025-11-03", to="veilig_thuis")

    assert log.of("G9") == []


def test_g9_a_deferral_from_before_the_previous_report_does_not_count(log: LogBuilder) -> None:
    log.open_case()
    log.add("parent_notification_deferred", "2025-10-01", reason="safety_child",
            review_at="2026-03-01")  # fmt: skip
    log.add("report_made", "2025-10-03", to="veilig_thuis")
    log.add("report_made", "2025-11-03", to="veilig_thuis")

    found = {(f.subject.day.isoformat(), f.severity) for f in log.of("G9", as_of="2025-12-01")}
    assert found == {("2025-11-03", "critical")}


def test_g8_only_a_report_after_the_latest_concern_follows_up(log: LogBuilder) -> None:
    log.open_case()
    log.add("safety_concern_recorded", "2025-10-01", ground="neglect", description="Bruises")
    log.add("report_made", "2025-10-02", to="veilig_thuis")
    log.add("safety_concern_recorded", "2025-11-01", ground="abuse", description="Again")
    log.add("safety_override_invoked", "2025-11-02", ground="abuse", approved_by="director")
    log.discussion("2025-11-03", "m", basis="safety_override")

    assert [f.severity for f in log.of("G8")] == ["major"]


# -- X1 and A16: one day, with and without times --------------------------------------------


def restricted_father(log: LogBuilder, at: str) -> None:
    log.open_case()
    log.add("information_restricted", at, person="father", basis="court_order", scope=["all"],
            motivation="Court order")  # fmt: skip


@pytest.mark.parametrize(
    ("restricted", "informed", "x1"),
    [
        ("2025-10-01", "2025-10-01", True),  # dates only: in force from its day on
        ("2025-10-01T14:00", "2025-10-01T10:00", False),  # both timed: the times decide
        ("2025-10-01T14:00", "2025-10-01T15:00", True),
        ("2025-10-01T14:00", "2025-10-01", True),  # only one timed: the day decides
        ("2025-10-01", "2025-10-01T08:00", True),
        ("2025-10-02", "2025-10-01T23:00", False),
    ],
)
def test_x1_a_restriction_and_a_disclosure_on_one_day(
    log: LogBuilder, restricted: str, informed: str, x1: bool
) -> None:
    restricted_father(log, restricted)
    log.inform(informed, ["development"], to=("father",))

    assert bool(log.of("X1")) is x1


@pytest.mark.parametrize(
    ("refused", "withdrawn", "informed", "a16"),
    [
        ("2025-10-01", None, "2025-10-01", True),
        ("2025-10-01T14:00", None, "2025-10-01T10:00", False),
        ("2025-10-01T14:00", None, "2025-10-01T14:00", True),
        ("2025-10-01", "2025-10-05", "2025-10-05", False),  # an end dated d: not in force on d
        ("2025-10-01", "2025-10-05T12:00", "2025-10-05T09:00", True),
        ("2025-10-01", "2025-10-05T12:00", "2025-10-05T13:00", False),
    ],
)
def test_a16_a_refusal_and_a_contact_on_one_day(
    log: LogBuilder, refused: str, withdrawn: str | None, informed: str, a16: bool
) -> None:
    log.open_case(birth_date="2008-05-10")
    log.add("pupil_refused_parent_information", refused, targets=["father"])
    if withdrawn is not None:
        log.add("pupil_refusal_withdrawn", withdrawn, targets=["father"])
    log.inform(informed, ["development"], to=("father",))

    assert bool(log.of("A16")) is a16


# -- authorisations: D1 follows the right ------------------------------------------------


def adult_pupil(log: LogBuilder) -> None:
    log.open_case(birth_date="2006-02-14")


def test_d1_an_authorised_person_may_receive_within_the_scope(log: LogBuilder) -> None:
    adult_pupil(log)
    log.add("pupil_authorised_person", "2025-09-10", person="mother", scope=["outcome", "plan"])
    log.add("information_disclosed", "2025-10-01", to="mother", items=["plan"])
    log.inform("2025-10-02", ["plan"], to=("mother",))
    log.inform("2025-10-02", ["plan"], to=("father",))

    assert [f.persons for f in log.of("D1")] == [("father",)]


def test_d1_after_the_authorisation_is_withdrawn(log: LogBuilder) -> None:
    adult_pupil(log)
    log.add("pupil_authorised_person", "2025-09-10", person="mother", scope=["all"])
    withdrawn = log.add("pupil_authorisation_withdrawn", "2025-10-01", person="mother")
    log.inform("2025-09-30", ["plan"], to=("mother",))
    log.inform("2025-10-01", ["plan"], to=("mother",))

    [d1] = log.of("D1")
    assert d1.subject.day.isoformat() == "2025-10-01"
    assert withdrawn in d1.evidence


def test_d1_after_the_authorisation_expired(log: LogBuilder) -> None:
    adult_pupil(log)
    log.add("pupil_authorised_person", "2025-09-10", person="mother", scope=["all"],
            until="2025-10-01")  # fmt: skip
    log.inform("2025-09-30", ["plan"], to=("mother",))
    log.inform("2025-10-01", ["plan"], to=("mother",))

    assert [f.subject.day.isoformat() for f in log.of("D1")] == ["2025-10-01"]


def test_a_refusal_wins_over_an_earlier_authorisation_and_a_later_one_ends_it(
    log: LogBuilder,
) -> None:
    log.open_case(birth_date="2008-05-10")  # 17
    log.add("pupil_authorised_person", "2025-09-10", person="father", scope=["all"])
    log.add("pupil_refused_parent_information", "2025-09-20", targets=["father"])
    log.inform("2025-09-25", ["outcome"], to=("father",))
    log.add("pupil_authorised_person", "2025-10-01", person="father", scope=["outcome"])
    log.inform("2025-10-02", ["outcome"], to=("father",))

    assert [
        (f.rule, f.subject.day.isoformat()) for f in log.findings() if f.rule in ("A16", "D1")
    ] == [
        ("A16", "2025-09-25"),
        ("D1", "2025-09-25"),
    ]


# -- H1 ---------------------------------------------------------------------------------


def help_case(log: LogBuilder, birth_date: str = "2012-04-11") -> None:
    log.open_case(birth_date=birth_date)


def arrange(log: LogBuilder, at: str = "2025-09-17") -> None:
    log.add("support_arranged", at, provider="Jeugdhulp", kind="counselling")


def test_h1_help_arranged_before_the_parents_knew(log: LogBuilder) -> None:
    help_case(log)
    arrange(log)
    log.inform("2025-10-06", ["support"], to=("mother",))

    [h1] = log.of("H1")
    assert (h1.severity, h1.persons) == ("major", ("father", "mother"))
    assert "2025-09-17" in h1.message_nl and "2025-10-06" in h1.message_nl


@pytest.mark.parametrize(
    "known",
    [
        lambda log: log.inform("2025-09-17", ["support"], to=("father",)),
        lambda log: log.inform("2025-09-10", ["plan"], to=("mother",)),
        lambda log: log.inform("2025-09-10", ["outcome"], to=("mother",)),
        lambda log: log.add(
            "action_plan_recorded", "2025-09-12", kind="drafted", parents_agreed=True
        ),
        lambda log: log.discussion("2025-09-15", "m", forum="cvb"),
    ],
)
def test_h1_is_met_by_anything_showing_the_parents_knew(log: LogBuilder, known: object) -> None:
    help_case(log)
    known(log)  # type: ignore[operator]
    arrange(log)

    assert log.of("H1") == []


def test_h1_a_plan_the_parents_did_not_agree_to_does_not_count(log: LogBuilder) -> None:
    help_case(log)
    log.add("action_plan_recorded", "2025-09-12", kind="drafted", parents_agreed=False)
    arrange(log)

    assert [f.rule for f in log.of("H1")] == ["H1"]


def test_h1_the_pupil_of_sixteen_may_know_instead(log: LogBuilder) -> None:
    help_case(log, birth_date="2009-09-17")
    log.inform("2025-09-17", ["support"], to=("pupil",))
    arrange(log)

    assert log.of("H1") == []


def test_h1_the_pupil_the_day_before_sixteen_does_not(log: LogBuilder) -> None:
    help_case(log, birth_date="2009-09-18")
    log.inform("2025-09-17", ["support"], to=("pupil",))
    arrange(log)

    assert [f.persons for f in log.of("H1")] == [("father", "mother")]


# -- L1 ---------------------------------------------------------------------------------


def test_l1_finds_an_action_recorded_more_than_the_policy_days_late(log: LogBuilder) -> None:
    log.open_case()
    log.inform("2025-10-01", ["development"], recorded="2025-10-15T09:00")
    late = log.inform("2025-10-01", ["development"], recorded="2025-10-16T09:00")

    [l1] = log.of("L1")
    assert (l1.subject, l1.severity) == (late, "minor")
    assert "2025-10-01" in l1.message_nl and "2025-10-16" in l1.message_nl
    assert "15 days later" in l1.message_en
    assert l1.evidence[0].recorded_at.isoformat() == "2025-10-16T09:00:00"


def test_l1_follows_the_policy(log: LogBuilder) -> None:
    log.open_case()
    log.inform("2025-10-01", ["development"], recorded="2025-10-05T09:00")

    assert log.audit(policy=Policy(late_entry_days=3)).findings[0].rule == "L1"
    assert log.audit(policy=Policy(late_entry_days=4)).findings == ()


def test_l1_does_not_judge_migrated_actions(log: LogBuilder) -> None:
    log.open_case()
    log.inform("2025-10-01", ["development"], recorded="2026-01-20T09:00", migrated=True)

    assert log.of("L1") == []


# -- the catalog --------------------------------------------------------------------------


def test_every_rule_is_in_the_catalog_with_both_languages_and_its_severities() -> None:
    ids = [rule.id for rule in catalog.RULES]
    assert {"H1", "C1", "L1", "G1", "G2", "G4"} <= set(ids)
    assert len(ids) == len(set(ids))
    for rule in catalog.RULES:
        assert rule.title_nl and rule.title_en and rule.explanation_nl and rule.explanation_en
        assert rule.source
        assert set(rule.severity.split(" / ")) <= {"critical", "major", "minor"}
    assert catalog.RULES_BY_ID["G4"].severity == "critical / major"
    assert catalog.RULES_BY_ID["L1"].severity == "minor"


def test_every_message_template_has_both_languages_with_the_same_fields() -> None:
    import string

    for key, (nl, en) in catalog.MESSAGES.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(nl) if f}
        assert {f.lower() for f in fields} == {
            f.lower() for _, f, _, _ in string.Formatter().parse(en) if f
        }, key
