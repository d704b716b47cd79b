"""Who receives information: G10 and I377 (requests), A16, X1 and D1 (disclosures)."""

from __future__ import annotations

from datetime import date

from zatlog.actions import (
    InformationDisclosed,
    InformationRequested,
    InformationRequestRefused,
    ParentsInformed,
    ParentsInvited,
)
from zatlog.policy import Policy
from zatlog.projections.audit import catalog
from zatlog.projections.audit.model import Finding, make_finding
from zatlog.projections.facts import Answer, CaseFacts, Ev, disclosed_by
from zatlog.records import LoggedAction

DISCLOSING_TOPICS = frozenset({"outcome", "plan", "report"})
"""``parents_informed`` topics that D1 treats as giving information away."""

ACCEPTED_377_GROUNDS = frozenset({"child_interest", "not_same_as_custodian"})


def check(facts: CaseFacts, policy: Policy, as_of: date) -> list[Finding]:
    findings: list[Finding] = []
    for request in facts.requests:
        if request.act.kind == "important_facts":
            findings += _i377(facts, request, policy, as_of)
        else:
            findings += _g10(facts, request, as_of)
    recipients: list[Ev[ParentsInformed] | Ev[InformationDisclosed] | Ev[ParentsInvited]] = [
        *facts.informed,
        *facts.disclosures,
    ]
    if policy.pupil16_refusal_blocks_invites:
        recipients += facts.invited
    if facts.refusals:
        for event in recipients:
            findings += _a16(facts, event)
    disclosing: list[Ev[ParentsInformed] | Ev[InformationDisclosed]] = [
        *facts.informed,
        *facts.disclosures,
    ]
    for disclosure in disclosing:
        if facts.restrictions:
            findings += _x1(facts, disclosure)
        findings += _d1(facts, disclosure)
    return findings


def _g10(facts: CaseFacts, request: Ev[InformationRequested], as_of: date) -> list[Finding]:
    day, act = request.day, request.act
    if not facts.has_term(request):
        return []
    deadline, extension = facts.request_deadline(request)
    answers = facts.answers_to(request)
    asked = catalog.text(
        "request",
        who=facts.who(act.requester, day),
        when=day,
        kind=catalog.text("G10.inspection" if act.kind == "inspection" else "G10.copy"),
    )
    context = [] if extension is None else [extension.log]
    findings: list[Finding] = []

    def add(evidence: list[LoggedAction], message: catalog.Text) -> None:
        findings.append(
            make_finding(
                "G10", "major", facts.case, request.log, evidence, message, (act.requester,)
            )
        )

    if not answers and as_of > deadline:
        add(context, catalog.text("G10.unanswered", request=asked, due=deadline))
    elif answers and answers[0].day > deadline:
        add(
            [*context, answers[0].log],
            catalog.text("G10.late", request=asked, late=answers[0].day, due=deadline),
        )
    refusals = [a for a in answers if isinstance(a.act, InformationRequestRefused)]
    if refusals:
        add([r.log for r in refusals], catalog.text("G10.refused", request=asked))
    return findings


def _i377(
    facts: CaseFacts, request: Ev[InformationRequested], policy: Policy, as_of: date
) -> list[Finding]:
    day, act = request.day, request.act
    if not facts.has_term(request):
        return []
    deadline, _ = facts.request_deadline(request)
    answers = facts.answers_to(request)
    asked = catalog.text(
        "request",
        who=catalog.text("I377.who", person=facts.who(act.requester, day)),
        when=day,
        kind=catalog.text("I377.kind"),
    )
    findings: list[Finding] = []

    def add(evidence: list[Ev[Answer]], message: catalog.Text) -> None:
        findings.append(
            make_finding(
                "I377",
                "major",
                facts.case,
                request.log,
                [e.log for e in evidence],
                message,
                (act.requester,),
            )
        )

    if not answers and as_of > deadline:
        add([], catalog.text("I377.unanswered", request=asked, due=deadline))
    elif answers and answers[0].day > deadline:
        add(
            answers[:1],
            catalog.text("I377.late", request=asked, late=answers[0].day, due=deadline),
        )
    refusals = [(a, a.act) for a in answers if isinstance(a.act, InformationRequestRefused)]
    bad_ground = [(r, act) for r, act in refusals if act.ground not in ACCEPTED_377_GROUNDS]
    if bad_ground:
        grounds = tuple(sorted({act.ground for _, act in bad_ground}))
        add([r for r, _ in bad_ground], catalog.text("I377.ground", request=asked, grounds=grounds))
    unmotivated = [r for r, act in refusals if not act.motivation.strip()]
    if unmotivated:
        add(unmotivated, catalog.text("I377.unmotivated", request=asked))
    return findings


