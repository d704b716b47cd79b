"""One fold, many views: a case's events filed once into the facts every view reads.

See :mod:`zatlog.projections.facts.case` for what it answers and why it lives here.
"""

from zatlog.projections.facts.case import (
    IDENTIFYING_ITEMS,
    ITEM_CATEGORIES,
    OUTSIDE_INFORMATION,
    TOPIC_CATEGORIES,
    WRITTEN_SIGNATURES,
    Answer,
    CaseFacts,
    Decision,
    Disclosed,
    Ev,
    FormState,
    FormStatus,
    Person,
    RequestState,
    Signers,
    build_facts,
    default_facts,
    disclosed_by,
    latest_until,
    norm,
)

__all__ = [
    "IDENTIFYING_ITEMS",
    "ITEM_CATEGORIES",
    "OUTSIDE_INFORMATION",
    "TOPIC_CATEGORIES",
    "WRITTEN_SIGNATURES",
    "Answer",
    "CaseFacts",
    "Decision",
    "Disclosed",
    "Ev",
    "FormState",
    "FormStatus",
    "Person",
    "RequestState",
    "Signers",
    "build_facts",
    "default_facts",
    "disclosed_by",
    "latest_until",
    "norm",
]
