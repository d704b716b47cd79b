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
from zatlog.cli.help import HelpGroup
from zatlog.cli.main import Session

if TYPE_CHECKING:
    from zatlog.roles import Person

FUNCTION_CHOICES = {
    "coordinator": "coordinator",
    "privacy-officer": "privacy_officer",
    "inspector": "inspector",
    "admin": "admin",
}
"""The functions as the command line writes them, and as zatlog.roles names them."""


@click.group("admin", cls=HelpGroup)
def admin() -> None:
    pass


@admin.command("setup")
@click.pass_obj
def setup(session: Session) -> None:
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


@admin.command("add")
@click.argument("name")
@click.option("--function", "function", type=click.Choice(list(FUNCTION_CHOICES)), required=True)
@click.option("--school", "schools", multiple=True, metavar="ID")
@click.option("--record-for-others", is_flag=True)
@click.option("--no-password", is_flag=True)
@click.pass_obj
def add(
    session: Session,
    name: str,
    function: str,
    schools: tuple[str, ...],
    record_for_others: bool,
    no_password: bool,
) -> None:
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


@admin.command("remove")
@click.argument("name")
@click.pass_obj
def remove(session: Session, name: str) -> None:
    from zatlog import roles

    person = roles.remove_person(session.location, name)
    click.echo(
        session.message(
            "admin_removed", name=name, function=session.message(f"function_{person.function}")
        )
    )


@admin.command("list")
@click.pass_obj
def list_people(session: Session) -> None:
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
