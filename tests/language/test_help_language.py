"""``--help`` in one language: Dutch under ``--lang nl`` (the default), English under ``en``.

Every command of the tree (the lazy ones and the recording commands included) has a text
in both languages for itself and for each of its parameters, and its ``--help`` holds no
giveaway word of the other language. What the user types is taken out before looking:
option names, the allowed values of closed vocabularies, the known item categories, the
names of actions, fields and read models, and the example commands.
"""

from __future__ import annotations

import re
import typing

import click
import pytest
from click.testing import CliRunner
from test_one_language import IDENTIFIERS, problems, readable

from zatlog.actions import ACTION_CLASSES, ITEM_CATEGORIES
from zatlog.cli.help import HelpCommand, command_path
from zatlog.cli.help_texts import EXAMPLE_VALUES
from zatlog.cli.main import cli


def _tree() -> list[tuple[tuple[str, ...], click.Command, click.Context]]:
    """Every command under ``zatlog`` (the root too), with a context as ``--help`` has."""
    found: list[tuple[tuple[str, ...], click.Command, click.Context]] = []

    def walk(command: click.Command, path: tuple[str, ...], ctx: click.Context) -> None:
        found.append((path, command, ctx))
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, (path, name)
                walk(sub, (*path, name), click.Context(sub, info_name=name, parent=ctx))

    walk(cli, (), click.Context(cli, info_name="zatlog"))
    return found


TREE = _tree()
IDS = [" ".join(path) or "zatlog" for path, _, _ in TREE]


def _typed_values() -> frozenset[str]:
    """What users type as it is: action and field names, every allowed value, categories."""
    values: set[str] = {*ACTION_CLASSES, *ITEM_CATEGORIES, *IDENTIFIERS, *EXAMPLE_VALUES.values()}
    values |= {"all", "dossier", "true", *EXPORT_FIELDS, "father", "p-02"}
    for model in ACTION_CLASSES.values():
        for name, info in model.model_fields.items():
            values.add(name)
            values.update(_literals(info.annotation))
    for path, command, _ in TREE:
        values.update(path)  # the command names
        for param in command.params:
            values.update(str(c) for c in getattr(param.type, "choices", ()))
    return frozenset(values)


