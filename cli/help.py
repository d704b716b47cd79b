"""``--help`` in the session's language, from the catalog of :mod:`zatlog.cli.help_texts`.

Every command of zatlog is a :class:`HelpCommand` or a :class:`HelpGroup`: its usage line,
text, arguments, options, list of subcommands and example are written from the catalog in
the language of ``--lang`` (Dutch by default), click's own words around them included.
A subcommand's ``--help`` is read after the root's callback, so the session knows the
language; the root's own ``--help`` is eager, so there the words after ``--lang`` count.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

from zatlog.cli.help_texts import (
    COMMAND_HELP,
    FORMATS,
    FRAME,
    METAVARS,
    SHARED_PARAMS,
    CommandHelp,
    Text,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from zatlog.projections.i18n import Lang

_ROOT_LANG = "zatlog.help.root_lang"
"""``ctx.meta``: the language typed on the command line, before the root's callback ran."""
_OWN_LANG = "zatlog.help.own_lang"
"""``ctx.meta``: the ``--lang`` typed for a subcommand that has its own (it wins)."""
_PLACEHOLDER = re.compile(r"\b[A-Z]+\b")


def typed_lang(args: Sequence[str]) -> Lang | None:
    """The last language typed after ``--lang`` (or as ``--lang=…``) in ``args``, if any."""
    found: str | None = None
    for n, arg in enumerate(args):
        if arg.startswith("--lang="):
            found = arg.partition("=")[2]
        elif arg == "--lang" and n + 1 < len(args):
            found = args[n + 1]
    if found is None:
        return None
    return "en" if found == "en" else "nl"


def help_language(ctx: click.Context) -> Lang:
    """The language of a command's help: its own ``--lang``, else the root's (Dutch)."""
    own: Lang | None = ctx.meta.get(_OWN_LANG)
    if own is not None:
        return own
    language = getattr(ctx.find_root().obj, "language", None)
    if language in ("nl", "en"):
        return "en" if language == "en" else "nl"
    root: Lang = ctx.meta.get(_ROOT_LANG, "nl")
    return root


def pick(text: Text, lang: Lang) -> str:
    """``text`` in ``lang``."""
    return text[1] if lang == "en" else text[0]


def placeholders(text: str, lang: Lang) -> str:
    """The placeholders of a usage line or an option (``DATE``, ``[OPTIONS]``) in ``lang``."""
    return _PLACEHOLDER.sub(
        lambda m: pick(METAVARS[m[0]], lang) if m[0] in METAVARS else m[0], text
    )


def command_path(ctx: click.Context) -> str:
    """The command's path under the root, the catalog's key: ``"case show"`` (root: ``""``)."""
    return " ".join(ctx.command_path.split()[1:])


def first_sentence(text: str, limit: int) -> str:
    """The first sentence of ``text``, shortened to ``limit`` characters: a list's line."""
    paragraph = " ".join(text.partition("\n\n")[0].split())
    sentence = re.split(r"(?<=\.) (?=[A-Z])", paragraph, maxsplit=1)[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence
    return sentence[: max(limit - 3, 0)].rsplit(" ", 1)[0] + "..."


def format_text(param: click.Parameter) -> Text:
    """The help of a ``--format`` whose values are among :data:`FORMATS`."""
    choices = [str(c) for c in getattr(param.type, "choices", ())]
    parts = [FORMATS[c] for c in choices if c in FORMATS]
    return ("; ".join(p[0] for p in parts) + ".", "; ".join(p[1] for p in parts) + ".")


class HelpCommand(click.Command):
    """A command whose help comes from the catalog, in the session's language."""

    def explanation(self, path: str) -> CommandHelp:
        """What ``--help`` says about this command, found under ``path``."""
        return COMMAND_HELP.get(path, CommandHelp(text=("", "")))

    def param_text(self, ctx: click.Context, path: str, param: click.Parameter) -> Text:
        """The help of one of this command's parameters (empty when the catalog lacks it)."""
        if param is self.get_help_option(ctx):
            return SHARED_PARAMS["help"]
        name = param.name or ""
        own = self.explanation(path).params.get(name)
        if own is not None:
            return own
        if name == "fmt" and name not in SHARED_PARAMS:
            return format_text(param)
        return SHARED_PARAMS.get(name, ("", ""))

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        typed = typed_lang(args)
        if typed is not None:  # before an eager --help is handled
            if ctx.parent is None:
                ctx.meta[_ROOT_LANG] = typed
            elif any(p.name == "lang" for p in self.params):
                ctx.meta[_OWN_LANG] = typed
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = help_language(ctx)
        pieces = placeholders(" ".join(self.collect_usage_pieces(ctx)), lang)
        formatter.write_usage(ctx.command_path, pieces, prefix=pick(FRAME["usage"], lang) + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = pick(self.explanation(command_path(ctx)).text, help_language(ctx))
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments = [p for p in self.get_params(ctx) if isinstance(p, click.Argument)]
        self.param_section(ctx, formatter, "arguments", arguments)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        options = [p for p in self.get_params(ctx) if isinstance(p, click.Option) and not p.hidden]
        self.param_section(ctx, formatter, "options", options)

    def param_section(
        self,
        ctx: click.Context,
        formatter: click.HelpFormatter,
        heading: str,
        params: Sequence[click.Parameter],
    ) -> None:
        """A section of the help (its ``FRAME`` heading) with a line per parameter."""
        if params:
            with formatter.section(pick(FRAME[heading], help_language(ctx))):
                formatter.write_dl([self.help_row(ctx, param) for param in params])

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        example = self.explanation(command_path(ctx)).example
        if example:
            lang = help_language(ctx)
            lines = [pick(FRAME["example"], lang)]
            lines += [f"  {e if isinstance(e, str) else pick(e, lang)}" for e in example]
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text("\b\n" + "\n".join(lines))

    def help_row(self, ctx: click.Context, param: click.Parameter) -> tuple[str, str]:
        """A parameter's line: its spelling and its help, with default and "required"."""
        lang = help_language(ctx)
        text = pick(self.param_text(ctx, command_path(ctx), param), lang)
        if isinstance(param, click.Argument):
            return placeholders(param.make_metavar(ctx), lang), text
        assert isinstance(param, click.Option)
        extra = param.get_help_extra(ctx)
        notes: list[str] = []
        if "default" in extra:
            notes.append(pick(FRAME["default"], lang).format(default=extra["default"]))
        if "range" in extra:
            notes.append(extra["range"])
        if "required" in extra:
            notes.append(pick(FRAME["required"], lang))
        if notes:
            text = f"{text}  [{'; '.join(notes)}]"
        return placeholders(param.get_help_spec(ctx), lang), text


class HelpGroup(HelpCommand, click.Group):
    """A group whose help, and the list of its commands, come from the catalog."""

    command_class = HelpCommand
    group_class = type

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = help_language(ctx)
        path = command_path(ctx)
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command))
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = [
            (name, short_help(command, f"{path} {name}".strip(), lang, limit))
            for name, command in commands
        ]
        with formatter.section(pick(FRAME["commands"], lang)):
            formatter.write_dl(rows)


def short_help(command: click.Command, path: str, lang: Lang, limit: int = 45) -> str:
    """A command's line in its group's list, in ``lang``."""
    if not isinstance(command, HelpCommand):
        return command.get_short_help_str(limit)
    explained = command.explanation(path)
    if explained.short is not None:
        return pick(explained.short, lang)
    return first_sentence(pick(explained.text, lang), limit)
