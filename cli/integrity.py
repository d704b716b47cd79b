"""Proving the log: `zatlog verify` and `zatlog digest`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from zatlog.cli.help import HelpCommand
from zatlog.cli.main import Session
from zatlog.cli.options import lang_option, language, require_case
from zatlog.projections.i18n import message

if TYPE_CHECKING:
    from zatlog.chain_store import Origin
    from zatlog.projections.i18n import Lang
    from zatlog.verify import Break


@click.command("verify", cls=HelpCommand)
@click.option("--case", "case_ref", metavar="REF")
@click.option("--against", metavar="DIGEST")
@lang_option
@click.pass_obj
def verify(session: Session, case_ref: str | None, against: str | None, lang: str | None) -> None:
    from zatlog.chain import Digest
    from zatlog.verify import log_digest, verify

    out = language(session, lang)
    if case_ref is not None:
        require_case(session, case_ref, out)
    digest = Digest.parse(against) if against else None
    result = verify(session.app, case=case_ref, against=digest)
    for found in result.breaks:
        click.echo(break_line(found, out), err=True)
    if digest is not None and not result.against_holds:
        assert result.recomputed is not None
        now = result.recomputed.short
        said = message(
            "against_broken", out, digest=digest.short, position=digest.position, now=now
        )
        click.echo(said, err=True)
    if not result.intact:
        raise SystemExit(1)
    chain_word = message("chain_one" if result.aggregates == 1 else "chain_many", out)
    counts = {"events": result.events, "chains": result.aggregates, "chain_word": chain_word}
    if case_ref:
        click.echo(message("log_intact_case", out, case=case_ref, **counts))
    else:
        click.echo(message("log_intact", out, **counts))
    if digest is not None:
        click.echo(message("against_holds", out, digest=digest.short))
    click.echo(origin_line(result.origin, out))
    click.echo(session.message("digest_line", digest=log_digest(session.app).short))


def break_line(found: Break, lang: Lang) -> str:
    """One broken link, in ``lang``: whose chain, which version and position, what broke."""
    subject = message(f"subject_{found.subject.kind}", lang, ref=found.subject.ref)
    what = message(f"break_{found.kind}", lang, other=found.other, position=found.position)
    return message(
        "break_line",
        lang,
        subject=subject,
        version=found.version,
        position=found.position,
        what=what,
    )


def origin_line(origin: Origin | None, lang: Lang) -> str:
    """From which position on the chain was made as events were recorded."""
    if origin is None or origin.kind == "recorded":
        return message("origin_recorded", lang)
    day = date.fromisoformat(origin.at[:10])
    return message("origin_migrated", lang, up_to=origin.up_to, day=day, first=origin.up_to + 1)


@click.command("digest", cls=HelpCommand)
@click.pass_obj
def digest(session: Session) -> None:
    from zatlog.verify import log_digest

    current = log_digest(session.app)
    click.echo(current.short)
    click.echo(current.full)


@click.command("backup", cls=HelpCommand)
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_obj
def backup(session: Session, file: str) -> None:
    from pathlib import Path

    from zatlog.backup import backup
    from zatlog.verify import log_digest

    location = session.location
    backup(location, Path(file))
    from zatlog.application import ZatlogApp
    from zatlog.storage import resolve

    copy = ZatlogApp(resolve(str(Path(file).resolve())))
    try:
        click.echo(session.message("backup_written", file=file, digest=log_digest(copy).short))
    finally:
        copy.close()


@click.command("restore", cls=HelpCommand)
@click.argument("file", type=click.Path(dir_okay=False))
@lang_option
@click.pass_obj
def restore(session: Session, file: str, lang: str | None) -> None:
    from pathlib import Path

    from zatlog.backup import discard, restore
    from zatlog.verify import log_digest, verify

    session.may_create()  # restore makes a new database from the backup
    location = session.location
    restore(Path(file), location)
    session.reset()
    result = verify(session.app)
    if not result.intact:
        out = language(session, lang)
        for found in result.breaks:
            click.echo(break_line(found, out), err=True)
        session.reset()
        discard(location)
        raise SystemExit(1)
    digest = log_digest(session.app).short
    click.echo(
        message(
            "restored",
            language(session, lang),
            target=location.target,
            file=file,
            events=result.events,
            digest=digest,
        )
    )
