"""A dossier a parent can read without fear, and can read at all (issue 10, items 6 and 7).

Withheld categories are named so that the document never says whether such
records exist; "Toestemming nu" says which consent is in force; "Uw rechten"
names every right; the PDF is tagged PDF/UA with title, language and embedded fonts.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import dossier_cases as names
import pytest
from click.testing import CliRunner
from dossier_cases import MOTHER_NAME, line, opened, relation, school, store, trajectory

from zatlog.cli.main import cli

WITH_SAFETY = "2025-018"
WITHOUT_SAFETY = "2025-019"
WITHDRAWN = "2025-020"
JOINT = "2025-021"  # joint authority: the father withdraws, the mother's signature stays


def _signed(case: str, signer: str, at: str = "2025-09-11") -> dict[str, object]:
    return line(
        "consent_given", case=case, at=at, consent="f-cvb", signer=signer, method="signature"
    )


def _without_safety(case: str) -> list[dict[str, object]]:
    return [
        e
        for e in trajectory(case)
        if e["action"] not in ("safety_concern_recorded", "report_made")
        and "report" not in e.get("topics", [])  # type: ignore[operator]
    ]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("reader")
    db = str(folder / "zatlog.db")
    cases = []
    for case in (WITH_SAFETY, WITHOUT_SAFETY, WITHDRAWN):
        cases += [
            *opened(case, "2012-05-10"),
            relation(case, "mother", MOTHER_NAME, "parent", "sole"),
        ]
    cases += [
        *opened(JOINT, "2012-05-10"),
        relation(JOINT, "mother", MOTHER_NAME, "parent", "joint"),
        relation(JOINT, "father", names.FATHER_NAME, "parent", "joint"),
    ]
    store(
        db,
        [
            *school(),
            *cases,
            *trajectory(WITH_SAFETY),
            *_without_safety(WITHOUT_SAFETY),
            _signed(WITHOUT_SAFETY, "pupil"),  # 13 years old: the pupil signs too
            *_without_safety(WITHDRAWN),
            *_without_safety(JOINT),
            _signed(JOINT, "father"),
            _signed(JOINT, "pupil"),
            line(
                "consent_withdrawn", case=JOINT, at="2025-10-20", consent="f-cvb", signer="father"
            ),
            line(
                "consent_withdrawn",
                case=WITHDRAWN,
                at="2025-10-20",
                consent="f-cvb",
                signer="mother",
            ),
        ],
    )
    produced = {}
    for name, case, fmt, lang in (
        ("with.html", WITH_SAFETY, "html", "nl"),
        ("without.html", WITHOUT_SAFETY, "html", "nl"),
        ("with-en.html", WITH_SAFETY, "html", "en"),
        ("without-en.html", WITHOUT_SAFETY, "html", "en"),
        ("withdrawn.html", WITHDRAWN, "html", "nl"),
        ("withdrawn-en.html", WITHDRAWN, "html", "en"),
        ("joint.html", JOINT, "html", "nl"),
        ("joint-en.html", JOINT, "html", "en"),
        ("with.pdf", WITH_SAFETY, "pdf", "nl"),
        ("with-en.pdf", WITH_SAFETY, "pdf", "en"),
    ):
        target = folder / name
        result = CliRunner().invoke(
            cli,
            [
                "--db", db, "dossier", "export", case, "--for", "mother", "--at", "2025-11-01",
                "--format", fmt, "--lang", lang, "-o", str(target),
            ],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        produced[name] = target.read_bytes()
    return produced


def text_of(html: bytes) -> str:
    body = re.sub(r"<(style|svg)\b.*?</\1>", " ", html.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def section(html: bytes, heading: str) -> str:
    """The text from ``heading`` up to the next h2."""
    text = html.decode()
    start = text.index(f">{heading}</h2>")
    end = text.find("<h2", start)
    return text_of(text[start : end if end > 0 else None].encode())


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("", "Wat niet in dit document staat"), ("-en", "What this document leaves out")],
)
def test_what_is_left_out_reads_the_same_whether_or_not_safety_records_exist(
    exports: dict[str, bytes], lang: str, heading: str
) -> None:
    with_safety = section(exports[f"with{lang}.html"], heading)
    without_safety = section(exports[f"without{lang}.html"], heading)

    assert with_safety == without_safety
    assert ("Eventuele gegevens over veiligheid" if not lang else "Any records about safety") in (
        with_safety
    )
    for accusing in (
        "Zorgen over veiligheid",
        "meldingen en berichten daarover",
        "Safety concerns",
    ):
        assert accusing not in with_safety


def test_consent_now_says_who_signed_and_until_when(exports: dict[str, bytes]) -> None:
    now = section(exports["without.html"], "Toestemming nu")

    assert "Commissie van Begeleiding (CvB)" in now
    assert (
        f"Geldige toestemming, getekend door {MOTHER_NAME} en {names.PUPIL_NAME} (zonder einddatum)"
        in now
    )
    assert "op elk moment" in now or "altijd intrekken" in now


def test_consent_now_says_what_was_withdrawn(exports: dict[str, bytes]) -> None:
    now = section(exports["withdrawn.html"], "Toestemming nu")
    now_en = section(exports["withdrawn-en.html"], "Consent now")

    assert "Geen geldige toestemming" in now
    assert f"Ingetrokken door {MOTHER_NAME}" in now
    assert f"Withdrawn by {MOTHER_NAME}" in now_en
    assert "getekend door" not in now


def test_consent_now_is_not_in_force_when_one_parent_withdrew(exports: dict[str, bytes]) -> None:
    """Joint authority: one parent's withdrawal ends the consent, whoever else signed."""
    now = section(exports["joint.html"], "Toestemming nu")
    now_en = section(exports["joint-en.html"], "Consent now")

    assert "Geen geldige toestemming" in now and "Geldige toestemming" not in now
    assert f"Ingetrokken door {names.FATHER_NAME}" in now
    assert f"Getekend door {MOTHER_NAME} en {names.PUPIL_NAME}" in now
    assert "No consent in force" in now_en and f"Withdrawn by {names.FATHER_NAME}" in now_en


