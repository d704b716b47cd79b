"""The root ``zatlog`` command: global options, lazy subcommands, error mapping.

Subcommands are imported only when called, so ``zatlog --version`` and
``--help`` stay fast and a read command never imports what it does not use.
"""

from __future__ import annotations

import getpass
import importlib
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from zatlog import __version__
from zatlog.cli.help import HelpGroup, placeholders, typed_lang

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from datetime import date
    from pathlib import Path

    from zatlog.actions import Action
    from zatlog.application import ZatlogApp
    from zatlog.errors import FieldProblem, InvalidAction, ZatlogError
    from zatlog.projections.i18n import Lang
    from zatlog.projections.runner import ReadModelView
    from zatlog.storage import Location, NoDatabase, NotADatabase

LANGS = click.Choice(["nl", "en"])

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    # name: (module under zatlog.cli, attribute)
    "import": ("admin", "import_command"),
    "export-log": ("admin", "export_log"),
    "demo": ("admin", "demo"),
    "init": ("admin", "init"),
    "audit": ("audit", "audit"),
    "case": ("cases", "case"),
    "relation": ("record", "relation"),
    "pupil": ("record", "pupil"),
    "signal": ("record", "signal"),
    "step": ("record", "step"),
    "parents": ("record", "parents"),
    "plan": ("record", "plan"),
    "sdq": ("record", "sdq"),
    "zat": ("record", "zat"),
    "support": ("record", "support"),
    "consent": ("record", "consent"),
    "notice": ("record", "notice"),
    "meeting": ("record", "meeting"),
    "discussion": ("record", "discussion"),
    "safety": ("record", "safety"),
    "information": ("record", "information"),
    "school": ("record", "school"),
    "dossier": ("dossier", "dossier"),
    "providers": ("providers", "providers"),
    "due": ("due", "due"),
    "access-log": ("access", "access_log"),
    "projections": ("projections_cmd", "projections"),
    "verify": ("integrity", "verify"),
    "digest": ("integrity", "digest"),
    "backup": ("integrity", "backup"),
    "restore": ("integrity", "restore"),
    "doctor": ("doctor", "doctor"),
    "admin": ("admin_roles", "admin"),
}
"""Every subcommand and where it lives; other modules add theirs here."""


