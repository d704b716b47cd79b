"""Where the log lives: a SQLite file by default, or PostgreSQL.

Persistence is configuration: this module turns ``--db`` (a path or a
``postgresql://`` URL) into the library's environment settings. The
PostgreSQL module is never imported on the SQLite path.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import sqlite3
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl, unquote, urlencode, urlsplit

from zatlog.errors import Phrase, StorageError, cannot_open
from zatlog.keys import cipher_settings

DB_ENV = "ZATLOG_DB"


@dataclass(frozen=True)
class Location:
    """A resolved database location."""

    kind: str  # "sqlite" or "postgres"
    target: str  # the SQLite file path, or the URL without its password
    settings: dict[str, str]
    at_rest: str = "new"
    """What the database says of itself: ``new`` (nothing recorded yet, no metadata),
    ``encrypted`` / ``plain`` (its metadata says so), or ``legacy encrypted`` /
    ``legacy plain`` (a log from before the metadata table)."""
    key_id: str | None = None
    created_key: Path | None = field(default=None, compare=False)
    """The key file created when this database was created (see :func:`establish`)."""

    @property
    def is_postgres(self) -> bool:
        return self.kind == "postgres"

    @property
    def encrypted(self) -> bool:
        return bool(self.settings.get("CIPHER_KEY"))

    @property
    def new(self) -> bool:
        return self.at_rest == "new"


def default_sqlite_path() -> Path:
    """The per-user data location used when neither ``--db`` nor ZATLOG_DB is given."""
    from platformdirs import user_data_path

    return user_data_path("zatlog", appauthor=False) / "zatlog.db"


def resolve(db: str | None) -> Location:
    """``--db`` first, else ``ZATLOG_DB``, else the per-user SQLite file.

    An encrypted database (see :mod:`zatlog.keys`) is opened with its key, or
    refused with one line naming where the key was looked for: its event state
    is compressed and encrypted at rest, and so are the read models' personal
    columns.
    """
    return _at_rest(locate(db))


def locate(db: str | None) -> Location:
    """Where the database is, without opening it (see :func:`resolve`)."""
    value = db or os.environ.get(DB_ENV) or str(default_sqlite_path())
    if value.startswith(("postgresql://", "postgres://")):
        location = _postgres(value)
    else:
        location = _sqlite(value)
    location.settings.update(cipher_settings(None))
    return location


def _at_rest(location: Location) -> Location:
    """``location`` with its key, as its metadata (or, for an old log, its first event) says."""
    from zatlog import keys, store_meta

    meta = store_meta.read(location)
    if meta is None:
        state = store_meta.legacy_state(location)
        if state == "empty":
            return location
        if state == "plain":
            return replace(location, at_rest="legacy plain")
        key = keys.find_legacy_key(location.target)
        if key is None:
            path = keys.legacy_key_path(location.target)
            raise StorageError(
                f"{location.target} is encrypted, and its key is not in {keys.KEY_ENV} (not set) "
                f"nor in {path}",
                key="legacy_key_missing",
                target=location.target,
                env=keys.KEY_ENV,
                path=path,
            )
        settings = {**location.settings, **keys.cipher_settings(key)}
        return replace(location, settings=settings, at_rest="legacy encrypted")
    if not meta.encrypted:
        return replace(location, at_rest="plain")
    if meta.key_id is None:
        raise StorageError(
            f"{location.target}: its metadata says encrypted but names no key id",
            key="meta_no_key_id",
            target=location.target,
        )
    key = keys.find_key(meta.key_id)
    settings = {**location.settings, **keys.cipher_settings(key)}
    return replace(location, settings=settings, at_rest="encrypted", key_id=meta.key_id)


def establish(location: Location, encrypt: bool = True) -> Location:
    """Create a new database's metadata (and, with ``encrypt``, its key); return it opened.

    A database that already exists is returned as it is. Should another writer
    create it at the same moment, its choice holds and our unused key file goes.
    """
    from zatlog import keys, store_meta

    if location.at_rest != "new":
        return location
    if not encrypt:
        store_meta.write_once(location, store_meta.Meta(encrypted=False, key_id=None))
        return _at_rest(location)
    key, path = keys.new_key()
    wanted = store_meta.Meta(encrypted=True, key_id=keys.key_id(key))
    held = store_meta.write_once(location, wanted)
    if held != wanted:
        if path is not None:
            path.unlink(missing_ok=True)
        path = None
    return replace(_at_rest(location), created_key=path)


def _sqlite(value: str) -> Location:
    path = Path(value).expanduser().resolve()
    if path.is_dir():
        raise StorageError(
            f"--db {value}: is a directory, expected a database file",
            key="db_is_directory",
            value=value,
        )
    return Location(
        kind="sqlite",
        target=str(path),
        settings={
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "30",
            # Each event's link in the same transaction (see zatlog.chain).
            "APPLICATION_RECORDER_TOPIC": "zatlog.chain_store:ChainedSQLiteRecorder",
            "MAPPER_TOPIC": "zatlog.chain:ChainingMapper",
        },
    )


_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

CONNINFO = "ZATLOG_CONNINFO"
"""The setting that holds the URL as libpq reads it (see :mod:`zatlog.pg_factory`)."""


def _postgres(url: str) -> Location:
    """A PostgreSQL location: the URL goes to libpq as it is, less zatlog's ``schema``.

    So libpq's conventions hold: a service file (``?service=``), ``.pgpass``,
    ``PGPASSWORD`` and the other ``PG*`` variables, ``sslmode`` and the other URL
    parameters. The library's own settings only name what it shows.
    """
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    schema = query.pop("schema", [""])[0]
    dbname = unquote(parts.path.lstrip("/")) or query.get("dbname", [""])[0]
    named_elsewhere = (
        "service" in query or os.environ.get("PGSERVICE") or os.environ.get("PGDATABASE")
    )
    if not dbname and not named_elsewhere:
        shown = _without_password(url)
        raise StorageError(
            f"--db {shown}: the URL names no database", key="url_no_database", url=shown
        )
    user = unquote(parts.username) if parts.username else query.get("user", [""])[0]
    settings = {
        "PERSISTENCE_MODULE": "zatlog.pg_factory:ZatlogPostgresFactory",
        CONNINFO: _libpq_url(parts.scheme, parts.netloc, parts.path, query),
        # What the library itself asks for; the connection is libpq's (see above).
        "POSTGRES_DBNAME": dbname or os.environ.get("PGDATABASE", "") or "(service)",
        "POSTGRES_HOST": parts.hostname or os.environ.get("PGHOST", "") or "(default)",
        "POSTGRES_PORT": str(parts.port or os.environ.get("PGPORT", "") or 5432),
        "POSTGRES_USER": user or os.environ.get("PGUSER", "") or getpass.getuser(),
        "POSTGRES_PASSWORD": unquote(parts.password) if parts.password else "",
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_LOCK_TIMEOUT": "30",
        # The library's recorder, batches in one statement, chained (see the module).
        "APPLICATION_RECORDER_TOPIC": "zatlog.postgres_recorder:ZatlogPostgresRecorder",
        "MAPPER_TOPIC": "zatlog.chain:ChainingMapper",
    }
    if schema:
        if not _SCHEMA_NAME.match(schema):
            raise StorageError(
                f"--db: schema {schema!r} is not a plain lower-case SQL name",
                key="bad_schema",
                schema=repr(schema),
            )
        settings["POSTGRES_SCHEMA"] = schema
    return Location(kind="postgres", target=_without_password(url), settings=settings)


def _libpq_url(scheme: str, netloc: str, path: str, query: dict[str, list[str]]) -> str:
    """The URL for libpq (``urlunsplit`` would drop the ``//`` of ``postgresql:///db``)."""
    encoded = urlencode(query, doseq=True)
    return f"{scheme}://{netloc}{path}" + (f"?{encoded}" if encoded else "")


def _without_password(url: str) -> str:
    """``url`` as it may be shown: a password in it (before the host, or as a
    ``password=`` parameter) becomes ``***``."""
    parts = urlsplit(url)
    if parts.password is not None:
        host = parts.netloc.rpartition("@")[2]
        parts = parts._replace(netloc=f"{parts.username or ''}:***@{host}")
    if parts.query:
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        if any(key == "password" for key, _ in pairs):
            shown = [(key, "***" if key == "password" else value) for key, value in pairs]
            parts = parts._replace(query=urlencode(shown, safe="*/"))
    return parts.geturl()


def pg_connect(location: Location, **kwargs: Any) -> Any:
    """A psycopg connection to a PostgreSQL location, as libpq reads its URL."""
    import psycopg

    timeout = int(location.settings.get("POSTGRES_CONNECT_TIMEOUT", "10"))
    return psycopg.connect(location.settings[CONNINFO], connect_timeout=timeout, **kwargs)


# -- whether a database is there, and creating one privately ------------------------------


class NoDatabase(StorageError):
    """Nothing is stored at the location: only ``init``, ``demo`` and ``import`` create it."""

    def __init__(self, target: str) -> None:
        super().__init__(
            f"no zatlog database at {target} (create one with zatlog init)",
            key="no_database",
            path=target,
        )
        self.target = target


class NotADatabase(StorageError):
    """Something is stored at the location, but it is not a zatlog log."""

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(
            f"{target} is not a zatlog database: {reason}",
            key="not_a_database",
            path=target,
            reason=why_not_a_database(reason),
        )
        self.target = target
        self.reason = reason


_NOT_A_DATABASE = {
    "not a file": "not_a_file",
    "it holds no zatlog log": "no_log_tables",
    "file is not a database": "not_sqlite",
}
"""Why a file is not a zatlog database (SQLite's words too) → the catalog's key."""


def why_not_a_database(reason: str) -> Phrase | str:
    """Why a file is not a zatlog database, said in the user's language when it is known."""
    return Phrase(_NOT_A_DATABASE[reason], reason) if reason in _NOT_A_DATABASE else reason


def check_database(location: Location) -> None:
    """Raise :class:`NoDatabase` or :class:`NotADatabase` unless a zatlog log is there.

    Nothing is created: the SQLite file is opened read-only, and PostgreSQL is
    asked without creating tables.
    """
    if location.is_postgres:
        _check_postgres(location)
        return
    path = Path(location.target)
    if not path.exists():
        raise NoDatabase(location.target)
    if not path.is_file():
        raise NotADatabase(location.target, "not a file")
    try:
        with open(path, "rb"):  # a clear "permission denied" rather than SQLite's words
            pass
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stored_events'"
            ).fetchall()
        finally:
            connection.close()
    except OSError as error:
        raise cannot_open(location.target, error) from None
    except sqlite3.Error as error:
        raise NotADatabase(location.target, str(error)) from None
    if not rows:
        raise NotADatabase(location.target, "it holds no zatlog log")


