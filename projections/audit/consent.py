"""The lawful basis of a discussion: G3, G4, G5, G6 and G7 (guidelines 3–7)."""

from __future__ import annotations

from datetime import date

from zatlog.actions import (
    WRITTEN_CHANNELS,
    ConsentFormIssued,
    ConsentGiven,
    ConsentRefused,
    DiscussionHeld,
    NoObjectionNoticeSent,
    ObjectionReceived,
)
from zatlog.policy import Policy
from zatlog.projections.audit import catalog
from zatlog.projections.audit.model import Finding, Severity, make_finding
from zatlog.projections.facts import (
    IDENTIFYING_ITEMS,
    OUTSIDE_INFORMATION,
    CaseFacts,
    Decision,
    Ev,
    norm,
)
from zatlog.records import LoggedAction


def check(facts: CaseFacts, policy: Policy, as_of: date) -> list[Finding]:
    findings: list[Finding] = []
    for discussion in facts.discussions:
        basis = discussion.act.basis
        form = notice = None
        if basis == "consent" and discussion.act.consent is not None:
            form = facts.form_for(discussion.act.consent, discussion.day)
        if basis == "no_objection" and discussion.act.notice is not None:
            notice = facts.notice_for(discussion.act.notice, discussion.day)
        findings += _g3(facts, discussion, form)
        findings += _g4(facts, discussion, form)
        findings += _g5(facts, discussion, form, notice)
        if basis == "no_objection":
            findings += _g6(facts, discussion, notice, policy)
        findings += _g7(facts, discussion, form)
    return findings


def _title(discussion: Ev[DiscussionHeld]) -> catalog.Text:
    return catalog.discussion(discussion.act.forum, discussion.day)


def _finding(
    rule: str,
    severity: Severity,
    facts: CaseFacts,
    discussion: Ev[DiscussionHeld],
    evidence: list[LoggedAction],
    message: catalog.Text,
    persons: tuple[str, ...] = (),
) -> Finding:
    return make_finding(rule, severity, facts.case, discussion.log, evidence, message, persons)


def _beyond(items: list[str], allowed: set[str] | frozenset[str]) -> list[str]:
    """Items (first spelling, in order) not among ``allowed``, compared normalized."""
    seen: set[str] = set()
    beyond: list[str] = []
    for item in items:
        key = norm(item)
        if key not in allowed and key not in seen:
            seen.add(key)
            beyond.append(item)
    return beyond


def _g3(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], form: Ev[ConsentFormIssued] | None
) -> list[Finding]:
    act = discussion.act
    title = _title(discussion)
    if act.basis == "consent" and form is not None:
        extra = _beyond(act.data_shared, {norm(c) for c in form.act.data_categories})
        if extra:
            message = catalog.text(
                "G3.form", title=title, form=form.act.consent, items=catalog.categories(extra)
            )
            return [_finding("G3", "critical", facts, discussion, [form.log], message)]
    if act.basis == "no_objection":
        extra = _beyond(act.data_shared, OUTSIDE_INFORMATION)
        if extra:
            message = catalog.text("G3.no_objection", title=title, items=catalog.categories(extra))
            return [_finding("G3", "critical", facts, discussion, [], message)]
    return []


def _g4(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], form: Ev[ConsentFormIssued] | None
) -> list[Finding]:
    act = discussion.act
    if not act.identified:
        return []
    title = _title(discussion)
    if act.level == "full" and act.basis not in ("consent", "safety_override"):
        basis = catalog.Label("basis", act.basis)
        message = catalog.text("G4.full", title=title, basis=basis)
        return [_finding("G4", "critical", facts, discussion, [], message)]
    if act.level == "outside_info" and act.basis == "none":
        message = catalog.text("G4.outside_none", title=title)
        return [_finding("G4", "critical", facts, discussion, [], message)]
    if act.basis != "consent":
        return []
    return _g4_consent(facts, discussion, form)


