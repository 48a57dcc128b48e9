"""The workshop's logo on card backs: PNG/JPEG through ImageReader, SVG as vectors via svglib.

The logo sits on a small white tile, so a dark or transparent logo stays visible on any
type colour. It is loaded once per build and drawn on every back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.content.images import image_kind
from workshop.content.units import mm
from workshop.pdf.fonts import use_lato
from workshop.pdf.typography import rgb

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.utils import ImageReader

TILE_PADDING = mm(2.5)


@dataclass(frozen=True)
class Logo:
    """A loaded logo scaled into a box; `box_*` include the white tile around it."""

    kind: str
    source: Any  # ImageReader or svglib Drawing
    width: float
    height: float

    @property
    def box_width(self) -> float:
        return self.width + 2 * TILE_PADDING

    @property
    def box_height(self) -> float:
        return self.height + 2 * TILE_PADDING

    def draw(self, canvas: Any, centre_x: float, y: float) -> None:
        """Draw the tile and the logo with the tile's lower edge at y, centred on centre_x."""
        x = centre_x - self.box_width / 2
        canvas.setFillColor(rgb("#FFFFFF"))
        canvas.roundRect(x, y, self.box_width, self.box_height, mm(1.5), stroke=0, fill=1)
        if self.kind == "SVG":
            from reportlab.graphics import renderPDF

            drawing = self.source
            canvas.saveState()
            canvas.translate(x + TILE_PADDING, y + TILE_PADDING)
            canvas.scale(self.width / drawing.width, self.height / drawing.height)
            renderPDF.draw(drawing, canvas, 0, 0)
            canvas.restoreState()
        else:
            canvas.drawImage(
                self.source, x + TILE_PADDING, y + TILE_PADDING, self.width, self.height, mask="auto"
            )


def load_logo(path: Path, max_width: float, max_height: float) -> Logo | None:
    """The logo at `path` scaled to fit max_width × max_height (tile included); None if unusable."""
    kind = image_kind(path)
    source: Drawing | ImageReader | None
    if kind == "SVG":
        from svglib.svglib import svg2rlg

        source = svg2rlg(str(path))
        if source is None or not source.width or not source.height:
            return None
        use_lato(source)
        natural = (float(source.width), float(source.height))
    elif kind in ("PNG", "JPEG"):
        from reportlab.lib.utils import ImageReader

        source = ImageReader(str(path))
        width, height = source.getSize()
        natural = (float(width), float(height))
    else:
        return None
    room_w, room_h = max_width - 2 * TILE_PADDING, max_height - 2 * TILE_PADDING
    scale = min(room_w / natural[0], room_h / natural[1])
    return Logo(kind, source, natural[0] * scale, natural[1] * scale)
