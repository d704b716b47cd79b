"""A school year of cases with several providers and municipalities, as JSON Lines actions.

The figures the provider report must give for it are worked out by hand in
``test_providers_report.py``; the comments here say what each case is for.

- Youké, contracted by Utrecht, runs on cases 2025-101 … 2025-107; 2025-107's
  pupil moves to Zeist on 2025-09-01 and Youké is arranged again there.
  Case 2024-111 had Youké in 2024 and was closed on 2024-12-20.
- Youké, contracted by Zeist, also runs on 2025-108 (arranged 2025-10-01,
  but it attended a discussion there on 2025-09-15 already).
- Kwadraad (Utrecht) runs on 2025-101 and 2025-109; it is arranged on
  2025-109 a second time without a municipality, which keeps Utrecht.
- Schoolmaatschappelijk werk, no municipality recorded, runs on 2025-110.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zatlog.application import ZatlogApp
from zatlog.importer import import_lines
from zatlog.records import LoggedAction
from zatlog.storage import resolve

Line = dict[str, Any]

SURNAMES = {
    "2025-101": "Vermeulen",
    "2025-102": "Bakker",
    "2025-103": "Dijkstra",
    "2025-104": "Mulder",
    "2025-105": "Hendriks",
    "2025-106": "Smits",
    "2025-107": "Verbeek",
    "2025-108": "Kuipers",
    "2025-109": "Timmermans",
    "2025-110": "Postma",
    "2024-111": "Brouwer",
}
CASES = tuple(SURNAMES)


def surname(case: str) -> str:
    return SURNAMES.get(case, "Jansen")


def pupil_name(case: str) -> str:
    return f"Lotte {surname(case)}"


def parent_names(case: str) -> tuple[str, str]:
    return f"Anna {surname(case)}", f"Kees {surname(case)}"


def opened(case: str, at: str = "2025-01-06") -> list[Line]:
    mother, father = parent_names(case)
    return [
        {
            "action": "case_opened",
            "case": case,
            "at": at,
            "pupil_name": pupil_name(case),
            "birth_date": "2014-05-10",
            "school_type": "so",
        },
        {
            "action": "relation_recorded",
            "case": case,
            "at": at,
            "person": "mother",
            "name": mother,
            "relation": "parent",
            "authority": "joint",
        },
        {
            "action": "relation_recorded",
            "case": case,
            "at": at,
            "person": "father",
            "name": father,
            "relation": "parent",
            "authority": "joint",
        },
    ]


def arranged(case: str, at: str, provider: str, municipality: str | None = None) -> Line:
    line: Line = {
        "action": "support_arranged",
        "case": case,
        "at": at,
        "provider": provider,
        "kind": "ambulante begeleiding",
    }
    if municipality is not None:
        line["municipality"] = municipality
    return line


def evaluated(
    case: str,
    at: str,
    provider: str,
    evaluator: str,
    effect: int,
    *,
    at_school: bool = True,
    teacher: bool = True,
    parents: bool = False,
) -> Line:
    return {
        "action": "support_evaluated",
        "case": case,
        "at": at,
        "provider": provider,
        "evaluator": evaluator,
        "effect_in_class": effect,
        "worked_at_school": at_school,
        "involved_teacher": teacher,
        "involved_parents": parents,
        "comment": f"Goed contact met {pupil_name(case)}",
    }


def invited(case: str, at: str, meeting: str, to: tuple[str, ...] = ("mother", "father")) -> Line:
    return {
        "action": "parents_invited",
        "case": case,
        "at": at,
        "meeting": meeting,
        "to": list(to),
        "channel": "letter",
        "purpose_and_composition_included": True,
    }


def discussed(
    case: str,
    at: str,
    meeting: str,
    attendees: list[str],
    *,
    forum: str = "zat",
    level: str = "full",
    basis: str = "none",
) -> Line:
    return {
        "action": "discussion_held",
        "case": case,
        "at": at,
        "meeting": meeting,
        "forum": forum,
        "level": level,
        "basis": basis,
        "attendees": attendees,
        "parents_present": False,
        "pupil_present": False,
        "data_shared": ["name"],
        "outcome": f"Hulp voor {pupil_name(case)} gaat door",
    }


def closed(case: str, at: str) -> Line:
    return {"action": "case_closed", "case": case, "at": at, "reason": "completed"}


def school_year() -> list[Line]:
    """Every action, in a valid recording order."""
    log: list[Line] = []
    for case in CASES:
        log += opened(case, "2024-02-01" if case == "2024-111" else "2025-01-06")

    # The old case: Youké for Utrecht in 2024, closed before 2025.
    log += [
        arranged("2024-111", "2024-03-01", "Youké", "Utrecht"),
        evaluated("2024-111", "2024-06-01", "Youké", "teacher", 1),
        discussed("2024-111", "2024-04-01", "m-2024", ["ib", "Youké"]),
        closed("2024-111", "2024-12-20"),
    ]

    # Youké for Utrecht on 2025-101 … 2025-107.
    for case in CASES[:7]:
        log.append(arranged(case, "2025-02-03", "Youké", "Utrecht"))
    # 2025-107 moves to Zeist.
    log.append(arranged("2025-107", "2025-09-01", "Youké", "Zeist"))
    log.append(arranged("2025-108", "2025-10-01", "Youké", "Zeist"))
    # Kwadraad for Utrecht, arranged again on 2025-109 without a municipality.
    log.append(arranged("2025-101", "2025-02-10", "Kwadraad", "Utrecht"))
    log.append(arranged("2025-109", "2025-02-10", "Kwadraad", "Utrecht"))
    log.append(arranged("2025-109", "2025-07-01", "Kwadraad"))
    log.append(arranged("2025-110", "2025-02-10", "Schoolmaatschappelijk werk"))

    # Evaluations of Youké (Utrecht): 7 by teachers, 5 by parents, 1 by the pupil.
    log += [
        evaluated("2025-101", "2025-06-02", "Youké", "teacher", 2, at_school=False),
        evaluated("2025-102", "2025-06-02", "Youké", "teacher", 3),
        evaluated("2025-103", "2025-06-02", "Youké", "teacher", 3, parents=True),
        evaluated("2025-104", "2025-06-02", "Youké", "teacher", 4),
        evaluated("2025-105", "2025-06-02", "Youké", "teacher", 4, parents=True),
        evaluated("2025-106", "2025-06-02", "Youké", "teacher", 5),
        evaluated("2025-107", "2025-06-02", "Youké", "teacher", 5, at_school=False),
        evaluated("2025-101", "2025-06-09", "Youké", "parent", 3, parents=True),
        evaluated("2025-102", "2025-06-09", "Youké", "parent", 4, teacher=False),
        evaluated("2025-103", "2025-06-09", "Youké", "parent", 4, at_school=False),
        evaluated("2025-104", "2025-06-09", "Youké", "parent", 2, parents=True),
        evaluated("2025-105", "2025-06-09", "Youké", "parent", 5, teacher=False),
        evaluated("2025-106", "2025-06-16", "Youké", "pupil", 4),
        # After the move: Zeist's.
        evaluated("2025-107", "2025-10-15", "Youké", "teacher", 1, teacher=False),
        # After the period of 2025.
        evaluated("2025-101", "2026-01-12", "Youké", "teacher", 1),
        # Kwadraad: one evaluation by a coordinator.
        evaluated("2025-109", "2025-06-20", "Kwadraad", "coordinator", 2, at_school=False),
    ]

    # Discussions Youké attended on Utrecht's cases.
    log += [
        # Parents invited in time: no B1 finding. Kwadraad attended too.
        invited("2025-101", "2025-02-20", "m-1"),
        discussed("2025-101", "2025-03-10", "m-1", ["ib", "Youké", "Kwadraad"]),
        # Nobody invited (two major B1 findings, one discussion); attendee spelled loosely.
        discussed("2025-102", "2025-03-11", "m-1", ["IB", "  youké "]),
        # Only the mother invited: the father's major B1 finding.
        invited("2025-103", "2025-02-20", "m-1", ("mother",)),
        discussed("2025-103", "2025-03-12", "m-1", ["ib", "Youké"], forum="mdo"),
        # A CvB discussion without any invitation.
        discussed("2025-104", "2025-03-13", "m-1", ["ib", "Youké"], forum="cvb"),
        # Invited only after the discussion: still major.
        discussed("2025-105", "2025-03-14", "m-1", ["ib", "Youké"]),
        invited("2025-105", "2025-03-20", "m-1"),
        # Invited three days before: late (minor), not "without parents invited".
        invited("2025-106", "2025-03-14", "m-1"),
        discussed("2025-106", "2025-03-17", "m-1", ["ib", "Youké"]),
        # Outside information only, nobody invited: identified, major.
        discussed("2025-106", "2025-04-01", "m-2", ["ib", "Youké"], level="outside_info"),
        # Anonymous consultation: not an identified discussion.
        discussed("2025-107", "2025-04-02", "m-1", ["ib", "Youké"], level="anonymous"),
        # Safety override: attended, but B1 does not judge it.
        discussed("2025-107", "2025-04-03", "m-2", ["ib", "Youké"], basis="safety_override"),
        # A second discussion on 2025-101 without invitation.
        discussed("2025-101", "2025-05-05", "m-2", ["ib", "Youké"]),
    ]
    # Youké at Zeist's: before it was arranged there, and after.
    log += [
        invited("2025-108", "2025-09-01", "m-1"),
        discussed("2025-108", "2025-09-15", "m-1", ["ib", "Youké"]),
        invited("2025-108", "2025-10-20", "m-2"),
        discussed("2025-108", "2025-11-03", "m-2", ["ib", "Youké"]),
    ]
    # Kwadraad without the parents invited; Youké at a case it was never arranged on;
    # school social work with the parents invited.
    log += [
        discussed("2025-109", "2025-06-02", "m-1", ["ib", "kwadraad"]),
        invited("2025-110", "2025-03-01", "m-1"),
        discussed("2025-110", "2025-03-24", "m-1", ["ib", "Schoolmaatschappelijk Werk", "Youké"]),
    ]
    return log


def forbidden_strings() -> list[str]:
    """What must never appear in a provider report: case references and every name."""
    strings: list[str] = []
    for case in CASES:
        strings += [case, pupil_name(case), *parent_names(case), SURNAMES[case]]
    return strings


def write_log(path: Path, lines: list[Line]) -> str:
    """Write ``lines`` as a JSON Lines file; return its path."""
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return str(path)


def load(db: str, lines: list[Line]) -> list[LoggedAction]:
    """Import ``lines`` into the store at ``db``; return the whole log as recorded."""
    app = ZatlogApp(resolve(db))
    try:
        import_lines(app, [json.dumps(line) for line in lines], default_actor="ib-test")
        return list(app.logged_actions())
    finally:
        app.close()
