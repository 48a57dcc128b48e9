"""Rows of a card sheet → the same plain data a YAML card file gives, with every cell's place.

The CSV and XLSX readers hand over rows of cell texts; here the header row names the
columns, each further row becomes a card, the roles sheet's rows join their roleplays, and
a `CellMap` remembers which cell each value came from. The models, the checks and the
messages then treat a sheet exactly like YAML, and point at `cards.xlsx:Dilemmas!D7`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.content.messages import did_you_mean
from workshop.content.models import CARD_TYPES
from workshop.content.problems import Location, Problem
from workshop.content.sheet_columns import (
    NESTED_ROLES,
    ROLE_CARD,
    Column,
    card_columns,
    columns_of,
    role_columns,
)
from workshop.content.sourcemap import CONTROL, Loaded, Path_, SourceMap, describe_character

Row = tuple[int, Sequence[str | None]]
"""A row's number (1-based, as the spreadsheet shows it) and its cells' texts, column A first."""
BLANK_LINE = re.compile(r"\n[ \t]*\n")
"""What separates the items of a list cell when one of them spans lines."""


Where = tuple[Path, str]
"""A sheet: its file, and its name in an XLSX file ("" for a CSV file, which is one sheet)."""
Cell = tuple[Where, int, int]
"""A cell: its sheet, row and column (1-based)."""


@dataclass
class Table:
    """One sheet's rows."""

    where: Where
    rows: Iterable[Row]
    numbers: set[tuple[int, int]] = field(default_factory=set)
    """(row, column) of the cells that held a number, not text: an id there is one the
    spreadsheet converted (`1e5` → 100000, `007` → 7)."""


@dataclass
class CellMap(SourceMap):
    """Where each value of a sheet file stands: its sheet, row and column.

    Also the cells a card left empty, so that a required field that is missing is shown at
    the very cell to fill in, and the names messages use: the column's header, not the
    path into the data.
    """

    cells: dict[Path_, Cell] = field(default_factory=dict)
    blanks: dict[Path_, Cell] = field(default_factory=dict)
    roles_place: str = "the 'roles' sheet"

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        probe = tuple(path)
        while probe:
            if probe in self.cells:
                return self._at(self.cells[probe])
            probe = probe[:-1]
        return self._at(self.cells.get((), ((self.file, ""), 1, 1)))

    def _at(self, cell: Cell) -> Location:
        (file, sheet), row, column = cell
        return Location(file, row, column, sheet)

    def name(self, path: Path_) -> str:
        rest = path[2:] if path[:1] == ("cards",) else path
        if len(path) < 2:
            return "cards"
        if not rest:
            return "this row"
        if rest[0] == NESTED_ROLES:
            return "role" if len(rest) == 2 else (str(rest[2]) if len(rest) > 2 else NESTED_ROLES)
        words = ".".join(str(part) for part in rest if isinstance(part, str))
        items = [part for part in rest if isinstance(part, int)]
        return f"{words}, item {items[0] + 1}" if items else words

    def missing(self, path: Path_) -> tuple[Location, str]:
        if path[2:] == (NESTED_ROLES,):
            return self.locate((*path[:2], "id")), f"add its roles as rows of {self.roles_place}"
        if path in self.blanks:
            return self._at(self.blanks[path]), "fill in this cell"
        if path[2:3] == (NESTED_ROLES,):
            return self.locate(path), f"add a column '{path[-1]}' to {self.roles_place} and fill it in"
        column = ".".join(str(part) for part in path[2:] if isinstance(part, str))
        inner = [c for c in card_columns().values() if c.required and c.name.startswith(f"{column}.")]
        if inner:  # a whole nested field (debrief) is missing: name the cell it needs
            cell = self.blanks.get((*path, *inner[0].path[len(path) - 2 :]))
            if cell is not None:
                return self._at(cell), f"fill in the cell under '{inner[0].name}'"
            column = inner[0].name
        return self.locate(path[:2]), f"add a column '{column}' and fill it in"


@dataclass
class _Header:
    """What the header row of one sheet says: the column of each field, in the sheet's own order."""

    row: int
    columns: dict[int, Column]
    """0-based cell index → the field it holds (comment and unknown columns are left out)."""
    ignored: set[int]
    """Cells under a comment header (`# notes`): never read."""


