"""Backing up and restoring a SQLite log whole: events, chain and read models, byte for byte.

SQLite's online backup API copies a consistent snapshot while other
processes keep writing, so a backup never needs zatlog to stop. The copy is
written beside its destination and renamed into place, so a half-written
backup never carries the destination's name. A restore goes only into a new
(or empty) path and is verified before it is kept.

An encrypted log names its key by id (see :mod:`zatlog.keys`), so the backup
and the restored database find the same key in the configuration folder (or
``ZATLOG_CIPHER_KEY``) wherever they are: no key is ever copied, and none is
kept beside the data. PostgreSQL has its own tools: ``pg_dump`` and
``pg_restore``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from zatlog.errors import Phrase, StorageError, ZatlogError
from zatlog.storage import Location, why_not_a_database

POSTGRES_TOOLS = Phrase(
    "postgres_tools",
    "for PostgreSQL use its own tools: pg_dump --format=custom --schema=SCHEMA "
    "--file=FILE URL, and pg_restore --dbname=URL FILE (see the README)",
)


def backup(location: Location, destination: Path) -> None:
    """Copy the SQLite log at ``location`` to ``destination`` (a new file), safely while in use."""
    if location.is_postgres:
        raise ZatlogError(
            f"zatlog backup copies a SQLite file; {POSTGRES_TOOLS}",
            key="backup_postgres",
            tools=POSTGRES_TOOLS,
        )
    source = Path(location.target)
    if not source.is_file():
        raise ZatlogError(f"{source}: no such database", key="backup_no_source", path=source)
    destination = destination.expanduser().resolve()
    if destination.exists():
        raise ZatlogError(
            f"{destination} already exists: a backup never overwrites a file",
            key="backup_exists",
            path=destination,
        )
    _copy(source, destination)


def restore(backup_file: Path, location: Location) -> None:
    """Copy the backup into the (new or empty) SQLite path of ``location``."""
    if location.is_postgres:
        raise ZatlogError(
            f"zatlog restore writes a SQLite file; {POSTGRES_TOOLS}",
            key="restore_postgres",
            tools=POSTGRES_TOOLS,
        )
    backup_file = backup_file.expanduser().resolve()
    if not backup_file.is_file():
        raise ZatlogError(
            f"{backup_file}: no such backup file", key="restore_no_backup", path=backup_file
        )
    _check_is_log(backup_file)
    target = Path(location.target)
    if target.exists() and target.stat().st_size > 0:
        raise ZatlogError(
            f"{target} is not empty: restore only into a new path (name another --db)",
            key="restore_target_not_empty",
            target=target,
        )
    target.unlink(missing_ok=True)
    _copy(backup_file, target)


def discard(location: Location) -> None:
    """Remove a restored copy that did not verify (the backup itself is left untouched)."""
    for suffix in ("", "-wal", "-shm"):
        Path(location.target + suffix).unlink(missing_ok=True)


def _copy(source: Path, destination: Path) -> None:
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        missing = [f for f in (destination.parent, *destination.parent.parents) if not f.exists()]
        for folder in reversed(missing):  # folders made here are private
            folder.mkdir(mode=0o700)
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # private copy
        with sqlite3.connect(source) as reader, sqlite3.connect(partial) as writer:
            reader.backup(writer)
            # A single file: the copy is self-contained, without a WAL beside it.
            writer.execute("PRAGMA journal_mode=DELETE")
        reader.close()
        writer.close()
        os.replace(partial, destination)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"cannot copy {source} to {destination}: {error}",
            key="copy_failed",
            source=source,
            destination=destination,
            reason=error if isinstance(error, OSError) else str(error),
        ) from None


def _check_is_log(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        conn.close()
    except sqlite3.Error as error:
        raise ZatlogError(
            f"{path} is not a zatlog database ({error})",
            key="backup_not_a_log",
            path=path,
            reason=why_not_a_database(str(error)),
        ) from None
    if "stored_events" not in tables:
        reason = Phrase("no_stored_events", "it has no stored events")
        raise ZatlogError(
            f"{path} is not a zatlog database ({reason})",
            key="backup_not_a_log",
            path=path,
            reason=reason,
        )
