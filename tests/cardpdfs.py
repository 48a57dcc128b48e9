"""Card PDFs as the card tests read them: built from a folder, text normalised, QR codes decoded."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2 as pdfium
import zxingcpp

from workshop.pipeline.build import Overrides, build_workshop

URL = "https://example.org/kg/"
"""The base_url of `tests.cardgen.write_workshop`'s workshops."""


def build(folder: Path, **overrides: Any) -> dict[str, bytes]:
    """cards.pdf and cards-single.pdf of `folder` (calibration.pdf too when asked), and the build's
    notes under '_notes'."""
    report = build_workshop(folder, folder / "build", only=("cards",), overrides=Overrides(**overrides))
    return {name: (report.out_dir / name).read_bytes() for name in report.files} | {
        "_notes": "\n".join(report.notes).encode()
    }


def read_pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def normalise(text: str) -> str:
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # join words hyphenated at a line end
    return re.sub(r"\s+", " ", text).strip()


def decode(pdf: bytes, pages: list[int] | None = None, dpi: int = 170) -> list[set[str]]:
    """The QR codes found on each page, rendered at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    found = []
    for index in pages if pages is not None else range(len(document)):
        image = document[index].render(scale=dpi / 72).to_pil()
        found.append({code.text for code in zxingcpp.read_barcodes(image)})
    document.close()
    return found


def urls(first: int, last: int) -> set[str]:
    """The addresses of generated cards `first` to `last`."""
    return {f"{URL}kaart-{i:02d}/" for i in range(first, last + 1)}
