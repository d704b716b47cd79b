"""The audit policy: the configurable terms (docs/policy.md is generated from it).

A policy file (TOML) overrides any default::

    invite_lead_days = 10
    double_consent_12_15 = false
    access_log_names = false

    [sdq_bands.parent]
    borderline = 14
    abnormal = 17

    [staff_functions]
    "ib-devries" = "intern begeleider"

The inspection deadline (one calendar month, at most three when extended) is
law and deliberately not part of the policy.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from zatlog.actions import own_problem, problem_of
from zatlog.errors import Phrase, ZatlogError, not_utf8

Informant = Literal["parent", "teacher", "self"]
Band = Literal["normal", "borderline", "abnormal"]

Days = Annotated[int, Field(ge=0, le=3660)]
Total = Annotated[int, Field(ge=0, le=40)]


class SdqCutoffs(BaseModel):
    """Lower bounds of the borderline and abnormal bands of one SDQ form (total difficulties)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    borderline: Total
    abnormal: Total

    @model_validator(mode="after")
    def _ordered(self) -> SdqCutoffs:
        if self.borderline > self.abnormal:
            raise own_problem("sdq_bands_order")
        return self


class SdqBands(BaseModel):
    """Cut-offs per informant (published UK three-band cut-offs by default)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    parent: SdqCutoffs = SdqCutoffs(borderline=14, abnormal=17)
    teacher: SdqCutoffs = SdqCutoffs(borderline=12, abnormal=16)
    self: SdqCutoffs = SdqCutoffs(borderline=16, abnormal=20)

    def for_informant(self, informant: Informant) -> SdqCutoffs:
        cutoffs: SdqCutoffs = getattr(self, informant)
        return cutoffs


class Policy(BaseModel):
    """The terms an audit judges by (docs/policy.md)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    invite_lead_days: Days = 7
    outcome_deadline_days: Days = 7
    override_followup_days: Days = 5
    sdq_max_age_days: Days = 92
    important_facts_reply_days: Days = 28
    report_notice_days: Days = 7
    objection_min_days: Days = 7
    double_consent_12_15: bool = True
    pupil16_refusal_blocks_invites: bool = True
    late_entry_days: Days = 14
    """*v2* L1: a record made more than this many days after the fact is no longer
    contemporaneous."""
    sdq_bands: SdqBands = SdqBands()
    access_log_names: bool = False
    """Whether the dossier's "who looked at this file" names staff (their id) beside their
    function; by default it shows the function only."""
    staff_functions: dict[str, str] = {}
    """Staff id → function (``"ib-devries" = "intern begeleider"``), shown to parents in
    the dossier's "who looked at this file"; unnamed staff show as school staff."""

    def band(self, informant: Informant, total: int) -> Band:
        """The band of an SDQ total-difficulties score for the given form."""
        cutoffs = self.sdq_bands.for_informant(informant)
        if total >= cutoffs.abnormal:
            return "abnormal"
        if total >= cutoffs.borderline:
            return "borderline"
        return "normal"

    def to_json_dict(self) -> dict[str, Any]:
        """The policy as printed by an audit: the keys of the policy file."""
        return self.model_dump(mode="json")


def load_policy(path: str | Path) -> Policy:
    """Read a policy file; keys left out keep their defaults.

    Raises :class:`ZatlogError` naming the file and the key for an unreadable
    file, invalid TOML, an unknown key or a value of the wrong type.
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error if isinstance(error, OSError) else not_utf8(error)
        raise ZatlogError(
            f"{source}: cannot read the policy file: {error}",
            key="policy_unreadable",
            path=source,
            reason=reason,
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ZatlogError(
            f"{source}: not valid TOML: {error}", key="policy_not_toml", path=source, reason=error
        ) from None
    bands = data.get("sdq_bands")
    if isinstance(bands, dict):
        data["sdq_bands"] = _merge_bands(bands)
    try:
        return Policy.model_validate(data)
    except ValidationError as error:
        problems = _describe(source, error)
        raise ZatlogError(
            "\n".join(str(p) for p in problems), key="lines", lines=problems
        ) from None


def _merge_bands(bands: dict[str, Any]) -> dict[str, Any]:
    """Let ``[sdq_bands.parent] abnormal = 18`` keep the default borderline cut-off."""
    defaults = SdqBands().model_dump()
    merged: dict[str, Any] = {}
    for informant, cutoffs in bands.items():
        if informant in defaults and isinstance(cutoffs, dict):
            merged[informant] = {**defaults[informant], **cutoffs}
        else:
            merged[informant] = cutoffs
    return merged


def _describe(source: Path, error: ValidationError) -> list[Phrase]:
    """Each problem of a policy file: ``file: key: what is wrong``."""
    problems: list[Phrase] = []
    for detail in error.errors(include_url=False):
        key = ".".join(str(part) for part in detail["loc"]) or "(file)"
        if detail["type"] == "extra_forbidden":
            known = ", ".join(_known_keys(detail["loc"]))
            problem = Phrase(
                "policy_unknown_key", f"unknown key; expected one of: {known}", {"known": known}
            )
        else:
            found = problem_of(detail, key)
            problem = Phrase(found.key or "", str(detail["msg"]), found.fields)
        problems.append(
            Phrase(
                "policy_problem",
                f"{source}: {key}: {problem}",
                {"path": source, "setting": key, "problem": problem},
            )
        )
    return problems


def _known_keys(loc: tuple[int | str, ...]) -> list[str]:
    if len(loc) == 1:
        return list(Policy.model_fields)
    if len(loc) == 2:
        return list(SdqBands.model_fields)
    return list(SdqCutoffs.model_fields)
