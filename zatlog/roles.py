"""People on a PostgreSQL server: their roles, and schools kept apart by the database.

On PostgreSQL every person connects as their own login role, and what that
role may see is decided by the database, not by zatlog: row-level security
in the log's one schema. A person's *function* is membership of a group role
(see :func:`group`); the schools they work for are rows of
``zatlog_school_member``; each case (and each school's own aggregate) is
tied to its school in ``zatlog_case_school``, written by the recorder in the
same transaction as the case's first event (see
:mod:`zatlog.postgres_recorder`). Every policy asks one question: is this
row's school one of the current role's schools?

- coordinator: reads and writes the log, reads the read models, of the cases
  of their own schools; reads and appends their own access-log entries.
- privacy officer: reads the access log, nothing else.
- inspector: calls ``zatlog_inspector_findings()``, the audit findings of the
  schools of their mandate with every case reference pseudonymised (a keyed
  SHA-256 with a secret only the owner can read); no grant on the log.
- admin: creates and removes people (the login role has CREATEROLE) and
  their school memberships; reads no case.

The *owner* (the role that created the log's tables, usually the service
account of the follower) is the DBA's: it bypasses the policies, keeps the
read models current and makes backups. Row-level security in one schema was
chosen over a schema per school because a case's events, its chain links
and every read model then stay one log with one chain, one digest, one
follower and one rebuild, while the policies put the boundary in the
database, where plain SQL meets it too.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from zatlog.errors import Phrase, ZatlogError, cannot_open

if TYPE_CHECKING:
    from zatlog.storage import Location

FUNCTIONS = ("coordinator", "privacy_officer", "inspector", "admin")
"""The four functions a person can have."""
RECORD_FOR_OTHERS = "record_for_others"
"""The group whose members may record in another person's name (``--actor``: a migration)."""

MEMBER_TABLE = "zatlog_school_member"
CASE_TABLE = "zatlog_case_school"
KEY_TABLE = "zatlog_pseudonym_key"
RECORDED_BY_TABLE = "zatlog_recorded_by"
EVENTS_TABLE = "zatlog_events"
ACCESS_TABLE = "access_log"
INSPECTOR_FUNCTION = "zatlog_inspector_findings"
ACCESS_HEAD_FUNCTION = "zatlog_access_head"

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

CASE_TABLE_DDL = (
    "CREATE TABLE IF NOT EXISTS {schema}." + CASE_TABLE + " ("
    "originator_id uuid PRIMARY KEY, case_ref text, school text NOT NULL)"
)
"""The map of cases (and school aggregates) to their school; the recorder creates it."""


SchoolTie = tuple[UUID, str | None, str]
"""An aggregate's id, its case reference (None for a school's own aggregate), its school."""


class RoleError(ZatlogError):
    """A role could not be created, removed or given its rights. ``key`` names the text in
    the command line's catalog, ``fields`` fill it in."""

    def __init__(self, key: str, text: str, **fields: object) -> None:
        super().__init__(text, key=key, **fields)


class ActorRefused(ZatlogError):
    """An action names another actor than the session's role, which may not record for
    others: the database knows who is connected, and that is who records."""

    def __init__(self, claimed: str, role: str) -> None:
        super().__init__(f"{claimed!r} is not you: connected as {role!r}")
        self.claimed = claimed
        self.role = role


def prefix(schema: str) -> str:
    """The group roles' prefix: ``zatlog`` for a log in ``public``, else ``zatlog_<schema>``.

    Roles belong to the whole cluster; two logs in two schemas of one cluster
    thus never share a group.
    """
    return "zatlog" if schema == "public" else f"zatlog_{schema}"


def group(schema: str, function: str) -> str:
    """The group role of a function (or of :data:`RECORD_FOR_OTHERS`)."""
    return f"{prefix(schema)}_{function}"


def schema_of(location: Location) -> str:
    return location.settings.get("POSTGRES_SCHEMA") or "public"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# -- who is connected -------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    role: str
    """``session_user``: the role that logged in."""
    owner: bool
    """Whether it owns the log's tables (or there are none yet): it keeps the read models."""
    records_for_others: bool
    """Whether it may record in another person's name: a superuser, or a member of the
    :data:`RECORD_FOR_OTHERS` group."""
    functions: tuple[str, ...] = ()
    """The functions (of :data:`FUNCTIONS`) whose group it is a member of."""

    @property
    def inspector_only(self) -> bool:
        """An inspector's role: it reads pseudonymised findings and nothing else."""
        return not self.owner and self.functions == ("inspector",)


