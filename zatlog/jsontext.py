"""JSON text exactly as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, faster.

With ``indent`` the standard library's encoder runs in pure Python (its C encoder knows no
indentation); a large audit report spent half of its writing time there. orjson writes the
same text with ``OPT_INDENT_2`` (two spaces a level, ``": "`` after a key, ``[]`` and ``{}``
when empty, text beyond ASCII as is, the same escapes: ``\\n``, ``\\t``, ``\\u001f`` …), byte
for byte, for values made of ``dict`` with ``str`` keys, ``list``, ``tuple``, ``str``,
``int``, ``bool`` and ``None`` (tests/log/test_jsontext.py compares the two writers).

Any other value is written by the standard library, as before: one holding a float (orjson
writes ``1e-05`` as ``0.00001``), an enum, a subclass, a date; and whatever orjson refuses
(a lone surrogate, an int beyond 64 bits).
"""

from __future__ import annotations

import json

try:
    import orjson

    _ORJSON = True
except ImportError:  # an environment installed before the dependency: the same text, slower
    _ORJSON = False


def indented(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``: the same text."""
    if _ORJSON and _plain(value):
        try:
            return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
        except orjson.JSONEncodeError:  # a lone surrogate, an int beyond 64 bits
            pass
    return json.dumps(value, ensure_ascii=False, indent=2)


_SCALARS = frozenset((str, int, bool, type(None)))


def _plain(value: object) -> bool:
    """Made of JSON's own types only (no float), each exactly that type."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind in _SCALARS:
            continue
        if kind is dict:
            assert isinstance(item, dict)
            if any(type(key) is not str for key in item):
                return False
            pending.extend(item.values())
        elif kind is list or kind is tuple:
            assert isinstance(item, list | tuple)
            pending.extend(item)
        else:
            return False
    return True
