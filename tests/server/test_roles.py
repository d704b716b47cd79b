"""People on a PostgreSQL server: real roles, connecting with their own credentials.

A log in its own schema, secured with ``zatlog admin setup``; two coordinators
of two schools, an inspector of school A, a privacy officer and an admin, each
created with ``zatlog admin add`` and connecting as themselves. A coordinator of
school A cannot read, list, count or write anything of school B, neither
through zatlog nor through plain SQL; the recorded actor is the role.

Roles belong to the whole cluster: every role here has a random prefix and is
dropped afterwards. Skipped without ZATLOG_TEST_POSTGRES (CI sets it).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result

from zatlog.cli.main import cli

POSTGRES_URL = os.environ.get("ZATLOG_TEST_POSTGRES", "")
pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="ZATLOG_TEST_POSTGRES is not set")

SCHOOL_A, SCHOOL_B = "de-regenboog", "het-baken"
TABLES = (
    "zatlog_events",
    "event_chain",
    "zatlog_case_school",
    "zatlog_recorded_by",
    "case_log",
    "case_state",
    "due_item",
    "due_case",
    "findings",
    "access_log",
)
"""Every table that holds something of a case."""


def lines(case: str, school: str, by: str | None = None) -> str:
    """A school's documents and one case, opened late (the audit finds rule L1)."""
    who = {"by": by} if by else {}
    actions: list[dict[str, Any]] = [
        {
            "action": "school_document_published",
            "school": school,
            "at": "2025-08-20",
            "document": "school_guide_cvb",
            "version": "2025-1",
        },
        {
            "action": "case_opened",
            "case": case,
            "school": school,
            "at": "2025-09-01",
            "pupil_name": f"Pupil {case}",
            "birth_date": "2014-05-10",
            "school_type": "so",
        },
        {
            "action": "relation_recorded",
            "case": case,
            "at": "2025-09-01",
            "person": "mother",
            "name": f"Mother {case}",
            "relation": "parent",
            "authority": "joint",
        },
        {"action": "step_entered", "case": case, "at": "2025-09-02", "step": "1"},
    ]
    return "".join(json.dumps(a | who) + "\n" for a in actions)


@dataclass
class Server:
    schema: str
    owner: str
    roles: dict[str, str]
    """Each person's function (coa, cob, inspector, privacy, admin) → role name."""
    tmp: Path

    def url(self, who: str) -> str:
        role = self.owner if who == "owner" else self.roles[who]
        base = POSTGRES_URL.split("://", 1)[1].split("@", 1)[1]
        return f"postgresql://{role}@{base}?schema={self.schema}"

    def run(self, who: str, *args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(
            cli, ["--db", self.url(who), *args], env={"ZATLOG_ACTOR": None, **(env or {})}
        )

    def ok(self, who: str, *args: str) -> str:
        result = self.run(who, *args)
        assert result.exit_code == 0, result.output
        return result.output

    def sql(self, who: str) -> psycopg.Connection[Any]:
        role = self.owner if who == "owner" else self.roles[who]
        host = POSTGRES_URL.split("@", 1)[1].split("/", 1)[0]
        name, _, port = host.partition(":")
        return psycopg.connect(
            host=name, port=port or "5432", dbname="test", user=role, autocommit=True
        )

    def count(self, table: str) -> int:
        with self.sql("owner") as connection:
            row = connection.execute(f"SELECT count(*) FROM {self.schema}.{table}").fetchone()
        assert row is not None
        return int(row[0])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tag = uuid.uuid4().hex[:8]
    schema = f"t_{tag}"
    tmp = tmp_path_factory.mktemp("server")
    owner = POSTGRES_URL.split("://", 1)[1].split("@", 1)[0].split(":", 1)[0]
    people = {
        "coa": f"r{tag}_coa",
        "cob": f"r{tag}_cob",
        "inspector": f"r{tag}_insp",
        "privacy": f"r{tag}_priv",
        "admin": f"r{tag}_adm",
    }
    server = Server(schema, owner, people, tmp)
    with server.sql("owner") as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        server.ok("owner", "init", "--no-encrypt")
        assert "zatlog_" in server.ok("owner", "admin", "setup")
        for who, function, schools in (
            ("coa", "coordinator", [SCHOOL_A]),
            ("cob", "coordinator", [SCHOOL_B]),
            ("inspector", "inspector", [SCHOOL_A]),
            ("privacy", "privacy-officer", []),
            ("admin", "admin", []),
        ):
            school_args = [arg for s in schools for arg in ("--school", s)]
            handout = server.ok(
                "owner", "admin", "add", people[who], "--function", function, *school_args
            )
            assert people[who] in handout
        (tmp / "a.jsonl").write_text(lines("a-1", SCHOOL_A))
        (tmp / "b.jsonl").write_text(lines("b-1", SCHOOL_B))
        server.ok("coa", "import", str(tmp / "a.jsonl"))
        server.ok("cob", "import", str(tmp / "b.jsonl"))
        # The owner keeps the read models (the follower's work on a server).
        server.ok("owner", "projections", "status")
        server.ok("owner", "case", "list", "--purpose", "beheer")
        yield server
    finally:
        with server.sql("owner") as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
            found = connection.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE %s OR rolname LIKE %s",
                (f"r{tag}\\_%", f"zatlog\\_{schema}\\_%"),
            ).fetchall()
            for (role,) in found:
                connection.execute(f'DROP ROLE "{role}"')