IDENTITY_SQL = """
SELECT session_user::text AS role,
       COALESCE((SELECT pg_has_role(session_user, c.relowner, 'USAGE')
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = %(schema)s AND c.relname = %(events)s), true) AS owner,
       (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = session_user)
       OR COALESCE((SELECT pg_has_role(session_user, g.oid, 'MEMBER')
                    FROM pg_roles g WHERE g.rolname = %(others)s), false) AS others,
       ARRAY(SELECT g.rolname::text FROM pg_roles g WHERE g.rolname = ANY(%(groups)s)
             AND pg_has_role(session_user, g.oid, 'MEMBER')) AS functions
"""


def identity(location: Location) -> Identity:
    """Who this connection is, as the database knows it."""
    from zatlog.storage import pg_connect

    schema = schema_of(location)
    params = {
        "schema": schema,
        "events": EVENTS_TABLE,
        "others": group(schema, RECORD_FOR_OTHERS),
        "groups": [group(schema, f) for f in FUNCTIONS],
    }
    try:
        with pg_connect(location, autocommit=True) as connection:
            row = connection.execute(IDENTITY_SQL, params).fetchone()
    except Exception as error:
        raise cannot_open(location.target, error) from None
    assert row is not None
    member_of = set(row[3])
    functions = tuple(f for f in FUNCTIONS if group(schema, f) in member_of)
    return Identity(str(row[0]), bool(row[1]), bool(row[2]), functions)


def owns_log(cursor: Any, schema: str) -> bool:
    """Whether the cursor's role owns the log's tables (or none exist yet)."""
    cursor.execute(
        "SELECT pg_has_role(session_user, c.relowner, 'USAGE') AS owner FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s",
        (schema, EVENTS_TABLE),
    )
    row = cursor.fetchone()
    if row is None:
        return True
    return bool(row["owner"] if isinstance(row, dict) else row[0])


# -- securing a schema --------------------------------------------------------------------------


def my_schools(schema: str) -> str:
    """The current role's schools, as a policy reads them (the member table's own policy
    shows a role its own rows)."""
    return f"(SELECT m.school FROM {quoted(schema)}.{MEMBER_TABLE} m)"


def read_model_statements(schema: str, table: str) -> list[str]:
    """Row-level security on a read-model table (with a ``school`` column): coordinators
    read the rows of their own schools. Run again whenever the table is created anew."""
    name = f"{quoted(schema)}.{quoted(table)}"
    coordinator = quoted(group(schema, "coordinator"))
    return [
        f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS zatlog_school ON {name}",
        f"CREATE POLICY zatlog_school ON {name} FOR SELECT TO {coordinator} "
        f"USING (school IN {my_schools(schema)})",
        f"GRANT SELECT ON {name} TO {coordinator}",
    ]


def secured(cursor: Any, schema: str) -> bool:
    """Whether ``zatlog admin setup`` has secured this schema."""
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL AS secured", (f'"{schema}".{MEMBER_TABLE}',))
    row = cursor.fetchone()
    return bool(row["secured"] if isinstance(row, dict) else row[0])


