"""``zatlog providers report``: accountability for municipalities (docs/municipality.md)."""

from __future__ import annotations

from datetime import date

import click

from zatlog.cli.main import Session
from zatlog.cli.options import (
    DATE,
    check_output,
    escaped,
    example,
    lang_option,
    language,
    output_option,
    policy_from,
    policy_option,
    report_format_option,
    reversed_range,
    write_output,
)


@click.group("providers")
def providers() -> None:
    """Youth-care providers (zorgaanbieders) as municipalities see them."""


@providers.command(
    "report",
    epilog=example(
        "zatlog --db school.db providers report --from 2026-01-01 --to 2026-12-31 "
        "--format csv -o providers.csv"
    ),
)
@click.option(
    "--municipality",
    metavar="NAME",
    help="Only this municipality's rows (gemeente; compared ignoring case and outer spaces).",
)
@click.option(
    "--from",
    "start",
    type=DATE,
    help="First day of the period (default: no lower bound).",
)
@click.option("--to", "end", type=DATE, help="Last day of the period (default: the as-of date).")
@click.option(
    "--as-of",
    type=DATE,
    help="Report what happened on or before DATE (default: today).",
)
@policy_option
@report_format_option
@output_option
@lang_option
@click.pass_obj
def report(
    session: Session,
    municipality: str | None,
    start: date | None,
    end: date | None,
    as_of: date | None,
    policy_file: str | None,
    fmt: str,
    output: str,
    lang: str | None,
) -> None:
    """Per provider and municipality: cases, evaluations, the teachers' view of the
    effect in class, and the discussions attended without the parents invited.

    The report goes to a municipality: it holds no case reference and no name,
    and counts below 5 are shown as "< 5". Cases count when the provider's
    support was running in the period; evaluations and discussions by their
    own date.
    """
    from zatlog.bulk import bulk_read
    from zatlog.projections import providers as p
    from zatlog.projections.text_table import terminal_width

    reversed_range(session, start, end)
    if output != "-":
        check_output(session, output)
    chosen = language(session, lang)
    policy = policy_from(policy_file)
    with bulk_read():
        built = p.provider_report(
            session.app.logged_actions(),
            policy,
            as_of=as_of or date.today(),
            start=start,
            end=end,
            municipality=municipality,
        )
    if fmt == "json":
        text = p.to_json(built)
    elif fmt == "csv":
        text = p.to_csv(built)
    elif fmt == "html":
        text = p.to_html(built, chosen)
    else:
        text = p.to_table(built, chosen, terminal_width())
    write_output(session, output, escaped(text) if fmt == "table" else text)
