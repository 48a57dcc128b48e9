"""A front whose text does not fit, drawn for a preview with the overflow in plain sight.

The card is drawn as printed, its text set at the smallest size; where the text runs past
the bottom of its last area, a red-hatched zone begins, and the page continues below the
card's edge so every word that did not fit can still be read. Only previews draw this:
the build refuses such a card.
"""

from __future__ import annotations

import io
from typing import Any

from workshop.content.units import mm, to_mm
from workshop.pdf import fonts
from workshop.pdf.qr import QrCodes
from workshop.pdf.typography import rgb
from workshop.render.cards.deck import Deck
from workshop.render.cards.faces import draw_front_background, draw_front_content
from workshop.render.cards.fitting import Fitted, too_wide

RED = "#C0392B"
PALE_RED = "#FBE3E0"
LABEL_SIZE = 7.0


def overflow_page(deck: Deck, index: int, message: str = "") -> tuple[bytes, float]:
    """A one-page PDF: front `index` (trim plus bleed left, right and top) above a red-hatched band
    holding the text that runs past the card and `message` (lines; default `overflow_label`);
    returns the PDF and the band's height in points."""
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_fonts()
    front = deck.fronts[index]
    text = deck.text(index)
    area = front.geometry.areas[front.areas - 1]
    limit = area.top - area.height  # where the text should have ended
    lowest = min(placed.top - placed.height for placed in text.placed)
    lines = (message or overflow_label(text)).split("\n")
    band = max(0.0, -lowest) + mm(3) + LABEL_SIZE * (1.2 * len(lines) + 1.2)
    bleed = deck.bleed
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(deck.width + 2 * bleed, deck.height + bleed + band), invariant=1)
    canvas.translate(bleed, band)
    draw_front_background(canvas, front, (bleed, 0.0, bleed, bleed))
    draw_front_content(canvas, front, text, QrCodes())
    left, right = front.geometry.pad - mm(1), deck.width - front.geometry.pad + mm(1)
    _zone(canvas, area.x - mm(1), 0.0, right, limit)  # on the card: where the text should have ended
    _zone(canvas, 0.0, -band, deck.width, 0.0)  # below it: what the card has no room for
    _limit(canvas, left, right, limit)
    _edge(canvas, deck.width, bleed)
    for placed in text.placed:  # the words that did not fit, readable on top of the zone and edge
        if placed.top - placed.height < limit - 0.01:
            placed.paragraph.drawOn(canvas, placed.x, placed.top - placed.height)
    for number, line in enumerate(reversed(lines)):
        _label(canvas, line, -band + LABEL_SIZE * (0.9 + 1.2 * number), deck.width)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), band


def overflow_label(text: Fitted) -> str:
    """What the band under the card says, one line each: how much room is missing, whether a word
    is too wide."""
    parts = ["DOES NOT FIT"]
    if text.overflow > 0.01:
        parts.append(f"the text needs {max(1, round(to_mm(text.overflow)))} mm more")
    if any(too_wide(placed.paragraph) for placed in text.placed):
        parts.append("a word is wider than its line")
    return "\n".join(parts)


def _zone(canvas: Any, x: float, bottom: float, right: float, top: float) -> None:
    """Part of the overflow zone: pale red, hatched, bordered in red."""
    canvas.saveState()
    canvas.setFillColor(rgb(PALE_RED))
    canvas.setFillAlpha(0.9)
    canvas.rect(x, bottom, right - x, top - bottom, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    path = canvas.beginPath()
    path.rect(x, bottom, right - x, top - bottom)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.setStrokeColor(rgb(RED))
    canvas.setStrokeAlpha(0.35)
    canvas.setLineWidth(0.6)
    step = mm(2)
    start = x - (top - bottom)
    while start < right:
        canvas.line(start, bottom, start + (top - bottom), top)
        start += step
    canvas.restoreState()
    canvas.saveState()
    canvas.setStrokeColor(rgb(RED))
    canvas.setLineWidth(0.8)
    canvas.rect(x, bottom, right - x, top - bottom, stroke=1, fill=0)
    canvas.restoreState()


def _limit(canvas: Any, left: float, right: float, y: float) -> None:
    """A dashed red line where the card's text has to end."""
    canvas.saveState()
    canvas.setStrokeColor(rgb(RED))
    canvas.setLineWidth(1.2)
    canvas.setDash(3, 2)
    canvas.line(left, y, right, y)
    canvas.restoreState()


def _edge(canvas: Any, width: float, bleed: float) -> None:
    """The card's bottom edge, where the printed card ends."""
    canvas.saveState()
    canvas.setStrokeColor(rgb(RED))
    canvas.setLineWidth(1.6)
    canvas.line(-bleed, 0, width + bleed, 0)
    canvas.restoreState()


def _label(canvas: Any, message: str, y: float, width: float) -> None:
    canvas.saveState()
    canvas.setFillColor(rgb(RED))
    canvas.setFont(fonts.BOLD, LABEL_SIZE)
    canvas.drawCentredString(width / 2, y, message)
    canvas.restoreState()
