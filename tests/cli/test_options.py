"""Options several commands take are checked before any work: a usage mistake exits 2 with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_cli
from workshop.cli.options import BaseUrlType, CardSizeType
from workshop.content.units import mm


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--card-size", "huge"], "'huge' is not a card size; use one of poker, bridge"),
        (["--card-size", "10x10mm"], "a card must be between 30 and 300 mm wide"),
        (["--base-url", "ftp://x"], "it must start with http:// or https://"),
        (["--base-url", "https://example.org/" + "a" * 3000], "3020 characters long"),
    ],
    ids=["card-size", "card-size-too-small", "base-url", "base-url-too-long"],
)
def test_card_size_and_base_url_follow_the_rules_of_workshop_yaml(args: list[str], hint: str):
    result = run_cli("build", *args, MINIMAL)
    assert result.exit_code == 2
    assert "Invalid value for '--" in result.stderr and hint in result.stderr, result.stderr
    assert result.stdout == ""


def test_good_values_are_converted_as_workshop_yaml_would_read_them():
    size = CardSizeType().convert("63x88mm", None, None)
    assert (size.name, size.width) == ("custom", pytest.approx(mm(63)))
    assert CardSizeType().convert("auto", None, None).to_choose
    assert BaseUrlType().convert("https://example.org/w/", None, None) == "https://example.org/w/"


@pytest.mark.parametrize("command", ["validate", "build", "preview"])
def test_a_folder_that_is_missing_is_a_usage_error(tmp_path: Path, command: str):
    result = run_cli(command, tmp_path / "does-not-exist")
    assert result.exit_code == 2
    assert "does-not-exist' does not exist; give the folder that holds workshop.yaml" in result.stderr


def test_a_file_for_the_folder_is_a_usage_error(tmp_path: Path):
    (tmp_path / "workshop.yaml").write_text("title: t\n", encoding="utf-8")
    result = run_cli("validate", tmp_path / "workshop.yaml")
    assert result.exit_code == 2
    assert "is a file; give the folder that holds workshop.yaml" in result.stderr


def test_folder_without_workshop_yaml_is_a_usage_error_that_names_workshop_new(tmp_path: Path):
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 2
    assert f"run 'workshop new {tmp_path}' to start a workshop there" in result.stderr


def test_the_folder_defaults_to_the_current_one(minimal: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(minimal)
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("3 cards in 1 files: OK.\n")