def _literals(annotation: object) -> set[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return {str(arg) for arg in typing.get_args(annotation)}
    return {value for arg in typing.get_args(annotation) for value in _literals(arg)}


EXPORT_FIELDS = ("recorded_at", "registered_at", "chain", "migrated")
"""The fields export-log adds to the import format."""
FORUMS = ("Commissie van Begeleiding", "Zorg- en adviesteam")
"""The forums' names, the same in both languages."""
TYPED = _typed_values()
OPTION = re.compile(r"(?<![\w-])-{1,2}[a-z][\w-]*")
EXAMPLE = re.compile(r"^\s*zatlog\b.*$", re.MULTILINE)


def test_the_walk_reaches_the_lazy_and_the_recording_commands() -> None:
    names = set(IDS)
    assert {"zatlog", "case", "case show", "case open", "consent give", "admin add"} <= names
    assert {"projections follow", "dossier export", "support evaluate"} <= names


@pytest.mark.parametrize(("path", "command", "ctx"), TREE, ids=IDS)
def test_every_command_and_parameter_has_a_text_in_both_languages(
    path: tuple[str, ...], command: click.Command, ctx: click.Context
) -> None:
    assert isinstance(command, HelpCommand), f"{path}: not explained from the catalog"
    key = command_path(ctx)
    assert key == " ".join(path)
    explained = command.explanation(key)
    assert all(explained.text), (path, explained.text)
    assert not isinstance(command, click.Group) or explained.example == () or path == ()
    for param in command.get_params(ctx):
        nl, en = command.param_text(ctx, key, param)
        assert nl.strip() and en.strip(), (path, param.name)
        assert nl != en or param.name == "forum", (path, param.name, "not translated")


def help_of(path: tuple[str, ...], lang: str, *, before: bool = True) -> str:
    """``zatlog [--lang L] PATH --help`` (``before``), or ``--help --lang L`` at the end."""
    words = ["--lang", lang, *path, "--help"] if before else [*path, "--help", "--lang", lang]
    result = CliRunner().invoke(cli, words, prog_name="zatlog")
    assert result.exit_code == 0, (path, result.output)
    return result.output


def words_to_check(text: str) -> str:
    """The help without what users type: examples, options, values, placeholders, paths."""
    text = EXAMPLE.sub(" ", text)
    text = OPTION.sub(" ", text)
    text = re.sub(r"\[[^\]\s]*\|[^\]\s]*\]", " ", text)  # [table|json]
    text = re.sub(r"\S*[/.]\S*\.(?:md|db|toml|jsonl|html|csv)\b|\S+\.md\b", " ", text)
    text = re.sub(r"\$?\b[A-Z][A-Z_|]+\b", " ", text)  # DATE, $ZATLOG_DB, [OPTIONS]
    for value in sorted(TYPED, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", " ", text)
    for name in FORUMS:
        text = text.replace(name, " ")
    return readable(text, [])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_help_speaks_one_language(lang: str) -> None:
    wrong = []
    for path, _, _ in TREE:
        text = words_to_check(help_of(path, lang))
        wrong += [f"{' '.join(path) or 'zatlog'}: {p}" for p in sorted(set(problems(text, lang)))]
    assert wrong == [], f"--lang {lang}:\n" + "\n".join(wrong)


def test_dutch_is_the_default_and_english_follows_lang_wherever_it_stands() -> None:
    runner = CliRunner()
    for path in [(), ("case",), ("case", "show"), ("signal", "raise")]:
        dutch = runner.invoke(cli, [*path, "--help"], prog_name="zatlog").output
        assert dutch.startswith("Gebruik: zatlog") and "Opties:" in dutch, path
        assert "--help" in dutch and "Toon deze hulp en stop." in dutch
        english = help_of(path, "en")
        assert english.startswith("Usage: zatlog") and "Options:" in english, path
        assert "Show this message and exit." in english
    assert help_of((), "en", before=False).startswith("Usage: zatlog [OPTIONS] COMMAND")
    assert "Opdrachten:" in help_of((), "nl") and "Commands:" in help_of((), "en")
    assert "Toon de versie en stop." in help_of((), "nl")
    # a command's own --lang wins for its help, as it does for its output
    own = runner.invoke(cli, ["case", "show", "--lang", "en", "--help"], prog_name="zatlog")
    assert own.output.startswith("Usage: zatlog case show [OPTIONS] REF")


def test_click_s_frame_words_are_translated() -> None:
    dutch = help_of(("signal", "raise"), "nl")
    assert "[verplicht]" in dutch and "[required]" not in dutch
    assert "Voorbeeld:" in dutch and "Example:" not in dutch
    assert "--at DATUM" in dutch and "Legt de handeling 'signal_raised' vast." in dutch
    listing = help_of(("case", "show"), "nl")
    assert "[standaard: table]" in listing and "Argumenten:" in listing
    english = " ".join(help_of(("case", "show"), "en").split())
    assert "[default: table]" in english and "Arguments:" in english and "--as-of DATE" in english


def test_the_check_finds_english_in_a_dutch_help() -> None:
    text = "Opties:\n  --case TEXT  The school's own case reference.  [required]"
    assert problems(words_to_check(text), "nl")
    assert not problems(words_to_check("Opties:\n  --case TEKST  Het dossiernummer."), "nl")


def test_the_catalog_is_the_only_source_of_help_texts() -> None:
    """No command or option carries a help text of its own beside the catalog."""
    for path, command, _ in TREE:
        assert not command.help and not command.short_help and not command.epilog, path
        for param in command.params:
            if param.name != "version":  # click's own, shown from the catalog
                assert not getattr(param, "help", None), (path, param.name)


def test_a_usage_error_names_the_argument_as_the_usage_line_does() -> None:
    runner = CliRunner()
    dutch = runner.invoke(cli, ["case", "show"], prog_name="zatlog")
    assert dutch.exit_code == 2
    assert "zatlog case show [OPTIES] DOSSIER" in dutch.output
    assert "Argument 'DOSSIER' ontbreekt." in dutch.output
    english = runner.invoke(cli, ["--lang", "en", "case", "show"], prog_name="zatlog")
    assert "Missing argument 'REF'." in english.output


def test_a_bad_root_option_is_told_in_the_language_typed_before_it() -> None:
    result = CliRunner().invoke(cli, ["--lang", "en", "--bogus"], prog_name="zatlog")
    assert result.exit_code == 2
    assert "Usage: zatlog [OPTIONS] COMMAND" in result.output
    assert "Error: No such option" in result.output
