"""The JSON Schema of the dossier export, generated from :class:`Dossier`.

The committed copy is ``schemas/dossier.schema.json``; a test checks that it
equals what this module generates. After changing the model, regenerate it::

    python -m zatlog.projections.dossier.schema
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zatlog.projections.dossier.model import FORMAT, Dossier

SCHEMA_FILE = Path(__file__).parent / "schemas" / "dossier.schema.json"
SCHEMA_ID = "https://zatlog.invalid/schemas/dossier.schema.json"


def dossier_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every JSON dossier export follows."""
    schema = Dossier.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "description": (
            f"A zatlog dossier export ({FORMAT}): one case as one reader may see it on the "
            "export date (docs/parent-dossier.md). A null section is outside the "
            "reader's right or withheld; every omission is listed in redactions."
        ),
        **schema,
    }


def schema_text() -> str:
    return json.dumps(dossier_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> None:
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()
