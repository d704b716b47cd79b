"""Hypothesis strategies: random but valid action logs (docs/import-format.md).

Each generated log is a list of JSON-ready dicts in recording order that an
empty database accepts: persons, forms, notices, requests and providers are
only referenced after they exist, steps follow the allowed transitions, and
nothing is dated before its case was opened.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from zatlog.case import ALLOWED_STEPS
from zatlog.people import age_on

PERSONS = ("mother", "father", "guardian", "p-04")
RELATIONS = ("parent", "guardian", "foster_parent", "step_parent", "youth_protection_worker")
FORUMS = ("cvb", "zat", "mdo")
CATEGORIES = ("name", "birth_date", "behaviour", "school_results", "sdq", "outcome", "reports")
TEXT = st.text(alphabet="abcdefghij klmnopqrstuvwxyzé", min_size=1, max_size=12).filter(
    lambda s: s.strip() != ""
)


@st.composite
def case_log(
    draw: st.DrawFn, case: str = "2025-001", school: str = "default"
) -> list[dict[str, Any]]:
    """One case: opened, people recorded, then a random trajectory."""
    opened = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 400)))
    birth = date(draw(st.integers(2006, 2019)), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    day = opened
    lines: list[dict[str, Any]] = [
        {
            "action": "case_opened",
            "case": case,
            "school": school,
            "at": opened.isoformat(),
            "pupil_name": draw(TEXT),
            "birth_date": birth.isoformat(),
            "school_type": draw(st.sampled_from(["so", "vso"])),
        }
    ]
    persons: list[str] = []
    forms: list[str] = []
    notices: list[str] = []
    requests: list[str] = []
    providers: list[str] = []
    step: str | None = None
    closed = False

    def line(action: str, **fields: Any) -> dict[str, Any]:
        return {"action": action, "case": case, "at": day.isoformat(), **fields}

    def someone() -> str:
        return draw(st.sampled_from(["pupil", *persons]))

    for _ in range(draw(st.integers(0, 25))):
        day += timedelta(days=draw(st.integers(0, 20)))
        kind = draw(
            st.sampled_from(
                [
                    "relation",
                    "signal",
                    "step",
                    "inform",
                    "form",
                    "decision",
                    "meeting",
                    "invite",
                    "discussion",
                    "sdq",
                    "safety",
                    "report",
                    "request",
                    "disclose",
                    "support",
                    "evaluate",
                    "plan",
                    "notice",
                    "close",
                ]
            )
        )
        if closed and kind not in ("request", "disclose"):
            continue
        if kind == "relation":
            person = draw(st.sampled_from(PERSONS))
            if person not in persons:
                persons.append(person)
            lines.append(
                line(
                    "relation_recorded",
                    person=person,
                    name=draw(TEXT),
                    relation=draw(st.sampled_from(RELATIONS)),
                    authority=draw(st.sampled_from(["joint", "sole", "none"])),
                )
            )
        elif kind == "signal":
            lines.append(line("signal_raised", source="teacher", description=draw(TEXT)))
        elif kind == "step":
            step = draw(st.sampled_from(ALLOWED_STEPS[step]))
            lines.append(line("step_entered", step=step))
        elif kind == "inform":
            lines.append(
                line(
                    "parents_informed",
                    to=[someone()],
                    channel=draw(st.sampled_from(["conversation", "letter", "email"])),
                    topics=draw(
                        st.lists(
                            st.sampled_from(["concern", "heard_input", "outcome", "report"]),
                            min_size=1,
                            max_size=3,
                            unique=True,
                        )
                    ),
                    meeting="m-1",
                )
            )
        elif kind == "form":
            form = f"f-{len(forms) + 1}"
            forms.append(form)
            lines.append(
                line(
                    "consent_form_issued",
                    consent=form,
                    forum=draw(st.sampled_from(FORUMS)),
                    purpose=draw(TEXT),
                    participants=["ib", "teacher"],
                    data_categories=draw(st.lists(st.sampled_from(CATEGORIES), unique=True)),
                )
            )
        elif kind == "decision" and forms:
            decision = draw(
                st.sampled_from(["consent_given", "consent_refused", "consent_withdrawn"])
            )
            fields: dict[str, Any] = {"consent": draw(st.sampled_from(forms)), "signer": someone()}
            if decision == "consent_given":
                fields["method"] = draw(st.sampled_from(["signature", "verbal"]))
            lines.append(line(decision, **fields))
        elif kind == "meeting":
            meeting_day = day + timedelta(days=draw(st.integers(0, 30)))
            lines.append(
                line(
                    "meeting_scheduled",
                    meeting="m-1",
                    forum=draw(st.sampled_from(FORUMS)),
                    date=meeting_day.isoformat(),
                    purpose=draw(TEXT),
                )
            )
        elif kind == "invite":
            lines.append(
                line(
                    "parents_invited",
                    meeting="m-1",
                    to=[someone()],
                    channel="letter",
                    purpose_and_composition_included=draw(st.booleans()),
                )
            )
        elif kind == "discussion":
            basis = draw(st.sampled_from(["consent", "no_objection", "none", "safety_override"]))
            if basis == "consent" and not forms:
                basis = "none"
            fields = {
                "meeting": "m-1",
                "forum": draw(st.sampled_from(FORUMS)),
                "level": draw(st.sampled_from(["full", "outside_info", "anonymous"])),
                "basis": basis,
                "attendees": draw(st.lists(st.sampled_from(["ib", "jeugdarts", "mother"]))),
                "parents_present": draw(st.booleans()),
                "pupil_present": draw(st.booleans()),
                "data_shared": draw(st.lists(st.sampled_from(CATEGORIES), unique=True)),
            }
            if basis == "consent":
                fields["consent"] = draw(st.sampled_from(forms))
            if basis == "no_objection" and notices:
                fields["notice"] = draw(st.sampled_from(notices))
            lines.append(line("discussion_held", **fields))
        elif kind == "notice":
            notice = f"n-{len(notices) + 1}"
            notices.append(notice)
            lines.append(
                line(
                    "no_objection_notice_sent",
                    notice=notice,
                    to=[someone()],
                    channel="letter",
                    objection_deadline=(day + timedelta(days=draw(st.integers(0, 14)))).isoformat(),
                )
            )
        elif kind == "sdq":
            scores = {
                k: draw(st.integers(0, 10))
                for k in ("emotional", "conduct", "hyperactivity", "peer", "prosocial")
            }
            lines.append(
                line(
                    "sdq_recorded",
                    informant=draw(st.sampled_from(["parent", "teacher", "self"])),
                    **scores,
                )
            )
        elif kind == "safety":
            lines.append(line("safety_concern_recorded", ground="neglect", description=draw(TEXT)))
            if draw(st.booleans()):
                lines.append(
                    line("safety_override_invoked", ground="neglect", approved_by="director")
                )
        elif kind == "report":
            lines.append(
                line("report_made", to=draw(st.sampled_from(["veilig_thuis", "amk", "youth_care"])))
            )
        elif kind == "request":
            request = f"r-{len(requests) + 1}"
            requests.append(request)
            lines.append(
                line(
                    "information_requested",
                    request=request,
                    requester=someone(),
                    kind=draw(st.sampled_from(["inspection", "copy", "important_facts"])),
                )
            )
        elif kind == "disclose":
            fields = {
                "to": someone(),
                "items": draw(st.sampled_from([["dossier"], ["outcome"], ["plan", "sdq"]])),
            }
            if requests and draw(st.booleans()):
                fields["request"] = draw(st.sampled_from(requests))
            lines.append(line("information_disclosed", **fields))
        elif kind == "support":
            provider = draw(st.sampled_from(["Jeugdzorg Noord", "OuderKind Team"]))
            providers.append(provider)
            lines.append(
                line("support_arranged", provider=provider, kind="ambulant", municipality="Zwolle")
            )
        elif kind == "evaluate" and providers:
            lines.append(
                line(
                    "support_evaluated",
                    provider=draw(st.sampled_from(providers)),
                    evaluator="teacher",
                    effect_in_class=draw(st.integers(1, 5)),
                    worked_at_school=draw(st.booleans()),
                    involved_teacher=draw(st.booleans()),
                    involved_parents=draw(st.booleans()),
                )
            )
        elif kind == "plan":
            lines.append(line("action_plan_recorded", kind="drafted", advice_home=draw(TEXT)))
        elif kind == "close":
            lines.append(line("case_closed", reason="completed"))
            closed = True
        elif kind == "refuse" and persons and age_on(birth, day) >= 16:
            lines.append(line("pupil_refused_parent_information", targets=[persons[0]]))
    return lines


@st.composite
def action_log(draw: st.DrawFn, max_cases: int = 3) -> list[dict[str, Any]]:
    """School documents and up to ``max_cases`` cases, interleaved as recorded."""
    lines: list[dict[str, Any]] = []
    if draw(st.booleans()):
        lines.append(
            {
                "action": "school_document_published",
                "at": "2023-08-01",
                "document": draw(
                    st.sampled_from(["school_guide_cvb", "privacy_regulation", "meldcode"])
                ),
                "version": "1",
            }
        )
    for index in range(draw(st.integers(1, max_cases))):
        lines.extend(draw(case_log(case=f"2025-{index + 1:03d}")))
    return lines
