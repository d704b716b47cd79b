"""``zatlog admin``: people on a PostgreSQL server, and the schema that keeps schools apart.

``setup`` (the owner of the log's tables, once and after each upgrade) secures
the schema; ``add`` creates a person's login role with one of four functions
and prints what to hand them; ``remove`` takes a person away; ``list`` shows
who has which function for which schools. See :mod:`zatlog.roles`.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from zatlog.cli.cases import columns
from zatlog.cli.main import Session
from zatlog.cli.options import example

if TYPE_CHECKING:
    from zatlog.roles import Person

FUNCTION_CHOICES = {
    "coordinator": "coordinator",
    "privacy-officer": "privacy_officer",
    "inspector": "inspector",
    "admin": "admin",
}
"""The functions as the command line writes them, and as zatlog.roles names them."""


@click.group("admin")
def admin() -> None:
    """People on a PostgreSQL server: their roles, functions and schools.

    Each person connects as their own database role; what they record carries
    that role as its actor, and the database itself keeps schools apart
    (row-level security). Run setup once as the owner of the log's tables,
    then add people. The README (Op een server) shows the same in plain SQL.
    """


@admin.command(
    "setup",
    epilog=example("zatlog --db 'postgresql://zatlog@db.example/board' admin setup"),
)
@click.pass_obj
def setup(session: Session) -> None:
    """Secure the log's schema: group roles, school ties, row-level security.

    Run by the owner of the log's tables (the account that ran zatlog init
    and runs the follower), once, and again after an upgrade of zatlog. It
    changes nothing that is recorded.
    """
    from zatlog import roles
    from zatlog.access_log import ensure_table
    from zatlog.projections.runner import catch_up, projection_classes

    location = session.location
    if not location.is_postgres:
        raise click.ClickException(session.message("role_sqlite"))
    if location.encrypted:
        raise click.ClickException(session.message("role_encrypted", target=location.target))
    catch_up(session.app)  # the read models' tables exist before they are secured
    ensure_table(location)
    tables = [t.name for cls in projection_classes(None) for t in cls.tables]
    covered = roles.setup(location, tables, session.app.school_ties_of_log())
    schema = roles.schema_of(location)
    groups = ", ".join(roles.group(schema, f) for f in (*roles.FUNCTIONS, roles.RECORD_FOR_OTHERS))
    click.echo(
        session.message(
            "admin_setup_done", schema=schema, groups=groups, tables=", ".join(covered) or "-"
        )
    )


@admin.command(
    "add",
    epilog=example(
        "zatlog --db 'postgresql://beheer@db.example/board' admin add jansen "
        "--function coordinator --school regenboog",
        "zatlog --db 'postgresql://beheer@db.example/board' admin add inspecteur1 "
        "--function inspector --school regenboog --school horizon",
    ),
)
@click.argument("name")
@click.option(
    "--function",
    "function",
    type=click.Choice(list(FUNCTION_CHOICES)),
    required=True,
    help="coordinator (of the --school(s)), privacy-officer (reads the access log), "
    "inspector (pseudonymised audit findings of the --school(s) of the mandate), or admin "
    "(adds and removes people).",
)
@click.option(
    "--school",
    "schools",
    multiple=True,
    metavar="ID",
    help="A school (its id, as case_opened names it); repeat for more. Required for a "
    "coordinator and an inspector.",
)
@click.option(
    "--record-for-others",
    is_flag=True,
    help="May record in another person's name (--actor, or by in an import): for a migration only.",
)
@click.option(
    "--no-password",
    is_flag=True,
    help="Create the role without a password (the server lets it log in otherwise, e.g. "
    "with a certificate).",
)
@click.pass_obj
def add(
    session: Session,
    name: str,
    function: str,
    schools: tuple[str, ...],
    record_for_others: bool,
    no_password: bool,
) -> None:
    """Create the login role NAME with one function, and print what to hand the person.

    The password is made here, sent to the server only as a SCRAM hash, and
    shown once: hand it over and do not keep it.
    """
    from zatlog import roles

    person = roles.Person(
        role=name,
        function=FUNCTION_CHOICES[function],
        schools=tuple(dict.fromkeys(s.strip() for s in schools if s.strip())),
        records_for_others=record_for_others,
    )
    password = None if no_password else secrets.token_urlsafe(18)
    roles.add_person(session.location, person, password)
    click.echo(handout(session, person, password))


def handout(session: Session, person: Person, password: str | None) -> str:
    """What the new person needs: role, function, schools, password, how to connect."""
    parts = urlsplit(session.location.target)
    host = parts.netloc.rpartition("@")[2]
    url = parts._replace(netloc=f"{person.role}@{host}").geturl()
    settings = session.location.settings
    pgpass = ":".join(
        (
            parts.hostname or "localhost",
            str(parts.port or 5432),
            settings.get("POSTGRES_DBNAME", "*"),
            person.role,
            password or "…",
        )
    )
    return session.message(
        "admin_handout",
        name=person.role,
        function=session.message(f"function_{person.function}"),
        schools=", ".join(person.schools)
        or (session.message("admin_all_schools") if person.function == "privacy_officer" else "-"),
        password=password or session.message("admin_no_password"),
        url=url,
        pgpass=pgpass,
    )


@admin.command(
    "remove",
    epilog=example("zatlog --db 'postgresql://beheer@db.example/board' admin remove jansen"),
)
@click.argument("name")
@click.pass_obj
def remove(session: Session, name: str) -> None:
    """Remove the person NAME: their login role and school memberships.

    What they recorded stays in the log under their name.
    """
    from zatlog import roles

    person = roles.remove_person(session.location, name)
    click.echo(
        session.message(
            "admin_removed", name=name, function=session.message(f"function_{person.function}")
        )
    )


@admin.command(
    "list", epilog=example("zatlog --db 'postgresql://beheer@db.example/board' admin list")
)
@click.pass_obj
def list_people(session: Session) -> None:
    """Every person of this log: role, function, schools. A role marked (+) may record
    for others."""
    from zatlog import roles

    found = roles.people(session.location)
    if not found:
        click.echo(session.message("admin_no_people"))
        return
    table = [[session.message(f"admin_column_{c}") for c in ("role", "function", "schools")]]
    for person in found:
        table.append(
            [
                person.role + (" (+)" if person.records_for_others else ""),
                session.message(f"function_{person.function}"),
                ", ".join(person.schools) or "-",
            ]
        )
    click.echo(columns(table))
