"""Case logs for the dossier tests: JSON Lines actions in the import format."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from zatlog.actions import SCHOOL_DOCUMENTS
from zatlog.application import ZatlogApp
from zatlog.importer import import_lines
from zatlog.storage import resolve

PUPIL_NAME = "Sem Fictief"
MOTHER_NAME = "Anna Fictief"
FATHER_NAME = "Kees Voorbeeld"
OTHER_NAME = "Gerrit Stiefman"


def line(action: str, **fields: Any) -> dict[str, Any]:
    return {"action": action, **fields}


def school() -> list[dict[str, Any]]:
    return [
        line("school_document_published", at="2025-08-20", document=d, version="2025-1")
        for d in SCHOOL_DOCUMENTS
    ]


def opened(case: str, birth_date: str, at: str = "2025-09-01") -> list[dict[str, Any]]:
    return [
        line(
            "case_opened",
            case=case,
            at=at,
            by="ib-devries",
            pupil_name=PUPIL_NAME,
            birth_date=birth_date,
            school_type="vso",
        )
    ]


def relation(
    case: str,
    person: str,
    name: str,
    relation: str,
    authority: str,
    at: str = "2025-09-01",
    measure: str = "none",
) -> dict[str, Any]:
    return line(
        "relation_recorded",
        case=case,
        at=at,
        by="ib-devries",
        person=person,
        name=name,
        relation=relation,
        authority=authority,
        measure=measure,
    )


def trajectory(case: str) -> list[dict[str, Any]]:
    """A compliant CvB trajectory with consent, SDQ, a plan, support and a safety track."""
    c = {"case": case, "by": "ib-devries"}
    return [
        line(
            "signal_raised",
            at="2025-09-02",
            source="teacher",
            description="Withdrawn in class",
            **c,
        ),
        line("step_entered", at="2025-09-02", step="1", **c),
        line("step_entered", at="2025-09-05", step="2", **c),
        line(
            "parents_informed",
            at="2025-09-08",
            to=["mother"],
            channel="conversation",
            topics=["concern", "heard_input"],
            summary="Talked about the concern; mother sees the same at home",
            **c,
        ),
        line(
            "consent_form_issued",
            at="2025-09-10",
            consent="f-cvb",
            forum="cvb",
            purpose="Discuss support in the CvB",
            participants=["ib", "teacher", "orthopedagoog"],
            data_categories=["name", "birth_date", "sdq", "outcome"],
            **c,
        ),
        line(
            "consent_given",
            at="2025-09-11",
            consent="f-cvb",
            signer="mother",
            method="signature",
            **c,
        ),
        line(
            "sdq_recorded",
            at="2025-09-12",
            informant="parent",
            emotional=6,
            conduct=3,
            hyperactivity=5,
            peer=4,
            prosocial=7,
            **c,
        ),
        line("step_entered", at="2025-09-15", step="3", **c),
        line(
            "meeting_scheduled",
            at="2025-09-15",
            meeting="m-cvb-1",
            forum="cvb",
            date="2025-10-01",
            purpose="Support at school",
            **c,
        ),
        line(
            "parents_invited",
            at="2025-09-16",
            meeting="m-cvb-1",
            to=["mother"],
            channel="letter",
            purpose_and_composition_included=True,
            **c,
        ),
        line(
            "discussion_held",
            at="2025-10-01",
            meeting="m-cvb-1",
            forum="cvb",
            level="full",
            basis="consent",
            consent="f-cvb",
            attendees=["ib", "teacher", "orthopedagoog", "mother"],
            parents_present=True,
            pupil_present=False,
            data_shared=["name", "sdq"],
            outcome="Extra support in class, weekly check-in",
            advice_school="Quiet corner and a weekly check-in",
            advice_home="Keep the evening routine",
            **c,
        ),
        line(
            "action_plan_recorded",
            at="2025-10-03",
            kind="drafted",
            advice_school="Weekly check-in with the mentor",
            advice_home="Read together every evening",
            parents_agreed=True,
            **c,
        ),
        line("step_entered", at="2025-10-03", step="5", **c),
        line(
            "support_arranged", at="2025-10-06", provider="Kompas Jeugdhulp", kind="ambulant", **c
        ),
        line(
            "safety_concern_recorded",
            at="2025-10-10",
            ground="domestic_violence",
            description="SECRET-SAFETY-TEXT bruises seen",
            **c,
        ),
        line("report_made", at="2025-10-12", to="veilig_thuis", reference="VT-SECRET-REF", **c),
        line(
            "parents_informed",
            at="2025-10-12",
            to=["mother"],
            channel="conversation",
            topics=["report"],
            summary="SECRET-REPORT-TALK",
            **c,
        ),
    ]


def store(db: str, lines: Iterable[dict[str, Any]]) -> None:
    """Import ``lines`` into the database ``db`` (one transaction)."""
    app = ZatlogApp(resolve(db))
    try:
        import_lines(app, [json.dumps(item) for item in lines], default_actor="ib-devries")
    finally:
        app.close()


EXPORT_DAY = "2025-11-01"
"""The export date of the tests; ages below are taken on it."""


def born_aged(age: int) -> str:
    """A birth date that makes the pupil ``age`` on :data:`EXPORT_DAY`."""
    return f"{2025 - age}-05-10"


def reader_case(
    case: str,
    age: int,
    relation_kind: str,
    authority: str,
    *,
    measure: str = "none",
    refused: bool = False,
) -> list[dict[str, Any]]:
    """A case whose ``reader`` has the given relation, beside a mother with joint authority.

    With ``refused`` the pupil (16 or older then) refuses information to the
    reader on 2025-09-10.
    """
    lines = [
        *opened(case, born_aged(age)),
        relation(case, "mother", MOTHER_NAME, "parent", "joint"),
    ]
    if relation_kind != "pupil":
        lines.append(
            relation(case, "reader", FATHER_NAME, relation_kind, authority, measure=measure)
        )
    lines += trajectory(case)
    if refused:
        lines.append(
            line(
                "pupil_refused_parent_information",
                case=case,
                at="2025-09-10",
                by="ib-devries",
                targets=["reader"],
            )
        )
    return lines
