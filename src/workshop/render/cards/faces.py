"""Drawing one card face, front or back, with its lower-left trim corner at the origin.

A face is prepared once (text size fitted, QR size known) and then drawn on every canvas that
needs it: the print sheets and the single-card PDF. Each face is drawn in two parts: the
background, which runs into the bleed and so depends on where the card sits, and the
content inside the trim, which is the same everywhere and so is drawn once (fronts: see
`stamps`; backs: a form per type). Everything visible stays inside the safe zone, 3 mm
inside the trim.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from workshop.content.units import mm
from workshop.pdf import fonts
from workshop.pdf.qr import QUIET_ZONE, QrCodes, draw_qr
from workshop.pdf.typography import INK, MUTED, rgb
from workshop.render.cards.fitting import Area, Fitted, Spec

SAFE = mm(3)
WHITE = "#FFFFFF"
Bleed = tuple[float, float, float, float]  # left, bottom, right, top


@dataclass(frozen=True)
class FrontGeometry:
    """Where things go on a front of this size: header band, QR code, and the areas text flows into.

    The text runs full width above the QR code and continues beside it, down to the id.
    The code's quiet zone is white on the white card, so it may reach past the safe zone
    (never past the trim); the dark symbol itself stays inside the safe zone.
    """

    width: float
    height: float
    pad: float
    band: float
    symbol: float
    quiet: float
    corner: float
    areas: tuple[Area, ...]
    with_hint: bool

    @property
    def qr_size(self) -> float:
        return self.symbol + 2 * self.quiet

    @property
    def beside_x(self) -> float:
        """Left edge of what stands beside the QR code (id, hint, flowing text)."""
        return self.corner + self.symbol + mm(3)


def qr_symbol_size(width: float, height: float) -> float:
    """The visible QR symbol: 25 mm where the card is big enough, otherwise the 20 mm minimum."""
    return mm(25) if width >= mm(70) and height >= mm(100) else mm(20)


def front_geometry(
    width: float, height: float, modules: int | None, card_id: str = "", hint: str = ""
) -> FrontGeometry:
    """The layout of a front; `modules` is the QR symbol's size in modules (None: no QR code).

    Text may continue beside the QR code down to the id and hint, whose height is measured
    for this card (not reserved for the worst case), so short ids leave more room for text.
    """
    pad = mm(4.5) if width >= mm(60) else mm(4)
    band = min(mm(11), max(mm(6.5), height * 0.095))
    top = height - band - pad * 0.8
    if modules is None:
        area = Area(pad, top, width - 2 * pad, top - SAFE - mm(5))
        return FrontGeometry(width, height, pad, band, 0.0, 0.0, SAFE, (area,), False)
    symbol = qr_symbol_size(width, height)
    quiet = symbol * QUIET_ZONE / modules
    corner = max(SAFE, quiet + mm(0.4))
    with_hint = height >= mm(85)
    above = corner + symbol + quiet + mm(0.5)
    areas = [Area(pad, top, width - 2 * pad, top - above)]
    beside = corner + symbol + mm(3)
    column = width - SAFE - beside
    id_top = corner + label_height(card_id, hint if with_hint else "", column) + mm(2)
    if width - pad - beside >= mm(22) and above - id_top >= mm(6):
        areas.append(Area(beside, above, width - pad - beside, above - id_top))
    return FrontGeometry(width, height, pad, band, symbol, quiet, corner, tuple(areas), with_hint)


ID_SIZE = 7.0
HINT_SIZE = 6.5
HINT_LEADING = 8.0
BAR_GAP = 2.0
BAR = 1.4


def id_lines(card_id: str, column: float) -> tuple[float, list[str]]:
    """The id's font size and lines beside the QR code: shrunk a little, then broken at hyphens."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register_fonts()
    size = ID_SIZE
    while size > 5.0 and stringWidth(card_id, fonts.BOLD, size) > column:
        size -= 0.25
    return size, _split_id(card_id, fonts.BOLD, size, column)


@lru_cache(maxsize=64)
def hint_lines(hint: str, column: float) -> tuple[str, ...]:
    """The scan hint broken to the column (the same for every card: worked out once)."""
    from reportlab.lib.utils import simpleSplit

    return tuple(simpleSplit(hint, fonts.REGULAR, HINT_SIZE, column)) if hint else ()


def label_height(card_id: str, hint: str, column: float) -> float:
    """Height of the id, the hint and the accent bar stacked beside the QR code, as drawn."""
    size, lines = id_lines(card_id or "x", column)
    height = len(lines) * size * 1.2
    if hint:
        height += 1.5 + len(hint_lines(hint, column)) * HINT_LEADING
    return height + BAR_GAP + BAR


@dataclass(frozen=True)
class Front:
    """A front ready to draw, once its text is set at `size` (see `deck.Deck.text`)."""

    card_id: str
    type_label: str
    color: str
    number: str
    geometry: FrontGeometry
    size: float
    """The body text size the fit chose (all cards of a type share it)."""
    areas: int
    """How many of the geometry's text areas the text uses at that size."""
    url: str | None
    """What the QR code opens (None: no code)."""
    scan_hint: str
    specs: tuple[Spec, ...] = ()
    """The paragraphs before fitting, to set them at `size`."""
    overflows: bool = False
    """The text does not fit even at the smallest size (only in previews, which show it anyway)."""


