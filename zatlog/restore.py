"""The exported log with its proof, and restoring it byte for byte into an empty database.

``export-log`` writes each action in the import format plus what a restore
needs to give the very same events: ``recorded_at`` (the original recording
time) and ``chain`` (the event's link), and on the first document of a school
``registered_at`` (the time of the bookkeeping event that registered the
school, which is not an action and has no line of its own).

``import --restore`` accepts such a file only into an empty database. It
rebuilds every event with its original recording time, recomputes every link
before writing anything, and refuses the whole file at the first line whose
link differs (an edited file, or an event that this release would store
differently, e.g. one written in an older class version). Written, the log
has the same links and therefore the same digest (when the original log's
positions have no gaps: PostgreSQL can leave some after a conflict, and a
restore numbers its events 1, 2, 3 …).

A plain ``import`` ignores the three fields: the actions are recorded anew.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from eventsourcing.persistence import MapperDeserialisationError

from zatlog.actions import Action, action_to_json_dict, parse_action
from zatlog.application import Rejected, ZatlogApp, at_position, school_ties, to_logged_action
from zatlog.chain import GENESIS, ChainingMapper, ContentStoredEvent, link_of
from zatlog.chain_store import key_of
from zatlog.errors import InvalidAction, LineError, ZatlogError
from zatlog.school import School

PROOF_FIELDS = ("recorded_at", "chain", "registered_at")
"""The fields export-log adds for a restore; a plain import ignores them."""

LEADING_KEYS = ("action", "case", "school", "at")

RESTORE_PROBLEMS: dict[str, str] = {
    "restore_not_object": "not a JSON object",
    "restore_no_moment": "expected the recording time that `zatlog export-log` wrote",
    "restore_no_link": "expected the 64-hex link that `zatlog export-log` wrote",
    "restore_no_registered_at": "the first document of a school needs registered_at",
    "restore_differs": "the restored event would differ from the one recorded (an edited file, "
    "or an event stored by an older release); nothing was written",
}
"""What is wrong with a line of an export to restore: the catalog's key and the English text."""


def export_lines(app: ZatlogApp, page_size: int = 2000) -> Iterator[dict[str, Any]]:
    """Every action in recording order, as an export-log line with its proof."""
    links_between = app.recorder.links_between  # type: ignore[attr-defined]
    registered: dict[str, str] = {}
    position = 0
    while True:
        notifications = app.recorder.select_notifications(
            start=position, limit=page_size, inclusive_of_start=False
        )
        if not notifications:
            return
        links: dict[int, str] = links_between(position, notifications[-1].id)
        for notification in notifications:
            try:
                event = app.mapper.to_domain_event(notification)
            except MapperDeserialisationError:
                raise app._unreadable(at_position(notification.id)) from None
            if isinstance(event, School.Registered):
                registered[event.school] = event.timestamp.isoformat()
                continue
            logged = to_logged_action(event, notification.id)
            if logged is None:
                continue
            fields = action_to_json_dict(logged.action)
            line = {key: fields.pop(key) for key in LEADING_KEYS if key in fields}
            line["by"] = logged.actor
            line.update(fields)
            line["recorded_at"] = logged.recorded_at.isoformat()
            line["chain"] = links.get(notification.id, "")
            school = getattr(logged.action, "school", None)
            if isinstance(event, School.DocumentPublished) and school in registered:
                line["registered_at"] = registered.pop(school)
            yield line
        position = notifications[-1].id


def without_proof(line: bytes | str) -> bytes | str:
    """A line of an export with its proof fields removed (what a plain import records)."""
    probe = line if isinstance(line, str) else line.decode("utf-8", "replace")
    if '"chain"' not in probe and '"recorded_at"' not in probe:
        return line
    try:
        data = json.loads(line)
    except ValueError:
        return line  # the parser names what is wrong with it
    if not isinstance(data, dict):
        return line
    for name in PROOF_FIELDS:
        data.pop(name, None)
    return json.dumps(data, ensure_ascii=False)


