"""Looking at cases: ``zatlog case show``, ``case list`` and ``case timeline``.

The ``case`` group joins these reading commands with the recording commands
of :mod:`zatlog.cli.record` (``case open``, ``case close``), which are
imported only when one of them is called: building the action models would
triple the start-up time of a read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, TypeVar

import click

from zatlog.cli.access import log_look, purpose_option
from zatlog.cli.help import HelpGroup
from zatlog.cli.main import Session
from zatlog.cli.options import (
    DATE,
    escaped,
    format_option,
    lang_option,
    language,
    require_school,
    unknown_case,
)
from zatlog.errors import ZatlogError

if TYPE_CHECKING:
    from zatlog.projections.case_log import TimelineRow
    from zatlog.projections.case_state import CaseSummary
    from zatlog.projections.i18n import Lang

STEPS = click.Choice(["1", "2", "3", "4a", "4b", "5"])
F = TypeVar("F", bound=Callable[..., Any])


class CaseGroup(HelpGroup):
    """The reading commands defined here, and the recording commands of the case group."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_recording().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, cmd_name) or _recording().get_command(ctx, cmd_name)


def _recording() -> click.Group:
    from zatlog.cli.record import GROUPS

    return GROUPS["case"]


@click.group("case", cls=CaseGroup)
def case() -> None:
    pass


class MomentType(click.ParamType[datetime]):
    """A moment: an ISO 8601 date-time (local time unless it names its offset), or a date.

    A date alone means the end of that day.
    """

    name = "DATETIME"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value)
        try:
            if len(text) == 10:
                return datetime.combine(date.fromisoformat(text), time.max).astimezone()
            return datetime.fromisoformat(text).astimezone()
        except ValueError:
            from zatlog.projections.i18n import message

            session = ctx.find_object(Session) if ctx is not None else None
            lang = session.language if session is not None else "nl"
            self.fail(message("not_a_moment", lang, value=repr(text)), param, ctx)


MOMENT = MomentType()


@case.command("show")
@click.argument("ref")
@click.option("--as-of", type=DATE)
@click.option("--known-at", type=MOMENT)
@format_option
@lang_option
@purpose_option("case show")
@click.pass_obj
def show(
    session: Session,
    ref: str,
    as_of: date | None,
    known_at: datetime | None,
    fmt: str,
    lang: str | None,
    purpose: str,
) -> None:
    from zatlog.projections.case_log import read_case_events
    from zatlog.projections.case_refs import known_cases
    from zatlog.projections.case_state import case_state, contract, stored_state
    from zatlog.projections.i18n import CASE_LABELS, label, long_day

    chosen = language(session, lang)
    today = date.today()
    state: dict[str, Any] | None
    with session.read_models(["case_state"], lang=chosen) as view:
        if as_of is None and known_at is None:
            state = stored_state(view, ref, today)
        else:
            computed = case_state(read_case_events(view, ref)[1], as_of=as_of, known_at=known_at)
            state = None if computed is None else computed.model_dump(mode="json")
        known = state is not None or bool(read_case_events(view, ref)[1])
        refs = [] if known else known_cases(view)
    if state is None:
        if not known:
            raise ZatlogError(escaped(unknown_case(session, ref, refs, chosen)))
        day = as_of or (known_at.astimezone().date() if known_at else today)
        raise ZatlogError(
            label(CASE_LABELS, "not_opened", chosen).format(case=ref, day=long_day(day, chosen))
        )
    log_look(session, "case show", [ref], ["case_state"], purpose)
    if fmt == "json":
        click.echo(json.dumps(contract(state), indent=2, ensure_ascii=False))
    else:
        click.echo(escaped(render_state(state, chosen)))