def _g4_consent(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], form: Ev[ConsentFormIssued] | None
) -> list[Finding]:
    day, act = discussion.day, discussion.act
    title = _title(discussion)
    form_id = act.consent or ""
    if form is None or form.day > day:
        message = catalog.text("G4.not_issued", title=title, form=form_id)
        evidence = [] if form is None else [form.log]
        return [_finding("G4", "critical", facts, discussion, evidence, message)]
    findings: list[Finding] = []
    if form.act.forum != act.forum:
        forum = catalog.Label("for_forum", form.act.forum)
        message = catalog.text("G4.forum", form=form_id, forum=forum, title=title)
        findings.append(_finding("G4", "critical", facts, discussion, [form.log], message))
    until = form.act.valid_until
    if until is not None and until < day:
        message = catalog.text("G4.expired", form=form_id, until=until, title=title)
        signers = tuple(p for requirement in facts.required_signers(day) for p in requirement)
        findings.append(_finding("G4", "critical", facts, discussion, [form.log], message, signers))
    for requirement in facts.required_signers(day):
        findings += _signature(facts, discussion, form, requirement)
    if act.level == "outside_info" and any(f.severity == "critical" for f in findings):
        # *v2*: a consent that is not valid at all is the finding; that some signer's
        # part of it was only verbal adds nothing
        findings = [f for f in findings if f.severity == "critical"]
    return findings


def _signature(
    facts: CaseFacts,
    discussion: Ev[DiscussionHeld],
    form: Ev[ConsentFormIssued],
    requirement: tuple[str, ...],
) -> list[Finding]:
    """G4 for one required signer (or one group, of which any one member may sign)."""
    day, form_id = discussion.day, form.act.consent
    title = _title(discussion)
    standing = facts.signers(form_id, requirement, day)
    if standing.met:
        return []
    evidence: list[LoggedAction] = [form.log, *standing.evidence]
    negative = standing.negative
    who = tuple(facts.who(p, day) for p in requirement)
    verbal = [
        e
        for e in (facts.latest_on_form(form_id, p, day) for p in requirement)
        if e is not None and isinstance(e.act, ConsentGiven)
    ]
    if negative is None and verbal and discussion.act.level == "outside_info":
        # *v2*: a lawful but unsigned consent to the outside information
        message = catalog.text(
            "G4.verbal_outside",
            title=title,
            who=facts.who(verbal[0].act.signer, day),
            form=form_id,
        )
        return [_finding("G4", "major", facts, discussion, evidence, message, requirement)]
    if negative is not None:
        key = "G4.refused" if isinstance(negative.act, ConsentRefused) else "G4.withdrawn"
        message = catalog.text(key, title=title, who=who, form=form_id, when=negative.day)
    else:
        key = "G4.unsigned_group" if len(requirement) > 1 else "G4.unsigned"
        message = catalog.text(key, title=title, who=who, form=form_id)
    return [_finding("G4", "critical", facts, discussion, evidence, message, requirement)]


def _g5(
    facts: CaseFacts,
    discussion: Ev[DiscussionHeld],
    form: Ev[ConsentFormIssued] | None,
    notice: Ev[NoObjectionNoticeSent] | None,
) -> list[Finding]:
    act = discussion.act
    source: LoggedAction
    if act.basis == "consent" and form is not None:
        listed, source = form.act.participants, form.log
        document = catalog.text("G5.form", form=form.act.consent)
    elif act.basis == "no_objection" and notice is not None and notice.act.participants is not None:
        listed, source = notice.act.participants, notice.log
        document = catalog.text("G5.notice", notice=notice.act.notice)
    else:
        return []
    allowed = {norm(p) for p in listed} | facts.case_persons
    title = _title(discussion)
    return [
        _finding(
            "G5",
            "critical",
            facts,
            discussion,
            [source],
            catalog.text("G5", title=title, attendee=attendee, document=document),
            (norm(attendee),),
        )
        for attendee in _beyond(act.attendees, allowed)
    ]


