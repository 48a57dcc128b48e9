"""Logo files: is this a PNG, JPEG or SVG we can draw? Checked before anything renders."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
_NUMBER = re.compile(r"(?<![\d.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_COLOUR = re.compile(r"#[0-9a-fA-F]+")  # '#B03E50' holds no number 3e50
RASTER_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def image_kind(path: Path) -> str | None:
    """'PNG', 'JPEG' or 'SVG' by the file's first bytes (not its name), else None."""
    with path.open("rb") as handle:
        head = handle.read(512)
    for signature, kind in RASTER_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "SVG" if text.startswith((b"<?xml", b"<svg", b"<!--")) else None


def check_image(path: Path) -> str | None:
    """Why the image at `path` cannot be used, or None when it is a sound PNG, JPEG or SVG."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"'{path.name}' is {size / 1_048_576:.1f} MiB; use an image under {MAX_IMAGE_BYTES // 1_048_576} MiB"
    kind = image_kind(path)
    if kind is None:
        return f"'{path.name}' is not a PNG, JPEG or SVG image (judged by its content); export it as one of those"
    if kind == "SVG":
        return _check_svg(path)
    return _check_raster(path, kind)


def _check_raster(path: Path, kind: str) -> str | None:
    from PIL import Image  # Pillow comes with reportlab; imported only when a logo is set

    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                return f"'{path.name}' has {image.width}×{image.height} pixels; scale it down (a logo needs ~1000 px)"
            image.verify()
        with Image.open(path) as image:
            image.load()
    except Exception as exc:  # Pillow raises many kinds for damaged files
        return f"'{path.name}' looks like a {kind} but cannot be read ({exc.__class__.__name__}); export it again"
    return None


def _check_svg(path: Path) -> str | None:
    text = path.read_bytes()
    if b"<!ENTITY" in text or b"<!DOCTYPE" in text.upper():
        return f"'{path.name}' declares a DOCTYPE or entities; save it as plain SVG without them"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        return f"'{path.name}' is not well-formed SVG ({exc}); export it again"
    if not root.tag.endswith("svg"):
        return f"'{path.name}' is XML but not SVG; its root element is <{root.tag}>"
    return _svg_references(path.name, root) or _svg_numbers(path.name, root)


HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
MAX_SVG_NUMBER = 1e7


def _svg_references(name: str, root: ElementTree.Element) -> str | None:
    """Refuse links to other files or addresses: the PDF would pull in a file from outside the folder."""
    for element in root.iter():
        for attribute in HREFS:
            target = (element.get(attribute) or "").strip()
            if target and not target.startswith(
                ("#", "data:image/png;", "data:image/jpeg;", "data:image/jpg;")
            ):
                return (
                    f"'{name}' refers to another file or address ('{target[:60]}'); embed the image "
                    "in the SVG or export the logo as PNG"
                )
    return None


def _svg_numbers(name: str, root: ElementTree.Element) -> str | None:
    """Refuse sizes like 1e308 that make reportlab fail halfway through a PDF, and no size at all."""
    for attribute in ("width", "height"):
        size = _NUMBER.match(root.get(attribute, "1").strip())
        if size is None or float(size.group()) <= 0:
            return f"'{name}' has {attribute}=\"{root.get(attribute)}\"; give the SVG a size above zero"
    for element in root.iter():
        values = [v for a, v in element.attrib.items() if a not in HREFS and a not in ("id", "class")]
        if str(element.tag).endswith("style") and element.text:
            values.append(element.text)  # CSS: svglib applies its sizes too
        for value in values:
            for number in _NUMBER.findall(_COLOUR.sub(" ", value)):
                if abs(float(number)) > MAX_SVG_NUMBER:
                    return f"'{name}' has an absurd size or coordinate ({number}); export it again"
    return None
