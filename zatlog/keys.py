"""Encryption at rest: one AES-GCM key per database, kept apart from the data.

A new database is encrypted unless ``--no-encrypt`` is given. Its key is
created in the per-user configuration folder (``keys/<key id>.key``, readable
by its owner only, in a folder only the owner can enter), never beside the
data. The database records only the key's id (a hash of the key), so the key
is found wherever the file lives or however its URL is written.
``ZATLOG_CIPHER_KEY`` overrides the key file, e.g. for a server whose key
comes from a vault. With a key, every event's state is compressed (zlib) and
encrypted (AES-GCM) by the library's own cipher before it is stored.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from zatlog.errors import Phrase, StorageError, reason_of

KEY_ENV = "ZATLOG_CIPHER_KEY"


def keys_folder() -> Path:
    """The per-user folder of key files."""
    from platformdirs import user_config_path

    return user_config_path("zatlog", appauthor=False) / "keys"


def key_id(key: str) -> str:
    """The id a database records for ``key``: a hash that reveals nothing of the key."""
    return hashlib.sha256(b"zatlog key id\0" + key.strip().encode("ascii")).hexdigest()[:24]


def key_file(identifier: str) -> Path:
    """Where the key with id ``identifier`` is kept."""
    return keys_folder() / f"{identifier}.key"


def legacy_key_path(target: str) -> Path:
    """Where versions before the key id kept the key of ``target`` (a hash of its path/URL)."""
    digest = hashlib.sha256(target.encode()).hexdigest()[:16]
    return keys_folder() / f"{digest}.key"


class BadKey(StorageError):
    """The configured key is not an AES key in base64 (``source`` names where it came from)."""

    def __init__(self, source: str, reason: Phrase | OSError) -> None:
        shown = reason.strerror if isinstance(reason, OSError) else reason
        super().__init__(
            f"{source}: not a valid key ({shown}); expected 16, 24 or 32 bytes in base64, "
            "as zatlog init makes them",
            key="bad_key",
            source=source,
            reason=reason,
        )
        self.source = source
        self.reason = reason


class KeyNotFound(StorageError):
    """An encrypted database whose key is missing, or is another key: where it was looked for."""


def _unreadable_key(error: OSError | UnicodeDecodeError) -> Phrase | OSError:
    """Why a key file could not be read: the operating system's reason, or not ASCII."""
    if isinstance(error, OSError) and error.strerror:
        return error
    return Phrase("key_not_ascii", "not ASCII text")


def checked_key(text: str, source: str) -> str:
    """``text`` stripped, if it is an AES key in base64; else :class:`BadKey`."""
    key = text.strip()
    try:
        raw = base64.b64decode(key.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise BadKey(source, Phrase("key_not_base64", "not base64")) from None
    if len(raw) not in (16, 24, 32):
        raise BadKey(source, Phrase("key_bytes", f"{len(raw)} bytes", {"count": len(raw)}))
    return key


def find_key(identifier: str) -> str:
    """The key with id ``identifier``: ZATLOG_CIPHER_KEY, else its key file.

    A missing or wrong key is refused with one line naming where it was looked for.
    """
    path = key_file(identifier)
    wanted = f"this database is encrypted and needs the key with id {identifier}"
    if os.environ.get(KEY_ENV, "").strip():
        from_env = checked_key(os.environ[KEY_ENV], KEY_ENV)
        if key_id(from_env) == identifier:
            return from_env
        raise KeyNotFound(
            f"{wanted}; {KEY_ENV} holds another key (id {key_id(from_env)})",
            key="key_other_in_env",
            id=identifier,
            env=KEY_ENV,
            other=key_id(from_env),
        )
    if not path.is_file():
        raise KeyNotFound(
            f"{wanted}; it is not in {KEY_ENV} (not set) nor in {path}",
            key="key_missing",
            id=identifier,
            env=KEY_ENV,
            path=path,
        )
    key = _key_in_file(path)
    if key_id(key) != identifier:
        raise KeyNotFound(
            f"{wanted}; {path} holds another key (id {key_id(key)})",
            key="key_other_in_file",
            id=identifier,
            path=path,
            other=key_id(key),
        )
    return key


def find_legacy_key(target: str) -> str | None:
    """The key of an encrypted database from before the key id: ZATLOG_CIPHER_KEY, else
    the key file named after its path or URL."""
    if os.environ.get(KEY_ENV, "").strip():
        return checked_key(os.environ[KEY_ENV], KEY_ENV)
    path = legacy_key_path(target)
    if not path.is_file():
        return None
    return _key_in_file(path)


def _key_in_file(path: Path) -> str:
    """The key that the key file ``path`` holds; an unreadable file is a :class:`BadKey`."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise BadKey(str(path), _unreadable_key(error)) from None
    return checked_key(text, str(path))


def new_key() -> tuple[str, Path | None]:
    """The key of a new database and where it is kept.

    ``ZATLOG_CIPHER_KEY`` when set (nothing is written: the key lives where it came
    from); else a new 256-bit key in its own file (0600, folder 0700).
    """
    if os.environ.get(KEY_ENV, "").strip():
        return checked_key(os.environ[KEY_ENV], KEY_ENV), None
    from eventsourcing.cryptography import AESCipher

    key = AESCipher.create_key(32)
    folder = keys_folder()
    try:
        missing = [f for f in (folder, *folder.parents) if not f.exists()]
        for made in reversed(missing):  # each folder made here is private, not only the last
            made.mkdir(mode=0o700)
        folder.chmod(0o700)
        path = key_file(key_id(key))
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(key + "\n")
    except OSError as error:
        raise StorageError(
            f"cannot create the encryption key in {folder}: {error}",
            key="key_create_failed",
            folder=folder,
            reason=reason_of(error),
        ) from None
    return key, path


def cipher_settings(key: str | None) -> dict[str, str]:
    """The library's settings for compressed, AES-GCM encrypted event state (none: plain).

    The library also reads ``ZATLOG_<SETTING>`` from the process environment for an
    application named zatlog, and ``ZATLOG_CIPHER_KEY`` is our own variable: both
    spellings are set, so only what the database records decides.
    """
    settings = {
        "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher" if key else "",
        "CIPHER_KEY": key or "",
        "COMPRESSOR_TOPIC": "eventsourcing.compressor:ZlibCompressor" if key else "",
    }
    return {**settings, **{f"ZATLOG_{name}": value for name, value in settings.items()}}
