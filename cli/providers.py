"""``zatlog providers report``: accountability for municipalities (docs/municipality.md)."""

from __future__ import annotations

from datetime import date

import click

from zatlog.cli.help import HelpGroup
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
    reversed_range,
    write_output,
)


@click.group("providers", cls=HelpGroup)
def providers() -> None:
    pass


@providers.command("report")
@click.option("--municipality", metavar="NAME")
@click.option("--from", "start", type=DATE)
@click.option("--to", "end", type=DATE)
@click.option("--as-of", type=DATE)
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
