"""Verifying the log: every chain recomputed from the stored events, the first broken link named.

One pass over a snapshot of the stored events and their chain rows, both
ordered by aggregate and version. For each aggregate the events are hashed
again (decrypted first when the log is encrypted) and compared with what the
chain recorded when they were written:

- ``edited``: an event's content is not what was recorded (``damaged`` when
  it can no longer even be decrypted);
- ``swapped``: its content is what was recorded for another version;
- ``moved``: it sits at another log position than where it was recorded;
- ``missing`` / ``truncated``: the chain has a link for an event that is gone
  (``truncated`` when everything after it is gone too);
- ``inserted``: an event with no link in the chain (forged, or written
  outside zatlog);
- ``link``: a chain row itself was altered.

``--against`` a digest recomputes, from the events themselves, each
aggregate's head as of the digest's position: an earlier log is contained,
unchanged, in today's when the roots agree. Only a digest kept outside the
database proves that nothing was cut off the end of a chain together with its
links.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from zatlog.case import case_id
from zatlog.chain import GENESIS, ChainingMapper, Digest, content_of, link_of, merkle_root
from zatlog.chain_store import ChainRow, EventRow, Origin
from zatlog.errors import Phrase

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp

Kind = Literal["edited", "damaged", "swapped", "moved", "missing", "truncated", "inserted", "link"]


class Subject(NamedTuple):
    """Whose chain broke: a case or a school by its reference, or the aggregate id when
    nothing of it can be read."""

    kind: Literal["case", "school", "aggregate"]
    ref: str


@dataclass(frozen=True)
class Break:
    """The first broken link of one aggregate's chain."""

    subject: Subject
    version: int
    position: int
    kind: Kind
    """What broke: the catalog's ``break_<kind>`` says it (zatlog.projections.i18n)."""
    other: int = 0
    """The other version (swapped), the recorded position (moved), events after (truncated)."""


@dataclass
class Verification:
    """What ``verify`` found."""

    events: int = 0
    aggregates: int = 0
    breaks: list[Break] = field(default_factory=list)
    origin: Origin | None = None
    against: Digest | None = None
    against_holds: bool = True
    recomputed: Digest | None = None
    """The digest recomputed from the events as of ``against``'s position."""

    @property
    def intact(self) -> bool:
        return not self.breaks and self.against_holds


def verify(app: ZatlogApp, case: str | None = None, against: Digest | None = None) -> Verification:
    """Recompute every chain (or one case's) from the stored events."""
    mapper = app.mapper
    assert isinstance(mapper, ChainingMapper)
    recorder = app.recorder
    key = case_id(case).hex if case else None
    result = Verification(against=against)
    upto = against.position if against else 0
    heads: list[tuple[str, int, bytes]] = []
    count_upto = last_upto = unreadable = 0
    with recorder.snapshot(key) as snapshot:  # type: ignore[attr-defined]
        result.origin = snapshot.origin
        for events, links in _grouped(snapshot.events, snapshot.chain):
            result.aggregates += 1
            result.events += len(events)
            checked = _check(events, links, mapper, upto)
            unreadable += checked.unreadable
            if checked.broken is not None:
                result.breaks.append(checked.broken)
            if checked.head is not None:
                heads.append(checked.head)
                count_upto += checked.count_upto
                last_upto = max(last_upto, checked.last_upto)
    if result.events and unreadable == result.events:
        raise app._unreadable(
            Phrase("every_event", "every event")
        )  # not one decrypts: a wrong key, unless its id matched
    result.breaks.sort(key=lambda b: b.position)
    if against is not None:
        result.recomputed = Digest(count_upto, last_upto, merkle_root(heads).hex())
        result.against_holds = against.matches(result.recomputed)
    return result


@dataclass
class _Checked:
    broken: Break | None = None
    head: tuple[str, int, bytes] | None = None
    """Recomputed ``(aggregate, version, link)`` of the last event at or before ``upto``."""
    count_upto: int = 0
    last_upto: int = 0
    unreadable: int = 0


