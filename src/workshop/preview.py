"""`workshop preview`: one PNG per card face, cut at the trim, for a quick look without printing.

The images are rendered from cards-single.pdf itself (pypdfium2), so what you see is what
the print shop gets, minus the bleed.
"""

from __future__ import annotations

import io

from .loader import Workshop

DEFAULT_DPI = 150


def render_previews(workshop: Workshop, dpi: int = DEFAULT_DPI) -> dict[str, bytes]:
    """{'01-<id>-front.png': PNG bytes, '01-<id>-back.png': …} for every card, in deck order."""
    import pypdfium2 as pdfium

    from .render_cards import single_pdf

    document = pdfium.PdfDocument(single_pdf(workshop))
    bleed = workshop.config.print.bleed
    digits = max(2, len(str(len(workshop.cards))))
    files: dict[str, bytes] = {}
    try:
        for index, card in enumerate(workshop.cards):
            for offset, side in enumerate(("front", "back")):
                page = document[2 * index + offset]
                image = page.render(scale=dpi / 72, crop=(bleed, bleed, bleed, bleed)).to_pil()
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", dpi=(dpi, dpi))
                files[f"{index + 1:0{digits}d}-{card.id}-{side}.png"] = buffer.getvalue()
                page.close()
    finally:
        document.close()
    return files
