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
        findings.append(
            make_finding(
                "S0",
                "major",
                facts.case,
                discussion.log,
                late,
                catalog.text(
                    "S0",
                    when=discussion.day,
                    forum=catalog.Label("in_forum", act.forum),
                    documents=tuple(catalog.Label("document", d) for d in missing),
                ),
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
        findings.append(
            make_finding(
                "P0",
                "major",
                facts.case,
                discussion.log,
                [facts.opened.log, *facts.relation_evidence(day)],
                catalog.text(
                    "P0",
                    age=facts.age(day),
                    when=day,
                    forum=catalog.Label("in_forum", act.forum),
                ),
            )
        )
    return findings
