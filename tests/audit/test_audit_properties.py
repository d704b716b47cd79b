"""Random action sequences never crash the audit, and its output keeps its promises.

The sequences are deliberately wilder than what the store accepts (actions
before ``case_opened``, unknown persons and forms, dates in any order,
date-times): the audit must judge whatever a log holds.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zatlog.actions import parse_action
from zatlog.policy import Policy
from zatlog.projections.audit import report
from zatlog.projections.audit.findings import audit_log
from zatlog.records import LoggedAction

CASES = ("c-1", "c-2")
PERSONS = ("mother", "father", "pupil", "guardian", "worker", "stranger")
FORMS = ("f-1", "f-2")
NOTICES = ("n-1", "n-2")
MEETINGS = ("m-1", "m-2")
REQUESTS = ("r-1", "r-2")
ITEMS = ("name", "birth_date", "bsn", "outcome", "plan", "reports", "sdq", "dossier", "all", "x")
NAMES = ("Zoë Testkind", "Bram Testouder")
START = date(2020, 1, 1)

persons = st.lists(st.sampled_from(PERSONS), min_size=1, max_size=3)
items = st.lists(st.sampled_from(ITEMS), min_size=1, max_size=4)
channel = st.sampled_from(["conversation", "phone", "letter", "email", "portal"])
a_day = st.integers(0, 8 * 365).map(lambda n: (START + timedelta(days=n)).isoformat())
score = st.integers(0, 10)


def fields(action: str) -> st.SearchStrategy[dict[str, Any]]:
    """The action-specific fields of one action, valid for the models."""
    f = st.fixed_dictionaries
    one = st.sampled_from
    table: dict[str, st.SearchStrategy[dict[str, Any]]] = {
        "case_opened": f(
            {
                "pupil_name": one(NAMES),
                "birth_date": st.integers(2002, 2020).map(
                    lambda y: f"{y}-02-29" if y % 4 == 0 else f"{y}-03-01"
                ),
                "school_type": one(["so", "vso"]),
                "school": one(["default", "other"]),
            }
        ),
        "relation_recorded": f(
            {
                "person": one(PERSONS[:2] + PERSONS[3:]),
                "name": one(NAMES),
                "relation": one(
                    [
                        "parent",
                        "guardian",
                        "legal_representative",
                        "foster_parent",
                        "step_parent",
                        "youth_protection_worker",
                        "other",
                    ]
                ),
                "authority": one(["joint", "sole", "none"]),
                "measure": one(["none", "ots"]),
            }
        ),
        "information_restricted": f(
            {
                "person": one(PERSONS),
                "basis": one(["court_order", "ots_instruction", "child_interest"]),
                "scope": items,
                "motivation": st.just("m"),
            },
            optional={"until": a_day},
        ),
        "pupil_capacity_assessed": f({"capable": st.booleans()}),
        "pupil_refused_parent_information": f({"targets": persons}),
        "pupil_refusal_withdrawn": f({"targets": persons}),
        "parents_informed": f(
            {
                "to": persons,
                "channel": channel,
                "topics": st.lists(
                    one(
                        [
                            "concern",
                            "plan",
                            "zat_registration",
                            "meeting_purpose",
                            "outcome",
                            "report",
                            "heard_input",
                            "advice_home",
                        ]
                    ),
                    min_size=1,
                    max_size=3,
                ),
            },
            optional={"meeting": one(MEETINGS)},
        ),
        "sdq_recorded": f(
            {
                "informant": one(["parent", "teacher", "self"]),
                "emotional": score,
                "conduct": score,
                "hyperactivity": score,
                "peer": score,
                "prosocial": score,
            }
        ),
        "zat_registered": f({"support_need": st.just("s"), "parent_input": st.booleans()}),
        "consent_form_issued": f(
            {
                "consent": one(FORMS),
                "forum": one(["cvb", "zat", "mdo"]),
                "purpose": st.just("p"),
                "participants": st.lists(one(["ib", "jeugdarts", "police"]), max_size=2),
                "data_categories": st.lists(one(ITEMS), max_size=3),
            },
            optional={"valid_until": a_day},
        ),
        "consent_given": f(
            {
                "consent": one(FORMS),
                "signer": one(PERSONS),
                "method": one(["signature", "electronic_signature", "verbal"]),
            }
        ),
        "consent_refused": f({"consent": one(FORMS), "signer": one(PERSONS)}),
        "consent_withdrawn": f({"consent": one(FORMS), "signer": one(PERSONS)}),
        "no_objection_notice_sent": f(
            {
                "notice": one(NOTICES),
                "to": persons,
                "channel": channel,
                "objection_deadline": a_day,
            },
            optional={"participants": st.lists(one(["ib", "jeugdarts"]), max_size=2)},
        ),
        "objection_received": f({"notice": one(NOTICES), "person": one(PERSONS)}),
        "parents_invited": f(
            {
                "meeting": one(MEETINGS),
                "to": persons,
                "channel": channel,
                "purpose_and_composition_included": st.booleans(),
            }
        ),
        "discussion_held": f(
            {
                "meeting": one(MEETINGS),
                "forum": one(["cvb", "zat", "mdo"]),
                "level": one(["full", "outside_info", "anonymous"]),
                "basis": one(["consent", "no_objection", "none", "safety_override"]),
                "consent": one(FORMS),
                "attendees": st.lists(
                    one(["ib", "Mother", "police", "Bram Testouder"]), max_size=3
                ),
                "parents_present": st.booleans(),
                "pupil_present": st.booleans(),
                "data_shared": st.lists(one(ITEMS), max_size=3),
            },
            optional={"notice": one(NOTICES)},
        ),
        "safety_concern_recorded": f(
            {"ground": one(["neglect", "abuse"]), "description": st.just("d")}
        ),
        "safety_override_invoked": f(
            {"ground": one(["neglect", "abuse"]), "approved_by": st.just("director")}
        ),
        "parent_notification_deferred": f(
            {"reason": one(["safety_child", "urgency"]), "review_at": a_day}
        ),
        "report_made": f({"to": one(["veilig_thuis", "amk", "youth_care", "municipal_team"])}),
        "information_requested": f(
            {
                "request": one(REQUESTS),
                "requester": one(PERSONS),
                "kind": one(["inspection", "copy", "important_facts"]),
            }
        ),
        "information_request_extended": f({"request": one(REQUESTS), "new_deadline": a_day}),
        "information_disclosed": f(
            {"to": one(PERSONS), "items": items},
            optional={
                "request": one(REQUESTS),
                "redactions": st.lists(
                    f({"item": one(ITEMS), "ground": one(["restriction", "child_interest"])}),
                    max_size=2,
                ),
            },
        ),
        "information_request_refused": f(
            {
                "request": one(REQUESTS),
                "ground": one(["child_interest", "not_same_as_custodian", "no_right", "other"]),
                "motivation": one(["", "because"]),
            }
        ),
        "case_closed": f({"reason": one(["completed", "other"])}),
    }
    return table[action]


ACTIONS = (
    "case_opened",
    "relation_recorded",
    "relation_recorded",
    "information_restricted",
    "pupil_capacity_assessed",
    "pupil_refused_parent_information",
    "pupil_refusal_withdrawn",
    "parents_informed",
    "parents_informed",
    "sdq_recorded",
    "zat_registered",
    "consent_form_issued",
    "consent_given",
    "consent_refused",
    "consent_withdrawn",
    "no_objection_notice_sent",
    "objection_received",
    "parents_invited",
    "discussion_held",
    "discussion_held",
    "safety_concern_recorded",
    "safety_override_invoked",
    "parent_notification_deferred",
    "report_made",
    "information_requested",
    "information_request_extended",
    "information_disclosed",
    "information_request_refused",
    "case_closed",
)


@st.composite
def logged_action(draw: st.DrawFn, position: int) -> LoggedAction:
    if draw(st.integers(0, 15)) == 0:
        data: dict[str, Any] = {
            "action": "school_document_published",
            "document": draw(
                st.sampled_from(["school_guide_cvb", "privacy_regulation", "meldcode"])
            ),
            "version": "1",
            "school": draw(st.sampled_from(["default", "other"])),
        }
    else:
        action = draw(st.sampled_from(ACTIONS))
        data = {"action": action, "case": draw(st.sampled_from(CASES)), **draw(fields(action))}
        if action == "discussion_held" and data["basis"] != "consent" and draw(st.booleans()):
            del data["consent"]
    at = draw(a_day)
    data["at"] = at if draw(st.integers(0, 5)) else f"{at}T10:30:00"
    return LoggedAction(position, datetime(2026, 1, 1), "ib", parse_action(data))


@st.composite
def action_log(draw: st.DrawFn) -> list[LoggedAction]:
    size = draw(st.integers(0, 60))
    opened = [
        LoggedAction(
            0,
            datetime(2026, 1, 1),
            "ib",
            parse_action(
                {
                    "action": "case_opened",
                    "case": case,
                    "at": "2020-06-01",
                    "pupil_name": NAMES[0],
                    "birth_date": draw(st.sampled_from(["2008-02-29", "2012-07-15", "2016-01-01"])),
                    "school_type": "so",
                }
            ),
        )
        for case in CASES
        if draw(st.booleans())
    ]
    events = opened + [draw(logged_action(0)) for _ in range(size)]
    return [replace(event, position=n) for n, event in enumerate(events, start=1)]


policies = st.builds(
    Policy,
    invite_lead_days=st.integers(0, 30),
    outcome_deadline_days=st.integers(0, 30),
    override_followup_days=st.integers(0, 10),
    sdq_max_age_days=st.integers(0, 400),
    important_facts_reply_days=st.integers(0, 60),
    report_notice_days=st.integers(0, 14),
    objection_min_days=st.integers(0, 14),
    double_consent_12_15=st.booleans(),
    pupil16_refusal_blocks_invites=st.booleans(),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=action_log(), policy=policies, as_of_offset=st.integers(0, 9 * 365))
def test_random_action_sequences_never_crash_the_audit(
    events: list[LoggedAction], policy: Policy, as_of_offset: int
) -> None:
    as_of = START + timedelta(days=as_of_offset)

    result = audit_log(events, policy, as_of)
    recorded = {
        name
        for e in events
        for name in (getattr(e.action, "name", None), getattr(e.action, "pupil_name", None))
        if name is not None
    }

    shuffled = list(events)
    random.Random(as_of_offset).shuffle(shuffled)
    assert audit_log(shuffled, policy, as_of).findings == result.findings
    for finding in result.findings:
        assert finding.subject in finding.evidence
        assert list(finding.evidence) == sorted(finding.evidence, key=lambda e: e.sort_key)
        assert all(e.day <= as_of for e in finding.evidence)
        assert finding.severity in ("critical", "major", "minor")
        for name in recorded:
            for part in name.split():
                assert part not in finding.message_nl and part not in finding.message_en
    report.to_json(result, policy, as_of)
    report.to_csv(result)
    report.to_text(result, "en")
    report.to_html(result, policy, as_of)
