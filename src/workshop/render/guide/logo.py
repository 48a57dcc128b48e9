"""The workshop's logo as a flowable on the guide's front page (drawn by `pdf.logo`)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.content.loader import Workshop
from workshop.pdf.logo import LogoImage, load_logo


class LogoFlowable(Flowable):
    """The logo at a size of its own, drawn where the frame puts it (left-aligned)."""

    def __init__(self, logo: LogoImage, width: float, height: float) -> None:
        super().__init__()
        self.logo, self.width, self.height = logo, width, height
        self.hAlign = "LEFT"

    def draw(self) -> None:
        self.logo.draw(self.canv, 0, 0, self.width, self.height)


def logo_flowable(workshop: Workshop, max_width: float, max_height: float) -> LogoFlowable:
    """The logo scaled to fit max_width × max_height, keeping its proportions.

    ContentError (located at `theme.logo`) when it cannot be drawn.
    """
    image = load_logo(workshop)
    assert image is not None, "called only for a workshop with a logo"
    scale = min(max_width / image.width, max_height / image.height)
    return LogoFlowable(image, image.width * scale, image.height * scale)
