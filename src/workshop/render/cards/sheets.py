"""cards.pdf and cards-single.pdf: faces placed on sheets (with marks, ruler and hint) or one per page.

Geometry comes from `layout`; this module only draws. Back sheets follow their front
sheet, mirrored for the duplex edge and shifted by `print.back_offset`.
"""

from __future__ import annotations

import io
import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from html import unescape
from typing import Any, Literal

from workshop.content.labels import Language, label
from workshop.content.units import mm
from workshop.pdf import fonts
from workshop.pdf.geometry import Rect
from workshop.pdf.layout import Edge, SheetPlan, Slot, back_slots, single_page
from workshop.pdf.layout_footer import Placement
from workshop.pdf.metadata import DocumentInfo
from workshop.pdf.reportlab_internals import EncodedStreams, pack_finished_page
from workshop.pdf.typography import MUTED, rgb
from workshop.render.cards.deck import Deck
from workshop.render.cards.faces import draw_back_background, draw_back_content, draw_front_background
from workshop.render.cards.recording import Primed
from workshop.render.cards.stamps import Stamps
from workshop.render.context import CARD_PAGES, stored_streams

HINT_SIZE = 6.0
RULER = mm(50)
DUPLEX_NAMES = {"long-edge": "/DuplexFlipLongEdge", "short-edge": "/DuplexFlipShortEdge"}


Colors = Callable[[Any], Any]
"""Replaces each colour as it is set (reportlab's `enforceColorSpace`), e.g. greys as pure K for print."""


def new_canvas(
    buffer: io.BytesIO,
    size: tuple[float, float],
    info: DocumentInfo,
    duplex: str,
    colors: Colors | None = None,
    streams: EncodedStreams | None = None,
) -> Any:
    """A reproducible canvas in Lato, with its document information, that asks viewers to print
    at 100 % with the right duplex edge; `streams`: compressed pages of earlier builds to reuse."""
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_fonts()
    canvas = Canvas(
        buffer,
        pagesize=size,
        invariant=1,
        initialFontName=fonts.REGULAR,  # type: ignore[arg-type]  # types-reportlab says float; reportlab takes a font name
        pageCompression=1,
        lang=info.language,
        enforceColorSpace=colors,
    )
    info.apply(canvas)
    canvas.setCreator("workshop")
    canvas.setViewerPreference("PrintScaling", "/None")
    canvas.setViewerPreference("Duplex", DUPLEX_NAMES.get(duplex, "/Simplex"))
    canvas.setPageCallBack(lambda number: pack_finished_page(canvas, encoded=streams))
    return canvas


def hint_text(language: Language, duplex: str) -> str:
    """The line under every sheet: print at 100 %, and on how many sides."""
    if duplex in ("long-edge", "short-edge"):
        sides = label("hint_duplex", language, edge=label(duplex, language))
    else:
        sides = label(f"hint_{duplex}", language)
    return label("print_hint", language, sides=sides)


def primed_canvas(
    buffer: io.BytesIO,
    size: tuple[float, float],
    deck: Deck,
    duplex: str,
    subject: str = "cards_pdf",
    colors: Colors | None = None,
    streams: EncodedStreams | None = None,
) -> Primed:
    """`new_canvas`, primed with every character the deck's faces and sheets show (see `recording`)."""
    info = replace(deck.info, subject=label(subject, deck.language))
    canvas = new_canvas(buffer, size, info, duplex, colors, streams)
    extra = [hint_text(deck.language, mode) for mode in ("long-edge", "short-edge", "fold", "none")]
    return Primed(canvas, deck_characters(deck, [*extra, label("ruler", "en")]))


def deck_characters(deck: Deck, extra: list[str]) -> dict[str, str]:
    """Per font, the characters the deck's faces and sheets print in it.

    A character coded in a font it never shows in only adds a glyph to the file; one
    missed makes the faces drawn after it unshareable (still right, only slower). Every
    font also gets all of printable ASCII: the priming is part of every cached front's key,
    so an edit that brings a new ASCII character to a font (a digit in a title) would
    otherwise make a rebuild draw every front again.
    """
    regular, bold, black = [*extra, ASCII], [ASCII], [deck.title, ASCII]
    for front in deck.fronts:
        bold += [front.card_id, front.number, front.type_label.upper()]
        regular.append(front.scan_hint)
        for spec in front.specs:
            text = unescape(spec.markup)
            if spec.role == "title":
                black.append(text)
                continue
            (bold if spec.role in BOLD_ROLES else regular).append(text)
            if "<b>" in spec.markup or spec.bullet:
                bold += [text, spec.bullet or ""]
    for back in dict.fromkeys(deck.backs):
        bold.append(back.type_label.upper())
    characters = {fonts.REGULAR: "".join(regular), fonts.BOLD: "".join(bold), fonts.BLACK: "".join(black)}
    if deck_has_emphasis(deck):
        everything = "".join(characters.values())
        characters |= {fonts.ITALIC: everything, fonts.BOLD_ITALIC: everything}
    return characters


