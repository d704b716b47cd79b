"""Write the reference files of docs/ from the code that is their truth.

    .venv/bin/python docs/generate.py

Generated: rules.md (the rule catalog), import-format.md and
schemas/action-line.schema.json (the action models), schemas/dossier.schema.json
(the dossier model), policy.md (the policy model) and json-contracts.md (the
JSON outputs). The guides (coordinator.md, parent-dossier.md, inspector.md,
municipality.md) and README.md are written by hand. ``tests/test_docs.py``
fails when a generated file differs from what this script writes now.

Run as a file (not ``python -m``), so that the installed ``zatlog`` is imported,
not the source folder of the same name.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
import json
import textwrap
import typing
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BaseModel, Field, TypeAdapter

from zatlog.actions import (
    ACTION_CLASSES,
    IDENTIFYING_ITEMS,
    ITEM_CATEGORIES,
    OUTSIDE_INFORMATION,
    WRITTEN_CHANNELS,
    CaseAction,
    SchoolAction,
)
from zatlog.chain import Digest
from zatlog.cli.help_texts import FIELD_HELP
from zatlog.policy import Policy, SdqBands
from zatlog.projections.audit.catalog import RULES, Rule
from zatlog.projections.audit.findings import audit_log
from zatlog.projections.audit.model import SEVERITIES
from zatlog.projections.audit.report import to_json
from zatlog.projections.case_state import CaseSummary
from zatlog.projections.dossier.schema import schema_text as dossier_schema_text
from zatlog.projections.due import KIND_RULES
from zatlog.projections.facts import FormStatus
from zatlog.projections.i18n import CATEGORY_LABELS, message
from zatlog.projections.provenance import stamp_report
from zatlog.projections.providers import ProviderReport

DOCS = Path(__file__).resolve().parent
COMMAND = ".venv/bin/python docs/generate.py"
HEADER = f"<!-- Generated from the code by `{COMMAND}`: do not edit by hand. -->\n\n"
SCHEMA_BASE = "https://zatlog.invalid/schemas/"


def table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = list(head)

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return "\n".join([line(head), line("---" for _ in head), *(line(row) for row in rows)])


def code(values: Iterable[object]) -> str:
    return ", ".join(f"`{v}`" for v in values)


# -- rules.md ---------------------------------------------------------------------------------


def rules_md() -> str:
    def severity(rule: Rule) -> str:
        return rule.severity

    parts = [
        HEADER,
        "# Compliance rules / Nalevingsregels\n\n",
        "Every finding of `zatlog audit` names one of these rules, its severity, the case, ",
        "the event it is about and the events that prove it, with a message in Dutch and ",
        "English. Severities, from most to least severe: ",
        code(SEVERITIES),
        " (`critical`: an unlawful disclosure or a safety failure; `major`: a core duty of the ",
        "guidelines or the law; `minor`: timeliness, good practice). A deadline that has not ",
        "passed on the audit date gives no finding yet: it shows in `zatlog due`. The terms ",
        "the rules use (days, lead times, SDQ bands) are in [policy.md](policy.md).\n\n",
        'Sources: *handreiking* = zat.nl, "Samenwerken met ouders en leerlingen in het ',
        '(voortgezet) speciaal onderwijs" with its eleven guidelines (*richtlijnen*); *blog* = ',
        'CPS, "Stop definitief met de ZAT zonder ouders" (2015); BW = Burgerlijk Wetboek; ',
        "AVG = the GDPR; LKC = Landelijke Klachtencommissie Onderwijs.\n\n",
        table(
            ["id", "severity", "Nederlands", "English", "source"],
            ([r.id, severity(r), r.title_nl, r.title_en, r.source] for r in RULES),
        ),
        "\n",
    ]
    for rule in RULES:
        parts += [
            f"\n## {rule.id}: {rule.title_nl} / {rule.title_en}\n\n",
            f"- **Bron / source:** {rule.source}\n",
            f"- **Ernst / severity:** {severity(rule)}\n\n",
            f"**NL.** {rule.explanation_nl}\n\n",
            f"**EN.** {rule.explanation_en}\n",
        ]
    return "".join(parts)


# -- import-format.md and the schema of one line ----------------------------------------------


def action_adapter() -> TypeAdapter[Any]:
    models = tuple(ACTION_CLASSES.values())
    return TypeAdapter(Annotated[Union[models], Field(discriminator="action")])  # type: ignore[arg-type]  # noqa: UP007


def action_line_schema() -> dict[str, Any]:
    schema = action_adapter().json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + "action-line.schema.json",
        "title": "One line of a zatlog import (JSON Lines)",
        "description": (
            "One action as one JSON object; `zatlog import` reads one per line and "
            "`zatlog export-log` writes them. Unknown fields and wrong types are refused "
            '(no "yes" for a boolean, no "3" for a number). See docs/import-format.md.'
        ),
        **schema,
    }


def json_text(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def describe(prop: dict[str, Any], defs: dict[str, Any], null: bool = False) -> str:
    """A JSON Schema property in words: its type and the values it allows (``null`` too,
    when ``null`` is true and the property allows it)."""
    if "$ref" in prop:
        target = defs[prop["$ref"].rsplit("/", 1)[-1]]
        fields = ", ".join(
            f"`{name}`: {describe(sub, defs)}" for name, sub in target["properties"].items()
        )
        return f"object {{{fields}}}"
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        nullable = null and len(options) < len(prop["anyOf"])
        return " or ".join(describe(o, defs) for o in options) + (" or `null`" if nullable else "")
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return "one of " + code(prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        text = "list of " + describe(prop.get("items", {}), defs)
        if prop.get("minItems"):
            text += f" (at least {prop['minItems']})"
        return text
    if kind == "string":
        fmt = prop.get("format")
        if fmt == "date":
            return "date `YYYY-MM-DD`"
        if fmt == "date-time":
            return "ISO 8601 date-time"
        limits = []
        if prop.get("minLength"):
            limits.append("not empty")
        if "maxLength" in prop:
            limits.append(f"at most {prop['maxLength']:,} characters")
        if "line breaks" in prop.get("description", ""):
            limits.append("no control characters but line breaks and tabs")
        elif "without control characters" in prop.get("description", ""):
            limits.append("no control characters")
        return "text" + (f" ({', '.join(limits)})" if limits else "")
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        if low is not None and high is not None:
            return f"whole number {low}–{high}"
        return "whole number"
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "number":
        return "number"
    if kind == "object":
        values = prop.get("additionalProperties")
        if isinstance(values, dict) and values:
            return f"table of text → {describe(values, defs)}"
        return "object"
    return "any value"


COMMON_MEANING: dict[str, str] = {
    "action": "The action's name (below).",
    "case": "The school's own case reference, e.g. `2025-017`; not on school-level actions. "
    "Case references are unique in one database, across schools.",
    "at": "When it happened in the real world: `YYYY-MM-DD` or an ISO 8601 date-time. The time "
    "it was recorded is kept separately by the log.",
    "by": "Who recorded it (staff id); default the CLI's `--actor`, else `$ZATLOG_ACTOR`, else "
    "the user name.",
    "school": "School id, default `default`. A case belongs to the school named on "
    "`case_opened`; a later line naming another school is refused.",
    "note": "Free text.",
    "migrated": "`true` marks a record of the past brought over from another system "
    "(`zatlog import --history` sets it on every line; `export-log` writes it back). "
    "Rule L1 (recorded late) does not judge it.",
}


def action_sections() -> tuple[list[str], list[tuple[str, list[list[str]]]]]:
    schema = action_adapter().json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    first = ["action", "case", "at", "by", "school", "note"]
    common = list(dict.fromkeys([*first, *SchoolAction.model_fields, *CaseAction.model_fields]))
    sections: list[tuple[str, list[list[str]]]] = []
    for name, model in ACTION_CLASSES.items():
        model_schema = defs[model.__name__]
        required = set(model_schema.get("required", ()))
        rows = [
            [
                f"`{field}`",
                "yes" if field in required else "no",
                describe(prop, defs),
                FIELD_HELP.get(field, ("", ""))[1],
            ]
            for field, prop in model_schema["properties"].items()
            if field not in common
        ]
        sections.append((name, rows))
    return common, sections


def import_format_md() -> str:
    common, sections = action_sections()
    schema = action_adapter().json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    case_props = defs[ACTION_CLASSES["case_opened"].__name__]["properties"]
    school_props = defs[ACTION_CLASSES["school_document_published"].__name__]["properties"]
    common_rows = []
    for field in common:
        prop = case_props.get(field) or school_props[field]
        if field == "action":
            required = "yes"
        elif field == "case":
            required = "yes, except on school-level actions"
        elif field == "at":
            required = "yes"
        else:
            required = "no"
        meaning = COMMON_MEANING.get(field) or FIELD_HELP.get(field, ("", ""))[1]
        kind = "an action name (below)" if field == "action" else describe(prop, defs)
        common_rows.append([f"`{field}`", required, kind, meaning])

    categories = [
        [f"`{c}`", *CATEGORY_LABELS.get(c, ("", ""))] for c in ("dossier", *ITEM_CATEGORIES)
    ]
    parts = [
        HEADER,
        "# The import format\n\n",
        "`zatlog import FILE` (or `-` for standard input) reads JSON Lines: one action per ",
        "line, one JSON object each. `zatlog export-log` writes the same format. The JSON ",
        "Schema of one line is [schemas/action-line.schema.json]",
        "(schemas/action-line.schema.json). Every recording command (`zatlog case open`, ",
        "`zatlog consent give`, …) takes the same fields as options, with `-` for `_`.\n\n",
        "```json\n",
        '{"action": "case_opened", "case": "2025-017", "at": "2025-09-01", ',
        '"pupil_name": "Sam Jansen", "birth_date": "2012-03-04", "school_type": "so"}\n',
        '{"action": "relation_recorded", "case": "2025-017", "at": "2025-09-01", ',
        '"person": "mother", "name": "Eva Jansen", "relation": "parent", "authority": "joint"}\n',
        "```\n\n",
        'Field names are exact. Unknown fields and wrong types are refused: no `"yes"` for ',
        '`true`, no `"3"` for `3`. Blank lines are skipped; an empty file imports nothing ',
        "and says so. An import is **all or nothing**: a bad line is reported with the file, ",
        "the line number and the field, and nothing is written.\n\n",
        "## Fields on every line\n\n",
        table(["field", "required", "type", "meaning"], common_rows),
        "\n\n",
        "Persons are named by short ids that `relation_recorded` defines on the case ",
        "(`mother`, `father`, `p-02`); the pupil is always `pupil`. Participants and attendees ",
        "are free text naming a person, role or organisation (`ib`, `jeugdarts`), compared ",
        "after trimming and lower-casing. Events are ordered by `at`; within one day, events ",
        "that both carry a time of day by that time; ties in the order they were recorded. ",
        "Lines need not come in date order, but an `at` on a day after the day of recording ",
        "is refused (dates inside an action, such as a meeting's `date`, may lie ahead).\n\n",
        "Written channels (they count as a written notice): ",
        code(sorted(WRITTEN_CHANNELS)),
        ".\n\n",
        "## Item categories\n\n",
        "Item categories say what information is about, in `data_shared`, `data_categories`, ",
        "`items`, `scope` and `redactions`. Free labels are allowed; these have a fixed meaning ",
        "(a dossier export applies a restriction or redaction of one of them). `dossier` in ",
        "`items` means the whole dossier; `all` in `scope` means everything. Identifying items: ",
        code(IDENTIFYING_ITEMS),
        ". The *outside information* (*buitenkant-informatie*, shared without consent only ",
        "after a no-objection notice): ",
        code(OUTSIDE_INFORMATION),
        ".\n\n",
        table(["category", "Nederlands", "English"], categories),
        "\n\n",
        "## Actions\n",
    ]
    for name, rows in sections:
        parts.append(f"\n### `{name}`\n\n")
        if name == "school_document_published":
            parts.append("A school-level action: no `case`.\n\n")
        if rows:
            parts += [table(["field", "required", "type", "meaning"], rows), "\n"]
        else:
            parts.append("No fields besides those on every line.\n")
    parts += [
        "\n## What is refused\n\n",
        "What cannot be right is refused with a message naming the line and the field, and ",
        "nothing is written. For example: an unknown action or field; a case action before ",
        "its `case_opened`, or a second `case_opened`; an action dated before its case was ",
        "opened; an unknown person; `consent_given` for a form never issued; a discussion ",
        "naming an unknown consent form or notice, or with basis `consent` but no `consent`; ",
        "a step that does not follow the current one (see [coordinator.md](coordinator.md)); ",
        "a pupil's refusal of parent information before the pupil is 16; after `case_closed`, ",
        "anything but the information-request actions; a date that does not parse; an `at` ",
        "later than today; a discussion of a meeting whose latest scheduling is a ",
        "cancellation (schedule it again first); cancelling a meeting that nothing names or ",
        "that is already cancelled; a pupil's authorisation before the pupil is 16.\n\n",
        "What is legal but not compliant (a late invitation, a discussion without consent, a ",
        "disclosure to someone without a right) is **recorded**: the log records what ",
        "happened, and `zatlog audit` judges it ([rules.md](rules.md)).\n",
    ]
    return "".join(parts)


# -- policy.md --------------------------------------------------------------------------------

POLICY_MEANING: dict[str, str] = {
    "invite_lead_days": "Days before a discussion by which the parents (and a pupil of 16+) "
    "must be invited (B1). No law sets a number; one week lets parents arrange leave and "
    "prepare.",
    "outcome_deadline_days": "Days after a discussion without the parents within which they "
    "hear its outcome (O1), before actions start.",
    "override_followup_days": "Days after a safety override within which a report must follow "
    "(G8); mirrors the 5 working days in which Veilig Thuis decides.",
    "sdq_max_age_days": "How old the latest parent and teacher SDQ may be at a ZAT discussion "
    "(S1).",
    "important_facts_reply_days": "Days to answer a request for important facts by a parent "
    "without authority (I377), by analogy with the AVG term.",
    "report_notice_days": "Days after a report (or the review date of a deferral) by which "
    "the parents get a written notice of it (G9).",
    "objection_min_days": "The least number of days between a no-objection notice and its "
    "objection deadline (G6): parents must have real time to object.",
    "double_consent_12_15": "Whether a pupil of 12 to 15 signs consent too, besides the "
    "parents with authority (G4), unless assessed incapable.",
    "pupil16_refusal_blocks_invites": "Whether a pupil of 16+ who refused information to a "
    "parent also keeps that parent from being invited (A16, and the invitees of B1 and G2).",
    "late_entry_days": "Days after the fact beyond which recording an action counts as late "
    "(L1); migrated records are not judged.",
    "sdq_bands": "Lower bounds of the borderline and abnormal bands of the SDQ total "
    "difficulties score (0–40), per form: `parent`, `teacher`, `self`.",
}


def attribute_docstrings(cls: type) -> dict[str, str]:
    """The docstrings written under a class's attributes (``x: int = 1`` then ``\"\"\"…\"\"\"``)."""
    found: dict[str, str] = {}
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(body, ast.ClassDef)
    for statement, following in itertools.pairwise(body.body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = " ".join(following.value.value.split())
    return found


def policy_meanings() -> dict[str, str]:
    """Each policy key's meaning: from ``POLICY_MEANING``, else the model's own docstring."""
    return {**attribute_docstrings(Policy), **POLICY_MEANING}


def toml_scalar(value: object) -> str:
    return json.dumps(value)


def policy_md() -> str:
    schema = Policy.model_json_schema()
    defaults = Policy().to_json_dict()
    meanings = policy_meanings()
    rows = []
    for key, prop in schema["properties"].items():
        if key == "sdq_bands":
            continue
        value = defaults[key]
        shown = json.dumps(value)
        meaning = meanings.get(key, "").replace("``", "`")
        rows.append([f"`{key}`", f"`{shown}`", describe(prop, {}), meaning])
    bands = SdqBands()
    band_rows = []
    for informant in SdqBands.model_fields:
        cutoffs = bands.for_informant(informant)  # type: ignore[arg-type]
        band_rows.append(
            [
                f"`{informant}`",
                f"0–{cutoffs.borderline - 1}",
                f"{cutoffs.borderline}–{cutoffs.abnormal - 1}",
                f"{cutoffs.abnormal}–40",
            ]
        )
    example = "\n".join(
        f"{key} = {toml_scalar(value)}"
        for key, value in defaults.items()
        if not isinstance(value, dict)
    )
    tables = [
        f"\n[{key}]\n" + "".join(f"{json.dumps(k)} = {toml_scalar(v)}\n" for k, v in value.items())
        for key, value in defaults.items()
        if isinstance(value, dict) and key != "sdq_bands"
    ]
    return "".join(
        [
            HEADER,
            "# The audit policy\n\n",
            "The audit (`zatlog audit`), the due list (`zatlog due`), the provider report and ",
            "the dossier export use these terms. Each has a default; a TOML file given with ",
            "`--policy FILE.toml` overrides any of them, and every output names the policy it ",
            "used (`policy` in the audit's JSON). Keys left out keep their default; an unknown ",
            "key or a value of the wrong type is an error naming the file and the key. Days ",
            "are calendar days.\n\n",
            table(["key", "default", "type", "meaning"], rows),
            "\n\n",
            "## SDQ bands\n\n",
            POLICY_MEANING["sdq_bands"],
            " The defaults are the published UK three-band cut-offs; Dutch norm tables can be ",
            "given instead. A form's table may give one bound; the other keeps its default.\n\n",
            table(["form", "normal", "borderline", "abnormal"], band_rows),
            "\n\n",
            "## A policy file with every default\n\n",
            "```toml\n",
            example,
            "\n",
            *(
                f"\n[sdq_bands.{informant}]\nborderline = {c['borderline']}\n"
                f"abnormal = {c['abnormal']}\n"
                for informant, c in defaults["sdq_bands"].items()
            ),
            *tables,
            "```\n\n",
            "The inspection deadline (one calendar month, at most three when extended) is law ",
            "and not part of the policy.\n",
        ]
    )


# -- json-contracts.md ------------------------------------------------------------------------


def model_tables(model: type[BaseModel], mode: str, title: str) -> str:
    """One table per object of ``model``'s JSON Schema: the top object first, then its parts."""
    schema = model.model_json_schema(mode=mode, by_alias=True)  # type: ignore[arg-type]
    defs: dict[str, Any] = schema.get("$defs", {})

    def short(prop: dict[str, Any]) -> str:
        if "$ref" in prop:
            return f"object *{prop['$ref'].rsplit('/', 1)[-1]}*"
        if prop.get("type") == "array" and "$ref" in prop.get("items", {}):
            return f"list of *{prop['items']['$ref'].rsplit('/', 1)[-1]}*"
        if "anyOf" in prop:
            options = [o for o in prop["anyOf"] if o.get("type") != "null"]
            text = " or ".join(short(o) for o in options)
            nullable = len(options) < len(prop["anyOf"])
            return text + (" or `null`" if nullable else "")
        return describe(prop, defs)

    def one(name: str, obj: dict[str, Any]) -> str:
        rows = [[f"`{key}`", short(prop)] for key, prop in obj["properties"].items()]
        return f"*{name}*:\n\n" + table(["field", "type"], rows) + "\n"

    parts = [one(title, schema)]
    parts += [one(name, obj) for name, obj in sorted(defs.items()) if "properties" in obj]
    return "\n".join(parts)


def dataclass_table(cls: type) -> str:
    hints = typing.get_type_hints(cls)
    rows = []
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        schema = TypeAdapter(hint).json_schema()
        rows.append([f"`{field.name}`", describe(schema, {}, null=True)])
    return table(["field", "type"], rows)


def audit_keys() -> list[str]:
    """The top-level keys of ``audit --format json``, as the code writes them."""
    result = audit_log([], Policy(), date(2026, 1, 31))
    text = stamp_report(to_json(result, Policy()), "json", Digest(0, 0, "0" * 64))
    return list(json.loads(text))


def json_contracts_md() -> str:
    kinds = table(
        ["kind", "becomes a finding of"], ([f"`{k}`", code(r)] for k, r in KIND_RULES.items())
    )
    return "".join(
        [
            HEADER,
            "# JSON contracts\n\n",
            "What scripts and other tools may rely on. Every `--format json` output is one ",
            "JSON object (UTF-8) on standard output, or in the file given with `--output`. ",
            "Dates are `YYYY-MM-DD`, moments ISO 8601. Exit status: 0 success; 1 an error you ",
            "can fix (one message on standard error); 2 a usage error; 3 with `--fail-on` ",
            "when a finding at or above that severity exists.\n\n",
            "On PostgreSQL, while `zatlog projections follow` keeps the read models, a read ",
            "does not catch them up itself: its output is as of the position they reached. ",
            "When that lies behind the log, one line on standard error says by how much (",
            f"`{message('read_models_behind', 'nl', behind='N')}`; with `--lang en`: ",
            f"`{message('read_models_behind', 'en', behind='N')}`); the JSON is unchanged.\n\n",
            "## `zatlog audit --format json`\n\n",
            "```json\n",
            '{"as_of": "YYYY-MM-DD", "policy": {…}, "cases": 12,\n',
            ' "findings": [{"rule": "B1", "severity": "minor", "case": "2025-017",\n',
            '               "subject": {"action": "discussion_held", "at": "2025-10-01",\n',
            '                           "recorded_at": "2025-10-01T14:03:11.560832+00:00",\n',
            '                           "position": 41},\n',
            '               "evidence": [{…}, …],\n',
            '               "message": {"nl": "…", "en": "…"}}],\n',
            ' "summary": {"by_rule": {"S0": 0, …}, "by_severity": {"critical": 0, …}},\n',
            ' "log_digest": "zl1-71-71-7f12fa61…"}\n',
            "```\n\n",
            "Its keys, in this order: ",
            code(audit_keys()),
            ".\n\n",
            "- `as_of`: the day the audit judged by (`--as-of`, else today).\n",
            "- `policy`: every policy key with the value used ([policy.md](policy.md)).\n",
            "- `cases`: how many cases were audited.\n",
            "- `findings`: one per rule, subject event, condition and person concerned. ",
            "`rule` is one of ",
            code(r.id for r in RULES),
            " ([rules.md](rules.md)); `severity` one of ",
            code(SEVERITIES),
            ". `case` is the case reference, or its pseudonym with `--pseudonymize`.\n",
            "- `subject` (the event the finding is about) and each item of `evidence` (the ",
            "events that prove it, the subject included, in time order): `action` (its name), ",
            "`at` (when it happened), `recorded_at` (when it was recorded), `position` (its ",
            "place in the log).\n",
            "- `message`: the finding in Dutch (`nl`) and English (`en`). No pupil or parent ",
            "names appear.\n",
            "- `summary`: counts per rule (`by_rule`: every rule, zeros included) and per ",
            "severity (`by_severity`).\n",
            "- `log_digest`: the digest of the log the audit was computed from; ",
            "`zatlog verify --against DIGEST` later proves that log is still there, unchanged ",
            "([inspector.md](inspector.md)). The CSV names it in a first line ",
            "`# log_digest: …`.\n\n",
            "## `zatlog due --format json`\n\n",
            "```json\n",
            '{"as_of": "YYYY-MM-DD", "items": [{"case": "2025-017", "kind": "invite", ',
            '"due": "YYYY-MM-DD", "overdue": false, "for": ["mother"], "what": "…"}]}\n',
            "```\n\n",
            "`as_of` is the day taken as today (`--as-of`, else today). `items`: overdue items ",
            "first, then by `due`. Each has its `case`, its `kind` (below), the day it is `due`, ",
            "whether it is `overdue`, `for`: the person ids concerned, and `what`: what to do, ",
            "in the language of `--lang`. Left undone, an item becomes an ",
            "audit finding:\n\n",
            kinds,
            "\n\n",
            "## `zatlog case list --format json`\n\n",
            'One object, `{"as_of": "YYYY-MM-DD", "cases": […]}`, with one item per ',
            "case, by case reference:\n\n",
            dataclass_table(CaseSummary),
            "\n\n",
            "## `zatlog case show REF --format json`\n\n",
            "One object: the case as it was on `as_of` (`--as-of`, else today; with ",
            "`--known-at`, as the log held it then). `case show`, `due`, the dossier and the ",
            "audit read these facts from one fold of the case's events, so they agree.\n\n",
            "```json\n",
            '{"case": "2025-002", "as_of": "2025-10-10", "step": "4a",\n',
            ' "people": [{"person": "pupil", "relation": "pupil", "authority": null, ',
            '"right": "important_facts"},\n',
            '            {"person": "mother", "relation": "parent", "authority": "joint", ',
            '"right": "full"}],\n',
            ' "consents": [{"consent": "f2", "forum": "zat", "status": "incomplete", ',
            '"valid_until": null,\n',
            '               "signed_by": ["father"], "missing": ["mother"]}],\n',
            ' "requests": [{"request": "r-1", "requester": "mother", "kind": "copy", ',
            '"due": "2025-11-01", "answered": null}],\n',
            ' "restrictions": [{"person": "father", "basis": "court_order", "scope": ["all"], ',
            '"until": "2026-06-30"}],\n',
            ' "back_dated": [{"on": "2025-09-02", "action": "signal_raised", ',
            '"recorded_on": "2025-10-06"}]}\n',
            "```\n\n",
            "- `step`: the step on `as_of`, that of the last `step_entered` recorded among ",
            "those dated on or before it (`null`: none yet).\n",
            "- `people`: the pupil first (`relation` `pupil`, `authority` `null`), then everyone ",
            "with a relation on the day, by person id; `right` is `full`, `important_facts` or ",
            "`none` ([parent-dossier.md](parent-dossier.md)).\n",
            "- `consents`: every consent form issued, in the order issued. `status` is one of ",
            code(typing.get_args(FormStatus)),
            ": `expired` when `valid_until` has passed, `refused` or `withdrawn` when a ",
            "required signer's latest decision on the form says so, `incomplete` when a ",
            "required signature is `missing`. `signed_by`: who signed in writing and did not ",
            "take it back.\n",
            "- `requests`: every information request; `due` is the one deadline the audit ",
            "judges by (G10: one calendar month, or an extension recorded within that month, at ",
            "most three months; I377: the policy's `important_facts_reply_days`); `answered` the ",
            "date of the first answer, or `null`.\n",
            "- `restrictions`: the `information_restricted` in force on `as_of`.\n",
            "- `back_dated`: the entries recorded more than a day after their `at` (`on`), ",
            "with the action and the day they were recorded (`recorded_on`); actions brought ",
            "over with `import --history` are not listed.\n\n",
            "Every key: `case`, `as_of`, `step`, `people` (`person`, `relation`, `authority`, ",
            "`right`), `consents` (`consent`, `forum`, `status`, `valid_until`, `signed_by`, ",
            "`missing`), `requests` (`request`, `requester`, `kind`, `due`, `answered`), ",
            "`restrictions` (`person`, `basis`, `scope`, `until`), `back_dated` (`on`, ",
            "`action`, `recorded_on`).\n",
            "\n## `zatlog providers report --format json`\n\n",
            'One object. A count below 5 is the text `"< 5"`; a share is a number from 0 to ',
            "1, a median a number, either `null` when there is too little to show. No case ",
            "references or names appear ([municipality.md](municipality.md)).\n\n",
            model_tables(ProviderReport, "serialization", "ProviderReport"),
            "\n## `zatlog dossier export --format json`\n\n",
            "One object per export, following the JSON Schema ",
            "[schemas/dossier.schema.json](schemas/dossier.schema.json) (a copy of the one the ",
            "package carries). A section outside the reader's right, or withheld, is `null`; ",
            "every omission is listed with its ground ([parent-dossier.md](parent-dossier.md)).\n",
        ]
    )


# -- all files --------------------------------------------------------------------------------

GENERATED: dict[str, Callable[[], str]] = {
    "rules.md": rules_md,
    "import-format.md": import_format_md,
    "policy.md": policy_md,
    "json-contracts.md": json_contracts_md,
    "schemas/action-line.schema.json": lambda: json_text(action_line_schema()),
    "schemas/dossier.schema.json": dossier_schema_text,
}
"""Each generated file (relative to docs/) and what writes it."""


def generated() -> dict[str, str]:
    return {name: make() for name, make in GENERATED.items()}


def main() -> None:
    for name, text in generated().items():
        path = DOCS / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