def restore_lines(
    app: ZatlogApp, lines: Iterable[bytes | str], default_actor: str, source: str | None = None
) -> int:
    """Restore an export-log file into an empty database; return the number of actions."""
    if app.last_position():
        raise ZatlogError(
            f"{app.location.target} is not empty: --restore only writes into an empty "
            "database (a plain import records the actions anew)",
            key="restore_not_empty",
            target=app.location.target,
        )
    batch: list[tuple[Action, str]] = []
    proofs: list[tuple[int, datetime, str, datetime | None]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        action, actor, proof = _parse(number, line, default_actor, source)
        batch.append((action, actor))
        proofs.append((number, *proof))
    if not batch:
        return 0
    try:
        events = app.events_for(batch)
    except Rejected as rejected:
        raise LineError(proofs[rejected.index][0], rejected.error, source) from None
    stored = _stamp_and_check(app, events, proofs, source)
    app.recorder.insert_events(stored, schools=school_ties(events))
    return len(batch)


def _parse(
    number: int, line: bytes | str, default_actor: str, source: str | None
) -> tuple[Action, str, tuple[datetime, str, datetime | None]]:
    def problem(field: str, key: str) -> LineError:
        return LineError(number, InvalidAction.of(field, RESTORE_PROBLEMS[key], key), source)

    try:
        data = json.loads(line)
    except ValueError:
        raise problem("(line)", "restore_not_object") from None
    if not isinstance(data, dict):
        raise problem("(line)", "restore_not_object")
    moments: dict[str, datetime | None] = {}
    for name in ("recorded_at", "registered_at"):
        value = data.pop(name, None)
        if value is None and name == "registered_at":
            moments[name] = None
            continue
        try:
            moments[name] = datetime.fromisoformat(str(value))
        except ValueError:
            raise problem(name, "restore_no_moment") from None
    chain = data.pop("chain", None)
    if not isinstance(chain, str) or len(chain) != 64:
        raise problem("chain", "restore_no_link")
    try:
        action = parse_action(data)
    except InvalidAction as error:
        raise LineError(number, error, source) from None
    recorded_at = moments["recorded_at"]
    assert recorded_at is not None
    return action, action.by or default_actor, (recorded_at, chain, moments["registered_at"])


def _stamp_and_check(
    app: ZatlogApp,
    events: list[Any],
    proofs: list[tuple[int, datetime, str, datetime | None]],
    source: str | None,
) -> list[ContentStoredEvent]:
    """Give each event its original recording time, and check its link before writing;
    return the events as they are stored (each mapped once)."""
    mapper = app.mapper
    assert isinstance(mapper, ChainingMapper)
    heads: dict[str, bytes] = {}
    stored_events: list[ContentStoredEvent] = []
    lines = iter(proofs)
    current = next(lines)
    for event in events:
        registering = isinstance(event, School.Registered)
        number, recorded_at, chain, registered_at = current
        if registering:
            if registered_at is None:
                raise LineError(
                    number,
                    InvalidAction.of(
                        "registered_at",
                        RESTORE_PROBLEMS["restore_no_registered_at"],
                        "restore_no_registered_at",
                    ),
                    source,
                )
            object.__setattr__(event, "timestamp", registered_at)
        else:
            object.__setattr__(event, "timestamp", recorded_at)
        stored = mapper.to_stored_event(event)
        assert isinstance(stored, ContentStoredEvent)
        stored_events.append(stored)
        key = key_of(stored.originator_id)
        link = link_of(heads.get(key, GENESIS), key, stored.originator_version, stored.content)
        heads[key] = link
        if registering:
            continue
        if link.hex() != chain:
            raise LineError(
                number,
                InvalidAction.of("chain", RESTORE_PROBLEMS["restore_differs"], "restore_differs"),
                source,
            )
        current = next(lines, current)
    return stored_events