BOLD_ROLES = ("question", "lead", "label")
ASCII = string.ascii_letters + string.digits + string.punctuation + " "


def deck_has_emphasis(deck: Deck) -> bool:
    """Whether any text is set in italics (only then are the italic faces registered, and embedded)."""
    return "<i>" in deck.title or any("<i>" in spec.markup for front in deck.fronts for spec in front.specs)


def render_sheets(
    deck: Deck,
    plan: SheetPlan,
    duplex: Edge | Literal["fold", "none"],
    back_offset: tuple[float, float],
    stamps: Stamps | None = None,
    order: Sequence[int] | None = None,
) -> tuple[bytes, str]:
    """cards.pdf as bytes, and how many sheets of which kind it holds (for the build's note).

    `order` is the cards to print, as indices into the deck (a card printed three times is
    there three times: `copies.print_order`); every card once when not given.
    """
    buffer = io.BytesIO()
    stamps = stamps or Stamps(deck)
    streams = stored_streams(stamps.store, CARD_PAGES)
    primed = primed_canvas(buffer, (plan.width, plan.height), deck, duplex, streams=streams)
    canvas = primed.canvas
    hint = hint_text(deck.language, duplex)
    printed = list(range(len(deck.fronts)) if order is None else order)
    chunks = [printed[start : start + plan.per_sheet] for start in range(0, len(printed), plan.per_sheet)]
    if duplex == "fold":
        for chunk in chunks:
            for slot, index in zip(plan.slots, chunk, strict=False):
                _place_front(primed, stamps, index, slot.trim, slot.bleed)
                assert slot.back_trim is not None and slot.back_bleed is not None
                _place_back(canvas, deck, index, slot.back_trim, slot.back_bleed)
            _furnish(canvas, plan, hint)
        summary = f"{_count(len(chunks), 'sheet')} (front and back side by side: fold along the dashed marks)"
    elif duplex == "none":
        for chunk in chunks:
            _front_sheet(primed, stamps, plan, chunk, hint)
        types = list(dict.fromkeys(deck.types))
        for card_type in types:
            index = deck.types.index(card_type)
            for slot in plan.slots:
                _place_back(canvas, deck, index, slot.trim, slot.bleed)
            _furnish(canvas, plan, hint)
        summary = (
            f"{_count(len(chunks) + len(types), 'sheet')} ({_count(len(chunks), 'sheet')} of fronts + "
            f"{_count(len(types), 'sheet')} of backs, one per card type)"
        )
    else:
        backs = back_slots(plan, duplex)
        for chunk in chunks:
            _front_sheet(primed, stamps, plan, chunk, hint)
            canvas.saveState()
            canvas.translate(*back_offset)
            for slot, index in zip(backs, chunk, strict=False):
                _place_back(canvas, deck, index, slot.trim, slot.bleed)
            _furnish(canvas, plan, hint, finish=False)
            canvas.restoreState()
            canvas.showPage()
        # pages, not sheets: a front page and its back page are printed on one sheet
        pages = len(chunks)
        summary = f"{2 * pages} pages ({_count(pages, 'front page')} + {_count(pages, 'back page')})"
    canvas.save()
    return buffer.getvalue(), summary


