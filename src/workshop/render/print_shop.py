"""build/print-shop/: the files print-on-demand shops ask for (`print.shop`, `build --for print-shop`).

- `cards-pdfx.pdf`: every card's front and back, one per page with TrimBox and BleedBox, as
  PDF/X-4 (or PDF/X-1a where a shop asks for it) with a CMYK OutputIntent, made by
  Ghostscript (`pdf.ghostscript`). The cards are drawn for it with every grey, black
  included, as black ink alone (`press_color`): converted through a profile, a dark grey
  becomes a "rich black" of four inks, and small type and QR modules printed in four inks
  blur wherever the plates are slightly out of register.
- `png-300dpi/`: one image per card face and back at the shop's pixel size (`shop_images`).

A shop build needs Ghostscript and, for a sharp print, a logo of at least 300 ppi:
`check_print_shop` reports both before anything is drawn.
"""

from __future__ import annotations

from typing import Any

from workshop.content.loader import Workshop
from workshop.content.problems import ContentError, Problem
from workshop.render.context import RenderContext

FOLDER = "print-shop"
PDFX_NAME = f"{FOLDER}/cards-pdfx.pdf"
NEUTRAL_SPREAD = 10 / 255
"""How far apart R, G and B may be for a colour to count as grey: the cards' text greys are a
little cool (#1D1D1F, #5F6368), and a grey tinted that little prints as grey all the same."""
SOLID_BLACK = 0.85
"""Greys at least this dark print as 100 % black: a dot screen frays the edges of small type."""
MIN_PPI = 300


def targets(workshop: Workshop) -> tuple[str, ...]:
    """What `print.shop` asks for beyond the defaults: () for true, e.g. ('pdfx-1a',)."""
    shop = workshop.config.print.shop
    return tuple(shop) if isinstance(shop, list) else ()


def wanted(workshop: Workshop) -> bool:
    """Whether this build writes print-shop files."""
    return workshop.config.print.shop is not False


def render(workshop: Workshop, context: RenderContext) -> dict[str, bytes]:
    """{'print-shop/cards-pdfx.pdf': …, 'print-shop/png-300dpi/…': …}."""
    from workshop.pdf.ghostscript import GhostscriptError, PdfxVersion, make_pdfx
    from workshop.render.cards import card_deck
    from workshop.render.cards.sheets import render_single
    from workshop.render.cards.stamps import Stamps
    from workshop.render.shop_images import Shop, shop_images

    deck = card_deck(workshop, context)
    version: PdfxVersion = "PDF/X-1a:2003" if "pdfx-1a" in targets(workshop) else "PDF/X-4"
    context.step("making print-shop files…")
    source = render_single(deck, "none", Stamps(deck, codes=context.codes, share=False), colors=press_color)
    try:
        pdfx = make_pdfx(source, version)
    except GhostscriptError as error:
        advice = "the other outputs build without print.shop (or --for); please report this with the output of 'gs --version'"
        raise ContentError([Problem(workshop.locate_config("print", "shop"), f"{error}; {advice}")]) from None
    shop: Shop = "tgc" if "tgc" in targets(workshop) else "mpc"
    images, summary = shop_images(workshop, deck, shop, context.codes)
    context.note(f"{PDFX_NAME}: {version}, CMYK, {2 * len(deck.fronts)} pages; {summary}")
    return {PDFX_NAME: pdfx, **{f"{FOLDER}/{name}": data for name, data in images.items()}}


def press_color(color: Any) -> Any:
    """A colour as the print-shop file draws it: greys (black included) as black ink alone,
    any other colour as it is, for Ghostscript to convert through the CMYK profile."""
    from reportlab.lib.colors import CMYKColor, Color, toColor

    value = toColor(color)
    if isinstance(value, CMYKColor) or not isinstance(value, Color):
        return value
    channels = (value.red, value.green, value.blue)
    if max(channels) - min(channels) > NEUTRAL_SPREAD:
        return value
    black = 1 - sum(channels) / 3
    return CMYKColor(0, 0, 0, 1.0 if black >= SOLID_BLACK else round(black, 4), alpha=value.alpha)


def check_print_shop(workshop: Workshop, deck: Any) -> list[Problem]:
    """Before a shop build: Ghostscript is there (an error saying what to install, if not);
    a raster logo prints at 300 ppi or more (a warning naming its ppi, if not)."""
    from workshop.pdf.ghostscript import GhostscriptError, find_ghostscript

    problems: list[Problem] = []
    try:
        find_ghostscript()
    except GhostscriptError as error:
        rest = "or build without print.shop and --for: the other outputs need no Ghostscript"
        problems.append(Problem(workshop.locate_config("print", "shop"), f"{error}, {rest}"))
    logo = next((back.logo for back in getattr(deck, "backs", ()) if back.logo is not None), None)
    if logo is not None and logo.kind != "SVG":
        pixels, _ = logo.source.getSize()
        ppi = pixels / (logo.width / 72)
        if ppi < MIN_PPI:
            need = (round(logo.width / 72 * MIN_PPI), round(logo.height / 72 * MIN_PPI))
            problems.append(
                Problem(
                    workshop.locate_config("theme", "logo"),
                    f"theme.logo prints at {ppi:.0f} ppi on the card backs "
                    f"({logo.width / 72 * 25.4:.0f}×{logo.height / 72 * 25.4:.0f} mm), under the {MIN_PPI} ppi "
                    f"print shops ask for, so it may look soft; use an image of at least "
                    f"{need[0]}×{need[1]} pixels, or an SVG",
                    "warning",
                )
            )
    return problems