def test_consent_now_names_a_missing_signature(exports: dict[str, bytes]) -> None:
    """The pupil of 13 has not signed: the mother's signature alone is no consent."""
    now = section(exports["with.html"], "Toestemming nu")

    assert f"Geen geldige toestemming; handtekening ontbreekt van {names.PUPIL_NAME}" in now
    assert f"Getekend door {MOTHER_NAME}" in now


@pytest.mark.parametrize(
    ("name", "heading", "rights"),
    [
        (
            "without.html",
            "Uw rechten",
            ("Inzage en kopie", "Correctie", "Toestemming intrekken", "op elk moment", "Bezwaar",
             "klachtenregeling", "Autoriteit Persoonsgegevens"),
        ),
        (
            "without-en.html",
            "Your rights",
            ("Inspection and copy", "Correction", "Withdrawing consent", "at any time",
             "Objection", "complaints procedure", "Autoriteit Persoonsgegevens"),
        ),
    ],
)  # fmt: skip
def test_the_rights_name_every_right(
    exports: dict[str, bytes], name: str, heading: str, rights: tuple[str, ...]
) -> None:
    text = section(exports[name], heading)

    assert [right for right in rights if right not in text] == []


def test_the_header_names_no_default_school(exports: dict[str, bytes]) -> None:
    assert "School default" not in text_of(exports["with.html"])


@pytest.mark.parametrize(("name", "lang"), [("with.pdf", "nl"), ("with-en.pdf", "en")])
def test_the_pdf_is_tagged_pdf_ua_with_title_language_and_embedded_fonts(
    exports: dict[str, bytes], name: str, lang: str
) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(exports[name]))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == lang
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert (reader.metadata or {}).get("/Title", "").endswith(WITH_SAFETY)
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts.append(any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts and all(fonts)


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) not installed")
def test_pdfinfo_reads_the_pdf_as_tagged(exports: dict[str, bytes], tmp_path: Path) -> None:
    target = tmp_path / "dossier.pdf"
    target.write_bytes(exports["with.pdf"])
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True)

    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
    assert re.search(r"^Title:\s+Inzage in het leerlingdossier", info.stdout, re.M)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # the emb column
