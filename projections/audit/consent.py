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


def _title(discussion: Ev[DiscussionHeld]) -> tuple[str, str]:
    forum, when = catalog.forum(discussion.act.forum), catalog.day(discussion.day)
    return f"de {forum}-bespreking op {when}", f"the {forum} discussion on {when}"


def _finding(
    rule: str,
    severity: Severity,
    facts: CaseFacts,
    discussion: Ev[DiscussionHeld],
    evidence: list[LoggedAction],
    nl: str,
    en: str,
    persons: tuple[str, ...] = (),
) -> Finding:
    return make_finding(rule, severity, facts.case, discussion.log, evidence, nl, en, persons)


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
    nl_title, en_title = _title(discussion)
    if act.basis == "consent" and form is not None:
        extra = _beyond(act.data_shared, {norm(c) for c in form.act.data_categories})
        if extra:
            return [
                _finding(
                    "G3",
                    "critical",
                    facts,
                    discussion,
                    [form.log],
                    f"Bij {nl_title} zijn gegevens gedeeld die niet op toestemmingsformulier "
                    f"{form.act.consent} staan: {catalog.categories(extra, 'nl')}.",
                    f"At {en_title}, data not named on consent form {form.act.consent} was "
                    f"shared: {catalog.categories(extra, 'en')}.",
                )
            ]
    if act.basis == "no_objection":
        extra = _beyond(act.data_shared, OUTSIDE_INFORMATION)
        if extra:
            return [
                _finding(
                    "G3",
                    "critical",
                    facts,
                    discussion,
                    [],
                    f"Bij {nl_title}, zonder toestemming (geen bezwaar), is meer gedeeld dan de "
                    f"buitenkant-informatie: {catalog.categories(extra, 'nl')}.",
                    f"At {en_title}, held without consent (no objection), more than the outside "
                    f"information was shared: {catalog.categories(extra, 'en')}.",
                )
            ]
    return []


def _g4(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], form: Ev[ConsentFormIssued] | None
) -> list[Finding]:
    act = discussion.act
    if not act.identified:
        return []
    nl_title, en_title = _title(discussion)
    if act.level == "full" and act.basis not in ("consent", "safety_override"):
        return [
            _finding(
                "G4",
                "critical",
                facts,
                discussion,
                [],
                f"{catalog.cap(nl_title)} was een volledige bespreking zonder ondubbelzinnige "
                f"toestemming (grondslag: {catalog.word(catalog.BASES, act.basis, 'nl')}).",
                f"{catalog.cap(en_title)} was a full discussion without unambiguous consent "
                f"(basis: {catalog.word(catalog.BASES, act.basis, 'en')}).",
            )
        ]
    if act.level == "outside_info" and act.basis == "none":
        return [
            _finding(
                "G4",
                "critical",
                facts,
                discussion,
                [],
                f"Bij {nl_title} is buitenkant-informatie gedeeld zonder toestemming en zonder "
                "geen-bezwaarprocedure.",
                f"At {en_title}, outside information was shared without consent and without a "
                "no-objection notice.",
            )
        ]
    if act.basis != "consent":
        return []
    return _g4_consent(facts, discussion, form)


