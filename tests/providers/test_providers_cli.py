"""``zatlog providers report``: every format, the options, the errors, and no names ever."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from provider_log import (
    arranged,
    discussed,
    forbidden_strings,
    invited,
    opened,
    school_year,
    write_log,
)

from zatlog.cli.main import cli

S = "< 5"
YEAR = ("--from", "2025-01-01", "--to", "2025-12-31", "--as-of", "2026-01-31")
CONTRACT_ROW_KEYS = {
    "provider",
    "municipality",
    "cases",
    "evaluations",
    "teacher_effect_median",
    "share_worked_at_school",
    "share_involved_teacher",
    "share_involved_parents",
    "discussions_attended",
    "attended_without_parents_invited",
}
YOUKE_UTRECHT = {
    "provider": "Youké",
    "municipality": "Utrecht",
    "cases": 7,
    "evaluations": {"teacher": 7, "parent": "–", "pupil": S, "coordinator": 0},
    "teacher_effect_median": None,  # seven ratings: no base for a median
    "share_worked_at_school": 0.7692,
    "share_involved_teacher": 0.8462,
    "share_involved_parents": 0.3077,
    "discussions_attended": 9,
    "attended_without_parents_invited": 6,
}


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, "--actor", "ib-test", *args])


def report(db: str, *args: str) -> Result:
    return run(db, "providers", "report", *args)


@pytest.fixture(scope="module")
def year_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The school year in a SQLite file, imported once through the CLI."""
    folder = tmp_path_factory.mktemp("year-cli")
    db = str(folder / "zatlog.db")
    result = run(db, "import", write_log(folder / "year.jsonl", school_year()))
    assert result.exit_code == 0, result.output
    yield db


def test_json_is_the_contract_object_on_every_backend(db: str, tmp_path: Path) -> None:
    assert run(db, "import", write_log(tmp_path / "y.jsonl", school_year())).exit_code == 0

    result = report(db, "--format", "json", *YEAR)

    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["from", "to", "providers"]
    assert (data["from"], data["to"]) == ("2025-01-01", "2025-12-31")
    assert [(r["provider"], r["municipality"]) for r in data["providers"]] == [
        ("Kwadraad", "Utrecht"),
        ("Schoolmaatschappelijk werk", None),
        ("Youké", "Utrecht"),
        ("Youké", "Zeist"),
    ]
    assert all(set(r) == CONTRACT_ROW_KEYS for r in data["providers"])
    assert data["providers"][2] == YOUKE_UTRECHT


def test_the_table_in_english(year_db: str) -> None:
    result = report(year_db, "--lang", "en", *YEAR)

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Provider accountability: 1 January 2025 to 31 December 2025 (as of 31 January 2026)",
        "  Provider                    Municipality    Cases      Evaluations  "
        "Median effect  At school  Teacher inv.  Parents inv.  Discussions  Not invited",
        "! Kwadraad                    Utrecht           < 5  0 / 0 / 0 / < 5  "
        "            –          –             –             –          < 5          < 5",
        "  Schoolmaatschappelijk werk  (not recorded)    < 5    0 / 0 / 0 / 0  "
        "            –          –             –             –          < 5            0",
        "! Youké                       Utrecht             7  7 / – / < 5 / 0  "
        "            –        77%           85%           31%            9            6",
        "  Youké                       Zeist             < 5  < 5 / 0 / 0 / 0  "
        "            –          –             –             –          < 5            0",
        "",
        "Evaluations: teacher / parent / pupil / coordinator. Median effect: the middle of the "
        "teachers' ratings of the effect in class (1 to 5).",
        "Counts from 1 to 4 are shown as “< 5” so that no child can be recognised; a 0 is 0. "
        "A share is shown only from 5 evaluations, the median only from 10 teachers' ratings; "
        "otherwise it reads “–”. A count that would give a hidden one away reads “–” too. "
        "This report holds no case references and no names.",
        "! attended discussions held without the parents invited",
    ]


