"""``zatlog dossier``: inspection requests and dossier exports for parents and pupils.

``request`` records an ``information_requested``; ``export`` writes the
document the reader is entitled to (PDF, HTML or JSON) and records its own
``information_disclosed``. The rights, redactions and content are decided
in :mod:`zatlog.projections.dossier.model`; this module parses, calls and
prints.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from zatlog.cli.access import log_look, purpose_option
from zatlog.cli.help import HelpGroup
from zatlog.cli.main import LANGS, Session, as_options
from zatlog.cli.options import (
    check_output,
    escaped,
    language,
    policy_from,
    policy_option,
    private_file,
    require_case,
)
from zatlog.errors import ZatlogError

if TYPE_CHECKING:
    from zatlog.projections.dossier.model import Dossier
    from zatlog.projections.dossier.render import Format

FORMATS = click.Choice(["pdf", "html", "json"])
KINDS = click.Choice(["inspection", "copy", "important_facts"])


@click.group("dossier", cls=HelpGroup)
def dossier() -> None:
    pass


@dossier.command("request")
@click.argument("ref")
@click.option("--for", "person", required=True, metavar="PERSON")
@click.option("--kind", required=True, type=KINDS)
@click.option("--at", "at", metavar="DATE")
@click.pass_obj
def request(session: Session, ref: str, person: str, kind: str, at: str | None) -> None:
    from zatlog.actions import InformationRequested, RelationRecorded, parse_action
    from zatlog.application import Rejected
    from zatlog.errors import InvalidAction
    from zatlog.projections.dossier.source import load_case_events

    day = _day(session, at)
    events = load_case_events(session.app, ref)
    if not events:
        require_case(session, ref, language(session, None))  # names the close references
        raise ZatlogError(session.message("case_not_opened", case=ref))
    prefix = f"r-{day:%Y%m%d}-"
    numbers = [
        int(e.action.request[len(prefix) :])
        for e in events
        if isinstance(e.action, InformationRequested)
        and e.action.request.startswith(prefix)
        and e.action.request[len(prefix) :].isdigit()
    ]
    number = max(numbers, default=0) + 1
    request_id = f"{prefix}{number}"
    data: dict[str, Any] = {
        "action": "information_requested",
        "case": ref,
        "at": day.isoformat(),
        "request": request_id,
        "requester": person,
        "kind": kind,
    }
    try:
        action = parse_action(data)
        session.record([(action, session.actor)])
    except Rejected as rejected:
        raise ZatlogError(as_options(rejected.error, session.language, OPTION_OF_FIELD)) from None
    except InvalidAction as error:
        raise ZatlogError(as_options(error, session.language, OPTION_OF_FIELD)) from None
    names = {
        e.action.person: e.action.name for e in events if isinstance(e.action, RelationRecorded)
    }
    who = escaped(f"{names[person]} ({person})") if person in names else person
    click.echo(
        session.message("recorded_request", request=request_id, person=who, case=ref, day=day)
    )


@dossier.command("export")
@click.argument("ref")
@click.option("--for", "person", required=True, metavar="PERSON")
@click.option("--format", "fmt", type=FORMATS, default="pdf", show_default=True)
@click.option("--lang", type=LANGS, default=None)
@click.option("--output", "-o", type=click.Path(allow_dash=True))
@click.option("--request", "request_id", metavar="ID")
@click.option("--include-safety", is_flag=True)
@click.option("--at", "at", metavar="DATE")
@policy_option
@purpose_option("dossier export")
@click.pass_obj
def export(
    session: Session,
    ref: str,
    person: str,
    fmt: str,
    lang: str | None,
    output: str | None,
    request_id: str | None,
    include_safety: bool,
    at: str | None,
    policy_file: str | None,
    purpose: str,
) -> None:
    from zatlog.access_log import read_access
    from zatlog.projections.dossier.looks import fold_looks
    from zatlog.projections.dossier.model import NoRight, build_dossier
    from zatlog.projections.dossier.render import refusal_message, render
    from zatlog.projections.dossier.source import load_case_events, load_school_events

    chosen = language(session, lang)
    if output == "-" and fmt == "pdf" and sys.stdout.isatty():  # bytes no terminal can show
        raise click.UsageError(session.message("pdf_to_terminal"))
    day = _day(session, at)
    policy = policy_from(policy_file)
    events = load_case_events(session.app, ref)
    if not events:
        require_case(session, ref, chosen)  # names the close references
        raise ZatlogError(session.message("case_not_opened", case=ref))
    school = next((e.action.school for e in events if e.action.action == "case_opened"), None)
    school_events = load_school_events(session.app, school or "default")
    try:
        document = build_dossier(
            events,
            school_events,
            person,
            day,
            policy,
            include_safety=include_safety,
            request=request_id,
        )
    except NoRight as refused:
        raise ZatlogError(refusal_message(refused, chosen)) from None
    from zatlog.verify import log_digest

    looks = fold_looks(read_access(session.location, case=ref), ref, policy)
    document = document.model_copy(
        update={"looks": looks, "log_digest": log_digest(session.app).full}
    )
    target = output or f"dossier-{ref}-{person}-{day.isoformat()}.{fmt}"
    if target != "-":
        check_output(session, target)
    content = render(document, _format(fmt), chosen, generated_on=date.today())
    if target == "-":
        stdout = sys.stdout.buffer
        stdout.write(content)
        stdout.flush()
        _record_written(session, document, fmt, day, purpose)
        _report(session, document, fmt, session.message("standard_output"), err=True)
        return
    _write_then_record(session, document, fmt, day, content, target, purpose)
    _report(session, document, fmt, target, err=False)


def _write_then_record(
    session: Session,
    document: Dossier,
    fmt: str,
    day: date,
    content: bytes,
    target: str,
    purpose: str,
) -> None:
    """Write the document, then record the disclosure, as one step.

    A file is written whole to a private temporary file beside the target; the
    disclosure is recorded only then, and the file renamed into place. A
    failed write records nothing, and a failed record leaves no file. A device
    or pipe is written first and the disclosure recorded once that succeeded.
    """
    path = Path(target)
    if path.exists() and not path.is_file():
        with private_file(session, target) as stream:
            stream.write(content)
        _record_written(session, document, fmt, day, purpose)
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise ZatlogError(session.message("output_failed", path=target, reason=error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        os.unlink(temporary)
        raise ZatlogError(session.message("output_failed", path=target, reason=error)) from None
    try:
        _record(session, document, fmt, day, purpose)
        os.replace(temporary, path)
    except OSError as error:
        raise ZatlogError(session.message("output_failed", path=target, reason=error)) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _record_written(session: Session, document: Dossier, fmt: str, day: date, purpose: str) -> None:
    """Record the disclosure of a document already handed over (a stream or device)."""
    try:
        _record(session, document, fmt, day, purpose)
    except ZatlogError as error:
        raise ZatlogError(session.message("written_not_recorded", reason=error)) from None


def _record(session: Session, document: Dossier, fmt: str, day: date, purpose: str) -> None:
    from zatlog.actions import parse_action
    from zatlog.application import Rejected
    from zatlog.projections.dossier.model import SAFETY_NOTE

    data: dict[str, Any] = {
        "action": "information_disclosed",
        "case": document.case,
        "at": day.isoformat(),
        "to": document.reader.person,
        "items": document.disclosed_items,
        "format": fmt,
        "note": f"dossier export {document.document_id}"
        + (SAFETY_NOTE if document.include_safety else ""),
    }
    if document.redactions:
        data["redactions"] = [{"item": r.item, "ground": r.ground} for r in document.redactions]
    if document.request:
        data["request"] = document.request
    log_look(session, "dossier export", [document.case], document.disclosed_items, purpose)
    try:
        session.record([(parse_action(data), session.actor)])
    except Rejected as rejected:
        raise ZatlogError(
            session.message(
                "disclosure_not_recorded",
                reason=as_options(rejected.error, session.language, OPTION_OF_FIELD),
            )
        ) from None


def _report(session: Session, document: Dossier, fmt: str, where: str, *, err: bool) -> None:
    from zatlog.projections.i18n import GROUND_LABELS, category_label, label

    lang = session.language
    reader = document.reader
    who = escaped(f"{reader.name} ({reader.person})") if reader.name else reader.person
    right = "right_full" if reader.right == "full" else "right_important_facts"
    withheld = ", ".join(
        f"{category_label(r.item, lang)} ({label(GROUND_LABELS, r.ground, lang)})"
        for r in document.redactions
    )
    click.echo(
        session.message(
            "dossier_written",
            where=where,
            right=session.message(right),
            case=document.case,
            person=who,
            format=fmt,
            document=document.document_id,
            withheld=withheld or session.message("withheld_nothing"),
        ),
        err=err,
    )
    click.echo(
        session.message("disclosure_recorded", person=who, case=document.case),
        err=err,
    )


def _day(session: Session, value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ZatlogError(session.message("not_a_date", option="--at", value=repr(value)))


def _format(value: str) -> Format:
    return cast("Format", value)


OPTION_OF_FIELD = {"requester": "--for", "to": "--for", "request": "--request", "at": "--at"}
