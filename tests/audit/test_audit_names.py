"""The name guard: a safety net that keeps recorded names out of every message."""

from __future__ import annotations

from audit_builder import LogBuilder

from zatlog.projections.audit.names import NameGuard


def test_whole_names_match_in_any_case_and_parts_only_as_written() -> None:
    guard = NameGuard(["Kees van Dijk", "Anna-Lotte de Wit"])

    assert guard.scrub("oom KEES VAN DIJK en Kees", "[x]") == "oom [x] en [x]"
    assert guard.scrub("van de dijk, Dijk; anna-lotte de wit", "[x]") == "van de dijk, [x]; [x]"
    assert (
        guard.scrub("De ZAT-bespreking op 2025-10-20", "[x]") == "De ZAT-bespreking op 2025-10-20"
    )


def test_a_guard_without_names_changes_nothing() -> None:
    guard = NameGuard([])

    assert not guard
    assert guard.scrub("Anna", "[x]") == "Anna"


def test_a_name_of_another_case_in_free_text_is_kept_out_too(log: LogBuilder) -> None:
    log.publish_documents()
    log.open_case()
    log.open_case(case="2025-102")
    log.relation("aunt", relation="other", authority="none", case="2025-102")
    log.inform("2025-09-05", ["concern", "heard_input"])
    log.consent_form("2025-09-10", "f-cvb", forum="cvb")
    log.invite("2025-09-12", "m1")
    log.discussion("2025-09-29", "m1", forum="cvb", attendees=["OuderAunt Voorbeeld"])

    [g5] = log.of("G5")

    assert "Voorbeeld" not in g5.message_en and "OuderAunt" not in g5.message_en