# -- through zatlog ---------------------------------------------------------------------------


def test_a_coordinator_lists_and_reads_only_the_cases_of_their_school(server: Server) -> None:
    listed = server.ok("coa", "case", "list")
    assert "a-1" in listed and "b-1" not in listed and SCHOOL_B not in listed
    assert "b-1" in server.ok("cob", "case", "list")
    assert "a-1" not in server.ok("cob", "case", "list")
    assert "Pupil a-1" in server.ok("coa", "case", "show", "a-1")
    for command in (
        ["case", "show", "b-1"],
        ["case", "timeline", "b-1"],
        ["dossier", "export", "b-1", "--for", "mother", "--format", "json", "-o", "-"],
        ["audit", "--case", "b-1"],
    ):
        result = server.run("coa", *command)
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output and "Pupil b-1" not in result.output
    due = server.ok("coa", "due", "--format", "json")
    assert "b-1" not in due and SCHOOL_B not in due
    audit = server.ok("coa", "audit", "--format", "json")
    assert '"a-1"' in audit and "b-1" not in audit and SCHOOL_B not in audit
    # Another school's cases are not there for this role: the same answer as a mistyped school.
    school_b = server.run("coa", "audit", "--school", SCHOOL_B, "--format", "json")
    assert school_b.exit_code == 1, school_b.output
    assert f"school {SCHOOL_B} heeft geen dossiers in het logboek" in school_b.output
    assert "b-1" not in school_b.output
    export = server.ok(
        "coa", "dossier", "export", "a-1", "--for", "mother", "--format", "json", "-o", "-"
    )
    assert "Pupil a-1" in export


def step_file(server: Server, case: str) -> Path:
    """An import file with one step on ``case``."""
    path = server.tmp / f"step-{case}.jsonl"
    step = {"action": "step_entered", "case": case, "at": "2025-10-01", "step": "2"}
    path.write_text(json.dumps(step) + "\n")
    return path


def test_a_coordinator_cannot_write_into_the_other_school(server: Server) -> None:
    before = server.count("zatlog_events")
    into_b = step_file(server, "b-1")
    result = server.run("coa", "import", str(into_b))
    assert result.exit_code == 1 and "b-1" in result.output and "Traceback" not in result.output
    opened_in_b = server.tmp / "open-in-b.jsonl"
    opened_in_b.write_text(lines("a-2", SCHOOL_B))
    result = server.run("coa", "import", str(opened_in_b))
    assert result.exit_code == 1 and "niet van uw scholen" in result.output
    assert server.count("zatlog_events") == before


def test_the_recorded_actor_is_the_role(server: Server) -> None:
    with server.sql("owner") as connection:
        recorded = connection.execute(
            f"SELECT c.case_ref, b.role FROM {server.schema}.zatlog_recorded_by b "
            f"JOIN {server.schema}.zatlog_events e USING (notification_id) "
            f"JOIN {server.schema}.zatlog_case_school c USING (originator_id) "
            "WHERE c.case_ref IS NOT NULL"
        ).fetchall()
    assert set(recorded) == {("a-1", server.roles["coa"]), ("b-1", server.roles["cob"])}
    timeline = server.ok("coa", "case", "timeline", "a-1")
    assert server.roles["coa"] in timeline


