"""zatlog.jsontext.indented writes what json.dumps(ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import enum
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zatlog.jsontext import indented


def stdlib(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


DUTCH = "De ouder is geïnformeerd over één zorg van het ZAT – ‘privé’, coördinatie, ĳs, € 12"
CONTROL = "".join(chr(c) for c in range(0x20)) + '\x7f\x85\u2028\u2029"\\/'

plain = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(plain)
def test_any_value_of_json_types_is_written_byte_for_byte_the_same(value: Any) -> None:
    assert indented(value) == stdlib(value)


@pytest.mark.parametrize(
    "value",
    [
        {"nl": DUTCH, "en": "The parent was informed", "persons": []},
        {"message": CONTROL, "evidence": [], "subject": {}, "nested": [[], {}, [[]], {"a": {}}]},
        [DUTCH, CONTROL, "", 0, -1, True, False, None],
        {"tuple": ("a", 1), "empty": ()},
        [],
        {},
        "",
        2**63 - 1,
    ],
)
def test_report_like_values_are_written_the_same(value: Any) -> None:
    assert indented(value) == stdlib(value)


class Colour(enum.Enum):
    RED = 0.5


class Step(enum.StrEnum):
    SIGNAL = "signaal"


class Name(str):
    pass


@pytest.mark.parametrize(
    "value",
    [
        {"share": 0.1, "small": 1e-05, "large": 1e16, "nan": float("nan"), "inf": float("inf")},
        [{"deep": [1, 2, {"x": 1.0}]}],
        {1: "key that is no string", None: "none", 2.5: "float"},
        {"surrogate": "\ud800"},
        {"big": 2**70, "negative": -(2**70)},
        {"subclass": Name("ouder")},
        {"enum": Step.SIGNAL},
    ],
)
def test_what_orjson_writes_otherwise_is_left_to_the_standard_library(value: Any) -> None:
    assert indented(value) == stdlib(value)


def test_what_the_standard_library_refuses_is_still_refused() -> None:
    for value in ({"at": date(2026, 1, 1)}, [Colour.RED]):
        with pytest.raises(TypeError):
            stdlib(value)
        with pytest.raises(TypeError):
            indented(value)


def test_without_orjson_the_text_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from zatlog import jsontext

    value = {"nl": DUTCH, "control": CONTROL, "empty": [], "share": 0.1}
    expected = indented(value)
    monkeypatch.setattr(jsontext, "_ORJSON", False)
    assert indented(value) == expected == stdlib(value)
