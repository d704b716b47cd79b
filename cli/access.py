"""Logging looks at a case (``--purpose``) and ``zatlog access-log`` for the privacy officer.

Which commands log, and what: see :data:`zatlog.access_log.DEFAULT_PURPOSES`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import click

from zatlog.cli.help import HelpCommand
from zatlog.cli.main import Session
from zatlog.cli.options import (
    DATE,
    check_output,
    escaped,
    output_option,
    reversed_range,
    write_output,
)

F = TypeVar("F", bound=Callable[..., Any])


def purpose_option(command: str) -> Callable[[F], F]:
    """``--purpose``: why this look at a case's personal data is needed (logged)."""
    from zatlog.access_log import DEFAULT_PURPOSES

    def decorate(function: F) -> F:
        return click.option(
            "--purpose",
            metavar="TEXT",
            default=DEFAULT_PURPOSES[command],
            show_default=True,
            callback=_one_line,
        )(function)

    return decorate


def _one_line(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A purpose is one line of a name's length, without control characters (it is
    shown in the access log's tables, and kept there for good)."""
    from zatlog.cli.options import limit_text
    from zatlog.limits import LINE

    problem = LINE.check(value, "purpose")
    if problem is None:
        return value
    english = isinstance(ctx.obj, Session) and ctx.obj.language == "en"
    raise click.BadParameter(limit_text(problem, "en" if english else "nl"))


def log_look(
    session: Session, command: str, cases: Sequence[str], items: Sequence[str], purpose: str
) -> None:
    """Record the look before anything is shown; a look that cannot be logged is not shown."""
    from zatlog.access_log import record_access

    purpose = purpose.strip()
    if not purpose:
        raise click.UsageError(session.message("purpose_empty"))
    record_access(session.location, session.actor, command, cases, items, purpose)


@click.command("access-log", cls=HelpCommand)
@click.option("--case", "case", metavar="REF")
@click.option("--actor", metavar="ID")
@click.option("--from", "start", type=DATE)
@click.option("--to", "end", type=DATE)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option("--verify", is_flag=True)
@output_option
@click.pass_obj
def access_log(
    session: Session,
    case: str | None,
    actor: str | None,
    start: date | None,
    end: date | None,
    fmt: str,
    verify: bool,
    output: str,
) -> None:
    from zatlog.access_log import read_access, verify_access_log
    from zatlog.errors import ZatlogError
    from zatlog.jsontext import indented

    reversed_range(session, start, end)
    if output != "-":
        check_output(session, output)

    if verify:
        check = verify_access_log(session.location)
        if not check.intact:
            raise ZatlogError(
                session.message("access_broken", entry=check.broken_at, problem=check.problem)
            )
        write_output(session, output, session.message("access_intact", entries=check.entries))
        return
    entries = read_access(session.location, case=case, actor=actor, start=start, end=end)
    if case is not None and not entries:
        _known_case(session, case)  # a typo must not read as "nobody looked at it"
    rows = [entry.access.to_json() | {"seq": entry.sequence} for entry in entries]
    if fmt == "json":
        text = indented({"entries": rows})
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("seq", "at", "actor", "command", "cases", "items", "purpose"))
        for row in rows:
            writer.writerow(
                (
                    row["seq"],
                    row["at"],
                    row["actor"],
                    row["command"],
                    " ".join(row["cases"]),
                    " ".join(row["items"]),
                    row["purpose"],
                )
            )
        text = out.getvalue()
    else:
        text = escaped(_table(session, entries)) if entries else session.message("access_none")
    write_output(session, output, text)


def _known_case(session: Session, case: str) -> None:
    """Exit 1 naming the close references unless ``case`` was opened.

    Who may read the access log only (a privacy officer on PostgreSQL) cannot see
    which cases exist: for them an empty answer stays an empty answer.
    """
    from eventsourcing.persistence import PersistenceError

    from zatlog.cli.options import unknown_case
    from zatlog.errors import ZatlogError
    from zatlog.projections.case_refs import known_cases

    try:
        with session.read_models(["case_state"]) as view:
            known = known_cases(view)
    except ZatlogError:
        return
    except PersistenceError as error:
        if "permission denied" in str(error):
            return
        raise
    if case not in known:
        raise ZatlogError(escaped(unknown_case(session, case, known)))


def _table(session: Session, entries: Sequence[Any]) -> str:
    from zatlog.cli.cases import columns
    from zatlog.projections.i18n import ACCESS_ITEM_LABELS, category_label, label, table_moment

    def item(name: str) -> str:
        if name in ACCESS_ITEM_LABELS:
            return label(ACCESS_ITEM_LABELS, name, session.language)
        return category_label(name, session.language)

    heads = ("when", "actor", "command", "cases", "items", "purpose")
    table = [["#", *(session.message(f"access_{head}") for head in heads)]]
    for entry in entries:
        access = entry.access
        cases = ", ".join(access.cases)
        if len(access.cases) > 5:
            cases = ", ".join(access.cases[:5]) + f" (+{len(access.cases) - 5})"
        table.append(
            [
                str(entry.sequence),
                table_moment(access.at, session.language),
                access.actor,
                f"zatlog {access.command}",
                cases or "-",
                ", ".join(item(name) for name in access.items),
                access.purpose,
            ]
        )
    return columns(table)
