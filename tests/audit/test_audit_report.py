"""Rendering audit results: JSON contract, CSV, text table, HTML report, pseudonyms, no names."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from audit_builder import LogBuilder

from zatlog.errors import ZatlogError
from zatlog.policy import Policy
from zatlog.projections.audit import report
from zatlog.projections.audit.pseudonym import Pseudonymizer

AS_OF = date(2026, 1, 31)


@pytest.fixture
def late_invitation(zat_case: LogBuilder) -> LogBuilder:
    """Father invited three days ahead, parents absent, outcome never told."""
    zat_case.events = [e for e in zat_case.events if e.name != "parents_invited"]
    zat_case.invite("2025-10-08", "m-zat", to=("mother",))
    zat_case.invite("2025-10-17", "m-zat", to=("father",))
    zat_case.discussion("2025-10-20", "m-zat", parents_present=False)
    return zat_case


def test_json_follows_the_cli_contract(late_invitation: LogBuilder) -> None:
    result = late_invitation.audit()

    data = report.to_json_dict(result, Policy(), AS_OF)

    assert set(data) == {"as_of", "policy", "cases", "findings", "summary"}
    assert data["as_of"] == "2026-01-31"
    assert data["cases"] == 1
    assert data["policy"]["invite_lead_days"] == 7
    assert data["policy"]["sdq_bands"]["teacher"] == {"borderline": 12, "abnormal": 16}
    rules = [(f["rule"], f["severity"]) for f in data["findings"]]
    assert sorted(rules) == [("B1", "minor"), ("O1", "major"), ("O1", "major")]
    b1 = data["findings"][0]
    assert set(b1) == {"rule", "severity", "case", "subject", "evidence", "message"}
    assert b1["subject"] == {
        "action": "discussion_held",
        "at": "2025-10-20",
        "recorded_at": "2025-10-20T18:00:00",
        "position": b1["subject"]["position"],
    }
    assert [e["action"] for e in b1["evidence"]] == ["parents_invited", "discussion_held"]
    assert data["summary"]["by_rule"]["O1"] == 2
    assert data["summary"]["by_rule"]["G4"] == 0
    assert data["summary"]["by_severity"] == {"critical": 0, "major": 2, "minor": 1}
    json.dumps(data)


def test_csv_has_one_row_per_finding_with_both_messages(late_invitation: LogBuilder) -> None:
    rows = list(csv.DictReader(io.StringIO(report.to_csv(late_invitation.audit()))))

    assert [r["rule"] for r in rows] == ["B1", "O1", "O1"]
    assert rows[0]["persons"] == "father"
    assert "uitgenodigd" in rows[0]["message_nl"] and "invited" in rows[0]["message_en"]


def test_text_table_is_dutch_by_default_and_english_on_request(
    late_invitation: LogBuilder,
) -> None:
    result = late_invitation.audit()

    dutch = report.to_text(result)
    english = report.to_text(result, "en")

    assert dutch.startswith(
        "Audit per 31 januari 2026: 1 dossier, 3 bevindingen (2 ernstig, 1 gering)"
    )
    assert "Regel" in dutch and "Bevinding" in dutch
    assert "Rule" in english and "was invited only on 17 October 2025" in " ".join(english.split())
    assert all(len(line) <= 110 for line in dutch.splitlines())


def test_text_table_says_so_when_there_is_nothing_to_report(log: LogBuilder) -> None:
    assert "Geen bevindingen." in report.to_text(log.audit())
    assert "No findings." in report.to_text(log.audit(), "en")


def test_html_report_is_self_contained_with_charts_and_explanations(
    late_invitation: LogBuilder,
) -> None:
    html = report.to_html(late_invitation.audit(), Policy(), AS_OF, "en")

    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == 3
    assert "Parents invited in time" in html
    assert "No discussion about a child unless the parents" in html
    assert "0% (0/1)" in html  # the one ZAT discussion had a late invitation
    for external in ('src="http', 'href="http', "url(", "@import", "<script", "<link"):
        assert external not in html
    assert "Audit ouderbetrokkenheid" in report.to_html(late_invitation.audit(), Policy(), AS_OF)


def test_html_escapes_free_text_from_the_log(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case()
    log.inform("2025-09-05", ["concern", "heard_input"])
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.invite("2025-09-12", "m1")
    log.discussion("2025-09-29", "m1", forum="cvb", attendees=["<b>police</b>"])

    html = report.to_html(log.audit(), Policy(), AS_OF)

    assert "<b>police</b>" not in html
    assert "&lt;b&gt;police&lt;/b&gt;" in html


def test_names_slipped_into_free_text_are_kept_out_of_messages(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case()
    log.inform("2025-09-05", ["concern", "heard_input"])
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.invite("2025-09-12", "m1")
    log.discussion("2025-09-29", "m1", forum="cvb", attendees=["oom van pim voorbeeld"])

    [g5] = log.of("G5")

    assert "voorbeeld" not in g5.message_en.lower()
    assert "[name]" in g5.message_en and "[naam]" in g5.message_nl


def test_pseudonyms_are_stable_keyed_and_hide_the_reference(
    late_invitation: LogBuilder, tmp_path: Path
) -> None:
    key = tmp_path / "audit.key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    other = tmp_path / "other.key"
    other.write_bytes(b"fedcba9876543210fedcba9876543210")
    result = late_invitation.audit()

    first = Pseudonymizer.from_keyfile(key)
    data = report.to_json_dict(result, Policy(), AS_OF, first)

    cases = {f["case"] for f in data["findings"]}
    assert len(cases) == 1
    [pseudonym] = cases
    assert re.fullmatch(r"case-[0-9a-f]{12}", pseudonym)
    assert Pseudonymizer.from_keyfile(key).case("2025-101") == pseudonym
    assert Pseudonymizer.from_keyfile(other).case("2025-101") != pseudonym
    for rendered in (
        json.dumps(data),
        report.to_csv(result, first),
        report.to_text(result, "nl", first),
        report.to_html(result, Policy(), AS_OF, "nl", first),
    ):
        assert "2025-101" not in rendered
        assert pseudonym in rendered


def test_a_missing_or_short_key_file_is_a_clear_error_and_nothing_is_created(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "none.key"
    with pytest.raises(ZatlogError, match="cannot read the key file"):
        Pseudonymizer.from_keyfile(missing)
    assert not missing.exists()
    short = tmp_path / "short.key"
    short.write_bytes(b"secret")
    with pytest.raises(ZatlogError, match="at least 16"):
        Pseudonymizer.from_keyfile(short)


def test_within_keeps_findings_by_their_subjects_date(late_invitation: LogBuilder) -> None:
    result = late_invitation.audit()

    assert len(result.within(date(2025, 10, 20), date(2025, 10, 20)).findings) == 3
    assert result.within(date(2025, 10, 21)).findings == ()
    assert result.within(end=date(2025, 10, 19)).cases == 1


def test_the_digest_stamp_is_what_writing_the_json_again_would_give(
    late_invitation: LogBuilder,
) -> None:
    from zatlog.chain import Digest
    from zatlog.projections.provenance import stamp_report

    text = report.to_json(late_invitation.audit(), Policy(), AS_OF)
    digest = Digest(12, 3, "ab" * 32)
    expected = json.dumps(
        {**json.loads(text), "log_digest": digest.full}, ensure_ascii=False, indent=2
    )
    assert stamp_report(text, "json", digest) == expected
    compact = json.dumps(json.loads(text))  # not the indented form: parsed and written again
    assert stamp_report(compact, "json", digest) == expected


def test_terminal_text_is_escaped_line_by_line() -> None:
    from zatlog.cli.options import escaped

    plain = "Bevinding\n  vader niet uitgenodigd (2025-10-17)\n"
    assert escaped(plain) is plain
    assert escaped("a\u00a0b\nc") == "a\u00a0b\nc"  # a no-break space stays
    assert escaped("ok\nx\u202ey\x1b[2J") == "ok\nx\\u202ey\\x1b[2J"


def test_the_json_report_is_what_the_standard_library_writes(late_invitation: LogBuilder) -> None:
    """``to_json`` writes its findings with orjson (zatlog.jsontext): byte for byte the text of
    ``json.dumps(to_json_dict(...), ensure_ascii=False, indent=2)``, also for messages with
    Dutch letters and control characters and for findings without evidence, pseudonymised
    or not."""
    from dataclasses import replace

    result = late_invitation.audit()
    assert result.findings
    odd = tuple(
        replace(
            f,
            message_nl=f"{f.message_nl} – geïnformeerd, één ĳs € \x01\t\n\x1f\x7f",
            message_en=f'{f.message_en}\u2028"\\/',
            evidence=(),
        )
        for f in result.findings
    )
    empty = replace(result, findings=())
    for shown in (result, replace(result, findings=result.findings + odd), empty):
        for pseudonymizer in (None, Pseudonymizer(b"k" * 32)):
            expected = json.dumps(
                report.to_json_dict(shown, Policy(), AS_OF, pseudonymizer),
                ensure_ascii=False,
                indent=2,
            )
            assert report.to_json(shown, Policy(), AS_OF, pseudonymizer) == expected
