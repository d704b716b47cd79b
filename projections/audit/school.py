"""S0 (school policy published) and P0 (nobody holds authority): preconditions of any discussion."""

from __future__ import annotations

from datetime import date

from zatlog.policy import Policy
from zatlog.projections.audit import catalog
from zatlog.projections.audit.model import Finding, make_finding
from zatlog.projections.facts import CaseFacts

REQUIRED_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "cvb": ("school_guide_cvb", "privacy_regulation"),
    "zat": (
        "school_guide_zat",
        "zat_folder",
        "privacy_regulation",
        "zat_covenant",
        "zat_privacy_regulation",
        "complaints_protocol",
        "meldcode",
    ),
}


def check(facts: CaseFacts, policy: Policy, as_of: date) -> list[Finding]:
    return [*_s0(facts), *_p0(facts)]


def _s0(facts: CaseFacts) -> list[Finding]:
    findings: list[Finding] = []
    for discussion in facts.discussions:
        act = discussion.act
        if not act.identified or act.forum not in REQUIRED_DOCUMENTS:
            continue
        missing = []
        late = []
        for document in REQUIRED_DOCUMENTS[act.forum]:
            published = facts.documents.get(document)
            if published is None or published.day > discussion.day:
                missing.append(document)
                if published is not None:
                    late.append(published.log)
        if not missing:
            continue
        when = catalog.day(discussion.day)
        nl_in, en_in = catalog.in_forum(act.forum, "nl"), catalog.in_forum(act.forum, "en")
        nl_docs = catalog.listing([catalog.DOCUMENTS[d][0] for d in missing], "nl")
        en_docs = catalog.listing([catalog.DOCUMENTS[d][1] for d in missing], "en")
        findings.append(
            make_finding(
                "S0",
                "major",
                facts.case,
                discussion.log,
                late,
                f"De leerling is op {when} {nl_in} besproken terwijl de school nog niet had "
                f"gepubliceerd: {nl_docs}.",
                f"The pupil was discussed {en_in} on {when} while the school had not yet "
                f"published: {en_docs}.",
            )
        )
    return findings


def _p0(facts: CaseFacts) -> list[Finding]:
    findings: list[Finding] = []
    for discussion in facts.discussions:
        act = discussion.act
        if not act.identified or act.basis == "safety_override":
            continue
        day = discussion.day
        if facts.age(day) >= 18 or facts.authority_holders(day):
            continue
        assert facts.opened is not None
        when, age = catalog.day(day), facts.age(day)
        nl_in, en_in = catalog.in_forum(act.forum, "nl"), catalog.in_forum(act.forum, "en")
        findings.append(
            make_finding(
                "P0",
                "major",
                facts.case,
                discussion.log,
                [facts.opened.log, *facts.relation_evidence(day)],
                f"De leerling ({age} jaar) is op {when} {nl_in} besproken terwijl in het dossier "
                "niemand met gezag staat: niemand kon om toestemming gevraagd, uitgenodigd of "
                "geïnformeerd worden.",
                f"The pupil (aged {age}) was discussed {en_in} on {when} while nobody holding "
                "authority is on record: nobody could be asked for consent, invited or informed.",
            )
        )
    return findings