class Session:
    """What every command shares: the database, the actor and the language."""

    def __init__(self, db: str | None, actor: str | None, lang: str) -> None:
        self.db = db
        self.lang = lang
        self._actor = actor
        self._resolved_actor: str | None = None
        self._app: ZatlogApp | None = None
        self._location: Location | None = None
        self.creates = False
        """Whether this command may create the database (only init, demo and import)."""
        self._created: list[Path] = []
        """What this command created for a new database, taken away again if it fails."""
        self.encrypt_new = True
        """Whether a database that does not exist yet is created encrypted (``--no-encrypt``)."""
        self._lag_said = False
        """Whether this command said already that the read models lag behind the log."""

    @property
    def actor(self) -> str:
        """Who records and looks.

        On PostgreSQL: the role this session logged in as. ``--actor`` (or
        ZATLOG_ACTOR) naming someone else is refused, unless the role may record for
        others (see :mod:`zatlog.roles`). On SQLite: ``--actor``, else ZATLOG_ACTOR,
        else the operating system's user name.
        """
        if self._resolved_actor is None:
            claimed = self._actor or os.environ.get("ZATLOG_ACTOR")
            if claimed:
                self._check_actor(claimed, "--actor" if self._actor else "ZATLOG_ACTOR")
            location = self.location
            if location.is_postgres:
                from zatlog.roles import identity

                me = identity(location)
                if claimed and claimed != me.role and not me.records_for_others:
                    source = "--actor" if self._actor else "ZATLOG_ACTOR"
                    raise click.ClickException(
                        self.message("actor_refused", source=source, claimed=claimed, role=me.role)
                    )
                self._resolved_actor = claimed or me.role
            else:
                self._resolved_actor = claimed or getpass.getuser()
        return self._resolved_actor

    def _check_actor(self, claimed: str, source: str) -> None:
        """An actor is an identifier, as an action's ``by`` is: it is kept in the access
        log and shown in its tables."""
        from zatlog.cli.options import limit_text
        from zatlog.limits import IDENTIFIER

        problem = IDENTIFIER.check(claimed, "actor")
        if problem is not None:
            raise click.ClickException(f"{source}: {limit_text(problem, self.language)}")

    @property
    def language(self) -> Lang:
        """The global ``--lang``."""
        return "en" if self.lang == "en" else "nl"

    def message(self, key: str, /, **fields: object) -> str:
        """A message of the command line in the session's language."""
        from zatlog.projections.i18n import message

        return message(key, self.language, **fields)

    def may_create(self) -> None:
        """Let this command create the database: ``init``, ``demo`` and ``import`` only."""
        self.creates = True

    @property
    def location(self) -> Location:
        """The database, checked: a command that does not create one finds it there.

        On a path with no database nothing is created (no file, no folder). An
        encrypted database comes with its key (see :func:`zatlog.storage.resolve`).
        """
        if self._app is not None:  # a database created just now: with its key
            return self._app.location
        if self._location is None:
            from zatlog.storage import (
                NoDatabase,
                NotADatabase,
                check_database,
                holds_data,
                prepare,
                resolve,
            )

            location = resolve(self.db)
            try:
                if self.creates and not holds_data(location):
                    self._created = prepare(location)
                else:  # never add a log to a file that holds something else
                    check_database(location)
            except (NoDatabase, NotADatabase) as error:
                raise click.ClickException(self.no_database(error)) from None
            except OSError as error:
                raise click.ClickException(
                    self.message(
                        "cannot_create",
                        path=error.filename or location.target,
                        reason=error,
                    )
                ) from None
            self._warn_if_shared(location)
            self._location = location
        return self._location

    def no_database(self, error: NoDatabase | NotADatabase) -> str:
        """What to say when no zatlog log is where ``--db`` points."""
        return error_text(error, self.language)

    def _warn_if_shared(self, location: Location) -> None:
        """A database or key file that others may read: say so (stderr), once."""
        from pathlib import Path

        from zatlog.keys import KEY_ENV, key_file, legacy_key_path
        from zatlog.storage import readable_by_others

        files = [] if location.is_postgres else [Path(location.target)]
        if location.encrypted and not os.environ.get(KEY_ENV):
            files.append(
                key_file(location.key_id) if location.key_id else legacy_key_path(location.target)
            )
        for path in files:
            if readable_by_others(path):
                click.echo(self.message("readable_by_others", path=path), err=True)

    @property
    def app(self) -> ZatlogApp:
        """The log, opened on first use (a new database is created, encrypted by default)."""
        if self._app is None:
            from zatlog.application import ZatlogApp

            self._app = ZatlogApp(self.location, encrypt_new=self.encrypt_new)
        return self._app

    def record(self, batch: Sequence[tuple[Action, str]]) -> int:
        """Record a batch in one transaction, then bring the read models up to date."""
        count = self.app.record(batch)
        self.catch_up()
        return count

    def catch_up(self) -> None:
        """Bring the read models up to the end of the log (after a write).

        The actions are already safely recorded when this runs; should it fail,
        the read models catch up on the next read instead. While a follower keeps
        them (PostgreSQL), the follower catches up instead.
        """
        from eventsourcing.persistence import PersistenceError

        from zatlog.errors import ZatlogError
        from zatlog.projections.follower import followed
        from zatlog.projections.runner import catch_up, view_of

        if not self.app.maintains_read_models:
            return  # a person's role on a server: the owner's follower keeps them
        try:
            if not followed(self.app.location, view_of(self.app)):
                catch_up(self.app)
        except (ZatlogError, PersistenceError) as error:
            click.echo(self.message("catch_up_failed", reason=error), err=True)

    @contextmanager
    def read_models(
        self, names: Iterable[str] | None = None, *, today: date | None = None, lang: str = ""
    ) -> Iterator[ReadModelView]:
        """The named read models, current (see :func:`~zatlog.projections.runner.current_view`).

        While a follower keeps them and they lag, a line on standard error says how
        far, in ``lang`` (default: the session's language).
        """
        from zatlog.projections.i18n import message
        from zatlog.projections.runner import current_view

        def lagging(behind: int) -> None:
            if not self._lag_said:  # once per command, however many reads it makes
                chosen: Lang = "en" if (lang or self.lang) == "en" else "nl"
                click.echo(message("read_models_behind", chosen, behind=behind), err=True)
                self._lag_said = True

        with current_view(self.location, names, today=today, lagging=lagging) as view:
            yield view

    def close(self) -> None:
        if self._app is not None:
            self._app.close()

    def failed(self) -> None:
        """The command failed: a database it created holds nothing, so take it away."""
        if self._created:
            from zatlog.storage import remove_created

            self.reset()
            remove_created(self._created)
            self._created = []

    def reset(self) -> None:
        """Forget the opened application, so the next use reads the settings again."""
        self.close()
        self._app = None
        self._location = None


