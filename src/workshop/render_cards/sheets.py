"""cards.pdf and cards-single.pdf: faces placed on sheets (with marks, ruler and hint) or one per page.

Geometry comes from `layout`; this module only draws. Back sheets follow their front
sheet, mirrored for the duplex edge and shifted by `print.back_offset`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from .. import fonts
from ..labels import Language, label
from ..layout import Rect, SheetPlan, Slot, back_slots, single_page
from ..layout_footer import Placement
from ..typography import MUTED
from ..units import mm
from .deck import Deck
from .faces import draw_back, draw_front

HINT_SIZE = 6.0
RULER = mm(50)
DUPLEX_NAMES = {"long-edge": "/DuplexFlipLongEdge", "short-edge": "/DuplexFlipShortEdge"}


def new_canvas(buffer: io.BytesIO, size: tuple[float, float], title: str, duplex: str) -> Any:
    """A reproducible canvas in Lato that asks viewers to print at 100 % with the right duplex edge."""
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_fonts()
    canvas = Canvas(buffer, pagesize=size, invariant=1, initialFontName=fonts.REGULAR, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("workshop")
    canvas.setViewerPreference("PrintScaling", "/None")
    canvas.setViewerPreference("Duplex", DUPLEX_NAMES.get(duplex, "/Simplex"))
    return canvas


def hint_text(language: Language, duplex: str) -> str:
    return label("print_hint", language, edge=label(duplex, language))


def render_sheets(
    deck: Deck, plan: SheetPlan, duplex: str, back_offset: tuple[float, float]
) -> tuple[bytes, str]:
    """cards.pdf as bytes, and how many sheets of which kind it holds (for the build's note)."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (plan.width, plan.height), deck.title, duplex)
    hint = hint_text(deck.language, duplex)
    count = len(deck.fronts)
    chunks = [range(start, min(start + plan.per_sheet, count)) for start in range(0, count, plan.per_sheet)]
    if duplex == "fold":
        for chunk in chunks:
            for slot, index in zip(plan.slots, chunk, strict=False):
                _place_front(canvas, deck, index, slot.trim, slot.bleed)
                assert slot.back_trim is not None and slot.back_bleed is not None
                _place_back(canvas, deck, index, slot.back_trim, slot.back_bleed)
            _furnish(canvas, plan, hint)
        summary = f"{len(chunks)} sheets (front and back side by side: fold along the dashed marks)"
    elif duplex == "none":
        for chunk in chunks:
            _front_sheet(canvas, deck, plan, chunk, hint)
        types = list(dict.fromkeys(deck.types))
        for card_type in types:
            index = deck.types.index(card_type)
            for slot in plan.slots:
                _place_back(canvas, deck, index, slot.trim, slot.bleed)
            _furnish(canvas, plan, hint)
        summary = f"{len(chunks) + len(types)} sheets ({len(chunks)} fronts + {len(types)} backs, one per card type)"
    else:
        backs = back_slots(plan, duplex)  # type: ignore[arg-type]
        for chunk in chunks:
            _front_sheet(canvas, deck, plan, chunk, hint)
            canvas.saveState()
            canvas.translate(*back_offset)
            for slot, index in zip(backs, chunk, strict=False):
                _place_back(canvas, deck, index, slot.trim, slot.bleed)
            _furnish(canvas, plan, hint, finish=False)
            canvas.restoreState()
            canvas.showPage()
        summary = f"{2 * len(chunks)} sheets ({len(chunks)} fronts + {len(chunks)} backs)"
    canvas.save()
    return buffer.getvalue(), summary


def _front_sheet(canvas: Any, deck: Deck, plan: SheetPlan, chunk: range, hint: str) -> None:
    for slot, index in zip(plan.slots, chunk, strict=False):
        _place_front(canvas, deck, index, slot.trim, slot.bleed)
    _furnish(canvas, plan, hint)


def _extents(trim: Rect, bleed: Rect) -> tuple[float, float, float, float]:
    return trim.x - bleed.x, trim.y - bleed.y, bleed.right - trim.right, bleed.top - trim.top


def _place_front(canvas: Any, deck: Deck, index: int, trim: Rect, bleed: Rect) -> None:
    canvas.saveState()
    canvas.translate(trim.x, trim.y)
    draw_front(canvas, deck.fronts[index], _extents(trim, bleed))
    canvas.restoreState()


def _place_back(canvas: Any, deck: Deck, index: int, trim: Rect, bleed: Rect) -> None:
    canvas.saveState()
    canvas.translate(trim.x, trim.y)
    draw_back(canvas, deck.backs[index], trim.width, trim.height, _extents(trim, bleed))
    canvas.restoreState()


def _furnish(canvas: Any, plan: SheetPlan, hint: str, *, finish: bool = True) -> None:
    """Crop and fold marks, the print hint and the 50 mm ruler; then end the page."""
    canvas.saveState()
    canvas.setStrokeColor("#000000")
    canvas.setLineWidth(0.3)
    for mark in plan.marks:
        canvas.setDash([2, 1.5] if mark.fold else [])
        canvas.line(mark.x1, mark.y1, mark.x2, mark.y2)
    canvas.setDash([])
    _draw_hint(canvas, plan.hint, hint)
    draw_ruler(canvas, plan.ruler)
    canvas.restoreState()
    if finish:
        canvas.showPage()


def _draw_hint(canvas: Any, where: Placement, text: str) -> None:
    canvas.saveState()
    canvas.translate(where.x, where.y)
    canvas.rotate(where.angle)
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.REGULAR, HINT_SIZE)
    canvas.drawString(0, mm(0.9), text)
    canvas.restoreState()


