"""The log read an aggregate (a case, a school) at a time, in pages of stored events.

A whole-log pass that judges each case on its own (the recomputed audit) needs
the log grouped by case, not in recording order. The stored events are already
filed by aggregate and version (the event store's primary key), so they are
read in that order, one query per page of events, and handed over one
aggregate at a time: whoever reads holds at most a page and one aggregate.

Reads are bounded by a log position (``upto``, normally the last one when the
pass began): what is recorded meanwhile is not read, so a pass sees the log as
it stood at one position even though each page is its own query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, cast
from uuid import UUID

from eventsourcing.persistence import MapperDeserialisationError, StoredEvent

from zatlog.application import at_position, to_logged_action
from zatlog.chain_store import EventRow

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp
    from zatlog.records import LoggedAction

PAGE_SIZE = 5000
"""Stored events per query."""

START = ("0" * 32, 0)
"""Before the first aggregate key (a hex UUID) and version."""


class AggregateReader(Protocol):
    """What both of zatlog's recorders offer for reading by aggregate."""

    def aggregate_page(self, after: tuple[str, int], upto: int, limit: int) -> list[EventRow]: ...

    def aggregate_events(self, key: str, upto: int) -> list[EventRow]: ...


def reader(app: ZatlogApp) -> AggregateReader:
    return cast(AggregateReader, app.recorder)


def aggregates(app: ZatlogApp, upto: int, page_size: int = PAGE_SIZE) -> Iterator[list[EventRow]]:
    """The stored events at positions up to ``upto``, one aggregate's (by version) at a time,
    aggregates in the order of their keys."""
    source = reader(app)
    after = START
    group: list[EventRow] = []
    while True:
        rows = source.aggregate_page(after, upto, page_size)
        for row in rows:
            if group and row.key != group[0].key:
                yield group
                group = []
            group.append(row)
        if len(rows) < page_size:
            break
        after = (rows[-1].key, rows[-1].version)
    if group:
        yield group


def aggregate(app: ZatlogApp, key: UUID, upto: int) -> list[EventRow]:
    """The stored events of one aggregate at positions up to ``upto``, by version."""
    return reader(app).aggregate_events(key.hex, upto)


def decoded(app: ZatlogApp, rows: Iterable[EventRow]) -> list[LoggedAction]:
    """The actions that stored events record (bookkeeping events left out), in their order."""
    mapper = app.mapper
    found: list[LoggedAction] = []
    key, originator = "", UUID(int=0)
    for row in rows:
        if row.key != key:  # rows come aggregate by aggregate: one UUID for each
            key, originator = row.key, UUID(row.key)
        stored = StoredEvent(
            originator_id=originator,
            originator_version=row.version,
            topic=row.topic,
            state=row.state,
        )
        try:
            event = mapper.to_domain_event(stored)
        except MapperDeserialisationError:
            raise app._unreadable(at_position(row.position)) from None
        logged = to_logged_action(event, row.position)
        if logged is not None:
            found.append(logged)
    return found