def test_naming_another_actor_is_refused(server: Server) -> None:
    before = server.count("zatlog_events")
    step = step_file(server, "a-1")
    result = server.run("coa", "--actor", "someone-else", "import", str(step))
    assert result.exit_code == 1 and "--actor someone-else" in result.output
    assert server.roles["coa"] in result.output
    result = server.run("coa", "import", str(step), env={"ZATLOG_ACTOR": "someone-else"})
    assert result.exit_code == 1 and "ZATLOG_ACTOR" in result.output
    by_other = server.tmp / "by-other.jsonl"
    by_other.write_text(lines("a-3", SCHOOL_A, by="ib-devries"))
    result = server.run("coa", "import", str(by_other))
    assert result.exit_code == 1 and "ib-devries" in result.output
    assert server.count("zatlog_events") == before
    # Naming oneself is no claim.
    server.ok("coa", "--actor", server.roles["coa"], "case", "list")


# -- through plain SQL, with the coordinator's own credentials ---------------------------------


def test_plain_sql_shows_a_coordinator_nothing_of_the_other_school(server: Server) -> None:
    s = server.schema
    with server.sql("coa") as connection:
        for table in TABLES:
            rows = connection.execute(f"SELECT * FROM {s}.{table}").fetchall()
            text = repr(rows)
            assert "b-1" not in text and SCHOOL_B not in text, table
            assert server.roles["cob"] not in text, table
        for table in ("case_state", "case_log", "findings", "due_case", "zatlog_case_school"):
            seen = connection.execute(f"SELECT count(*) FROM {s}.{table}").fetchone()
            with server.sql("owner") as owner:
                own = owner.execute(
                    f"SELECT count(*) FROM {s}.{table} WHERE school = %s", (SCHOOL_A,)
                ).fetchone()
            assert seen == own and own is not None and own[0] >= 1, table


def test_plain_sql_writes_into_the_other_school_are_refused(server: Server) -> None:
    s = server.schema
    with server.sql("owner") as owner:
        b_case = owner.execute(
            f"SELECT originator_id FROM {s}.zatlog_case_school WHERE case_ref = 'b-1'"
        ).fetchone()
    assert b_case is not None
    refused = [
        f"INSERT INTO {s}.zatlog_events (originator_id, originator_version, topic, state) "
        f"VALUES ('{b_case[0]}', 99, 'x', 'x')",
        f"INSERT INTO {s}.zatlog_case_school VALUES (gen_random_uuid(), 'b-9', '{SCHOOL_B}')",
        f"INSERT INTO {s}.event_chain VALUES ('{b_case[0]}', 99, 1, 'x', 'x')",
        f"INSERT INTO {s}.case_state (case_ref, school) VALUES ('b-9', '{SCHOOL_B}')",
        f"INSERT INTO {s}.findings SELECT * FROM {s}.findings",
        f"UPDATE {s}.case_state SET school = '{SCHOOL_B}'",
        f"DELETE FROM {s}.case_log",
        f"DELETE FROM {s}.zatlog_events",
        f"TRUNCATE {s}.zatlog_events",
        f"INSERT INTO {s}.access_log SELECT seq + 100, at, '{server.roles['cob']}', command, "
        f"cases, items, purpose, previous, hash FROM {s}.access_log",
        f"INSERT INTO {s}.zatlog_school_member VALUES ('{server.roles['coa']}', '{SCHOOL_B}')",
        f"SELECT * FROM {s}.zatlog_pseudonym_key",
        f"SELECT * FROM {s}.zatlog_inspector_findings()",
    ]
    before = {table: server.count(table) for table in TABLES}
    with server.sql("coa") as connection:
        for statement in refused:
            with pytest.raises(psycopg.Error):
                connection.execute(statement)
        # An update or delete that finds no row to touch is no write either.
        connection.execute(f"UPDATE {s}.zatlog_events SET topic = topic WHERE false")
    assert {table: server.count(table) for table in TABLES} == before


# -- the inspector, the privacy officer and the admin ------------------------------------------