def draw_ruler(canvas: Any, where: Placement) -> None:
    """A 50 mm ruler with 5 mm ticks and its label: measure it to catch a scaled print."""
    canvas.saveState()
    canvas.translate(where.x, where.y)
    canvas.rotate(where.angle)
    canvas.setStrokeColor("#000000")
    canvas.setLineWidth(0.35)
    base = mm(0.6)
    canvas.line(0, base, RULER, base)
    for step in range(11):
        x = step * mm(5)
        canvas.line(x, base, x, base + (mm(2.4) if step % 2 == 0 else mm(1.3)))
    canvas.setFillColor("#000000")
    canvas.setFont(fonts.BOLD, HINT_SIZE)
    canvas.drawString(RULER + mm(1.5), base, label("ruler", "en"))
    canvas.restoreState()


def ruler_length() -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register_fonts()
    return RULER + mm(1.5) + stringWidth(label("ruler", "en"), fonts.BOLD, HINT_SIZE)


def hint_length(language: Language, duplex: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register_fonts()
    return stringWidth(hint_text(language, duplex), fonts.REGULAR, HINT_SIZE)


def render_single(deck: Deck, duplex: str) -> bytes:
    """cards-single.pdf: each card's front then back, trim plus bleed, TrimBox and BleedBox set."""
    page, trim = single_page(deck.width, deck.height, deck.bleed)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (page.width, page.height), deck.title, "none")
    canvas.setTrimBox((trim.x, trim.y, trim.right, trim.top))
    canvas.setBleedBox((0, 0, page.width, page.height))
    bleed = (deck.bleed,) * 4
    for index in _indices(deck):
        canvas.translate(trim.x, trim.y)
        draw_front(canvas, deck.fronts[index], bleed)  # type: ignore[arg-type]
        canvas.showPage()
        canvas.translate(trim.x, trim.y)
        draw_back(canvas, deck.backs[index], deck.width, deck.height, bleed)  # type: ignore[arg-type]
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _indices(deck: Deck) -> Iterator[int]:
    return iter(range(len(deck.fronts)))


__all__ = [
    "Slot",
    "draw_ruler",
    "hint_length",
    "new_canvas",
    "render_sheets",
    "render_single",
    "ruler_length",
]
