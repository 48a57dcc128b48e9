"""The workshop's logo on card backs, on a small white tile (drawn by `pdf.logo`).

The logo sits on a small white tile, so a dark or transparent logo stays visible on any
type colour. It is loaded once per build and drawn on every back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workshop.content.loader import Workshop
from workshop.content.units import mm
from workshop.pdf.logo import LogoImage
from workshop.pdf.logo import load_logo as load_image
from workshop.pdf.typography import rgb

TILE_PADDING = mm(2.5)
FORM = "logo"
"""The logo's form: drawn once per PDF and placed on the back of every card type."""


@dataclass(frozen=True)
class Logo:
    """A loaded logo scaled into a box; `box_*` include the white tile around it."""

    image: LogoImage
    width: float
    height: float

    @property
    def kind(self) -> str:
        """'PNG', 'JPEG' or 'SVG'."""
        return self.image.kind

    @property
    def source(self) -> Any:
        """The svglib Drawing or the ImageReader (a raster scaled to at most MAX_DRAWN_PIXELS)."""
        return self.image.source

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
        if getattr(canvas, "hasForm", None) and canvas.hasForm(FORM):
            canvas.saveState()
            canvas.translate(x + TILE_PADDING, y + TILE_PADDING)
            canvas.doForm(FORM)
            canvas.restoreState()
        else:
            self.image.draw(canvas, x + TILE_PADDING, y + TILE_PADDING, self.width, self.height)

    def define_form(self, canvas: Any) -> None:
        """Draw the logo once into a form of this PDF, which `draw` then places.

        A large SVG logo costs a second or more per drawing: drawn once instead of once per
        card type, the card PDFs take a third of the time. Call it outside any other form
        (a form cannot be begun inside another).
        """
        if canvas.hasForm(FORM):
            return
        # the box is generous: a stroke may reach past an SVG's own size, as it did before
        canvas.beginForm(FORM, -self.width, -self.height, 2 * self.width, 2 * self.height)
        self.image.draw(canvas, 0, 0, self.width, self.height)
        canvas.endForm()


def load_logo(workshop: Workshop, max_width: float, max_height: float) -> Logo | None:
    """The workshop's logo scaled to fit max_width × max_height (tile included); None without one.

    ContentError (located at `theme.logo`) when it cannot be drawn.
    """
    image = load_image(workshop)
    if image is None:
        return None
    room_w, room_h = max_width - 2 * TILE_PADDING, max_height - 2 * TILE_PADDING
    scale = min(room_w / image.width, room_h / image.height)
    return Logo(image, image.width * scale, image.height * scale)
