"""Figures behind the audit report's charts, gathered from the same facts the rules use."""

from __future__ import annotations

from zatlog.policy import Policy
from zatlog.projections.audit.model import AuditStats
from zatlog.projections.audit.recording import recorded_late
from zatlog.projections.audit.safety import persons_to_inform, previous_report_day
from zatlog.projections.facts import CaseFacts


class Collector:
    """Adds up, case by case, what the charts show."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.discussions = 0
        self.in_time = 0
        self.lead_days: list[int | None] = []
        self.notice_days: list[int | None] = []
        self.recorded_late: list[tuple[str, int, int]] = []

    def add(self, facts: CaseFacts) -> None:
        self._invitations(facts)
        self._report_notices(facts)
        late = sum(recorded_late(event, self.policy) for event in facts.events)
        self.recorded_late.append((facts.case, len(facts.events), late))

    def _invitations(self, facts: CaseFacts) -> None:
        """Per identified CvB/ZAT discussion: each required invitee's invitation lead time."""
        for discussion in facts.discussions:
            act = discussion.act
            if not act.identified or act.basis == "safety_override" or act.forum == "mdo":
                continue
            invitees = facts.required_invitees(discussion.day)
            if not invitees:
                continue
            leads: list[int | None] = []
            for person in invitees:
                invitation = facts.first_invitation(act.meeting, person, discussion.day)
                if invitation is None or invitation.day > discussion.day:
                    leads.append(None)
                else:
                    leads.append((discussion.day - invitation.day).days)
            self.discussions += 1
            if all(d is not None and d >= self.policy.invite_lead_days for d in leads):
                self.in_time += 1
            self.lead_days += leads

    def _report_notices(self, facts: CaseFacts) -> None:
        """Per report and person to inform: days from the report to the first notice of it."""
        for report in facts.reports:
            previous = previous_report_day(facts, report)
            for person in persons_to_inform(facts, report):
                notices = facts.informs(person, topic="report", after=previous)
                self.notice_days.append((notices[0].day - report.day).days if notices else None)

    def absorb(self, other: Collector) -> None:
        """Add what ``other`` gathered (its cases after this one's)."""
        self.discussions += other.discussions
        self.in_time += other.in_time
        self.lead_days += other.lead_days
        self.notice_days += other.notice_days
        self.recorded_late += other.recorded_late

    def result(self) -> AuditStats:
        return AuditStats(
            discussions=self.discussions,
            discussions_invited_in_time=self.in_time,
            invitation_lead_days=tuple(self.lead_days),
            report_notice_days=tuple(self.notice_days),
            recorded_late=tuple(self.recorded_late),
        )
