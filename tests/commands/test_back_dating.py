"""Back-dating is visible: the timeline, `case show` and the dossier show an entry's
recording date beside its date when it was recorded more than a day later."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from zatlog.cli.main import cli
from zatlog.projections.i18n import action_label, long_day, table_day

CASE = "2025-001"


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def recorded_line(tmp_path: Path, at: date, description: str, **extra: object) -> Path:
    line = {
        "action": "signal_raised",
        "case": CASE,
        "at": at.isoformat(),
        "by": "ib-devries",
        "source": "teacher",
        "description": description,
        **extra,
    }
    path = tmp_path / f"{description[:5]}.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def case_db(db: str, scenarios: Path, tmp_path: Path) -> str:
    """Scenario p01 (dated 2025, recorded today: back-dated), one signal dated yesterday
    (recorded within a day: not back-dated) and one brought over with --history."""
    run(db, "import", str(scenarios / "p01_compliant.jsonl"))
    run(db, "import", str(recorded_line(tmp_path, date.today() - timedelta(days=1), "Fresh news")))
    old = recorded_line(tmp_path, date(2025, 9, 3), "Older system")
    run(db, "import", "--history", str(old))
    return db


def today_in(lang: str) -> str:
    return long_day(date.today(), "en" if lang == "en" else "nl")


def today_in_a_table(lang: str) -> str:
    """Today as a table cell writes it (the timeline's date column): 29 nov 2026."""
    return table_day(date.today(), "en" if lang == "en" else "nl").strip()


def test_the_timeline_shows_the_recording_date_beside_a_back_dated_entry(case_db: str) -> None:
    lines = run(case_db, "case", "timeline", CASE).splitlines()

    [late] = [line for line in lines if "Withdrawn in class" in line]
    [fresh] = [line for line in lines if "Fresh news" in line]
    [migrated] = [line for line in lines if "Older system" in line]
    assert late.startswith(f" 2 sep 2025 (vastgelegd op {today_in_a_table('nl')})")
    assert "vastgelegd op" not in fresh and "vastgelegd op" not in migrated
    english = run(case_db, "--lang", "en", "case", "timeline", CASE)
    assert f" 2 Sep 2025 (recorded on {today_in_a_table('en')})" in english


def test_case_show_lists_the_back_dated_entries_with_their_recording_date(
    case_db: str, scenarios: Path
) -> None:
    state = json.loads(run(case_db, "case", "show", CASE, "--format", "json"))
    text = run(case_db, "case", "show", CASE)

    back_dated = state["back_dated"]
    today = date.today().isoformat()
    assert {"on": "2025-09-02", "action": "signal_raised", "recorded_on": today} in back_dated
    shown_on = {entry["on"] for entry in back_dated}
    assert (date.today() - timedelta(days=1)).isoformat() not in shown_on  # within a day
    assert "2025-09-03" not in shown_on  # brought over with --history
    scenario = (scenarios / "p01_compliant.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(back_dated) == sum(1 for line in scenario if json.loads(line).get("case") == CASE)
    assert "Later vastgelegd (meer dan een dag na de datum)" in text
    signal = action_label("signal_raised", "nl")
    assert f"  2 september 2025 {signal}: vastgelegd op {today_in('nl')}" in text.splitlines()


def test_the_dossier_shows_the_recording_date_in_json_html_and_pdf(
    case_db: str, tmp_path: Path
) -> None:
    exported = tmp_path / "dossier.json"
    run(
        case_db,
        "dossier",
        "export",
        CASE,
        "--for",
        "mother",
        "--format",
        "json",
        "-o",
        str(exported),
    )
    document = json.loads(exported.read_text(encoding="utf-8"))
    history = {entry["details"].get("description"): entry for entry in document["history"]}
    assert history["Withdrawn in class, falls behind in reading"]["back_dated"] is True
    assert history["Fresh news"]["back_dated"] is False
    assert history["Older system"]["back_dated"] is False

    page = tmp_path / "dossier.html"
    run(case_db, "dossier", "export", CASE, "--for", "mother", "--format", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    mark = f"(vastgelegd op {today_in('nl')})"
    assert f'2 september 2025 <span class="late">{mark}</span>' in html
    assert html.count('class="late"') == len([e for e in document["history"] if e["back_dated"]])

    pdf = tmp_path / "dossier.pdf"
    run(case_db, "dossier", "export", CASE, "--for", "mother", "--format", "pdf", "-o", str(pdf))
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert f"vastgelegd op {today_in('nl')}" in " ".join(text.split())
