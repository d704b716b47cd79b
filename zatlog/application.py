"""The application service: validated actions in, events out, the log read back.

Writes go one way: an action is checked by its aggregate and becomes an event;
a batch of actions (one CLI command, or one whole import) is saved in one
transaction, all or nothing. Reads of the log return :class:`LoggedAction`s.
"""

from __future__ import annotations

import random
import time
from collections.abc import Collection, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, project_aggregate
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    InternalError,
    MapperDeserialisationError,
    OperationalError,
    RecordConflictError,
    StoredEvent,
)

from zatlog import actions as a
from zatlog.case import Case, case_id
from zatlog.errors import (
    ConcurrentWriteError,
    InvalidAction,
    Phrase,
    StorageError,
    cannot_open,
    reason_of,
)
from zatlog.records import LoggedAction
from zatlog.school import School, school_id
from zatlog.storage import Location, establish

if TYPE_CHECKING:
    from zatlog.roles import Identity

ATTEMPTS = 10
"""How often a batch is re-checked and retried after another writer got in first."""


class Rejected(Exception):
    """The action at ``index`` of a batch was rejected; nothing was written."""

    def __init__(self, index: int, error: InvalidAction) -> None:
        super().__init__(str(error))
        self.index = index
        self.error = error


class _BatchRecorder(Protocol):
    """What both of the log's recorders (zatlog.chain_store, zatlog.postgres_recorder) add."""

    def recorded_ids(self, ids: Collection[UUID]) -> set[UUID]: ...

    def histories(self, ids: Sequence[UUID]) -> dict[str, list[StoredEvent]]: ...


