"""The command line: exit codes, messages for people, and the schema."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import MINIMAL, ROOT, run_cli
from workshop import __version__


def test_version_and_help():
    assert __version__ in run_cli("--version").output
    for command, says in (("build", "--paper"), ("validate", "Check the content"), ("schema", "JSON Schema")):
        result = run_cli(command, "--help")  # asserted on our help text, not click's headings
        assert result.exit_code == 0 and says in result.output


def test_validate_ok_exits_0():
    result = run_cli("validate", MINIMAL)
    assert result.exit_code == 0, result.output
    assert "3 cards" in result.output


def test_validate_reports_every_problem_then_a_summary(minimal: Path):
    cards = minimal / "cards.yaml"
    cards.write_text(
        cards.read_text().replace("    debrief:\n      summary: Eerst", "    debrif:\n      summary: Eerst")
    )
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].endswith(
        "cards.yaml:10:5: error: cards[0].debrif: unknown field (did you mean 'debrief'?)"
    )
    assert lines[-1] == "1 error, 0 warnings."
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["validate", "does-not-exist"], "does not exist"),
        (["build", "--paper", "a5", str(MINIMAL)], "letter"),  # names a paper that works, in click's words
        (["build", "--card-size", "huge", str(MINIMAL)], "not a card size"),
        (["build", "--base-url", "ftp://x", str(MINIMAL)], "http:// or https://"),
        (["build", "--only", "cards,poster", str(MINIMAL)], "'poster' is not an output"),
    ],
)
def test_usage_mistakes_exit_2_with_a_hint(args: list[str], hint: str):
    result = run_cli(*args)
    assert result.exit_code == 2
    assert hint in result.output


def test_folder_without_workshop_yaml_is_a_usage_error(tmp_path: Path):
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 2
    assert "workshop new" in result.output


@pytest.mark.parametrize("kind", ["all", "workshop", "cards"])
def test_schema_is_valid_json_schema(kind: str):
    schema = json.loads(run_cli("schema", "--kind", kind).output)
    jsonschema.Draft202012Validator.check_schema(schema)


def bundled_yaml_files() -> list[Path]:
    return sorted(ROOT.glob("deck/*.yaml")) + sorted(ROOT.glob("examples/**/*.yaml"))


@pytest.mark.parametrize("file", bundled_yaml_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_accepts_the_bundled_files(file: Path):
    schema = json.loads(run_cli("schema").output)
    jsonschema.validate(yaml.safe_load(file.read_text(encoding="utf-8")), schema)


def test_schema_rejects_a_misspelt_key():
    schema = json.loads(run_cli("schema").output)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"cards": [{"id": "a", "type": "dilemma", "title": "t", "debrif": {}}]}, schema)


def test_long_builds_show_progress_short_ones_stay_quiet(minimal: Path, monkeypatch: pytest.MonkeyPatch):
    from workshop.pipeline import build

    quiet = run_cli("build", minimal)
    assert quiet.exit_code == 0 and "making" not in quiet.stderr
    monkeypatch.setattr(build, "PROGRESS_MIN_CARDS", 3)
    loud = run_cli("build", minimal)
    assert loud.exit_code == 0
    for step in (
        "3 cards read",
        "checking 3 cards…",
        "making cards…",
        "making guide…",
        "making handouts…",
        "making site…",
        "writing",
    ):
        assert step in loud.stderr, loud.stderr
