"""The project stands alone: nothing a user reads sends them to files beside the clone."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from zatlog.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
# Spelled in parts so that this file does not name them itself.
OUTSIDE = ("../" + "shared", "domain" + ".md", "architecture" + ".md")
READ_BY_USERS = ("README.md", "docs", "tests", "bench")


def files_read_by_users() -> list[Path]:
    found: list[Path] = []
    for top in READ_BY_USERS:
        path = ROOT / top
        found += [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return [p for p in found if "__pycache__" not in p.parts and p.suffix not in (".db", ".pyc")]


@pytest.mark.parametrize("path", files_read_by_users(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_file_refers_to_the_teams_design_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert not [word for word in OUTSIDE if word in text]


def help_pages(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    pages = [path]
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None
            pages += help_pages(sub, (*path, name))
    return pages


@pytest.mark.parametrize("path", help_pages(cli), ids=lambda p: " ".join(p) or "zatlog")
def test_no_help_text_refers_to_the_teams_design_files(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])

    assert result.exit_code == 0, result.output
    assert not [word for word in OUTSIDE if word in result.output], result.output
