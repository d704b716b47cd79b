"""The small error hierarchy of zatlog.

Every error a user can fix is a :class:`ZatlogError`; the CLI prints its
message and exits with status 1, never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field


class ZatlogError(Exception):
    """An error the user can fix: bad input, a missing case, a conflict.

    The message is English (logs, tests). An error people read may also carry
    a ``key`` of the command line's message catalog and the ``fields`` it
    fills in, so the command line says it in the user's language.
    """

    key: str | None = None
    fields: Mapping[str, object] = {}

    def __init__(self, *args: object, key: str | None = None, **fields: object) -> None:
        super().__init__(*args)
        if key is not None:
            self.key = key
            self.fields = fields


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with an action: the field and what was expected."""

    field: str
    message: str
    key: str | None = None
    """The catalog key of the message, for the command line to say it in its language."""
    fields: Mapping[str, object] = dataclass_field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InvalidAction(ZatlogError):
    """An action that the models or an aggregate reject."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def of(
        cls, field: str, message: str, key: str | None = None, **fields: object
    ) -> InvalidAction:
        return cls(FieldProblem(field, message, key, fields))


class LineError(ZatlogError):
    """An action at a given line of an import file was rejected."""

    def __init__(self, line: int, error: InvalidAction, source: str | None = None) -> None:
        self.line = line
        self.error = error
        self.source = source
        where = f"{source}: line {line}" if source else f"line {line}"
        super().__init__("\n".join(f"{where}: {p}" for p in error.problems))


class ConcurrentWriteError(ZatlogError):
    """Another coordinator kept writing to the same case while we retried."""


class StorageError(ZatlogError):
    """The database could not be opened or used."""


class Number(int):
    """A number people read in a message, grouped by thousands in their language."""

    def __str__(self) -> str:
        return f"{int(self):,}"


@dataclass(frozen=True)
class Phrase:
    """A part of a message that is a catalog text itself (a reason, a place), said in the
    language of the message it fills in; ``english`` is what ``str()`` gives (logs, tests)."""

    key: str
    english: str
    fields: Mapping[str, object] = dataclass_field(default_factory=dict)

    def __str__(self) -> str:
        return self.english


def not_utf8(error: UnicodeDecodeError) -> Phrase:
    """Why a file could not be read as text: not UTF-8 (the decoder's words kept)."""
    return Phrase("not_utf8", str(error), {"detail": error})


def reason_of(error: BaseException) -> object:
    """What a library or the operating system said, to fill in a message: an OS error as
    such (the catalog says it in the user's language), else its own words."""
    if isinstance(error, OSError) and error.strerror:
        return error
    return str(error).strip() or type(error).__name__


def cannot_open(target: object, error: BaseException) -> StorageError:
    """The database at ``target`` could not be opened: what the library said."""
    reason = reason_of(error)
    shown = reason.strerror if isinstance(reason, OSError) else reason
    return StorageError(
        f"cannot open {target}: {shown}", key="cannot_open", target=target, reason=reason
    )
