"""The card outputs: cards.pdf print sheets, cards-single.pdf, and calibration.pdf.

`render(workshop, context)` is the renderer `build` calls; `single_pdf(workshop)` serves
`workshop preview`. Modules: `content` (what a face says), `fitting` (shrink to fit),
`faces` (drawing one face), `deck` (all faces once), `sheets` (pages), `calibration`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from workshop.content.loader import Workshop
from workshop.content.problems import ContentError, Problem
from workshop.content.units import to_mm
from workshop.pdf.layout import SheetPlan, plan_sheet
from workshop.pdf.qr import QrCodes
from workshop.render.context import NoStore, RenderContext, Store

if TYPE_CHECKING:  # deck.py is imported when a deck is made: it pulls in reportlab
    from workshop.render.cards.deck import Deck


def render(workshop: Workshop, context: RenderContext) -> dict[str, bytes]:
    """{'cards.pdf': …, 'cards-single.pdf': …} (and 'calibration.pdf' when asked)."""
    from workshop.render.cards.calibration import render_calibration
    from workshop.render.cards.deck import StaleSizes

    settings = workshop.config.print
    plan = sheet_plan(workshop)
    try:
        sheets, summary, single = _card_pdfs(workshop, plan, context.codes, context.store, context.deck)
    except StaleSizes:  # a cached size that does not fit (never expected): build without the cache
        sheets, summary, single = _card_pdfs(workshop, plan, context.codes, NoStore())
    from workshop.render.cards.checking import auto_note

    chosen = auto_note(workshop)
    if chosen:
        context.note(chosen)
    context.note(f"cards.pdf: {plan.describe(settings.card_size.name)}, {summary}; {plan.why()}")
    files = {"cards.pdf": sheets, "cards-single.pdf": single}
    if context.calibration:
        files["calibration.pdf"] = render_calibration(workshop)
        context.note("calibration.pdf: print it duplex and follow the steps on it to set print.back_offset")
    return files


def _card_pdfs(
    workshop: Workshop, plan: SheetPlan, codes: QrCodes, store: Store, checked: Any = None
) -> tuple[bytes, str, bytes]:
    """cards.pdf (and its summary) and cards-single.pdf, sharing each front's drawing."""
    from workshop.content.copies import print_order
    from workshop.render.cards.sheets import render_sheets, render_single
    from workshop.render.cards.stamps import Stamps

    settings = workshop.config.print
    deck = _deck(workshop, store, checked, codes)
    stamps = Stamps(deck, store, codes=codes)
    order = print_order(workshop)
    sheets, summary = render_sheets(deck, plan, settings.duplex, settings.back_offset, stamps, order)
    single = render_single(deck, settings.duplex, stamps)
    return sheets, summary, single


def single_pdf(workshop: Workshop) -> bytes:
    """cards-single.pdf alone."""
    from workshop.render.cards.sheets import render_single

    return render_single(_deck(workshop), workshop.config.print.duplex)


def preview_deck(workshop: Workshop) -> Deck:
    """Every face prepared even when some text does not fit (see `Deck.problems`), for previews.

    Raises ContentError only for what no preview can show: a glyph the font lacks, a back
    that cannot be made.
    """
    from workshop.pdf import fonts
    from workshop.render.cards.deck import prepare_deck

    problems = fonts.check_coverage(workshop)
    if problems:
        raise ContentError(problems)
    return prepare_deck(workshop, {}, lenient=True)


def _deck(
    workshop: Workshop, store: Store | None = None, checked: Any = None, codes: QrCodes | None = None
) -> Deck:
    """Every face fitted; the deck the card check prepared (`checked`) is drawn as it is; with a
    store, text sizes found by earlier builds are reused."""
    from workshop.pdf import fonts
    from workshop.render.cards.deck import prepare_deck

    if checked is not None:
        return checked
    problems = fonts.check_coverage(workshop)
    if problems:
        raise ContentError(problems)
    return prepare_deck(workshop, StoredSizes(store) if store and store.enabled else None, codes=codes)


class StoredSizes(dict[str, Any]):
    """Text sizes by fit key ([size, areas]), taken from the build's store on first use and
    handed to it when found: fitting is most of what preparing a deck costs."""

    KIND = "text-sizes"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def __contains__(self, key: object) -> bool:
        if super().__contains__(key):
            return True
        if not isinstance(key, str):
            return False
        stored = self.store.get(self.KIND, self.store.key(self.KIND, key))
        if stored is None:
            return False
        super().__setitem__(key, json.loads(stored))
        return True

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.store.put(self.KIND, self.store.key(self.KIND, key), json.dumps(value).encode("utf-8"))


def sheet_plan(workshop: Workshop) -> SheetPlan:
    """The sheet layout for this workshop's paper, card size, bleed and duplex mode."""
    from workshop.render.cards.sheets import hint_length, ruler_length

    settings = workshop.config.print
    size = settings.card_size
    plan = plan_sheet(
        settings.paper,
        size.width,
        size.height,
        settings.bleed,
        fold=settings.duplex == "fold",
        hint_length=hint_length(workshop.config.language, settings.duplex),
        ruler_length=ruler_length(),
        layout=settings.layout,
    )
    if plan is None:
        what = "a front and back side by side" if settings.duplex == "fold" else "one card"
        raise ContentError(
            [
                Problem(
                    workshop.locate_config("print", "card_size"),
                    f"print.card_size: {to_mm(size.width):.1f}×{to_mm(size.height):.1f} mm cards do not fit "
                    f"{what} on {settings.paper} paper with 5 mm margins; choose a larger paper or smaller cards",
                )
            ]
        )
    return replace(plan, crop_marks=settings.crop_marks)


def card_deck(workshop: Workshop, context: RenderContext) -> Deck:
    """The build's fitted deck (the one the card check made), for renderers besides cards.pdf."""
    return _deck(workshop, context.store, context.deck, context.codes)
