"""Proving the log: `zatlog verify` and `zatlog digest`."""

from __future__ import annotations

import click

from zatlog.cli.help import HelpCommand
from zatlog.cli.main import Session
from zatlog.cli.options import lang_option, language, require_case


@click.command("verify", cls=HelpCommand)
@click.option("--case", "case_ref", metavar="REF")
@click.option("--against", metavar="DIGEST")
@lang_option
@click.pass_obj
def verify(session: Session, case_ref: str | None, against: str | None, lang: str | None) -> None:
    from zatlog.chain import Digest
    from zatlog.verify import describe_origin, log_digest, verify

    out = language(session, lang)
    if case_ref is not None:
        require_case(session, case_ref, out)
    digest = Digest.parse(against) if against else None
    result = verify(session.app, case=case_ref, against=digest)
    nl = out == "nl"
    for found in result.breaks:
        click.echo(("BREUK: " if nl else "BROKEN: ") + found.describe(out), err=True)
    if digest is not None and not result.against_holds:
        assert result.recomputed is not None
        click.echo(
            (
                f"de log van digest {digest.short} zit niet meer ongewijzigd in de log van "
                f"vandaag (tot positie {digest.position} nu: {result.recomputed.short})"
                if nl
                else f"the log of digest {digest.short} is no longer contained, unchanged, in "
                f"today's log (up to position {digest.position} now: {result.recomputed.short})"
            ),
            err=True,
        )
    if not result.intact:
        raise SystemExit(1)
    what = f"dossier {case_ref}" if case_ref and nl else f"case {case_ref}" if case_ref else ""
    if nl:
        click.echo(
            f"de log is ongeschonden{' voor ' + what if what else ''}: {result.events} "
            f"gebeurtenissen in {result.aggregates} keten{'s' if result.aggregates != 1 else ''}, "
            "elke schakel klopt"
        )
    else:
        click.echo(
            f"the log is intact{' for ' + what if what else ''}: {result.events} events "
            f"in {result.aggregates} chain{'s' if result.aggregates != 1 else ''}, every link holds"
        )
    if digest is not None:
        click.echo(
            f"de log van digest {digest.short} zit ongewijzigd in de log van vandaag"
            if nl
            else f"the log of digest {digest.short} is contained, unchanged, in today's log"
        )
    click.echo(describe_origin(result.origin, out))
    click.echo(session.message("digest_line", digest=log_digest(session.app).short))


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
    from zatlog.projections.i18n import message
    from zatlog.verify import log_digest, verify

    session.may_create()  # restore makes a new database from the backup
    location = session.location
    restore(Path(file), location)
    session.reset()
    result = verify(session.app)
    if not result.intact:
        out = language(session, lang)
        for found in result.breaks:
            click.echo(("BREUK: " if out == "nl" else "BROKEN: ") + found.describe(out), err=True)
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
