"""Option types and decorators shared by the reading commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

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
            self.fail(f"{value!r} is not a date YYYY-MM-DD", param, ctx)


DATE = DateType()


def lang_option(function: F) -> F:
    """``--lang`` on a command that writes for people; it wins over the global one."""
    return click.option(
        "--lang",
        type=click.Choice(["nl", "en"]),
        default=None,
        help="Language of the output (default: the global --lang, Dutch).",
    )(function)


def language(session: Session, lang: str | None) -> Lang:
    """The command's ``--lang``, else the global one (Dutch by default)."""
    return "en" if (lang or session.lang) == "en" else "nl"


def format_option(function: F) -> F:
    """``--format table|json`` of a reading command."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
        help="table for the terminal, json for tools.",
    )(function)


def report_format_option(function: F) -> F:
    """``--format table|json|csv|html`` of a report for people outside the care team."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv", "html"]),
        default="table",
        show_default=True,
        help="table for the terminal, json or csv for tools, html for a self-contained report.",
    )(function)


def policy_option(function: F) -> F:
    """``--policy FILE.toml``: overrides of the policy defaults (docs/policy.md)."""
    return click.option(
        "--policy",
        "policy_file",
        type=click.Path(exists=True, dir_okay=False),
        help="A TOML file overriding the policy defaults (docs/policy.md).",
    )(function)


def policy_from(policy_file: str | None) -> Policy:
    """The policy of ``--policy``, or the defaults."""
    from zatlog.policy import Policy, load_policy

    return load_policy(policy_file) if policy_file else Policy()


def output_option(function: F) -> F:
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, writable=True, allow_dash=True),
        default="-",
        help="Write to this file instead of standard output.",
    )(function)


def replaces_whole(output: str) -> bool:
    """Whether to write ``output`` atomically: regular files only, never a device or pipe."""
    return output != "-" and (not os.path.exists(output) or os.path.isfile(output))


def write_output(output: str, text: str) -> None:
    """Write ``text`` to ``output`` (``-`` is standard output); a file is replaced whole."""
    with click.open_file(output, "w", encoding="utf-8", atomic=replaces_whole(output)) as out:
        out.write(text if text.endswith("\n") else text + "\n")
