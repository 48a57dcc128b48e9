"""Reading PDFs the way a user meets them: text per page (pypdf), outline, QR codes (pypdfium2 + zxing)."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import need_tool


def normalise(text: str) -> str:
    """Join words hyphenated at line ends, drop hyphens and collapse whitespace, so extracted
    text compares with the content no matter where lines were broken."""
    text = re.sub(r"-\s*\n\s*", "", text).replace("•", " ")
    return re.sub(r"\s+", " ", text.replace("-", "")).strip()


@cache
def page_texts(pdf: bytes) -> tuple[str, ...]:
    """Normalised text of every page."""
    return tuple(normalise(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)


def outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """(level, title, 0-based page) of every outline entry, in order."""
    reader = PdfReader(io.BytesIO(pdf))
    entries: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def decoded_qr_codes(pdf: bytes, page: int, dpi: int = 150) -> list[str]:
    """Texts of all QR codes zxing finds on `page` rendered at `dpi`."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    image = document[page].render(scale=dpi / 72).to_pil()
    document.close()
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


def pdffonts(pdf: bytes) -> list[list[str]]:
    """Rows of `pdffonts` (poppler) for the PDF: name, type, encoding, emb, sub, uni, ..."""
    tool = need_tool("pdffonts")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(pdf)
        out = subprocess.run([tool, str(path)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def words(pdf: bytes, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, x_min, y_min, x_max, font size) of every word on `page` (0-based), from poppler's
    `pdftotext -bbox`: y grows downwards from the top of the page; a word's box is its font size tall."""
    import html

    tool = need_tool("pdftotext")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            [tool, "-bbox", "-f", str(page + 1), "-l", str(page + 1), str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [
        (html.unescape(text), float(x0), float(y0), float(x1), round(float(y1) - float(y0), 2))
        for x0, y0, x1, y1, text in re.findall(pattern, out)
    ]


def qr_sizes_mm(pdf: bytes, page: int, dpi: int = 150) -> dict[str, float]:
    """Decoded text → width in mm of the QR symbol (without quiet zone) on `page`."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    image = document[page].render(scale=dpi / 72).to_pil()
    document.close()
    sizes = {}
    for result in zxingcpp.read_barcodes(image):
        corners = result.position
        width = max(
            abs(corners.top_right.x - corners.top_left.x), abs(corners.bottom_right.x - corners.bottom_left.x)
        )
        sizes[result.text] = width / dpi * 25.4
    return sizes


Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points (y up)


def glyph_boxes(pdf: bytes, page: int) -> list[tuple[str, Box]]:
    """Every visible character on `page` with the tight box of its glyph's ink (pypdfium2)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    text = document[page].get_textpage()
    found = []
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if char.strip():
            found.append((char, text.get_charbox(index)))
    document.close()
    return found


def qr_symbols(pdf: bytes, page: int, dpi: int = 300) -> list[tuple[Box, int]]:
    """Every QR code on `page`: the symbol's box (without quiet zone) and its size in modules."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    height = document[page].get_height()
    image = document[page].render(scale=dpi / 72).to_pil()
    document.close()
    found = []
    for result in zxingcpp.read_barcodes(image):
        corners = result.position
        xs = [
            p.x * 72 / dpi
            for p in (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)
        ]
        ys = [
            height - p.y * 72 / dpi
            for p in (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)
        ]
        found.append(((min(xs), min(ys), max(xs), max(ys)), 17 + 4 * int(result.extra["Version"])))
    return found


def trim_box(pdf: bytes, page: int) -> Box:
    """The page's TrimBox (cards-single.pdf sets one per card)."""
    box = PdfReader(io.BytesIO(pdf)).pages[page].trimbox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)
