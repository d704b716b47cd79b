"""Rendering an audit result: JSON (the CLI contract), CSV, a plain-text table and HTML.

Every renderer takes an optional :class:`~.pseudonym.Pseudonymizer` that
replaces case references, person ids and any recorded name by pseudonyms;
findings never hold names, only person ids.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Any

from zatlog.jsontext import indented
from zatlog.policy import Policy
from zatlog.projections import i18n
from zatlog.projections.audit import catalog, charts
from zatlog.projections.audit.catalog import RULES, Lang
from zatlog.projections.audit.model import SEVERITIES, AuditResult, Finding
from zatlog.projections.audit.pseudonym import Pseudonymizer
from zatlog.projections.i18n import SEVERITY_LABELS, action_label, label, source_label
from zatlog.records import LoggedAction

if TYPE_CHECKING:
    from jinja2 import Template

CSV_COLUMNS = (
    "case",
    "rule",
    "severity",
    "subject_action",
    "subject_at",
    "subject_position",
    "persons",
    "evidence_positions",
    "message_nl",
    "message_en",
)


def _policy_shown(policy: Policy, pseudonymizer: Pseudonymizer | None) -> dict[str, Any]:
    """The policy as printed; a pseudonymised audit leaves out the staff ids it names."""
    shown = policy.to_json_dict()
    if pseudonymizer is not None:
        shown.pop("staff_functions", None)
    return shown


def _shown(result: AuditResult, pseudonymizer: Pseudonymizer | None) -> AuditResult:
    """The result as it may be shown: with every case and person pseudonymised, if asked."""
    return result if pseudonymizer is None else pseudonymizer.hide(result)


def event_json(event: LoggedAction) -> dict[str, Any]:
    """``{"action", "at", "recorded_at", "position"}`` of a subject or evidence event."""
    return {
        "action": event.name,
        "at": event.action.at.isoformat(),
        "recorded_at": event.recorded_at.isoformat(),
        "position": event.position,
    }


def summary(result: AuditResult) -> dict[str, dict[str, int]]:
    """Counts per rule (in the spec's order) and per severity, zeros included."""
    by_rule = Counter(f.rule for f in result.findings)
    by_severity = Counter(f.severity for f in result.findings)
    return {
        "by_rule": {rule.id: by_rule[rule.id] for rule in RULES},
        "by_severity": {severity: by_severity[severity] for severity in SEVERITIES},
    }


def to_json_dict(
    result: AuditResult,
    policy: Policy,
    as_of: date | None = None,
    pseudonymizer: Pseudonymizer | None = None,
) -> dict[str, Any]:
    """The ``zatlog audit --format json`` object (docs/json-contracts.md)."""
    shown = _shown(result, pseudonymizer)
    findings = [finding_json(f) for f in shown.findings]
    return _json_object(shown, policy, as_of, pseudonymizer, findings)


def _json_object(
    shown: AuditResult,
    policy: Policy,
    as_of: date | None,
    pseudonymizer: Pseudonymizer | None,
    findings: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "as_of": (as_of or shown.as_of).isoformat(),
        "policy": _policy_shown(policy, pseudonymizer),
        "cases": shown.cases,
        "findings": findings,
        "summary": summary(shown),
    }


def finding_json(f: Finding) -> dict[str, Any]:
    """One finding of the JSON report."""
    return {
        "rule": f.rule,
        "severity": f.severity,
        "case": f.case,
        "subject": event_json(f.subject),
        "evidence": [event_json(e) for e in f.evidence],
        "message": {"nl": f.message_nl, "en": f.message_en},
    }


_NO_FINDINGS = '\n  "findings": []'
"""Where the list of findings stands in the report written without them."""


def to_json(
    result: AuditResult,
    policy: Policy,
    as_of: date | None = None,
    pseudonymizer: Pseudonymizer | None = None,
) -> str:
    """:func:`to_json_dict` written with ``indent=2``, a page of findings at a time: a large
    audit's report is held as its text, never also as objects."""
    return "".join(json_pieces(result, policy, as_of, pseudonymizer))


def json_pieces(
    result: AuditResult,
    policy: Policy,
    as_of: date | None = None,
    pseudonymizer: Pseudonymizer | None = None,
) -> Iterator[str]:
    """The text of :func:`to_json` in pieces, a page of findings each, rendered as they are
    asked for: a report written piece by piece is never held whole. The last piece ends the
    object (``"summary"`` and the closing brace)."""
    shown = _shown(result, pseudonymizer)
    outline = json.dumps(
        _json_object(shown, policy, as_of, pseudonymizer, []), ensure_ascii=False, indent=2
    )
    if not shown.findings:
        yield outline
        return
    findings = shown.findings
    at = outline.index(_NO_FINDINGS) + len(_NO_FINDINGS) - 1
    yield f"{outline[:at]}\n"
    for start in range(0, len(findings), _PAGE):
        page = _listed([finding_json(f) for f in findings[start : start + _PAGE]])
        yield page if start == 0 else f",\n{page}"
    yield f"\n  {outline[at:]}"


_PAGE = 500
"""Findings written as one list at a time."""


def _listed(findings: list[dict[str, Any]]) -> str:
    """The items of a list of findings as the report's ``"findings"`` holds them, 4 spaces in.

    ``indented`` writes the list with its items 2 spaces in, between ``[\\n`` and ``\\n]``;
    a JSON text has no raw line break but between its parts, so indenting it is a replace.
    """
    return "  " + indented(findings)[2:-2].replace("\n", "\n  ")


def to_csv(result: AuditResult, pseudonymizer: Pseudonymizer | None = None) -> str:
    """One row per finding; persons and evidence positions separated by spaces."""
    result = _shown(result, pseudonymizer)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in result.findings:
        writer.writerow(
            (
                f.case,
                f.rule,
                f.severity,
                f.subject.name,
                f.subject.action.at.isoformat(),
                f.subject.position,
                " ".join(f.persons),
                " ".join(str(e.position) for e in f.evidence),
                f.message_nl,
                f.message_en,
            )
        )
    return out.getvalue()


@dataclass(frozen=True)
class _TableWords:
    title: str
    none: str
    head: tuple[str, str, str, str, str]
    case: tuple[str, str]
    finding: tuple[str, str]


_TEXT = {
    "nl": _TableWords(
        "Audit per {as_of}: {cases}, {n}",
        "Geen bevindingen.",
        ("Regel", "Ernst", "Dossier", "Datum", "Bevinding"),
        ("dossier", "dossiers"),
        ("bevinding", "bevindingen"),
    ),
    "en": _TableWords(
        "Audit as of {as_of}: {cases}, {n}",
        "No findings.",
        ("Rule", "Severity", "Case", "Date", "Finding"),
        ("case", "cases"),
        ("finding", "findings"),
    ),
}


def to_text(
    result: AuditResult,
    lang: Lang = "nl",
    pseudonymizer: Pseudonymizer | None = None,
    width: int = 110,
) -> str:
    """A plain-text table for the terminal; the finding column wraps."""
    words = _TEXT[lang]
    result = _shown(result, pseudonymizer)
    counts = Counter(f.severity for f in result.findings)
    totals = ", ".join(
        f"{counts[s]} {label(SEVERITY_LABELS, s, lang)}" for s in SEVERITIES if counts[s]
    )
    title = words.title.format(
        as_of=i18n.long_day(result.as_of, lang),
        cases=_count(result.cases, words.case),
        n=_count(len(result.findings), words.finding),
    )
    lines = [title + (f" ({totals})" if totals else ""), ""]
    if not result.findings:
        lines.append(words.none)
        return "\n".join(lines) + "\n"
    rows = [
        (
            f.rule,
            label(SEVERITY_LABELS, f.severity, lang),
            f.case,
            i18n.table_day(f.subject.day, lang),
            finding_text(f, lang),
        )
        for f in result.findings
    ]
    head = words.head
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(4)]
    indent = sum(widths) + 2 * 4
    wrap = max(width - indent, 30)
    for row in [head, *rows]:
        cells = "  ".join(str(cell).ljust(w) for cell, w in zip(row[:4], widths, strict=True))
        message = textwrap.wrap(str(row[4]), wrap) or [""]
        lines.append(f"{cells}  {message[0]}".rstrip())
        lines.extend(" " * indent + more for more in message[1:])
    return "\n".join(lines) + "\n"