def setup_statements(schema: str, tables: Iterable[str], read_models: Iterable[str]) -> list[str]:
    """Everything ``zatlog admin setup`` runs, in order (idempotent; the owner runs it).

    ``tables`` are the tables that exist in the schema; ``read_models`` those of
    them with a ``school`` column that are read models.
    """
    s = quoted(schema)
    existing = set(tables)
    g = {f: quoted(group(schema, f)) for f in (*FUNCTIONS, RECORD_FOR_OTHERS)}
    everyone = ", ".join(g[f] for f in FUNCTIONS)
    statements = [
        *(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
            f"'{group(schema, f)}') THEN CREATE ROLE {g[f]} NOLOGIN; END IF; END $$"
            for f in (*FUNCTIONS, RECORD_FOR_OTHERS)
        ),
        f"GRANT USAGE ON SCHEMA {s} TO {everyone}",
        # Who works for which school (an inspector: the schools of their mandate).
        f"CREATE TABLE IF NOT EXISTS {s}.{MEMBER_TABLE} "
        "(role name NOT NULL, school text NOT NULL, PRIMARY KEY (role, school))",
        f"ALTER TABLE {s}.{MEMBER_TABLE} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS zatlog_own ON {s}.{MEMBER_TABLE}",
        f"CREATE POLICY zatlog_own ON {s}.{MEMBER_TABLE} FOR SELECT USING (role IN "
        "(SELECT r.rolname FROM pg_roles r WHERE pg_has_role(current_user, r.oid, 'MEMBER')))",
        f"DROP POLICY IF EXISTS zatlog_admin ON {s}.{MEMBER_TABLE}",
        f"CREATE POLICY zatlog_admin ON {s}.{MEMBER_TABLE} FOR ALL TO {g['admin']} "
        "USING (true) WITH CHECK (true)",
        f"GRANT SELECT ON {s}.{MEMBER_TABLE} TO {everyone}",
        f"GRANT INSERT, DELETE ON {s}.{MEMBER_TABLE} TO {g['admin']}",
        # Each case's school: written with the case's first event.
        CASE_TABLE_DDL.format(schema=s),
        f"ALTER TABLE {s}.{CASE_TABLE} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS zatlog_read ON {s}.{CASE_TABLE}",
        f"CREATE POLICY zatlog_read ON {s}.{CASE_TABLE} FOR SELECT TO {g['coordinator']} "
        f"USING (school IN {my_schools(schema)})",
        f"DROP POLICY IF EXISTS zatlog_write ON {s}.{CASE_TABLE}",
        f"CREATE POLICY zatlog_write ON {s}.{CASE_TABLE} FOR INSERT TO {g['coordinator']} "
        f"WITH CHECK (school IN {my_schools(schema)})",
        f"GRANT SELECT, INSERT ON {s}.{CASE_TABLE} TO {g['coordinator']}",
    ]
    own_cases = f"(SELECT c.originator_id FROM {s}.{CASE_TABLE} c)"
    for table in (EVENTS_TABLE, "event_chain"):
        statements += [
            f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS zatlog_read ON {s}.{table}",
            f"CREATE POLICY zatlog_read ON {s}.{table} FOR SELECT TO {g['coordinator']} "
            f"USING (originator_id IN {own_cases})",
            f"DROP POLICY IF EXISTS zatlog_write ON {s}.{table}",
            f"CREATE POLICY zatlog_write ON {s}.{table} FOR INSERT TO {g['coordinator']} "
            f"WITH CHECK (originator_id IN {own_cases})",
            f"GRANT SELECT, INSERT ON {s}.{table} TO {g['coordinator']}",
        ]
    statements += [
        # The library takes an EXCLUSIVE lock on the events table to write, which needs
        # UPDATE: no policy allows an update, and a trigger refuses one anyway.
        f"GRANT UPDATE ON {s}.{EVENTS_TABLE} TO {g['coordinator']}",
        f"GRANT USAGE ON SEQUENCE {s}.{EVENTS_TABLE}_notification_id_seq TO {g['coordinator']}",
        # Opening the log counts its events: the others see none (no policy lets them).
        f"GRANT SELECT ON {s}.{EVENTS_TABLE} TO {g['privacy_officer']}, {g['inspector']}, "
        f"{g['admin']}",
        # Who really wrote each event, as the database saw it.
        f"CREATE TABLE IF NOT EXISTS {s}.{RECORDED_BY_TABLE} "
        "(notification_id bigint PRIMARY KEY, role name NOT NULL, "
        "at timestamptz NOT NULL DEFAULT now())",
        f"ALTER TABLE {s}.{RECORDED_BY_TABLE} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS zatlog_read ON {s}.{RECORDED_BY_TABLE}",
        f"CREATE POLICY zatlog_read ON {s}.{RECORDED_BY_TABLE} FOR SELECT TO "
        f"{g['coordinator']} USING (notification_id IN "
        f"(SELECT e.notification_id FROM {s}.{EVENTS_TABLE} e))",
        f"GRANT SELECT ON {s}.{RECORDED_BY_TABLE} TO {g['coordinator']}",
        f"CREATE OR REPLACE FUNCTION {s}.zatlog_record_role() RETURNS trigger "
        "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ BEGIN "
        f"INSERT INTO {s}.{RECORDED_BY_TABLE} (notification_id, role) "
        "SELECT a.notification_id, session_user FROM added a; RETURN NULL; END $$",
        f"REVOKE ALL ON FUNCTION {s}.zatlog_record_role() FROM PUBLIC",
        f"CREATE OR REPLACE TRIGGER zatlog_recorded_by AFTER INSERT ON {s}.{EVENTS_TABLE} "
        f"REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {s}.zatlog_record_role()",
        # What holds no case: the log's metadata (everyone opens the log by it), its
        # chain's origin and the read models' tracked positions.
        f"GRANT SELECT ON {s}.zatlog_meta TO {everyone}",
        *(
            f"GRANT SELECT ON {s}.{table} TO {g['coordinator']}"
            for table in ("event_chain_origin", "zatlog_tracking")
            if table in existing
        ),
        # The access log: coordinators append and read their own looks; the privacy
        # officer reads every look. The chain's head comes from a function.
        f"ALTER TABLE {s}.{ACCESS_TABLE} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS zatlog_own ON {s}.{ACCESS_TABLE}",
        f"CREATE POLICY zatlog_own ON {s}.{ACCESS_TABLE} FOR SELECT TO {g['coordinator']} "
        "USING (actor = session_user)",
        f"DROP POLICY IF EXISTS zatlog_append ON {s}.{ACCESS_TABLE}",
        f"CREATE POLICY zatlog_append ON {s}.{ACCESS_TABLE} FOR INSERT TO {g['coordinator']} "
        "WITH CHECK (actor = session_user)",
        f"DROP POLICY IF EXISTS zatlog_privacy ON {s}.{ACCESS_TABLE}",
        f"CREATE POLICY zatlog_privacy ON {s}.{ACCESS_TABLE} FOR SELECT TO "
        f"{g['privacy_officer']} USING (true)",
        f"GRANT SELECT, INSERT, UPDATE ON {s}.{ACCESS_TABLE} TO {g['coordinator']}",
        f"GRANT SELECT ON {s}.{ACCESS_TABLE} TO {g['privacy_officer']}",
        f"CREATE OR REPLACE FUNCTION {s}.{ACCESS_HEAD_FUNCTION}() "
        "RETURNS TABLE (seq bigint, hash text) LANGUAGE sql STABLE SECURITY DEFINER "
        "SET search_path = pg_catalog, pg_temp AS $$ "
        f"SELECT a.seq, a.hash FROM {s}.{ACCESS_TABLE} a ORDER BY a.seq DESC LIMIT 1 $$",
        f"REVOKE ALL ON FUNCTION {s}.{ACCESS_HEAD_FUNCTION}() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.{ACCESS_HEAD_FUNCTION}() TO {g['coordinator']}",
        # The inspector: pseudonymised findings of the schools of their mandate.
        f"CREATE TABLE IF NOT EXISTS {s}.{KEY_TABLE} (secret bytea NOT NULL)",
        f"ALTER TABLE {s}.{KEY_TABLE} ENABLE ROW LEVEL SECURITY",
        f"REVOKE ALL ON {s}.{KEY_TABLE} FROM PUBLIC",
        f"CREATE OR REPLACE FUNCTION {s}.{INSPECTOR_FUNCTION}() RETURNS TABLE "
        "(case_pseudonym text, school text, opened_on text, computed_on text, findings text) "
        "LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
        "BEGIN RETURN QUERY SELECT p.pseudonym, f.school, f.opened_on, f.computed_on, "
        "replace(convert_from(f.findings, 'UTF8'), f.case_ref, p.pseudonym) "
        f"FROM {s}.findings f, {s}.{KEY_TABLE} k, LATERAL (SELECT "
        "substr(encode(sha256(k.secret || convert_to(f.case_ref, 'UTF8')), 'hex'), 1, 16) "
        "AS pseudonym) p "
        f"WHERE pg_has_role(session_user, '{group(schema, 'inspector')}', 'MEMBER') "
        f"AND f.school IN (SELECT m.school FROM {s}.{MEMBER_TABLE} m JOIN pg_roles r "
        "ON r.rolname = m.role WHERE pg_has_role(session_user, r.oid, 'MEMBER')) "
        "ORDER BY f.school, p.pseudonym; END $$",
        f"REVOKE ALL ON FUNCTION {s}.{INSPECTOR_FUNCTION}() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.{INSPECTOR_FUNCTION}() TO {g['inspector']}",
    ]
    for table in read_models:
        statements += read_model_statements(schema, table)
    return statements


