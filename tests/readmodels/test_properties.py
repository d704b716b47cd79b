"""Properties over random valid logs: incremental equals rebuilt, and as-of equals a cut log."""

from __future__ import annotations

import itertools
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readmodel_stores import TODAY, dump, open_app, record, view
from strategies import action_log, case_log

from zatlog.policy import Policy
from zatlog.projections import due
from zatlog.projections.case_log import read_case_events
from zatlog.projections.case_state import case_state, stored_state
from zatlog.projections.runner import catch_up, rebuild

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(log=action_log(max_cases=3), cuts=st.lists(st.integers(1, 200), max_size=6))
def test_read_models_caught_up_batch_by_batch_equal_a_full_rebuild(
    log: list[dict[str, Any]], cuts: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = open_app(str(Path(folder) / "z.db"))
        bounds = sorted({0, len(log), *(c % (len(log) + 1) for c in cuts)})
        for start, end in itertools.pairwise(bounds):
            record(app, log[start:end])
            catch_up(app, today=TODAY)
        incremental = dump(view(app))

        rebuild(app, today=TODAY)

        assert dump(view(app)) == incremental
        app.close()


@SETTINGS
@given(log=case_log(), pick=st.integers(0, 10_000))
def test_a_case_as_of_a_date_equals_the_case_in_a_log_cut_at_that_date(
    log: list[dict[str, Any]], pick: int
) -> None:
    days = sorted({line["at"] for line in log})
    as_of = date.fromisoformat(days[pick % len(days)])
    with tempfile.TemporaryDirectory() as folder:
        whole = open_app(str(Path(folder) / "whole.db"))
        cut = open_app(str(Path(folder) / "cut.db"))
        record(whole, log)
        record(cut, [line for line in log if line["at"] <= as_of.isoformat()])
        catch_up(whole, today=TODAY)
        catch_up(cut, today=as_of)
        ref = log[0]["case"]

        events = read_case_events(view(whole), ref)[1]
        state = case_state(events, as_of=as_of)
        assert state is not None
        assert state.model_dump(mode="json") == stored_state(view(cut), ref, as_of)
        assert due.computed_items(view(whole), Policy(), as_of, case=ref) == due.stored_items(
            view(cut), as_of, case=ref
        )
        whole.close()
        cut.close()
