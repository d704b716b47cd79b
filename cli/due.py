"""``zatlog due``: what must be done, for whom and by when, so that parents are involved in time."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING

import click

from zatlog.cli.access import log_look, purpose_option
from zatlog.cli.cases import columns
from zatlog.cli.help import HelpCommand
from zatlog.cli.main import Session
from zatlog.cli.options import (
    DATE,
    escaped,
    format_option,
    lang_option,
    language,
    policy_from,
    policy_option,
    require_school,
    unknown_case,
)
from zatlog.errors import ZatlogError

if TYPE_CHECKING:
    from zatlog.projections.due import DueItem
    from zatlog.projections.i18n import Lang
    from zatlog.projections.runner import Reader


@click.command("due", cls=HelpCommand)
@click.option("--as-of", type=DATE)
@click.option("--within", type=click.IntRange(min=0), metavar="DAYS")
@click.option("--case", "case", metavar="REF")
@click.option("--school", metavar="S")
@policy_option
@format_option
@lang_option
@purpose_option("due")
@click.pass_obj
def due(
    session: Session,
    as_of: date | None,
    within: int | None,
    case: str | None,
    school: str | None,
    policy_file: str | None,
    fmt: str,
    lang: str | None,
    purpose: str,
) -> None:
    from zatlog.projections import due as due_list
    from zatlog.projections.case_refs import known_cases

    chosen = language(session, lang)
    today = as_of or date.today()
    with session.read_models(["due"], lang=chosen) as view:
        if as_of is None and policy_file is None:
            items = due_list.stored_items(view, today, case=case, school=school)
        else:
            policy = policy_from(policy_file)
            items = due_list.computed_items(view, policy, today, case=case, school=school)
    if items is None:
        assert case is not None
        with session.read_models(["case_state"], lang=chosen) as view:
            refs = known_cases(view)
        raise ZatlogError(escaped(unknown_case(session, case, refs, chosen)))
    if school is not None and not items:
        require_school(session, school, chosen)  # a typo, not a school with nothing due
    if within is not None:
        horizon = today + timedelta(days=within)
        items = [item for item in items if item.due <= horizon]
    if items:
        log_look(session, "due", [item.case for item in items], ["due"], purpose)
    if fmt == "json":
        document = {
            "as_of": today.isoformat(),
            "items": [item.to_json(today, chosen) for item in items],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        with session.read_models(["case_state"], lang=chosen) as view:
            names = person_names(view, {item.case for item in items}, today)
        click.echo(escaped(render_due(items, today, chosen, names)))


def person_names(view: Reader, cases: set[str], today: date) -> dict[tuple[str, str], str]:
    """The recorded name of each person on ``cases``, by (case, person id)."""
    from zatlog.projections.case_state import stored_state

    names: dict[tuple[str, str], str] = {}
    for case in sorted(cases):
        state = stored_state(view, case, today)
        for person in (state or {}).get("persons", []):
            if person.get("name"):
                names[(case, person["person"])] = person["name"]
    return names


def render_due(
    items: list[DueItem], today: date, lang: Lang, names: dict[tuple[str, str], str]
) -> str:
    """What is due, in words: dates as words, kinds by label, persons by name."""
    from zatlog.projections.i18n import (
        CASE_LABELS,
        DUE_KIND_LABELS,
        label,
        localized_dates,
        table_day,
    )

    def t(key: str) -> str:
        return label(CASE_LABELS, key, lang)

    if not items:
        return t("nothing_due")
    rows = [[t("due"), "", t("case"), t("kind"), t("for"), t("what")]]
    rows += [
        [
            table_day(item.due, lang),
            t("overdue") if item.overdue(today) else "",
            item.case,
            label(DUE_KIND_LABELS, item.kind, lang),
            ", ".join(names.get((item.case, p), p) for p in item.persons) or "-",
            localized_dates(item.what(lang), lang),
        ]
        for item in items
    ]
    return columns(rows)