class ZatlogApp(Application[UUID]):
    """The case log of one database (a SQLite file or a PostgreSQL schema)."""

    name = "zatlog"

    def __init__(self, location: Location, encrypt_new: bool = True) -> None:
        """Open the log of ``location``; a new database is created first, encrypted
        unless ``encrypt_new`` is false (see :func:`zatlog.storage.establish`)."""
        location = establish(location, encrypt_new)
        self.location = location
        self._maintains: bool | None = None
        self._identity: Identity | None = None
        for attempt in range(ATTEMPTS):
            try:
                super().__init__(env=location.settings)
                self._chain_existing_log()
                return
            except (OSError, OperationalError) as error:
                raise cannot_open(location.target, error) from None
            except InternalError as error:
                # Opening creates the tables and functions if needed; PostgreSQL refuses
                # two sessions replacing the same function at once ("tuple concurrently
                # updated"). The other one did the work: open again.
                if "concurrently" not in str(error) or attempt == ATTEMPTS - 1:
                    raise cannot_open(location.target, error) from None
                time.sleep(random.uniform(0, 0.02 * 2**attempt))

    def _chain_existing_log(self) -> None:
        """Chain a log recorded before chaining existed (once; see zatlog.chain_store)."""
        from zatlog.chain import ChainingMapper

        assert isinstance(self.mapper, ChainingMapper)
        ensure_chained = getattr(self.recorder, "ensure_chained", None)
        assert ensure_chained is not None, "the log's recorder does not chain its events"
        ensure_chained(self.mapper)

    # -- writing ------------------------------------------------------------------------------

    def record(self, batch: Sequence[tuple[a.Action, str]], today: date | None = None) -> int:
        """Record ``(action, actor)`` pairs in one transaction; return how many actions.

        ``today`` is the recording day (default: the local date): no action may be
        dated later. A batch that another writer overtook (a version conflict) is
        checked again against the new state and retried; nothing is lost or doubled.
        """
        for attempt in range(ATTEMPTS):
            events: list[DomainEventProtocol[UUID]] = []
            try:
                events = self._events_for(batch, today or date.today())
                if events:
                    self.put(events)
                return len(batch)
            except RecordConflictError:
                if events and self.holds(events):
                    # The server committed the batch but its answer was lost with the
                    # connection; the recorder's retry then met the batch itself.
                    return len(batch)
            except OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise StorageError(
                        f"{self.location.target}: {error}",
                        key="store_failed_at",
                        target=self.location.target,
                        reason=reason_of(error),
                    ) from None
            # Back off a random while so two writers stop colliding in lock-step.
            time.sleep(random.uniform(0, 0.02 * 2**attempt))
        raise ConcurrentWriteError(
            f"another coordinator kept recording on the same case(s); nothing was written "
            f"after {ATTEMPTS} attempts, please try again",
            key="concurrent_write",
            attempts=ATTEMPTS,
        )

    def put(self, events: Sequence[DomainEventProtocol[UUID]]) -> None:
        """Store ``events`` in one transaction, in the order given (recording order is line
        order; ``save(*aggregates)`` would group them per case).

        Each event is mapped once (serialised, hashed for the chain, compressed,
        encrypted) and the batch goes to the recorder as a whole. The library's
        ``EventStore.put`` would also build a notification object per event, which
        nothing here reads. Each new case goes with its tie to its school (on
        PostgreSQL the database keeps schools apart by those ties: zatlog.roles).
        """
        to_stored_event = self.mapper.to_stored_event
        self.recorder.insert_events(
            [to_stored_event(event) for event in events], schools=school_ties(events)
        )

    @property
    def maintains_read_models(self) -> bool:
        """Whether this connection keeps the read models: on a server only the owner of the
        log's tables does (the follower service); a person's role reads them as they are."""
        if self._maintains is None:
            self._maintains = True
            if self.location.is_postgres:
                from zatlog.roles import owns_log

                datastore: Any = getattr(self.recorder, "datastore")  # noqa: B009
                with datastore.transaction(commit=False) as cursor:
                    self._maintains = owns_log(cursor, datastore.schema)
        return self._maintains

    def holds(self, events: Sequence[DomainEventProtocol[UUID]]) -> bool:
        """Whether the log holds these very events (one transaction stores all or none,
        so the first tells): the same kind at the same version, made at the same moment."""
        first = events[0]
        stored = self.recorder.select_events(
            first.originator_id,
            gt=first.originator_version - 1,
            lte=first.originator_version,
        )
        if not stored:
            return False
        found = self.mapper.to_domain_event(stored[0])
        made = found_at(first)
        return type(found) is type(first) and made is not None and found_at(found) == made

    def events_for(
        self, batch: Sequence[tuple[a.Action, str]], today: date | None = None
    ) -> list[DomainEventProtocol[UUID]]:
        """The events a batch would record, checked, not yet saved (see zatlog.restore)."""
        return self._events_for(batch, today or date.today())

    def _events_for(
        self, batch: Sequence[tuple[a.Action, str]], today: date
    ) -> list[DomainEventProtocol[UUID]]:
        self._check_actors(batch)
        cases: dict[str, Case | None] = self._new_cases(batch)
        cases.update(self._touched_cases(batch, cases))
        schools: dict[str, School] = {}
        events: list[DomainEventProtocol[UUID]] = []
        for index, (action, actor) in enumerate(batch):
            try:
                check_not_ahead(action, today)
                aggregate = self._apply(action, actor, cases, schools)
            except InvalidAction as error:
                raise Rejected(index, error) from None
            events.extend(aggregate.collect_events())
        return events

    def _new_cases(self, batch: Sequence[tuple[a.Action, str]]) -> dict[str, Case | None]:
        """The cases that the batch opens and the log does not hold yet, each as ``None``.

        One question to the store for the whole batch instead of one aggregate lookup per
        new case: :meth:`_touched_cases` then loads only the others. Should
        another writer open one of them before this batch is written, the write conflicts
        and the batch is checked again (:meth:`record`).
        """
        opened = {
            case_id(action.case): action.case
            for action, _ in batch
            if isinstance(action, a.CaseOpened)
        }
        if not opened:
            return {}
        recorder = cast(_BatchRecorder, self.recorder)
        held = recorder.recorded_ids(opened.keys())
        return {reference: None for key, reference in opened.items() if key not in held}

    def _check_actors(self, batch: Sequence[tuple[a.Action, str]]) -> None:
        """On PostgreSQL every action is recorded by the session's role, unless that role
        may record for others (see zatlog.roles)."""
        if not self.location.is_postgres or not batch:
            return
        from zatlog.roles import ActorRefused, identity

        if self._identity is None:
            self._identity = identity(self.location)
        me = self._identity
        if me.records_for_others:
            return
        for _, actor in batch:
            if actor != me.role:
                raise ActorRefused(actor, me.role)

    def _apply(
        self,
        action: a.Action,
        actor: str,
        cases: dict[str, Case | None],
        schools: dict[str, School],
    ) -> Case | School:
        if isinstance(action, a.SchoolDocumentPublished):
            school = schools.get(action.school) or self._load_school(action.school)
            schools[action.school] = school
            school.publish(action, actor)
            return school
        reference = action.case
        if reference not in cases:
            cases[reference] = self._load_case(reference)
        case = cases[reference]
        if isinstance(action, a.CaseOpened):
            if case is not None:
                raise InvalidAction.of(
                    "case",
                    f"case {reference} was already opened",
                    "case_already_opened",
                    case=reference,
                )
            case = cases[reference] = Case.open(action, actor)
            return case
        if case is None:
            raise InvalidAction.of(
                "case",
                f"case {reference} has not been opened (case_opened must come first)",
                "case_not_opened_first",
                case=reference,
            )
        case.record(action, actor)
        return case

    def _touched_cases(
        self, batch: Sequence[tuple[a.Action, str]], known: dict[str, Case | None]
    ) -> dict[str, Case | None]:
        """Every case the batch records into, but those in ``known``, as the log holds it
        (None: not opened yet).

        Their events come in one query for the whole batch instead of one
        ``Repository.get`` per case, a round trip each to a database server: a batch
        that continues thousands of long-running cases waited mostly on those.
        """
        references = list(
            dict.fromkeys(
                action.case
                for action, _ in batch
                if isinstance(action, a.CaseAction) and action.case not in known
            )
        )
        if not references:
            return {}
        recorder = cast(_BatchRecorder, self.recorder)
        histories = recorder.histories([case_id(reference) for reference in references])
        to_domain_event = self.mapper.to_domain_event
        found: dict[str, Case | None] = {}
        for reference in references:
            stored = histories.get(case_id(reference).hex, [])
            try:
                events = [to_domain_event(event) for event in stored]
            except MapperDeserialisationError:
                raise self._unreadable(
                    Phrase("subject_case", f"case {reference}", {"ref": reference})
                ) from None
            found[reference] = cast(Case | None, project_aggregate(None, events))
        return found

    def _load_case(self, reference: str) -> Case | None:
        try:
            return cast(Case, self.repository.get(case_id(reference)))
        except AggregateNotFoundError:
            return None
        except MapperDeserialisationError:
            raise self._unreadable(
                Phrase("subject_case", f"case {reference}", {"ref": reference})
            ) from None

    def _load_school(self, school: str) -> School:
        try:
            return cast(School, self.repository.get(school_id(school)))
        except AggregateNotFoundError:
            return School.register(school)
        except MapperDeserialisationError:
            raise self._unreadable(
                Phrase("subject_school", f"school {school}", {"ref": school})
            ) from None

    def _unreadable(self, where: Phrase) -> StorageError:
        return unreadable(self.location, where)

    # -- reading ------------------------------------------------------------------------------

    def logged_actions(self, after: int = 0, page_size: int = 2000) -> Iterator[LoggedAction]:
        """Every recorded action after position ``after``, in recording order."""
        position = after
        while True:
            notifications = self.recorder.select_notifications(
                start=position, limit=page_size, inclusive_of_start=False
            )
            for notification in notifications:
                try:
                    event = self.mapper.to_domain_event(notification)
                except MapperDeserialisationError:
                    raise self._unreadable(at_position(notification.id)) from None
                logged = to_logged_action(event, notification.id)
                if logged is not None:
                    yield logged
            if len(notifications) < page_size:
                return
            position = notifications[-1].id

    def school_ties_of_log(self, page_size: int = 2000) -> Iterator[tuple[UUID, str | None, str]]:
        """Every case's and school's tie to its school, from the log as recorded (for a log
        recorded before the ties were written with the events: see zatlog.roles)."""
        from eventsourcing.utils import get_topic

        topics = [get_topic(Case.Opened), get_topic(School.Registered)]
        position = 0
        while True:
            notifications = self.recorder.select_notifications(
                start=position, limit=page_size, topics=topics, inclusive_of_start=False
            )
            try:
                events = [self.mapper.to_domain_event(n) for n in notifications]
            except MapperDeserialisationError:
                raise self._unreadable(
                    Phrase("after_position", f"after position {position}", {"position": position})
                ) from None
            yield from school_ties(events)
            if len(notifications) < page_size:
                return
            position = notifications[-1].id

    def last_position(self) -> int:
        return self.recorder.max_notification_id() or 0


