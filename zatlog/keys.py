"""Encryption at rest: one AES-GCM key per database, kept apart from the data.

``zatlog init --encrypt`` creates the key in the per-user configuration folder
(never beside the database), readable by its owner only. ``ZATLOG_CIPHER_KEY``
overrides the key file, e.g. for a server whose key comes from a vault. With a
key, every event's state is compressed (zlib) and encrypted (AES-GCM) by the
library's own cipher before it is stored.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from zatlog.errors import StorageError

KEY_ENV = "ZATLOG_CIPHER_KEY"


def key_path(target: str) -> Path:
    """Where the key of the database ``target`` (a file path or a URL) is kept."""
    from platformdirs import user_config_path

    digest = hashlib.sha256(target.encode()).hexdigest()[:16]
    return user_config_path("zatlog", appauthor=False) / "keys" / f"{digest}.key"


class BadKey(StorageError):
    """The configured key is not an AES key in base64 (``source`` names where it came from)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(
            f"{source}: not a valid key ({reason}); expected 16, 24 or 32 bytes in base64, "
            "as zatlog init --encrypt makes them"
        )
        self.source = source
        self.reason = reason


def find_key(target: str) -> str | None:
    """The key for ``target``: ZATLOG_CIPHER_KEY, else its key file, else none.

    A key that is not 16, 24 or 32 bytes of base64 is refused here, before the
    library tries (and fails deep inside) to use it.
    """
    if os.environ.get(KEY_ENV):
        return checked_key(os.environ[KEY_ENV], KEY_ENV)
    path = key_path(target)
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise BadKey(str(path), getattr(error, "strerror", None) or "not ASCII text") from None
    return checked_key(text, str(path))


def checked_key(text: str, source: str) -> str:
    """``text`` stripped, if it is an AES key in base64; else :class:`BadKey`."""
    key = text.strip()
    try:
        raw = base64.b64decode(key.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise BadKey(source, "not base64") from None
    if len(raw) not in (16, 24, 32):
        raise BadKey(source, f"{len(raw)} bytes")
    return key


def create_key(target: str) -> Path:
    """Create a new 256-bit key file for ``target``; refuse to overwrite one."""
    from eventsourcing.cryptography import AESCipher

    path = key_path(target)
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    for folder in reversed(missing):  # each folder made here is private, not only the last
        folder.mkdir(mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(AESCipher.create_key(32) + "\n")
    return path


def cipher_settings(key: str) -> dict[str, str]:
    """The library's settings for compressed, AES-GCM encrypted event state."""
    return {
        "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher",
        "CIPHER_KEY": key,
        "COMPRESSOR_TOPIC": "eventsourcing.compressor:ZlibCompressor",
    }
