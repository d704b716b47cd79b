"""Rebuilding the read models on every processor.

A rebuild reads the whole log and recomputes every case; both halves are
shared out, to worker processes that open the same database themselves:

1. **The index.** The projections that see events one by one (the case
   index) are filled straight from the stored events by SQL, where the store
   allows it (:meth:`ReadModel.bulk_loader`), in one transaction. Elsewhere
   the log is cut into ranges of positions; a worker reads and decodes a
   range and runs the handlers over it, returning their changes; the parent
   merges them in log order and commits each range with its tracking record,
   as a sequential catch-up commits a page. Either way the secondary indexes
   are built once, after the last row.
2. **The cases.** Once the index is committed, workers recompute the cases it
   holds, for every per-case read model, through a writer that collects
   statements instead of running them; the parent runs them, and records the
   tracking of every per-case model, in one transaction.

The parent alone writes, so a crash leaves what a sequential catch-up would:
committed rows with their positions, nothing else. When another process
advances a projection meanwhile, a worker dies or the SQL load fails, the
parent finishes sequentially from the committed positions (:meth:`Runner.run`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from eventsourcing.persistence import PersistenceError

import zatlog.projections.runner as runner_module
from zatlog.projections.runner import (
    BulkLoader,
    CaseReadModel,
    Handlers,
    Overtaken,
    Progress,
    ReadModel,
    ReadModelView,
    Runner,
    ViewWriter,
    decode,
    feed,
    no_cyclic_collection,
    resolve_projection,
    view_of,
    write_cases,
)

if TYPE_CHECKING:
    from zatlog.application import ZatlogApp
    from zatlog.storage import Location

RANGE_SIZE = 10_000
"""Log positions a worker reads and decodes per task."""

CASES_PER_TASK = 200
"""Cases a worker recomputes per task."""

MAX_WORKERS = 8

T = TypeVar("T")


class Sequential(Exception):
    """This rebuild cannot be shared out: the runner finishes it in this process."""


def default_workers() -> int:
    """One worker per processor this process may use (at most :data:`MAX_WORKERS`)."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return min(available, MAX_WORKERS)


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (Linux): a worker starts in milliseconds with every module
    loaded, and never re-runs the program's main script as a spawned one does. It
    inherits the parent's connections but never uses them (it opens its own), and
    ends with ``os._exit``, which closes none of them."""
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def worthwhile(app: ZatlogApp) -> bool:
    """Whether workers pay off for this log: it has :data:`~runner.SHARE_FROM` positions."""
    return app.last_position() >= runner_module.SHARE_FROM


def build(
    runner: Runner, progress: Progress | None = None, *, workers: int | None = None
) -> dict[str, int]:
    """Run ``runner`` on ``workers`` processes (default: one per processor when the log is
    large enough), or in this process with one; return each projection's position."""
    if workers is None:
        workers = default_workers() if worthwhile(runner.app) else 1
    return rebuild(runner, workers, progress) if workers > 1 else runner.run(progress)


def rebuild(runner: Runner, workers: int, progress: Progress | None = None) -> dict[str, int]:
    """Catch ``runner``'s projections up using ``workers`` processes (a rebuild: every
    per-case model starts empty); return each projection's position."""
    end = runner.app.recorder.max_notification_id() or 0
    today = runner.today or date.today()
    pool = ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_open_worker, initargs=(runner.app.location,)
    )
    try:
        with no_cyclic_collection():
            try:
                _index(runner, pool, workers, end, today, progress)
            finally:
                # Tables filled from empty get their indexes once, after the last row.
                runner.bulk_load = False
                runner.view.create_tables(t for p in runner.projections for t in p.tables)
            _cases(runner, pool, end, today, progress)
    except (Overtaken, Sequential, BrokenProcessPool):
        pass  # finished below, from what is committed
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return runner.run(progress)


# -- the parent ---------------------------------------------------------------------------------


def _index(
    runner: Runner,
    pool: ProcessPoolExecutor,
    workers: int,
    end: int,
    today: date,
    progress: Progress | None,
) -> None:
    """Stage 1: the projections that see every event, range by range in log order."""
    positions = runner.view.positions(p.key for p in runner.projections)
    for projection in runner.projections:
        projection.begin(positions[projection.key])
    indexes = [p for p in runner.projections if not isinstance(p, CaseReadModel)]
    start = min((p.position for p in indexes), default=end)
    if start >= end:
        return
    loaders = [p.bulk_loader(runner.app) for p in indexes]
    if all(loaders):
        _load_in_bulk(runner, pool, workers, indexes, loaders, start, end, progress)
        return
    if not all(p.mergeable for p in indexes):
        raise Sequential("a projection can neither load in bulk nor merge a worker's changes")
    seen = {p.name: p.position for p in indexes}
    ranges = [(seen, low, min(low + RANGE_SIZE, end)) for low in range(start, end, RANGE_SIZE)]
    runner.bulk_load = True
    for last, changes in _in_order(pool, _index_range, ranges, window=2 * workers):
        for projection in indexes:
            if projection.seen < last:
                projection.merge(changes[projection.name])
                projection.seen = last
        if progress is not None:
            progress("events", last, end)
        runner.commit(last, final=last >= end, today=today, progress=None)


