"""The v2 rules in every audit format, and how much of the record was written late."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

from audit_builder import CASE, LogBuilder

from zatlog.policy import Policy
from zatlog.projections.audit import report
from zatlog.projections.audit.pseudonym import Pseudonymizer

AS_OF = date(2026, 1, 31)


def v2_log(log: LogBuilder) -> LogBuilder:
    """A case with an H1, a C1 and two L1 findings (of 8 actions), and a second case on time."""
    log.open_case()  # case_opened and two relations: three actions on time
    log.add("support_arranged", "2025-09-17", provider="Jeugdhulp", kind="counselling")
    log.invite("2025-10-01", "m", to=("mother",))
    log.add("meeting_cancelled", "2025-10-05", meeting="m")
    log.inform("2025-09-20", ["development"], recorded="2025-10-20T10:00")
    log.inform("2025-09-21", ["development"], recorded="2025-12-01T10:00")
    log.open_case(case="2025-102", parents=("mother",))
    return log


def test_the_new_rules_are_in_the_json_csv_and_table(log: LogBuilder) -> None:
    result = v2_log(log).audit()

    data = report.to_json_dict(result, Policy(), AS_OF)
    rules = sorted((f["rule"], f["severity"]) for f in data["findings"])
    assert rules == [("C1", "minor"), ("H1", "major"), ("L1", "minor"), ("L1", "minor")]
    assert data["summary"]["by_rule"]["L1"] == 2
    assert data["policy"]["late_entry_days"] == 14
    l1 = next(f for f in data["findings"] if f["rule"] == "L1")
    assert l1["subject"]["recorded_at"] == "2025-10-20T10:00:00"
    assert l1["subject"]["at"] == "2025-09-20"

    rows = list(csv.DictReader(io.StringIO(report.to_csv(result))))
    assert sorted(r["rule"] for r in rows) == ["C1", "H1", "L1", "L1"]

    table = " ".join(report.to_text(result, "en", width=400).split())
    assert "C1" in table and "H1" in table and "L1" in table
    assert "recorded only on 20 October 2025: 30 days later" in table


def test_the_html_explains_the_new_rules_and_shows_the_late_share(log: LogBuilder) -> None:
    html = report.to_html(v2_log(log).audit(), Policy(), AS_OF, "en")

    for title in ("Extra help with the parents", "Cancelled meeting told", "Recorded in time"):
        assert title in html
    assert "NEN 7513" in html
    assert "Recorded after the fact (rule L1)" in html
    rows = re.findall(
        r"<tr[^>]*><td>([^<]+)</td><td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>"
        r"<td class=\"num\">([^<]+)</td></tr>",
        html,
    )
    assert rows == [(CASE, "8", "2", "25%"), ("2025-102", "2", "0", "0%")]
    assert re.search(r"All cases</th><td class=\"num\">10</td><td class=\"num\">2</td>", html)
    assert "<strong>20%</strong>" in html


def test_the_late_share_names_cases_by_their_pseudonym(log: LogBuilder) -> None:
    pseudonyms = Pseudonymizer(b"k" * 32)
    html = report.to_html(v2_log(log).audit(), Policy(), AS_OF, "nl", pseudonyms)

    assert CASE not in html and "2025-102" not in html
    assert "Achteraf vastgelegd (regel L1)" in html


def test_the_late_figures_survive_the_stored_read_model_shape(log: LogBuilder) -> None:
    from dataclasses import asdict

    from zatlog.projections.findings import _stats

    figures = v2_log(log).audit().stats
    assert _stats(json.loads(json.dumps(asdict(figures)))) == figures
    assert figures.recorded_late == ((CASE, 8, 2), ("2025-102", 2, 0))
