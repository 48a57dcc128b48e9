"""The export: one row per response, choices in words, and no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workshop.room.cards import RoomCard
from workshop.room.export import HEADER, defused, table, write_csv, write_xlsx
from workshop.room.store import Row

CARDS = {
    "d": RoomCard("d", 1, "dilemma", "D", "Wat doe je?", ("Ja", "Nee")),
    "r": RoomCard("r", 2, "reflection", "R", "Wat neem je mee?", prompts=("Eén ding",)),
}


def test_formulas_become_text() -> None:
    for cell in ("=1+1", "+31 6", "-2", "@SUM(A1)", '=HYPERLINK("http://x")'):
        assert defused(cell) == "'" + cell
    assert defused("gewoon") == "gewoon"
    assert defused("") == ""


def test_rows_name_event_card_choice_and_text() -> None:
    rows = [
        Row("ochtend", "d", "vote", 1, "", "2026-12-05 09:31"),
        Row("ochtend", "r", "answer", -1, "=cmd|' /C calc'!A0", "2026-12-05 09:40", hidden=True),
        Row("ochtend", "r", "answer", 0, "Luisteren, écht.\nTwee regels.", "2026-12-05 09:41"),
        Row("ochtend", "weg", "vote", 0, "", "2026-12-05 09:42"),
    ]
    out = io.StringIO(newline="")
    write_csv(out, rows, CARDS)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert read == [list(line) for line in table(rows, CARDS)]
    assert tuple(read[0]) == HEADER
    assert read[1] == ["ochtend", "d", "vote", "Nee", "", "", "2026-12-05 09:31"]
    assert read[2] == [
        "ochtend",
        "r",
        "answer",
        "Wat neem je mee?",
        "'=cmd|' /C calc'!A0",
        "yes",
        "2026-12-05 09:40",
    ]
    assert read[3][3:5] == ["Eén ding", "Luisteren, écht.\nTwee regels."]
    assert read[4][3] == "#1", "a card no longer in the workshop still exports"


def test_xlsx_holds_the_same_rows_and_every_cell_is_text(tmp_path: Path) -> None:
    import openpyxl

    rows = [
        Row("ochtend", "d", "vote", 0, "", "2026-12-05 09:31"),
        Row("ochtend", "r", "answer", 0, "=1+1 <b>echt</b>", "2026-12-05 09:41"),
    ]
    target = tmp_path / "uit.xlsx"
    write_xlsx(target, rows, CARDS)
    sheet = openpyxl.load_workbook(target).active
    read = [tuple(cell.value or "" for cell in row) for row in sheet.iter_rows()]
    assert read == table(rows, CARDS, defuse=False)
    answer = sheet.cell(row=3, column=5)
    assert (answer.value, answer.data_type) == ("=1+1 <b>echt</b>", "s"), "typed text, never a formula"