def _g4_consent(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], form: Ev[ConsentFormIssued] | None
) -> list[Finding]:
    day, act = discussion.day, discussion.act
    nl_title, en_title = _title(discussion)
    form_id = act.consent or ""
    if form is None or form.day > day:
        return [
            _finding(
                "G4",
                "critical",
                facts,
                discussion,
                [] if form is None else [form.log],
                f"Voor {nl_title} was toestemmingsformulier {form_id} nog niet uitgereikt.",
                f"Consent form {form_id} had not been issued before {en_title}.",
            )
        ]
    findings: list[Finding] = []
    if form.act.forum != act.forum:
        findings.append(
            _finding(
                "G4",
                "critical",
                facts,
                discussion,
                [form.log],
                f"Toestemmingsformulier {form_id} geldt "
                f"{catalog.in_forum(form.act.forum, 'nl', nl='voor')}, niet voor {nl_title}.",
                f"Consent form {form_id} is for the {catalog.forum(form.act.forum)}, not for "
                f"{en_title}.",
            )
        )
    until = form.act.valid_until
    if until is not None and until < day:
        findings.append(
            _finding(
                "G4",
                "critical",
                facts,
                discussion,
                [form.log],
                f"Toestemmingsformulier {form_id} was geldig tot {catalog.day(until)}, vóór "
                f"{nl_title}.",
                f"Consent form {form_id} was valid until {catalog.day(until)}, before {en_title}.",
                tuple(p for requirement in facts.required_signers(day) for p in requirement),
            )
        )
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
    nl_title, en_title = _title(discussion)
    standing = facts.signers(form_id, requirement, day)
    if standing.met:
        return []
    evidence: list[LoggedAction] = [form.log, *standing.evidence]
    negative = standing.negative
    names = [facts.who(p, day) for p in requirement]
    nl_who = catalog.listing([n[0] for n in names], "nl")
    en_who = catalog.listing([n[1] for n in names], "en")
    verbal = [
        e
        for e in (facts.latest_on_form(form_id, p, day) for p in requirement)
        if e is not None and isinstance(e.act, ConsentGiven)
    ]
    if negative is None and verbal and discussion.act.level == "outside_info":
        # *v2*: a lawful but unsigned consent to the outside information
        nl, en = catalog.message(
            "G4.verbal_outside",
            title=(nl_title, en_title),
            who=facts.who(verbal[0].act.signer, day),
            form=form_id,
        )
        return [_finding("G4", "major", facts, discussion, evidence, nl, en, requirement)]
    if negative is not None:
        nl_verb = "geweigerd" if isinstance(negative.act, ConsentRefused) else "ingetrokken"
        en_verb = "refused" if isinstance(negative.act, ConsentRefused) else "withdrew"
        when = catalog.day(negative.day)
        nl = (
            f"{catalog.cap(nl_title)} ging door terwijl {nl_who} de toestemming op formulier "
            f"{form_id} op {when} had {nl_verb}."
        )
        en = (
            f"{catalog.cap(en_title)} went ahead although {en_who} {en_verb} consent on form "
            f"{form_id} on {when}."
        )
    else:
        group = len(requirement) > 1
        nl_who = f"geen van {nl_who}" if group else nl_who
        en_who = f"none of {en_who} had" if group else f"{en_who} had not"
        nl = (
            f"Vóór {nl_title} had {nl_who} toestemmingsformulier {form_id} "
            f"{'' if group else 'niet '}(elektronisch) ondertekend."
        )
        en = (
            f"Before {en_title}, {en_who} signed consent form {form_id} (on paper or "
            "electronically)."
        )
    return [_finding("G4", "critical", facts, discussion, evidence, nl, en, requirement)]


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
        nl_doc, en_doc = (
            f"toestemmingsformulier {form.act.consent}",
            f"consent form {form.act.consent}",
        )
    elif act.basis == "no_objection" and notice is not None and notice.act.participants is not None:
        listed, source = notice.act.participants, notice.log
        nl_doc, en_doc = (
            f"geen-bezwaarbericht {notice.act.notice}",
            f"no-objection notice {notice.act.notice}",
        )
    else:
        return []
    allowed = {norm(p) for p in listed} | facts.case_persons
    nl_title, en_title = _title(discussion)
    return [
        _finding(
            "G5",
            "critical",
            facts,
            discussion,
            [source],
            f"Aan {nl_title} nam {attendee} deel, die niet op {nl_doc} staat.",
            f"At {en_title}, {attendee} took part but is not named on {en_doc}.",
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
    nl_title, en_title = _title(discussion)
    findings: list[Finding] = []
    if act.level == "full":
        findings.append(
            _finding(
                "G6",
                "critical",
                facts,
                discussion,
                [] if notice is None else [notice.log],
                f"{catalog.cap(nl_title)} was een volledige bespreking op basis van geen "
                "bezwaar; zonder toestemming mag alleen buitenkant-informatie gedeeld worden.",
                f"{catalog.cap(en_title)} was a full discussion on a no-objection basis; "
                "without consent only outside information may be shared.",
            )
        )
    if notice is None or notice.day > day:
        nl_what = "geen geen-bezwaarbericht" if notice is None else "het bericht pas daarna"
        en_what = "no no-objection notice" if notice is None else "the notice only afterwards"
        findings.append(
            _finding(
                "G6",
                "critical",
                facts,
                discussion,
                [] if notice is None else [notice.log],
                f"Voor {nl_title} op basis van geen bezwaar kregen de ouders {nl_what}.",
                f"For {en_title}, held on a no-objection basis, the parents got {en_what}.",
            )
        )
        return findings
    n = notice.act
    sent = catalog.day(notice.day)
    if n.channel not in WRITTEN_CHANNELS:
        findings.append(
            _finding(
                "G6",
                "critical",
                facts,
                discussion,
                [notice.log],
                f"Het geen-bezwaarbericht {n.notice} van {sent} voor {nl_title} was niet "
                f"schriftelijk ({catalog.word(catalog.CHANNEL_NOUNS, n.channel, 'nl')}).",
                f"The no-objection notice {n.notice} of {sent} for {en_title} was not in writing "
                f"({catalog.word(catalog.CHANNEL_NOUNS, n.channel, 'en')}).",
            )
        )
    for person in facts.authority_holders(day):
        if person in n.to:
            continue
        nl_who, en_who = facts.who(person, day)
        findings.append(
            _finding(
                "G6",
                "critical",
                facts,
                discussion,
                [notice.log, *facts.relation_evidence(day, [person])],
                f"Het geen-bezwaarbericht {n.notice} voor {nl_title} is niet naar {nl_who} "
                "gestuurd.",
                f"The no-objection notice {n.notice} for {en_title} was not sent to {en_who}.",
                (person,),
            )
        )
    findings += _objections(facts, discussion, notice)
    findings += _objection_term(facts, discussion, notice, policy)
    return findings


def _objections(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], notice: Ev[NoObjectionNoticeSent]
) -> list[Finding]:
    day, notice_id = discussion.day, notice.act.notice
    nl_title, en_title = _title(discussion)
    by_person: dict[str, list[Ev[ObjectionReceived]]] = {}
    for objection in facts.objections:
        if objection.day > day:
            break
        if objection.act.notice == notice_id:
            by_person.setdefault(objection.act.person, []).append(objection)
    findings: list[Finding] = []
    for person, objections in sorted(by_person.items()):
        nl_who, en_who = facts.who(person, day)
        when = catalog.day(objections[0].day)
        findings.append(
            _finding(
                "G6",
                "critical",
                facts,
                discussion,
                [notice.log, *(o.log for o in objections)],
                f"{catalog.cap(nl_title)} ging door terwijl {nl_who} op {when} bezwaar had "
                "gemaakt.",
                f"{catalog.cap(en_title)} went ahead although {en_who} objected on {when}.",
                (person,),
            )
        )
    return findings


def _objection_term(
    facts: CaseFacts,
    discussion: Ev[DiscussionHeld],
    notice: Ev[NoObjectionNoticeSent],
    policy: Policy,
) -> list[Finding]:
    day, n = discussion.day, notice.act
    deadline = n.objection_deadline
    nl_title, en_title = _title(discussion)
    findings: list[Finding] = []
    if day <= deadline:
        findings.append(
            _finding(
                "G6",
                "major",
                facts,
                discussion,
                [notice.log],
                f"{catalog.cap(nl_title)} vond plaats vóór het einde van de bezwaartermijn van "
                f"geen-bezwaarbericht {n.notice} (tot en met {catalog.day(deadline)}).",
                f"{catalog.cap(en_title)} took place before the objection period of no-objection "
                f"notice {n.notice} had ended (it ran until {catalog.day(deadline)}).",
            )
        )
    term = (deadline - notice.day).days
    if term < policy.objection_min_days:
        findings.append(
            _finding(
                "G6",
                "major",
                facts,
                discussion,
                [notice.log],
                f"Geen-bezwaarbericht {n.notice} gaf de ouders {term} dagen om bezwaar te maken, "
                f"minder dan de {policy.objection_min_days} dagen van het beleid.",
                f"No-objection notice {n.notice} gave the parents {term} days to object, fewer "
                f"than the policy's {policy.objection_min_days} days.",
            )
        )
    return findings


def _g7(
    facts: CaseFacts, discussion: Ev[DiscussionHeld], form: Ev[ConsentFormIssued] | None
) -> list[Finding]:
    day, act = discussion.day, discussion.act
    nl_title, en_title = _title(discussion)
    if act.level == "anonymous":
        leaked = [i for i in act.data_shared if norm(i) in IDENTIFYING_ITEMS]
        if not leaked:
            return []
        return [
            _finding(
                "G7",
                "critical",
                facts,
                discussion,
                [],
                f"Bij {nl_title}, een anonieme consultatie, zijn gegevens gedeeld die de leerling "
                f"herkenbaar maken: {catalog.categories(leaked, 'nl')}.",
                f"At {en_title}, an anonymous consultation, data identifying the pupil was "
                f"shared: {catalog.categories(leaked, 'en')}.",
            )
        ]
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
        nl_who, en_who = facts.who(person, day)
        when = catalog.day(latest.day)
        if isinstance(latest.act, ObjectionReceived):
            nl_what, en_what = "bezwaar had gemaakt", "objected"
        elif isinstance(latest.act, ConsentRefused):
            nl_what, en_what = "toestemming had geweigerd", "refused consent"
        else:
            nl_what, en_what = "toestemming had ingetrokken", "withdrew consent"
        evidence = [latest.log] + ([form.log] if form is not None else [])
        findings.append(
            _finding(
                "G7",
                "critical",
                facts,
                discussion,
                evidence,
                f"De leerling is op {catalog.day(day)} toch met naam besproken "
                f"{catalog.in_forum(act.forum, 'nl')}, terwijl {nl_who} op {when} {nl_what}.",
                f"The pupil was discussed by name {catalog.in_forum(act.forum, 'en')} on "
                f"{catalog.day(day)} although {en_who} {en_what} on {when}.",
                (person,),
            )
        )
    return findings
