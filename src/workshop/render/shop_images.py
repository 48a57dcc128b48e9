"""print-shop/png-300dpi/: one PNG per card face and back at a shop's pixel size, and a CSV listing them.

Shops that print from images (MakePlayingCards, PrinterStudio, The Game Crafter) take one
file per face at 300 dpi, bleed included, in their own template size: for poker cards
822×1122 px (MakePlayingCards, PrinterStudio) or 825×1125 px (The Game Crafter). The card
is drawn at its true size in the middle of that image, its background running to the edges,
so the shop's cut line falls inside the bleed whatever the few tenths of a millimetre
between its template and the card. Other card sizes get the card plus the shop's bleed.
"""

from __future__ import annotations

import csv
import io
from typing import Literal

from workshop.content.copies import copies
from workshop.content.loader import Workshop
from workshop.content.units import to_mm
from workshop.pdf.qr import QrCodes
from workshop.render.cards.deck import Deck

DPI = 300
FOLDER = "png-300dpi"
Shop = Literal["mpc", "tgc"]
TEMPLATES: dict[Shop, dict[str, tuple[int, int]]] = {
    "mpc": {"poker": (822, 1122)},  # MakePlayingCards and PrinterStudio
    "tgc": {"poker": (825, 1125)},  # The Game Crafter
}
BLEED_PX: dict[Shop, int] = {"mpc": 36, "tgc": 38}
"""Bleed per side for sizes without a template: 0.12 in at MakePlayingCards, 1/8 in at The Game Crafter."""
SHOP_NAMES: dict[Shop, str] = {"mpc": "MakePlayingCards/PrinterStudio", "tgc": "The Game Crafter"}


def pixel_size(workshop: Workshop, shop: Shop) -> tuple[int, int]:
    """The image size the shop asks for, for this workshop's card size."""
    size = workshop.config.print.card_size
    template = TEMPLATES[shop].get(size.name)
    if template is not None:
        return template
    bleed = 2 * BLEED_PX[shop]
    return (round(to_mm(size.width) / 25.4 * DPI) + bleed, round(to_mm(size.height) / 25.4 * DPI) + bleed)


def shop_images(
    workshop: Workshop, deck: Deck, shop: Shop, codes: QrCodes | None = None
) -> tuple[dict[str, bytes], str]:
    """{'png-300dpi/001-<id>-front.png': …, …, 'png-300dpi/cards.csv': …} and a line for the build.

    `codes`: the build's QR codes (None: each made when drawn)."""
    from workshop.render.cards.sheets import render_single
    from workshop.render.cards.stamps import Stamps

    width, height = pixel_size(workshop, shop)
    points = (width * 72 / DPI, height * 72 / DPI)
    pdf = render_single(deck, "none", Stamps(deck, codes=codes), page_size=points)
    # render_single draws each card's front then its back; every back of a type is the same picture
    back_pages = {deck.types[i]: 2 * i + 1 for i in reversed(range(len(deck.fronts)))}
    pages = sorted({*range(0, 2 * len(deck.fronts), 2), *back_pages.values()})
    pictures = _rasterise(pdf, pages, (width, height))
    digits = max(3, len(str(len(deck.fronts))))
    files: dict[str, bytes] = {}
    rows = [("file", "card", "side", "copies")]
    counted = copies(workshop)
    each = counted or 1
    for index, front in enumerate(deck.fronts):
        stem = f"{index + 1:0{digits}d}-{front.card_id}"
        for side, page in (("front", 2 * index), ("back", back_pages[deck.types[index]])):
            name = f"{stem}-{side}.png"
            files[f"{FOLDER}/{name}"] = pictures[page]
            rows.append((name, front.card_id, side, str(each)))
    table = io.StringIO()
    csv.writer(table, lineterminator="\n").writerows(rows)
    files[f"{FOLDER}/cards.csv"] = table.getvalue().encode("utf-8")
    summary = (
        f"{FOLDER}/: {2 * len(deck.fronts)} PNGs of {width}×{height} px for {SHOP_NAMES[shop]}, "
        f"{each} {'copy' if each == 1 else 'copies'} of each card in cards.csv"
        + ("" if counted else " (set print.copies or group_size to have it counted)")
    )
    return files, summary


def _rasterise(pdf: bytes, pages: list[int], size: tuple[int, int]) -> dict[int, bytes]:
    """The given pages at 300 dpi as PNG bytes, each exactly `size` pixels."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pictures: dict[int, bytes] = {}
        for number in pages:
            image = document[number].render(scale=DPI / 72).to_pil().convert("RGB")
            if image.size != size:  # a rounding pixel at most: the page is exactly `size` at 300 dpi
                image = image.crop((0, 0, *size))
            out = io.BytesIO()
            image.save(out, "PNG", dpi=(DPI, DPI))
            pictures[number] = out.getvalue()
        return pictures
    finally:
        document.close()
