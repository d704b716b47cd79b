"""One recording command per action of the import format (docs/import-format.md).

The commands are built from the action models, so their options always match
the import format: ``--consent f-zat`` is the field ``consent``. Validation
happens in the models and aggregates; this module only parses and prints.
"""

from __future__ import annotations

import shlex
import types
import typing
from datetime import date
from typing import TYPE_CHECKING, Any

import click
from pydantic.fields import FieldInfo

from zatlog import actions as a
from zatlog.cli.help import HelpCommand, HelpGroup, pick
from zatlog.cli.help_texts import (
    ACTION_HELP,
    EXAMPLE_TEXTS,
    EXAMPLE_VALUES,
    FIELD_HELP,
    FRAME,
    CommandHelp,
    Text,
)
from zatlog.cli.main import Session, as_options

if TYPE_CHECKING:
    from zatlog.projections.i18n import Lang

COMMANDS: dict[str, tuple[str, str]] = {
    # action: (group, command)
    "school_document_published": ("school", "publish"),
    "case_opened": ("case", "open"),
    "case_closed": ("case", "close"),
    "relation_recorded": ("relation", "record"),
    "information_restricted": ("information", "restrict"),
    "pupil_capacity_assessed": ("pupil", "assess-capacity"),
    "pupil_refused_parent_information": ("pupil", "refuse-parent-information"),
    "pupil_refusal_withdrawn": ("pupil", "withdraw-refusal"),
    "pupil_authorised_person": ("pupil", "authorise"),
    "pupil_authorisation_withdrawn": ("pupil", "withdraw-authorisation"),
    "signal_raised": ("signal", "raise"),
    "step_entered": ("step", "enter"),
    "parents_informed": ("parents", "inform"),
    "parents_invited": ("parents", "invite"),
    "action_plan_recorded": ("plan", "record"),
    "sdq_recorded": ("sdq", "record"),
    "zat_registered": ("zat", "register"),
    "support_arranged": ("support", "arrange"),
    "support_evaluated": ("support", "evaluate"),
    "consent_form_issued": ("consent", "issue"),
    "consent_given": ("consent", "give"),
    "consent_refused": ("consent", "refuse"),
    "consent_withdrawn": ("consent", "withdraw"),
    "no_objection_notice_sent": ("notice", "send"),
    "objection_received": ("notice", "object"),
    "meeting_scheduled": ("meeting", "schedule"),
    "meeting_cancelled": ("meeting", "cancel"),
    "discussion_held": ("discussion", "record"),
    "safety_concern_recorded": ("safety", "concern"),
    "safety_override_invoked": ("safety", "override"),
    "parent_notification_deferred": ("safety", "defer-notice"),
    "report_made": ("safety", "report"),
    "information_requested": ("information", "request"),
    "information_request_extended": ("information", "extend"),
    "information_disclosed": ("information", "disclose"),
    "information_request_refused": ("information", "refuse"),
}
"""Action name → (command group, command name)."""

GROUPS: dict[str, click.Group] = {
    name: HelpGroup(name=name) for name in dict.fromkeys(group for group, _ in COMMANDS.values())
}
"""The command groups (their help: ``COMMAND_HELP`` by group name)."""


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The field's type without ``None``, and whether None is allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        return (args[0] if len(args) == 1 else annotation), optional
    return annotation, False


