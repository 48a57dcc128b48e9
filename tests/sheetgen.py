"""Spreadsheet card files for the tests: an .xlsx written with openpyxl, a workshop around it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import yaml

HEADER = ["id", "type", "title", "question", "debrief.summary"]
REFLECTION = ["r1", "reflection", "A title", "A question?", "A summary."]


def write_xlsx(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    *,
    hidden: tuple[str, ...] = (),
    merged: dict[str, str] | None = None,
    formulas: dict[tuple[str, str], str] | None = None,
) -> Path:
    """An .xlsx file: rows per sheet (in order), hidden sheets, merged ranges ({sheet: 'A1:B2'}) and
    formula cells ({(sheet, 'C3'): '=A2'}), which openpyxl saves without a result, as a
    program that does not calculate would."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
        if merged and name in merged:
            sheet.merge_cells(merged[name])
    for (name, cell), formula in (formulas or {}).items():
        book[name][cell] = formula
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def with_saved_result(path: Path, cell: str, result: str) -> None:
    """Give the formula in `cell` (of the first sheet) a saved text result, as Excel saves one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rf'<c r="{cell}"([^>]*)><f>([^<]*)</f><v\s*/?>(</v>)?'.encode(),
                    rf'<c r="{cell}"\1 t="str"><f>\2</f><v>{result}</v>'.encode(),
                    data,
                )
                assert f"<v>{result}</v>".encode() in data, data[:2000]
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def sheet_workshop(folder: Path, deck: str, *, language: str = "en") -> Path:
    """A workshop folder whose workshop.yaml reads its cards from `deck` (which the test writes)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = {"title": "Sheets", "language": language, "decks": [deck]}
    (folder / "workshop.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return folder