def _count(n: int, noun: str) -> str:
    """'1 sheet', '3 sheets': the build's messages are in English."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _front_sheet(primed: Primed, stamps: Stamps, plan: SheetPlan, chunk: Sequence[int], hint: str) -> None:
    for slot, index in zip(plan.slots, chunk, strict=False):
        _place_front(primed, stamps, index, slot.trim, slot.bleed)
    _furnish(primed.canvas, plan, hint)


def _extents(trim: Rect, bleed: Rect) -> tuple[float, float, float, float]:
    return trim.x - bleed.x, trim.y - bleed.y, bleed.right - trim.right, bleed.top - trim.top


def _place_front(primed: Primed, stamps: Stamps, index: int, trim: Rect, bleed: Rect) -> None:
    canvas = primed.canvas
    canvas.saveState()
    canvas.translate(trim.x, trim.y)
    draw_front_background(canvas, stamps.deck.fronts[index], _extents(trim, bleed))
    stamps.draw(primed, index)
    canvas.restoreState()


def _place_back(canvas: Any, deck: Deck, index: int, trim: Rect, bleed: Rect) -> None:
    canvas.saveState()
    canvas.translate(trim.x, trim.y)
    draw_back_background(canvas, deck.backs[index], trim.width, trim.height, _extents(trim, bleed))
    canvas.doForm(_back_form(canvas, deck, index))
    canvas.restoreState()


def _back_form(canvas: Any, deck: Deck, index: int) -> str:
    """The name of the form that holds this card type's back (inside the trim); drawn on first use.

    Every back of a type is the same picture: drawn once per document and referenced from
    each place, the build is faster and the file no bigger.
    """
    name = f"back-{deck.types[index]}"
    if not canvas.hasForm(name):
        logo = deck.backs[index].logo
        if logo is not None:
            logo.define_form(canvas)  # before the back's own form: forms do not nest while drawn
        canvas.beginForm(name, 0, 0, deck.width, deck.height)
        draw_back_content(canvas, deck.backs[index], deck.width, deck.height)
        canvas.endForm()
    return name


def _furnish(canvas: Any, plan: SheetPlan, hint: str, *, finish: bool = True) -> None:
    """Crop and fold marks, the print hint and the 50 mm ruler; then end the page."""
    canvas.saveState()
    canvas.setStrokeColor(rgb("#000000"))
    canvas.setLineWidth(0.3)
    for mark in plan.marks:
        if not (mark.fold or plan.crop_marks):
            continue
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
    canvas.setFillColor(rgb(MUTED))
    canvas.setFont(fonts.REGULAR, HINT_SIZE)
    canvas.drawString(0, mm(0.9), text)
    canvas.restoreState()


def draw_ruler(canvas: Any, where: Placement) -> None:
    """A 50 mm ruler with 5 mm ticks and its label: measure it to catch a scaled print."""
    canvas.saveState()
    canvas.translate(where.x, where.y)
    canvas.rotate(where.angle)
    canvas.setStrokeColor(rgb("#000000"))
    canvas.setLineWidth(0.35)
    base = mm(0.6)
    canvas.line(0, base, RULER, base)
    for step in range(11):
        x = step * mm(5)
        canvas.line(x, base, x, base + (mm(2.4) if step % 2 == 0 else mm(1.3)))
    canvas.setFillColor(rgb("#000000"))
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


def render_single(
    deck: Deck,
    duplex: str,
    stamps: Stamps | None = None,
    *,
    page_size: tuple[float, float] | None = None,
    colors: Colors | None = None,
) -> bytes:
    """cards-single.pdf: each card's front then back, trim plus bleed, TrimBox and BleedBox set.

    `page_size` centres the card on a page of that size instead, its background running to
    the edges (a print shop's image size); `colors` as in `new_canvas` (give it `stamps` that
    do not share: a recording made without it would paste the original colours).
    """
    page, trim = single_page(deck.width, deck.height, deck.bleed)
    if page_size is not None:
        page = Rect(0, 0, *page_size)
        trim = Rect((page.width - deck.width) / 2, (page.height - deck.height) / 2, deck.width, deck.height)
    buffer = io.BytesIO()
    if stamps is None:
        stamps = Stamps(deck, share=colors is None)
    streams = stored_streams(stamps.store, CARD_PAGES)
    primed = primed_canvas(
        buffer, (page.width, page.height), deck, "none", "cards_single_pdf", colors, streams
    )
    canvas = primed.canvas
    assert colors is None or not stamps.share, "recorded fronts keep the colours they were recorded in"
    canvas.setTrimBox((trim.x, trim.y, trim.right, trim.top))
    canvas.setBleedBox((0, 0, page.width, page.height))
    whole = Rect(0, 0, page.width, page.height)
    for index in _indices(deck):
        _place_front(primed, stamps, index, trim, whole)
        canvas.showPage()
        _place_back(canvas, deck, index, trim, whole)
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
