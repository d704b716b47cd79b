"""How the fields of an action read to people: one wording for the dossier and the timeline.

A field is named by its label (``FIELD_LABELS``) and its value in words: enum
values by their label, dates in words, item categories by name, persons as the
caller names them (a name where the reader may see it, else the id).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from zatlog.projections import i18n

PERSON_FIELDS = frozenset({"person", "signer", "requester", "targets"})
DATE_FIELDS = frozenset(
    {
        "date",
        "until",
        "valid_until",
        "objection_deadline",
        "review_at",
        "birth_date",
        "new_deadline",
    }
)
CATEGORY_FIELDS = frozenset({"scope", "data_shared", "data_categories", "items"})
ENUM_FIELDS = frozenset(
    {
        "school_type",
        "measure",
        "basis",
        "reason",
        "source",
        "channel",
        "kind",
        "informant",
        "evaluator",
        "method",
        "level",
        "ground",
        "to",
        "format",
    }
)
"""Fields whose values come from a closed vocabulary (``VALUE_LABELS``)."""


def field_name(key: str, lang: i18n.Lang) -> str:
    """A field as people read it: its label, else its name with spaces."""
    if key in i18n.FIELD_LABELS:
        return i18n.label(i18n.FIELD_LABELS, key, lang)
    return key.replace("_", " ")


def value_text(value: Any, lang: i18n.Lang) -> str:
    """An enum value or yes/no as people read it (the value itself when it has no label)."""
    if isinstance(value, bool):
        return i18n.label(i18n.DOSSIER_LABELS, "yes" if value else "no", lang)
    if value is None:
        return ""
    return i18n.label(i18n.VALUE_LABELS, str(value), lang)


def field_text(
    action: str, key: str, value: Any, lang: i18n.Lang, person: Callable[[str], str]
) -> str:
    """The value of field ``key`` of an ``action`` in words; ``person`` names a person id."""
    if key == "redactions" and isinstance(value, list):
        return ", ".join(
            f"{i18n.category_label(r['item'], lang)} "
            f"({i18n.label(i18n.GROUND_LABELS, r['ground'], lang)})"
            for r in value
        )
    if isinstance(value, list):
        if key in PERSON_FIELDS or (key == "to" and action != "report_made"):
            return i18n.listing([person(str(v)) for v in value], lang)
        if key in CATEGORY_FIELDS:
            return ", ".join(i18n.category_label(str(v), lang) for v in value)
        return ", ".join(value_text(v, lang) for v in value)
    if key in PERSON_FIELDS or (key == "to" and action == "information_disclosed"):
        return person(str(value))
    if key == "forum":
        return i18n.label(i18n.FORUM_LABELS, str(value), lang)
    if key == "step":
        return i18n.label(i18n.STEP_LABELS, str(value), lang)
    if key == "relation":
        return i18n.label(i18n.RELATION_LABELS, str(value), lang)
    if key == "authority":
        return i18n.label(i18n.AUTHORITY_LABELS, str(value), lang)
    if key in DATE_FIELDS:
        return i18n.long_day(date.fromisoformat(str(value)[:10]), lang)
    if isinstance(value, bool) or key in ENUM_FIELDS:
        return value_text(value, lang)
    return str(value)
