"""Spreadsheets no card file should be: each refused with a located message and exit 1, and a
build that meets one leaves the previous build as it was, byte for byte."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.sheetgen import HEADER, REFLECTION, sheet_workshop, write_xlsx


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sheet workshop built once: each case breaks a copy of it."""
    root = sheet_workshop(tmp_path_factory.mktemp("good") / "ws", "cards.xlsx")
    write_xlsx(root / "cards.xlsx", {"cards": [HEADER, REFLECTION]})
    result = run_cli("build", root)
    assert result.exit_code == 0, result.output
    return root


def every_file(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, the cache included, by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def good_xlsx(built: Path) -> bytes:
    return (built / "cards.xlsx").read_bytes()


def bomb(built: Path) -> bytes:
    """The good file plus a part of 200 MiB of zeros, which packs to 200 kB."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good_xlsx(built))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("xl/media/image1.png", bytes(200 * 1024 * 1024))
    return buffer.getvalue()


def million_empty_rows(_built: Path) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("cards")
    sheet.append(HEADER)
    sheet.append(REFLECTION)
    for _ in range(1_000_000):
        sheet.append([None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def damaged(built: Path) -> bytes:
    data = bytearray(good_xlsx(built))
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    return bytes(data)


CASES = [
    (
        "truncated",
        lambda b: good_xlsx(b)[: len(good_xlsx(b)) // 2],
        "cards.xlsx: error: cannot be read as an .xlsx file",
    ),
    ("corrupt", damaged, "cards.xlsx: error: cannot be read as an .xlsx file"),
    (
        "not-a-workbook",
        lambda b: b"<html>Sign in to download</html>",
        "cards.xlsx: error: cannot be read as an .xlsx file",
    ),
    (
        "old-xls-or-password",
        lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
        "cards.xlsx: error: this is an old-format Excel workbook (.xls) or one protected with a password",
    ),
    ("zip-bomb", bomb, "cards.xlsx: error: the file unpacks to 200 MiB, more than the 128 MiB"),
    (
        "million-empty-rows",
        million_empty_rows,
        "cards.xlsx:cards!A3: error: the sheet goes on past row 20,000 with empty rows; delete the rows below row 2",
    ),
    (
        "50-mb",
        lambda b: os.urandom(50 * 1024 * 1024),
        "cards.xlsx: error: file is 50.0 MiB, more than the 16 MiB",
    ),
]


@pytest.mark.parametrize(("make", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_workbooks_are_refused_and_the_build_is_left_alone(
    built: Path, tmp_path: Path, make, expected: str
):
    root = tmp_path / "ws"
    shutil.copytree(built, root)
    before = every_file(root / "build")
    (root / "cards.xlsx").write_bytes(make(built))
    for command in ("validate", "build"):
        result = run_cli(command, root)
        assert result.exit_code == 1, result.output
        lines = [line.split("/ws/", 1)[-1] for line in result.stderr.splitlines()]
        assert any(line.startswith(expected) for line in lines), result.stderr
    assert every_file(root / "build") == before
