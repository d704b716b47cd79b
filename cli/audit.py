"""``zatlog audit``: were parents involved, and in time? (docs/inspector.md)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from zatlog.cli.access import log_look, purpose_option
from zatlog.cli.help import HelpCommand
from zatlog.cli.main import Session
from zatlog.cli.options import (
    DATE,
    check_output,
    escaped,
    lang_option,
    language,
    output_option,
    policy_from,
    policy_option,
    report_format_option,
    require_case,
    require_school,
    reversed_range,
    write_output,
    write_pieces,
)

if TYPE_CHECKING:
    from zatlog.projections.audit.model import AuditResult

SEVERITY_ORDER = ("minor", "major", "critical")


@click.command("audit", cls=HelpCommand)
@click.option("--case", "case", metavar="REF")
@click.option("--school", metavar="S")
@click.option("--from", "start", type=DATE)
@click.option("--to", "end", type=DATE)
@click.option("--as-of", type=DATE)
@policy_option
@report_format_option
@output_option
@click.option("--fail-on", type=click.Choice(SEVERITY_ORDER))
@click.option("--pseudonymize", metavar="KEYFILE", type=click.Path(exists=True, dir_okay=False))
@lang_option
@purpose_option("audit")
@click.pass_obj
def audit(
    session: Session,
    case: str | None,
    school: str | None,
    start: date | None,
    end: date | None,
    as_of: date | None,
    policy_file: str | None,
    fmt: str,
    output: str,
    fail_on: str | None,
    pseudonymize: str | None,
    lang: str | None,
    purpose: str,
) -> None:
    from zatlog.bulk import bulk_read
    from zatlog.projections.audit import report
    from zatlog.projections.audit.pseudonym import Pseudonymizer
    from zatlog.projections.text_table import terminal_width

    reversed_range(session, start, end)
    if output != "-":
        check_output(session, output)
    chosen = language(session, lang)
    from zatlog.cli.inspector_audit import inspector_audit, is_inspector

    if is_inspector(session):  # on a server: the pseudonymised findings of the mandate
        inspector_audit(session, school, fmt, output, chosen, fail_on)
        return
    policy = policy_from(policy_file)
    today = as_of or date.today()
    if case is not None:
        require_case(session, case, chosen)
    if school is not None:
        require_school(session, school, chosen)
    from zatlog.projections.provenance import read_digest, stamp_json_pieces, stamp_report

    # Read first: a bad key file stops the audit before anything is computed.
    pseudonymizer = Pseudonymizer.from_keyfile(pseudonymize) if pseudonymize else None
    if as_of is None and policy_file is None:
        # Today's audit under the default policy: served by the findings read model.
        from zatlog.projections.case_log import read_case_events
        from zatlog.projections.findings import stored_audit

        # Many small objects, no cycles (zatlog.bulk): 0.4 s of 1.4 s at 300k events.
        with session.read_models(today=today, lang=chosen) as view, bulk_read():
            # The chart figures: only the HTML report shows them.
            figures = fmt == "html"
            result = stored_audit(view, today, case=case, school=school, with_figures=figures)
            digest = read_digest(view)
            if pseudonymizer is not None:  # it must know every id and name of those cases
                for ref in {f.case for f in result.findings}:
                    pseudonymizer.learn(read_case_events(view, ref)[1])
    else:
        # Recomputed from the log, a case at a time; the digest names the same position.
        from zatlog.projections.audit.stream import audit_stored
        from zatlog.verify import log_digest

        upto = session.app.last_position()
        learn = pseudonymizer.learn if pseudonymizer is not None else None
        with bulk_read():
            # Without a pseudonymizer (which reads the cited actions), the findings keep
            # only what the report shows of their events.
            result = audit_stored(
                session.app,
                policy,
                today,
                case=case,
                school=school,
                learn=learn,
                upto=upto,
                lean=pseudonymizer is None,
            )
        digest = log_digest(session.app, upto)
    if start or end:
        result = result.within(start, end)
    if pseudonymizer is None and result.findings:
        # Findings name cases and persons; a pseudonymised audit tells no case.
        log_look(session, "audit", [f.case for f in result.findings], ["findings"], purpose)
    if fmt == "json":  # written a page of findings at a time, as it is rendered
        with bulk_read():  # a finding's rendering: small objects again
            pieces = report.json_pieces(result, policy, today, pseudonymizer)
            write_pieces(session, output, stamp_json_pieces(pieces, digest))
        _fail_on(result, fail_on)
        return
    with bulk_read():
        if fmt == "csv":
            text = report.to_csv(result, pseudonymizer)
        elif fmt == "html":
            text = report.to_html(result, policy, today, chosen, pseudonymizer)
        else:
            text = report.to_text(result, chosen, pseudonymizer, width=terminal_width() or 110)
    if fmt == "table":
        text = escaped(text)
    text = stamp_report(text, fmt, digest, chosen)  # one copy of a large report at a time
    write_output(session, output, text)
    _fail_on(result, fail_on)


def _fail_on(result: AuditResult, fail_on: str | None) -> None:
    """Exit 3 when a finding is at least as severe as ``fail_on``."""
    if fail_on is not None:
        threshold = SEVERITY_ORDER.index(fail_on)
        if any(SEVERITY_ORDER.index(f.severity) >= threshold for f in result.findings):
            raise SystemExit(3)