@dataclass
class _Reader:
    file: Path
    source: CellMap
    problems: list[Problem] = field(default_factory=list)
    cards: list[dict[str, Any]] = field(default_factory=list)
    broken_header: bool = False
    """A header row with a mistake: every row below would repeat it, so the rows are not validated."""

    def error(self, where: Where, row: int, column: int, message: str, *, header: bool = False) -> None:
        self.problems.append(Problem(Location(where[0], row, column, where[1]), message))
        self.broken_header = self.broken_header or header

    def header(
        self, where: Where, number: int, cells: Sequence[str | None], known: dict[str, Column]
    ) -> _Header:
        columns: dict[int, Column] = {}
        ignored: set[int] = set()
        seen: dict[str, int] = {}
        for index, text in enumerate(cells):
            name = (text or "").strip()
            if name.startswith("#"):
                ignored.add(index)
                continue
            if not name:
                continue
            key = name.casefold()
            if key in seen:
                first = seen[key]
                self.error(
                    where,
                    number,
                    index + 1,
                    f"column '{name}' appears twice (first in column {_letters(first + 1)}); keep one "
                    "(start a column's header with # to keep it as a note)",
                    header=True,
                )
                ignored.add(index)
                continue
            seen[key] = index
            if key in known:
                columns[index] = known[key]
                continue
            ignored.add(index)
            self.error(where, number, index + 1, _unknown_column(name, known), header=True)
        return _Header(number, columns, ignored)

    def rows(
        self, table: Table, known: dict[str, Column], required: str
    ) -> Iterable[tuple[int, list[tuple[int, Column, str]], _Header]]:
        """(row number, its filled cells, the header) for each filled row under the header."""
        header: _Header | None = None
        for number, cells in table.rows:
            first = next((i for i, cell in enumerate(cells) if cell and cell.strip()), None)
            if first is None:
                continue
            if (header is None or first not in header.ignored) and (cells[first] or "").lstrip().startswith(
                "#"
            ):
                continue  # a note row: no id and no header starts with #
            if header is None:
                header = self.header(table.where, number, cells, known)
                if not any(c.name == required for c in header.columns.values()):
                    self._headless(table.where, number, cells, header, known, required)
                    return
                continue
            found = self._fields(table.where, number, cells, header)
            if found:
                yield number, found, header

    def _headless(
        self,
        where: Where,
        number: int,
        cells: Sequence[str | None],
        header: _Header,
        known: dict[str, Column],
        required: str,
    ) -> None:
        names = ", ".join(list(known)[:4])
        filled = [cell for cell in cells if cell and cell.strip()]
        if header.columns:
            message = f"the header row has no '{required}' column; add one (the columns are named {names}, …)"
        else:  # not a header at all: its cells are no unknown columns
            self.problems[:] = [
                p for p in self.problems if (p.location.line, p.location.sheet) != (number, where[1])
            ]
            if len(filled) == 1:
                message = (
                    f"a title above the header row? The first filled row must name the columns ({names}, …); "
                    "delete this row, or start its text with # to keep it as a note"
                )
            else:
                message = (
                    f"the first filled row must name the columns ({names}, …); insert a header row above it"
                )
        first = next(i for i, cell in enumerate(cells) if cell and cell.strip())
        self.error(where, number, first + 1, message, header=True)

    def _fields(
        self, where: Where, number: int, cells: Sequence[str | None], header: _Header
    ) -> list[tuple[int, Column, str]]:
        found: list[tuple[int, Column, str]] = []
        for index, text in enumerate(cells):
            if text is None or index in header.ignored:
                continue
            text = text.strip()
            if not text:
                continue
            column = header.columns.get(index)
            if column is None:
                self.error(
                    where,
                    number,
                    index + 1,
                    f"this cell has no column name above it (row {header.row}); name the column, "
                    "or start its name with # to keep it as a note",
                )
                header.ignored.add(index)  # once per column
                continue
            found.append((index, column, text))
        return found

    def card(
        self,
        where: Where,
        number: int,
        found: list[tuple[int, Column, str]],
        header: _Header,
        numbers: set[tuple[int, int]],
    ) -> None:
        index = len(self.cards)
        card: dict[str, Any] = {}
        base: Path_ = ("cards", index)
        self.source.cells[base] = (where, number, found[0][0] + 1)
        for column_index, column in header.columns.items():
            self.source.blanks[(*base, *column.path)] = (where, number, column_index + 1)
        card_type = next((text for _, column, text in found if column.name == "type"), None)
        own = columns_of(card_type) if card_type in CARD_TYPES else None
        for column_index, column, text in found:
            if own is not None and column.name not in own:
                self.error(
                    where,
                    number,
                    column_index + 1,
                    f"{column.name}: a {card_type} card has no {column.name}; empty this cell, or change "
                    f"the card's type (a {card_type} has: {', '.join(c for c in card_columns() if c in own)})",
                )
                continue
            if column.name == "id" and (number, column_index + 1) in numbers:
                self.error(
                    where,
                    number,
                    column_index + 1,
                    f"id: the spreadsheet turned this id into the number {text} (as it does with 1e5 or 007); "
                    "format the id column as Text and type the id again",
                )
            _put(card, column.path, self._value(where, number, column_index, column, text))
            self._place((*base, *column.path), (where, number, column_index + 1), card, column.path)
        self.cards.append(card)

    def role(
        self,
        where: Where,
        number: int,
        found: list[tuple[int, Column, str]],
        header: _Header,
        by_id: dict[str, int],
    ) -> None:
        role: dict[str, Any] = {}
        card_id, card_cell = None, found[0][0]
        for column_index, column, text in found:
            if column.name == ROLE_CARD:
                card_id, card_cell = text, column_index
            else:
                role[column.name] = self._value(where, number, column_index, column, text)
        if card_id is None:
            self.error(where, number, card_cell + 1, "this role has no 'card': write the id of its roleplay")
            return
        if card_id not in by_id:
            hint = did_you_mean(card_id, list(by_id))
            self.error(
                where,
                number,
                card_cell + 1,
                f"no card '{card_id}' in this file; a role's 'card' is the id of a roleplay in it"
                + (f" ({hint})" if hint else ""),
            )
            return
        card_index = by_id[card_id]
        card = self.cards[card_index]
        if card.get("type") != "roleplay":
            self.error(
                where,
                number,
                card_cell + 1,
                f"card '{card_id}' is a {card.get('type') or 'card without a type'}, not a roleplay; "
                "only roleplays have roles: remove this row or change the card's type",
            )
            return
        roles = card.setdefault(NESTED_ROLES, [])
        base: Path_ = ("cards", card_index, NESTED_ROLES, len(roles))
        self.source.cells.setdefault(base[:-1], (where, number, card_cell + 1))
        self.source.cells[base] = (where, number, card_cell + 1)
        for column_index, column, _text in found:
            if column.name != ROLE_CARD:
                self._place((*base, column.name), (where, number, column_index + 1), role, (column.name,))
        for column_index, column in header.columns.items():
            if column.name != ROLE_CARD:
                self.source.blanks[(*base, column.name)] = (where, number, column_index + 1)
        roles.append(role)

    def _value(self, where: Where, number: int, index: int, column: Column, text: str) -> str | list[str]:
        bad = CONTROL.search(text)
        if bad:
            self.error(
                where,
                number,
                index + 1,
                f"{column.name}: the cell holds the invisible control character "
                f"{describe_character(bad.group())}, which cannot be printed or shown; remove it",
            )
            text = CONTROL.sub("\ufffd", text)
        return split_items(text) if column.is_list else text

    def _place(self, path: Path_, cell: Cell, holder: dict[str, Any], field_path: tuple[str, ...]) -> None:
        self.source.cells[path] = cell
        value: Any = holder
        for part in field_path:
            value = value[part]
        if isinstance(value, list):
            for item in range(len(value)):
                self.source.cells[(*path, item)] = cell