def _recipients(
    event: Ev[ParentsInformed] | Ev[InformationDisclosed] | Ev[ParentsInvited],
) -> list[str]:
    to = event.act.to
    return [to] if isinstance(to, str) else list(dict.fromkeys(to))


def _what(
    event: Ev[ParentsInformed] | Ev[InformationDisclosed] | Ev[ParentsInvited],
) -> catalog.Text:
    """How a message names the event: ``de brief van 2025-10-01``."""
    when = event.day
    if isinstance(event.act, ParentsInvited):
        return catalog.text("what.invitation", when=when)
    if isinstance(event.act, ParentsInformed):
        channel = catalog.Label("channel", event.act.channel)
        return catalog.text("what.informed", channel=channel, when=when)
    return catalog.text("what.disclosure", when=when)


def _a16(
    facts: CaseFacts, event: Ev[ParentsInformed] | Ev[InformationDisclosed] | Ev[ParentsInvited]
) -> list[Finding]:
    """*v2*: a refusal is in force from its day on (the times decide within one day)."""
    refused = facts.refusal_targets_at(event.log)
    findings: list[Finding] = []
    what = _what(event)
    for person in _recipients(event):
        if person not in refused:
            continue
        findings.append(
            make_finding(
                "A16",
                "critical",
                facts.case,
                event.log,
                facts.refusal_evidence(event.day, person),
                catalog.text("A16", what=what, who=facts.who(person, event.day)),
                (person,),
            )
        )
    return findings


def _x1(facts: CaseFacts, event: Ev[ParentsInformed] | Ev[InformationDisclosed]) -> list[Finding]:
    """*v2*: a restriction is in force from its day (the times decide within one day) up to the
    day before its ``until``."""
    day = event.day
    disclosed = disclosed_by(event.act)
    findings: list[Finding] = []
    for person in _recipients(event):
        breached = []
        categories: set[str] = set()
        for restriction in facts.restrictions_for(person, event.log):
            overlap = disclosed.overlap(restriction.act.scope)
            if overlap:
                breached.append(restriction)
                categories.update(overlap)
        if not breached:
            continue
        items = sorted(categories)
        listed: catalog.Fact = (
            catalog.text("X1.all") if items == ["all"] else catalog.categories(items)
        )
        findings.append(
            make_finding(
                "X1",
                "critical",
                facts.case,
                event.log,
                [b.log for b in breached],
                catalog.text("X1", what=_what(event), who=facts.who(person, day), items=listed),
                (person,),
            )
        )
    return findings


def _d1(facts: CaseFacts, event: Ev[ParentsInformed] | Ev[InformationDisclosed]) -> list[Finding]:
    """*v2*: the right includes the pupil's authorisations (section 6)."""
    day, act = event.day, event.act
    if isinstance(act, ParentsInformed) and DISCLOSING_TOPICS.isdisjoint(act.topics):
        return []
    dossier = isinstance(act, InformationDisclosed) and disclosed_by(act).everything
    findings: list[Finding] = []
    for person in _recipients(event):
        right = facts.right(person, day)
        if right == "full" or (right == "important_facts" and not dossier):
            continue
        key = "D1.none" if right == "none" else "D1.dossier"
        message = catalog.text(key, what=_what(event), who=facts.who(person, day))
        evidence = [
            *facts.relation_evidence(day, [person]),
            *facts.refusal_evidence(day, person),
            *facts.authorisation_evidence(day, person),
        ]
        if facts.opened is not None and facts.age(day) >= 16:
            evidence.append(facts.opened.log)
        findings.append(
            make_finding("D1", "critical", facts.case, event.log, evidence, message, (person,))
        )
    return findings
