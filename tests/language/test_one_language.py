"""Dutch throughout, English with ``--lang en``: every command and every format, in both
languages, for the demo school and for a rich case (tests/language/rich_case.jsonl: every
action of the import format on one case).

What people read (tables, confirmations, errors, progress, HTML and PDF text) may hold no
giveaway word of the other language, no raw key or enum value (``snake_case``) and no ISO
date: dates are written in words. What the school typed (names, descriptions, ids) is taken
out first, as are file paths, digests and the ``zatlog …`` commands a text suggests. The JSON
outputs stay machine-readable: they parse, and the language changes nothing in them but texts.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import tomllib
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from zatlog.actions import ACTION_CLASSES
from zatlog.cli.main import cli
from zatlog.policy import Policy, SdqBands, SdqCutoffs
from zatlog.projections.runner import PROJECTIONS

RICH = Path(__file__).with_name("rich_case.jsonl")
RICH_CASE = "2025-900"
ACTOR = "ib-test"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GIVEAWAYS: dict[str, frozenset[str]] = {
    # words that give the other language away, looked for in what one language prints
    "nl": _words(
        "the and with without recorded record case cases error warning none from date step "
        "since opened invited signed parent parents mother father joint full consent meeting "
        "discussion report request wrote imported actions action position behind rebuilt "
        "reading entries written restored events every holds would about information which "
        "what has have been days today person relation authority right pupil outcome advice "
        "level basis channel letter conversation signature given refused withdrawn issued "
        "scheduled cancelled held sent told yes no true false due overdue school's source "
        "description reason informant summary topics purpose participants attendees "
        "should must cannot expected allowed invalid valid input field required missing unknown "
        "character characters link chain broken"
    ),
    "en": _words(
        "de het een van en niet voor met zijn wordt vastgelegd leerling ouder ouders "
        "toestemming bespreking gesprek brief geen bij naar uit gezag recht uiterlijk gegevens "
        "verzoek melding geïnformeerd uitgenodigd ingetrokken geweigerd gegeven datum stap "
        "sinds handeling peildatum ja nee fout waarschuwing regel bevinding bevindingen ernst "
        "kritiek ernstig gering dossiers gebeurtenissen ingelezen handelingen"
    ),
}
PROPER_NOUNS = ("Veilig Thuis", "Autoriteit Persoonsgegevens", "autoriteitpersoonsgegevens.nl")
"""Names that stay as they are in both languages (besides abbreviations: ZAT, CvB, SDQ …)."""
IDENTIFIERS = frozenset(PROJECTIONS)
"""The read models' names, typed as ``--projection case_log`` (tables show their labels)."""

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
WORD = re.compile(r"[^\W\d_]+(?:'[a-z])?")
TECHNICAL = (
    re.compile(r"zatlog(?: [^\s;)]+)*"),  # a command a text suggests
    re.compile(r"(?<!\w)--[a-z][a-z-]*"),  # an option a text names
    re.compile(r"\bzl1-[0-9]+-[0-9]+-[0-9a-f]+\b"),  # a log digest
    re.compile(r"\b[0-9a-f]{16,}\b"),  # a key id, a full digest
    re.compile(r"\bZD-[0-9A-F]+\b"),  # a document id
)


@dataclass
class Shown:
    """What one command printed for people to read, and where it came from."""

    where: str
    text: str
    identifiers: frozenset[str] = frozenset()
    """Identifiers a user types that this output shows as typed (``--projection due``)."""


@dataclass
class Run:
    """One database, read and written in one language; everything people read is kept."""

    db: Path
    lang: str
    folder: Path
    shown: list[Shown] = field(default_factory=list)

    def invoke(self, *args: str, ok: bool = True) -> Result:
        argv = ["--db", str(self.db), "--lang", self.lang, "--actor", ACTOR, *args]
        result = CliRunner().invoke(cli, argv, prog_name="zatlog")
        if ok:
            assert result.exit_code == 0, (args, result.output)
        else:
            assert result.exit_code in (1, 2), (args, result.output)
        return result

    def read(self, *args: str, ok: bool = True, typed: frozenset[str] = frozenset()) -> Result:
        """Run a command and keep its output (and what it said on standard error)."""
        result = self.invoke(*args, ok=ok)
        self.shown.append(Shown(" ".join(args), result.output, typed))
        return result

    def machine(self, *args: str) -> Any:
        """Run a command whose output is JSON for tools, in both languages at once: the same
        keys and values in each, but the texts meant for people."""
        document = json.loads(self.invoke(*args).stdout)
        other = Run(self.db, "en" if self.lang == "nl" else "nl", self.folder)
        assert _without_texts(json.loads(other.invoke(*args).stdout)) == _without_texts(document)
        return document

    def file(self, name: str, *args: str) -> Path:
        """Run a command that writes a file; keep what it says about it."""
        target = self.folder / name
        self.read(*args, "-o", str(target))
        return target


