"""The audit read a case at a time from the store equals the audit over the whole log in memory."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from scenario_files import SCENARIOS
from strategies import action_log

from zatlog.application import ZatlogApp
from zatlog.chain import Digest
from zatlog.importer import import_lines
from zatlog.policy import Policy
from zatlog.projections.audit.findings import AuditResult, audit_log
from zatlog.projections.audit.pseudonym import Pseudonymizer
from zatlog.projections.audit.report import (
    json_pieces,
    to_csv,
    to_html,
    to_json,
    to_json_dict,
    to_text,
)
from zatlog.projections.audit.stream import audit_stored
from zatlog.projections.log_pages import aggregates
from zatlog.projections.provenance import stamp_json_pieces, stamp_report
from zatlog.storage import resolve

AS_OF = date(2026, 1, 31)
OTHER = "other"


def _other_school_lines(scenario: Path, case: str) -> list[str]:
    """A scenario's case again, as case ``case`` of a second school with its own documents."""
    lines = []
    for text in scenario.read_text().splitlines():
        line = json.loads(text)
        if "case" in line:
            line["case"] = case
        if line["action"] in ("case_opened", "school_document_published"):
            line["school"] = OTHER
        lines.append(json.dumps(line))
    return lines


@pytest.fixture
def store(db: str) -> Iterator[ZatlogApp]:
    """Every scenario's case in one store (the school's documents once), and two cases of a
    second school: one with a name that appears in no other case."""
    app = ZatlogApp(resolve(db))
    lines: list[str] = []
    for number, scenario in enumerate(sorted(SCENARIOS.glob("*.jsonl"))):
        for text in scenario.read_text().splitlines():
            if number == 0 or '"case"' in text:
                lines.append(text)
    lines += _other_school_lines(SCENARIOS / "p02_late_invite_absent_parents.jsonl", "9-001")
    lines += _other_school_lines(SCENARIOS / "p05_anonymous_consultation_leaks_name.jsonl", "9-002")
    import_lines(app, lines, default_actor="test", history=True)
    yield app
    app.close()


def _same(streamed: AuditResult, in_memory: AuditResult) -> None:
    assert streamed == in_memory
    assert to_json_dict(streamed, Policy()) == to_json_dict(in_memory, Policy())


def test_the_whole_log_streamed_equals_the_log_in_memory(store: ZatlogApp) -> None:
    in_memory = audit_log(store.logged_actions(), Policy(), AS_OF)
    assert in_memory.findings and in_memory.cases == len(list(SCENARIOS.glob("*.jsonl"))) + 2
    assert {f.case for f in in_memory.findings} >= {"9-001", "9-002"}
    for page_size in (3, 7, 5000):  # pages that end inside a case, and one page for all
        _same(audit_stored(store, Policy(), AS_OF, page_size=page_size), in_memory)


def test_one_case_and_one_school_streamed_equal_the_log_in_memory(store: ZatlogApp) -> None:
    events = list(store.logged_actions())
    for case in ("2025-002", "9-002", "2025-005"):
        one = audit_log(events, Policy(), AS_OF, case=case)
        assert one.case_refs == (case,)
        _same(audit_stored(store, Policy(), AS_OF, case=case, page_size=4), one)
    for school in (OTHER, "default", "nowhere"):
        theirs = audit_log(events, Policy(), AS_OF, school=school)
        _same(audit_stored(store, Policy(), AS_OF, school=school, page_size=4), theirs)
    assert audit_stored(store, Policy(), AS_OF, school=OTHER).case_refs == ("9-001", "9-002")


def test_another_policy_and_an_earlier_day_streamed_equal_the_log_in_memory(
    store: ZatlogApp,
) -> None:
    events = list(store.logged_actions())
    strict = Policy(invite_lead_days=14)
    for as_of in (date(2025, 9, 15), date(2025, 10, 10), AS_OF):
        _same(audit_stored(store, strict, as_of), audit_log(events, strict, as_of))


def test_what_is_recorded_after_the_position_read_up_to_is_not_audited(
    store: ZatlogApp,
) -> None:
    upto = store.last_position()
    before = audit_log(store.logged_actions(), Policy(), AS_OF)
    later = _other_school_lines(SCENARIOS / "p03_consent_withdrawn.jsonl", "9-003")
    import_lines(store, later, default_actor="test", history=True)
    assert store.last_position() > upto
    _same(audit_stored(store, Policy(), AS_OF, upto=upto), before)
    assert "9-003" in audit_stored(store, Policy(), AS_OF).case_refs


