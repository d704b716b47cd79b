"""One source of words for findings (issue 11.5): every message comes from a catalog template.

Every rule has Dutch and English templates; every finding of every scenario (recorded at the
time, and recorded late so that L1 speaks too) is its template's words for its facts in both
languages; and no rule module writes message text itself.
"""

from __future__ import annotations

import ast
import inspect
from datetime import date, datetime
from pathlib import Path

import pytest
from message_check import assert_renders_from_catalog
from test_audit_scenarios import NAMES, load

from zatlog.policy import Policy
from zatlog.projections.audit import catalog, findings
from zatlog.projections.audit.names import names_in
from zatlog.records import LoggedAction

RULE_MODULES = sorted({inspect.getmodule(check) for check in findings.CHECKS}, key=str)


def test_every_rule_of_the_catalog_has_dutch_and_english_templates() -> None:
    for rule in catalog.RULES:
        own = [k for k in catalog.MESSAGES if k == rule.id or k.startswith(f"{rule.id}.")]
        assert own, rule.id
        for key in own:
            nl, en = catalog.MESSAGES[key]
            assert nl.strip() and en.strip(), key
            assert nl != en or not catalog.fields(nl), key
            assert catalog.fields(nl) == catalog.fields(en), key


def test_every_template_key_belongs_to_a_rule_or_is_a_shared_part() -> None:
    rules = set(catalog.RULES_BY_ID)
    for key in catalog.MESSAGES:
        head = key.split(".")[0]
        assert head in rules or head.islower(), key


def test_a_text_with_an_unknown_key_or_a_missing_fact_is_refused() -> None:
    with pytest.raises(KeyError):
        catalog.text("G99")
    with pytest.raises(KeyError):
        catalog.text("G6.objected", title=catalog.discussion("zat", date(2025, 10, 20))).render(
            "nl"
        )


def test_a_text_renders_people_by_role_and_labels_in_each_language() -> None:
    from zatlog.projections.facts import Who

    message = catalog.text(
        "A16",
        what=catalog.text(
            "what.informed", channel=catalog.Label("channel", "letter"), when=date(2025, 10, 1)
        ),
        who=Who("father", "parent"),
    )
    nl, en = catalog.words(message)
    assert nl.startswith("De brief van 2025-10-01 ging naar de ouder,")
    assert en.startswith("The letter of 2025-10-01 went to the parent,")
    second = catalog.text("A16", what=dict(message.facts)["what"], who=Who("father", "parent", 2))
    assert catalog.words(second)[0].startswith("De brief van 2025-10-01 ging naar ouder 2,")
    assert catalog.words(second)[1].startswith("The letter of 2025-10-01 went to parent 2,")
    pupil = catalog.text("G9.never", when=date(2025, 10, 1), who=Who("pupil"))
    assert catalog.words(pupil) == (
        "Over de melding van 2025-10-01 is de leerling niet geïnformeerd.",
        "About the report of 2025-10-01, the pupil was never told.",
    )


def recorded_late(events: list[LoggedAction]) -> list[LoggedAction]:
    """The scenario as if typed in on one day long after: L1 judges every action."""
    return [
        LoggedAction(
            e.position,
            datetime(2026, 1, 30, 12, 0),
            e.actor,
            e.action.model_copy(update={"migrated": False}),
        )
        for e in events
    ]


@pytest.mark.parametrize("name", NAMES)
def test_every_finding_of_a_scenario_renders_from_its_template(name: str) -> None:
    events, expected = load(name)
    as_of = date.fromisoformat(str(expected["as_of"]))
    names = names_in(events)
    seen = set()
    for log in (events, recorded_late(events)):
        for finding in findings.audit_log(log, Policy(), as_of).findings:
            assert_renders_from_catalog(finding, names)
            seen.add(finding.rule)
    assert "L1" in seen
    assert {str(f[0]) for f in expected["findings"]} <= seen  # type: ignore[index]


def test_the_scenarios_give_a_finding_of_every_rule() -> None:
    seen = set()
    for name in NAMES:
        events, expected = load(name)
        as_of = date.fromisoformat(str(expected["as_of"]))
        seen |= {
            f.rule for f in findings.audit_log(recorded_late(events), Policy(), as_of).findings
        }
    assert seen == set(catalog.RULES_BY_ID)


def message_text_in(path: Path) -> list[str]:
    """What in a module looks like message text: f-strings, ``%`` or ``.format`` on a string,
    ``str.join``, string constants holding a space (docstrings aside) and use of the
    catalog's words rather than its texts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.JoinedStr):
            found.append(f"{where} f-string")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if " " in node.value and id(node) not in docstrings:
                found.append(f"{where} {node.value!r}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                found.append(f"{where} % on a string")
        elif isinstance(node, ast.Attribute) and node.attr in ("format", "join", "render"):
            found.append(f"{where} .{node.attr}")
        elif isinstance(node, ast.Attribute) and node.attr in ("MESSAGES", "words", "LABELS"):
            found.append(f"{where} catalog.{node.attr}")
    return found


def test_no_rule_module_writes_message_text_itself() -> None:
    assert len(RULE_MODULES) == len(findings.CHECKS)
    for module in RULE_MODULES:
        assert module is not None and module.__file__ is not None
        assert message_text_in(Path(module.__file__)) == [], module.__name__


def test_the_check_of_rule_modules_sees_message_text(tmp_path: Path) -> None:
    sample = tmp_path / "rule.py"
    sample.write_text(
        '"""A rule."""\n'
        "def f(day):\n"
        '    """Doc with spaces."""\n'
        '    a = f"Op {day}"\n'
        '    b = "de leerling"\n'
        '    c = "op %s" % day\n'
        '    d = ", ".join([a, b])\n'
        '    return "G1", "heard_input"\n',
        encoding="utf-8",
    )
    flagged = {int(item.split()[0].split(":")[1]) for item in message_text_in(sample)}
    assert flagged == {4, 5, 6, 7}
