"""The documents themselves: PDF text and pages, the self-contained HTML, Dutch and English."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from dossier_cases import (
    FATHER_NAME,
    MOTHER_NAME,
    OTHER_NAME,
    PUPIL_NAME,
    line,
    opened,
    relation,
    school,
    store,
    trajectory,
)

from zatlog.cli.main import cli
from zatlog.projections.i18n import DOSSIER_LABELS

CASE = "2025-018"
SAFETY_TEXTS = ("SECRET-SAFETY-TEXT", "VT-SECRET-REF", "SECRET-REPORT-TALK", "Veilig Thuis")
FULL_HEADINGS = (
    "title",
    "summary",
    "redactions",
    "timeline",
    "status",
    "relations",
    "discussions",
    "meetings",
    "consents",
    "sdq",
    "plans",
    "support",
    "requests",
    "recipients",
    "involvement",
    "history",
    "rights",
)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One case exported for a parent with authority (nl, en, html) and one without (nl)."""
    folder = tmp_path_factory.mktemp("documents")
    db = str(folder / "zatlog.db")
    store(
        db,
        [
            *school(),
            *opened(CASE, "2012-05-10"),
            relation(CASE, "mother", MOTHER_NAME, "parent", "joint"),
            relation(CASE, "father", FATHER_NAME, "parent", "none"),
            relation(CASE, "stepfather", OTHER_NAME, "step_parent", "none"),
            *trajectory(CASE),
            relation(CASE, "dad", "Daan Fictief", "parent", "joint"),
            line(
                "information_restricted",
                case=CASE,
                at="2025-09-03",
                person="dad",
                basis="ots_instruction",
                scope=["sdq", "outcome", "relations"],
                motivation="OTS instruction",
            ),
            line(
                "information_requested",
                case=CASE,
                at="2025-10-20",
                request="r-1",
                requester="father",
                kind="important_facts",
            ),
        ],
    )
    exports = {
        "mother.pdf": ["--for", "mother"],
        "mother-en.pdf": ["--for", "mother", "--lang", "en"],
        "mother.html": ["--for", "mother", "--format", "html"],
        "father.pdf": ["--for", "father", "--request", "r-1"],
        "dad.pdf": ["--for", "dad"],
    }
    produced = {}
    for name, args in exports.items():
        target = folder / name
        result = CliRunner().invoke(
            cli,
            ["--db", db, "dossier", "export", CASE, "--at", "2025-11-01", "-o", str(target), *args],
        )
        assert result.exit_code == 0, result.output
        produced[name] = target.read_bytes()
    return produced


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def heading(key: str, lang: int = 0) -> str:
    return DOSSIER_LABELS[key][lang]


def test_the_full_pdf_holds_every_section(documents: dict[str, bytes]) -> None:
    text = pdf_text(documents["mother.pdf"])

    assert [key for key in FULL_HEADINGS if heading(key) not in text] == []
    assert "Eventuele gegevens over veiligheid en meldingen: in het belang van het kind" in text
    assert PUPIL_NAME in text and MOTHER_NAME in text and FATHER_NAME in text
    assert "Extra support in class, weekly check-in" in text
    assert "ouder: emotie 6, gedrag 3, hyperact. 5, leeftijdg. 4, prosociaal 7 — totaal 18" in text


def test_the_full_pdf_leaves_out_the_safety_records(documents: dict[str, bytes]) -> None:
    text = pdf_text(documents["mother.pdf"])

    assert [t for t in SAFETY_TEXTS if t in text] == []
    assert heading("reports") not in text


def test_every_page_has_its_number_generation_date_and_document_id(
    documents: dict[str, bytes],
) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents["mother.pdf"]))
    pages = len(reader.pages)
    assert pages >= 3
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert f"pagina {number} van {pages}" in text
        assert "Gemaakt op " in text
        assert "Document ZD-" in text
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.5)  # A4
    assert float(reader.pages[0].mediabox.height) == pytest.approx(841.89, abs=0.5)


def test_the_english_pdf_has_english_sections(documents: dict[str, bytes]) -> None:
    text = pdf_text(documents["mother-en.pdf"])

    assert [key for key in FULL_HEADINGS if heading(key, 1) not in text] == []
    assert "page 1 of" in text
    assert heading("history") not in text


def test_important_facts_show_no_other_person_and_no_restricted_item(
    documents: dict[str, bytes],
) -> None:
    text = pdf_text(documents["father.pdf"])

    assert heading("title_important_facts") in text
    assert PUPIL_NAME in text and FATHER_NAME in text
    assert [name for name in (MOTHER_NAME, OTHER_NAME) if name in text] == []
    assert [t for t in SAFETY_TEXTS if t in text] == []
    for withheld in ("recipients", "involvement", "relations", "sdq"):
        assert heading(withheld) not in text
    assert "Discuss support in the CvB" not in text  # the consent form's purpose
    assert "emotie 6" not in text  # the SDQ scores
    assert "Talked about the concern" not in text  # the mother's contact
    assert "Extra support in class, weekly check-in" in text  # an outcome: an important fact
    assert "Weekly check-in with the mentor" in text  # the plan's advice
    assert "r-1" in text  # the father's own request


def test_a_restricted_scope_is_absent_from_the_pdf_and_named(
    documents: dict[str, bytes],
) -> None:
    text = pdf_text(documents["dad.pdf"])

    assert heading("title") in text
    assert (
        "Eventuele SDQ-scores: beperking van informatie (op grond van aanwijzing bij OTS, sinds "
        "3 september 2025)" in text
    )
    assert "Eventuele andere betrokkenen: beperking van informatie" in text
    assert "emotie 6" not in text
    assert "Extra support in class, weekly check-in" not in text  # the discussion's outcome
    assert "Keep the evening routine" not in text  # its advice for home
    assert [n for n in (MOTHER_NAME, FATHER_NAME, OTHER_NAME) if n in text] == []
    assert "Daan Fictief" in text and PUPIL_NAME in text
    assert [t for t in SAFETY_TEXTS if t in text] == []


def test_the_first_page_is_not_blank(documents: dict[str, bytes], tmp_path: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(documents["mother.pdf"])
    image = pdf[0].render(scale=1).to_pil().convert("RGB")
    image.save(tmp_path / "page-1.png")
    raw = image.tobytes()
    pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]
    not_white = [p for p in pixels if p != (255, 255, 255)]
    coloured = [p for p in not_white if max(p) - min(p) > 60]  # the timeline's colours
    assert len(not_white) > len(pixels) // 50
    assert len(coloured) > 200
    pdf.close()


def test_the_html_is_one_self_contained_file(documents: dict[str, bytes]) -> None:
    html = documents["mother.html"].decode("utf-8")

    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html and "<style>" in html
    for external in ("<link", "<script", "<img", "src=", "url(", "@import"):
        assert external not in html
    assert html.count("http") == html.count('xmlns="http://www.w3.org/2000/svg"')
    assert [t for t in SAFETY_TEXTS if t in html] == []
