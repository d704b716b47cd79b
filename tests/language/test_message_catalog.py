"""The command line's message catalog: both languages fill in the same fields, and any
field name an error carries can be filled in (no traceback from the catalog itself)."""

from __future__ import annotations

import string

import pytest

from zatlog.projections.i18n import CLI_MESSAGES, message

# A literal choice's English is pydantic's own phrase ('a', 'b' or 'c'); the Dutch lists
# the bare choices. The JSON parser's English names line 1 of the one line it reads, which
# the Dutch leaves out (the file's line is named before it). Both fields are always passed.
DIFFERENT_FIELDS = {"field_expected"} | {key for key in CLI_MESSAGES if key.startswith("json_")}


def _fields(template: str) -> set[str]:
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name is not None
    }


@pytest.mark.parametrize("key", sorted(CLI_MESSAGES))
def test_both_languages_fill_in_the_same_fields(key: str) -> None:
    dutch, english = CLI_MESSAGES[key]
    if key in DIFFERENT_FIELDS:
        assert _fields(dutch) and _fields(english)
    else:
        assert _fields(dutch) == _fields(english)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_error_field_named_key_is_filled_in(lang: str) -> None:
    template = next(k for k, (nl, _) in CLI_MESSAGES.items() if "{" not in nl)
    assert (
        message(template, "en" if lang == "en" else "nl", key="x")
        == CLI_MESSAGES[template][0 if lang == "nl" else 1]
    )
