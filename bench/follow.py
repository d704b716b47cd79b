"""The follower's memory: bounded by its page, not by the log (run by hand, not in CI).

    .venv/bin/python bench/follow.py prepare URL EVENTS   # a log of EVENTS events in URL's schema
    .venv/bin/python bench/follow.py follow URL           # from no read models to the log's end

``prepare`` records the realistic log of bench/readmodels.py (cases of 30-60
actions, interleaved in time order) into an empty PostgreSQL schema.
``follow`` drops the read models and runs the follower of
``zatlog projections follow`` (default page size) from position 0 until it has
caught up with the whole log, then stops it as SIGTERM would: one whole process,
so that farm-bench measures its peak memory. Side by side, a log four times as
large:

    farm-bench -n 3 --timeout 3000 \\
      --vs '.venv/bin/python bench/follow.py follow URL_SMALL' \\
      -- .venv/bin/python bench/follow.py follow URL_LARGE

Figures go by hand to the "follower" section of bench/RESULTS.md
(``python bench/follow.py write FILE`` writes FILE's text there).
"""

from __future__ import annotations

import random
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

from readmodels import ACTORS, generate
from results import write_section

from zatlog.actions import parse_action
from zatlog.application import ZatlogApp
from zatlog.projections.follower import Follower
from zatlog.projections.runner import PROJECTIONS, dependents, view_of
from zatlog.storage import resolve

SECTION = "## follower: memory against the size of the log"


def prepare(url: str, events: int, batch: int = 5_000) -> None:
    app = ZatlogApp(resolve(url), encrypt_new=False)
    rng = random.Random(7)
    pending: list[Any] = []
    for line in generate(events, date.today()):
        pending.append((parse_action(line), rng.choice(ACTORS)))
        if len(pending) == batch:
            app.record(pending)
            pending.clear()
    if pending:
        app.record(pending)
    print(f"{app.last_position()} events in {url}", file=sys.stderr)
    app.close()


def follow(url: str) -> None:
    app = ZatlogApp(resolve(url))
    view = view_of(app)
    from zatlog.projections.runner import projection_classes, tracking_key

    chosen = projection_classes(dependents(list(PROJECTIONS)))
    view.reset((t for cls in chosen for t in cls.tables), (tracking_key(cls) for cls in chosen))
    end = app.last_position()
    stop = threading.Event()

    def said(key: str, **fields: object) -> None:
        if key == "follow_at" and fields.get("position") == end:
            stop.set()  # caught up: stop as SIGTERM does

    Follower(app, stop, said).run()
    app.close()


def main() -> None:
    command, *args = sys.argv[1:]
    if command == "prepare":
        prepare(args[0], int(args[1]))
    elif command == "follow":
        follow(args[0])
    elif command == "write":
        write_section(SECTION, Path(args[0]).read_text(encoding="utf-8"))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