def finding_text(f: Finding, lang: Lang) -> str:
    """A finding's message as people read it: its dates written as in every document.

    The stored messages keep ISO dates (the JSON and CSV contracts); prose writes them out.
    """
    return i18n.localized_dates(f.message(lang), lang)


def _count(n: int, forms: tuple[str, str]) -> str:
    singular, plural = forms
    return f"{n} {singular if n == 1 else plural}"


_HTML = {
    "nl": {
        "title": "Audit ouderbetrokkenheid",
        "as_of": "Peildatum",
        "cases": "Dossiers geaudit",
        "findings": "Bevindingen",
        "charts": "In één oogopslag",
        "share": "CvB- en ZAT-besprekingen waarvoor iedereen op tijd was uitgenodigd",
        "in_time": "op tijd",
        "not_in_time": "niet (op tijd)",
        "lead": "Uitnodigingen: dagen vóór de bespreking",
        "notice": "Meldingen: dagen tot de ouders het hoorden",
        "rules": "Per regel",
        "rule": "Regel",
        "count": "Aantal",
        "meaning": "Wat de regel vraagt",
        "source": "Bron",
        "per_case": "Per dossier",
        "case": "Dossier",
        "no_findings": "Geen bevindingen.",
        "evidence": "Bewijs",
        "position": "logpositie",
        "recorded": "vastgelegd",
        "late": "Achteraf vastgelegd (regel L1)",
        "late_about": "Het aandeel handelingen dat later dan het beleid toestaat is vastgelegd "
        "(uit een ander systeem overgenomen handelingen tellen niet als laat). Hoe groter, hoe "
        "meer van het dossier achteraf is geschreven.",
        "late_overall": "Alle dossiers",
        "actions": "Handelingen",
        "late_count": "Laat vastgelegd",
        "late_share": "Aandeel",
        "policy": "Gebruikt beleid",
        "key": "Instelling",
        "value": "Waarde",
        "about": "Elke bevinding noemt de gebeurtenissen in het logboek die haar bewijzen. "
        "Namen van leerlingen en ouders staan niet in dit rapport; personen worden aangeduid "
        "met hun rol in het dossier.",
    },
    "en": {
        "title": "Parent involvement audit",
        "as_of": "As of",
        "cases": "Cases audited",
        "findings": "Findings",
        "charts": "At a glance",
        "share": "CvB and ZAT discussions with every required invitee invited in time",
        "in_time": "in time",
        "not_in_time": "not (in time)",
        "lead": "Invitations: days before the discussion",
        "notice": "Reports: days until the parents were told",
        "rules": "By rule",
        "rule": "Rule",
        "count": "Count",
        "meaning": "What the rule asks",
        "source": "Source",
        "per_case": "By case",
        "case": "Case",
        "no_findings": "No findings.",
        "evidence": "Evidence",
        "position": "log position",
        "recorded": "recorded",
        "late": "Recorded after the fact (rule L1)",
        "late_about": "The share of actions recorded later than the policy allows (actions "
        "migrated from another system do not count as late). The larger it is, the more of the "
        "file was written after the fact.",
        "late_overall": "All cases",
        "actions": "Actions",
        "late_count": "Recorded late",
        "late_share": "Share",
        "policy": "Policy used",
        "key": "Setting",
        "value": "Value",
        "about": "Every finding names the log events that prove it. This report holds no names "
        "of pupils or parents; persons are referred to by their role on the case.",
    },
}