def setup(
    location: Location, read_models: Sequence[str], ties: Iterable[SchoolTie] = ()
) -> list[str]:
    """Secure the log's schema (the owner runs it; again after an upgrade). Returns the
    read-model tables secured. ``read_models`` names every read-model table; ``ties`` are
    the log's cases and schools with their school, added where missing (a log recorded
    before the recorder wrote them)."""
    from zatlog.storage import pg_connect

    if location.encrypted:
        raise RoleError(
            "role_encrypted",
            f"{location.target} is encrypted at rest with a key on this computer: "
            "create the log with `zatlog init --no-encrypt` (see README, Op een server)",
            target=location.target,
        )
    schema = schema_of(location)
    # Read before the transaction below locks the tables it secures.
    pending = list(ties)
    with pg_connect(location) as connection, connection.cursor() as cursor:
        if not owns_log(cursor, schema):
            raise RoleError(
                "role_not_owner",
                f"{location.target}: only the owner of the log's tables can secure them",
                target=location.target,
            )
        cursor.execute(
            "SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid "
            "AND a.attname = 'school' AND NOT a.attisdropped) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'",
            (schema,),
        )
        tables = dict(cursor.fetchall())
        present = [t for t in read_models if tables.get(t)]
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{schema}/zatlog/roles",))
        for statement in setup_statements(schema, tables, present):
            cursor.execute(statement)
        for start in range(0, len(pending), 5000):
            page = pending[start : start + 5000]
            cursor.execute(
                f"INSERT INTO {quoted(schema)}.{CASE_TABLE} SELECT * FROM unnest("
                "%s::uuid[], %s::text[], %s::text[]) ON CONFLICT DO NOTHING",
                [list(column) for column in zip(*page, strict=True)],
            )
        cursor.execute(f"SELECT count(*) FROM {quoted(schema)}.{KEY_TABLE}")
        counted = cursor.fetchone()
        if counted is not None and not counted[0]:
            cursor.execute(
                f"INSERT INTO {quoted(schema)}.{KEY_TABLE} (secret) VALUES (%s)",
                (secrets.token_bytes(32),),
            )
        connection.commit()
    return present


