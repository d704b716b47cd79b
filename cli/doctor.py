"""``zatlog doctor``: is everything zatlog needs in place, and what to do when not."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from zatlog.cli.help import HelpCommand
from zatlog.cli.main import Session, error_text

if TYPE_CHECKING:
    from zatlog.storage import Location


@dataclass(frozen=True)
class Check:
    """One line of the report: what was checked, how it stands, and what to do."""

    name: str
    status: str  # "ok", "note" or "problem"
    detail: str
    fix: str = ""


@click.command("doctor", cls=HelpCommand)
@click.pass_obj
def doctor(session: Session) -> None:
    checks = [python_check(session), pdf_check(session)]
    checks += database_checks(session)
    problems = sum(check.status == "problem" for check in checks)
    for check in checks:
        click.echo(render(session, check))
    click.echo("")
    if problems:
        if problems == 1:
            click.echo(session.message("doctor_summary_problem"))
        else:
            click.echo(session.message("doctor_summary_problems", count=problems))
        raise SystemExit(1)
    click.echo(session.message("doctor_summary_ok"))


def render(session: Session, check: Check) -> str:
    from zatlog.cli.options import escaped, paint

    word = session.message(f"doctor_{check.status}")
    colour = {"ok": "green", "note": "yellow", "problem": "red"}[check.status]
    line = f"{paint(word.ljust(9), colour)} {check.name}: {escaped(check.detail)}"
    if check.fix:
        line += f"\n          → {escaped(check.fix)}"
    return line


def python_check(session: Session) -> Check:
    version = ".".join(str(part) for part in sys.version_info[:3])
    name = session.message("doctor_python")
    return Check(name, "ok", version)


def pdf_check(session: Session) -> Check:
    from zatlog.projections.pdf import PdfUnavailable, weasyprint_html

    name = session.message("doctor_pdf")
    try:
        weasyprint_html()
    except PdfUnavailable as error:
        return Check(name, "problem", error.error, session.message("doctor_pdf_fix"))
    from weasyprint import __version__ as weasyprint_version

    return Check(name, "ok", f"WeasyPrint {weasyprint_version}")


def database_checks(session: Session) -> list[Check]:
    """The database, its key and its read models; later checks need the earlier ones."""
    from zatlog.errors import StorageError
    from zatlog.keys import BadKey, KeyNotFound, keys_folder
    from zatlog.storage import NoDatabase, NotADatabase, check_database, resolve

    database = session.message("doctor_database")
    key = session.message("doctor_key")
    models = session.message("doctor_readmodels")
    skipped = session.message("doctor_skipped")
    try:
        location = resolve(session.db)
    except BadKey as error:
        detail = error_text(error, session.language)
        return [
            Check(key, "problem", detail, session.message("doctor_key_fix", path=keys_folder())),
            Check(models, "note", skipped),
        ]
    except KeyNotFound as error:
        detail = f"{session.message('doctor_key_misfit')} ({error_text(error, session.language)})"
        return [
            Check(key, "problem", detail, session.message("doctor_key_fix", path=keys_folder())),
            Check(models, "note", skipped),
        ]
    except StorageError as error:
        return [
            Check(database, "problem", error_text(error, session.language)),
            Check(models, "note", skipped),
        ]
    try:
        check_database(location)
    except (NoDatabase, NotADatabase) as error:
        return [
            Check(
                database,
                "problem",
                session.no_database(error),
                session.message("doctor_database_fix", path=location.target),
            ),
            Check(key, "note", skipped),
            Check(models, "note", skipped),
        ]
    except StorageError as error:
        return [
            Check(database, "problem", error_text(error, session.language)),
            Check(key, "note", skipped),
            Check(models, "note", skipped),
        ]
    checks = [database_check(session, location)]
    checks += key_checks(session, location)
    if checks[-1].status != "problem":
        checks.append(readmodel_check(session, location))
    return checks


def database_check(session: Session, location: Location) -> Check:
    from zatlog.storage import readable_by_others

    name = session.message("doctor_database")
    if location.is_postgres:
        return Check(name, "ok", f"{location.target} (PostgreSQL)")
    if readable_by_others(Path(location.target)):
        return Check(
            name,
            "problem",
            session.message("doctor_shared", path=location.target),
            session.message("doctor_chmod", path=location.target),
        )
    return Check(name, "ok", f"{location.target} ({session.message('doctor_private')})")


def key_checks(session: Session, location: Location) -> list[Check]:
    from eventsourcing.persistence import MapperDeserialisationError

    from zatlog.application import ZatlogApp
    from zatlog.keys import KEY_ENV, key_file, legacy_key_path
    from zatlog.storage import readable_by_others

    name = session.message("doctor_key")
    path = key_file(location.key_id) if location.key_id else legacy_key_path(location.target)
    source = KEY_ENV if os.environ.get(KEY_ENV) else str(path)
    checks: list[Check] = []
    if location.encrypted and source == str(path) and readable_by_others(path):
        checks.append(
            Check(
                name,
                "problem",
                session.message("doctor_shared", path=path),
                session.message("doctor_chmod", path=path),
            )
        )
    app = ZatlogApp(location)
    try:
        first = app.recorder.select_notifications(start=0, limit=1)
        if first:
            app.mapper.to_domain_event(first[0])
    except MapperDeserialisationError:
        checks.append(
            Check(
                name,
                "problem",
                session.message("doctor_key_misfit"),
                session.message("doctor_key_fix", path=path),
            )
        )
        return checks
    finally:
        app.close()
    if not location.encrypted:
        checks.append(Check(name, "note", session.message("doctor_key_none")))
    elif not checks:
        checks.append(Check(name, "ok", session.message("doctor_key_from", source=source)))
    return checks


def readmodel_check(session: Session, location: Location) -> Check:
    from zatlog.errors import ZatlogError
    from zatlog.projections.runner import status

    name = session.message("doctor_readmodels")
    try:
        positions = status(location)
    except ZatlogError as error:
        problem = error_text(error, session.language)
        return Check(name, "problem", problem, session.message("doctor_readmodels_fix"))
    end = max((log for _, log in positions.values()), default=0)
    behind = max((log - position for position, log in positions.values()), default=0)
    if behind:
        from zatlog.projections.follower import follower_running

        followed = follower_running(location)
        key = "doctor_readmodels_followed" if followed else "doctor_readmodels_behind"
        return Check(name, "note", session.message(key, behind=behind))
    return Check(name, "ok", session.message("doctor_readmodels_current", end=end))
