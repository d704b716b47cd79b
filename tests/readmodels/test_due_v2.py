"""What is due around a cancelled or moved meeting (domain v2: C1, B1, G2)."""

from __future__ import annotations

from datetime import date

from test_due import due, summary

P22 = "p22_zat_cancelled_father_not_told"
"""A ZAT meeting of 2025-10-20, both parents invited on 10-08, cancelled on 10-14, the
mother told on 10-15, moved to 2025-11-10 on 10-22, both invited again on 10-27."""


def test_before_the_cancellation_the_meeting_is_due_as_usual() -> None:
    assert [i.kind for i in due(P22, "2025-10-08")] == []
    assert [(i.kind, i.due.isoformat()) for i in due(P22, "2025-10-06")] == [
        ("invite", "2025-10-13")
    ]


def test_a_cancelled_meeting_leaves_due_and_its_invitees_are_to_be_told() -> None:
    assert summary(due(P22, "2025-10-14")) == [
        (
            "cancellation",
            "2025-10-20",
            ("father", "mother"),
            "Tell that the ZAT meeting of 2025-10-20 (m-zat) was cancelled, or invite again",
        )
    ]


def test_telling_one_parent_leaves_the_other() -> None:
    [item] = due(P22, "2025-10-15")
    assert (item.kind, item.persons) == ("cancellation", ("father",))
    assert item.overdue(date(2025, 10, 21))


def test_a_moved_meetings_invitation_deadline_follows_the_new_date() -> None:
    # Scheduled again for 11-10: the invitation of 10-08 came before the cancellation and no
    # longer counts, so both parents are to be invited a week before the new date.
    assert sorted(summary(due(P22, "2025-10-22"))) == [
        ("cancellation", "2025-10-20", ("father",),
         "Tell that the ZAT meeting of 2025-10-20 (m-zat) was cancelled, or invite again"),
        ("invite", "2025-11-03", ("father", "mother"),
         "Invite to the ZAT meeting of 2025-11-10 (m-zat), stating its purpose, date and "
         "composition"),
    ]  # fmt: skip


def test_a_new_invitation_ends_both_duties() -> None:
    assert [i.kind for i in due(P22, "2025-10-27")] == []
