"""Where the log lives: a SQLite file by default, or PostgreSQL.

Persistence is configuration: this module turns ``--db`` (a path or a
``postgresql://`` URL) into the library's environment settings. The
PostgreSQL module is never imported on the SQLite path.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from zatlog.errors import StorageError

DB_ENV = "ZATLOG_DB"


@dataclass(frozen=True)
class Location:
    """A resolved database location."""

    kind: str  # "sqlite" or "postgres"
    target: str  # the SQLite file path, or the URL without its password
    settings: dict[str, str]

    @property
    def is_postgres(self) -> bool:
        return self.kind == "postgres"

    @property
    def encrypted(self) -> bool:
        return "CIPHER_KEY" in self.settings


def default_sqlite_path() -> Path:
    """The per-user data location used when neither ``--db`` nor ZATLOG_DB is given."""
    from platformdirs import user_data_path

    return user_data_path("zatlog", appauthor=False) / "zatlog.db"


def resolve(db: str | None) -> Location:
    """``--db`` first, else ``ZATLOG_DB``, else the per-user SQLite file.

    When the database has an encryption key (see :mod:`zatlog.keys`), event
    state is compressed and encrypted at rest.
    """
    from zatlog.keys import cipher_settings, find_key

    value = db or os.environ.get(DB_ENV) or str(default_sqlite_path())
    if value.startswith(("postgresql://", "postgres://")):
        location = _postgres(value)
    else:
        location = _sqlite(value)
    key = find_key(location.target)
    if key:
        location.settings.update(cipher_settings(key))
    return location


def _sqlite(value: str) -> Location:
    path = Path(value).expanduser().resolve()
    if path.is_dir():
        raise StorageError(f"--db {value}: is a directory, expected a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"--db {value}: cannot create its folder: {error.strerror}") from None
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


def _postgres(url: str) -> Location:
    parts = urlsplit(url)
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname:
        raise StorageError(f"--db {_without_password(url)}: the URL names no database")
    settings = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username) if parts.username else getpass.getuser(),
        "POSTGRES_PASSWORD": unquote(parts.password) if parts.password else "",
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_LOCK_TIMEOUT": "30",
        # The library's recorder, batches in one statement, chained (see the module).
        "APPLICATION_RECORDER_TOPIC": "zatlog.postgres_recorder:ZatlogPostgresRecorder",
        "MAPPER_TOPIC": "zatlog.chain:ChainingMapper",
    }
    schema = parse_qs(parts.query).get("schema", [""])[0]
    if schema:
        if not _SCHEMA_NAME.match(schema):
            raise StorageError(f"--db: schema {schema!r} is not a plain lower-case SQL name")
        settings["POSTGRES_SCHEMA"] = schema
    return Location(kind="postgres", target=_without_password(url), settings=settings)


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()