def _base(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _option(field: str, info: FieldInfo) -> click.Option:
    annotation, _ = _unwrap(info.annotation)
    annotation = _base(annotation)
    flag = "--" + field.replace("_", "-")
    required = info.is_required()
    if typing.get_origin(annotation) is list:
        return click.Option([flag], multiple=True, required=required)
    if annotation is bool:
        negative = "--no-" + field.replace("_", "-")
        return click.Option([f"{flag}/{negative}"], default=None, required=required)
    if typing.get_origin(annotation) is typing.Literal:
        choices = [str(c) for c in typing.get_args(annotation)]
        return click.Option([flag], type=click.Choice(choices), required=required)
    if annotation is int:
        return click.Option([flag], type=int, required=required)
    metavar = "DATE" if field == "at" or annotation is date else None
    return click.Option([flag], metavar=metavar, required=required)


def _field_help(field: str, info: FieldInfo) -> Text:
    """A field's help in both languages: what it means, its vocabulary, its size limit."""
    annotation = _base(_unwrap(info.annotation)[0])
    parts = [
        FIELD_HELP.get(field, ("", "")),
        _vocabulary(field, annotation),
        _limit(info, each=typing.get_origin(annotation) is list),
    ]
    return (
        " ".join(nl for nl, _ in parts if nl),
        " ".join(en for _, en in parts if en),
    )


def _vocabulary(field: str, annotation: Any) -> Text:
    """The allowed values of a list of a closed vocabulary, or the known item categories."""
    if typing.get_origin(annotation) is not list:
        return ("", "")
    (item,) = typing.get_args(annotation)
    item = _base(item)
    if typing.get_origin(item) is typing.Literal:
        return _frame("allowed", values=", ".join(str(c) for c in typing.get_args(item)))
    if field in CATEGORY_FIELDS:
        return _frame("categories", values=", ".join(a.ITEM_CATEGORIES))
    return ("", "")


def _limit(info: FieldInfo, *, each: bool) -> Text:
    """The field's size limit, as the action model has it."""
    limit = a.limit_of(info)
    if limit is None:
        return ("", "")
    nl, en = _frame("each_at_most" if each else "at_most", limit="{limit}")
    return (
        nl.format(limit=f"{limit.max_length:,}".replace(",", ".")),
        en.format(limit=f"{limit.max_length:,}"),
    )


def _frame(key: str, **fields: str) -> Text:
    nl, en = FRAME[key]
    return nl.format(**fields), en.format(**fields)


CATEGORY_FIELDS = frozenset({"data_categories", "data_shared", "items", "scope"})
"""Open vocabularies of item categories (domain.md 4.7)."""


def _example(action: str, fields: dict[str, FieldInfo], lang: Lang) -> str:
    """A command line that records ``action`` with every required field filled in."""
    group, name = COMMANDS[action]
    words = ["zatlog", group, name]
    for field, info in fields.items():
        if not info.is_required():
            continue
        annotation = _base(_unwrap(info.annotation)[0])
        flag = "--" + field.replace("_", "-")
        if annotation is bool:
            words.append(flag)
            continue
        item = annotation
        if typing.get_origin(item) is list:
            item = _base(typing.get_args(item)[0])
        choices = (
            [str(c) for c in typing.get_args(item)]
            if typing.get_origin(item) is typing.Literal
            else []
        )
        value = pick(EXAMPLE_TEXTS[field], lang) if field in EXAMPLE_TEXTS else None
        value = value or EXAMPLE_VALUES.get(field, "x")
        if choices and value not in choices:
            value = choices[0]
        words += [flag, shlex.quote(value)]
    return " ".join(words)


def _values(field: str, value: Any) -> Any:
    """Turn an option's value into the JSON value of the field."""
    if isinstance(value, tuple):
        items = [part.strip() for item in value for part in item.split(",") if part.strip()]
        if field == "redactions":
            return [_redaction(item) for item in items]
        return items
    return value


def _redaction(text: str) -> dict[str, str]:
    item, _, ground = text.partition(":")
    if not ground:
        from zatlog.projections.i18n import message

        session = click.get_current_context().find_object(Session)
        lang: Lang = "en" if session is not None and session.lang == "en" else "nl"
        raise click.BadParameter(
            message("bad_redaction", lang, value=repr(text)), param_hint="--redactions"
        )
    return {"item": item.strip(), "ground": ground.strip()}


def _make_command(action: str, model: type[Any]) -> click.Command:
    order = {"case": 0, "school": 1, "at": 2, "by": 3, "note": 99}
    fields = {
        name: info
        for name, info in sorted(model.model_fields.items(), key=lambda kv: order.get(kv[0], 50))
        if name not in ("action", "migrated")  # migrated: only `import --history` sets it
    }

    def callback(**options: Any) -> None:
        session = click.get_current_context().find_object(Session)
        assert session is not None
        data: dict[str, Any] = {"action": action}
        for field, value in options.items():
            if value is None or value == ():
                continue
            data[field] = _values(field, value)
        record_one(session, data)

    params: list[click.Parameter] = [_option(name, info) for name, info in fields.items()]
    nl, en = ACTION_HELP[action]
    records_nl, records_en = _frame("records", action=action)
    explained = CommandHelp(
        text=(f"{nl}\n\n{records_nl}", f"{en}\n\n{records_en}"),
        example=((_example(action, fields, "nl"), _example(action, fields, "en")),),
        params={name: _field_help(name, info) for name, info in fields.items()},
    )
    return ActionCommand(COMMANDS[action][1], explained, callback=callback, params=params)


class ActionCommand(HelpCommand):
    """A recording command: its help from ``ACTION_HELP`` and ``FIELD_HELP``."""

    def __init__(self, name: str, explained: CommandHelp, **settings: Any) -> None:
        super().__init__(name, **settings)
        self.explained = explained

    def explanation(self, path: str) -> CommandHelp:
        return self.explained


def record_one(session: Session, data: dict[str, Any]) -> None:
    """Validate and record one action, then say what was recorded."""
    from zatlog.application import Rejected
    from zatlog.errors import InvalidAction, ZatlogError
    from zatlog.projections.i18n import action_label

    try:
        action = a.parse_action(data)
    except InvalidAction as error:
        raise ZatlogError(as_options(error, session.language)) from None
    actor = action.by or session.actor
    try:
        session.record([(action, actor)])
    except Rejected as rejected:
        if action.action != "case_opened" and any(
            p.field == "case" for p in rejected.error.problems
        ):
            from zatlog.cli.options import require_case

            require_case(session, data["case"])  # an unknown case: name the close ones
        raise ZatlogError(as_options(rejected.error, session.language)) from None
    what = action_label(action.action, session.language)
    if "case" in data:
        click.echo(session.message("recorded", what=what, case=data["case"], day=action.day))
    else:
        click.echo(
            session.message("recorded_school", what=what, school=action.school, day=action.day)
        )


for _action, (_group, _name) in COMMANDS.items():
    GROUPS[_group].add_command(_make_command(_action, a.ACTION_CLASSES[_action]))

school = GROUPS["school"]
case = GROUPS["case"]
relation = GROUPS["relation"]
information = GROUPS["information"]
pupil = GROUPS["pupil"]
signal = GROUPS["signal"]
step = GROUPS["step"]
parents = GROUPS["parents"]
plan = GROUPS["plan"]
sdq = GROUPS["sdq"]
zat = GROUPS["zat"]
support = GROUPS["support"]
consent = GROUPS["consent"]
notice = GROUPS["notice"]
meeting = GROUPS["meeting"]
discussion = GROUPS["discussion"]
safety = GROUPS["safety"]