def _load_in_bulk(
    runner: Runner,
    pool: ProcessPoolExecutor,
    workers: int,
    indexes: Sequence[ReadModel],
    loaders: Sequence[BulkLoader | None],
    start: int,
    end: int,
    progress: Progress | None,
) -> None:
    """Stage 1 straight from the stored events, in one transaction: workers extract rows
    range by range, the parent files them in log order."""

    def reached(position: int) -> None:
        if progress is not None:
            progress("events", position, end)

    def run(task: Callable[..., T], arguments: Sequence[tuple[Any, ...]]) -> Iterator[T]:
        return _in_order(pool, task, arguments, window=2 * workers)

    try:
        with runner.view.writing() as writer:
            for projection, load in zip(indexes, loaders, strict=True):
                assert load is not None
                if writer.position(projection.key) != projection.position:
                    raise Overtaken(projection.name)
                if projection.position == 0:
                    writer.recreate(projection.tables, indexes=False)
                load(writer, projection.position, end, reached, run)
                writer.track(projection.key, end)
    except (PersistenceError, sqlite3.Error) as error:  # nothing committed: decode instead
        raise Sequential(f"loading in bulk failed: {error}") from error
    for projection in indexes:
        projection.begin(end)


def _cases(
    runner: Runner,
    pool: ProcessPoolExecutor,
    end: int,
    today: date,
    progress: Progress | None,
) -> None:
    """Stage 2: every case of the committed index, for every per-case model at once."""
    from zatlog.projections import case_log

    models = [p for p in runner.projections if isinstance(p, CaseReadModel)]
    if not models:
        return
    refs = case_log.cases_up_to(runner.view, end)
    names = [m.name for m in models]
    tasks = [
        (names, refs[i : i + CASES_PER_TASK], end, today)
        for i in range(0, len(refs), CASES_PER_TASK)
    ]
    with runner.view.writing() as writer:
        runner.view.waiting(writer.cursor)
        for model in models:
            if writer.position(model.key) != 0:
                raise Overtaken(model.name)
            writer.recreate(model.tables)
        if progress is not None:
            progress("cases", 0, len(refs))
        done = 0
        for count, statements in _in_order(pool, _recompute_cases, tasks, window=len(tasks)):
            for statement, rows in statements.items():
                writer.executemany(statement, rows)
            done += count
            if progress is not None:
                progress("cases", done, len(refs))
        for model in models:
            writer.track(model.key, end)
    for model in models:
        model.begin(end)


def _in_order(
    pool: ProcessPoolExecutor,
    task: Callable[..., T],
    arguments: Sequence[tuple[Any, ...]],
    *,
    window: int,
) -> Iterator[T]:
    """``task(*a)`` for each ``a`` on the pool, results in order, at most ``window``
    tasks ahead of the one consumed (so results wait in memory only that far ahead)."""
    pending: deque[Future[T]] = deque()
    queued = iter(arguments)
    for argument in queued:
        pending.append(pool.submit(task, *argument))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().result()
        following = next(queued, None)
        if following is not None:
            pending.append(pool.submit(task, *following))
        yield result


# -- the workers --------------------------------------------------------------------------------


@dataclass
class _Worker:
    app: ZatlogApp
    view: ReadModelView
    projections: dict[str, ReadModel] = field(default_factory=dict)
    handlers: dict[str, Handlers] = field(default_factory=dict)
    """Each projection's handlers, bound to its one instance in this worker."""

    def projection(self, name: str) -> ReadModel:
        if name not in self.projections:
            self.projections[name] = resolve_projection(name)(self.view)
        return self.projections[name]


_worker: _Worker | None = None


def _open_worker(location: Location) -> None:
    """Open the database once per worker process (it lives for one rebuild)."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles an interruption
    threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True).start()
    gc.disable()  # as during a catch-up: pages of decoded events form no cycles
    from zatlog.application import ZatlogApp

    # The parent created the tables: opening must not try again.
    app = ZatlogApp(replace(location, settings={**location.settings, "CREATE_TABLE": "n"}))
    _worker = _Worker(app, view_of(app))


def _end_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed): nobody would read its results."""
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _opened() -> _Worker:
    assert _worker is not None, "a rebuild task ran outside a rebuild worker"
    return _worker


def _index_range(seen: dict[str, int], low: int, high: int) -> tuple[int, dict[str, Any]]:
    """The changes of the projections named in ``seen`` over log positions ``(low, high]``,
    each leaving out the events up to where it had already been."""
    worker = _opened()
    notifications = worker.app.recorder.select_notifications(
        start=low, limit=high - low, stop=high, inclusive_of_start=False
    )
    events = decode(worker.app, notifications)
    changes: dict[str, Any] = {}
    for name, position in seen.items():
        projection = worker.projection(name)
        projection.seen = max(low, position)
        feed(projection, events, worker.handlers.setdefault(name, {}))
        changes[name] = projection.export()
    return high, changes


def _recompute_cases(
    names: list[str], refs: list[str], upto: int, today: date
) -> tuple[int, dict[str, list[tuple[Any, ...]]]]:
    """The statements that store the named per-case models of ``refs``."""
    worker = _opened()
    models: list[CaseReadModel] = []
    for name in names:
        model = resolve_projection(name)(worker.view)
        assert isinstance(model, CaseReadModel), name
        model.touched.update(refs)
        models.append(model)
    with worker.view.reading() as cursor:  # one snapshot for all reads of the task
        worker.view.waiting(cursor)
        collector = StatementCollector(worker.view, cursor)
        write_cases(collector, models, upto, today)
    return len(refs), collector.statements


class StatementCollector(ViewWriter):
    """A writer that reads through a reading cursor and collects the statements it
    would run (grouped, in first-seen order) for another process to run.

    Grouping is sound for per-case read models, whose statements for one
    case touch only that case's rows.
    """

    def __init__(self, view: ReadModelView, cursor: Any) -> None:
        super().__init__(view, cursor)
        self.statements: dict[str, list[tuple[Any, ...]]] = {}

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.statements.setdefault(statement, []).append(tuple(params))

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        self.statements.setdefault(statement, []).extend(tuple(row) for row in rows)
