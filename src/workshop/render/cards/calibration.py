"""calibration.pdf: a front with crosses and a back with scales, to measure a printer's duplex offset.

The back page is mirrored like card backs and already shifted by the current
`print.back_offset`, so a printer that is set up right reads 0, 0.
"""

from __future__ import annotations

import io
from typing import Any

from workshop.content.labels import label
from workshop.content.loader import Workshop
from workshop.content.units import mm, paper_size
from workshop.pdf import fonts
from workshop.pdf.geometry import Rect
from workshop.pdf.layout import mirror
from workshop.pdf.layout_footer import MARGIN, Placement
from workshop.pdf.metadata import document_info
from workshop.pdf.typography import paragraph_style
from workshop.render.cards.sheets import draw_ruler, hint_text, new_canvas

SCALE = 10  # mm either side of zero on the back's scales


def render_calibration(workshop: Workshop) -> bytes:
    settings = workshop.config.print
    language = workshop.config.language
    width, height = paper_size(settings.paper)
    duplex = settings.duplex if settings.duplex in ("long-edge", "short-edge") else "long-edge"
    targets = [(width / 2, height / 2), (width * 0.25, height * 0.3), (width * 0.75, height * 0.3)]
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (width, height), document_info(workshop, "calibration_title"), duplex)
    _text(canvas, workshop, label("calibration_front", language, edge=label(duplex, language)), width, height)
    for x, y in targets:
        _cross(canvas, x, y)
    _footer(canvas, width, hint_text(language, duplex))
    canvas.showPage()
    canvas.translate(*settings.back_offset)
    _text(canvas, workshop, label("calibration_back", language), width, height)
    for x, y in targets:
        spot = mirror(Rect(x, y, 0, 0), width, height, duplex)
        _scales(canvas, spot.x, spot.y)
    _footer(canvas, width, hint_text(language, duplex))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text(canvas: Any, workshop: Workshop, body: str, width: float, height: float) -> None:
    language = workshop.config.language
    title_style = paragraph_style("cal-title", language, 16, font=fonts.BLACK)
    body_style = paragraph_style("cal-body", language, 9.5, leading=13)
    top = height - mm(18)
    for markup, style in ((label("calibration_title", language), title_style), (body, body_style)):
        from reportlab.platypus import Paragraph

        paragraph = Paragraph(markup, style)
        _, h = paragraph.wrap(width - mm(40), height)
        paragraph.drawOn(canvas, mm(20), top - h)
        top -= h + mm(4)


def _cross(canvas: Any, x: float, y: float) -> None:
    """A fine cross with a circle: thin enough to read its position to half a millimetre."""
    canvas.setStrokeColor("#000000")
    canvas.setLineWidth(0.3)
    arm = mm(SCALE + 4)
    canvas.line(x - arm, y, x + arm, y)
    canvas.line(x, y - arm, x, y + arm)
    canvas.circle(x, y, mm(3), stroke=1, fill=0)


def _scales(canvas: Any, x: float, y: float) -> None:
    """Millimetre scales crossing at (x, y): x to the right, y upwards, numbered every 5 mm."""
    canvas.setStrokeColor("#000000")
    canvas.setFillColor("#000000")
    canvas.setLineWidth(0.25)
    canvas.setFont(fonts.REGULAR, 5.5)
    canvas.line(x - mm(SCALE), y, x + mm(SCALE), y)
    canvas.line(x, y - mm(SCALE), x, y + mm(SCALE))
    for step in range(-SCALE, SCALE + 1):
        tick = mm(2) if step % 5 == 0 else mm(1)
        canvas.line(x + mm(step), y, x + mm(step), y - tick)
        canvas.line(x, y + mm(step), x + tick, y + mm(step))
        if step % 5 == 0 and step:
            canvas.drawCentredString(x + mm(step), y - mm(4.2), f"{step:+d}")
            canvas.drawString(x + mm(2.6), y + mm(step) - 2, f"{step:+d}")
    canvas.drawString(x + mm(SCALE) + mm(1), y - 2, "x")
    canvas.drawString(x - 1.5, y + mm(SCALE) + mm(1), "y")


def _footer(canvas: Any, width: float, hint: str) -> None:
    canvas.setFillColor("#5F6368")
    canvas.setFont(fonts.REGULAR, 6)
    canvas.drawString(MARGIN + mm(5), MARGIN + mm(0.9), hint)
    draw_ruler(canvas, Placement(width - MARGIN - mm(5) - mm(60), MARGIN, mm(60), 0))
