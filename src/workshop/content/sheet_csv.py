"""A CSV card file (and its NAME.roles.csv) → rows for `sheet_table`, through the standard library.

What spreadsheet programs write: UTF-8 with or without a byte order mark, `,` or `;`
between cells (Excel in Dutch writes `;`, Google Sheets a tab when asked for TSV), quoted
cells that span lines. Files in other encodings are refused at the first byte that is not
UTF-8, with the menu item that saves UTF-8; places are `file:row:column`, as a spreadsheet
program shows the cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workshop.content.models import MAX_TEXT
from workshop.content.problems import Location, Problem
from workshop.content.sheet_columns import ROLES_SUFFIX
from workshop.content.sheet_table import CellMap, Row, Table, read_tables
from workshop.content.sourcemap import MAX_FILE_BYTES, Loaded

DELIMITERS = ",;\t"
SAVE_AS_UTF8 = (
    "save it as UTF-8 (Excel: Save As → 'CSV UTF-8 (comma delimited)'; LibreOffice: Save As → "
    "Text CSV, character set Unicode (UTF-8); Google Sheets: File → Download → .csv)"
)


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def roles_file(file: Path) -> Path:
    """cards.csv → cards.roles.csv: where a CSV file's roles are."""
    return file.with_name(file.stem + ROLES_SUFFIX)


def load_csv(file: Path) -> Loaded:
    """Read a CSV card file and, when it exists, its roles file; problems never raise."""
    roles = roles_file(file)
    try:
        cards = Table((file, ""), _rows(file))
        role_table = Table((roles, ""), _rows(roles)) if roles.is_file() else None
    except _Refused as refused:
        return Loaded(None, CellMap(file), [refused.problem])
    return read_tables(file, [cards], role_table, f"the file {roles.name}")


def _rows(file: Path) -> list[Row]:
    text = _text(file)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[Row] = []
    try:
        for number, cells in enumerate(reader, 1):
            rows.append((number, [cell.replace("\r\n", "\n") for cell in cells]))
    except csv.Error as exc:
        row = len(rows) + 1
        if "field larger than field limit" in str(exc):
            message = f"a cell holds more than {csv.field_size_limit():,} characters; at most {MAX_TEXT:,} are allowed"
        else:  # a NUL byte: the file is not text a spreadsheet program wrote
            message = f"cannot read this row as CSV ({exc}); {SAVE_AS_UTF8}"
        raise _Refused(Problem(Location(file, row, 1, ""), message)) from None
    return rows


def _text(file: Path) -> str:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Refused(
                Problem(
                    Location(file),
                    f"file is {size / 1_048_576:.1f} MiB, more than the {MAX_FILE_BYTES // 1_048_576} MiB "
                    "a card file may have; split the cards over several files",
                )
            )
        raw = file.read_bytes()
    except OSError as exc:
        raise _Refused(Problem(Location(file), f"cannot read the file: {exc.strerror or exc}")) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        raise _Refused(Problem(Location(file, 1, 1, ""), f"the file is saved as UTF-16; {SAVE_AS_UTF8}"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _Refused(
            Problem(
                Location(file, line, column),
                f"byte 0x{raw[exc.start]:02x} is not UTF-8 (the file is probably saved as Latin-1 or "
                f"'Windows' text); {SAVE_AS_UTF8}",
            )
        ) from None