@case.command("list")
@click.option("--school", metavar="S")
@click.option("--step", type=STEPS)
@click.option("--open/--closed", "is_open", default=None)
@format_option
@lang_option
@purpose_option("case list")
@click.pass_obj
def list_cases(
    session: Session,
    school: str | None,
    step: str | None,
    is_open: bool | None,
    fmt: str,
    lang: str | None,
    purpose: str,
) -> None:
    from zatlog.projections.case_state import case_list

    today = date.today()
    closed = None if is_open is None else not is_open
    with session.read_models(["case_state"]) as view:
        summaries = case_list(view, today, school=school, step=step, closed=closed)
    if school is not None and not summaries:
        require_school(session, school, language(session, lang))  # a typo, not an empty school
    if summaries:
        log_look(session, "case list", [s.case for s in summaries], ["pupil_name", "step"], purpose)
    if fmt == "json":
        document = {
            "as_of": today.isoformat(),
            "cases": [s.to_json() for s in summaries],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        click.echo(escaped(render_list(summaries, language(session, lang))))


@case.command("timeline")
@click.argument("ref")
@lang_option
@purpose_option("case timeline")
@click.pass_obj
def timeline(session: Session, ref: str, lang: str | None, purpose: str) -> None:
    from zatlog.projections.case_log import timeline as case_timeline
    from zatlog.projections.case_refs import known_cases

    chosen = language(session, lang)
    with session.read_models(["case_log", "case_state"], lang=chosen) as view:
        rows = case_timeline(view, ref)
        refs = [] if rows else known_cases(view)
    if not rows:
        raise ZatlogError(escaped(unknown_case(session, ref, refs, chosen)))
    log_look(session, "case timeline", [ref], ["timeline"], purpose)
    click.echo(escaped(render_timeline(rows, chosen)))


# -- rendering --------------------------------------------------------------------------------

HIDDEN_IN_TIMELINE = frozenset({"action", "case", "school", "at", "name", "pupil_name"})
"""Fields the timeline does not repeat; names stay in ``case show``."""


def columns(rows: list[list[str]], indent: int = 0) -> str:
    """Rows as left-aligned columns (the last column is not padded), fitting the terminal,
    each line ``indent`` spaces in."""
    from zatlog.projections.text_table import columns as fitted
    from zatlog.projections.text_table import terminal_width

    width = terminal_width()
    text = fitted(rows, None if width is None else max(width - indent, 1))
    return "\n".join(" " * indent + line if line else line for line in text.split("\n"))


def render_state(state: dict[str, Any], lang: Lang) -> str:
    """The state (as ``--format json`` prints it) as text for the terminal, in words."""
    from zatlog.projections.i18n import (
        ACTION_LABELS,
        AUTHORITY_LABELS,
        BASIS_LABELS,
        CASE_LABELS,
        FORUM_LABELS,
        RELATION_LABELS,
        RIGHT_LABELS,
        STEP_LABELS,
        categories_label,
        label,
        long_day,
        school_label,
    )
    from zatlog.projections.wording import value_text

    def t(key: str) -> str:
        return label(CASE_LABELS, key, lang)

    def day(value: str | None) -> str:
        return long_day(date.fromisoformat(value[:10]), lang) if value else "-"

    def value(raw: Any) -> str:
        return value_text(raw, lang)

    names: dict[str, str] = {p["person"]: p["name"] for p in state["persons"] if p.get("name")}

    def who(person: str) -> str:
        if person == "pupil":
            return label(RELATION_LABELS, "pupil", lang)
        return names.get(person, person)

    def persons(items: list[str]) -> str:
        return ", ".join(who(item) for item in items) if items else t("none")

    pupil = state["pupil"]
    school = school_label(state["school"], lang)
    header = f"{t('case')} {state['case']}"
    if school:
        header += f" ({t('school').lower()} {school})"
    header += f", {t('as_of')} {day(state['as_of'])}"
    if state["known_at"] is not None:
        known_at = datetime.fromisoformat(state["known_at"]).astimezone()
        header += f", {t('known_at')} {long_day(known_at.date(), lang)} {known_at:%H:%M}"
    step = (
        f"{label(STEP_LABELS, state['step'], lang)}, {t('since')} {day(state['step_since'])}"
        if state["step"]
        else t("no_step")
    )
    status = t("open")
    if state["closed"]:
        status = f"{t('closed')} ({value(state['close_reason'])}, {day(state['closed_on'])})"
    last = state["last_activity"]
    lines = [
        header,
        "",
        columns(
            [
                [
                    t("pupil"),
                    f"{pupil['name']}, {t('born')} {day(pupil['birth_date'])}, {pupil['age']} "
                    f"{t('years')} ({pupil['school_type'].upper()}); {t('right')}: "
                    f"{label(RIGHT_LABELS, pupil['right'], lang)}",
                ],
                [t("opened"), day(state["opened_on"])],
                [t("step"), step],
                [t("status"), status],
                [
                    t("last_activity"),
                    f"{day(last['on'])} {label(ACTION_LABELS, last['action'], lang)} "
                    f"({state['events']} {t('events')})",
                ],
            ]
        ),
        "",
        t("persons"),
    ]
    people = [[t("person"), t("name"), t("relation"), t("authority"), t("right_today"), t("notes")]]
    for person in state["persons"]:
        notes = []
        if person["holds_authority"]:
            notes.append(t("holds_authority"))
        if person["measure"] == "ots":
            notes.append(t("ots"))
        if person["refused_by_pupil"]:
            notes.append(t("refused_by_pupil"))
        if person["restricted"]:
            notes.append(f"{t('restricted')}: {categories_label(person['restricted'], lang)}")
        if person.get("authorised_scope") is not None:
            scope = categories_label(person["authorised_scope"], lang)
            notes.append(f"{t('authorised_scope')}: {scope}")
        people.append(
            [
                person["person"],
                person["name"],
                label(RELATION_LABELS, person["relation"], lang),
                label(AUTHORITY_LABELS, person["authority"], lang) if person["authority"] else "-",
                label(RIGHT_LABELS, person["right"], lang),
                "; ".join(notes),
            ]
        )
    if state["persons"]:
        lines += columns(people, indent=2).splitlines()
    else:
        lines.append(f"  {t('none')}")
    lines += ["", t("consent")]
    standing = {f["consent"]: f for f in state["consents"]}

    def form(consent: str) -> str:
        known = standing[consent]
        missing = f"; {t('missing')} {persons(known['missing'])}" if known["missing"] else ""
        return f"{consent} ({t(known['status'])}{missing})"

    for forum in state["consent"]:
        forms = ", ".join(form(f["consent"]) for f in forum["forms"])
        until = (
            f"{t('valid_until')} {day(forum['valid_until'])}"
            if forum["valid_until"]
            else t("no_end")
        )
        lines.append(
            f"  {label(FORUM_LABELS, forum['forum'], lang)}: {t('forms')} {forms}; {until}"
        )
        for key in ("signed", "verbal", "refused", "withdrawn", "objected"):
            if forum[key]:
                lines.append(f"    {t(key)}: {persons(forum[key])}")
    if not state["consent"]:
        lines.append(f"  {t('none')}")
    if state["notices"]:
        lines += ["", t("notices")]
        for notice in state["notices"]:
            lines.append(
                f"  {notice['notice']} {day(notice['sent_on'])} → {persons(notice['to'])} "
                f"({value(notice['channel'])}); {t('objections_until')} "
                f"{day(notice['objection_deadline'])}; "
                f"{t('objections')}: {persons(notice['objections'])}"
            )
    lines += ["", t("meetings")]
    for meeting in state["meetings"]:
        where = label(FORUM_LABELS, meeting["forum"], lang) if meeting["forum"] else ""
        when = (
            f"{t('scheduled')} {day(meeting['scheduled_for'])}"
            if meeting["scheduled_for"]
            else t("not_scheduled")
        )
        if meeting.get("cancelled_on"):
            when += f", {t('cancelled_on')} {day(meeting['cancelled_on'])}"
        lines.append(f"  {meeting['meeting']}  {where}, {when}")
        invited = ", ".join(f"{who(i['person'])} ({day(i['on'])})" for i in meeting["invitations"])
        lines.append(f"    {t('invited')}: {invited or t('none')}")
        for held in meeting["discussions"]:
            present = t("parents_present") if held["parents_present"] else t("parents_absent")
            basis = label(BASIS_LABELS, held["basis"], lang)
            if held["consent"] or held["notice"]:
                basis += f" ({held['consent'] or held['notice']})"
            lines.append(
                f"    {t('held')} {day(held['held_on'])}: {value(held['level'])}, "
                f"{t('basis')} {basis}, {present}"
            )
        if not meeting["discussions"]:
            lines.append(f"    {t('not_held')}")
    if not state["meetings"]:
        lines.append(f"  {t('none')}")
    safety = [
        (o["on"], f"{t('override')} ({value(o['ground'])}, {o['approved_by']})")
        for o in state["overrides"]
    ]
    safety += [
        (
            r["on"],
            f"{t('report')} {value(r['to'])}" + (f" ({r['reference']})" if r["reference"] else ""),
        )
        for r in state["reports"]
    ]
    safety += [
        (
            n["on"],
            f"{t('report_notice')}: {persons(n['to'])} ({value(n['channel'])}"
            + (f", {t('written')})" if n["written"] else ")"),
        )
        for n in state["report_notices"]
    ]
    safety += [
        (d["on"], f"{t('deferral')} ({value(d['reason'])}); {t('review_at')} {day(d['review_at'])}")
        for d in state["deferrals"]
    ]
    if safety:
        lines += ["", t("safety")]
        lines += [f"  {day(on)} {text}" for on, text in sorted(safety, key=lambda item: item[0])]
    if state["sdq"]:
        lines += ["", t("sdq")]
        lines += [
            f"  {value(s['informant'])}: {day(s['on'])}, {t('total')} {s['total_difficulties']}"
            for s in state["sdq"]
        ]
    lines += ["", t("requests")]
    open_requests = [r for r in state["requests"] if r["answered"] is None]
    for request in open_requests:
        lines.append(
            f"  {request['request']} {day(request['on'])}: {value(request['kind'])}, "
            f"{who(request['requester'])}; {t('answer_due')} {day(request['due'])}"
        )
    if not open_requests:
        lines.append(f"  {t('none')}")
    if state.get("back_dated"):  # absent from states stored before version 3
        lines += ["", t("back_dated")]
        lines += [
            f"  {day(entry['on'])} {label(ACTION_LABELS, entry['action'], lang)}: "
            + t("recorded_on").format(day=day(entry["recorded_on"]))
            for entry in state["back_dated"]
        ]
    return "\n".join(lines)


def render_list(summaries: list[CaseSummary], lang: Lang) -> str:
    from zatlog.projections.i18n import CASE_LABELS, label, school_label, table_day

    def t(key: str) -> str:
        return label(CASE_LABELS, key, lang)

    if not summaries:
        return t("no_cases")
    rows = [
        [t("case"), t("school"), t("pupil"), t("step"), t("since"), t("status"), t("opened"),
         t("last_activity")]
    ]  # fmt: skip
    rows += [
        [
            s.case,
            school_label(s.school, lang) or "-",
            s.pupil_name,
            s.step or "-",
            table_day(s.step_since, lang),
            t("closed") if s.closed else t("open"),
            table_day(s.opened_on, lang),
            table_day(s.last_activity, lang),
        ]
        for s in summaries
    ]
    return columns(rows)


def render_timeline(rows: list[TimelineRow], lang: Lang) -> str:
    """Every event in words: the action's label, its fields by label and their values."""
    from zatlog.projections.i18n import (
        CASE_LABELS,
        RELATION_LABELS,
        action_label,
        label,
        table_day,
        table_moment,
    )
    from zatlog.projections.wording import field_name, field_text
    from zatlog.records import recorded_late

    def t(key: str) -> str:
        return label(CASE_LABELS, key, lang)

    def who(person: str) -> str:  # names stay in case show: a person by id, the pupil by role
        return label(RELATION_LABELS, "pupil", lang) if person == "pupil" else person

    table = [[t("day"), t("action"), t("recorded"), t("by"), t("details")]]
    for row in rows:
        details = "; ".join(
            f"{field_name(key, lang)}: {field_text(row.action, key, value, lang, who)}"
            for key, value in row.payload.items()
            if key not in HIDDEN_IN_TIMELINE
        )
        when = _when(row.payload["at"], lang)
        if not row.payload.get("migrated") and recorded_late(row.day, row.recorded_at):
            recorded_on = table_day(row.recorded_at.astimezone().date(), lang).strip()
            when += f" ({t('recorded_on').format(day=recorded_on)})"
        table.append(
            [
                when,
                action_label(row.action, lang),
                table_moment(row.recorded_at, lang),
                row.actor,
                details,
            ]
        )
    return columns(table)


def _when(at: str, lang: Lang) -> str:
    """The ``at`` of a timeline row: its date, and its time of day when it carries one."""
    from zatlog.projections.i18n import table_day

    return table_day(at, lang) if len(at) == 10 else f"{table_day(at, lang)} {at[11:16]}"