def at_position(position: int) -> Phrase:
    """Where in the log: ``position N``."""
    return Phrase("at_position", f"position {position}", {"position": position})


def unreadable(location: Location, where: Phrase) -> StorageError:
    """The error for a stored event that does not decode.

    The database names its key by id and the key was checked against it, so an
    event that does not decrypt with it was changed after it was written: damage,
    not another key.
    """
    if location.key_id is not None:
        return StorageError(
            f"the log in {location.target} is damaged at {where}: a stored event does not "
            f"decrypt with this database's own key (id {location.key_id}); it was changed "
            "after it was written",
            key="log_damaged_own_key",
            target=location.target,
            where=where,
            key_id=location.key_id,
        )
    if location.encrypted:
        return StorageError(
            f"cannot read the log in {location.target} at {where}: a stored event does not "
            "decrypt with its key (ZATLOG_CIPHER_KEY or its key file): another key, or damage",
            key="log_other_key",
            target=location.target,
            where=where,
        )
    return StorageError(
        f"the log in {location.target} is damaged at {where}: a stored event is not readable",
        key="log_damaged",
        target=location.target,
        where=where,
    )


def school_ties(events: Sequence[DomainEventProtocol[UUID]]) -> list[tuple[UUID, str | None, str]]:
    """``(aggregate id, case reference, school)`` of each case opened and each school
    registered by ``events``: what ties a case to its school."""
    ties: list[tuple[UUID, str | None, str]] = []
    for event in events:
        if isinstance(event, Case.Opened):
            ties.append((event.originator_id, event.payload["case"], event.payload["school"]))
        elif isinstance(event, School.Registered):
            ties.append((event.originator_id, None, event.school))
    return ties


def check_not_ahead(action: a.Action, today: date) -> None:
    """*v2*: nothing can have happened on a day still to come (docs/import-format.md). Dates
    inside an action (a meeting's ``date``, ``valid_until`` …) may lie ahead."""
    if action.day > today:
        raise InvalidAction.of(
            "at",
            f"{action.day.isoformat()} is later than today ({today.isoformat()}); "
            "an action can only be recorded on or after the day it happened",
            "in_the_future",
            day=action.day,
            today=today,
        )


def to_logged_action(event: Any, position: int) -> LoggedAction | None:
    """The action an event records, or None for bookkeeping events (a school appearing)."""
    if isinstance(event, Case.ActionRecorded | School.DocumentPublished):
        return LoggedAction(
            position=position,
            recorded_at=event.timestamp,
            actor=event.actor,
            action=a.parse_stored(event.payload),
        )
    return None


def found_at(event: DomainEventProtocol[UUID]) -> object:
    """When an event was made (the library's events carry their ``timestamp``)."""
    return getattr(event, "timestamp", None)
