"""The workshop's logo as a flowable: PNG/JPEG through reportlab, SVG through svglib (as vectors).

`checks` has already made sure the file is a sound image inside the workshop folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.content.images import image_kind
from workshop.pdf.fonts import use_lato


def logo_flowable(path: Path, max_width: float, max_height: float) -> Any:
    """The logo scaled to fit max_width × max_height, keeping its proportions, left-aligned."""
    if image_kind(path) == "SVG":
        return _svg(path, max_width, max_height)
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    width, height = ImageReader(str(path)).getSize()
    scale = min(max_width / width, max_height / height)
    return Image(str(path), width * scale, height * scale, hAlign="LEFT")


def _svg(path: Path, max_width: float, max_height: float) -> Any:
    from reportlab.platypus import Spacer
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(str(path))
    if drawing is None or not drawing.width or not drawing.height:
        return Spacer(1, 0)
    scale = min(max_width / drawing.width, max_height / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = "LEFT"
    return use_lato(drawing)
