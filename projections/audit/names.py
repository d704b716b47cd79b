"""Keeping names out of findings: a safety net over the messages.

Messages are built from person ids, dates and labels, never from
``relation_recorded.name`` or ``case_opened.pupil_name``. But some labels are
free text a coordinator typed (an attendee, a meeting id), and a name can slip
into them. :class:`NameGuard` replaces any name known to the log there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zatlog.records import LoggedAction

_WORD = re.compile(r"\w+")


def names_in(events: Iterable[LoggedAction]) -> set[str]:
    """The pupil names and relation names recorded in ``events``."""
    found: set[str] = set()
    for event in events:
        for field in ("pupil_name", "name"):
            value = getattr(event.action, field, None)
            if isinstance(value, str) and value.strip():
                found.add(value)
    return found


class NameGuard:
    """Replaces known names in a text.

    A whole name of two or more words matches in any case (``pim voorbeeld``);
    a single word of a name only as written and when capitalized and longer
    than two letters, so that ``van``, ``de`` or a Dutch word that happens to
    be a surname in lower case are left alone.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.parts: set[str] = set()
        self.whole: dict[str, set[tuple[str, ...]]] = {}
        """Whole names of two or more words (lower case), by their first word."""
        for name in names:
            words = _WORD.findall(name)
            self.parts.update(w for w in words if len(w) > 2 and w[0].isupper())
            if len(words) > 1:
                lowered = tuple(w.lower() for w in words)
                self.whole.setdefault(lowered[0], set()).add(lowered)

    def __bool__(self) -> bool:
        return bool(self.parts or self.whole)

    def scrub(self, text: str, placeholder: str) -> str:
        """``text`` with every known name replaced by ``placeholder``."""
        words = _WORD.findall(text)
        if self.parts.isdisjoint(words) and self.whole.keys().isdisjoint(
            word.lower() for word in words
        ):
            return text  # most texts name no one
        tokens = list(_WORD.finditer(text))
        spans: list[tuple[int, int]] = []
        index = 0
        while index < len(tokens):
            length = self._match(tokens, index)
            if length:
                spans.append((tokens[index].start(), tokens[index + length - 1].end()))
                index += length
            else:
                index += 1
        if not spans:
            return text
        pieces: list[str] = []
        last = 0
        for start, end in spans:
            pieces += [text[last:start], placeholder]
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def _match(self, tokens: list[re.Match[str]], index: int) -> int:
        """How many tokens from ``index`` on form a name (0: none)."""
        word = tokens[index].group()
        candidates = self.whole.get(word.lower())
        if candidates:
            for name in sorted(candidates, key=len, reverse=True):
                end = index + len(name)
                if end <= len(tokens) and all(
                    t.group().lower() == w for t, w in zip(tokens[index:end], name, strict=True)
                ):
                    return len(name)
        return 1 if word in self.parts else 0
