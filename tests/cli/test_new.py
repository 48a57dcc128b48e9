"""`workshop new`: it lists what it wrote and what to do next, and never overwrites a file."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def test_new_lists_the_files_it_wrote_and_the_next_step(tmp_path: Path):
    target = tmp_path / "mine"
    result = run_cli("new", target, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert sorted(lines[:-1]) == sorted(
        f"  wrote {target / name}" for name in ("cards.yaml", "workshop.yaml", "workshop.schema.json")
    )
    assert lines[-1] == f"Next: edit {target / 'cards.yaml'}, then run 'workshop build {target}'."
    assert "language: en" in (target / "workshop.yaml").read_text(encoding="utf-8")


def test_the_default_language_is_dutch(tmp_path: Path):
    assert run_cli("new", tmp_path / "nl").exit_code == 0
    assert "language: nl" in (tmp_path / "nl" / "workshop.yaml").read_text(encoding="utf-8")


def test_new_into_a_folder_with_files_touches_nothing(tmp_path: Path):
    target = tmp_path / "existing"
    target.mkdir()
    (target / "cards.yaml").write_text("mine\n")
    (target / "notes.txt").write_text("keep\n")
    result = run_cli("new", target)
    assert result.exit_code == 2
    assert f"{target / 'cards.yaml'} already exists; workshop new never overwrites a file." in result.stderr
    assert (target / "cards.yaml").read_text() == "mine\n"
    assert sorted(p.name for p in target.iterdir()) == ["cards.yaml", "notes.txt"]


def test_new_where_the_system_refuses_is_a_message(tmp_path: Path):
    result = run_cli("new", "/proc/workshop-starter")
    assert result.exit_code == 2
    assert (
        "cannot create /proc/workshop-starter" in result.stderr and "choose another folder" in result.stderr
    )
    (tmp_path / "file").write_text("x")
    below_a_file = run_cli("new", tmp_path / "file" / "ws")
    assert below_a_file.exit_code == 2 and "cannot create" in below_a_file.stderr


def test_an_unknown_language_is_a_usage_error(tmp_path: Path):
    result = run_cli("new", tmp_path / "de", "--lang", "de")
    assert result.exit_code == 2 and "'de' is not one of 'nl', 'en'" in result.stderr
    assert not (tmp_path / "de").exists()
