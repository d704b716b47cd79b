"""A pseudonymised audit names no case and no person: every format, every scenario.

Every case reference, person id and recorded name of the project's scenarios
(``case``, ``person``, ``name``, ``pupil_name``, and the ``signer``, ``to``,
``requester``, ``targets``, attendee and participant strings that are persons
on the case) is searched for in the table, JSON, CSV and HTML of a
pseudonymised audit, on SQLite and PostgreSQL, from the read model (today)
and recomputed (``--as-of``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from scenario_files import SCENARIOS

from zatlog.cli.main import cli
from zatlog.projections.audit.pseudonym import Pseudonymizer

FORMATS = ("table", "json", "csv", "html")
PERSON_LISTS = ("to", "targets", "attendees", "participants")
PERSON_STRINGS = ("person", "signer", "requester")


def identifiers() -> tuple[set[str], set[str], set[str]]:
    """Case references, person ids and names of every scenario."""
    cases: set[str] = set()
    persons: dict[str, set[str]] = {}
    names: set[str] = set()
    lines = [
        json.loads(line)
        for path in sorted(SCENARIOS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for line in lines:
        if "case" in line:
            cases.add(line["case"])
        if line["action"] == "relation_recorded":
            persons.setdefault(line["case"], set()).add(line["person"].strip().lower())
        names.update(line[key] for key in ("name", "pupil_name") if key in line)
    found: set[str] = set()
    for line in lines:
        on_case = persons.get(line.get("case", ""), set())
        values = [line[key] for key in PERSON_STRINGS if key in line]
        for key in PERSON_LISTS:
            value = line.get(key)
            values += value if isinstance(value, list) else []
        if line["action"] != "report_made" and isinstance(line.get("to"), str):
            values.append(line["to"])
        found.update(v for v in values if v.strip().lower() in on_case)
    found.update(p for ps in persons.values() for p in ps)
    return cases, found, names


CASES, PERSONS, NAMES = identifiers()


def leaks(text: str) -> list[str]:
    """Every identifier found in ``text`` as a word of its own (any case)."""
    found = []
    for word in sorted(CASES | PERSONS | NAMES):
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE):
            found.append(word)
    for name in NAMES:  # a surname alone, as written
        parts = [part for part in name.split() if len(part) > 2]
        found += [part for part in parts if re.search(rf"\b{re.escape(part)}\b", text)]
    return found


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("key") / "audit.key"
    path.write_bytes(b"an inspector's key of 32 bytes!!")
    return path


@pytest.fixture
def every_scenario(db: str) -> str:
    for path in sorted(SCENARIOS.glob("*.jsonl")):
        result = CliRunner().invoke(cli, ["--db", db, "import", str(path)])
        assert result.exit_code == 0, result.output
    return db


def test_the_scenarios_give_identifiers_to_look_for() -> None:
    assert len(CASES) >= 20
    assert {"mother", "father"} <= PERSONS
    assert {"Sem Jansen", "Anna Jansen", "Kees Jansen"} <= NAMES


@pytest.mark.parametrize("when", [[], ["--as-of", "2026-01-31"]], ids=["stored", "as-of"])
def test_no_identifier_of_a_case_or_person_in_any_format(
    every_scenario: str, key: Path, when: list[str]
) -> None:
    plain = CliRunner().invoke(cli, ["--db", every_scenario, "audit", "--format", "csv", *when])
    assert leaks(plain.output), "the plain audit shows identifiers: the search finds them"
    pseudonymizer = Pseudonymizer.from_keyfile(key)
    for fmt in FORMATS:
        args = ["--db", every_scenario, "audit", "--format", fmt, "--pseudonymize", str(key)]
        result = CliRunner().invoke(cli, [*args, *when])
        assert result.exit_code == 0, result.output
        assert leaks(result.output) == [], fmt
        assert pseudonymizer.case("2025-018") in result.output
        if fmt == "csv":  # its persons column; the messages name persons by their role
            assert re.search(r"person-[0-9a-f]{12}", result.output), fmt


def test_persons_are_named_by_their_role_never_by_id(every_scenario: str, key: Path) -> None:
    args = ["--db", every_scenario, "audit", "--as-of", "2026-01-31", "--pseudonymize", str(key)]
    table = " ".join(CliRunner().invoke(cli, args).output.split())  # across wrapped lines
    father = Pseudonymizer.from_keyfile(key).person("2025-018", "father")
    assert re.search(r"\b(de ouder|ouder [12])\b", table)
    english = CliRunner().invoke(cli, [*args, "--format", "json"]).output
    findings = json.loads(english)["findings"]
    messages = [f["message"][lang] for f in findings for lang in ("nl", "en")]
    assert any(re.search(r"\b(the parent|parent [12])\b", message) for message in messages)
    assert not any(father in message or "person-" in message for message in messages)


def test_a_person_is_one_pseudonym_per_case_and_stable_per_key() -> None:
    one = Pseudonymizer(b"k" * 32)
    assert one.person("2025-001", "mother") == one.person("2025-001", " Mother ")
    assert one.person("2025-001", "mother") != one.person("2025-002", "mother")
    assert one.person("2025-001", "mother") != Pseudonymizer(b"j" * 32).person("2025-001", "mother")


def test_a_pseudonymised_audit_leaves_out_the_staff_a_policy_names(
    every_scenario: str, key: Path, tmp_path: Path
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('[staff_functions]\n"ib-devries" = "intern begeleider"\n', encoding="utf-8")
    args = ["--db", every_scenario, "audit", "--as-of", "2026-01-31", "--policy", str(policy)]
    for fmt in ("json", "html"):
        plain = CliRunner().invoke(cli, [*args, "--format", fmt])
        assert plain.exit_code == 0, plain.output
        assert "ib-devries" in plain.output
        hidden = CliRunner().invoke(cli, [*args, "--format", fmt, "--pseudonymize", str(key)])
        assert hidden.exit_code == 0, hidden.output
        assert "ib-devries" not in hidden.output
