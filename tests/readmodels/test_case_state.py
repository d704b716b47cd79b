"""Case state: a pure function of a case's events, stored exact for as long as it stays exact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from readmodel_stores import record, scenario_lines, view

from zatlog.actions import parse_action
from zatlog.application import ZatlogApp
from zatlog.projections.case_log import case_events
from zatlog.projections.case_model import Activity
from zatlog.projections.case_state import CaseSummary, case_list, case_state, stored_state
from zatlog.projections.runner import catch_up
from zatlog.records import LoggedAction

START = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
RECORDED = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def logged(lines: Sequence[dict[str, Any]]) -> list[LoggedAction]:
    """Case events, each recorded an hour after the one before."""
    return [
        LoggedAction(number, START + timedelta(hours=number), "ib-test", parse_action(line))
        for number, line in enumerate(lines, start=1)
        if "case" in line
    ]


def p02() -> list[LoggedAction]:
    return logged(scenario_lines("p02_late_invite_absent_parents"))


def test_the_state_as_of_a_date_shows_step_people_consent_and_meetings_then() -> None:
    state = case_state(p02(), as_of=date(2025, 10, 10))

    assert state is not None
    assert (state.case, state.school, state.as_of, state.known_at) == (
        "2025-002",
        "default",
        date(2025, 10, 10),
        None,
    )
    assert (state.pupil.name, state.pupil.age, state.pupil.right) == (
        "Sem Jansen",
        11,
        "important_facts",
    )
    assert (state.step, state.step_since, state.closed) == ("4a", date(2025, 10, 1), False)
    assert [
        (p.person, p.relation, p.authority, p.holds_authority, p.right) for p in state.persons
    ] == [
        ("father", "parent", "joint", True, "full"),
        ("mother", "parent", "joint", True, "full"),
    ]
    assert [
        (c.forum, [f.consent for f in c.forms], c.signed, c.valid_until) for c in state.consent
    ] == [
        ("cvb", ["f-cvb"], ["father", "mother"], None),
        ("zat", ["f-zat"], ["father", "mother"], None),
    ]
    assert [
        (m.meeting, m.scheduled_for, [i.person for i in m.invitations], len(m.discussions))
        for m in state.meetings
    ] == [
        ("m-cvb", date(2025, 9, 29), ["mother", "father"], 1),
        ("m-zat", date(2025, 10, 20), [], 0),
    ]
    assert [(s.informant, s.total_difficulties) for s in state.sdq] == [
        ("parent", 17),
        ("teacher", 15),
    ]
    assert state.last_activity == Activity(on=date(2025, 10, 6), action="meeting_scheduled")
    assert state.events == 23


def test_a_discussion_without_parents_shows_as_such_and_the_step_moves_on() -> None:
    state = case_state(p02(), as_of=date(2025, 10, 27))

    assert state is not None
    zat = state.meetings[1].discussions[0]
    assert (zat.held_on, zat.level, zat.basis, zat.consent, zat.parents_present) == (
        date(2025, 10, 20),
        "full",
        "consent",
        "f-zat",
        False,
    )
    assert (state.step, state.step_since) == ("5", date(2025, 10, 27))


def test_known_at_shows_only_what_the_log_held_then() -> None:
    events = [
        LoggedAction(e.position, RECORDED + timedelta(hours=e.position), e.actor, e.action)
        for e in p02()
    ]
    moment = events[9].recorded_at  # just after the tenth case action was recorded

    state = case_state(events, as_of=date(2026, 1, 31), known_at=moment)

    assert state is not None
    assert (state.events, state.known_at, state.as_of) == (10, moment, date(2026, 1, 31))
    assert (state.step, state.step_since) == ("3", date(2025, 9, 15))
    assert [(c.forum, c.signed) for c in state.consent] == [("cvb", ["mother"])]
    assert state.meetings == []


def test_known_at_alone_judges_on_its_own_date() -> None:
    moment = datetime(2025, 9, 12, 23, 0, tzinfo=UTC)

    state = case_state(p02(), known_at=moment)

    assert state is not None
    assert state.as_of == moment.astimezone().date()


def test_before_its_opening_a_case_has_no_state() -> None:
    assert case_state(p02(), as_of=date(2025, 8, 31)) is None


def test_a_parent_refused_by_a_pupil_of_seventeen_has_no_right() -> None:
    state = case_state(
        logged(scenario_lines("p17_seventeen_refuses_mother")), as_of=date(2025, 10, 1)
    )

    assert state is not None
    assert state.pupil.age == 17
    assert state.pupil.right == "full"
    mother = next(p for p in state.persons if p.person == "mother")
    assert (mother.holds_authority, mother.right, mother.refused_by_pupil) == (True, "none", True)


def test_a_court_order_restricting_all_information_shows_on_the_person() -> None:
    state = case_state(
        logged(scenario_lines("p18_court_order_all_information")), as_of=date(2026, 1, 31)
    )

    assert state is not None
    father = next(p for p in state.persons if p.person == "father")
    assert father.restricted == ["all"]


def test_one_signature_of_two_parents_shows_who_signed() -> None:
    state = case_state(
        logged(scenario_lines("p08_divorced_parents_one_signature")), as_of=date(2025, 10, 19)
    )

    assert state is not None
    zat = next(c for c in state.consent if c.forum == "zat")
    assert (zat.signed, zat.refused, zat.withdrawn) == (["mother"], [], [])


def test_a_withdrawn_consent_is_the_latest_decision_on_the_forum() -> None:
    state = case_state(logged(scenario_lines("p03_consent_withdrawn")), as_of=date(2026, 1, 31))

    assert state is not None
    zat = next(c for c in state.consent if c.forum == "zat")
    assert zat.withdrawn == ["mother"]
    assert zat.signed == ["father"]


def test_an_unanswered_request_is_open_until_answered() -> None:
    events = logged(scenario_lines("p09_inspection_request_answered_late"))

    open_then = case_state(events, as_of=date(2025, 11, 10))
    answered = case_state(events, as_of=date(2026, 1, 31))

    assert open_then is not None and answered is not None
    assert [(r.request, r.requester, r.kind, r.on, r.answered) for r in open_then.requests] == [
        ("r-1", "mother", "copy", date(2025, 11, 3), None)
    ]
    assert [r.answered for r in answered.requests] == [date(2025, 12, 10)]


def test_reports_their_notices_and_deferrals_are_listed() -> None:
    state = case_state(
        logged(scenario_lines("p06_safety_override_with_deferral")), as_of=date(2026, 1, 31)
    )

    assert state is not None
    assert [(o.on, o.ground) for o in state.overrides] == [(date(2025, 11, 5), "abuse")]
    assert [(r.on, r.to, r.reference) for r in state.reports] == [
        (date(2025, 11, 6), "veilig_thuis", "VT-2025-118")
    ]
    assert [(d.on, d.review_at) for d in state.deferrals] == [
        (date(2025, 11, 5), date(2025, 11, 12))
    ]
    assert [(n.on, n.to, n.written) for n in state.report_notices] == [
        (date(2025, 11, 12), ["mother", "father"], True)
    ]


# -- the stored read model ----------------------------------------------------------------

CHANGING = [
    {"action": "case_opened", "case": "2025-050", "at": "2025-09-01", "pupil_name": "Pim Test",
     "birth_date": "2009-09-20", "school_type": "vso"},
    {"action": "relation_recorded", "case": "2025-050", "at": "2025-09-01", "person": "mother",
     "name": "Ans Test", "relation": "parent", "authority": "joint"},
    {"action": "relation_recorded", "case": "2025-050", "at": "2025-09-01", "person": "father",
     "name": "Kees Test", "relation": "parent", "authority": "joint"},
    {"action": "step_entered", "case": "2025-050", "at": "2025-09-02", "step": "1"},
    {"action": "information_restricted", "case": "2025-050", "at": "2025-09-02",
     "person": "father", "basis": "court_order", "scope": ["reports"], "motivation": "court",
     "until": "2025-09-25"},
    {"action": "consent_form_issued", "case": "2025-050", "at": "2025-09-03", "consent": "f-1",
     "forum": "cvb", "purpose": "CvB", "participants": ["ib"], "data_categories": ["name"],
     "valid_until": "2025-09-15"},
    {"action": "consent_given", "case": "2025-050", "at": "2025-09-04", "consent": "f-1",
     "signer": "mother", "method": "signature"},
    {"action": "step_entered", "case": "2025-050", "at": "2025-10-01", "step": "2"},
]  # fmt: skip
"""A case whose state changes by itself: a form runs out on 15 September, the pupil turns 16 on
the 20th, a restriction ends on the 25th, and a step recorded ahead takes effect on 1 October."""


def test_the_stored_state_equals_the_pure_function_on_every_day(app: ZatlogApp) -> None:
    record(app, CHANGING)
    catch_up(app, today=date(2025, 9, 10))
    events = case_events(app, "2025-050")

    for offset in range(40):
        day = date(2025, 9, 10) + timedelta(days=offset)
        state = case_state(events, today=day)
        assert state is not None
        assert stored_state(view(app), "2025-050", day) == state.model_dump(mode="json"), day


def test_the_stored_state_knows_until_when_it_is_exact(app: ZatlogApp) -> None:
    record(app, CHANGING)
    catch_up(app, today=date(2025, 9, 10))

    rows = view(app).fetchall("SELECT computed_on, next_event_day, stable_until FROM {t}case_state")

    assert rows == [("2025-09-10", "2025-10-01", "2025-09-16")]


def test_the_age_and_right_change_on_the_birthday() -> None:
    events = logged(CHANGING)

    before = case_state(events, today=date(2025, 9, 19))
    on = case_state(events, today=date(2025, 9, 20))

    assert before is not None and on is not None
    assert (before.pupil.age, before.pupil.right) == (15, "important_facts")
    assert (on.pupil.age, on.pupil.right) == (16, "full")
    father_then = next(p for p in before.persons if p.person == "father")
    assert father_then.restricted == ["reports"]
    assert next(p for p in before.consent[0].forms).expired is True


def test_the_case_list_reads_the_stored_columns_and_filters(app: ZatlogApp) -> None:
    record(app, scenario_lines("p02_late_invite_absent_parents"))
    record(app, CHANGING)
    catch_up(app, today=date(2026, 1, 31))

    everything = case_list(view(app), date(2026, 1, 31))
    in_step_5 = case_list(view(app), date(2026, 1, 31), step="5")
    closed = case_list(view(app), date(2026, 1, 31), closed=True)

    assert everything == [
        CaseSummary(
            case="2025-002",
            school="default",
            pupil_name="Sem Jansen",
            step="5",
            step_since=date(2025, 10, 27),
            closed=False,
            opened_on=date(2025, 9, 1),
            last_activity=date(2025, 11, 5),
        ),
        CaseSummary(
            case="2025-050",
            school="default",
            pupil_name="Pim Test",
            step="2",
            step_since=date(2025, 10, 1),
            closed=False,
            opened_on=date(2025, 9, 1),
            last_activity=date(2025, 10, 1),
        ),
    ]
    assert [s.case for s in in_step_5] == ["2025-002"]
    assert closed == []
    assert case_list(view(app), date(2026, 1, 31), school="other") == []


def test_a_step_dated_ahead_shows_in_the_list_from_its_date(app: ZatlogApp) -> None:
    record(app, CHANGING)
    catch_up(app, today=date(2025, 9, 10))

    assert [s.step for s in case_list(view(app), date(2025, 9, 30))] == ["1"]
    assert [s.step for s in case_list(view(app), date(2025, 10, 1))] == ["2"]
