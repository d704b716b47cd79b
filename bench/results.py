"""bench/RESULTS.md: each benchmark owns one ``## …`` section and rewrites only that one."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(title: str, section: str, results: Path = RESULTS) -> None:
    """Replace the section headed ``title`` in ``results`` (or add it), leaving the others alone."""
    current = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    start = current.find(title + "\n")
    if start < 0:
        updated = current.rstrip("\n") + "\n\n" + section
    else:
        end = current.find("\n## ", start + len(title))
        updated = current[:start] + section + ("" if end < 0 else current[end + 1 :])
    results.write_text(updated, encoding="utf-8")
