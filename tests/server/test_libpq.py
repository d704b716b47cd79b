"""``--db postgresql://…`` as libpq users expect: service file, .pgpass, PGPASSWORD,
sslmode; no message shows a password. Skipped without ZATLOG_TEST_POSTGRES."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner

from zatlog.application import ZatlogApp
from zatlog.cli.main import cli
from zatlog.storage import pg_connect, resolve

POSTGRES_URL = os.environ.get("ZATLOG_TEST_POSTGRES", "")
pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="ZATLOG_TEST_POSTGRES is not set")

SECRET = "s3cr3t-Pw-4711"


def server() -> tuple[str, str, str]:
    """Host, port and user of the test server."""
    user, _, address = POSTGRES_URL.split("://", 1)[1].partition("@")
    host, _, port = address.split("/", 1)[0].partition(":")
    return host, port or "5432", user.split(":", 1)[0]


@pytest.fixture
def schema() -> Iterator[str]:
    host, port, user = server()
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(host=host, port=port, user=user, dbname="test", autocommit=True) as c:
        c.execute(f"CREATE SCHEMA {name}")
    try:
        yield name
    finally:
        with psycopg.connect(host=host, port=port, user=user, dbname="test", autocommit=True) as c:
            c.execute(f"DROP SCHEMA {name} CASCADE")


def test_a_service_file_names_the_server(
    schema: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    host, port, user = server()
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[zatlog-test]\nhost={host}\nport={port}\nuser={user}\ndbname=test\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    url = f"postgresql:///?service=zatlog-test&schema={schema}"
    runner = CliRunner()
    created = runner.invoke(cli, ["--db", url, "init", "--no-encrypt"])
    assert created.exit_code == 0, created.output
    listed = runner.invoke(cli, ["--db", url, "case", "list"])
    assert listed.exit_code == 0, listed.output
    with psycopg.connect(host=host, port=port, user=user, dbname="test") as c:
        row = c.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = %s AND tablename = 'zatlog_events'",
            (schema,),
        ).fetchone()
    assert row == (1,)


def _password_seen(url: str) -> tuple[str | None, str | None]:
    """The password libpq used on a plain connection and on the log's own pool."""
    location = resolve(url)
    with pg_connect(location) as connection:
        plain = connection.info.password
    app = ZatlogApp(location, encrypt_new=False)
    try:
        datastore: Any = app.recorder.datastore  # type: ignore[attr-defined]
        with datastore.get_connection() as connection:
            pooled = connection.info.password
    finally:
        app.close()
    return plain, pooled


def test_pgpassword_and_pgpass_supply_the_password(
    schema: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test server trusts 127.0.0.1, so libpq's choice of password shows in what it
    # holds for the connection (conn.info.password), which is what a server would be sent.
    host, port, user = server()
    url = f"postgresql://{user}@{host}:{port}/test?schema={schema}"
    monkeypatch.setenv("PGPASSWORD", "from-the-environment")
    assert _password_seen(url) == ("from-the-environment", "from-the-environment")
    monkeypatch.delenv("PGPASSWORD")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"{host}:{port}:test:{user}:from-pgpass\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    assert _password_seen(url) == ("from-pgpass", "from-pgpass")


def test_sslmode_goes_to_libpq(schema: str) -> None:
    host, port, user = server()
    base = f"postgresql://{user}@{host}:{port}/test?schema={schema}"
    with pg_connect(resolve(base)) as connection:
        ssl_on = connection.execute("SHOW ssl").fetchone() == ("on",)
    wanted = "verify-full&sslrootcert=/nonexistent/root.crt"
    result = CliRunner().invoke(cli, ["--db", f"{base}&sslmode={wanted}", "case", "list"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("root.crt" if ssl_on else "SSL") in result.output
    disabled = CliRunner().invoke(cli, ["--db", f"{base}&sslmode=disable", "init", "--no-encrypt"])
    assert disabled.exit_code == 0, disabled.output


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://someone:{SECRET}@127.0.0.1:1/test",
        f"postgresql://someone@127.0.0.1:1/test?password={SECRET}",
        f"postgresql://someone:{SECRET}@127.0.0.1:1/?schema=Not-Plain",
        f"postgresql://someone:{SECRET}@127.0.0.1:1",
    ],
)
def test_no_message_shows_the_password(url: str) -> None:
    for command in (["case", "list"], ["init"], ["admin", "list"], ["verify"]):
        result = CliRunner().invoke(cli, ["--db", url, *command])
        assert result.exit_code == 1, result.output
        assert SECRET not in result.output and "Traceback" not in result.output
        assert "***" in result.output or "schema" in result.output or "database" in result.output
