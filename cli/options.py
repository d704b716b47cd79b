"""Option types and decorators shared by the reading commands."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from zatlog.projections.text_table import escaped as escaped  # stored text on a terminal

if TYPE_CHECKING:
    from zatlog.cli.main import Session
    from zatlog.policy import Policy
    from zatlog.projections.i18n import Lang

F = TypeVar("F", bound=Callable[..., Any])


class DateType(click.ParamType[date]):
    """A calendar date written YYYY-MM-DD."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            from zatlog.cli.main import Session
            from zatlog.projections.i18n import message

            session = ctx.find_object(Session) if ctx is not None else None
            lang = session.language if session is not None else "nl"
            self.fail(message("not_a_date_value", lang, value=repr(value)), param, ctx)


DATE = DateType()


def lang_option(function: F) -> F:
    """``--lang`` on a command that writes for people; it wins over the global one."""
    return click.option("--lang", type=click.Choice(["nl", "en"]), default=None)(function)


def language(session: Session, lang: str | None) -> Lang:
    """The command's ``--lang``, else the global one (Dutch by default).

    A command's own ``--lang`` becomes the session's, so its errors speak it too.
    """
    if lang is not None:
        session.lang = lang
    return session.language


def format_option(function: F) -> F:
    """``--format table|json`` of a reading command."""
    return click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
    )(function)


def report_format_option(function: F) -> F:
    """``--format table|json|csv|html`` of a report for people outside the care team."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv", "html"]),
        default="table",
        show_default=True,
    )(function)


def policy_option(function: F) -> F:
    """``--policy FILE.toml``: overrides of the policy defaults (docs/policy.md)."""
    return click.option("--policy", "policy_file", type=click.Path(exists=True, dir_okay=False))(
        function
    )


def policy_from(policy_file: str | None) -> Policy:
    """The policy of ``--policy``, or the defaults."""
    from zatlog.policy import Policy, load_policy

    return load_policy(policy_file) if policy_file else Policy()


def output_option(function: F) -> F:
    return click.option("--output", "-o", type=click.Path(allow_dash=True), default="-")(function)


def reversed_range(session: Session, start: date | None, end: date | None) -> None:
    """``--from`` after ``--to`` is a usage error (exit 2)."""
    if start is not None and end is not None and start > end:
        raise click.UsageError(session.message("reversed_range", start=start, end=end))


def check_output(session: Session, output: str) -> Path:
    """The file ``--output`` names, refused before anything is computed or recorded when it
    is a symbolic link, a folder, or lies in a folder that does not exist."""
    target = Path(output)
    if target.is_symlink():
        raise click.ClickException(session.message("output_symlink", path=output))
    if target.is_dir():
        raise click.ClickException(session.message("output_is_folder", path=output))
    folder = target.parent
    if not folder.is_dir():
        raise click.ClickException(
            session.message("output_no_folder", path=output, folder=str(folder))
        )
    return target


def write_output(session: Session, output: str, content: str | bytes) -> None:
    """Write ``content`` to ``output`` (``-`` is standard output), privately and whole.

    A regular file is written to a private temporary file (0600) in the same
    folder and renamed over the target only once complete, so a failed write
    leaves nothing behind. A device or pipe (``/dev/null``) is written directly.
    Text ends with a line break (one is added if it has none).
    """
    if isinstance(content, str):
        write_pieces(session, output, (content,))
        return
    if output == "-":
        stdout = sys.stdout.buffer
        stdout.write(content)
        stdout.flush()
        return
    with private_file(session, output) as stream:
        stream.write(content)


def write_pieces(session: Session, output: str, pieces: Iterable[str]) -> None:
    """Write the text ``"".join(pieces)`` as :func:`write_output` writes it, each piece as it
    comes: a large report is never held whole (nor its bytes)."""
    last = ""
    with ExitStack() as stack:
        if output == "-":
            stream: IO[bytes] = sys.stdout.buffer
        else:
            stream = stack.enter_context(private_file(session, output))
        for piece in pieces:
            stream.write(piece.encode("utf-8"))
            last = piece or last
        if not last.endswith("\n"):
            stream.write(b"\n")
        stream.flush()


@contextmanager
def private_file(session: Session, output: str) -> Iterator[IO[bytes]]:
    """A binary stream onto ``output``; the file appears (0600) only when the block succeeds."""
    target = check_output(session, output)
    try:
        if target.exists() and not target.is_file():  # a device or a pipe: never replace it
            with target.open("wb") as stream:
                yield stream
            return
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise click.ClickException(
            session.message("output_failed", path=output, reason=error)
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        raise click.ClickException(
            session.message("output_failed", path=output, reason=error)
        ) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def limit_text(problem: tuple[str, dict[str, object]], lang: Lang) -> str:
    """What :meth:`zatlog.limits.Limit.check` found, said in ``lang``."""
    from zatlog.limits import LIMIT_PROBLEMS
    from zatlog.projections.i18n import problem_text

    key, fields = problem
    return problem_text(key, fields, LIMIT_PROBLEMS[key].format(**fields), lang)


def require_case(session: Session, reference: str, lang: Lang | None = None) -> None:
    """Exit 1 unless case ``reference`` was opened, naming the closest references."""
    from zatlog.projections.case_refs import known_cases

    with session.read_models(["case_state"], lang=lang or "") as view:
        known = known_cases(view)
    if reference not in known:
        raise click.ClickException(escaped(unknown_case(session, reference, known, lang)))


def unknown_case(
    session: Session, reference: str, known: list[str], lang: Lang | None = None
) -> str:
    """The message for an unknown case, naming the close references when there are any."""
    from zatlog.projections.case_refs import close_references
    from zatlog.projections.i18n import CASE_LABELS, label, message

    lang = lang or ("en" if session.lang == "en" else "nl")
    close = close_references(reference, known)
    if not close:
        return label(CASE_LABELS, "unknown_case", lang).format(case=reference)
    return message("unknown_case_suggest", lang, case=reference, suggestions=_either(close, lang))


def require_school(session: Session, school: str, lang: Lang | None = None) -> None:
    """Exit 1 unless ``school`` has a case in the log, naming the closest schools.

    A mistyped ``--school`` would otherwise read as a school without findings.
    """
    from zatlog.errors import ZatlogError
    from zatlog.projections.case_refs import close_references, known_schools
    from zatlog.projections.i18n import message

    lang = lang or ("en" if session.lang == "en" else "nl")
    with session.read_models(["case_state"], lang=lang) as view:
        known = known_schools(view)
    if school in known:
        return
    close = close_references(school, known)
    text = (
        message("unknown_school_suggest", lang, school=school, suggestions=_either(close, lang))
        if close
        else message("unknown_school", lang, school=school)
    )
    raise ZatlogError(escaped(text))


def _either(choices: list[str], lang: Lang) -> str:
    """``a, b or c`` in ``lang``, each shown as typed (escaped)."""
    from zatlog.projections.i18n import alternatives

    return alternatives([repr(choice)[1:-1] for choice in choices], lang)


COLOURS = {"red": 31, "green": 32, "yellow": 33}


def colour_wanted(stream: IO[str] | None = None) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    return bool(getattr(target, "isatty", lambda: False)())


def paint(text: str, colour: str, stream: IO[str] | None = None) -> str:
    """``text`` in ``colour`` when :func:`colour_wanted`, else as it is."""
    if not colour_wanted(stream):
        return text
    return f"\x1b[{COLOURS[colour]}m{text}\x1b[0m"
