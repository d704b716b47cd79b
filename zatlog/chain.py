"""Tamper evidence: every stored event is chained to the previous event of its case.

What is hashed. An event's *content* is ``H(topic, state)``, where ``state``
is the event state exactly as the library's transcoder serialised it (the
recording ``timestamp`` is part of it), before compression and encryption.
Its *link* is ``H(previous link of the same aggregate, originator id,
version, content)``. Hashing the serialised state rather than the stored
bytes still covers encrypted events (a changed ciphertext no longer decrypts:
``verify`` reports it as edited) and makes the chain independent of how the
bytes are sealed: AES-GCM's random nonce gives new stored bytes for the same
event, so an ``import --restore`` (or a later change of key) could never
reproduce a chain over the stored bytes, and the log's digest would change
with every restore.

Where the links live. In a table of their own, ``event_chain``, one row per
event (aggregate id, version, log position, content, link), written by the
recorder in the same transaction as the events themselves (see
:mod:`zatlog.chain_store`). A table rather than an extra column of the
library's ``stored_events``: the library's inserts (and PostgreSQL's insert
function) stay as they are, and chaining an existing log is inserting rows,
never updating recorded events, so the stored events can refuse every UPDATE
and DELETE (triggers) from the start.

The log as a whole has a :class:`Digest`: the number of events, the last
position, and a Merkle root over every aggregate's head (its last version and
link), sorted by aggregate id. It is short enough to write down
(``zl1-<count>-<position>-<16 hex>``) and a later log that merely grew still
contains it: ``verify --against`` recomputes the heads as of that position.
The hash is SHA-256 and keyless: whoever can rewrite the whole file can
recompute every link, so a digest kept outside the database (an inspector's
note, an audit report) is what anchors the log in time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.utils import get_topic

from zatlog.errors import ZatlogError

GENESIS = bytes(32)
"""The "previous link" of an aggregate's first event."""


def content_of(topic: str, state: bytes) -> bytes:
    """The content hash of an event: its topic and its serialised (plain) state."""
    return hashlib.sha256(b"zatlog-event\0" + topic.encode() + b"\0" + state).digest()


def link_of(previous: bytes, originator_id: UUID | str, version: int, content: bytes) -> bytes:
    """The link of an event: chained to ``previous``, the link of the version before it."""
    key = originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)
    return hashlib.sha256(
        b"zatlog-link\0" + previous + key.encode() + b"\0" + version.to_bytes(8, "big") + content
    ).digest()


def merkle_root(heads: Iterable[tuple[str, int, bytes]]) -> bytes:
    """A Merkle root over ``(aggregate id hex, head version, head link)``, sorted by id."""
    level = [
        hashlib.sha256(b"\0" + key.encode() + version.to_bytes(8, "big") + link).digest()
        for key, version, link in sorted(heads)
    ]
    if not level:
        return hashlib.sha256(b"zatlog-empty-log").digest()
    while len(level) > 1:
        paired = [
            hashlib.sha256(b"\1" + level[i] + level[i + 1]).digest()
            for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


DIGEST_PATTERN = re.compile(r"^zl1-(\d+)-(\d+)-([0-9a-f]{16,64})$")


@dataclass(frozen=True)
class Digest:
    """What the log commits to: its event count, last position and the root of its heads."""

    count: int
    position: int
    root: str
    """64 hex digits (or, when parsed from a short form, its first 16 or more)."""

    @property
    def short(self) -> str:
        """``zl1-<count>-<position>-<first 16 hex of the root>``: short enough to write down."""
        return f"zl1-{self.count}-{self.position}-{self.root[:16]}"

    @property
    def full(self) -> str:
        return f"zl1-{self.count}-{self.position}-{self.root}"

    def matches(self, other: Digest) -> bool:
        """Whether ``other`` is this digest (a short form matches on the digits it has)."""
        shorter = min(len(self.root), len(other.root))
        return (
            self.count == other.count
            and self.position == other.position
            and self.root[:shorter] == other.root[:shorter]
        )

    @classmethod
    def parse(cls, text: str) -> Digest:
        match = DIGEST_PATTERN.match(text.strip().lower())
        if not match:
            raise ZatlogError(
                f"{text!r} is not a digest of zatlog: expected zl1-<count>-<position>-<hex>, "
                "as `zatlog digest` prints it",
                key="not_a_digest",
                text=repr(text),
            )
        return cls(int(match[1]), int(match[2]), match[3])


# -- the mapper: contents are hashed before the state is sealed -------------------------------


@dataclass(frozen=True)
class ContentStoredEvent(StoredEvent):
    """A stored event that also carries the content hash of its plain state."""

    content: bytes = b""


class ChainingMapper(Mapper[Any]):
    """The library's mapper, adding each event's content hash before compressing/encrypting.

    The recorder links the events (it knows each aggregate's previous link
    inside the transaction); only the mapper sees the plain state.
    """

    def to_stored_event(self, domain_event: DomainEventProtocol[Any]) -> StoredEvent:
        topic = get_topic(domain_event.__class__)
        event_state = dict(vars(domain_event))
        originator_id = event_state.pop("originator_id")
        originator_version = event_state.pop("originator_version")
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            event_state["class_version"] = class_version
        plain = self.transcoder.encode(event_state)
        stored = plain
        if self.compressor:
            stored = self.compressor.compress(stored)
        if self.cipher:
            stored = self.cipher.encrypt(stored)
        return ContentStoredEvent(
            originator_id=originator_id,
            originator_version=originator_version,
            topic=topic,
            state=stored,
            content=content_of(topic, plain),
        )

    def plain_state(self, stored: bytes) -> bytes:
        """The serialised state of stored bytes (decrypted, decompressed); raises if damaged."""
        state = stored
        if self.cipher:
            state = self.cipher.decrypt(state)
        if self.compressor:
            state = self.compressor.decompress(state)
        return state
