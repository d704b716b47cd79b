"""People on a case: ages, parental authority and rights (docs/rules.md, docs/parent-dossier.md).

Pure functions over the ``relation_recorded`` history of a case. The history
is a sequence in log order (by ``at``, ties in recording order); recording the
same person again replaces their relation from its ``at`` on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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


ChoiceKind = Literal["refused", "refusal_withdrawn", "authorised", "authorisation_withdrawn"]


@dataclass(frozen=True, slots=True)
class PupilChoice:
    """One decision of the pupil about who receives their information.

    ``pupil_refused_parent_information`` (``refused``), ``pupil_refusal_withdrawn``,
    *v2* ``pupil_authorised_person`` (``authorised``, with its ``scope`` and
    ``until``) and ``pupil_authorisation_withdrawn``.
    """

    day: date
    kind: ChoiceKind
    persons: tuple[str, ...]
    scope: frozenset[str] = field(default_factory=lambda: frozenset({"all"}))
    until: date | None = None


@dataclass(frozen=True, slots=True)
class PupilStance:
    """What the pupil's choices amount to on one day."""

    refused: frozenset[str]
    """The current refusal targets."""
    authorised: Mapping[str, frozenset[str]]
    """Each authorised person with the scope of their authorisation (``{"all"}``: everything)."""


def pupil_stance(choices: Iterable[PupilChoice], day: date) -> PupilStance:
    """The refusal targets and authorisations in force on ``day`` (docs/parent-dossier.md).

    ``choices`` come in log order; only those dated on or before ``day``
    count. A refusal wins over an authorisation of the same person dated
    before it; an authorisation dated after a refusal ends the refusal for that
    person. Like a restriction, an authorisation holds up to the day before its ``until``
    (the end of something dated d applies to everything dated d or later).
    """
    refused: set[str] = set()
    authorised: dict[str, tuple[frozenset[str], date | None]] = {}
    for choice in choices:
        if choice.day > day:
            continue
        for person in choice.persons:
            if choice.kind == "refused":
                refused.add(person)
                authorised.pop(person, None)
            elif choice.kind == "refusal_withdrawn":
                refused.discard(person)
            elif choice.kind == "authorised":
                refused.discard(person)
                authorised[person] = (choice.scope, choice.until)
            else:
                authorised.pop(person, None)
    in_force = {
        person: scope
        for person, (scope, until) in authorised.items()
        if until is None or day < until
    }
    return PupilStance(frozenset(refused), in_force)


def right_of(
    person: str,
    history: Sequence[RelationRecorded],
    birth_date: date,
    day: date,
    refused: set[str] | frozenset[str],
    authorised: Mapping[str, frozenset[str]] | None = None,
) -> Right:
    """The right of ``person`` on ``day`` per the table of docs/parent-dossier.md.

    *v2*: a person the 16+ pupil authorised (``authorised``, see
    :func:`pupil_stance`) has the right ``full`` when their relation gives
    less; :func:`authorised_scope` then says which categories that covers.
    Restrictions (``information_restricted``) are applied afterwards by the
    caller: they remove categories, not the right itself.
    """
    by_relation = _right_by_relation(person, history, birth_date, day, refused)
    if (
        by_relation != "full"
        and authorised
        and person in authorised
        and age_on(birth_date, day) >= 16
    ):
        return "full"
    return by_relation


def authorised_scope(
    person: str,
    history: Sequence[RelationRecorded],
    birth_date: date,
    day: date,
    refused: set[str] | frozenset[str],
    authorised: Mapping[str, frozenset[str]] | None = None,
) -> frozenset[str] | None:
    """The categories a ``full`` right covers when it comes from a scoped authorisation only.

    None when the right is not limited so (a relation gives ``full``, or the
    authorisation's scope is ``["all"]``): then :func:`right_of` says it all.
    """
    if not authorised or person not in authorised:
        return None
    if _right_by_relation(person, history, birth_date, day, refused) == "full":
        return None
    if age_on(birth_date, day) < 16:
        return None
    scope = frozenset(item.strip().lower() for item in authorised[person])
    return None if "all" in scope else scope


def _right_by_relation(
    person: str,
    history: Sequence[RelationRecorded],
    birth_date: date,
    day: date,
    refused: set[str] | frozenset[str],
) -> Right:
    """The rows of section 6 above the authorisation row."""
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
