"""Card files that are spreadsheets: which files they are, and the reader for each kind.

The loader asks `load_sheet` for a `.xlsx` or `.csv` card file as it asks `load_yaml` for a
YAML one; both give plain data and a source map, so the models, checks and messages that
follow are the same for every kind of card file.
"""

from __future__ import annotations

from pathlib import Path

from workshop.content.sheet_columns import ROLES_SUFFIX
from workshop.content.sourcemap import Loaded

SHEET_SUFFIXES = (".xlsx", ".csv")
LOCK_PREFIXES = ("~$", ".~lock.")
"""Excel and LibreOffice keep a small lock file beside a workbook that is open; it is no card file."""


OTHER_FORMATS = {
    ".xls": "the old Excel format",
    ".ods": "LibreOffice's own format",
    ".numbers": "the format of Apple Numbers",
    ".tsv": "tab-separated text",
}
"""Spreadsheet files a trainer may name in `decks:` that are not read, and what they are."""


def other_format(pattern: str) -> str:
    """Advice for a `decks:` entry that names a spreadsheet in a format not read, else ""."""
    kind = OTHER_FORMATS.get(Path(pattern).suffix.lower())
    if kind is None:
        return ""
    if kind.startswith("tab"):
        return f"'{pattern}' is {kind}: rename it to .csv (cells separated by tabs are read too)"
    return f"'{pattern}' is {kind}, which is not read; save it as .xlsx (File → Save As) and list that file"


def is_sheet(file: Path) -> bool:
    return file.suffix.lower() in SHEET_SUFFIXES


def is_card_sheet(file: Path) -> bool:
    """A spreadsheet that holds cards: not a CSV file's roles, not an open workbook's lock file."""
    name = file.name
    return is_sheet(file) and not name.lower().endswith(ROLES_SUFFIX) and not name.startswith(LOCK_PREFIXES)


def load_sheet(file: Path) -> Loaded:
    """Read a spreadsheet card file into plain data and a `CellMap`, as `load_yaml` reads YAML."""
    if file.suffix.lower() == ".csv":
        from workshop.content.sheet_csv import load_csv

        return load_csv(file)
    from workshop.content.sheet_xlsx import load_xlsx

    return load_xlsx(file)
