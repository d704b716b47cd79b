"""The audit policy: defaults (docs/policy.md), TOML overrides, SDQ bands."""

from __future__ import annotations

from pathlib import Path

import pytest

from zatlog.errors import ZatlogError
from zatlog.policy import Policy, load_policy


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_those_of_the_spec() -> None:
    assert Policy().to_json_dict() == {
        "invite_lead_days": 7,
        "outcome_deadline_days": 7,
        "override_followup_days": 5,
        "sdq_max_age_days": 92,
        "important_facts_reply_days": 28,
        "report_notice_days": 7,
        "objection_min_days": 7,
        "double_consent_12_15": True,
        "pupil16_refusal_blocks_invites": True,
        "late_entry_days": 14,
        "sdq_bands": {
            "parent": {"borderline": 14, "abnormal": 17},
            "teacher": {"borderline": 12, "abnormal": 16},
            "self": {"borderline": 16, "abnormal": 20},
        },
        "access_log_names": False,
        "staff_functions": {},
    }


@pytest.mark.parametrize(
    ("informant", "total", "band"),
    [
        ("parent", 13, "normal"),
        ("parent", 14, "borderline"),
        ("parent", 17, "abnormal"),
        ("teacher", 11, "normal"),
        ("teacher", 15, "borderline"),
        ("teacher", 16, "abnormal"),
        ("self", 19, "borderline"),
        ("self", 20, "abnormal"),
    ],
)
def test_sdq_totals_fall_in_the_published_bands(informant: str, total: int, band: str) -> None:
    assert Policy().band(informant, total) == band  # type: ignore[arg-type]


def test_a_policy_file_overrides_what_it_names_and_keeps_the_rest(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "invite_lead_days = 10\ndouble_consent_12_15 = false\n[sdq_bands.parent]\nabnormal = 18\n",
    )

    policy = load_policy(path)

    assert policy.invite_lead_days == 10
    assert policy.double_consent_12_15 is False
    assert policy.outcome_deadline_days == 7
    assert policy.band("parent", 17) == "borderline"
    assert policy.sdq_bands.parent.borderline == 14


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("invite_lead_dayz = 7\n", "invite_lead_dayz", "unknown key"),
        ("invite_lead_days = 'a week'\n", "invite_lead_days", "integer"),
        ("double_consent_12_15 = 1\n", "double_consent_12_15", "boolean"),
        ("invite_lead_days = -1\n", "invite_lead_days", "greater than or equal"),
        ("[sdq_bands.kids]\nborderline = 1\n", "sdq_bands.kids", "unknown key"),
        ("[sdq_bands.self]\nborderline = 25\n", "sdq_bands.self", "borderline"),
        ("[sdq_bands.parent]\nlow = 3\n", "sdq_bands.parent.low", "unknown key"),
        ("invite_lead_days = \n", "", "not valid TOML"),
    ],
)
def test_a_bad_policy_file_names_the_file_and_the_key(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    path = write(tmp_path, text)

    with pytest.raises(ZatlogError) as error:
        load_policy(path)

    message = str(error.value)
    assert str(path) in message
    assert key in message
    assert problem in message


def test_a_missing_policy_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ZatlogError, match="cannot read the policy file"):
        load_policy(tmp_path / "absent.toml")