# -- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    role: str
    function: str
    schools: tuple[str, ...]
    records_for_others: bool = False


def check_role_name(name: str) -> None:
    if not ROLE_NAME.match(name) or name.startswith("zatlog") or name.startswith("pg_"):
        raise RoleError(
            "role_bad_name", f"role {name!r}: expected a plain lower-case name", name=name
        )


def add_person(location: Location, person: Person, password: str | None) -> None:
    """Create ``person``'s login role with its function, schools and (when given) password.

    The password goes to the server hashed (SCRAM-SHA-256, as psql's \\password does),
    so it never appears in a statement or the server's log.
    """
    from psycopg import sql

    check_role_name(person.role)
    assert person.function in FUNCTIONS, person.function
    if person.function in ("coordinator", "inspector") and not person.schools:
        raise RoleError(
            "role_needs_school",
            f"a {person.function} needs at least one --school",
            function=Phrase(f"function_{person.function}", person.function),
        )
    schema = schema_of(location)
    with _people(location) as (connection, cursor):
        options = "LOGIN" + (" CREATEROLE" if person.function == "admin" else "")
        statement = sql.SQL("CREATE ROLE {} " + options).format(sql.Identifier(person.role))
        if password is not None:
            hashed = connection.pgconn.encrypt_password(
                password.encode(), person.role.encode(), b"scram-sha-256"
            )
            statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(hashed.decode()))
        cursor.execute(statement)
        groups = [person.function] + ([RECORD_FOR_OTHERS] if person.records_for_others else [])
        for function in groups:
            cursor.execute(
                sql.SQL("GRANT {} TO {}").format(
                    sql.Identifier(group(schema, function)), sql.Identifier(person.role)
                )
            )
        for school in person.schools:
            cursor.execute(
                f"INSERT INTO {quoted(schema)}.{MEMBER_TABLE} (role, school) VALUES (%s, %s)",
                (person.role, school),
            )