def draw_front_background(canvas: Any, face: Front, bleed: Bleed) -> None:
    """The white card and the type-colour band, both into the bleed: the part that depends on
    where the card sits, drawn anew each time."""
    g = face.geometry
    left, bottom, right, top = bleed
    canvas.setFillColor(rgb(WHITE))
    canvas.rect(-left, -bottom, g.width + left + right, g.height + bottom + top, stroke=0, fill=1)
    canvas.setFillColor(rgb(face.color))
    canvas.rect(-left, g.height - g.band, g.width + left + right, g.band + top, stroke=0, fill=1)


def draw_front_content(canvas: Any, face: Front, text: Fitted, codes: QrCodes) -> None:
    """Everything inside the trim: the same wherever the card sits (so it is recorded once)."""
    g = face.geometry
    baseline = g.height - g.band / 2 - 2.6
    canvas.setFillColor(rgb(WHITE))
    _spaced(canvas, face.type_label.upper(), g.pad, baseline, fonts.BOLD, 7.5, 1.1)
    canvas.setFont(fonts.BOLD, 7.5)
    canvas.drawRightString(g.width - g.pad, baseline, face.number)
    for placed in text.placed:
        placed.paragraph.drawOn(canvas, placed.x, placed.top - placed.height)
    if face.url is not None:
        _draw_code(canvas, face, codes)
    else:
        canvas.setFillColor(rgb(MUTED))
        canvas.setFont(fonts.REGULAR, 6.5)
        canvas.drawString(g.pad, SAFE + mm(1), face.card_id)


def _draw_code(canvas: Any, face: Front, codes: QrCodes) -> None:
    """The QR code in the lower-left corner; beside it the short id and what the code is for."""
    g = face.geometry
    assert face.url is not None
    draw_qr(canvas, codes.symbol(face.url), g.corner - g.quiet, g.corner - g.quiet, g.qr_size)
    x = g.beside_x
    column = g.width - SAFE - x
    size, lines = id_lines(face.card_id, column)
    y = g.corner
    canvas.setFillColor(rgb(INK))
    canvas.setFont(fonts.BOLD, size)
    for line in reversed(lines):
        canvas.drawString(x, y, line)
        y += size * 1.2
    if g.with_hint:
        y += 1.5
        canvas.setFillColor(rgb(MUTED))
        canvas.setFont(fonts.REGULAR, HINT_SIZE)
        for line in reversed(hint_lines(face.scan_hint, column)):
            canvas.drawString(x, y, line)
            y += HINT_LEADING
    canvas.setFillColor(rgb(face.color))
    canvas.rect(x, y + BAR_GAP, mm(6), BAR, stroke=0, fill=1)


def _split_id(card_id: str, font: str, size: float, width: float) -> list[str]:
    """A long id broken after its hyphens so each line fits `width` (ids have no spaces)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for part in card_id.replace("-", "-\n").split("\n"):
        if current and stringWidth(current + part, font, size) > width:
            lines.append(current)
            current = part
        else:
            current += part
    return [*lines, current]


def _spaced(canvas: Any, text: str, x: float, y: float, font: str, size: float, spacing: float) -> None:
    """Letter-spaced small capitals, as used for the card type."""
    canvas.saveState()  # character spacing is graphics state: keep it from leaking into later text
    t = canvas.beginText(x, y)
    t.setFont(font, size)
    t.setCharSpace(spacing)
    t.textOut(text)
    canvas.drawText(t)
    canvas.restoreState()


@dataclass(frozen=True)
class Back:
    """A back ready to draw: workshop title, card type and logo on the type colour."""

    title: Any  # a wrapped Paragraph
    title_height: float
    type_label: str
    color: str
    frame: str
    logo: Any | None  # logos.Logo


def draw_back_background(canvas: Any, face: Back, width: float, height: float, bleed: Bleed) -> None:
    """The type colour, into the bleed: the part that depends on where the card sits."""
    left, bottom, right, top = bleed
    canvas.setFillColor(rgb(face.color))
    canvas.rect(-left, -bottom, width + left + right, height + bottom + top, stroke=0, fill=1)


def draw_back_content(canvas: Any, face: Back, width: float, height: float) -> None:
    """Frame, logo, title and type inside the trim: the same on every back of a type."""
    inset = mm(4.5)
    canvas.setStrokeColor(rgb(face.frame))
    canvas.setLineWidth(0.6)
    canvas.roundRect(inset, inset, width - 2 * inset, height - 2 * inset, mm(2), stroke=1, fill=0)
    logo_height = face.logo.box_height if face.logo else 0.0
    gap = mm(5)
    stack = logo_height + (gap if face.logo else 0) + face.title_height + mm(4) + 8
    y = (height + stack) / 2
    if face.logo:
        face.logo.draw(canvas, width / 2, y - logo_height)
        y -= logo_height + gap
    face.title.drawOn(canvas, (width - face.title.width) / 2, y - face.title_height)
    y -= face.title_height + mm(3)
    canvas.setFillColor(rgb(WHITE))
    canvas.rect(width / 2 - mm(4), y, mm(8), 1.2, stroke=0, fill=1)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    label_text = face.type_label.upper()
    text_width = stringWidth(label_text, fonts.BOLD, 7) + 1.1 * (len(label_text) - 1)
    _spaced(canvas, label_text, (width - text_width) / 2, y - mm(1) - 7, fonts.BOLD, 7, 1.1)
