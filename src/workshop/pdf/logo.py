"""The workshop's logo made drawable once: SVG as vectors through svglib, PNG/JPEG through Pillow.

Every PDF draws the logo from `load_logo`, which starts from `images.logo_of` (the checked,
cleaned bytes, never the file itself) and is the boundary to the libraries that draw it:
whatever svglib, Pillow or reportlab raise on a logo becomes a located error with what to do,
never a traceback. A raster logo larger than any PDF needs is scaled down first, so a
4000 × 4000 photo costs no more than a small one in every PDF that shows it. One conversion
is kept per logo (svglib takes seconds for a large one; card backs and the guide share it).
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from workshop.content.images import LogoFile, logo_of
from workshop.content.loader import Workshop
from workshop.content.problems import ContentError, Problem
from workshop.pdf.fonts import register_fonts, use_lato

MAX_DRAWN_PIXELS = 2000
"""The longest side a raster logo keeps: 600 dpi at 85 mm, more than any card or guide shows."""


@dataclass(frozen=True)
class LogoImage:
    """A logo ready to draw: an svglib Drawing or a reportlab ImageReader, and its natural size."""

    kind: str
    source: Any
    width: float
    height: float
    notes: tuple[str, ...] = ()
    """What svglib said it could not draw (a colour, a transform): for warnings at `theme.logo`."""

    def draw(self, canvas: Any, x: float, y: float, width: float, height: float) -> None:
        """Draw the logo into the box at (x, y) of width × height (its proportions are the caller's)."""
        if self.kind == "SVG":
            from reportlab.graphics import renderPDF

            canvas.saveState()
            canvas.translate(x, y)
            canvas.scale(width / self.width, height / self.height)
            renderPDF.draw(self.source, canvas, 0, 0)
            canvas.restoreState()
        else:
            canvas.drawImage(self.source, x, y, width, height, mask="auto")


def load_logo(workshop: Workshop) -> LogoImage | None:
    """The workshop's logo ready to draw, or None without one; ContentError (at `theme.logo`)
    when it cannot be drawn."""
    logo = logo_of(workshop)
    if logo is None:
        return None
    try:
        return _drawable(logo)
    except Exception as exc:  # the boundary: anything svglib, Pillow or reportlab raise on this file
        detail = str(exc).splitlines()[0][:100] if str(exc) else ""
        name = workshop.config.theme.logo
        raise ContentError(
            [
                Problem(
                    workshop.locate_config("theme", "logo"),
                    f"theme.logo: '{name}' cannot be drawn ({exc.__class__.__name__}"
                    + (f": {detail}" if detail else "")
                    + "); export it again from your drawing program, or use a PNG",
                )
            ]
        ) from None


class Undrawable(ValueError):
    """svglib made nothing of an SVG (it says why only in its log)."""


@lru_cache(maxsize=2)
def _drawable(logo: LogoFile) -> LogoImage:
    if logo.kind == "SVG":
        from svglib.svglib import svg2rlg

        with _svglib_says() as notes:
            drawing = svg2rlg(io.BytesIO(logo.data))
            if drawing is None or not drawing.width or not drawing.height:
                raise Undrawable("svglib drew nothing of it")
            use_lato(drawing)
            _try(drawing)
        return LogoImage("SVG", drawing, float(drawing.width), float(drawing.height), tuple(notes))
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    with Image.open(io.BytesIO(logo.data)) as image:
        width, height = image.size
        if max(width, height) <= MAX_DRAWN_PIXELS:
            return LogoImage(logo.kind, ImageReader(io.BytesIO(logo.data)), float(width), float(height))
        image.draft(image.mode, (MAX_DRAWN_PIXELS, MAX_DRAWN_PIXELS))  # JPEG: decoded at 1/2, 1/4 …
        image.thumbnail((MAX_DRAWN_PIXELS, MAX_DRAWN_PIXELS))
        small = image.copy()
    return LogoImage(logo.kind, ImageReader(small), float(width), float(height))


def logo_warnings(workshop: Workshop) -> list[Problem]:
    """What svglib could not draw of the logo, as warnings at `theme.logo` (the checks show them)."""
    logo = load_logo(workshop)
    where = workshop.locate_config("theme", "logo")
    name = workshop.config.theme.logo
    return [
        Problem(where, f"theme.logo: svglib left part of '{name}' undrawn: {note}", "warning")
        for note in (logo.notes if logo else ())
    ]


@contextlib.contextmanager
def _svglib_says() -> Iterator[list[str]]:
    """Collect what svglib logs while it converts a logo, instead of letting Python print it
    bare on stderr (no file, no line) once per conversion."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage()[:200])

    logger = logging.getLogger("svglib")
    handler, propagate = Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _try(drawing: Any) -> None:
    """Draw once on a page nobody keeps: reportlab fails on some shapes only while drawing them,
    and then it must fail here, at the boundary, not halfway through a PDF."""
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()  # the logo's text is set in Lato (`use_lato`)
    canvas = Canvas(io.BytesIO(), pageCompression=0)
    renderPDF.draw(drawing, canvas, 0, 0)