def remove_person(location: Location, role: str) -> Person:
    """Remove a person's login role and school memberships; what they recorded stays."""
    from psycopg import sql

    schema = schema_of(location)
    check_role_name(role)
    person = next((p for p in people(location) if p.role == role), None)
    if person is None:
        raise RoleError("role_unknown", f"role {role!r} is not a person of this log", name=role)
    with _people(location) as (_, cursor):
        cursor.execute("SELECT session_user::text")
        me = cursor.fetchone()
        if me is not None and me[0] == role:
            raise RoleError("role_is_you", f"role {role!r} is you", name=role)
        cursor.execute(f"DELETE FROM {quoted(schema)}.{MEMBER_TABLE} WHERE role = %s", (role,))
        cursor.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
    return person


def people(location: Location) -> list[Person]:
    """Every person of this log: the login roles in a function group, with their schools."""
    schema = schema_of(location)
    groups = {group(schema, f): f for f in FUNCTIONS}
    others = group(schema, RECORD_FOR_OTHERS)
    with _people(location) as (_, cursor):
        cursor.execute(
            "SELECT m.rolname::text, g.rolname::text FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname = ANY(%s) ORDER BY 1, 2",
            ([*groups, others],),
        )
        memberships = cursor.fetchall()
        cursor.execute(
            f"SELECT role::text, school FROM {quoted(schema)}.{MEMBER_TABLE} ORDER BY 1, 2"
        )
        schools: dict[str, list[str]] = {}
        for role, school in cursor.fetchall():
            schools.setdefault(role, []).append(school)
    found: dict[str, Person] = {}
    helpers = {role for role, name in memberships if name == others}
    for role, name in memberships:
        if name in groups:
            found[role] = Person(role, groups[name], tuple(schools.get(role, ())), role in helpers)
    return sorted(found.values(), key=lambda p: p.role)


class _people:
    """A transaction for managing people: errors become one clear line."""

    def __init__(self, location: Location) -> None:
        self.location = location

    def __enter__(self) -> tuple[Any, Any]:
        from zatlog.storage import pg_connect

        if not self.location.is_postgres:
            raise RoleError("role_sqlite", "roles exist on PostgreSQL only")
        try:
            self.connection = pg_connect(self.location)
        except Exception as error:
            raise cannot_open(self.location.target, error) from None
        self.cursor = self.connection.cursor()
        try:
            self.cursor.execute(
                "SELECT to_regclass(%s) IS NOT NULL",
                (f'"{schema_of(self.location)}".{MEMBER_TABLE}',),
            )
            row = self.cursor.fetchone()
        except Exception:
            self.connection.close()
            raise
        if row is None or not row[0]:
            self.connection.close()
            raise RoleError(
                "role_not_secured",
                f"{self.location.target} is not secured yet: run zatlog admin setup",
                target=self.location.target,
            )
        return self.connection, self.cursor

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        import psycopg

        try:
            if error is None:
                self.connection.commit()
            else:
                self.connection.rollback()
        finally:
            self.connection.close()
        if isinstance(error, psycopg.Error):
            reason = " ".join(str(error).split())
            raise RoleError(
                "role_refused",
                f"{self.location.target}: {reason}",
                target=self.location.target,
                reason=reason,
            ) from None


@dataclass(frozen=True)
class InspectorRow:
    """One case's stored findings as an inspector reads them: the case pseudonymised."""

    case: str
    school: str
    opened_on: str
    computed_on: str
    findings: list[dict[str, Any]]


def inspector_findings(location: Location) -> list[InspectorRow]:
    """The findings of the inspector's mandate, through ``zatlog_inspector_findings()``."""
    import json

    from zatlog.storage import pg_connect

    schema = schema_of(location)
    try:
        with pg_connect(location, autocommit=True) as connection:
            rows = connection.execute(
                f"SELECT * FROM {quoted(schema)}.{INSPECTOR_FUNCTION}()"
            ).fetchall()
    except Exception as error:
        reason = " ".join(str(error).split())
        raise RoleError(
            "role_refused", f"{location.target}: {reason}", target=location.target, reason=reason
        ) from None
    return [InspectorRow(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]
