"""Every look at a case's personal data leaves a hash-chained entry in the access log.

On a real store (SQLite file and PostgreSQL schema): which commands log what,
the ``access-log`` command and its filters, the chain that names the first
broken entry after an edit made outside zatlog, and the append-only guards.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from raw_store import connect
from scenario_files import SCENARIOS

from zatlog.access_log import (
    Access,
    StoredAccess,
    check_chain,
    read_access,
    record_access,
    verify_access_log,
)
from zatlog.cli.main import cli
from zatlog.limits import LINE_MAX_LENGTH
from zatlog.storage import resolve

P02 = SCENARIOS / "p02_late_invite_absent_parents.jsonl"
CASE = "2025-002"


def run(db: str, *args: str, actor: str = "ib-devries") -> Any:
    result = CliRunner().invoke(cli, ["--db", db, "--actor", actor, *args])
    assert result.exit_code == 0, result.output
    return result


def entries(db: str, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(
        run(db, "access-log", "--format", "json", *args).output
    )["entries"]
    return found


@pytest.fixture
def p02(db: str) -> str:
    run(db, "import", str(P02))
    return db


def test_every_personal_read_logs_who_what_which_case_and_why(p02: str, tmp_path: Path) -> None:
    assert entries(p02) == []  # importing shows nothing
    run(p02, "case", "show", CASE)
    run(p02, "case", "timeline", CASE, "--purpose", "voorbereiding CvB", actor="mentor-b")
    run(p02, "case", "list")
    run(p02, "due", "--as-of", "2025-10-10")
    run(p02, "audit", "--as-of", "2026-01-31", "--format", "json")
    run(p02, "export-log", "--output", str(tmp_path / "log.jsonl"))
    out = str(tmp_path / "d.json")
    run(p02, "dossier", "export", CASE, "--for", "mother", "--format", "json", "-o", out)
    logged = entries(p02)
    assert [(e["command"], e["actor"], e["cases"], e["purpose"]) for e in logged] == [
        ("case show", "ib-devries", [CASE], "zorgcoördinatie"),
        ("case timeline", "mentor-b", [CASE], "voorbereiding CvB"),
        ("case list", "ib-devries", [CASE], "zorgcoördinatie"),
        ("due", "ib-devries", [CASE], "zorgcoördinatie"),
        ("audit", "ib-devries", [CASE], "audit"),
        ("export-log", "ib-devries", [CASE], "gegevensexport"),
        ("dossier export", "ib-devries", [CASE], "inzageverzoek"),
    ]
    assert [e["seq"] for e in logged] == list(range(1, 8))
    assert logged[0]["items"] == ["case_state"]
    assert logged[-1]["items"] == ["dossier"]
    assert all(datetime.fromisoformat(e["at"]).tzinfo is not None for e in logged)


def test_pseudonymised_audits_and_aggregate_reports_log_no_case(p02: str, tmp_path: Path) -> None:
    key = tmp_path / "audit.key"
    key.write_bytes(b"k" * 32)
    for fmt in ("table", "json", "csv", "html"):
        args = ["audit", "--as-of", "2026-01-31", "--format", fmt, "--pseudonymize", str(key)]
        run(p02, *args)
    run(p02, "providers", "report", "--from", "2025-01-01", "--to", "2026-12-31")
    assert entries(p02) == []


def test_a_read_that_shows_nothing_logs_nothing(p02: str) -> None:
    result = CliRunner().invoke(cli, ["--db", p02, "case", "show", "2099-404"])
    assert result.exit_code == 1
    unknown_school = CliRunner().invoke(cli, ["--db", p02, "case", "list", "--school", "elsewhere"])
    assert unknown_school.exit_code == 1  # no case listed
    assert entries(p02) == []


def test_an_empty_purpose_is_refused_and_nothing_is_shown(p02: str) -> None:
    result = CliRunner().invoke(cli, ["--db", p02, "case", "show", CASE, "--purpose", " "])
    assert result.exit_code == 2
    assert "--purpose" in result.output
    assert "Jansen" not in result.output
    assert entries(p02) == []


@pytest.mark.parametrize(
    ("purpose", "says"),
    [
        ("zorg\x1b[2J", "stuurteken '\\x1b'"),
        ("eerste regel\ntweede regel", "stuurteken '\\n'"),
        ("p" * (LINE_MAX_LENGTH + 1), f"ten hoogste {LINE_MAX_LENGTH} tekens"),
    ],
    ids=["escape", "line-break", "too-long"],
)
def test_a_purpose_is_one_printable_line_of_bounded_length(
    p02: str, purpose: str, says: str
) -> None:
    """It is kept for good and shown in tables: bounded, one line, no control characters."""
    result = CliRunner().invoke(cli, ["--db", p02, "case", "show", CASE, "--purpose", purpose])
    assert result.exit_code == 2, result.output
    assert "--purpose" in result.output and says in result.output
    assert "Jansen" not in result.output
    assert entries(p02) == []
    help_text = " ".join(CliRunner().invoke(cli, ["case", "show", "--help"]).output.split())
    assert f"hoogstens {LINE_MAX_LENGTH} tekens" in help_text


def test_access_log_filters_by_case_actor_and_dates(db: str) -> None:
    location = resolve(db)
    day = datetime(2026, 3, 2, 10, tzinfo=UTC)
    record_access(location, "a", "case show", ["c1"], ["case_state"], "x", at=day)
    record_access(location, "b", "case list", ["c1", "c2"], ["step"], "y", at=day)
    record_access(location, "a", "case show", ["c2"], ["case_state"], "z", at=day + timedelta(3))
    record_access(location, "a", "case show", ["c1_"], ["case_state"], "w", at=day)
    assert [e["seq"] for e in entries(db, "--case", "c1")] == [1, 2]
    assert [e["seq"] for e in entries(db, "--case", "c2")] == [2, 3]
    assert [e["seq"] for e in entries(db, "--actor", "a")] == [1, 3, 4]
    assert [e["seq"] for e in entries(db, "--from", "2026-03-04")] == [3]
    assert [e["seq"] for e in entries(db, "--to", "2026-03-03", "--actor", "b")] == [2]
    csv_text = run(db, "access-log", "--format", "csv", "--case", "c2").output
    assert csv_text.splitlines()[0] == "seq,at,actor,command,cases,items,purpose"
    assert "c1 c2" in csv_text.splitlines()[1]
    table = run(db, "access-log", "--actor", "b").output
    assert "case list" in table and "c1, c2" in table


def test_the_chain_holds_and_verify_says_so(db: str) -> None:
    location = resolve(db)
    for n in range(3):
        record_access(location, "a", "case show", [f"c{n}"], ["case_state"], "p")
    check = verify_access_log(location)
    assert check.intact and check.entries == 3
    assert "3 regels" in run(db, "access-log", "--verify").output


def _entry(seq: int, previous: str, purpose: str = "p") -> StoredAccess:
    from zatlog.access_log import chain_hash

    access = Access(datetime(2026, 1, 1, tzinfo=UTC), "a", "case show", ("c",), (), purpose)
    return StoredAccess(seq, access, previous, chain_hash(previous, access, seq))


def _chain(n: int) -> list[StoredAccess]:
    from zatlog.access_log import GENESIS

    chain: list[StoredAccess] = []
    for seq in range(1, n + 1):
        chain.append(_entry(seq, chain[-1].hash if chain else GENESIS, f"p{seq}"))
    return chain


def test_check_chain_names_the_first_broken_link() -> None:
    chain = _chain(5)
    assert check_chain(chain).intact
    edited = [*chain[:2], StoredAccess(3, chain[2].access.__class__(
        chain[2].access.at, "b", "case show", ("c",), (), "p3"), chain[2].previous, chain[2].hash),
        *chain[3:]]  # fmt: skip
    assert (check_chain(edited).broken_at, "changed") == (3, "changed")
    assert "changed after it was recorded" in check_chain(edited).problem
    missing = [*chain[:2], *chain[3:]]
    assert check_chain(missing).broken_at == 4
    assert "missing" in check_chain(missing).problem
    swapped = [chain[0], chain[2], chain[1], *chain[3:]]
    assert check_chain(swapped).broken_at == 3
    forged = _entry(3, chain[1].hash, "forged")
    inserted = [*chain[:2], forged, *(_renumbered(chain[2:], 1))]
    assert check_chain(inserted).broken_at == 4
    assert "does not link" in check_chain(inserted).problem


def _renumbered(chain: list[StoredAccess], by: int) -> list[StoredAccess]:
    return [StoredAccess(e.sequence + by, e.access, e.previous, e.hash) for e in chain]


def _execute(db: str, *statements: str) -> None:
    """Run SQL on the store directly, outside zatlog (as someone with the file would)."""
    with connect(db) as connection:
        for statement in statements:
            connection.execute(statement)


def _unguard(db: str) -> list[str]:
    if db.startswith("postgresql"):
        return ["ALTER TABLE access_log DISABLE TRIGGER USER"]
    return ["DROP TRIGGER access_log_no_update", "DROP TRIGGER access_log_no_delete"]


@pytest.mark.parametrize(
    ("tamper", "broken_at", "words"),
    [
        (["UPDATE access_log SET actor = 'someone-else' WHERE seq = 2"], 2, "changed"),
        (["UPDATE access_log SET at = '2020-01-01T00:00:00+00:00' WHERE seq = 3"], 3, "changed"),
        (["DELETE FROM access_log WHERE seq = 2"], 3, "missing"),
        (
            [
                "UPDATE access_log SET seq = -2 WHERE seq = 2",
                "UPDATE access_log SET seq = 2 WHERE seq = 3",
                "UPDATE access_log SET seq = 3 WHERE seq = -2",
            ],
            2,
            "link",
        ),
    ],
)
def test_an_edit_outside_zatlog_is_found(
    db: str, tamper: list[str], broken_at: int, words: str
) -> None:
    location = resolve(db)
    for n in range(4):
        record_access(location, f"a{n}", "case show", [f"c{n}"], ["case_state"], "p")
    _execute(db, *_unguard(db), *tamper)
    check = verify_access_log(location)
    assert check.broken_at == broken_at
    assert words in check.problem
    result = CliRunner().invoke(cli, ["--db", db, "access-log", "--verify"])
    assert result.exit_code == 1
    assert f"entry {broken_at}" in result.output


def test_the_store_refuses_update_and_delete(db: str) -> None:
    location = resolve(db)
    record_access(location, "a", "case show", ["c"], ["case_state"], "p")
    for statement in ("UPDATE access_log SET actor = 'x'", "DELETE FROM access_log"):
        with pytest.raises(Exception, match="append-only"):
            _execute(db, statement)
    assert verify_access_log(location).intact


def test_concurrent_readers_keep_one_unbroken_chain(db: str) -> None:
    location = resolve(db)
    failures: list[BaseException] = []

    def look(actor: str) -> None:
        try:
            for n in range(15):
                record_access(location, actor, "case show", [f"c{n}"], ["case_state"], "p")
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=look, args=(f"actor-{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    check = verify_access_log(location)
    assert (check.intact, check.entries) == (True, 45)


def test_reading_an_absent_access_log_gives_nothing(db: str) -> None:
    location = resolve(db)
    assert read_access(location) == []
    assert verify_access_log(location).entries == 0


def _look(seq: int, actor: str, at: datetime, command: str, purpose: str, case: str = CASE) -> Any:
    access = Access(at, actor, command, (case,), (), purpose)
    return StoredAccess(seq, access, "", "")


def test_consecutive_looks_of_one_person_on_one_day_fold_into_one_line() -> None:
    from zatlog.policy import Policy
    from zatlog.projections.dossier.looks import fold_looks

    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    entries = [
        _look(1, "ib-devries", monday, "case show", "zorgcoördinatie"),
        _look(2, "ib-devries", monday + timedelta(hours=1), "case timeline", "voorbereiding"),
        _look(3, "ib-devries", monday + timedelta(hours=2), "case show", "zorgcoördinatie"),
        _look(4, "mentor-b", monday + timedelta(hours=3), "case show", "mentorgesprek"),
        _look(5, "ib-devries", monday + timedelta(hours=4), "due", "zorgcoördinatie"),
        _look(6, "ib-devries", monday + timedelta(days=1), "case show", "zorgcoördinatie"),
        _look(7, "ib-devries", monday + timedelta(days=1), "case show", "x", case="2025-999"),
    ]
    policy = Policy.model_validate({"staff_functions": {"ib-devries": "intern begeleider"}})
    looks = fold_looks(entries, CASE, policy)
    assert [(str(look.on), look.function, look.name, look.what, look.why) for look in looks] == [
        (
            "2026-03-02",
            "intern begeleider",
            None,
            ["case show", "case timeline"],
            ["zorgcoördinatie", "voorbereiding"],
        ),
        ("2026-03-02", None, None, ["case show"], ["mentorgesprek"]),
        ("2026-03-02", "intern begeleider", None, ["due"], ["zorgcoördinatie"]),
        ("2026-03-03", "intern begeleider", None, ["case show"], ["zorgcoördinatie"]),
    ]
    named = fold_looks(entries, CASE, Policy.model_validate({"access_log_names": True}))
    assert [look.name for look in named] == ["ib-devries", "mentor-b", "ib-devries", "ib-devries"]


def test_the_dossier_shows_who_looked_at_it(p02: str, tmp_path: Path) -> None:
    run(p02, "case", "show", CASE)
    run(p02, "case", "timeline", CASE, "--purpose", "voorbereiding CvB")
    run(p02, "case", "show", CASE, actor="mentor-b")
    first = tmp_path / "first.json"
    run(p02, "dossier", "export", CASE, "--for", "mother", "--format", "json", "-o", str(first))
    looks = json.loads(first.read_text(encoding="utf-8"))["looks"]
    assert [(look["name"], look["what"], look["why"]) for look in looks] == [
        (None, ["case show", "case timeline"], ["zorgcoördinatie", "voorbereiding CvB"]),
        (None, ["case show"], ["zorgcoördinatie"]),
    ]
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'access_log_names = true\n[staff_functions]\n"ib-devries" = "intern begeleider"\n',
        encoding="utf-8",
    )
    html = tmp_path / "d.html"
    args = ["--format", "html", "--policy", str(policy), "-o", str(html)]
    run(p02, "dossier", "export", CASE, "--for", "mother", *args)
    text = html.read_text(encoding="utf-8")
    section = _section(text, "Wie heeft het dossier ingezien")
    assert "ib-devries (intern begeleider)" in section
    assert "mentor-b (medewerker van school)" in section
    assert "overzicht van het dossier, tijdlijn van het dossier" in section
    assert "voorbereiding CvB" in section
    assert "export van het dossier (inzage)" in section  # the first export, seen by the second
    english = tmp_path / "d-en.html"
    run(p02, "dossier", "export", CASE, "--for", "mother", "--format", "html", "--lang", "en",
        "-o", str(english))  # fmt: skip
    text = english.read_text(encoding="utf-8")
    section = _section(text, "Who looked at this file")
    assert "school staff" in section and "ib-devries" not in section
    assert "care coordination" in section


def _section(html: str, title: str) -> str:
    start = html.index(title)
    return html[start : html.index("<h2", start)]
