"""The small error hierarchy of zatlog.

Every error a user can fix is a :class:`ZatlogError`; the CLI prints its
message and exits with status 1, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class ZatlogError(Exception):
    """An error the user can fix: bad input, a missing case, a conflict."""


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with an action: the field and what was expected."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InvalidAction(ZatlogError):
    """An action that the models or an aggregate reject."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def of(cls, field: str, message: str) -> InvalidAction:
        return cls(FieldProblem(field, message))


class LineError(ZatlogError):
    """An action at a given line of an import file was rejected."""

    def __init__(self, line: int, error: InvalidAction, source: str | None = None) -> None:
        self.line = line
        self.error = error
        where = f"{source}: line {line}" if source else f"line {line}"
        super().__init__("\n".join(f"{where}: {p}" for p in error.problems))


class ConcurrentWriteError(ZatlogError):
    """Another coordinator kept writing to the same case while we retried."""


class StorageError(ZatlogError):
    """The database could not be opened or used."""
