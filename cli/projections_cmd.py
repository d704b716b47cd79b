"""``zatlog projections``: the read models' position against the log, rebuilding, following."""

from __future__ import annotations

import signal
import sys
from typing import TYPE_CHECKING

import click

from zatlog.cli.cases import columns
from zatlog.cli.help import HelpGroup
from zatlog.cli.main import Session
from zatlog.projections.runner import PAGE_SIZE

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


@click.group("projections", cls=HelpGroup)
def projections() -> None:
    pass


@projections.command("status")
@click.pass_obj
def status(session: Session) -> None:
    from zatlog.projections.i18n import READ_MODEL_LABELS, label
    from zatlog.projections.runner import status as positions

    heads = ("status_projection", "status_position", "status_log", "status_behind")
    rows = [[session.message(head) for head in heads]]
    for name, (position, end) in positions(session.location).items():
        shown = label(READ_MODEL_LABELS, name, session.language)
        rows.append([shown, str(position), str(end), str(end - position)])
    click.echo(columns(rows))
    if session.location.is_postgres:
        from zatlog.projections.follower import follower_running

        running = follower_running(session.location)
        click.echo(session.message("status_followed" if running else "status_unfollowed"))


@projections.command("rebuild")
@click.option("--projection", "names", multiple=True, metavar="NAME")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N")
@click.pass_obj
def rebuild(session: Session, names: tuple[str, ...], workers: int | None) -> None:
    from zatlog.projections.i18n import READ_MODEL_LABELS, label
    from zatlog.projections.runner import LogUnreadable
    from zatlog.projections.runner import rebuild as rebuild_models

    bars = ProgressBars(
        {stage: session.message(f"progress_{stage}") for stage in ("events", "cases")}
    )
    try:
        result = rebuild_models(session.app, names or None, bars.update, workers=workers)
    except LogUnreadable as error:
        raise click.ClickException(session.message("key_unreadable", target=error.target)) from None
    finally:
        bars.close()
    for name, (position, _) in result.items():
        shown = label(READ_MODEL_LABELS, name, session.language)
        click.echo(session.message("rebuilt", name=shown, position=position))


class ProgressBars:
    """One progress bar (on standard error) per stage of a rebuild."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels
        self.stage = ""
        self.bar: ProgressBar[int] | None = None
        self.done = 0

    def update(self, stage: str, done: int, total: int) -> None:
        from click.termui import progressbar

        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = progressbar(
                length=total, label=self.labels.get(stage, stage), file=sys.stderr
            )
            self.bar.__enter__()
        assert self.bar is not None
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@projections.command("follow")
@click.option(
    "--page-size", type=click.IntRange(min=1), default=PAGE_SIZE, show_default=True, metavar="N"
)
@click.pass_obj
def follow(session: Session, page_size: int) -> None:
    import threading

    from zatlog.projections.follower import Follower

    if not session.location.is_postgres:
        raise click.ClickException(
            session.message("follow_needs_postgres", target=session.location.target)
        )

    def say(key: str, **fields: object) -> None:
        click.echo(session.message(key, **fields), err=True)

    stop = threading.Event()
    stopping = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in STOP_SIGNALS}
    try:
        Follower(session.app, stop, say, page_size=page_size).run()
    finally:
        for sig, previous in stopping.items():
            signal.signal(sig, previous)


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
"""What a service manager (SIGTERM) or a person (Ctrl-C) stops the follower with."""
