"""The round trip: export a bundled workshop's cards to a spreadsheet, build from the sheet
instead of the YAML, and every output is the same, byte for byte.

The export and the build run through the command line, as a trainer runs them; the YAML
card files are taken out of the copy, so the sheet alone holds the cards.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.e2e.test_bundled import BUNDLED
from workshop.content.loader import load_workshop
from workshop.content.problems import Problems


def outputs(build: Path) -> dict[str, bytes]:
    """Every file a build wrote, by relative path, except the cache (its keys name card files)."""
    return {
        str(path.relative_to(build)): path.read_bytes()
        for path in sorted(build.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(build).parts
    }


def from_sheet(folder: Path, target: Path, kind: str) -> Path:
    """A copy of `folder` whose cards come from `workshop export --to kind`, its YAML card files gone."""
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns("build"))
    result = run_cli("export", target, "--to", kind)
    assert result.exit_code == 0, result.output
    workshop = load_workshop(folder, Problems())
    assert workshop is not None
    for file in workshop.card_files:
        (target / file.relative_to(folder)).unlink()
    config = target / "workshop.yaml"
    text = config.read_text(encoding="utf-8")
    text, replaced = re.subn(r"(?m)^decks:.*(\n[ -].*)*$", f"decks: [cards.{kind}]", text)
    if not replaced:
        text += f"\ndecks: [cards.{kind}]\n"
    config.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_building_from_the_exported_xlsx_gives_the_same_bytes(folder: Path, tmp_path: Path):
    sheet = from_sheet(folder, tmp_path / "sheet", "xlsx")
    assert {p.name for p in sheet.rglob("*.yaml")} == {"workshop.yaml"}
    for source, out in ((folder, tmp_path / "yaml-build"), (sheet, tmp_path / "sheet-build")):
        result = run_cli("build", source, "--out", out)
        assert result.exit_code == 0, result.output
    expected, got = outputs(tmp_path / "yaml-build"), outputs(tmp_path / "sheet-build")
    assert {"cards.pdf", "cards-single.pdf", "guide.pdf", "site/index.html"} <= set(expected)
    assert sorted(got) == sorted(expected)
    different = [name for name in expected if got[name] != expected[name]]
    assert different == []


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_the_exported_csv_reads_back_to_the_same_cards(folder: Path, tmp_path: Path):
    sheet = from_sheet(folder, tmp_path / "sheet", "csv")
    problems = Problems()
    workshop = load_workshop(sheet, problems)
    assert problems.items == []
    original = load_workshop(folder, Problems())
    assert workshop is not None and original is not None
    assert workshop.cards == original.cards
    assert workshop.config.model_dump(exclude={"decks"}) == original.config.model_dump(exclude={"decks"})


def test_building_from_the_exported_csv_gives_the_same_bytes(tmp_path: Path):
    folder = ROOT / "examples" / "minimal"
    sheet = from_sheet(folder, tmp_path / "sheet", "csv")
    assert (sheet / "cards.roles.csv").is_file()
    for source, out in ((folder, tmp_path / "yaml-build"), (sheet, tmp_path / "sheet-build")):
        result = run_cli("build", source, "--out", out)
        assert result.exit_code == 0, result.output
    assert outputs(tmp_path / "sheet-build") == outputs(tmp_path / "yaml-build")
