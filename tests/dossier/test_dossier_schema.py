"""The JSON export follows the JSON Schema kept in the repository."""

from __future__ import annotations

import json
from datetime import date

from dossier_cases import MOTHER_NAME, opened, relation, school, store, trajectory

from zatlog.application import ZatlogApp
from zatlog.policy import Policy
from zatlog.projections.dossier.model import Dossier, build_dossier
from zatlog.projections.dossier.render import render_json
from zatlog.projections.dossier.schema import SCHEMA_FILE, dossier_schema, schema_text
from zatlog.projections.dossier.source import load_case_events, load_school_events
from zatlog.storage import resolve


def test_the_committed_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "regenerate it: python -m zatlog.projections.dossier.schema"
    )


def test_a_json_export_follows_the_schema(sqlite_db: str) -> None:
    store(
        sqlite_db,
        [
            *school(),
            *opened("2025-018", "2012-05-10"),
            relation("2025-018", "mother", MOTHER_NAME, "parent", "joint"),
            *trajectory("2025-018"),
        ],
    )
    app = ZatlogApp(resolve(sqlite_db))
    try:
        dossier = build_dossier(
            load_case_events(app, "2025-018"),
            load_school_events(app, "default"),
            "mother",
            date(2025, 11, 1),
            Policy(),
        )
    finally:
        app.close()
    exported = json.loads(render_json(dossier))
    schema = dossier_schema()

    assert Dossier.model_validate(exported) == dossier
    assert sorted(exported) == sorted(schema["properties"])
    assert set(schema["required"]) == set(exported)
    assert schema["properties"]["format"]["const"] == exported["format"] == "zatlog-dossier/1"
    assert schema["additionalProperties"] is False
