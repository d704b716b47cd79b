"""Fixtures of the audit tests: an empty log, and a compliant case up to a ZAT discussion."""

from __future__ import annotations

import pytest
from audit_builder import LogBuilder


@pytest.fixture
def log() -> LogBuilder:
    return LogBuilder()


@pytest.fixture
def zat_case(log: LogBuilder) -> LogBuilder:
    """A compliant case up to a ZAT discussion on 2025-10-20 (pupil aged 11)."""
    log.publish_documents()
    log.open_case()
    log.inform("2025-09-05", ["concern", "heard_input"])
    log.inform("2025-10-01", ["zat_registration"])
    log.add("zat_registered", "2025-10-02", support_need="Reading", parent_input=True)
    log.consent_form("2025-10-01", "f-zat", signed="2025-10-03")
    log.add(
        "sdq_recorded",
        "2025-10-06",
        informant="parent",
        emotional=3,
        conduct=2,
        hyperactivity=4,
        peer=1,
        prosocial=8,
    )
    log.add(
        "sdq_recorded",
        "2025-10-06",
        informant="teacher",
        emotional=3,
        conduct=2,
        hyperactivity=4,
        peer=1,
        prosocial=8,
    )
    log.invite("2025-10-08", "m-zat")
    return log
