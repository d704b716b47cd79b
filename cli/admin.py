"""Moving the log in and out: ``zatlog import`` and ``zatlog export-log``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from zatlog.cli.access import log_look, purpose_option
from zatlog.cli.help import HelpCommand
from zatlog.cli.main import Session
from zatlog.cli.options import check_output, write_output

if TYPE_CHECKING:
    from zatlog.storage import Location

F = TypeVar("F", bound=Callable[..., Any])


def no_encrypt_option(function: F) -> F:
    """``--no-encrypt``: create a new database without encryption at rest."""
    return click.option("--no-encrypt", is_flag=True)(function)


def announce_key(session: Session) -> None:
    """Say where the key of a database created just now is kept."""
    created = session.app.location.created_key
    if created is not None:
        click.echo(session.message("key_created", path=created))


@click.command("import", cls=HelpCommand)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--history", is_flag=True)
@click.option("--restore", is_flag=True)
@no_encrypt_option
@click.pass_obj
def import_command(
    session: Session, file: str, history: bool, restore: bool, no_encrypt: bool
) -> None:
    from zatlog.importer import import_lines
    from zatlog.restore import restore_lines

    source = "<stdin>" if file == "-" else file
    try:
        stream: IO[bytes] = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115
    except OSError as error:
        raise click.ClickException(
            session.message("input_failed", path=file, reason=error)
        ) from None
    if restore and history:
        raise click.UsageError(session.message("restore_no_history"))
    session.may_create()
    session.encrypt_new = not no_encrypt
    try:
        with stream:
            if restore:
                count = restore_lines(
                    session.app, stream, default_actor=session.actor, source=source
                )
            else:
                count = import_lines(
                    session.app, stream, default_actor=session.actor, source=source, history=history
                )
    except OSError as error:  # the file opened, but reading it failed (a folder, a device)
        raise click.ClickException(
            session.message("input_failed", path=file, reason=error)
        ) from None
    if count:
        session.catch_up()
    announce_key(session)
    if count == 0:
        click.echo(session.message("nothing_to_import", source=source))
    else:
        marked = session.message("imported_history") if history else ""
        said = "imported_one" if count == 1 else "imported"
        click.echo(session.message(said, count=count, source=source) + marked)


@click.command("export-log", cls=HelpCommand)
@click.option("--output", "-o", type=click.Path(allow_dash=True), default="-")
@purpose_option("export-log")
@click.pass_obj
def export_log(session: Session, output: str, purpose: str) -> None:
    from zatlog.restore import export_lines

    if output != "-":
        check_output(session, output)
    cases: dict[str, None] = {}
    lines = []
    for line in export_lines(session.app):
        lines.append(json.dumps(line, ensure_ascii=False) + "\n")
        if "case" in line:
            cases[line["case"]] = None
    # Logged before the file appears, as every look at a case's data is.
    if cases:
        log_look(session, "export-log", list(cases), ["log"], purpose)
    write_output(session, output, "".join(lines).encode("utf-8"))


@click.command("demo", cls=HelpCommand)
@no_encrypt_option
@click.pass_obj
def demo(session: Session, no_encrypt: bool) -> None:
    from datetime import date

    from zatlog.demo import demo_actions
    from zatlog.errors import ZatlogError

    session.may_create()
    session.encrypt_new = not no_encrypt
    app = session.app
    if app.last_position():
        raise ZatlogError(session.message("demo_not_empty", target=session.location.target))
    batch = demo_actions(date.today())
    session.record(batch)
    announce_key(session)
    cases = len({getattr(action, "case", None) for action, _ in batch} - {None})
    db = session.location.target
    click.echo(session.message("demo_recorded", db=db, cases=cases, actions=len(batch)))
    click.echo(session.message("demo_try"))
    for command in ("case list", "due", "audit", "case timeline demo-002"):
        click.echo(f"  zatlog --db {db} {command}")


@click.command("init", cls=HelpCommand)
@click.option("--encrypt/--no-encrypt", default=None)
@click.pass_obj
def init(session: Session, encrypt: bool | None) -> None:
    from zatlog.errors import ZatlogError

    session.may_create()
    location = session.location
    if not location.new and encrypt is not None and encrypt != location.encrypted:
        state = session.message("state_encrypted" if location.encrypted else "state_plain")
        raise ZatlogError(
            session.message("init_encryption_fixed", target=location.target, state=state)
        )
    session.encrypt_new = encrypt is not False
    announce_key(session)
    state = at_rest_description(session, session.app.location)
    click.echo(session.message("database_ready", target=location.target, state=state))


def at_rest_description(session: Session, location: Location) -> str:
    """``sqlite, versleuteld, sleutel-id …`` and the like, for init's report."""
    if location.encrypted and location.key_id:
        return session.message("at_rest_encrypted", kind=location.kind, key_id=location.key_id)
    if location.encrypted:
        return session.message("at_rest_encrypted_legacy", kind=location.kind)
    if location.at_rest == "legacy plain":
        return session.message("at_rest_legacy_plain", kind=location.kind)
    return session.message("at_rest_plain", kind=location.kind)