def split_items(text: str) -> list[str]:
    """A list cell → its items: one per line, or, when the cell has an empty line, one per
    paragraph (so that an item may itself span lines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = BLANK_LINE.split(text) if BLANK_LINE.search(text) else text.split("\n")
    return [part.strip() for part in parts if part.strip()]


def read_tables(file: Path, cards: Sequence[Table], roles: Table | None, roles_place: str) -> Loaded:
    """The card sheets (in order) and the roles sheet → `{'cards': [...]}` with a `CellMap`."""
    first = cards[0].where if cards else (file, "")
    source = CellMap(file, roles_place=roles_place)
    source.cells[()] = (first, 1, 1)
    reader = _Reader(file, source)
    for table in cards:
        for number, found, header in reader.rows(table, card_columns(), "id"):
            reader.card(table.where, number, found, header, table.numbers)
    if roles is not None:
        by_id: dict[str, int] = {}
        for index, card in enumerate(reader.cards):
            if isinstance(card.get("id"), str):
                by_id.setdefault(card["id"], index)
        for number, found, header in reader.rows(roles, role_columns(), ROLE_CARD):
            reader.role(roles.where, number, found, header, by_id)
    if reader.broken_header:
        return Loaded(None, source, reader.problems)
    return Loaded({"cards": reader.cards}, source, reader.problems)


def _put(card: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        card = card.setdefault(part, {})
    card[path[-1]] = value


def _unknown_column(name: str, known: dict[str, Column]) -> str:
    hint = did_you_mean(name.casefold(), list(known))
    if name.casefold() == NESTED_ROLES:
        advice = "a roleplay's roles are rows of the 'roles' sheet (or the file NAME.roles.csv)"
    elif hint:
        advice = hint
    else:
        advice = (
            "the columns are: " + ", ".join(known) + "; start a column's name with # to keep it as a note"
        )
    return f"unknown column '{name}' ({advice})"


def _letters(column: int) -> str:
    from workshop.content.problems import column_letters

    return column_letters(column)
