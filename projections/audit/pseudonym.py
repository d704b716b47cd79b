"""Keyed pseudonyms for case references, so an audit can leave the school.

The same key gives the same pseudonym for a case in every report, so an
inspector can follow a case over time without learning its reference; without
the key nobody can link a pseudonym back. The key file is made by whoever
holds it (for example ``head -c 32 /dev/urandom > audit.key``): nothing here
creates or stores one.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from zatlog.errors import ZatlogError

MIN_KEY_BYTES = 16


class Pseudonymizer:
    """HMAC-SHA256 of the case reference under a secret key: ``case-3f9a1c2b``."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ZatlogError(
                f"a pseudonymization key needs at least {MIN_KEY_BYTES} bytes, got {len(key)}"
            )
        self._key = key

    @classmethod
    def from_keyfile(cls, path: str | Path) -> Pseudonymizer:
        """Read the key from ``path`` (surrounding white space ignored); never creates it."""
        source = Path(path)
        try:
            key = source.read_bytes().strip()
        except OSError as error:
            raise ZatlogError(f"{source}: cannot read the key file: {error.strerror}") from None
        if len(key) < MIN_KEY_BYTES:
            raise ZatlogError(
                f"{source}: the key file holds {len(key)} bytes; a key needs at least "
                f"{MIN_KEY_BYTES} (for example: head -c 32 /dev/urandom > {source})"
            )
        return cls(key)

    def case(self, reference: str) -> str:
        digest = hmac.new(self._key, reference.encode("utf-8"), hashlib.sha256).hexdigest()
        return f"case-{digest[:12]}"

    def __call__(self, reference: str) -> str:
        return self.case(reference)
