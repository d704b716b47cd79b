"""*v2* H1: extra help is arranged only once the parents (or the older pupil) know of it.

The handreiking (§1) has parents consent to "het inzetten van extra hulp";
the complaint ruling LKC 104798 was about help started before the parents
heard of it.
"""

from __future__ import annotations

from datetime import date

from zatlog.actions import SupportArranged
from zatlog.people import PUPIL
from zatlog.policy import Policy
from zatlog.projections.audit import catalog
from zatlog.projections.audit.model import Finding, make_finding
from zatlog.projections.facts import CaseFacts, Ev
from zatlog.records import LoggedAction

KNOWING_TOPICS = ("support", "plan", "outcome")
"""``parents_informed`` topics that show the help was known."""


def check(facts: CaseFacts, policy: Policy, as_of: date) -> list[Finding]:
    return [f for arranged in facts.arrangements for f in _h1(facts, arranged)]


def known_by(facts: CaseFacts, arranged: Ev[SupportArranged]) -> LoggedAction | None:
    """The first event showing that someone who must know knew of the help by its day."""
    day = arranged.day
    knowers = facts.knowers(day)
    shown: list[LoggedAction] = []
    for person in knowers:
        for topic in KNOWING_TOPICS:
            shown += [i.log for i in facts.informs(person, topic=topic, until=day)[:1]]
    for discussion in facts.discussions:
        if discussion.day > day:
            break
        act = discussion.act
        holder_present = act.parents_present and any(p != PUPIL for p in knowers)
        pupil_present = act.pupil_present and PUPIL in knowers
        if act.identified and (holder_present or pupil_present):
            shown.append(discussion.log)
            break
    for plan in facts.plans:
        if plan.day > day:
            break
        if plan.act.parents_agreed:
            shown.append(plan.log)
            break
    return min(shown, key=lambda e: e.sort_key, default=None)


def _h1(facts: CaseFacts, arranged: Ev[SupportArranged]) -> list[Finding]:
    if known_by(facts, arranged) is not None:
        return []
    day = arranged.day
    knowers = facts.knowers(day)
    age = facts.age(day)
    whom = "H1.whom_18" if age >= 18 else "H1.whom_16" if age >= 16 else "H1.whom"
    later = [
        i
        for person in knowers
        for topic in KNOWING_TOPICS
        for i in facts.informs(person, topic=topic, after=day)[:1]
    ]
    first = min(later, key=lambda i: i.log.sort_key, default=None)
    note = None
    if first is not None:
        told = next(p for p in first.act.to if p in knowers)
        note = catalog.text("H1.late", who=facts.who(told, first.day), late=first.day)
    message = catalog.text("H1", when=day, whom=catalog.text(whom), note=note)
    evidence = [*facts.relation_evidence(day, knowers), *([] if first is None else [first.log])]
    return [make_finding("H1", "major", facts.case, arranged.log, evidence, message, knowers)]
