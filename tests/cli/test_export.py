"""`workshop export`: writes the sheet, never over a file, and nothing at all when it cannot."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import replace_in, run_cli


def test_export_writes_xlsx_and_says_how_to_build_from_it(minimal: Path):
    result = run_cli("export", minimal, "--to", "xlsx")
    assert result.exit_code == 0, result.output
    assert (minimal / "cards.xlsx").read_bytes()[:2] == b"PK"
    assert "set 'decks: [cards.xlsx]'" in result.stdout


def test_export_csv_writes_the_roles_beside_it(minimal: Path, tmp_path: Path):
    out = tmp_path / "out" / "mine.csv"
    out.parent.mkdir()
    result = run_cli("export", minimal, "--to", "csv", "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == ["mine.csv", "mine.roles.csv"]
    assert "moved into the workshop folder" in result.stdout


def test_export_never_overwrites_a_file(minimal: Path):
    (minimal / "cards.roles.csv").write_text("mine\n", encoding="utf-8")
    result = run_cli("export", minimal, "--to", "csv")
    assert result.exit_code == 2
    assert "cards.roles.csv already exists; export never overwrites a file" in result.stderr
    assert (minimal / "cards.roles.csv").read_text(encoding="utf-8") == "mine\n"
    assert not (minimal / "cards.csv").exists()


def test_out_must_end_in_the_format(minimal: Path):
    result = run_cli("export", minimal, "--to", "xlsx", "--out", minimal / "cards.csv")
    assert result.exit_code == 2
    assert "does not end in .xlsx" in result.stderr


def test_content_errors_export_nothing(minimal: Path):
    cards = minimal / "cards.yaml"
    replace_in(cards, "type: roleplay", "type: rolplay")
    result = run_cli("export", minimal, "--to", "xlsx")
    assert result.exit_code == 1
    assert "cards.yaml:" in result.stderr and "'rolplay' is not a card type" in result.stderr
    assert not (minimal / "cards.xlsx").exists()