def test_the_table_is_dutch_by_default_and_names_the_municipality_asked_for(
    year_db: str,
) -> None:
    result = report(
        year_db, "--municipality", " zeist", "--from", "2025-09-01", "--as-of", "2026-01-31"
    )

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:4] == [
        "Verantwoording jeugdhulpaanbieders: 1 september 2025 t/m 31 januari 2026 "
        "(peildatum 31 januari 2026)",
        "Gemeente: zeist",
        "  Aanbieder  Gemeente  Dossiers       Evaluaties  Mediaan effect  Op school  "
        "Lk betrokken  Ouders betrokken  Besprekingen  Niet uitgenodigd",
        "  Youké      Zeist          < 5  < 5 / 0 / 0 / 0               –          –  "
        "           –                 –           < 5                 0",
    ]


def test_csv_has_the_json_fields_with_evaluations_flattened(year_db: str) -> None:
    result = report(year_db, "--format", "csv", *YEAR)

    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.output)))
    assert table[0] == [
        "provider",
        "municipality",
        "cases",
        "evaluations_teacher",
        "evaluations_parent",
        "evaluations_pupil",
        "evaluations_coordinator",
        "teacher_effect_median",
        "share_worked_at_school",
        "share_involved_teacher",
        "share_involved_parents",
        "discussions_attended",
        "attended_without_parents_invited",
    ]
    assert table[1:] == [
        ["Kwadraad", "Utrecht", S, "0", "0", "0", S, "", "", "", "", S, S],
        ["Schoolmaatschappelijk werk", "", S, "0", "0", "0", "0", "", "", "", "", S, "0"],
        ["Youké", "Utrecht", "7", "7", "–", S, "0", "", "0.7692", "0.8462", "0.3077", "9", "6"],
        ["Youké", "Zeist", S, S, "0", "0", "0", "", "", "", "", S, "0"],
    ]


def test_the_html_page_is_dutch_self_contained_and_flags_providers(year_db: str) -> None:
    result = report(year_db, "--format", "html", *YEAR)

    assert result.exit_code == 0, result.output
    page = result.output
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "<h1>Verantwoording jeugdhulpaanbieders</h1>" in page
    # Nothing is fetched: no scripts, style sheets, images or fonts from elsewhere.
    assert not re.search(r"<script|<link|<img|src=|@import|url\((?!#)", page)
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    # The two providers that attended discussions without the parents invited are flagged.
    assert page.count('<tr class="flagged">') == 2
    assert "<li>Kwadraad (Utrecht)</li>" in page
    assert "<li>Youké (Utrecht)</li>" in page
    assert "<li>Youké (Zeist)</li>" not in page
    # A chart of the teachers' ratings for the two rows that have them.
    assert page.count("<svg") - page.count('aria-hidden="true"') == 2
    assert page.count("geen oordeel van leerkrachten") == 2


def test_the_html_page_in_english_from_the_global_option_unless_the_command_says_otherwise(
    year_db: str,
) -> None:
    command = ["--db", year_db, "--lang", "en", "providers", "report", "--format", "html", *YEAR]

    english = CliRunner().invoke(cli, command)
    dutch = CliRunner().invoke(cli, [*command, "--lang", "nl"])

    assert english.exit_code == 0, english.output
    assert '<html lang="en">' in english.output
    assert "<h1>Provider accountability</h1>" in english.output
    assert dutch.exit_code == 0, dutch.output
    assert "<h1>Verantwoording jeugdhulpaanbieders</h1>" in dutch.output


def test_the_html_page_renders_to_a_pdf_with_its_figures(year_db: str, tmp_path: Path) -> None:
    import pypdfium2
    import weasyprint
    from pypdf import PdfReader

    page = tmp_path / "providers.html"
    assert report(year_db, "--format", "html", "--output", str(page), *YEAR).exit_code == 0
    pdf = weasyprint.HTML(filename=str(page)).write_pdf()

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Verantwoording jeugdhulpaanbieders" in text
    assert "mediaan –" in text  # seven ratings: no median
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=0.5).to_pil().convert("L")
    assert image.getextrema()[0] < 100  # something dark was drawn


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "html"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_case_reference_or_name_in_any_format(
    year_db: str, output_format: str, lang: str
) -> None:
    for period in (YEAR, ("--as-of", "2026-01-31")):
        result = report(year_db, "--format", output_format, "--lang", lang, *period)

        assert result.exit_code == 0, result.output
        text = result.output.lower()
        leaks = [s for s in forbidden_strings() if s.lower() in text]
        assert leaks == []
        assert "goed contact" not in text  # evaluation comments
        assert "hulp voor" not in text  # discussion outcomes
        assert "ib-test" not in text  # who recorded


