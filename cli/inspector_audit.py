"""``zatlog audit`` for an inspector's role on a server: pseudonymised findings only.

An inspector's role reads no case: the database hands it the stored findings of
the schools of its mandate with every case reference replaced by a keyed
pseudonym (``zatlog_inspector_findings()``, see :mod:`zatlog.roles`). No look at
a case is logged, since none is shown.
"""

from __future__ import annotations

from zatlog.cli.cases import columns
from zatlog.cli.main import Session
from zatlog.cli.options import escaped, write_output

SEVERITY_ORDER = ("minor", "major", "critical")


def is_inspector(session: Session) -> bool:
    """Whether the session's role is an inspector's on a secured server."""
    from zatlog.roles import identity

    location = session.location
    return location.is_postgres and identity(location).inspector_only


def inspector_audit(
    session: Session, school: str | None, fmt: str, output: str, lang: str, fail_on: str | None
) -> None:
    """Write the pseudonymised findings; exit status 3 as ``--fail-on`` says."""
    from zatlog.jsontext import indented
    from zatlog.projections.i18n import SEVERITY_LABELS, label
    from zatlog.roles import inspector_findings

    rows = [r for r in inspector_findings(session.location) if school in (None, r.school)]
    findings = [
        {
            "case": row.case,
            "school": row.school,
            "computed_on": row.computed_on,
            "rule": finding["rule"],
            "severity": finding["severity"],
            "message": finding["en" if lang == "en" else "nl"],
        }
        for row in rows
        for finding in row.findings
    ]
    if fmt == "json":
        text = indented({"cases": len(rows), "findings": findings})
    else:
        header = [
            session.message(f"inspector_column_{c}")
            for c in ("rule", "severity", "case", "school", "computed_on", "message")
        ]
        table = [header] + [
            [
                f["rule"],
                label(SEVERITY_LABELS, f["severity"], "en" if lang == "en" else "nl"),
                f["case"],
                f["school"],
                f["computed_on"],
                f["message"],
            ]
            for f in findings
        ]
        summary = session.message("inspector_summary", cases=len(rows), findings=len(findings))
        text = summary + ("\n\n" + escaped(columns(table)) if findings else "")
    write_output(session, output, text)
    if fail_on is not None:
        threshold = SEVERITY_ORDER.index(fail_on)
        if any(SEVERITY_ORDER.index(f["severity"]) >= threshold for f in findings):
            raise SystemExit(3)
