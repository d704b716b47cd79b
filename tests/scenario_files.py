"""The project's own scenario logs and the findings an audit must give for each."""

from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
"""``*.jsonl`` action logs with their ``*.expected.json`` (``as_of``, ``policy``, ``findings``)."""