def to_html(
    result: AuditResult,
    policy: Policy,
    as_of: date | None = None,
    lang: Lang = "nl",
    pseudonymizer: Pseudonymizer | None = None,
) -> str:
    """A self-contained HTML report (inline CSS and SVG; no scripts, no external assets)."""
    from markupsafe import Markup  # with jinja2: only an HTML report needs them

    words = _HTML[lang]
    result = _shown(result, pseudonymizer)
    counts = Counter(f.rule for f in result.findings)
    by_case: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_case[f.case].append(f)
    stats = result.stats
    lead_bins, lead_colors = charts.lead_time_bins(
        stats.invitation_lead_days, policy.invite_lead_days, lang
    )
    notice_bins, notice_colors = charts.notice_bins(
        stats.report_notice_days, policy.report_notice_days, lang
    )
    context = {
        "lang": lang,
        "w": words,
        "as_of": i18n.long_day(as_of or result.as_of, lang),
        "cases": result.cases,
        "total": len(result.findings),
        "severities": [
            (s, label(SEVERITY_LABELS, s, lang), sum(1 for f in result.findings if f.severity == s))
            for s in SEVERITIES
        ],
        "rules": [
            {
                "id": rule.id,
                "title": rule.title(lang),
                "explanation": rule.explanation(lang),
                "source": source_label(rule.source, lang),
                "count": counts[rule.id],
            }
            for rule in RULES
        ],
        "case_findings": [
            (ref, [_finding_view(f, lang) for f in by_case[ref]]) for ref in sorted(by_case)
        ],
        "policy": i18n.policy_rows(_policy_shown(policy, pseudonymizer), lang),
        "late": _late_rows(
            stats.recorded_late, (lambda ref: ref) if pseudonymizer is None else pseudonymizer.case
        ),
        "chart_share": Markup(
            charts.share_bar(
                stats.discussions_invited_in_time,
                stats.discussions,
                str(words["share"]),
                str(words["in_time"]),
                str(words["not_in_time"]),
            )
        ),
        "chart_lead": Markup(charts.histogram(lead_bins, str(words["lead"]), lead_colors)),
        "chart_notice": Markup(charts.histogram(notice_bins, str(words["notice"]), notice_colors)),
    }
    return _template().render(**context)


