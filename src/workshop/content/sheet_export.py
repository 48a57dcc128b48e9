"""A workshop's cards → an XLSX or CSV card file that reads back to the very same cards.

`workshop export` writes it. XLSX: one sheet per card file (named after the file), only the
columns its cards use, the roles sheet, the header row frozen, text wrapped and columns
as wide as their text (up to a limit). CSV: one file with every card in deck order, and
NAME.roles.csv beside it. List fields are one item per line; when an item itself spans
lines, items are separated by an empty line, which the reader follows.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop.content.loader import Workshop
from workshop.content.problems import ContentError, Problem, column_letters
from workshop.content.sheet_columns import (
    NESTED_ROLES,
    ROLE_CARD,
    ROLES_SHEET,
    Column,
    card_columns,
    role_columns,
)
from workshop.content.sheet_csv import roles_file
from workshop.content.sheet_table import BLANK_LINE

MAX_SHEET_NAME = 31
"""Excel's limit on a sheet's name."""
MAX_WIDTH = 60
"""Widest column, in characters: wider text wraps."""
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")

Grid = list[list[Any]]


def card_grid(workshop: Workshop, cards: Sequence[int], problems: list[Problem]) -> Grid:
    """The header row and one row per card (by index into the deck), with only the columns used."""
    rows = [_row(workshop, index, card_columns().values(), problems) for index in cards]
    used = [name for name in card_columns() if name in LEADING_ALWAYS or any(name in row for row in rows)]
    return [used, *([row.get(name) for name in used] for row in rows)]


LEADING_ALWAYS = ("id", "type", "title")


def role_grid(workshop: Workshop, problems: list[Problem]) -> Grid:
    """The roles sheet: one row per role of every roleplay, in deck order."""
    columns = [c for c in role_columns().values() if c.name != ROLE_CARD]
    rows: Grid = []
    for index, card in enumerate(workshop.cards):
        for r, role in enumerate(getattr(card, NESTED_ROLES, None) or []):
            values = _values(
                role.model_dump(exclude_defaults=True), columns, workshop, index, (NESTED_ROLES, r), problems
            )
            rows.append([card.id, *(values.get(c.name) for c in columns)])
    used = [i for i, c in enumerate(columns) if any(row[i + 1] is not None for row in rows)] if rows else []
    header = [ROLE_CARD, *(columns[i].name for i in used)]
    return [header, *([row[0], *(row[i + 1] for i in used)] for row in rows)]


def _row(workshop: Workshop, index: int, columns: Any, problems: list[Problem]) -> dict[str, Any]:
    data = workshop.cards[index].model_dump(exclude_defaults=True, exclude={NESTED_ROLES})
    data["type"] = workshop.cards[index].type
    return _values(data, list(columns), workshop, index, (), problems)


def _values(
    data: dict[str, Any],
    columns: list[Column],
    workshop: Workshop,
    index: int,
    at: tuple[str | int, ...],
    problems: list[Problem],
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for column in columns:
        value: Any = data
        for part in column.path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or value == []:
            continue
        if column.is_list:
            value = _joined(value, workshop, index, (*at, *column.path), problems)
        found[column.name] = value
    return found


def _joined(
    items: list[str], workshop: Workshop, index: int, path: tuple[str | int, ...], problems: list[Problem]
) -> str:
    """One item per line; items separated by an empty line when one of them spans lines."""
    if not any("\n" in item for item in items):
        return "\n".join(items)
    for number, item in enumerate(items):
        if BLANK_LINE.search(item):
            problems.append(
                Problem(
                    workshop.locate_card(workshop.cards[index].id, *path, number),
                    "this item has an empty line in it, which a sheet cell reads as the start of the "
                    "next item; join its paragraphs into one before exporting",
                )
            )
    return "\n\n".join(items)


def sheet_names(files: Sequence[Path]) -> list[str]:
    """A sheet name per card file: its name without `.yaml`, as Excel allows it, each its own."""
    names: list[str] = []
    for file in files:
        base = _NOT_IN_SHEET_NAMES.sub("-", file.stem).strip("'") or "cards"
        if base.casefold() == ROLES_SHEET or base.startswith("#"):
            base = f"cards {base}".strip("#")
        name, n = base[:MAX_SHEET_NAME], 2
        while name.casefold() in (taken.casefold() for taken in names):
            suffix = f" ({n})"
            name, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def export_xlsx(workshop: Workshop) -> bytes:
    """The workshop's cards as an .xlsx file's bytes; ContentError when a card cannot be held."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    problems: list[Problem] = []
    by_file: dict[Path, list[int]] = {}
    for index, (file, _) in enumerate(workshop.places):
        by_file.setdefault(file, []).append(index)
    grids = [card_grid(workshop, cards, problems) for cards in by_file.values()]
    names = sheet_names(list(by_file))
    roles = role_grid(workshop, problems)
    if problems:
        raise ContentError(problems)  # what no sheet can hold as it is
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    wrap, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)
    for name, grid in [*zip(names, grids, strict=True), *([(ROLES_SHEET, roles)] if len(roles) > 1 else [])]:
        sheet = book.create_sheet(name)
        for row in grid:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text that starts with '=' stays text, never a formula
                cell.alignment = wrap
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        for number, column in enumerate(zip(*grid, strict=True), 1):
            sheet.column_dimensions[column_letters(number)].width = _width(column)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_csv(workshop: Workshop) -> tuple[bytes, bytes | None]:
    """(the cards CSV, the roles CSV or None without roleplays): UTF-8 with a byte order mark,
    which Excel needs to open UTF-8 text as UTF-8."""
    problems: list[Problem] = []
    grid = card_grid(workshop, range(len(workshop.cards)), problems)
    roles = role_grid(workshop, problems)
    if problems:
        raise ContentError(problems)  # what no sheet can hold as it is
    return _csv(grid), (_csv(roles) if len(roles) > 1 else None)


def csv_files(out: Path) -> list[Path]:
    """The files a CSV export to `out` writes: the cards, and the roles beside them."""
    return [out, roles_file(out)]


def _csv(grid: Grid) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in grid:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _width(column: Sequence[Any]) -> float:
    longest = max(
        (len(line) for value in column if value is not None for line in str(value).split("\n")), default=8
    )
    return min(max(longest, 8), MAX_WIDTH) + 2
