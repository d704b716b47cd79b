"""A small, clearly fictional demo school, so a newcomer can try every command.

Dates are relative to the day the demo is made, so that ``zatlog due`` has
something upcoming and something overdue. Some cases are compliant, some are
not, each in a different way.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from zatlog.actions import SCHOOL_DOCUMENTS, Action, parse_action


class _Case:
    """Builds one case's lines with dates counted from its opening day."""

    def __init__(self, ref: str, opened: date) -> None:
        self.ref = ref
        self.opened = opened
        self.lines: list[dict[str, Any]] = []

    def at(self, days: int) -> str:
        return (self.opened + timedelta(days=days)).isoformat()

    def add(self, action: str, day: int, **fields: Any) -> _Case:
        self.lines.append(
            {"action": action, "case": self.ref, "at": self.at(day), "by": "ib-demo", **fields}
        )
        return self

    def open(self, pupil: str, birth: date, school_type: str = "so") -> _Case:
        return self.add(
            "case_opened",
            0,
            pupil_name=pupil,
            birth_date=birth.isoformat(),
            school_type=school_type,
        )

    def parents(self, family: str) -> _Case:
        for person, first in (("mother", "Moeder"), ("father", "Vader")):
            self.add(
                "relation_recorded",
                0,
                person=person,
                name=f"{first} {family}",
                relation="parent",
                authority="joint",
            )
        return self

    def cvb_round(
        self, day: int, *, invite_days_before: int | None, parents_present: bool
    ) -> _Case:
        """Consent, an invitation and a CvB discussion ``day`` days after opening."""
        meeting = f"m-cvb-{day}"
        self.add("step_entered", 1, step="1").add("step_entered", 2, step="2")
        self.add("step_entered", 3, step="3")
        self.add(
            "consent_form_issued",
            3,
            consent="f-cvb",
            forum="cvb",
            purpose="Ondersteuningsbehoefte bepalen",
            participants=["ib", "leerkracht", "orthopedagoog"],
            data_categories=["name", "birth_date", "school_results", "behaviour"],
        )
        for signer in ("mother", "father"):
            self.add("consent_given", 5, consent="f-cvb", signer=signer, method="signature")
        self.add(
            "meeting_scheduled", 5, meeting=meeting, forum="cvb", date=self.at(day), purpose="CvB"
        )
        if invite_days_before is not None:
            self.add(
                "parents_invited",
                day - invite_days_before,
                meeting=meeting,
                to=["mother", "father"],
                channel="letter",
                purpose_and_composition_included=True,
            )
        return self.add(
            "discussion_held",
            day,
            meeting=meeting,
            forum="cvb",
            level="full",
            basis="consent",
            consent="f-cvb",
            attendees=["ib", "leerkracht", "orthopedagoog"],
            parents_present=parents_present,
            pupil_present=False,
            data_shared=["name", "birth_date", "behaviour"],
            outcome="Extra begeleiding in de klas",
            advice_school="Vaste plek, korte instructie",
            advice_home="Vaste routine bij het huiswerk",
        )

    def informed(self, day: int, *topics: str, meeting: str | None = None) -> _Case:
        fields: dict[str, Any] = {"to": ["mother", "father"], "channel": "conversation"}
        if meeting:
            fields["meeting"] = meeting
        return self.add("parents_informed", day, topics=list(topics), **fields)


def demo_lines(today: date) -> Iterator[dict[str, Any]]:
    """Every line of the demo log, as the import format."""
    start = today - timedelta(days=120)
    for document in SCHOOL_DOCUMENTS:
        yield {
            "action": "school_document_published",
            "at": (start - timedelta(days=30)).isoformat(),
            "document": document,
            "version": f"{start.year}-1",
            "by": "directie-demo",
        }
    cases = [
        # Compliant: informed, consent, invited a fortnight ahead, parents present.
        _Case("demo-001", start)
        .open("Pim Proefpersoon", date(start.year - 10, 5, 10))
        .parents("Proefpersoon")
        .add("signal_raised", 1, source="teacher", description="Trekt zich terug in de klas")
        .informed(2, "concern", "heard_input", "development")
        .cvb_round(30, invite_days_before=14, parents_present=True),
        # Invited late, parents absent, no outcome letter.
        _Case("demo-002", start + timedelta(days=10))
        .open("Fleur Fictief", date(start.year - 9, 2, 1))
        .parents("Fictief")
        .add("signal_raised", 1, source="teacher", description="Veel conflicten op het plein")
        .informed(2, "concern", "heard_input")
        .cvb_round(40, invite_days_before=3, parents_present=False),
        # ZAT registration before the parents heard of it; no consent form for the ZAT.
        _Case("demo-003", start + timedelta(days=5))
        .open("Daan Demo", date(start.year - 13, 11, 20), "vso")
        .parents("Demo")
        .add("signal_raised", 1, source="parent", description="Slaapt slecht, verzuimt vaak")
        .informed(2, "concern", "heard_input")
        .cvb_round(25, invite_days_before=10, parents_present=True)
        .informed(26, "outcome", meeting="m-cvb-25")
        .add("step_entered", 40, step="4a")
        .add("zat_registered", 40, support_need="Afstemming met jeugdhulp", parent_input=False)
        .informed(45, "zat_registration"),
        # A meeting next week: the invitation is still to be sent.
        _Case("demo-004", today - timedelta(days=20))
        .open("Sanne Steekproef", date(today.year - 11, 8, 3))
        .parents("Steekproef")
        .add("signal_raised", 1, source="teacher", description="Leesachterstand groeit")
        .informed(3, "concern", "heard_input")
        .add("step_entered", 4, step="1")
        .add("step_entered", 5, step="2")
        .add("step_entered", 6, step="3")
        .add(
            "meeting_scheduled",
            6,
            meeting="m-cvb-next",
            forum="cvb",
            date=(today + timedelta(days=8)).isoformat(),
            purpose="CvB",
        ),
        # A safety concern: report to Veilig Thuis, informing the parents deferred.
        _Case("demo-005", start + timedelta(days=30))
        .open("Bram Bedacht", date(start.year - 8, 1, 15))
        .parents("Bedacht")
        .add("safety_concern_recorded", 1, ground="neglect", description="Komt zonder eten")
        .add(
            "parent_notification_deferred",
            2,
            reason="safety_child",
            review_at=(start + timedelta(days=46)).isoformat(),
        )
        .add("report_made", 2, to="veilig_thuis", reference="VT-DEMO-1")
        .add(
            "parents_informed",
            12,
            to=["mother", "father"],
            channel="conversation",
            topics=["report"],
        ),
    ]
    for case in cases:
        yield from case.lines


def demo_actions(today: date) -> list[tuple[Action, str]]:
    """The demo log as validated actions with their recording actor."""
    batch: list[tuple[Action, str]] = []
    for line in demo_lines(today):
        action = parse_action(line)
        batch.append((action, action.by or "ib-demo"))
    return batch
