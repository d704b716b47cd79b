"""Moving the log in and out: ``zatlog import`` and ``zatlog export-log``."""

from __future__ import annotations

import json
import sys
from typing import IO

import click

from zatlog.cli.access import log_look, purpose_option
from zatlog.cli.main import Session
from zatlog.cli.options import check_output, example, write_output


@click.command("import", epilog=example("zatlog --db school.db import actions.jsonl"))
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--history",
    is_flag=True,
    help="Mark every imported action as migrated: records of the past brought over from "
    "another system. The audit does not count them as written late (rule L1); "
    'export-log writes the mark back as "migrated": true.',
)
@click.option(
    "--restore",
    is_flag=True,
    help="Restore an export-log file into an EMPTY database with its original recording "
    "times and chain (the digest stays the same).",
)
@click.pass_obj
def import_command(session: Session, file: str, history: bool, restore: bool) -> None:
    """Import actions from a JSON Lines FILE (or - for standard input).

    One JSON object per line, in the format of docs/import-format.md. The import
    is all or nothing: a bad line is reported as ``line N: field: what was
    expected`` and nothing is written. No action may be dated after today.
    The ``recorded_at``, ``chain`` and ``registered_at`` fields of an export-log
    file are ignored (the actions are recorded anew), unless ``--restore`` is
    given.
    """
    from zatlog.importer import import_lines
    from zatlog.restore import restore_lines

    source = "<stdin>" if file == "-" else file
    try:
        stream: IO[bytes] = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115
    except OSError as error:
        raise click.ClickException(
            session.message("input_failed", path=file, reason=error.strerror)
        ) from None
    if restore and history:
        raise click.UsageError("--restore keeps the log as it was: it takes no --history")
    session.may_create()
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
            session.message("input_failed", path=file, reason=error.strerror)
        ) from None
    if count:
        session.catch_up()
    if count == 0:
        click.echo(f"nothing to import: {source} has no actions")
    else:
        marked = " (marked as migrated)" if history else ""
        click.echo(f"imported {count} action{'s' if count != 1 else ''} from {source}{marked}")


@click.command("export-log", epilog=example("zatlog --db school.db export-log -o log.jsonl"))
@click.option(
    "--output",
    "-o",
    type=click.Path(allow_dash=True),
    default="-",
    help="Write to this file instead of standard output (created private, 0600; "
    "never through a symbolic link).",
)
@purpose_option("export-log")
@click.pass_obj
def export_log(session: Session, output: str, purpose: str) -> None:
    """Write every recorded action as JSON Lines, in recording order.

    The format is the import format, ``by`` included (and ``"migrated": true``
    on actions imported with --history), plus each action's original
    ``recorded_at`` and ``chain`` link: importing the output into an empty
    database gives the same actions (with new recording times), and
    ``import --restore`` the very same log (the same digest).
    """
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


@click.command("demo", epilog=example("zatlog --db demo.db demo"))
@click.pass_obj
def demo(session: Session) -> None:
    """Fill an empty database with a small, fictional demo school.

    Five cases in several steps, some compliant and some not, dated around
    today, so that every command has something to show.
    """
    from datetime import date

    from zatlog.demo import demo_actions
    from zatlog.errors import ZatlogError

    session.may_create()
    app = session.app
    if app.last_position():
        raise ZatlogError(
            f"{session.location.target} already holds a log; run the demo on a new --db"
        )
    batch = demo_actions(date.today())
    session.record(batch)
    cases = len({getattr(action, "case", None) for action, _ in batch} - {None})
    db = session.location.target
    click.echo(f"demo school recorded in {db}: {cases} cases, {len(batch)} actions")
    click.echo("try:")
    for command in ("case list", "due", "audit", "case timeline demo-002"):
        click.echo(f"  zatlog --db {db} {command}")


@click.command("init", epilog=example("zatlog --db school.db init --encrypt"))
@click.option(
    "--encrypt/--no-encrypt",
    default=False,
    help="Create an encryption key for this database (AES-GCM at rest).",
)
@click.pass_obj
def init(session: Session, encrypt: bool) -> None:
    """Create the database (and, with --encrypt, its encryption key) and say where they are.

    The key is kept in your configuration folder, apart from the data, and is
    needed to read the log: back it up somewhere safe. ZATLOG_CIPHER_KEY
    overrides it.
    """
    from zatlog.errors import ZatlogError
    from zatlog.keys import create_key, key_path

    session.may_create()
    location = session.location
    if encrypt:
        if location.encrypted:
            raise ZatlogError(f"{location.target} already has a key: {key_path(location.target)}")
        if session.app.last_position():
            raise ZatlogError(
                f"{location.target} already holds an unencrypted log; "
                "encryption must be chosen before the first action"
            )
        session.close()
        path = create_key(location.target)
        session.reset()
        click.echo(f"encryption key created: {path} (back it up: without it the log is unreadable)")
    app = session.app
    state = "encrypted" if app.location.encrypted else "not encrypted"
    click.echo(f"database ready: {location.target} ({location.kind}, {state})")