def test_the_inspector_reads_pseudonymised_findings_of_the_mandate_only(server: Server) -> None:
    s = server.schema
    with server.sql("inspector") as connection:
        rows = connection.execute(f"SELECT * FROM {s}.zatlog_inspector_findings()").fetchall()
        assert [row[1] for row in rows] == [SCHOOL_A]
        pseudonym, _, _, _, findings = rows[0]
        assert re.fullmatch(r"[0-9a-f]{16}", pseudonym)
        assert "a-1" not in findings and "Pupil" not in findings
        assert '"rule": "L1"' in findings
        again = connection.execute(f"SELECT * FROM {s}.zatlog_inspector_findings()").fetchall()
        assert again == rows  # stable
        for table in ("findings", "case_state", "case_log", "access_log", "zatlog_case_school"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(f"SELECT count(*) FROM {s}.{table}")
        row = connection.execute(f"SELECT count(*) FROM {s}.zatlog_events").fetchone()
        assert row == (0,)
    table = server.ok("inspector", "audit")
    assert rows[0][0] in table and "L1" in table and SCHOOL_A in table and "gering" in table
    assert "a-1" not in table and "b-1" not in table
    shown = json.loads(server.ok("inspector", "audit", "--format", "json", "--lang", "en"))
    assert shown["cases"] == 1 and {f["case"] for f in shown["findings"]} == {rows[0][0]}
    assert server.run("inspector", "audit", "--fail-on", "minor").exit_code == 3
    result = server.run("inspector", "case", "list")
    assert result.exit_code == 1 and "a-1" not in result.output
    assert "databaserol mag dit niet" in result.output


def test_the_privacy_officer_reads_the_access_log_only(server: Server) -> None:
    shown = server.ok("privacy", "access-log", "--format", "json")
    actors = {entry["actor"] for entry in json.loads(shown)["entries"]}
    assert {server.roles["coa"], server.roles["cob"]} <= actors
    with server.sql("privacy") as connection:
        for table in ("case_state", "findings", "case_log", "zatlog_case_school"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(f"SELECT count(*) FROM {server.schema}.{table}")
        row = connection.execute(f"SELECT count(*) FROM {server.schema}.zatlog_events").fetchone()
        assert row == (0,)
    # Which cases exist is not theirs to know: a case nobody looked at is an empty answer.
    assert server.ok("privacy", "access-log", "--case", "zz-1").strip() == "geen inzage vastgelegd"
    # A coordinator reads only their own looks.
    own = server.ok("coa", "access-log", "--format", "json")
    assert {e["actor"] for e in json.loads(own)["entries"]} == {server.roles["coa"]}


def test_the_admin_adds_and_removes_people(server: Server) -> None:
    newcomer = f"{server.roles['admin']}_new"
    handout = server.ok(
        "admin", "admin", "add", newcomer, "--function", "coordinator", "--school", SCHOOL_B
    )
    password = re.search(r"wachtwoord: (\S+)", handout)
    assert password is not None and len(password.group(1)) >= 20
    assert f"{newcomer}@" in handout and SCHOOL_B in handout
    assert newcomer in server.ok("admin", "admin", "list")
    server.roles["new"] = newcomer
    listed = server.ok("new", "case", "list")
    assert "b-1" in listed and "a-1" not in listed
    removed = server.ok("admin", "admin", "remove", newcomer)
    assert newcomer in removed
    assert newcomer not in server.ok("admin", "admin", "list")
    # A coordinator cannot make people, nor widen their own schools.
    result = server.run(
        "coa", "admin", "add", f"{newcomer}2", "--function", "coordinator", "--school", SCHOOL_B
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "b-1" not in server.ok("coa", "case", "list")


def test_admin_refuses_bad_input_and_sqlite(server: Server, tmp_path: Path) -> None:
    result = server.run("admin", "admin", "add", "Bad Name", "--function", "coordinator")
    assert result.exit_code == 1 and "Bad Name" in result.output
    result = server.run("admin", "admin", "add", "fine_name", "--function", "coordinator")
    assert result.exit_code == 1 and "--school" in result.output
    result = server.run("admin", "admin", "remove", "postgres")
    assert result.exit_code == 1 and "postgres" in result.output
    db = str(tmp_path / "z.db")
    CliRunner().invoke(cli, ["--db", db, "init"])
    result = CliRunner().invoke(cli, ["--db", db, "admin", "list"])
    assert result.exit_code == 1 and "PostgreSQL" in result.output


def test_setup_ties_the_cases_of_a_log_recorded_before_the_ties(server: Server) -> None:
    s = server.schema

    def seen_by_coa() -> tuple[int, int]:
        with server.sql("coa") as connection:
            events = connection.execute(f"SELECT count(*) FROM {s}.zatlog_events").fetchone()
            chain = connection.execute(f"SELECT count(*) FROM {s}.event_chain").fetchone()
        assert events is not None and chain is not None
        return events[0], chain[0]

    before = seen_by_coa()
    assert before[0] >= 4
    with server.sql("owner") as connection:  # as a log from before the ties existed
        connection.execute(f"DELETE FROM {s}.zatlog_case_school")
    assert seen_by_coa() == (0, 0)
    server.ok("owner", "admin", "setup")
    assert seen_by_coa() == before
    assert server.count("zatlog_case_school") == 4  # two cases, two schools
