"""`workshop schema`: a valid JSON Schema that accepts every bundled file and refuses a misspelt key."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT, run_cli


def schema(*args: str) -> dict:
    result = run_cli("schema", *args)
    assert result.exit_code == 0 and result.stderr == "", result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("kind", ["all", "workshop", "cards"])
def test_schema_is_valid_json_schema(kind: str):
    jsonschema.Draft202012Validator.check_schema(schema("--kind", kind))


def test_each_kind_accepts_its_own_file_only():
    workshop, cards = schema("--kind", "workshop"), schema("--kind", "cards")
    config = yaml.safe_load((ROOT / "examples" / "minimal" / "workshop.yaml").read_text(encoding="utf-8"))
    deck = yaml.safe_load((ROOT / "examples" / "minimal" / "cards.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(config, workshop)
    jsonschema.validate(deck, cards)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(deck, workshop)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(config, cards)


def bundled_yaml_files() -> list[Path]:
    return sorted(ROOT.glob("deck/*.yaml")) + sorted(ROOT.glob("examples/**/*.yaml"))


@pytest.mark.parametrize("file", bundled_yaml_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_accepts_the_bundled_files(file: Path):
    jsonschema.validate(yaml.safe_load(file.read_text(encoding="utf-8")), schema())


def test_schema_rejects_a_misspelt_key():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"cards": [{"id": "a", "type": "dilemma", "title": "t", "debrif": {}}]}, schema())


def test_an_unknown_kind_is_a_usage_error():
    result = run_cli("schema", "--kind", "agenda")
    assert result.exit_code == 2 and "'agenda' is not one of 'all', 'workshop', 'cards'" in result.stderr
