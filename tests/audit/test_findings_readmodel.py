"""The findings read model serves today's audit; it equals an audit recomputed from the log."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from scenario_files import SCENARIOS
from strategies import action_log

from zatlog.application import ZatlogApp
from zatlog.cli.main import cli
from zatlog.importer import import_lines
from zatlog.policy import Policy
from zatlog.projections.audit.findings import audit_log
from zatlog.projections.audit.report import to_json_dict
from zatlog.projections.findings import (
    FindingsProjection,
    _store_refreshed,
    stored_audit,
)
from zatlog.projections.runner import ReadModelView, catch_up, current_view, tracking_key
from zatlog.storage import resolve


def _audit(db: str, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["--db", db, "audit", "--format", "json", *args])
    assert result.exit_code in (0, 3), result.output
    return dict(json.loads(result.output))


def _import(db: str, path: Path | None = None, text: str | None = None) -> None:
    args = ["--db", db, "import", "--history", str(path) if path else "-"]
    result = CliRunner().invoke(cli, args, input=text)
    assert result.exit_code == 0, result.output


def test_every_scenario_in_one_store_served_equals_recomputed(db: str) -> None:
    for number, scenario in enumerate(sorted(SCENARIOS.glob("*.jsonl"))):
        if number == 0:  # the school's documents once, then every scenario's case
            _import(db, scenario)
            continue
        lines = scenario.read_text().splitlines()
        _import(db, text="\n".join(line for line in lines if '"case"' in line))
    today = date.today().isoformat()
    served = _audit(db)
    recomputed = _audit(db, "--as-of", today)
    assert served == recomputed
    assert served["cases"] == len(list(SCENARIOS.glob("*.jsonl")))
    assert served["findings"], "the scenarios hold findings"


def test_without_figures_the_findings_are_the_same_and_only_html_shows_figures(db: str) -> None:
    """Only the HTML report shows the chart figures; the other formats do not decode them."""
    _import(db, SCENARIOS / "p02_late_invite_absent_parents.jsonl")
    today = date.today()
    app = ZatlogApp(resolve(db))
    with current_view(app.location, today=today) as view:
        full = stored_audit(view, today)
        lean = stored_audit(view, today, with_figures=False)
    app.close()
    assert lean.findings == full.findings and lean.case_refs == full.case_refs
    assert full.stats.discussions and not lean.stats.discussions
    assert to_json_dict(lean, Policy()) == to_json_dict(full, Policy())


def test_a_case_filter_and_a_school_filter_are_served_too(db: str) -> None:
    _import(db, SCENARIOS / "p02_late_invite_absent_parents.jsonl")
    today = date.today().isoformat()
    assert _audit(db, "--case", "2025-002") == _audit(db, "--case", "2025-002", "--as-of", today)
    both = _audit(db, "--case", "2025-002", "--school", "default")
    assert both == _audit(db, "--case", "2025-002", "--school", "default", "--as-of", today)
    assert both["cases"] == 1 and both["findings"]
    for extra in ([], ["--as-of", today], ["--case", "2025-002"]):
        # A school without cases is refused (a typo must not read as a clean school).
        refused = CliRunner().invoke(cli, ["--db", db, "audit", "--school", "other", *extra])
        assert refused.exit_code == 1, refused.output
        assert "school other heeft geen dossiers in het logboek" in refused.output


def test_rows_from_an_earlier_day_are_recomputed_for_today(sqlite_db: str) -> None:
    app = ZatlogApp(resolve(sqlite_db))
    _import(sqlite_db, SCENARIOS / "p09_inspection_request_answered_late.jsonl")
    catch_up(app, today=date(2025, 9, 20))
    with current_view(app.location, today=date(2026, 1, 31)) as view:
        served = stored_audit(view, date(2026, 1, 31))
    recomputed = audit_log(app.logged_actions(), Policy(), date(2026, 1, 31))
    assert to_json_dict(served, Policy()) == to_json_dict(recomputed, Policy())
    assert {f.rule for f in served.findings} == {"G10"}
    app.close()


def _days(view: ReadModelView) -> dict[str, str]:
    """Each stored row's day, by case."""
    return dict(view.fetchall("SELECT case_ref, computed_on FROM {t}findings"))


