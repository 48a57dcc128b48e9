"""An XLSX card file → rows for `sheet_table`, through openpyxl in read-only mode.

Every visible sheet holds cards except the one named `roles`; a hidden sheet (often a list
for drop-down menus) is left out with a warning, a sheet whose name starts with `#` is a
note. Cells are read as the text the trainer sees: formulas as their saved results, whole
numbers without `.0`, a time as `09:30`, `TRUE` as `TRUE`. What cannot be read so is an
error at its cell with advice: a date, an id Excel turned into a number (`1e5` → 100000),
a formula nobody calculated, cells merged over several rows.

The file is refused before openpyxl opens it when it is larger than any card file needs,
or when its parts would unpack to more (a zip bomb), and openpyxl's own failures on a
damaged file become one located error.
"""

from __future__ import annotations

import datetime
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.content.problems import Location, Problem
from workshop.content.sheet_columns import ROLES_SHEET
from workshop.content.sheet_table import CellMap, Table, Where, read_tables
from workshop.content.sourcemap import Loaded

MAX_XLSX_BYTES = 16 * 1024 * 1024
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
"""What the parts of an XLSX file may unpack to: 1,000 long cards take a few MiB."""
MAX_ROWS = 20_000
MAX_COLUMNS = 256
RESAVE = "open it in Excel, LibreOffice or Google Sheets and save (or download) it again as .xlsx"
_MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


@dataclass
class _Sheet:
    """One sheet read: its rows as texts, and the formula cells still to be given their saved values."""

    where: Where
    rows: list[tuple[int, list[str | None]]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    numbers: set[tuple[int, int]] = field(default_factory=set)


def load_xlsx(file: Path) -> Loaded:
    """Read an XLSX card file; every problem becomes a located `Problem`, never an exception."""
    problems: list[Problem] = []
    try:
        _check_package(file)
        sheets, roles = _read(file, problems)
    except _Refused as refused:
        return Loaded(None, CellMap(file), [refused.problem])
    loaded = read_tables(
        file,
        [Table(s.where, s.rows, s.numbers) for s in sheets],
        Table(roles.where, roles.rows) if roles else None,
        f"the '{ROLES_SHEET}' sheet",
    )
    loaded.problems[:0] = problems
    return loaded


def _check_package(file: Path) -> None:
    """Refuse a file too large, not a zip package, or one that unpacks to far more than it holds."""
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise _Refused(Problem(Location(file), f"cannot read the file: {exc.strerror or exc}")) from None
    if size > MAX_XLSX_BYTES:
        raise _Refused(
            Problem(
                Location(file),
                f"file is {size / 1_048_576:.1f} MiB, more than the {MAX_XLSX_BYTES // 1_048_576} MiB a card "
                "file may have; remove pictures from it, or split the cards over several files",
            )
        )
    try:
        with zipfile.ZipFile(file) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (
        Exception
    ) as exc:  # zipfile raises several kinds on a file that is no zip package, or a damaged one
        raise _Refused(_damaged(file, exc)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _Refused(
            Problem(
                Location(file),
                f"the file unpacks to {unpacked / 1_048_576:,.0f} MiB, more than the "
                f"{MAX_UNPACKED_BYTES // 1_048_576} MiB a card file may hold; it is not a card sheet "
                f"({RESAVE} if it should be)",
            )
        )


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an old .xls workbook starts, and an .xlsx file protected with a password (Excel wraps it)."""


def _damaged(file: Path, exc: Exception) -> Problem:
    try:
        with file.open("rb") as handle:
            old_kind = handle.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE
    except OSError:
        old_kind = False
    if old_kind:
        return Problem(
            Location(file),
            "this is an old-format Excel workbook (.xls) or one protected with a password; "
            "save it as .xlsx (File → Save As → Excel Workbook) without a password",
        )
    what = str(exc).strip() or type(exc).__name__
    return Problem(
        Location(file),
        f"cannot be read as an .xlsx file ({what[:120]}): it is damaged, cut short, or another kind of file; {RESAVE}",
    )


def _read(file: Path, problems: list[Problem]) -> tuple[list[_Sheet], _Sheet | None]:
    from openpyxl.reader.excel import ExcelReader

    with warnings.catch_warnings():  # openpyxl warns of parts it skips (styles, extensions): none hold cards
        warnings.simplefilter("ignore")
        try:
            reader = ExcelReader(
                file, read_only=True, data_only=False
            )  # what load_workbook does, keeping the parts
        except Exception as exc:  # openpyxl raises whatever its XML and zip readers raise on a damaged file
            raise _Refused(_damaged(file, exc)) from None
        try:
            reader.read()
            parts = {sheet.name: rel.target for sheet, rel in reader.parser.find_sheets()}
            sheets, roles = _sheets(reader.wb, file, problems)
            every = [*sheets, *([roles] if roles else [])]
            _merged_cells(reader.archive, parts, every, problems)
        except _Refused:
            raise
        except Exception as exc:  # a damaged part, found only while reading it
            raise _Refused(_damaged(file, exc)) from None
        finally:
            reader.archive.close()
        if any(sheet.formulas for sheet in every):
            _saved_results(file, every, problems)
    return sheets, roles


def _sheets(workbook: Any, file: Path, problems: list[Problem]) -> tuple[list[_Sheet], _Sheet | None]:
    sheets: list[_Sheet] = []
    roles: _Sheet | None = None
    for worksheet in workbook.worksheets:
        where = (file, worksheet.title)
        if not hasattr(worksheet, "iter_rows") or worksheet.title.startswith("#"):
            continue
        if worksheet.sheet_state != "visible":
            problems.append(
                Problem(
                    Location(file, 0, 0, worksheet.title),
                    "this sheet is hidden, so its rows are not read as cards; show it "
                    "(right-click a sheet's tab → Unhide) to use them",
                    "warning",
                )
            )
            continue
        sheet = _sheet(worksheet, where, problems)
        if worksheet.title.strip().casefold() == ROLES_SHEET:
            roles = sheet
        elif sheet.rows:
            sheets.append(sheet)
    return sheets, roles


def _sheet(worksheet: Any, where: Where, problems: list[Problem]) -> _Sheet:
    """Every row of a sheet as texts, up to the last filled one."""
    worksheet.reset_dimensions()  # the size a file states may be wrong; the rows themselves say it
    sheet = _Sheet(where, [])
    last_filled = 0
    for number, cells in enumerate(worksheet.iter_rows(), 1):
        if number > MAX_ROWS:
            _too_long(where, last_filled)
        texts: list[str | None] = []
        for column, cell in enumerate(cells, 1):
            value = cell.value
            if value is None:
                texts.append(None)
                continue
            if column > MAX_COLUMNS:
                raise _Refused(
                    Problem(
                        Location(where[0], number, column, where[1]),
                        f"a card sheet has at most {MAX_COLUMNS} columns; move or delete this cell",
                    )
                )
            if cell.data_type == "f":
                sheet.formulas[(number, column)] = str(value)
                texts.append(str(value))  # until its saved result replaces it
                continue
            if cell.data_type == "n" and not isinstance(
                value, datetime.date | datetime.time | datetime.timedelta
            ):
                sheet.numbers.add((number, column))
            text, advice = cell_text(value, cell.data_type)
            if advice:
                problems.append(Problem(Location(where[0], number, column, where[1]), advice))
            texts.append(text)
        if any(texts):
            last_filled = number
            sheet.rows.append((number, texts))
    return sheet


def _too_long(where: Where, last_filled: int) -> None:
    if last_filled < MAX_ROWS // 2:
        message = (
            f"the sheet goes on past row {MAX_ROWS:,} with empty rows; delete the rows below row "
            f"{last_filled} (select them, then Delete rows) and save again"
        )
        raise _Refused(Problem(Location(where[0], last_filled + 1, 1, where[1]), message))
    message = f"a card sheet has at most {MAX_ROWS:,} rows; split the cards over several sheets or files"
    raise _Refused(Problem(Location(where[0], MAX_ROWS, 1, where[1]), message))


def cell_text(value: Any, data_type: str) -> tuple[str, str]:
    """A cell's value → (the text the trainer sees, advice when that text is not what they typed)."""
    if isinstance(value, str):
        if data_type == "e":
            return value, f"the cell shows the error {value}; correct its formula, or type the text itself"
        return value, ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE", ""
    if isinstance(value, int):
        return str(value), ""
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)), ""
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M" if not value.second else "%H:%M:%S"), ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat(), (
            "the spreadsheet turned this cell into a date; format the cell as Text and type it again "
            "(or start it with an apostrophe: '1-2)"
        )
    if isinstance(value, datetime.timedelta):
        return str(
            value
        ), "the spreadsheet turned this cell into a duration; format the cell as Text and type it again"
    return str(value), ""


