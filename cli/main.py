"""The root ``zatlog`` command: global options, lazy subcommands, error mapping.

Subcommands are imported only when called, so ``zatlog --version`` and
``--help`` stay fast and a read command never imports what it does not use.
"""

from __future__ import annotations

import getpass
import importlib
import os
from typing import TYPE_CHECKING, Any

import click

from zatlog import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from zatlog.actions import Action
    from zatlog.application import ZatlogApp
    from zatlog.storage import Location

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
}
"""Every subcommand and where it lives; other modules add theirs here."""


class Session:
    """What every command shares: the database, the actor and the language."""

    def __init__(self, db: str | None, actor: str | None, lang: str) -> None:
        self.db = db
        self.lang = lang
        self._actor = actor
        self._app: ZatlogApp | None = None

    @property
    def actor(self) -> str:
        """``--actor``, else ZATLOG_ACTOR, else the operating system's user name."""
        return self._actor or os.environ.get("ZATLOG_ACTOR") or getpass.getuser()

    @property
    def location(self) -> Location:
        from zatlog.storage import resolve

        return resolve(self.db)

    @property
    def app(self) -> ZatlogApp:
        if self._app is None:
            from zatlog.application import ZatlogApp

            self._app = ZatlogApp(self.location)
        return self._app

    def record(self, batch: Sequence[tuple[Action, str]]) -> int:
        """Record a batch in one transaction, then bring the read models up to date."""
        count = self.app.record(batch)
        self.catch_up()
        return count

    def catch_up(self) -> None:
        """Bring the read models up to the end of the log (after a write).

        The actions are already safely recorded when this runs; should it fail,
        the read models catch up on the next read instead.
        """
        from zatlog.errors import ZatlogError
        from zatlog.projections.runner import catch_up

        try:
            catch_up(self.app)
        except ZatlogError as error:
            click.echo(
                f"warning: recorded, but the read models are not up to date yet ({error}); "
                "they catch up on the next read",
                err=True,
            )

    def close(self) -> None:
        if self._app is not None:
            self._app.close()

    def reset(self) -> None:
        """Forget the opened application, so the next use reads the settings again."""
        self.close()
        self._app = None


class LazyGroup(click.Group):
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

    def invoke(self, ctx: click.Context) -> Any:
        from zatlog.errors import ZatlogError

        try:
            return super().invoke(ctx)
        except ZatlogError as error:
            raise click.ClickException(str(error)) from None


@click.group(
    cls=LazyGroup, lazy=SUBCOMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="zatlog")
@click.option(
    "--db",
    metavar="PATH|URL",
    help="The database: a SQLite file, or postgresql://user@host/db. "
    "Default: $ZATLOG_DB, else a per-user data file.",
)
@click.option(
    "--actor",
    metavar="ID",
    help="Who records (staff id). Default: $ZATLOG_ACTOR, else your user name.",
)
@click.option(
    "--lang",
    type=LANGS,
    default="nl",
    show_default=True,
    help="Language of what people read (Dutch or English).",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, actor: str | None, lang: str) -> None:
    """zatlog: the case log of a school's care team (zorgcoördinator, CvB, ZAT).

    Every action on a pupil's case is recorded as an immutable event;
    case state, due lists, audits and dossier exports are rebuilt from
    that log.
    """
    session = Session(db=db, actor=actor, lang=lang)
    ctx.obj = session
    ctx.call_on_close(session.close)


def main() -> None:
    """Console entry point."""
    cli(prog_name="zatlog")


if __name__ == "__main__":  # pragma: no cover
    main()
