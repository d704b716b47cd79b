"""The command tree: every command documented, fast start-up, the packaging contract."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from zatlog.cli.main import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, f"{prefix} {name} cannot be loaded"
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


COMMANDS = _commands(cli, "zatlog")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_and_is_in_the_readme(path: str, command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*path.split()[1:], "--help"])
    assert result.exit_code == 0, result.output
    assert "Gebruik:" in result.output  # every text of the help: tests/language/test_help_language
    documented = re.search(f"`{re.escape(path)}[` ]", README.read_text(encoding="utf-8"))
    assert documented or isinstance(command, click.Group), f"`{path}` is not in the README"


def test_version_needs_neither_the_store_nor_pydantic(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from zatlog.cli.main import cli\n"
        "try:\n    cli(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('eventsourcing', 'pydantic', 'psycopg') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["zatlog 0.1.0", "[]"]


def test_python_dash_m_zatlog_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zatlog", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "zatlog 0.1.0\n"


def test_nothing_called_cli_or_projections_is_installed(tmp_path: Path) -> None:
    code = (
        "import importlib.util as u\n"
        "print([u.find_spec(m) is not None for m in "
        "('zatlog.cli', 'zatlog.projections', 'cli', 'projections')])"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert result.stdout.strip() == "[True, True, False, False]"
    files = importlib.metadata.files("zatlog") or []
    assert not [f for f in files if str(f).startswith(("cli/", "projections/"))]


def test_the_sqlite_path_never_imports_the_postgres_module(tmp_path: Path) -> None:
    db = tmp_path / "z.db"
    code = (
        "import sys\n"
        "from zatlog.cli.main import cli\n"
        f"try:\n    cli(['--db', {str(db)!r}, 'export-log'])\nexcept SystemExit:\n    pass\n"
        "print('eventsourcing.postgres' in sys.modules, 'psycopg' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"


def test_a_usage_error_exits_with_2_and_a_user_error_with_1(tmp_path: Path) -> None:
    db = str(tmp_path / "z.db")
    assert CliRunner().invoke(cli, ["--db", db, "init"]).exit_code == 0
    usage = CliRunner().invoke(cli, ["--db", db, "step", "enter", "--step", "9"])
    assert usage.exit_code == 2
    missing = CliRunner().invoke(
        cli, ["--db", db, "step", "enter", "--case", "x", "--at", "2025-01-01", "--step", "1"]
    )
    assert missing.exit_code == 1
    assert missing.output == "Fout: dossier x staat niet in het logboek\n"
