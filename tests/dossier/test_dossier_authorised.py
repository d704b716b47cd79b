"""*v2*: a person the pupil authorised gets the dossier within the scope of the authorisation;
what lies outside it is withheld and named with the ground ``restriction`` (section 6)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from dossier_cases import line, opened, relation, school, store, trajectory

from zatlog.application import ZatlogApp
from zatlog.policy import Policy
from zatlog.projections.dossier.model import Dossier, NoRight, build_dossier
from zatlog.projections.dossier.source import load_case_events, load_school_events
from zatlog.storage import resolve

CASE = "2025-031"


def pupil(action: str, at: str, **fields: Any) -> dict[str, Any]:
    return line(action, case=CASE, at=at, by="ib-devries", **fields)


def dossier_for(
    db: str, choices: list[dict[str, Any]], reader: str = "mother", birth_date: str = "2006-02-14"
) -> Dossier:
    store(
        db,
        [
            *school(),
            *opened(CASE, birth_date),
            relation(CASE, "mother", "Anna Fictief", "parent", "joint"),
            *trajectory(CASE),
            *choices,
        ],
    )
    app = ZatlogApp(resolve(db))
    try:
        events = load_case_events(app, CASE)
        school_events = load_school_events(app, "default")
    finally:
        app.close()
    return build_dossier(events, school_events, reader, date(2025, 11, 1), Policy())


def test_the_adult_pupils_mother_has_no_right_without_an_authorisation(db: str) -> None:
    with pytest.raises(NoRight) as refusal:
        dossier_for(db, [])

    assert refusal.value.reason == "adult_pupil"


def test_an_authorisation_with_a_scope_gives_that_scope_and_names_the_rest(db: str) -> None:
    authorised = pupil("pupil_authorised_person", "2025-09-10", person="mother",
                       scope=["outcome", "Plan"])  # fmt: skip

    dossier = dossier_for(db, [authorised])

    assert dossier.reader.right == "full"
    assert dossier.plans and dossier.discussions  # plans, and outcomes with their discussion
    assert all(d.outcome is not None for d in dossier.discussions if d.outcome is not None)
    assert dossier.sdq is None and dossier.consents is None and dossier.reports is None
    assert dossier.relations is None and dossier.contacts is None
    assert dossier.pupil.name is None  # the name is an item category outside the scope
    withheld = {r.item: r for r in dossier.redactions}
    assert {"sdq", "consents", "contacts", "relations", "reports", "name"} <= set(withheld)
    assert not {"outcome", "plan", "discussions"} & set(withheld)
    assert withheld["reports"].ground == "child_interest"  # withheld from a parent anyway
    assert {(r.ground, r.basis, r.since) for r in dossier.redactions if r.item != "reports"} == {
        ("restriction", "pupil_authorisation", date(2025, 9, 10))
    }


def test_an_authorisation_of_everything_gives_the_full_dossier(db: str) -> None:
    dossier = dossier_for(
        db, [pupil("pupil_authorised_person", "2025-09-10", person="mother", scope=["all"])]
    )

    assert dossier.reader.right == "full"
    assert dossier.sdq is not None and dossier.relations is not None
    assert [(r.item, r.ground) for r in dossier.redactions] == [("reports", "child_interest")]


@pytest.mark.parametrize(
    "ended",
    [
        pupil("pupil_authorisation_withdrawn", "2025-10-01", person="mother"),
        None,  # the authorisation's own ``until``
    ],
)
def test_a_withdrawn_or_expired_authorisation_gives_nothing(
    db: str, ended: dict[str, Any] | None
) -> None:
    until = {} if ended else {"until": "2025-11-01"}  # in force up to the day before
    choices = [pupil("pupil_authorised_person", "2025-09-10", person="mother", scope=["all"],
                     **until)]  # fmt: skip
    with pytest.raises(NoRight):
        dossier_for(db, choices + ([ended] if ended else []))


def test_a_refusal_of_a_sixteen_year_old_wins_over_an_earlier_authorisation(db: str) -> None:
    choices = [
        pupil("pupil_authorised_person", "2025-09-10", person="mother", scope=["plan"]),
        pupil("pupil_refused_parent_information", "2025-09-20", targets=["mother"]),
    ]

    with pytest.raises(NoRight) as refusal:
        dossier_for(db, choices, birth_date="2009-03-01")

    assert refusal.value.reason == "pupil_refusal"


def test_an_authorisation_after_a_refusal_ends_the_refusal(db: str) -> None:
    choices = [
        pupil("pupil_refused_parent_information", "2025-09-20", targets=["mother"]),
        pupil("pupil_authorised_person", "2025-10-01", person="mother", scope=["all"]),
    ]

    dossier = dossier_for(db, choices, birth_date="2009-03-01")

    assert dossier.reader.right == "full"
    assert dossier.relations is not None


def test_the_html_names_what_the_authorisation_leaves_out(sqlite_db: str) -> None:
    from zatlog.projections.dossier.render import render_html

    authorised = pupil("pupil_authorised_person", "2025-09-10", person="mother", scope=["plan"])
    html = render_html(dossier_for(sqlite_db, [authorised]), "nl", date(2025, 11, 1))

    assert "machtiging door de leerling" in html
    assert "Anna Fictief" in html  # the reader's own name is shown to her
