"""Keyed pseudonyms for cases and persons, so an audit can leave the school.

The same key gives the same pseudonym for a case (and for a person on a case)
in every report, so an inspector can follow a case over time without learning
its reference or who is on it; without the key nobody can link a pseudonym
back. The key file is made by whoever holds it (for example
``head -c 32 /dev/urandom > audit.key``): nothing here creates or stores one.

:meth:`Pseudonymizer.hide` replaces, in every finding, the case reference,
each person id (``person-3f9a1c2b4d5e``) and any recorded name; messages name
persons by their role (``de ouder``, ``ouder 2``) already. Attendees and
participants are free text: one that is a person on the case is replaced with
that person; a role or an organisation (``jeugdarts``, ``police``) stays, as
the finding is about it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from zatlog.errors import ZatlogError, reason_of
from zatlog.people import PUPIL
from zatlog.projections.audit.model import AuditResult, Finding
from zatlog.records import LoggedAction

MIN_KEY_BYTES = 16

PERSON_FIELDS = ("person", "signer", "requester", "targets", "to")
"""Action fields that name persons of the case (``report_made.to`` names an organisation)."""
NAME_FIELDS = ("name", "pupil_name")


def _norm(value: str) -> str:
    return value.strip().lower()


@dataclass
class _CaseIdentifiers:
    persons: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)
    """A recorded name (lower case) → the person id it belongs to."""


class Pseudonymizer:
    """HMAC-SHA256 under a secret key: ``case-3f9a1c2b4d5e``, ``person-…`` per case."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ZatlogError(
                f"a pseudonymization key needs at least {MIN_KEY_BYTES} bytes, got {len(key)}",
                key="pseudonym_key_short",
                least=MIN_KEY_BYTES,
                count=len(key),
            )
        self._key = key
        self._cases: dict[str, _CaseIdentifiers] = {}
        self._refs: dict[str, str] = {}
        """Every known case reference (lower case) → its pseudonym."""
        self._patterns: dict[str, tuple[re.Pattern[str] | None, dict[str, str]]] = {}

    @classmethod
    def from_keyfile(cls, path: str | Path) -> Pseudonymizer:
        """Read the key from ``path`` (surrounding white space ignored); never creates it."""
        source = Path(path)
        try:
            key = source.read_bytes().strip()
        except OSError as error:
            raise ZatlogError(
                f"{source}: cannot read the key file: {error.strerror}",
                key="pseudonym_key_unreadable",
                path=source,
                reason=reason_of(error),
            ) from None
        if len(key) < MIN_KEY_BYTES:
            raise ZatlogError(
                f"{source}: the key file holds {len(key)} bytes; a key needs at least "
                f"{MIN_KEY_BYTES} (for example: head -c 32 /dev/urandom > {source})",
                key="pseudonym_keyfile_short",
                path=source,
                count=len(key),
                least=MIN_KEY_BYTES,
            )
        return cls(key)

    def _digest(self, text: str) -> str:
        return hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).hexdigest()[:12]

    def case(self, reference: str) -> str:
        return f"case-{self._digest(reference)}"

    def __call__(self, reference: str) -> str:
        return self.case(reference)

    def person(self, case: str, person: str) -> str:
        """A person's pseudonym: keyed per case, as ``mother`` on two cases is two people."""
        return "person-" + self._digest(case + "\x1f" + _norm(person))

    # -- what to hide -------------------------------------------------------------------------

    def learn(self, events: Iterable[LoggedAction]) -> None:
        """Note the case references, person ids and names recorded in ``events``."""
        for event in events:
            ref = event.case
            if ref is None:
                continue
            known = self._cases.setdefault(ref, _CaseIdentifiers())
            self._refs[_norm(ref)] = self.case(ref)
            self._patterns.pop(ref, None)
            action = event.action
            for name in PERSON_FIELDS:
                if name == "to" and action.action == "report_made":
                    continue
                value = getattr(action, name, None)
                for person in [value] if isinstance(value, str) else value or []:
                    if isinstance(person, str) and person.strip():
                        known.persons.add(_norm(person))
            for name in NAME_FIELDS:
                value = getattr(action, name, None)
                if isinstance(value, str) and value.strip():
                    owner = PUPIL if name == "pupil_name" else getattr(action, "person", PUPIL)
                    known.names[_norm(value)] = _norm(owner)

    def hide(self, result: AuditResult) -> AuditResult:
        """``result`` with every case reference, person id and recorded name replaced."""
        for finding in result.findings:  # what the findings themselves show
            self.learn([finding.subject, *finding.evidence])
        hidden = tuple(self._hidden(finding) for finding in result.findings)
        refs = tuple(self.case(ref) for ref in result.case_refs)
        return replace(result, findings=hidden, case_refs=refs)

    def _hidden(self, finding: Finding) -> Finding:
        ref = finding.case
        return replace(
            finding,
            case=self.case(ref),
            message_nl=self.scrub(finding.message_nl, ref),
            message_en=self.scrub(finding.message_en, ref),
            persons=tuple(p if _norm(p) == PUPIL else self.person(ref, p) for p in finding.persons),
        )

    def scrub(self, text: str, case: str) -> str:
        """``text`` (about ``case``) with identifiers replaced by their pseudonyms."""
        self._refs.setdefault(_norm(case), self.case(case))
        pattern, replacements = self._case_pattern(case)
        if pattern is not None:
            text = pattern.sub(lambda match: replacements[_norm(match.group(1))], text)
        return _TOKEN.sub(self._swap_reference, text)

    def _swap_reference(self, match: re.Match[str]) -> str:
        token = match.group(0)
        core = token.rstrip(".-")
        pseudonym = self._refs.get(core.lower())
        return token if pseudonym is None else pseudonym + token[len(core) :]

    def _case_pattern(self, case: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """The persons and names of ``case`` as one pattern (built once per case)."""
        if case not in self._patterns:
            known = self._cases.get(case, _CaseIdentifiers())
            replacements = {p: self.person(case, p) for p in known.persons - {PUPIL}}
            replacements.update({n: self.person(case, o) for n, o in known.names.items()})
            pattern = None
            if replacements:
                alternatives = sorted(replacements, key=len, reverse=True)
                pattern = re.compile(
                    r"(?<![\w.-])("
                    + "|".join(re.escape(k) for k in alternatives)
                    + r")(?![\w-]|\.\w)",
                    re.IGNORECASE,
                )
            self._patterns[case] = (pattern, replacements)
        return self._patterns[case]


_TOKEN = re.compile(r"(?<![\w.-])\w[\w.-]*")
"""A word that may be a case reference (``2025-017``, ``ZAT.2025.3``)."""
