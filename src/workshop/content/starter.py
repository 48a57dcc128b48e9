"""`workshop new`: a starter workshop that validates and builds as it is.

The starter files live in `templates/starter/<language>/`; beside them we write the JSON
Schema that their `# yaml-language-server: $schema=` line points to, so editors offer
completion offline. Nothing that already exists is ever overwritten.

With `sheet`, the same cards are in `cards.xlsx` instead of `cards.yaml`: exported from the
YAML starter by `sheet_export`, so both starters hold the very same cards.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from workshop.content.resources import templates_dir
from workshop.content.schema import json_schema

SCHEMA_FILE = "workshop.schema.json"


class StarterExists(Exception):
    """The target folder already has files the starter would overwrite."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(", ".join(map(str, paths)))


CARDS_YAML, CARDS_SHEET = "cards.yaml", "cards.xlsx"
DECKS_LINE = re.compile(rb"^decks: \[cards\.yaml\] *#.*$", re.MULTILINE)


def starter_files(language: str, *, sheet: bool = False) -> dict[str, bytes]:
    """{relative path: content} of the starter workshop in `language` (nl or en); with `sheet`,
    its cards in cards.xlsx."""
    source = templates_dir() / "starter" / language
    files = {
        str(path.relative_to(source)): path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file()
    }
    files[SCHEMA_FILE] = (json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n").encode()
    return _as_sheet(files, language) if sheet else files


SHEET_COMMENT = {
    "en": "# the card file: one row per card (README: 'Cards from a spreadsheet')",
    "nl": "# het kaartbestand: één rij per kaart (README: 'Cards from a spreadsheet')",
}


def _as_sheet(files: dict[str, bytes], language: str) -> dict[str, bytes]:
    """The starter with its cards.yaml exported to cards.xlsx, and workshop.yaml pointing there."""
    from workshop.content.loader import load_workshop
    from workshop.content.problems import Problems
    from workshop.content.sheet_export import export_xlsx

    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        problems = Problems()
        workshop = load_workshop(Path(folder), problems)
        problems.raise_if_errors()  # the bundled starter always loads; a broken install would show here
        assert workshop is not None
        sheet = export_xlsx(workshop)
    config = DECKS_LINE.sub(
        f"decks: [{CARDS_SHEET}]     {SHEET_COMMENT[language]}".encode(),
        files.pop("workshop.yaml"),
    )
    del files[CARDS_YAML]
    return {"workshop.yaml": config, CARDS_SHEET: sheet, **files}


def create_starter(target: Path, language: str, *, sheet: bool = False) -> list[Path]:
    """Write the starter into `target`; raises StarterExists (writing nothing) if any file is there."""
    files = starter_files(language, sheet=sheet)
    clashes = [target / name for name in files if (target / name).exists()]
    if clashes:
        raise StarterExists(clashes)
    written = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as handle:  # "x": never replace a file that appeared meanwhile
            handle.write(data)
        written.append(path)
    return written