def html_text(page: str) -> str:
    """The text of an HTML page as people (and screen readers) get it."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("style", "script"):
                self.skip += 1
            self.parts += [v or "" for k, v in attrs if k in ("alt", "title", "aria-label")]

        def handle_endtag(self, tag: str) -> None:
            if tag in ("style", "script"):
                self.skip -= 1

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(page)
    return " ".join(parser.parts)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


# -- the school's own words, taken out before looking -------------------------------------------


def typed_by_the_school(run: Run) -> list[str]:
    """Every value of a free-text or id field in the log (names, descriptions, ids, staff)."""
    lines = [json.loads(line) for line in run.invoke("export-log").stdout.splitlines()]
    values: set[str] = {ACTOR, str(run.folder)}
    for line in lines:
        model = ACTION_CLASSES[line["action"]]
        for key, value in line.items():
            info = model.model_fields.get(key)
            if key == "by" or (info is not None and _is_text(info.annotation)):
                values.update(_strings(value))
    return sorted((v for v in values if v.strip()), key=len, reverse=True)


def _is_text(annotation: Any) -> bool:
    """Whether a field holds text the school chose (not an enum value, date, number)."""
    if annotation is str:
        return True
    if typing.get_origin(annotation) is typing.Literal:
        return False
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_text(typing.get_args(annotation)[0])
    return any(_is_text(arg) for arg in typing.get_args(annotation))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def readable(text: str, typed: list[str], folder: Path | None = None) -> str:
    """``text`` without technical strings (paths in ``folder`` too), what the school typed and
    proper nouns."""
    text = " ".join(text.split())  # a PDF or a table wraps what was typed over lines
    for pattern in TECHNICAL:
        text = pattern.sub(" ", text)
    if folder is not None:
        text = re.sub(re.escape(str(folder)) + r"\S*", " ", text)
    for value in typed:
        text = text.replace(" ".join(value.split()), " ")
    for noun in PROPER_NOUNS:
        text = text.replace(noun, " ")
    return text


def problems(text: str, lang: str) -> list[str]:
    """Giveaway words of the other language, raw identifiers and ISO dates in ``text``."""
    found = [f"word {w!r}" for w in WORD.findall(text) if w.lower() in GIVEAWAYS[lang]]
    found += [f"identifier {s!r}" for s in SNAKE.findall(text)]
    found += [f"ISO date {d!r}" for d in ISO_DATE.findall(text)]
    return found


def check(run: Run) -> None:
    typed = typed_by_the_school(run)
    wrong = []
    for shown in run.shown:
        text = readable(shown.text, typed, run.folder)
        for identifier in shown.identifiers:
            text = re.sub(rf"(?<!\w){re.escape(' '.join(identifier.split()))}(?!\w)", " ", text)
        for problem in sorted(set(problems(text, run.lang))):
            wrong.append(f"{shown.where}: {problem}")
    assert wrong == [], f"--lang {run.lang}:\n" + "\n".join(wrong)


# -- every command -------------------------------------------------------------------------------


def read_everything(run: Run, case: str, person: str, at: str) -> None:
    """Every command people read, in every format, on ``case`` as ``person`` sees it."""
    run.read("case", "list")
    run.machine("case", "list", "--format", "json")
    run.read("case", "show", case, "--as-of", at)
    run.machine("case", "show", case, "--as-of", at, "--format", "json")
    run.read("case", "timeline", case)
    run.read("due", "--as-of", at)
    run.machine("due", "--as-of", at, "--format", "json")
    run.read("audit", "--as-of", at)
    run.machine("audit", "--as-of", at, "--format", "json")
    audit_csv = run.invoke("audit", "--as-of", at, "--format", "csv").stdout
    assert list(csv.reader(io.StringIO(audit_csv)))
    page = run.file("audit.html", "audit", "--as-of", at, "--format", "html")
    run.shown.append(Shown("audit --format html", html_text(page.read_text(encoding="utf-8"))))
    run.read("providers", "report", "--as-of", at)
    run.machine("providers", "report", "--as-of", at, "--format", "json")
    page = run.file("providers.html", "providers", "report", "--as-of", at, "--format", "html")
    run.shown.append(Shown("providers --format html", html_text(page.read_text(encoding="utf-8"))))
    export = ["dossier", "export", case, "--for", person, "--at", at]
    page = run.file("dossier.html", *export, "--format", "html")
    run.shown.append(Shown("dossier --format html", html_text(page.read_text(encoding="utf-8"))))
    document = run.file("dossier.pdf", *export, "--format", "pdf")
    run.shown.append(Shown("dossier --format pdf", pdf_text(document)))
    json.loads(run.file("dossier.json", *export, "--format", "json").read_text(encoding="utf-8"))
    run.read("dossier", "request", case, "--for", person, "--kind", "inspection", "--at", at)
    run.read("access-log")
    run.read("projections", "status")
    run.read("projections", "rebuild")
    run.read("verify")
    run.read("backup", str(run.folder / "backup.db"))
    restored = Run(run.folder / "restored.db", run.lang, run.folder, run.shown)
    restored.read("restore", str(run.folder / "backup.db"))
    run.read("doctor")
    # what goes wrong: an unknown case, a date before the case, an unknown person
    run.read("case", "show", case[:-1], ok=False)
    run.read("case", "show", case, "--as-of", "2000-01-01", ok=False)
    # the known persons it names are ids to type, the pupil's too
    run.read("dossier", "export", case, "--for", "nobody", "--format", "json", ok=False,
             typed=frozenset({"pupil"}))  # fmt: skip
    run.read("due", "--as-of", "someday", ok=False)


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_the_demo_school_speaks_one_language(tmp_path: Path, lang: str) -> None:
    run = Run(tmp_path / "demo.db", lang, tmp_path)
    run.read("demo")
    run.read("signal", "raise", "--case", "demo-001", "--at", date.today().isoformat(),
             "--source", "teacher", "--description", "Onrustig")  # fmt: skip
    read_everything(run, "demo-002", "mother", date.today().isoformat())

    check(run)


def test_a_rich_case_speaks_one_language(tmp_path: Path, lang: str) -> None:
    run = Run(tmp_path / "rich.db", lang, tmp_path)
    run.read("init")
    log = tmp_path / "acties.jsonl"
    log.write_bytes(RICH.read_bytes())
    run.read("import", str(log))
    kinds = {json.loads(line)["action"] for line in RICH.read_text(encoding="utf-8").splitlines()}
    assert kinds == set(ACTION_CLASSES)  # every action there is, on one case
    run.read("signal", "raise", "--case", RICH_CASE, "--at", "2025-12-02",
             "--source", "teacher", "--description", "Na sluiten", ok=False)  # fmt: skip
    run.read("import", str(tmp_path / "nothing.jsonl"), ok=False)
    read_everything(run, RICH_CASE, "mother", "2025-11-30")

    check(run)


# -- what goes wrong, said in one language ------------------------------------------------------

OPENED = {"action": "case_opened", "case": "2025-901", "at": "2025-09-01",
          "pupil_name": "Sam", "birth_date": "2012-05-01", "school_type": "so"}  # fmt: skip
HELD = {"action": "discussion_held", "case": "2025-901", "at": "2025-09-01", "meeting": "m1",
        "forum": "cvb", "level": "full", "basis": "none", "attendees": [],
        "parents_present": True, "pupil_present": False, "data_shared": []}  # fmt: skip
SDQ = {"action": "sdq_recorded", "case": "2025-901", "at": "2025-09-01", "informant": "parent",
       "emotional": 1, "conduct": 1, "hyperactivity": 1, "peer": 1, "prosocial": 1}  # fmt: skip
BAD_LINES: dict[str, tuple[str, frozenset[str]]] = {
    # what is wrong: (the line, values it may show as the user types them)
    "not a date": (json.dumps({**OPENED, "birth_date": "2012-05-01T10:00"}), frozenset()),
    "not a moment": (json.dumps({**OPENED, "at": "1 sept"}), frozenset()),
    "too long": (json.dumps({**OPENED, "case": "x" * 65}), frozenset()),
    "text too long": (json.dumps({**OPENED, "note": "x" * 10_001}), frozenset()),
    "control character": (json.dumps({**OPENED, "pupil_name": "Sam\x1b[2J"}), frozenset()),
    "control character in a list": (
        json.dumps({**HELD, "attendees": ["a\x07"]}),
        frozenset(),
    ),
    "consent basis without its form": (json.dumps({**HELD, "basis": "consent"}), frozenset()),
    "unknown field": (json.dumps({**OPENED, "colour": "red"}), frozenset()),
    "missing field": (
        json.dumps({k: v for k, v in OPENED.items() if k != "pupil_name"}),
        frozenset(),
    ),
    "text expected": (json.dumps({**OPENED, "pupil_name": 7}), frozenset()),
    "empty text": (json.dumps({**OPENED, "pupil_name": " "}), frozenset()),
    "whole number expected": (json.dumps({**SDQ, "peer": 1.5}), frozenset()),
    "number as text": (json.dumps({**SDQ, "peer": "1"}), frozenset()),
    "above the range": (json.dumps({**SDQ, "peer": 11}), frozenset()),
    "below the range": (json.dumps({**SDQ, "peer": -1}), frozenset()),
    "true or false expected": (
        json.dumps({**HELD, "parents_present": "yes"}),
        frozenset({"true", "false"}),  # JSON's words
    ),
    "list expected": (json.dumps({**HELD, "attendees": "a"}), frozenset({"mother"})),  # e.g.
    "empty list": (
        json.dumps(
            {
                **OPENED,
                "action": "parents_informed",
                "to": [],
                "channel": "letter",
                "topics": ["concern"],
            }
        ),
        frozenset(),
    ),
    "object expected": (
        json.dumps(
            {
                "action": "information_disclosed",
                "case": "2025-901",
                "at": "2025-09-01",
                "to": "mother",
                "items": ["plan"],
                "redactions": ["plan"],
            }
        ),
        frozenset(),
    ),
    "not one of the values": (
        json.dumps({**OPENED, "school_type": "mbo"}),
        frozenset({"so", "vso", "mbo"}),
    ),
    "duplicate key": (json.dumps(OPENED)[:-1] + ', "case": "2025-902"}', frozenset()),
    "not JSON": ('{"action": "case_opened", "case": ', frozenset()),
    "not an object": ("[1, 2]", frozenset()),
    "no action": (json.dumps({"case": "2025-901", "at": "2025-09-01"}), frozenset()),
    "unknown action": (
        json.dumps({**OPENED, "action": "case_reopened"}),
        frozenset({*ACTION_CLASSES, "case_reopened"}),
    ),
}


def refused(run: Run, *args: str, typed: frozenset[str] = frozenset()) -> None:
    """A command that fails with one clear line (``Fout:``/``Error:``), kept to be checked."""
    result = run.read(*args, ok=False, typed=typed)
    said = "Fout:" if run.lang == "nl" else "Error:"
    assert said in result.output and "Traceback" not in result.output, (args, result.output)
    assert "onverwachte fout" not in result.output, result.output
    assert "unexpected error" not in result.output, result.output


@pytest.mark.parametrize("what", list(BAD_LINES))
def test_a_bad_import_line_is_refused_in_one_language(tmp_path: Path, lang: str, what: str) -> None:
    run = Run(tmp_path / "bad.db", lang, tmp_path)
    run.read("init")
    line, values = BAD_LINES[what]
    path = tmp_path / "regels.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    model = ACTION_CLASSES.get(next(iter(re.findall(r'"action": "(\w+)"', line)), ""))
    fields = frozenset(
        {"action", *re.findall(r'"(\w+)":', line), *(model.model_fields if model else ())}
    )
    # field names are typed as they are
    refused(run, "import", str(path), typed=fields | values)
    check(run)


def test_a_bad_recording_option_is_refused_in_one_language(tmp_path: Path, lang: str) -> None:
    run = Run(tmp_path / "bad.db", lang, tmp_path)
    run.read("demo")
    signal = ["signal", "raise", "--case", "demo-001", "--at", "2025-09-01", "--source", "teacher"]
    refused(run, *signal, "--description", "Onrustig\x1b[2J")
    refused(run, *signal, "--description", "x" * 10_001)
    check(run)


POLICY_KEYS = frozenset({*Policy.model_fields, *SdqBands.model_fields, *SdqCutoffs.model_fields})
"""The keys of a policy file, as typed there."""
BAD_POLICIES: dict[str, bytes] = {
    "unknown key": b"invite_lead_dayz = 7\n",
    "wrong type": b"invite_lead_days = 'a week'\ndouble_consent_12_15 = 1\n",
    "below the range": b"invite_lead_days = -1\n",
    "bands in the wrong order": b"[sdq_bands.self]\nborderline = 25\n",
    "unknown informant": b"[sdq_bands.kids]\nborderline = 1\n",
    "not TOML": b"invite_lead_days = = 7\n",
    "not UTF-8": b"invite_lead_days = 7 \xff\n",
}


def _library_words(text: bytes) -> frozenset[str]:
    """What the TOML or UTF-8 decoder says of ``text``: a library's words, kept as they are."""
    try:
        tomllib.loads(text.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return frozenset({str(error)})
    return frozenset()


def test_a_bad_policy_file_is_refused_in_one_language(tmp_path: Path, lang: str) -> None:
    run = Run(tmp_path / "demo.db", lang, tmp_path)
    run.read("demo")
    for name, text in BAD_POLICIES.items():
        policy = tmp_path / f"{name.replace(' ', '-')}.toml"
        policy.write_bytes(text)
        typed = POLICY_KEYS | _library_words(text) | {"kids", "invite_lead_dayz", "true", "false"}
        refused(run, "audit", "--policy", str(policy), typed=typed)
        refused(run, "due", "--policy", str(policy), typed=typed)
    check(run)


def test_audit_options_that_cannot_be_used_are_refused_in_one_language(
    tmp_path: Path, lang: str
) -> None:
    run = Run(tmp_path / "demo.db", lang, tmp_path)
    run.read("demo")
    short = tmp_path / "kort.key"
    short.write_bytes(b"0123456789")
    refused(run, "audit", "--pseudonymize", str(short))
    refused(run, "audit", "--pseudonymize", str(tmp_path / "geen.key"))
    refused(run, "audit", "--from", "2026-10-01", "--to", "2026-09-01")
    refused(run, "providers", "report", "--from", "2026-10-01", "--to", "2026-09-01")
    check(run)


def test_a_bad_restore_is_refused_in_one_language(tmp_path: Path, lang: str) -> None:
    run = Run(tmp_path / "demo.db", lang, tmp_path)
    run.read("demo")
    exported = run.invoke("export-log").stdout.splitlines()
    first = json.loads(exported[0])
    files = {
        "tampered": json.dumps({**first, "version": "een andere versie"}),
        "no link": json.dumps({k: v for k, v in first.items() if k != "chain"}),
        "no recording time": json.dumps({**first, "recorded_at": "gisteren"}),
        "not an object": "[1, 2]",
    }
    for name, line in files.items():
        path = tmp_path / f"{name.replace(' ', '-')}.jsonl"
        path.write_text(line + "\n", encoding="utf-8")
        fresh = Run(tmp_path / f"{name.replace(' ', '-')}.db", lang, tmp_path, run.shown)
        refused(fresh, "import", "--restore", str(path), typed=frozenset(first))
    refused(run, "import", "--restore", str(tmp_path / "tampered.jsonl"))  # not empty
    garbled = tmp_path / "garbled.db"
    garbled.write_bytes(b"geen database\n" * 100)
    refused(Run(tmp_path / "new.db", lang, tmp_path, run.shown), "restore", str(garbled))
    refused(run, "restore", str(tmp_path / "backup-missing.db"))
    run.read("backup", str(tmp_path / "backup.db"))
    refused(run, "backup", str(tmp_path / "backup.db"))  # never overwrites
    refused(run, "restore", str(tmp_path / "backup.db"))  # not into a log
    refused(run, "verify", "--against", "zl1-x-y", typed=frozenset({"zl1-x-y"}))
    digest = run.invoke("digest").stdout.split()[0]
    wrong = digest[:-4] + ("0000" if not digest.endswith("0000") else "1111")
    run.read("verify", "--against", wrong, ok=False)  # says what no longer holds, exit 1
    check(run)


def test_a_tampered_log_is_said_in_one_language(tmp_path: Path, lang: str) -> None:
    run = Run(tmp_path / "demo.db", lang, tmp_path)
    run.read("demo")
    last = json.loads(run.invoke("export-log").stdout.splitlines()[-1])
    with sqlite3.connect(run.db, isolation_level=None) as store:  # outside zatlog
        store.execute("DROP TRIGGER stored_events_no_delete")
        store.execute(
            "DELETE FROM stored_events WHERE rowid = (SELECT MAX(rowid) FROM stored_events)"
        )
    store.close()
    run.read("verify", ok=False)  # names the broken link, exit 1
    refused(run, "signal", "raise", "--case", last["case"], "--at", last["at"][:10],
            "--source", "teacher", "--description", "Onrustig")  # fmt: skip
    check(run)


def test_a_database_that_cannot_be_read_is_said_in_one_language(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Run(tmp_path / "demo.db", lang, tmp_path)
    run.read("demo")
    run.read("projections", "status")
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "text.db").write_text("geen database\n" * 100, encoding="utf-8")
    (tmp_path / "empty.db").write_bytes(b"")
    for name in ("a-folder", "text.db", "empty.db", "absent.db"):
        elsewhere = Run(tmp_path / name, lang, tmp_path, run.shown)
        refused(elsewhere, "case", "list")
        elsewhere.read("doctor", ok=False)
    for key in ("notbase64", "aGVsbG8=", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="):
        monkeypatch.setenv("ZATLOG_CIPHER_KEY", key)
        refused(run, "case", "list")
        run.read("doctor", ok=False)
        refused(run, "projections", "rebuild")
    monkeypatch.delenv("ZATLOG_CIPHER_KEY")
    check(run)


def _without_texts(document: Any) -> Any:
    """A JSON document without the texts meant for people (``what``, a finding's message)."""
    if isinstance(document, dict):
        return {k: _without_texts(v) for k, v in document.items() if k not in ("what",)}
    if isinstance(document, list):
        return [_without_texts(item) for item in document]
    return document


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "recorded case_opened on case 2025-001 (2025-09-01)"),
        ("nl", "Stap 3, sinds 1 september 2025; relatie: parent"),
        ("en", "Step 3 since 1 September 2025; relation: ouder"),
        ("en", "Meeting held on 2025-09-20"),
        ("nl", "regel 1: case: control character '\\x07' is not allowed"),
        ("nl", "regel 1: at: Input should be a valid string"),
    ],
)
def test_the_check_finds_the_other_language(lang: str, text: str) -> None:
    assert problems(readable(text, []), lang)


def test_the_check_lets_the_language_and_the_school_s_words_pass() -> None:
    typed = ["Trekt zich terug in de klas", "mother"]
    assert problems(readable("vastgelegd: Trekt zich terug in de klas; aan: mother", typed), "en")
    shown = readable("description: Trekt zich terug\nin de klas; to: mother", typed)
    assert not problems(shown, "en")
    assert not problems(readable("Melding bij Veilig Thuis op 1 september 2025", []), "nl")


def test_table_dates_use_the_usual_month_abbreviations() -> None:
    from datetime import date

    from zatlog.projections.i18n import table_day

    assert table_day(date(2026, 3, 5), "nl") == " 5 mrt 2026"
    assert table_day(date(2026, 10, 15), "nl") == "15 okt 2026"
    assert table_day(date(2026, 5, 1), "en") == " 1 May 2026"
    assert table_day("2026-03-05T10:00:00", "en") == " 5 Mar 2026"