def _grouped(
    events: Iterator[EventRow], links: Iterator[ChainRow]
) -> Iterator[tuple[list[EventRow], list[ChainRow]]]:
    """Both ordered streams, one aggregate at a time."""
    next_event = next(events, None)
    next_link = next(links, None)
    while next_event is not None or next_link is not None:
        keys = [row.key for row in (next_event, next_link) if row is not None]
        key = min(keys)
        group_events: list[EventRow] = []
        group_links: list[ChainRow] = []
        while next_event is not None and next_event.key == key:
            group_events.append(next_event)
            next_event = next(events, None)
        while next_link is not None and next_link.key == key:
            group_links.append(next_link)
            next_link = next(links, None)
        yield group_events, group_links


def _check(
    events: list[EventRow], links: list[ChainRow], mapper: ChainingMapper, upto: int
) -> _Checked:
    key = (events or links)[0].key
    by_version = {e.version: e for e in events}
    linked = {row.version: row for row in links}
    recorded_content = {row.content: row for row in links}
    subject = _subject(key, events, mapper)
    result = _Checked()
    previous_stored = GENESIS
    previous_actual = GENESIS
    last = max([*by_version, *linked])
    last_linked = max(linked, default=0)
    for version in range(1, last + 1):
        event, row = by_version.get(version), linked.get(version)
        content = None
        if event is not None:
            try:
                content = content_of(event.topic, mapper.plain_state(event.state))
            except Exception:  # the cipher's or decompressor's error: damaged bytes
                content = None
                result.unreadable += 1
            previous_actual = link_of(previous_actual, key, version, content or b"")
            if upto and event.position <= upto:
                result.head = (key, version, previous_actual)
                result.count_upto += 1
                result.last_upto = max(result.last_upto, event.position)
        if result.broken is not None:
            continue
        near = 0
        if event is None and row is None:
            near = next(
                (
                    found.position
                    for v in range(version + 1, last + 1)
                    for found in (by_version.get(v), linked.get(v))
                    if found is not None
                ),
                0,
            )
        result.broken = _first_break(
            subject,
            version,
            event,
            row,
            content,
            previous_stored,
            recorded_content,
            by_version,
            last_linked,
            near,
        )
        if row is not None:
            previous_stored = bytes.fromhex(row.link)
    return result


def _first_break(
    subject: Subject,
    version: int,
    event: EventRow | None,
    row: ChainRow | None,
    content: bytes | None,
    previous_stored: bytes,
    recorded_content: dict[str, ChainRow],
    by_version: dict[int, EventRow],
    last_linked: int,
    position_near: int,
) -> Break | None:
    if event is None and row is None:
        return Break(subject, version, position_near, "missing")
    if event is None:
        assert row is not None
        if not any(v > version for v in by_version):
            return Break(subject, version, row.position, "truncated", last_linked - version + 1)
        return Break(subject, version, row.position, "missing")
    if row is None:
        return Break(subject, version, event.position, "inserted")
    if bytes.fromhex(row.link) != link_of(
        previous_stored, row.key, version, bytes.fromhex(row.content)
    ):
        return Break(subject, version, event.position, "link")
    if content is None:
        return Break(subject, version, event.position, "damaged")
    if content.hex() != row.content:
        other = recorded_content.get(content.hex())
        if other is not None:
            return Break(subject, version, event.position, "swapped", other.version)
        return Break(subject, version, event.position, "edited")
    if event.position != row.position:
        return Break(subject, version, event.position, "moved", row.position)
    return None


def _subject(key: str, events: list[EventRow], mapper: ChainingMapper) -> Subject:
    """The case or school of an aggregate, from its first readable event."""
    for event in events:
        try:
            state = json.loads(mapper.plain_state(event.state))
        except Exception:  # damaged or foreign bytes: try the next event
            continue
        payload = state.get("payload") or {}
        if isinstance(payload, dict) and payload.get("case"):
            return Subject("case", str(payload["case"]))
        school = payload.get("school") if isinstance(payload, dict) else None
        if school or state.get("school"):
            return Subject("school", str(school or state["school"]))
    return Subject("aggregate", key)


def log_digest(app: ZatlogApp, upto: int | None = None) -> Digest:
    """The digest of the log as its chain stands (as of position ``upto``, else now)."""
    digest: Digest = app.recorder.digest(upto)  # type: ignore[attr-defined]
    return digest
