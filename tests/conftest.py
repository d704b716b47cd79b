"""Shared fixtures: a real store per test, on SQLite and (when configured) PostgreSQL.

``ZATLOG_TEST_POSTGRES`` names a PostgreSQL database URL; each test then gets
its own schema in it, dropped afterwards. Without it the PostgreSQL variants
are skipped (CI always sets it).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from scenario_files import SCENARIOS

# Subprocesses started by tests (`python -c …`) must import the installed
# package, not the source folder zatlog/ that a checkout's working directory
# would put first on sys.path (it lacks the mapped zatlog.cli and
# zatlog.projections).
os.environ["PYTHONSAFEPATH"] = "1"

POSTGRES_URL = os.environ.get("ZATLOG_TEST_POSTGRES", "")
BACKENDS = ["sqlite", "postgres"]


def _postgres_schema() -> Iterator[str]:
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_conninfo(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES_URL}?schema={schema}"
    finally:
        with psycopg.connect(_conninfo(), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _conninfo() -> str:
    from zatlog.storage import locate

    s = locate(POSTGRES_URL).settings
    return (
        f"dbname={s['POSTGRES_DBNAME']} host={s['POSTGRES_HOST']} port={s['POSTGRES_PORT']} "
        f"user={s['POSTGRES_USER']} password={s['POSTGRES_PASSWORD']}"
    )


# Encryption keys never land in the real home (platformdirs reads XDG_CONFIG_HOME), and
# no outside key applies. Databases that a module builds once keep their keys here ...
SESSION_CONFIG = Path(tempfile.mkdtemp(prefix="zatlog-test-config-"))
atexit.register(shutil.rmtree, SESSION_CONFIG, ignore_errors=True)
os.environ["XDG_CONFIG_HOME"] = str(SESSION_CONFIG)
os.environ.pop("ZATLOG_CIPHER_KEY", None)


@pytest.fixture(autouse=True)
def config_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """... and each test has a configuration folder of its own, holding those keys too."""
    folder = tmp_path_factory.mktemp("config")
    if (SESSION_CONFIG / "zatlog").is_dir():
        shutil.copytree(SESSION_CONFIG / "zatlog", folder / "zatlog")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.delenv("ZATLOG_CIPHER_KEY", raising=False)
    return folder


def created(db: str) -> str:
    """``db`` made an empty zatlog database, as `zatlog init` makes it."""
    from zatlog.application import ZatlogApp
    from zatlog.storage import prepare, resolve

    location = resolve(db)
    prepare(location)
    ZatlogApp(location).close()
    return db


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield created(str(tmp_path / "zatlog.db"))
        return
    if not POSTGRES_URL:
        pytest.skip("ZATLOG_TEST_POSTGRES is not set")
    for url in _postgres_schema():
        yield created(url)


@pytest.fixture(params=BACKENDS)
def no_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a database could be, with none there yet: a SQLite path, or an empty schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "zatlog.db")
        return
    if not POSTGRES_URL:
        pytest.skip("ZATLOG_TEST_POSTGRES is not set")
    yield from _postgres_schema()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    return created(str(tmp_path / "zatlog.db"))


@pytest.fixture
def scenarios() -> Path:
    return SCENARIOS


@pytest.fixture
def pg_db() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (a schema); skipped without ZATLOG_TEST_POSTGRES."""
    if not POSTGRES_URL:
        pytest.skip("ZATLOG_TEST_POSTGRES is not set")
    for url in _postgres_schema():
        yield created(url)


@pytest.fixture
def pg_admin() -> str:
    """The libpq connection string of the test server's administrator."""
    if not POSTGRES_URL:
        pytest.skip("ZATLOG_TEST_POSTGRES is not set")
    return _conninfo()
