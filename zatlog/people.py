"""People on a case: ages, parental authority and rights (docs/rules.md, docs/parent-dossier.md).

Pure functions over the ``relation_recorded`` history of a case. The history
is a sequence in log order (by ``at``, ties in recording order); recording the
same person again replaces their relation from its ``at`` on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal

from zatlog.actions import RelationRecorded

Right = Literal["full", "important_facts", "none"]

PUPIL = "pupil"
"""The pupil is always the person id ``"pupil"``."""


def age_on(birth_date: date, day: date) -> int:
    """Whole years since ``birth_date`` on ``day``."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def relations_on(history: Sequence[RelationRecorded], day: date) -> dict[str, RelationRecorded]:
    """Each person's current relation on ``day`` (the latest recorded on or before it)."""
    current: dict[str, RelationRecorded] = {}
    for relation in history:
        if relation.day <= day:
            current[relation.person] = relation
    return current


def holds_authority(relation: RelationRecorded) -> bool:
    """Authority as recorded, before the pupil's age is taken into account."""
    return relation.authority in ("joint", "sole") or relation.relation == "guardian"


def authority_holders(
    history: Sequence[RelationRecorded], birth_date: date, day: date
) -> list[str]:
    """Persons holding authority on ``day`` (docs/rules.md).

    Once the pupil is 18 nobody holds parental authority and the
    ``legal_representative``s (curator, mentor) take their place. Sorted, so
    that output does not depend on recording order.
    """
    if age_on(birth_date, day) >= 18:
        return legal_representatives(history, day)
    return sorted(p for p, r in relations_on(history, day).items() if holds_authority(r))


def legal_representatives(history: Sequence[RelationRecorded], day: date) -> list[str]:
    return sorted(
        p for p, r in relations_on(history, day).items() if r.relation == "legal_representative"
    )


def refusal_targets(refusals: Iterable[tuple[date, bool, Sequence[str]]], day: date) -> set[str]:
    """Current targets of the pupil's refusal on ``day``.

    ``refusals`` are ``(day, is_refusal, targets)`` in log order: a
    ``pupil_refused_parent_information`` adds its targets, a later
    ``pupil_refusal_withdrawn`` removes them.
    """
    targets: set[str] = set()
    for when, is_refusal, persons in refusals:
        if when > day:
            continue
        if is_refusal:
            targets.update(persons)
        else:
            targets.difference_update(persons)
    return targets


def right_of(
    person: str,
    history: Sequence[RelationRecorded],
    birth_date: date,
    day: date,
    refused: set[str],
) -> Right:
    """The right of ``person`` on ``day`` per the table of docs/parent-dossier.md.

    Restrictions (``information_restricted``) are applied afterwards by the
    caller: they remove categories, not the right itself.
    """
    age = age_on(birth_date, day)
    if person == PUPIL:
        return "important_facts" if age < 16 else "full"
    relation = relations_on(history, day).get(person)
    if relation is None:
        return "none"
    if age >= 18:
        return "full" if relation.relation == "legal_representative" else "none"
    targeted = age >= 16 and person in refused
    if holds_authority(relation):
        return "none" if targeted else "full"
    kind = relation.relation
    if kind == "parent":
        return "none" if targeted else "important_facts"
    if kind == "youth_protection_worker":
        return "important_facts"
    if kind == "foster_parent":
        return "none" if targeted else "important_facts"
    return "none"


def required_signers(
    history: Sequence[RelationRecorded],
    birth_date: date,
    day: date,
    *,
    pupil_capable: bool,
    double_consent_12_15: bool,
) -> list[tuple[str, ...]]:
    """Who must sign consent for a discussion on ``day`` (docs/rules.md).

    Each item is one requirement, met when any one person in it signs: a
    single person, except for an adult pupil under curatele or mentorschap,
    where one of the legal representatives signs instead of the pupil.
    """
    age = age_on(birth_date, day)
    holders: list[tuple[str, ...]] = [(p,) for p in authority_holders(history, birth_date, day)]
    if age < 12:
        return holders
    if age < 16:
        if double_consent_12_15 and pupil_capable:
            return [*holders, (PUPIL,)]
        return holders
    if age < 18:
        return [(PUPIL,)] if pupil_capable else holders
    representatives = legal_representatives(history, day)
    return [tuple(representatives)] if representatives else [(PUPIL,)]