def test_output_goes_to_a_file_and_nothing_to_the_terminal(year_db: str, tmp_path: Path) -> None:
    target = tmp_path / "report.json"

    result = report(year_db, "--format", "json", "--output", str(target), *YEAR)

    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert json.loads(target.read_text(encoding="utf-8"))["providers"][2] == YOUKE_UTRECHT


def test_an_empty_log_has_no_providers(sqlite_db: str) -> None:
    table = report(sqlite_db, "--as-of", "2026-01-31")
    as_json = report(sqlite_db, "--as-of", "2026-01-31", "--format", "json")

    assert table.exit_code == 0, table.output
    assert table.output == (
        "Verantwoording jeugdhulpaanbieders: t/m 31 januari 2026 (peildatum 31 januari 2026)\n"
        "Geen aanbieders in deze periode.\n"
    )
    assert json.loads(as_json.output) == {"from": None, "to": None, "providers": []}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2025-13-01"), "Ongeldige waarde voor '--from': '2025-13-01' is geen datum"),
        (("--to", "31-12-2025"), "Ongeldige waarde voor '--to': '31-12-2025' is geen datum"),
        (("--as-of", "gisteren"), "Ongeldige waarde voor '--as-of': 'gisteren' is geen datum"),
    ],
)
def test_a_date_that_does_not_parse_is_a_usage_error(
    sqlite_db: str, args: tuple[str, ...], message: str
) -> None:
    result = report(sqlite_db, *args)

    assert result.exit_code == 2
    assert f"Fout: {message} JJJJ-MM-DD" in result.output


def test_a_period_ending_before_it_starts_is_rejected(sqlite_db: str) -> None:
    result = report(sqlite_db, "--from", "2025-12-01", "--to", "2025-01-01")

    assert result.exit_code == 2  # a usage error
    assert "Fout: --from 1 december 2025 ligt na --to 1 januari 2025" in result.output


def test_the_policy_decides_who_must_be_invited(sqlite_db: str, tmp_path: Path) -> None:
    seventeen = [dict(line) for line in opened("2025-501")]
    seventeen[0]["birth_date"] = "2008-03-01"
    lines = [
        *seventeen,
        {
            "action": "pupil_refused_parent_information",
            "case": "2025-501",
            "at": "2025-02-01",
            "targets": ["mother", "father"],
        },
        arranged("2025-501", "2025-02-03", "Youké", "Utrecht"),
        invited("2025-501", "2025-02-20", "m-1", ("pupil",)),
        discussed("2025-501", "2025-03-10", "m-1", ["ib", "Youké"]),
    ]
    assert run(sqlite_db, "import", write_log(tmp_path / "l.jsonl", lines)).exit_code == 0
    policy = tmp_path / "policy.toml"
    policy.write_text("pupil16_refusal_blocks_invites = false\n", encoding="utf-8")

    default = report(sqlite_db, "--format", "html", "--as-of", "2026-01-31")
    parents_too = report(
        sqlite_db, "--format", "html", "--as-of", "2026-01-31", "--policy", str(policy)
    )

    # By default the refused parents need no invitation; under this policy they do.
    assert default.exit_code == 0, default.output
    assert '<tr class="flagged">' not in default.output
    assert parents_too.exit_code == 0, parents_too.output
    assert parents_too.output.count('<tr class="flagged">') == 1


def test_a_bad_policy_file_is_named(sqlite_db: str, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("invite_lead_day = 3\n", encoding="utf-8")

    result = report(sqlite_db, "--policy", str(policy))

    assert result.exit_code == 1
    assert result.output.startswith(
        f"Fout: {policy}: invite_lead_day: onbekende sleutel; verwacht een van: invite_lead_days, "
    )


def test_an_unknown_format_is_a_usage_error(sqlite_db: str) -> None:
    result = report(sqlite_db, "--format", "pdf")

    assert result.exit_code == 2
    assert "Ongeldige waarde voor '--format'" in result.output


def test_the_command_is_listed_with_its_help() -> None:
    group = CliRunner().invoke(cli, ["--lang", "en", "providers", "--help"])
    command = CliRunner().invoke(cli, ["providers", "report", "--help"])

    assert group.exit_code == 0
    assert "report  Per provider and municipality" in group.output
    assert command.exit_code == 0
    for option in ("--municipality", "--from", "--to", "--as-of", "--policy", "--format"):
        assert option in command.output
