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


@dataclass(frozen=True)
class Logo:
    """A loaded logo scaled into a box; `box_*` include the white tile around it."""

    image: LogoImage
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
        self.image.draw(canvas, x + TILE_PADDING, y + TILE_PADDING, self.width, self.height)


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