def _recorded_without_catch_up(app: ZatlogApp, scenario: str) -> None:
    lines = (SCENARIOS / scenario).read_text().splitlines()
    import_lines(app, lines, default_actor="zc-test", history=True)


def test_a_row_from_an_earlier_day_is_stored_back_for_today_once(db: str) -> None:
    app = ZatlogApp(resolve(db))
    _recorded_without_catch_up(app, "p09_inspection_request_answered_late.jsonl")
    catch_up(app, today=date(2025, 9, 20))  # before the request's deadline: no G10 yet
    later = date(2026, 1, 31)
    recomputed = to_json_dict(audit_log(app.logged_actions(), Policy(), later), Policy())
    with current_view(app.location, today=later) as view:
        assert set(_days(view).values()) == {"2025-09-20"}
        first = stored_audit(view, later)
        assert set(_days(view).values()) == {"2026-01-31"}, "the refreshed rows are stored"
        second = stored_audit(view, later)  # now served from the stored rows
    assert to_json_dict(first, Policy()) == recomputed
    assert to_json_dict(second, Policy()) == recomputed
    assert {f.rule for f in second.findings} == {"G10"}
    app.close()


def test_a_read_for_an_earlier_day_than_the_row_stores_nothing(db: str) -> None:
    app = ZatlogApp(resolve(db))
    _recorded_without_catch_up(app, "p09_inspection_request_answered_late.jsonl")
    catch_up(app, today=date(2026, 1, 31))
    with current_view(app.location, today=date(2026, 1, 31)) as view:
        earlier = stored_audit(view, date(2025, 9, 20))
        assert set(_days(view).values()) == {"2026-01-31"}
    recomputed = audit_log(app.logged_actions(), Policy(), date(2025, 9, 20))
    assert to_json_dict(earlier, Policy()) == to_json_dict(recomputed, Policy())
    app.close()


def test_a_refresh_is_not_stored_once_the_read_model_moved_on(db: str) -> None:
    # Another process caught up between the read and the write: its rows are newer.
    app = ZatlogApp(resolve(db))
    _recorded_without_catch_up(app, "p09_inspection_request_answered_late.jsonl")
    catch_up(app, today=date(2025, 9, 20))
    key = tracking_key(FindingsProjection)
    with current_view(app.location) as view:
        upto = view.positions([key])[key]
        ref, day = next(iter(_days(view).items()))
        refreshed = [(day, ref, view.seal("[]"), view.seal("{}"))]
        _store_refreshed(view, key, upto - 1, date(2026, 1, 31), refreshed)
        assert _days(view) == {ref: day}
        _store_refreshed(view, key, upto, date(2026, 1, 31), [("2025-09-19", *refreshed[0][1:])])
        assert _days(view) == {ref: day}, "a row that changed since it was read stays"
        _store_refreshed(view, key, upto, date(2026, 1, 31), refreshed)
        assert _days(view) == {ref: "2026-01-31"}
    app.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=action_log())
def test_for_random_logs_the_served_audit_equals_the_recomputed_one(
    log: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "z.db")
        half = len(log) // 2
        _import(db, text="\n".join(json.dumps(line) for line in log[:half]))
        _audit(db)  # the read model catches up here, then again after the second import
        _import(db, text="\n".join(json.dumps(line) for line in log[half:]))
        assert _audit(db) == _audit(db, "--as-of", date.today().isoformat())


@pytest.mark.parametrize("fmt", ["table", "csv", "html"])
def test_every_format_is_the_same_served_or_recomputed(sqlite_db: str, fmt: str) -> None:
    _import(sqlite_db, SCENARIOS / "p17_seventeen_refuses_mother.jsonl")
    runner = CliRunner()
    served = runner.invoke(cli, ["--db", sqlite_db, "audit", "--format", fmt])
    today = date.today().isoformat()
    recomputed = runner.invoke(cli, ["--db", sqlite_db, "audit", "--format", fmt, "--as-of", today])
    assert served.output == recomputed.output
