"""docs/: every generated reference file equals what the code produces now."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from zatlog.actions import ACTION_CLASSES
from zatlog.policy import Policy, load_policy
from zatlog.projections.audit.catalog import RULES
from zatlog.projections.audit.model import SEVERITIES
from zatlog.projections.dossier.schema import SCHEMA_FILE

DOCS = Path(__file__).resolve().parents[2] / "docs"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = load_generator()
GENERATED: dict[str, str] = GENERATOR.generated()


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_file_equals_what_the_code_produces(name: str) -> None:
    path = DOCS / name
    committed = path.read_text(encoding="utf-8") if path.exists() else None
    assert committed == GENERATED[name], (
        f"docs/{name} differs from what the code produces now: regenerate the reference with "
        f"`{GENERATOR.COMMAND}` (from the repository's top folder) and commit the result"
    )


def test_every_rule_is_documented_with_both_titles() -> None:
    text = GENERATED["rules.md"]
    for rule in RULES:
        assert f"## {rule.id}: {rule.title_nl} / {rule.title_en}" in text
        assert rule.explanation_nl in text and rule.explanation_en in text


def test_every_rule_names_its_severities_worst_first() -> None:
    text = GENERATED["rules.md"]
    for rule in RULES:
        named = rule.severity.split(" / ")
        assert named and set(named) <= set(SEVERITIES), rule.id
        assert named == sorted(named, key=SEVERITIES.index), rule.id
        assert f"| {rule.id} | {rule.severity} |" in text


def test_every_action_and_field_is_documented() -> None:
    text = GENERATED["import-format.md"]
    for name, model in ACTION_CLASSES.items():
        assert f"### `{name}`" in text
        for field in model.model_fields:
            assert f"| `{field}` |" in text, (name, field)


def test_the_line_schema_names_every_action() -> None:
    schema = json.loads(GENERATED["schemas/action-line.schema.json"])
    assert set(schema["discriminator"]["mapping"]) == set(ACTION_CLASSES)


def test_every_policy_key_is_documented_with_its_default_and_meaning() -> None:
    text = GENERATED["policy.md"]
    defaults = Policy().to_json_dict()
    for key in Policy.model_fields:
        if key == "sdq_bands":
            continue
        assert f"| `{key}` | `{json.dumps(defaults[key])}` |" in text
        assert GENERATOR.policy_meanings().get(key), (
            f"policy key {key} has no meaning: give it a docstring in zatlog/policy.py "
            "(or a line in POLICY_MEANING of docs/generate.py)"
        )


def test_the_dossier_schema_in_docs_is_the_packaged_one() -> None:
    assert GENERATED["schemas/dossier.schema.json"] == SCHEMA_FILE.read_text(encoding="utf-8")


def test_the_example_policy_file_is_valid_and_holds_the_defaults(tmp_path: Path) -> None:
    text = GENERATED["policy.md"]
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "policy.toml").write_text(example, encoding="utf-8")

    assert load_policy(tmp_path / "policy.toml") == Policy()
