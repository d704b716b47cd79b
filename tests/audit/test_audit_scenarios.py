"""The worked examples in tests/scenarios: each log gives exactly its expected findings."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from scenario_files import SCENARIOS

from zatlog.actions import Action, parse_action_json
from zatlog.policy import Policy
from zatlog.projections.audit.findings import audit_log
from zatlog.records import LoggedAction

NAMES = sorted(p.stem for p in SCENARIOS.glob("*.jsonl"))


def load(name: str) -> tuple[list[LoggedAction], dict[str, object]]:
    """The scenario as ``zatlog import --history`` records it: records of the past, marked
    migrated, which rule L1 does not judge."""
    path = SCENARIOS / f"{name}.jsonl"
    events = [
        LoggedAction(
            position=number,
            recorded_at=datetime(2026, 1, 1, 12, 0),
            actor="ib-devries",
            action=parse_action_json(line).model_copy(update={"migrated": True}),
        )
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip()
    ]
    expected = json.loads((SCENARIOS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return events, expected


@pytest.mark.parametrize("name", NAMES)
def test_scenario_gives_exactly_its_expected_findings(name: str) -> None:
    events, expected = load(name)
    as_of = date.fromisoformat(str(expected["as_of"]))

    result = audit_log(events, Policy(), as_of)

    found = {(f.rule, f.case, f.severity) for f in result.findings}
    assert found == {tuple(item) for item in expected["findings"]}  # type: ignore[attr-defined]
    assert result.cases == 1


@pytest.mark.parametrize("name", NAMES)
def test_scenario_findings_name_no_pupil_or_parent(name: str) -> None:
    events, expected = load(name)
    names = set()
    for event in events:
        for field in ("pupil_name", "name"):
            value = getattr(event.action, field, None)
            if isinstance(value, str):
                names.add(value)
                names.update(part for part in value.split() if len(part) > 2)

    result = audit_log(events, Policy(), date.fromisoformat(str(expected["as_of"])))

    for finding in result.findings:
        text = f"{finding.message_nl} {finding.message_en} {finding.persons}"
        assert not [n for n in names if n in text], text
        assert finding.subject in finding.evidence


def in_school(event: LoggedAction, school: str) -> Action:
    """The action moved to ``school`` (so that each scenario keeps its own school documents)."""
    if event.name in ("case_opened", "school_document_published"):
        return event.action.model_copy(update={"school": school})
    return event.action


def test_all_scenarios_in_one_log_give_the_union_of_their_findings() -> None:
    events: list[LoggedAction] = []
    expected_all: set[tuple[str, ...]] = set()
    for name in NAMES:
        scenario, expected = load(name)
        offset = len(events)
        events += [
            LoggedAction(e.position + offset, e.recorded_at, e.actor, in_school(e, name))
            for e in scenario
        ]
        expected_all |= {tuple(item) for item in expected["findings"]}  # type: ignore[attr-defined]

    result = audit_log(events, Policy(), date(2026, 1, 31))

    assert {(f.rule, f.case, f.severity) for f in result.findings} == expected_all
    assert result.cases == len(NAMES)
    one_school = audit_log(events, Policy(), date(2026, 1, 31), school=NAMES[0])
    assert one_school.cases == 1


@pytest.mark.parametrize("name", NAMES)
def test_scenario_json_report_is_what_the_standard_library_writes(name: str) -> None:
    """The report's findings are written by orjson (zatlog.jsontext): the same text."""
    from zatlog.projections.audit.report import to_json, to_json_dict

    events, expected = load(name)
    result = audit_log(events, Policy(), date.fromisoformat(str(expected["as_of"])))

    written = json.dumps(to_json_dict(result, Policy()), ensure_ascii=False, indent=2)
    assert to_json(result, Policy()) == written