def _g6(
    facts: CaseFacts,
    discussion: Ev[DiscussionHeld],
    notice: Ev[NoObjectionNoticeSent] | None,
    policy: Policy,
) -> list[Finding]:
    day, act = discussion.day, discussion.act
    title = _title(discussion)
    findings: list[Finding] = []
    sent_evidence = [] if notice is None else [notice.log]
    if act.level == "full":
        message = catalog.text("G6.full", title=title)
        findings.append(_finding("G6", "critical", facts, discussion, sent_evidence, message))
    if notice is None or notice.day > day:
        key = "G6.no_notice" if notice is None else "G6.notice_after"
        message = catalog.text(key, title=title)
        findings.append(_finding("G6", "critical", facts, discussion, sent_evidence, message))
        return findings
    n = notice.act
    if n.channel not in WRITTEN_CHANNELS:
        message = catalog.text(
            "G6.not_written",
            notice=n.notice,
            sent=notice.day,
            title=title,
            channel=catalog.Label("channel_noun", n.channel),
        )
        findings.append(_finding("G6", "critical", facts, discussion, [notice.log], message))
    for person in facts.authority_holders(day):
        if person in n.to:
            continue
        message = catalog.text(
            "G6.not_sent", notice=n.notice, title=title, who=facts.who(person, day)
        )
        evidence = [notice.log, *facts.relation_evidence(day, [person])]
        findings.append(_finding("G6", "critical", facts, discussion, evidence, message, (person,)))
    findings += _objections(facts, discussion, notice)
    findings += _objection_term(facts, discussion, notice, policy)
    return findings


def _objections(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], notice: Ev[NoObjectionNoticeSent]
) -> list[Finding]:
    day, notice_id = discussion.day, notice.act.notice
    title = _title(discussion)
    by_person: dict[str, list[Ev[ObjectionReceived]]] = {}
    for objection in facts.objections:
        if objection.day > day:
            break
        if objection.act.notice == notice_id:
            by_person.setdefault(objection.act.person, []).append(objection)
    findings: list[Finding] = []
    for person, objections in sorted(by_person.items()):
        message = catalog.text(
            "G6.objected", title=title, who=facts.who(person, day), when=objections[0].day
        )
        evidence = [notice.log, *(o.log for o in objections)]
        findings.append(_finding("G6", "critical", facts, discussion, evidence, message, (person,)))
    return findings


def _objection_term(
    facts: CaseFacts,
    discussion: Ev[DiscussionHeld],
    notice: Ev[NoObjectionNoticeSent],
    policy: Policy,
) -> list[Finding]:
    day, n = discussion.day, notice.act
    deadline = n.objection_deadline
    findings: list[Finding] = []
    if day <= deadline:
        message = catalog.text(
            "G6.in_term", title=_title(discussion), notice=n.notice, deadline=deadline
        )
        findings.append(_finding("G6", "major", facts, discussion, [notice.log], message))
    term = (deadline - notice.day).days
    if term < policy.objection_min_days:
        message = catalog.text(
            "G6.short_term", notice=n.notice, term=term, days=policy.objection_min_days
        )
        findings.append(_finding("G6", "major", facts, discussion, [notice.log], message))
    return findings


def _g7(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], form: Ev[ConsentFormIssued] | None
) -> list[Finding]:
    day, act = discussion.day, discussion.act
    if act.level == "anonymous":
        leaked = [i for i in act.data_shared if norm(i) in IDENTIFYING_ITEMS]
        if not leaked:
            return []
        message = catalog.text(
            "G7.anonymous", title=_title(discussion), items=catalog.categories(leaked)
        )
        return [_finding("G7", "critical", facts, discussion, [], message)]
    if act.basis == "safety_override":
        return []
    findings: list[Finding] = []
    persons = sorted({p for requirement in facts.required_signers(day) for p in requirement})
    for person in persons:
        latest: Ev[Decision] | Ev[ObjectionReceived] | None
        if act.basis == "consent" and act.consent is not None:
            latest = facts.latest_on_form(act.consent, person, day)
        else:
            latest = facts.latest_on_forum(act.forum, person, day)
        if latest is None or isinstance(latest.act, ConsentGiven):
            continue
        if isinstance(latest.act, ObjectionReceived):
            what = "G7.objected"
        elif isinstance(latest.act, ConsentRefused):
            what = "G7.refused"
        else:
            what = "G7.withdrawn"
        message = catalog.text(
            "G7",
            day=day,
            forum=catalog.Label("in_forum", act.forum),
            who=facts.who(person, day),
            when=latest.day,
            what=catalog.text(what),
        )
        evidence = [latest.log] + ([form.log] if form is not None else [])
        findings.append(_finding("G7", "critical", facts, discussion, evidence, message, (person,)))
    return findings
