"""Which files are spreadsheet card files, and that each kind goes to its reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sheetgen import HEADER, REFLECTION, write_xlsx
from workshop.content.sheet_table import CellMap
from workshop.content.sheets import is_card_sheet, load_sheet


@pytest.mark.parametrize(
    ("name", "cards"),
    [
        ("cards.xlsx", True),
        ("Cards.CSV", True),
        ("cards.roles.csv", False),  # the roles of cards.csv, read with it
        ("~$cards.xlsx", False),  # Excel's lock file while the workbook is open
        (".~lock.cards.csv", False),  # LibreOffice's
        ("cards.yaml", False),
        ("cards.xls", False),
    ],
)
def test_card_sheets_are_known_by_their_names(name: str, cards: bool):
    assert is_card_sheet(Path(name)) is cards


def test_each_kind_goes_to_its_reader(tmp_path: Path):
    (tmp_path / "a.csv").write_text(",".join(HEADER) + "\n" + ",".join(REFLECTION) + "\n", encoding="utf-8")
    write_xlsx(tmp_path / "b.xlsx", {"cards": [HEADER, REFLECTION]})
    for name in ("a.csv", "b.xlsx"):
        loaded = load_sheet(tmp_path / name)
        assert loaded.problems == []
        assert isinstance(loaded.source, CellMap)
        assert loaded.data["cards"][0]["debrief"] == {"summary": "A summary."}


def test_a_glob_of_workbooks_skips_the_lock_file_of_an_open_one(tmp_path: Path):
    from tests.sheetgen import sheet_workshop
    from workshop.content.loader import load_workshop
    from workshop.content.problems import Problems

    root = sheet_workshop(tmp_path / "ws", "*.xlsx")
    write_xlsx(root / "cards.xlsx", {"cards": [HEADER, REFLECTION]})
    (root / "~$cards.xlsx").write_bytes(b"\x0bExcel owner\x00")
    problems = Problems()
    workshop = load_workshop(root, problems)
    assert problems.items == []
    assert [file.name for file in workshop.card_files] == ["cards.xlsx"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("cards.xls", "'cards.xls' is the old Excel format, which is not read; save it as .xlsx"),
        ("cards.ods", "'cards.ods' is LibreOffice's own format, which is not read; save it as .xlsx"),
        ("cards.tsv", "'cards.tsv' is tab-separated text: rename it to .csv"),
    ],
)
def test_a_spreadsheet_in_another_format_gets_advice_at_its_decks_entry(
    tmp_path: Path, name: str, words: str
):
    from tests.conftest import run_cli
    from tests.sheetgen import sheet_workshop

    root = sheet_workshop(tmp_path / "ws", name)
    (root / name).write_bytes(b"anything")
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert f"workshop.yaml:2:3: error: {words}" in result.stderr, result.stderr
