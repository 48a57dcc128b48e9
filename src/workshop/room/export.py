"""The room's results as a spreadsheet: one row per vote, answer and tick.

Each row says the event, the card, what kind of response it is, which option, prompt or
checklist item it chose (in words), the answer's text and the time to the minute. An
answer typed in the room must not compute anything on the trainer's laptop: in CSV a cell
that a spreadsheet would run as a formula (starting with =, +, - or @) gets a leading
apostrophe; in .xlsx every cell is stored as text, so it shows exactly as typed.

.xlsx is written with openpyxl (imported when asked for: most exports are CSV).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

from workshop.room.cards import RoomCard
from workshop.room.store import Row

HEADER = ("event", "card", "kind", "choice", "text", "hidden", "time")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(cell: str) -> str:
    """The cell as text a spreadsheet shows, never a formula it runs."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def table(
    rows: Iterable[Row], cards: Mapping[str, RoomCard], *, defuse: bool = True
) -> list[tuple[str, ...]]:
    """The export's rows (header first), every cell defused unless told otherwise."""
    lines: list[tuple[str, ...]] = [HEADER]
    for row in rows:
        card = cards.get(row.card)
        choice = card.choice_text(row.kind, row.index) if card else f"#{row.index + 1}"
        cells = (row.event, row.card, row.kind, choice, row.text, "yes" if row.hidden else "", row.at)
        lines.append(tuple(defused(cell) for cell in cells) if defuse else cells)
    return lines


def write_csv(out: TextIO, rows: Iterable[Row], cards: Mapping[str, RoomCard]) -> None:
    csv.writer(out).writerows(table(rows, cards))


def write_xlsx(path: Path, rows: Iterable[Row], cards: Mapping[str, RoomCard]) -> None:
    """The rows as one sheet, every cell text (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("room")
    for line in table(rows, cards, defuse=False):
        cells = []
        for value in line:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # "=1+1" typed in the room stays text
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