def _late_rows(
    per_case: Sequence[tuple[str, int, int]], name: Callable[[str], str]
) -> dict[str, Any]:
    """How much of the record L1 found written late: per case and over all cases."""

    def share(late: int, actions: int) -> str:
        return f"{round(100 * late / actions)}%" if actions else "–"

    actions = sum(n for _, n, _ in per_case)
    late = sum(k for _, _, k in per_case)
    return {
        "cases": [
            (ref, n, k, share(k, n))
            for ref, n, k in sorted((name(case), n, k) for case, n, k in per_case)
        ],
        "total": (actions, late, share(late, actions)),
    }


def _finding_view(f: Finding, lang: Lang) -> dict[str, Any]:
    rule = catalog.RULES_BY_ID.get(f.rule)
    return {
        "rule": f.rule,
        "title": rule.title(lang) if rule else f.rule,
        "severity": f.severity,
        "severity_label": label(SEVERITY_LABELS, f.severity, lang),
        "message": finding_text(f, lang),
        "evidence": [
            {
                "action": action_label(e.name, lang),
                "at": i18n.table_day(e.day, lang),
                "position": e.position,
                "recorded_at": i18n.table_moment(e.recorded_at, lang),
                "subject": e.position == f.subject.position,
            }
            for e in f.evidence
        ],
    }


def _template() -> Template:
    from jinja2 import Environment, StrictUndefined

    source = (
        resources.files("zatlog.projections.audit")
        .joinpath("templates", "report.html.j2")
        .read_text(encoding="utf-8")
    )
    return Environment(autoescape=True, undefined=StrictUndefined).from_string(source)
