"""`workshop new`: a starter that validates and builds, and never overwrites a file."""

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("language", ["nl", "en"])
def test_starter_validates_and_builds(tmp_path: Path, language: str):
    target = tmp_path / "mine"
    result = run_cli("new", target, "--lang", language)
    assert result.exit_code == 0, result.output
    for name in ("workshop.yaml", "cards.yaml"):  # the line editors follow names the schema written beside it
        first = (target / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=./"), first
        schema = target / first.split("$schema=./", 1)[1]
        assert json.loads(schema.read_text(encoding="utf-8"))["$schema"].startswith(
            "https://json-schema.org/"
        )
    assert run_cli("validate", target).exit_code == 0
    built = run_cli("build", target)
    assert built.exit_code == 0, built.output
    assert f"language: {language}" in (target / "workshop.yaml").read_text()


def test_new_into_an_unrelated_folder_adds_its_files(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("keep\n")
    assert run_cli("new", tmp_path, "--lang", "en").exit_code == 0
    assert (tmp_path / "notes.txt").read_text() == "keep\n"
