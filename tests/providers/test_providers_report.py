"""The provider report's figures (docs/municipality.md), checked exactly on a school year.

The log is ``provider_log.school_year()``, imported into a SQLite file; every
expected figure below is worked out by hand from that file's comments.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from provider_log import arranged, discussed, load, opened

from zatlog.policy import Policy
from zatlog.projections.providers import (
    HIDDEN,
    SMALL_COUNT,
    ProviderReport,
    median_text,
    protected,
    provider_report,
    published,
    rating_chart,
    to_json,
)
from zatlog.records import LoggedAction

S = SMALL_COUNT
AS_OF = date(2026, 1, 31)
YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
NOTHING: dict[str, int | str] = {"teacher": 0, "parent": 0, "pupil": 0, "coordinator": 0}
ONE_TEACHER: dict[str, int | str] = {**NOTHING, "teacher": S}


def rows(report: ProviderReport) -> list[dict[str, Any]]:
    return [row.model_dump(mode="json") for row in report.providers]


def row(
    provider: str,
    municipality: str | None,
    cases: int | str,
    evaluations: dict[str, int | str] = NOTHING,
    median: float | None = None,
    shares: tuple[float | None, float | None, float | None] = (None, None, None),
    attended: int | str = 0,
    without: int | str = 0,
) -> dict[str, Any]:
    return {
        "provider": provider,
        "municipality": municipality,
        "cases": cases,
        "evaluations": evaluations,
        "teacher_effect_median": median,
        "share_worked_at_school": shares[0],
        "share_involved_teacher": shares[1],
        "share_involved_parents": shares[2],
        "discussions_attended": attended,
        "attended_without_parents_invited": without,
    }


def test_zero_is_shown_and_one_to_four_as_less_than_five() -> None:
    assert [published(n) for n in (0, 1, 4, 5, 6)] == [0, S, S, 5, 6]


@pytest.mark.parametrize(
    ("total", "parts", "shown_total", "shown_parts"),
    [
        (7, [0, 0, 2, 5, 0], 7, (0, 0, S, HIDDEN, 0)),  # 7 - 5 would give the 2 away
        (12, [2, 0, 5, 5, 0], 12, (S, 0, HIDDEN, 5, 0)),  # the first of two smallest
        (11, [1, 3, 7, 0, 0], 11, (S, S, 7, 0, 0)),  # two hidden: no sum gives one away
        (12, [0, 0, 0, 0, 12], 12, (0, 0, 0, 0, 12)),  # nothing hidden
        (3, [0, 3, 0, 0, 0], S, (0, S, 0, 0, 0)),  # the total is small itself
        (0, [0, 0, 0, 0, 0], 0, (0, 0, 0, 0, 0)),
        (6, [0, 1, 0, 0, 5], 6, (0, S, 0, 0, HIDDEN)),
        (9, [0, 2, 0, 0, 0], HIDDEN, (0, S, 0, 0, 0)),  # no other part to hide: the total
    ],
)
def test_no_hidden_count_can_be_subtracted_back(
    total: int, parts: list[int], shown_total: object, shown_parts: tuple[object, ...]
) -> None:
    assert protected(total, parts) == (shown_total, shown_parts)


def test_the_school_year_per_provider_and_municipality(year_log: list[LoggedAction]) -> None:
    report = provider_report(year_log, Policy(), as_of=AS_OF, **YEAR)

    assert json.loads(to_json(report))["from"] == "2025-01-01"
    assert json.loads(to_json(report))["to"] == "2025-12-31"
    assert rows(report) == [
        # 2025-101 and 2025-109 (arranged again there without a municipality: still Utrecht);
        # one coordinator's evaluation; two discussions, one without the parents invited.
        # (one evaluation is no base for a share: v2)
        row(
            "Kwadraad",
            "Utrecht",
            S,
            {**NOTHING, "coordinator": S},
            attended=S,
            without=S,
        ),
        row("Schoolmaatschappelijk werk", None, S, attended=S),
        # Seven cases (2025-107 until its move), the teachers' ratings 2 3 3 4 4 5 5 (seven:
        # no base for a median), 13 evaluations of which 10 at school, 11 with the teacher,
        # 4 with the parents (the shares give the 13 away, so the parents' 5 is hidden beside
        # the pupils' 1); nine identified discussions attended, six of them without the
        # parents invited.
        row(
            "Youké",
            "Utrecht",
            7,
            {"teacher": 7, "parent": HIDDEN, "pupil": S, "coordinator": 0},
            None,
            (0.7692, 0.8462, 0.3077),
            attended=9,
            without=6,
        ),
        # 2025-107 after the move and 2025-108; one teacher's evaluation after the move;
        # a discussion before Youké was arranged on 2025-108, and one after.
        row("Youké", "Zeist", S, ONE_TEACHER, attended=S),
    ]
    assert [r.flagged for r in report.providers] == [True, False, True, False]


def test_an_open_period_takes_everything_up_to_the_as_of_date(
    year_log: list[LoggedAction],
) -> None:
    report = provider_report(year_log, Policy(), as_of=AS_OF)

    youke_utrecht = rows(report)[2]
    # 2024-111 counts now, with its 2024 evaluation and discussion (nobody invited), and so
    # does the teacher's evaluation of January 2026: ratings 1 1 2 3 3 4 4 5 5 (nine: no
    # median yet).
    assert youke_utrecht == row(
        "Youké",
        "Utrecht",
        8,
        {"teacher": 9, "parent": HIDDEN, "pupil": S, "coordinator": 0},
        None,
        (0.8, 0.8667, 0.2667),
        attended=10,
        without=7,
    )
    assert json.loads(to_json(report))["from"] is None
    assert json.loads(to_json(report))["to"] is None


def test_events_after_the_as_of_date_are_not_known(year_log: list[LoggedAction]) -> None:
    report = provider_report(year_log, Policy(), as_of=date(2025, 6, 5))

    # Not yet: the parents' evaluations (9 June), the move to Zeist, 2025-108's arrangement.
    assert [(r.provider, r.municipality) for r in report.providers] == [
        ("Kwadraad", "Utrecht"),
        ("Schoolmaatschappelijk werk", None),
        ("Youké", "Utrecht"),
    ]
    assert rows(report)[2] == row(
        "Youké",
        "Utrecht",
        8,
        {"teacher": 8, "parent": 0, "pupil": 0, "coordinator": 0},
        None,
        (0.75, 1.0, 0.25),
        attended=10,
        without=7,
    )


def test_cases_count_where_the_support_ran_in_the_period(year_log: list[LoggedAction]) -> None:
    autumn = provider_report(
        year_log, Policy(), as_of=AS_OF, start=date(2025, 9, 1), end=date(2025, 12, 31)
    )

    assert rows(autumn) == [
        row("Kwadraad", "Utrecht", S),
        row("Schoolmaatschappelijk werk", None, S),
        # 2025-101 … 2025-106: arranged in February, still running; 2025-107 has moved.
        row("Youké", "Utrecht", 6),
        row("Youké", "Zeist", S, ONE_TEACHER, attended=S),
    ]


def test_a_provider_with_nothing_in_the_period_has_no_row(
    year_log: list[LoggedAction],
) -> None:
    report = provider_report(
        year_log, Policy(), as_of=AS_OF, start=date(2024, 1, 1), end=date(2024, 12, 31)
    )

    # Only 2024-111 ran in 2024: Youké, one teacher's rating 1, one discussion without
    # the parents invited.
    assert rows(report) == [row("Youké", "Utrecht", S, ONE_TEACHER, attended=S, without=S)]
    assert report.providers[0].flagged


def test_one_municipality_only(year_log: list[LoggedAction]) -> None:
    zeist = provider_report(year_log, Policy(), as_of=AS_OF, municipality="zeist", **YEAR)
    utrecht = provider_report(year_log, Policy(), as_of=AS_OF, municipality=" UTRECHT ", **YEAR)
    elsewhere = provider_report(year_log, Policy(), as_of=AS_OF, municipality="Amersfoort", **YEAR)

    assert [(r.provider, r.municipality) for r in zeist.providers] == [("Youké", "Zeist")]
    assert [(r.provider, r.municipality) for r in utrecht.providers] == [
        ("Kwadraad", "Utrecht"),
        ("Youké", "Utrecht"),
    ]
    assert elsewhere.providers == []


def test_only_discussions_without_any_invitation_count_whatever_the_lead_time(
    year_log: list[LoggedAction],
) -> None:
    # A late invitation is minor whatever the lead time; only "not invited at all" counts.
    relaxed = provider_report(year_log, Policy(invite_lead_days=0), as_of=AS_OF, **YEAR)
    strict = provider_report(year_log, Policy(invite_lead_days=60), as_of=AS_OF, **YEAR)

    assert rows(relaxed)[2]["attended_without_parents_invited"] == 6
    assert rows(strict)[2]["attended_without_parents_invited"] == 6


def test_the_teachers_ratings_chart_hides_small_counts(year_log: list[LoggedAction]) -> None:
    report = provider_report(year_log, Policy(), as_of=AS_OF, **YEAR)
    youke_utrecht = report.providers[2]

    assert youke_utrecht.teacher_ratings == (0, S, S, S, S)
    chart = rating_chart(youke_utrecht)
    assert [bar.text for bar in chart.bars] == ["0", S, S, S, S]
    assert [bar.height for bar in chart.bars] == [0, 5.0, 5.0, 5.0, 5.0]
    assert chart.median_x is None  # seven ratings: no median
    assert rating_chart(report.providers[1]).median_x is None


def test_a_median_reads_with_a_decimal_comma_in_dutch() -> None:
    assert [median_text(m, "nl") for m in (3.5, 4.0, None)] == ["3,5", "4", "–"]
    assert [median_text(m, "en") for m in (3.5, 4.0, None)] == ["3.5", "4", "–"]


def test_a_rating_given_five_times_is_drawn_to_scale(tmp_path: Path) -> None:
    lines = [*opened("2025-301"), arranged("2025-301", "2025-02-03", "Youké", "Utrecht")]
    lines += [
        _teacher("2025-301", f"2025-03-{day:02}", effect)
        for day, effect in enumerate([4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 2], start=1)
    ]
    report = provider_report(load(str(tmp_path / "z.db"), lines), Policy(), as_of=AS_OF)

    only = report.providers[0]
    # 2 once: "< 5"; the 5 beside it is hidden too, or 12 - 6 - 5 would give it away
    assert only.teacher_ratings == (0, S, 0, 6, HIDDEN)
    assert only.teacher_effect_median == 4.0
    chart = rating_chart(only)
    assert [(bar.text, bar.height, bar.small) for bar in chart.bars] == [
        ("0", 0, False),
        (S, 5.0, True),
        ("0", 0, False),
        ("6", 44.0, False),
        (HIDDEN, 5.0, True),
    ]
    assert chart.median_x == 6 + 3 * 28 + 11


def test_a_label_holding_a_name_or_case_reference_is_withheld(tmp_path: Path) -> None:
    lines = [
        *opened("2025-401"),
        arranged("2025-401", "2025-02-03", "Praktijk Lotte Vermeulen", "Utrecht"),
        arranged("2025-401", "2025-02-03", "Youké", "Wijkteam 2025-401"),
        *opened("2025-101"),
        discussed("2025-401", "2025-03-03", "m-1", ["praktijk lotte vermeulen"]),
    ]
    report = provider_report(load(str(tmp_path / "z.db"), lines), Policy(), as_of=AS_OF)

    # "Lotte Vermeulen" is the pupil of 2025-101: a name from any case counts.
    assert [(r.provider, r.municipality) for r in report.providers] == [
        ("*** 1", "Utrecht"),
        ("Youké", "*** 2"),
    ]
    assert report.providers[0].discussions_attended == S


def test_the_report_is_the_same_whatever_order_the_log_was_recorded_in(
    year_log: list[LoggedAction],
) -> None:
    forward = provider_report(year_log, Policy(), as_of=AS_OF, **YEAR)
    backward = provider_report(list(reversed(year_log)), Policy(), as_of=AS_OF, **YEAR)

    assert backward == forward


def _teacher(case: str, at: str, effect: int) -> dict[str, Any]:
    return {
        "action": "support_evaluated",
        "case": case,
        "at": at,
        "provider": "Youké",
        "evaluator": "teacher",
        "effect_in_class": effect,
        "worked_at_school": True,
        "involved_teacher": True,
        "involved_parents": True,
    }


def test_a_share_does_not_give_a_small_evaluator_count_away(tmp_path: Path) -> None:
    # 5 teachers and 1 pupil: the shares' base 6 would give the pupil's 1 away next to a shown
    # 5, so the teachers' count is hidden too.
    lines = [*opened("2025-302"), arranged("2025-302", "2025-02-03", "Youké", "Utrecht")]
    lines += [_teacher("2025-302", f"2025-03-{day:02}", 4) for day in range(1, 6)]
    lines.append({**_teacher("2025-302", "2025-03-09", 3), "evaluator": "pupil"})
    report = provider_report(load(str(tmp_path / "z.db"), lines), Policy(), as_of=AS_OF)

    only = rows(report)[0]
    assert only["evaluations"] == {"teacher": HIDDEN, "parent": 0, "pupil": S, "coordinator": 0}
    assert only["share_worked_at_school"] == 1.0
    assert report.providers[0].teacher_ratings == (0, 0, 0, HIDDEN, 0)  # no sum gives it away
