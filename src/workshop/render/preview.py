"""`workshop preview`: one PNG per card face, cut at the trim, for a quick look without printing.

The images are rendered from cards-single.pdf itself (pypdfium2), so what you see is what
the print shop gets, minus the bleed. A front whose text does not fit is rendered anyway,
its overflow in a red-hatched zone that continues below the card, so the trainer sees what
to cut; those cards are listed as problems.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from workshop.content.loader import Workshop
from workshop.content.problems import Problem

DEFAULT_DPI = 150


@dataclass
class Previews:
    """The images of every face, and what does not fit (the fronts marked so)."""

    files: dict[str, bytes] = field(default_factory=dict)
    """'01-<id>-front.png' → PNG bytes, in deck order, fronts before backs."""
    problems: list[Problem] = field(default_factory=list)
    overflowing: list[str] = field(default_factory=list)
    """Ids of the cards whose front shows an overflow zone."""


def preview_faces(workshop: Workshop, dpi: int = DEFAULT_DPI) -> Previews:
    """Every face as PNG, overflowing fronts marked; raises ContentError only for a missing glyph."""
    import pypdfium2 as pdfium

    from workshop.render.cards import preview_deck
    from workshop.render.cards.sheets import render_single

    deck = preview_deck(workshop)
    result = Previews(problems=list(deck.problems))
    document = pdfium.PdfDocument(render_single(deck, workshop.config.print.duplex))
    bleed = workshop.config.print.bleed
    digits = max(2, len(str(len(workshop.cards))))
    try:
        for index, card in enumerate(workshop.cards):
            stem = f"{index + 1:0{digits}d}-{card.id}"
            if deck.fronts[index].overflows:
                result.overflowing.append(card.id)
                result.files[f"{stem}-front.png"] = face_png(deck, index, dpi)
            else:
                result.files[f"{stem}-front.png"] = _page_png(document[2 * index], dpi, bleed)
            result.files[f"{stem}-back.png"] = _page_png(document[2 * index + 1], dpi, bleed)
    finally:
        document.close()
    return result


def face_png(deck: Any, index: int, dpi: int = DEFAULT_DPI) -> bytes:
    """Front `index` of a preview deck (`render_cards.preview_deck`) as PNG bytes; an overflowing
    front with its overflow zone below the card."""
    import pypdfium2 as pdfium

    from workshop.render.cards.overflow import overflow_page
    from workshop.render.cards.sheets import render_single

    front = deck.fronts[index]
    if not front.overflows:
        single = pdfium.PdfDocument(render_single(_one(deck, index), "none"))
        try:
            return _page_png(single[0], dpi, deck.bleed)
        finally:
            single.close()
    pdf, _band = overflow_page(deck, index)
    page_document = pdfium.PdfDocument(pdf)
    try:
        return _page_png(page_document[0], dpi, deck.bleed, bottom=0.0)
    finally:
        page_document.close()


def _one(deck: Any, index: int) -> Any:
    """The deck cut down to card `index` alone."""
    from dataclasses import replace

    return replace(deck, fronts=(deck.fronts[index],), backs=(deck.backs[index],), types=(deck.types[index],))


def _page_png(page: Any, dpi: int, bleed: float, bottom: float | None = None) -> bytes:
    """A page rendered at `dpi`, the bleed cut off (at the bottom only `bottom`, if given)."""
    crop = (bleed, bleed if bottom is None else bottom, bleed, bleed)
    image = page.render(scale=dpi / 72, crop=crop).to_pil()
    page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