class LazyGroup(HelpGroup):
    """A group whose subcommands are imported on first use."""

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, attribute = self.lazy[cmd_name]
            command = getattr(importlib.import_module(f"zatlog.cli.{module}"), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        typed = typed_lang(args)  # before parsing, which consumes args
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as error:  # the root's own options: --lang not read yet
            raise said(error, typed or "nl") from None

    def invoke(self, ctx: click.Context) -> Any:
        from zatlog.errors import ZatlogError

        try:
            return super().invoke(ctx)
        except Said:
            _failed(ctx)
            raise
        except click.ClickException as error:
            _failed(ctx)
            raise said(error, _lang(ctx)) from None
        except (click.exceptions.Exit, click.Abort, SystemExit):
            _failed(ctx)
            raise
        except ZatlogError as error:
            _failed(ctx)
            raise said(click.ClickException(explain(ctx, error)), _lang(ctx)) from None
        except BrokenPipeError:  # `zatlog … | head`: the reader has gone, nobody to tell
            _failed(ctx)
            _stdout_to_devnull()
            raise SystemExit(1) from None
        except Exception as error:
            _failed(ctx)
            raise said(click.ClickException(explain(ctx, error)), _lang(ctx)) from None


def _stdout_to_devnull() -> None:
    """Point standard output at /dev/null, so that flushing it at exit fails no more."""
    import sys

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (a test's capture)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _lang(ctx: click.Context) -> Lang:
    return ctx.obj.language if isinstance(ctx.obj, Session) else "nl"


class Said(click.ClickException):
    """A click error shown in the session's language: ``Fout: …``, usage and hint too."""

    def __init__(self, error: click.ClickException, lang: Lang) -> None:
        super().__init__(error.message)
        self.error = error
        self.lang: Lang = lang

    def format_message(self) -> str:
        from zatlog.projections.i18n import click_text

        text = click_text(self.error.format_message(), self.lang)
        param = getattr(self.error, "param", None)
        ctx = getattr(self.error, "ctx", None)
        if isinstance(param, click.Argument) and isinstance(ctx, click.Context):
            metavar = param.make_metavar(ctx)  # as the usage line names it
            text = text.replace(f"'{metavar}'", f"'{placeholders(metavar, self.lang)}'")
        return text

    def show(self, file: Any = None) -> None:
        from zatlog.projections.i18n import message

        if isinstance(self.error, click.exceptions.NoArgsIsHelpError):
            self.error.show(file)  # a bare `zatlog` or group: its help, not an error around it
            return
        usage = self.error.ctx if isinstance(self.error, click.UsageError) else None
        if usage is not None:
            line = usage.get_usage().split(" ", 1)[-1]
            click.echo(message("usage_line", self.lang, usage=line), file=file, err=True)
            if usage.command.get_help_option(usage) is not None:
                option = max(usage.command.get_help_option_names(usage), key=len)
                hint = message("help_hint", self.lang, command=usage.command_path, option=option)
                click.echo(hint + "\n", file=file, err=True)
        text = message("error_line", self.lang, message=self.format_message())
        click.echo(text, file=file, err=True)


class SaidUsage(Said):
    """A usage error (exit status 2) in the session's language."""

    exit_code = 2


def said(error: click.ClickException, lang: Lang) -> Said:
    """``error`` to be shown in ``lang``, with its exit status."""
    return SaidUsage(error, lang) if error.exit_code == 2 else Said(error, lang)


def _failed(ctx: click.Context) -> None:
    if isinstance(ctx.obj, Session):
        ctx.obj.failed()


def explain(ctx: click.Context, error: Exception) -> str:
    """One line for an error that reached the root command, in the session's language."""
    import sqlite3

    from eventsourcing.persistence import DataError, IntegrityError, PersistenceError

    from zatlog.errors import ZatlogError
    from zatlog.projections.i18n import message
    from zatlog.projections.pdf import PdfUnavailable
    from zatlog.roles import ActorRefused

    lang: Lang = "en" if isinstance(ctx.obj, Session) and ctx.obj.lang == "en" else "nl"
    if isinstance(error, ActorRefused):
        return message("actor_refused", lang, source="by", claimed=error.claimed, role=error.role)
    if isinstance(error, PdfUnavailable):
        return message("no_pango", lang, error=error.error)
    if isinstance(error, ZatlogError):
        return error_text(error, lang)
    reason = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, PersistenceError) and "row-level security" in reason:
        return message("not_your_school", lang)  # a role's write outside its schools
    if isinstance(error, PersistenceError) and "permission denied" in reason:
        return message("permission_denied", lang, reason=reason)
    if isinstance(error, DataError | IntegrityError):
        return message("store_refused", lang, reason=reason)
    if isinstance(error, PersistenceError | sqlite3.Error):
        return message("store_failed", lang, reason=reason)
    if isinstance(error, OSError) and error.strerror:
        path = error.filename if error.filename is not None else "zatlog"
        return message("file_error", lang, path=path, reason=error)
    return message("unexpected", lang, kind=type(error).__name__, detail=reason)


def error_text(error: ZatlogError, lang: Lang) -> str:
    """A zatlog error in ``lang``: keyed errors and problems through the message catalog."""
    from zatlog.errors import InvalidAction, LineError
    from zatlog.projections.i18n import message, problem_text

    if isinstance(error, LineError):
        where = (
            message("at_line", lang, source=error.source, line=error.line)
            if error.source
            else message("at_line_only", lang, line=error.line)
        )
        return "\n".join(f"{where}: {problem_line(p, lang)}" for p in error.error.problems)
    if isinstance(error, InvalidAction):
        return "; ".join(problem_line(p, lang) for p in error.problems)
    return problem_text(error.key, error.fields, str(error), lang)


def problem_line(problem: FieldProblem, lang: Lang, name: str | None = None) -> str:
    """``field: what was expected`` in ``lang`` (``name``: how the user named the field)."""
    from zatlog.projections.i18n import message, problem_text

    text = problem_text(problem.key, problem.fields, problem.message, lang)
    if name == "":
        return text
    where = message("whole_line", lang) if problem.field == "(line)" else problem.field
    return f"{name or where}: {text}"


def as_options(error: InvalidAction, lang: Lang, options: dict[str, str] | None = None) -> str:
    """The problems of an action, each named by its command-line option, in ``lang``."""
    return "\n".join(
        problem_line(
            p,
            lang,
            ""
            if p.field in ("(line)", "action")
            else (options or {}).get(p.field, "--" + p.field.replace("_", "-")),
        )
        for p in error.problems
    )


@click.group(
    cls=LazyGroup,
    lazy=SUBCOMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# The version in no language's words: ``--version`` is answered before ``--lang`` is read.
@click.version_option(__version__, prog_name="zatlog", message="%(prog)s %(version)s")
@click.option("--db", metavar="PATH|URL")
@click.option("--actor", metavar="ID")
@click.option("--lang", type=LANGS, default="nl", show_default=True)
@click.pass_context
def cli(ctx: click.Context, db: str | None, actor: str | None, lang: str) -> None:
    session = Session(db=db, actor=actor, lang=lang)
    ctx.obj = session
    ctx.call_on_close(session.close)


def main() -> None:
    """Console entry point."""
    cli(prog_name="zatlog")


if __name__ == "__main__":  # pragma: no cover
    main()
