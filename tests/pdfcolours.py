"""Reading a PDF's colours back as a press would meet them: what every text and fill is painted in.

pypdf parses each page's content stream (and the forms it draws) operator by operator,
keeping the fill colour through q/Q, so a test can ask of every piece of text and every
filled path which colour space and values it was painted with.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject

from tests.conftest import need_tool

TEXT_OPERATORS = {b"Tj", b"TJ", b"'", b'"'}
FILL_OPERATORS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
FILL_COLOURS = {b"g": "DeviceGray", b"k": "DeviceCMYK", b"rg": "DeviceRGB"}
STROKE_COLOURS = {b"G": "DeviceGray", b"K": "DeviceCMYK", b"RG": "DeviceRGB"}


@dataclass(frozen=True)
class Paint:
    """One painting operator: on which page, what it paints, and in which fill colour."""

    page: int
    what: str  # "text", "fill" or "stroke"
    space: str
    values: tuple[float, ...]
    text: str = ""
    rectangles: int = 0
    """For fills: how many `re` the path had (a QR code's modules are one path of many)."""

    @property
    def black_ink_only(self) -> bool:
        """Painted with the black plate alone: gray, or CMYK with no cyan, magenta or yellow."""
        if self.space == "DeviceGray":
            return True
        return self.space == "DeviceCMYK" and all(v == 0 for v in self.values[:3])


def paints(pdf: bytes) -> list[Paint]:
    """Every text, fill and stroke operator of every page (forms followed into), with its colour."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[Paint] = []
    for number, page in enumerate(reader.pages):
        contents = page.get_contents()
        if contents is not None:
            _walk(reader, ContentStream(contents, reader), page.get("/Resources"), number, found)
    return found


def _walk(reader: PdfReader, stream: ContentStream, resources: object, page: int, found: list[Paint]) -> None:
    resources = _resolved(resources) or DictionaryObject()
    fill: tuple[str, tuple[float, ...]] = ("DeviceGray", (0.0,))
    stroke: tuple[str, tuple[float, ...]] = ("DeviceGray", (0.0,))
    spaces = ["DeviceGray", "DeviceGray"]
    saved: list[tuple] = []
    rectangles = 0
    for operands, operator in stream.operations:
        if operator == b"q":
            saved.append((fill, stroke, list(spaces)))
        elif operator == b"Q" and saved:
            fill, stroke, spaces = saved.pop()
        elif operator in FILL_COLOURS:
            fill = (FILL_COLOURS[operator], tuple(float(v) for v in operands))
        elif operator in STROKE_COLOURS:
            stroke = (STROKE_COLOURS[operator], tuple(float(v) for v in operands))
        elif operator in (b"cs", b"CS"):
            spaces[operator == b"CS"] = _space_name(resources, operands[0])
        elif operator in (b"sc", b"scn"):
            fill = (spaces[0], tuple(float(v) for v in operands if not isinstance(v, str)))
        elif operator in (b"SC", b"SCN"):
            stroke = (spaces[1], tuple(float(v) for v in operands if not isinstance(v, str)))
        elif operator == b"re":
            rectangles += 1
        elif operator in TEXT_OPERATORS:
            found.append(Paint(page, "text", *fill, text=_shown(operands)))
        elif operator in FILL_OPERATORS:
            found.append(Paint(page, "fill", *fill, rectangles=rectangles))
            rectangles = 0
        elif operator in (b"S", b"s"):
            found.append(Paint(page, "stroke", *stroke))
            rectangles = 0
        elif operator == b"n":
            rectangles = 0
        elif operator == b"Do":
            xobject = _resolved(_resolved(resources.get("/XObject", {})).get(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                _walk(
                    reader, ContentStream(xobject, reader), xobject.get("/Resources", resources), page, found
                )


def _resolved(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _space_name(resources: object, name: object) -> str:
    named = _resolved(_resolved(resources).get("/ColorSpace", {})).get(name)  # type: ignore[union-attr]
    space = _resolved(named) if named is not None else name
    if isinstance(space, list):
        return str(space[0]).lstrip("/")
    return str(space).lstrip("/")


def _shown(operands: list) -> str:
    parts = operands[0] if operands and isinstance(operands[0], list) else operands
    return "".join(str(part) for part in parts if isinstance(part, str))


def uncompressed(pdf: bytes) -> bytes:
    """The whole file with every stream decompressed and no object streams (qpdf --qdf), so a
    name such as /DeviceRGB cannot hide anywhere."""
    qpdf = need_tool("qpdf")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        done = subprocess.run(
            [qpdf, "--qdf", "--object-streams=disable", str(source), "-"], capture_output=True, check=False
        )
    assert done.returncode in (0, 3), done.stderr  # 3: warnings only
    return done.stdout


RGB_NAMES = re.compile(rb"/(DeviceRGB|CalRGB|RGB)\b")