def test_a_pseudonymizer_learns_the_same_from_the_stream(store: ZatlogApp) -> None:
    key = b"k" * 32
    streamed, in_memory = Pseudonymizer(key), Pseudonymizer(key)
    result = audit_stored(store, Policy(), AS_OF, case="9-001", learn=streamed.learn)
    in_memory.learn(store.logged_actions())
    assert streamed._cases == in_memory._cases and streamed._refs == in_memory._refs
    assert len(streamed._cases) == len(list(SCENARIOS.glob("*.jsonl"))) + 2
    assert streamed.hide(result) == in_memory.hide(result)


def test_the_pages_hand_over_each_aggregate_whole_once(store: ZatlogApp) -> None:
    upto = store.last_position()
    whole = list(aggregates(store, upto))
    for page_size in (1, 2, 9):
        assert list(aggregates(store, upto, page_size)) == whole
    keys = [rows[0].key for rows in whole]
    assert keys == sorted(set(keys))
    assert sum(len(rows) for rows in whole) == upto  # every stored event, once
    for rows in whole:
        assert [r.version for r in rows] == list(range(1, len(rows) + 1))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=action_log())
def test_for_random_logs_the_stream_equals_the_log_in_memory(log: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = ZatlogApp(resolve(str(Path(folder) / "z.db")))
        import_lines(app, [json.dumps(line) for line in log], default_actor="t", history=True)
        in_memory = audit_log(app.logged_actions(), Policy(), AS_OF)
        _same(audit_stored(app, Policy(), AS_OF, page_size=5), in_memory)
        app.close()


def test_the_json_report_written_a_finding_at_a_time_is_the_whole_object_written(
    store: ZatlogApp,
) -> None:
    result = audit_stored(store, Policy(), AS_OF)
    empty = audit_stored(store, Policy(), date(2000, 1, 1))
    assert result.findings and not empty.findings
    staff = Policy(staff_functions={"ib-devries": "intern begeleider"})
    digest = Digest(7, 9, "ab" * 32)
    for shown, hider in ((result, None), (result, Pseudonymizer(b"k" * 32)), (empty, None)):
        whole = to_json_dict(shown, staff, AS_OF, hider)
        text = to_json(shown, staff, AS_OF, hider)
        assert text == json.dumps(whole, ensure_ascii=False, indent=2)
        stamped = json.dumps({**whole, "log_digest": digest.full}, ensure_ascii=False, indent=2)
        assert stamp_report(text, "json", digest) == stamped
        pieces = list(json_pieces(shown, staff, AS_OF, hider))
        assert "".join(pieces) == text
        assert len(pieces) == (1 if not shown.findings else 2 + -(-len(shown.findings) // 500))
        assert "".join(stamp_json_pieces(iter(pieces), digest)) == stamped


def test_the_json_pieces_stamped_end_where_the_object_ends() -> None:
    digest = Digest(7, 9, "ab" * 32)
    text = json.dumps({"a": [1, 2], "b": {}}, indent=2)
    for cut in range(1, len(text) - 1):  # any split whose last piece holds the closing brace
        pieces = [text[:cut], text[cut:] + "\n"]
        assert "".join(stamp_json_pieces(pieces, digest)) == stamp_report(
            text + "\n", "json", digest
        )
    with pytest.raises(ValueError):
        list(stamp_json_pieces([text, "  \n"], digest))


def test_findings_kept_lean_give_the_same_reports(store: ZatlogApp) -> None:
    """Findings holding only what the reports show of their events: every report the same."""
    staff = Policy(staff_functions={"ib-devries": "intern begeleider"})
    for as_of, case in ((AS_OF, None), (date(2025, 10, 10), None), (AS_OF, "9-002")):
        full = audit_stored(store, staff, as_of, case=case, page_size=7)
        lean = audit_stored(store, staff, as_of, case=case, page_size=7, lean=True)
        assert full.findings and len(lean.findings) == len(full.findings)
        assert lean.case_refs == full.case_refs and lean.stats == full.stats
        assert all(f.text is None for f in lean.findings)
        for shown, kept in (
            (full, lean),
            (full.within(date(2025, 9, 1)), lean.within(date(2025, 9, 1))),
        ):
            assert to_json(kept, staff, as_of) == to_json(shown, staff, as_of)
            assert to_csv(kept) == to_csv(shown)
            for lang in ("nl", "en"):
                assert to_text(kept, lang) == to_text(shown, lang)
                assert to_html(kept, staff, as_of, lang) == to_html(shown, staff, as_of, lang)
        events = {id(e) for f in lean.findings for e in (f.subject, *f.evidence)}
        positions = {e.position for f in lean.findings for e in (f.subject, *f.evidence)}
        assert len(events) == len(positions)  # one object per cited event, shared
