"""*v2*: case show names a pupil's authorisation: the right it gives and its scope."""

from __future__ import annotations

from datetime import date

from readmodel_stores import scenario_lines
from test_case_state import logged

from zatlog.projections.case_state import case_state

P24 = "p24_adult_pupil_authorises_mother"
"""An adult pupil (born 2006-02-14) authorises her mother on 2025-09-10 for outcomes and plans."""


def people(day: str, extra: list[dict[str, object]] | None = None) -> dict[str, object]:
    lines = scenario_lines(P24) + (extra or [])
    state = case_state(logged(lines), as_of=date.fromisoformat(day))
    assert state is not None
    return {p.person: (p.right, p.authorised_scope) for p in state.persons}


def test_before_the_authorisation_the_adult_pupils_parents_have_no_right() -> None:
    assert people("2025-09-09") == {"father": ("none", None), "mother": ("none", None)}


def test_the_authorised_mother_has_the_full_right_within_the_scope() -> None:
    assert people("2025-09-10") == {
        "father": ("none", None),
        "mother": ("full", ["outcome", "plan"]),
    }


def test_a_withdrawn_authorisation_ends_on_its_day() -> None:
    withdrawn = {"action": "pupil_authorisation_withdrawn", "case": "2025-024",
                 "at": "2025-10-05", "person": "mother"}  # fmt: skip

    assert people("2025-10-04", [withdrawn])["mother"] == ("full", ["outcome", "plan"])
    assert people("2025-10-05", [withdrawn])["mother"] == ("none", None)


def test_an_authorisation_of_everything_is_not_limited() -> None:
    everything = {"action": "pupil_authorised_person", "case": "2025-024", "at": "2025-10-05",
                  "person": "father", "scope": ["all"], "until": "2025-12-01"}  # fmt: skip

    assert people("2025-11-30", [everything])["father"] == ("full", None)
    assert people("2025-12-01", [everything])["father"] == ("none", None)