def _saved_results(file: Path, sheets: list[_Sheet], problems: list[Problem]) -> None:
    """Put each formula's saved result in its place; a formula saved without one is an error.

    openpyxl reads either formulas or their saved results: the second reading happens only
    for a file that has formulas.
    """
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # read once already: only a file changed meanwhile gets here
        raise _Refused(_damaged(file, exc)) from None
    try:
        for sheet in sheets:
            if not sheet.formulas:
                continue
            rows = {number: texts for number, texts in sheet.rows}
            last = max(number for number, _ in sheet.formulas)
            worksheet = workbook[sheet.where[1]]
            worksheet.reset_dimensions()
            for number, cells in enumerate(worksheet.iter_rows(max_row=last), 1):
                for column, cell in enumerate(cells, 1):
                    formula = sheet.formulas.get((number, column))
                    if formula is None:
                        continue
                    where = Location(file, number, column, sheet.where[1])
                    if cell.value is None:
                        problems.append(
                            Problem(
                                where,
                                f"the formula {formula[:60]} has no saved result (the program that wrote "
                                "the file did not calculate it); open and save the file in Excel or "
                                "LibreOffice, or type the text instead of the formula",
                            )
                        )
                        continue
                    text, advice = cell_text(cell.value, cell.data_type)
                    if advice:
                        problems.append(Problem(where, advice))
                    rows[number][column - 1] = text
    finally:
        workbook.close()


def _merged_cells(archive: Any, parts: dict[str, str], sheets: list[_Sheet], problems: list[Problem]) -> None:
    """Cells merged over several rows are an error at the range: one card per row, and each
    row below the first would silently lose the value it shows.

    openpyxl's read-only mode does not report merged ranges; each sheet's XML part lists
    them as `<mergeCell ref="B2:B5"/>` (after its rows), found here in the part the
    workbook names for the sheet.
    """
    for sheet in sheets:
        (file, name) = sheet.where
        part = parts.get(name)
        if part is None:
            continue
        for match in _MERGED.finditer(archive.read(part.lstrip("/"))):
            first, row, last, last_row = (group.decode() if group else None for group in match.groups())
            if last is None or row == last_row:  # within one row: its first cell's text is what shows
                continue
            problems.append(
                Problem(
                    Location(file, int(row or 1), _column_number(first or "A"), name),
                    f"cells {first}{row}:{last}{last_row} are merged; a card sheet needs each cell on its "
                    "own: unmerge them (Format → Merge cells → Unmerge) and fill in every row",
                )
            )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
