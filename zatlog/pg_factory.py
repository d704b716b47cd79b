"""The library's PostgreSQL infrastructure, connecting as libpq users expect.

The library builds its connections from separate settings (database, host,
port, user, password). zatlog hands libpq the ``--db`` URL itself instead
(see :func:`zatlog.storage.conninfo`), so that what libpq users rely on
holds: a service file (``?service=``), ``.pgpass``, ``PGPASSWORD`` and the
other ``PG*`` variables, ``sslmode`` and the other URL parameters.

Only imported for a PostgreSQL log (see :mod:`zatlog.storage`).
"""

from __future__ import annotations

from eventsourcing.persistence import PersistenceError
from eventsourcing.postgres import PostgresFactory
from eventsourcing.utils import Environment, EnvType
from psycopg.rows import dict_row

CONNINFO = "ZATLOG_CONNINFO"
"""The setting that holds the URL handed to libpq."""

CONNECT_TIMEOUT = "POSTGRES_CONNECT_TIMEOUT"


class ZatlogPostgresFactory(PostgresFactory):
    """The library's factory, its pool connecting with the URL as libpq reads it."""

    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        conninfo = self.env.get(CONNINFO)
        if not conninfo:
            raise PersistenceError(f"{CONNINFO} is not set")
        pool = self.datastore.pool
        pool.conninfo = conninfo
        pool.kwargs = {"row_factory": dict_row}