def _check_postgres(location: Location) -> None:
    from eventsourcing.persistence import (
        InfrastructureFactory,
        OperationalError,
        PersistenceError,
        ProgrammingError,
    )
    from eventsourcing.utils import Environment

    env = Environment("zatlog", {**location.settings, "CREATE_TABLE": "n"})
    try:
        factory: InfrastructureFactory[Any] = InfrastructureFactory.construct(env)
    except (OSError, PersistenceError) as error:
        raise cannot_open(location.target, error) from None
    try:
        factory.application_recorder().max_notification_id()
    except ProgrammingError as error:
        if "permission denied" in str(error):  # a role on a server without this right
            raise cannot_open(location.target, error) from None
        raise NoDatabase(location.target) from None
    except (OSError, OperationalError) as error:
        raise cannot_open(location.target, error) from None
    finally:
        factory.close()


def holds_data(location: Location) -> bool:
    """Whether something is stored there already: a PostgreSQL database, or a non-empty file."""
    if location.is_postgres:
        return False  # creating the log's tables in a schema adds to nothing else
    path = Path(location.target)
    return path.exists() and (not path.is_file() or path.stat().st_size > 0)


def prepare(location: Location) -> list[Path]:
    """Make room for a new SQLite database: folders 0700 and an empty file 0600.

    SQLite gives its -wal and -shm files the database file's permissions, so
    they are private too. An existing file is left as it is. Returns what was
    created (folders first), so a command that then fails can take it away.
    """
    if location.is_postgres:
        return []
    path = Path(location.target)
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    created: list[Path] = []
    for folder in reversed(missing):
        folder.mkdir(mode=0o700)
        created.append(folder)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return created
    os.close(descriptor)
    return [*created, path]


def remove_created(created: list[Path]) -> None:
    """Take away a database (with its -wal, -shm and -journal) and folders :func:`prepare` made."""
    for path in reversed(created):
        if path.is_dir():
            with contextlib.suppress(OSError):  # something else was put there meanwhile: keep it
                path.rmdir()
            continue
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def readable_by_others(path: Path) -> bool:
    """Whether a file exists and its group or others may read it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRGRP | stat.S_IROTH))
