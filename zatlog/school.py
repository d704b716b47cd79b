"""The ``School`` aggregate: school-level actions (docs/import-format.md)."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from zatlog import actions as a

_SCHOOL_NAMESPACE = uuid5(NAMESPACE_URL, "https://zatlog.invalid/school")


def school_id(school: str) -> UUID:
    return uuid5(_SCHOOL_NAMESPACE, school)


class School(Aggregate):
    """A school, known by its id; created by its first school-level action."""

    class Registered(Aggregate.Created):
        """The school appeared in the log (not an action: never exported)."""

        school: str

    class DocumentPublished(Aggregate.Event):
        """``school_document_published``"""

        at: str
        actor: str
        payload: dict[str, Any]

        def apply(self, aggregate: Aggregate) -> None:
            assert isinstance(aggregate, School)
            aggregate.documents.add(self.payload["document"])

    def __init__(self, school: str) -> None:
        self.school = school
        self.documents: set[str] = set()

    @classmethod
    def register(cls, school: str) -> School:
        return cls._create(cls.Registered, id=school_id(school), school=school)

    def publish(self, action: a.SchoolDocumentPublished, actor: str) -> None:
        self.trigger_event(
            self.DocumentPublished,
            at=action.at.isoformat(),
            actor=actor,
            payload=a.event_payload(action),
        )
