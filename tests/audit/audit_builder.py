"""A small builder of action logs for audit tests (the fixtures are in conftest.py).

Tests write the log the way a coordinator records it, one action at a time
from a small JSON dict, and ask the audit what it finds::

    log.open_case(birth_date="2014-05-10")
    log.add("discussion_held", "2025-10-20", meeting="m", forum="zat", ...)
    assert ("B1", "major") in log.rules(as_of="2026-01-31")
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from message_check import assert_renders_from_catalog

from zatlog.actions import SCHOOL_DOCUMENTS, parse_action
from zatlog.policy import Policy
from zatlog.projections.audit.findings import AuditResult, Finding, audit_log
from zatlog.projections.audit.names import names_in
from zatlog.records import LoggedAction

CASE = "2025-101"
RECORDED_AT = time(18, 0)
"""An action is recorded on its own day, at the end of it, unless a test says otherwise
(``recorded=``): a record made at the time, which rule L1 does not find."""


class LogBuilder:
    """Collects logged actions (positions in recording order) and audits them."""

    def __init__(self) -> None:
        self.events: list[LoggedAction] = []

    def add(
        self,
        action: str,
        at: str,
        case: str | None = CASE,
        *,
        recorded: str | None = None,
        **fields: Any,
    ) -> LoggedAction:
        """Record ``action`` dated ``at``; ``recorded`` (ISO date-time) when it was recorded."""
        data: dict[str, Any] = {"action": action, "at": at, **fields}
        if case is not None and action != "school_document_published":
            data["case"] = case
        parsed = parse_action(data)
        event = LoggedAction(
            position=len(self.events) + 1,
            recorded_at=(
                datetime.combine(parsed.day, RECORDED_AT)
                if recorded is None
                else datetime.fromisoformat(recorded)
            ),
            actor="ib-test",
            action=parsed,
        )
        self.events.append(event)
        return event

    def publish_documents(self, at: str = "2025-08-20", school: str = "default") -> None:
        for document in SCHOOL_DOCUMENTS:
            self.add(
                "school_document_published",
                at,
                case=None,
                document=document,
                version="1",
                school=school,
            )

    def open_case(
        self,
        birth_date: str = "2014-05-10",
        at: str = "2025-09-01",
        parents: tuple[str, ...] = ("mother", "father"),
        case: str = CASE,
        school: str = "default",
    ) -> None:
        """Open a case whose parents share joint authority (names are clearly fictional)."""
        self.add(
            "case_opened",
            at,
            case=case,
            pupil_name="Pim Voorbeeld",
            birth_date=birth_date,
            school_type="so",
            school=school,
        )
        for parent in parents:
            self.relation(parent, at=at, case=case)

    def relation(
        self,
        person: str,
        at: str = "2025-09-01",
        relation: str = "parent",
        authority: str = "joint",
        case: str = CASE,
        **fields: Any,
    ) -> LoggedAction:
        return self.add(
            "relation_recorded",
            at,
            case=case,
            person=person,
            name=f"Ouder{person.capitalize()} Voorbeeld",
            relation=relation,
            authority=authority,
            **fields,
        )

    def inform(
        self,
        at: str,
        topics: list[str],
        to: tuple[str, ...] = ("mother", "father"),
        channel: str = "conversation",
        **fields: Any,
    ) -> LoggedAction:
        return self.add(
            "parents_informed", at, to=list(to), channel=channel, topics=topics, **fields
        )

    def invite(
        self, at: str, meeting: str, to: tuple[str, ...] = ("mother", "father"), **fields: Any
    ) -> LoggedAction:
        fields.setdefault("channel", "letter")
        fields.setdefault("purpose_and_composition_included", True)
        return self.add("parents_invited", at, meeting=meeting, to=list(to), **fields)

    def consent_form(
        self,
        at: str,
        form: str,
        forum: str = "zat",
        signers: tuple[str, ...] = ("mother", "father"),
        signed: str | None = None,
        **fields: Any,
    ) -> LoggedAction:
        fields.setdefault("purpose", "Assessment")
        fields.setdefault("participants", ["ib", "jeugdarts", "teacher"])
        fields.setdefault("data_categories", ["name", "birth_date", "behaviour", "sdq"])
        issued = self.add("consent_form_issued", at, consent=form, forum=forum, **fields)
        for signer in signers:
            self.sign(signed or at, form, signer)
        return issued

    def sign(self, at: str, form: str, signer: str, method: str = "signature") -> LoggedAction:
        return self.add("consent_given", at, consent=form, signer=signer, method=method)

    def discussion(self, at: str, meeting: str, forum: str = "zat", **fields: Any) -> LoggedAction:
        fields.setdefault("level", "full")
        fields.setdefault("basis", "consent")
        if fields["basis"] == "consent":
            fields.setdefault("consent", f"f-{forum}")
        fields.setdefault("attendees", ["ib", "jeugdarts"])
        fields.setdefault("parents_present", True)
        fields.setdefault("pupil_present", False)
        fields.setdefault("data_shared", ["name", "behaviour"])
        return self.add("discussion_held", at, meeting=meeting, forum=forum, **fields)

    def audit(
        self, as_of: str = "2026-01-31", policy: Policy | None = None, **kwargs: Any
    ) -> AuditResult:
        """The audit; every finding's messages are checked to be the catalog's words."""
        result = audit_log(self.events, policy or Policy(), date.fromisoformat(as_of), **kwargs)
        names = names_in(self.events)
        for finding in result.findings:
            assert_renders_from_catalog(finding, names)
        return result

    def findings(self, as_of: str = "2026-01-31", **kwargs: Any) -> list[Finding]:
        return list(self.audit(as_of, **kwargs).findings)

    def rules(self, as_of: str = "2026-01-31", **kwargs: Any) -> set[tuple[str, str]]:
        """The (rule, severity) pairs found."""
        return {(f.rule, f.severity) for f in self.findings(as_of, **kwargs)}

    def of(self, rule: str, as_of: str = "2026-01-31", **kwargs: Any) -> list[Finding]:
        return [f for f in self.findings(as_of, **kwargs) if f.rule == rule]
