"""Helpers for the robustness tests: every command of the click tree, and how to call it."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

import click
from click.testing import CliRunner, Result

from zatlog.cli.help import HelpCommand
from zatlog.cli.main import cli

CREATING = frozenset({("import",), ("demo",), ("init",), ("restore",)})
"""The only commands that may create a database (restore: a new one, from a backup)."""


@dataclass(frozen=True)
class Leaf:
    """A command that runs (not a group), with the words that call it."""

    path: tuple[str, ...]
    command: click.Command

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def option_names(self) -> set[str]:
        return {
            name
            for param in self.command.params
            if isinstance(param, click.Option)
            for name in param.opts
        }

    def example(self) -> list[str]:
        """The first example of its ``--help``, as arguments after ``zatlog`` and ``--db``."""
        assert isinstance(self.command, HelpCommand), self.name
        lines = [  # the Dutch one, where each language has its own
            line if isinstance(line, str) else line[0]
            for line in self.command.explanation(self.name).example
        ]
        assert lines, f"{self.name} shows no example in --help"
        words = shlex.split(lines[0])[1:]
        while words and words[0].startswith("--"):  # global options: --db X, --lang X
            words = words[2:]
        assert tuple(words[: len(self.path)]) == self.path, (self.name, lines[0])
        return words


def leaves() -> list[Leaf]:
    """Every runnable command of the click tree, found by walking it."""
    found: list[Leaf] = []

    def walk(group: click.Group, path: tuple[str, ...]) -> None:
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None, name
            if isinstance(command, click.Group):
                walk(command, (*path, name))
            else:
                found.append(Leaf((*path, name), command))

    walk(cli, ())
    return found


def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, input=input)


def assert_clean_failure(result: Result, codes: tuple[int, ...] = (1, 2)) -> None:
    """Exit 1 or 2 with one clear message: no traceback, no unexpected error."""
    assert result.exit_code in codes, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "onverwachte fout" not in result.output and "unexpected error" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith(("Fout:", "Error:"))]
    assert len(errors) == 1, result.output
    if result.exit_code == 1:  # a user error: that one line and nothing else
        assert result.stderr.strip().count("\n") == 0, result.stderr


def tree(folder: Path) -> set[str]:
    """Every file and folder under ``folder``, relative."""
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}
