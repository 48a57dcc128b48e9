"""The card outputs (SPEC §4): cards.pdf print sheets, cards-single.pdf, and calibration.pdf.

`render(workshop, context)` is the renderer `build` calls; `single_pdf(workshop)` serves
`workshop preview`. Modules: `content` (what a face says), `fitting` (shrink to fit),
`faces` (drawing one face), `deck` (all faces once), `sheets` (pages), `calibration`.
"""

from __future__ import annotations

from pathlib import Path

from ..context import RenderContext
from ..errors import ContentError, Problem
from ..layout import SheetPlan, plan_sheet
from ..loader import Workshop
from ..units import to_mm


def render(workshop: Workshop, context: RenderContext) -> dict[str, bytes]:
    """{'cards.pdf': …, 'cards-single.pdf': …} (and 'calibration.pdf' when asked)."""
    from .calibration import render_calibration
    from .deck import StaleSizes

    settings = workshop.config.print
    plan = sheet_plan(workshop)
    try:
        sheets, summary, single = _card_pdfs(workshop, plan, context.cache_dir)
    except StaleSizes:  # a damaged cache: build as if there were none (and replace it)
        sheets, summary, single = _card_pdfs(workshop, plan, context.cache_dir, fresh=True)
    from .checking import auto_note

    chosen = auto_note(workshop)
    if chosen:
        context.note(chosen)
    context.note(f"cards.pdf: {plan.describe(settings.card_size.name)}, {summary}")
    files = {"cards.pdf": sheets, "cards-single.pdf": single}
    if context.calibration:
        files["calibration.pdf"] = render_calibration(workshop)
        context.note("calibration.pdf: print it duplex and follow the steps on it to set print.back_offset")
    return files


def _card_pdfs(
    workshop: Workshop, plan: SheetPlan, cache_dir: Path | None, fresh: bool = False
) -> tuple[bytes, str, bytes]:
    """cards.pdf (and its summary) and cards-single.pdf, sharing each front's drawing."""
    from ..streams import remembered
    from .sheets import render_sheets, render_single
    from .stamps import Stamps, read_stamps, write_stamps

    settings = workshop.config.print
    deck = _deck(workshop, cache_dir, fresh)
    cached = {} if fresh else read_stamps(cache_dir)
    stamps = Stamps(deck, cached)
    with remembered(cache_dir, STREAMS_FILE):
        sheets, summary = render_sheets(deck, plan, settings.duplex, settings.back_offset, stamps)
        single = render_single(deck, settings.duplex, stamps)
    write_stamps(cache_dir, stamps.recorded, cached)
    return sheets, summary, single


def single_pdf(workshop: Workshop) -> bytes:
    """cards-single.pdf alone."""
    from .sheets import render_single

    return render_single(_deck(workshop), workshop.config.print.duplex)


def preview_deck(workshop: Workshop):  # type: ignore[no-untyped-def]
    """Every face prepared even when some text does not fit (see `Deck.problems`), for previews.

    Raises ContentError only for what no preview can show: a glyph the font lacks, a back
    that cannot be made.
    """
    from .. import fonts
    from .deck import prepare_deck

    problems = fonts.check_coverage(workshop)
    if problems:
        raise ContentError(problems)
    return prepare_deck(workshop, {}, lenient=True)


def _deck(workshop: Workshop, cache_dir: Path | None = None, fresh: bool = False):  # type: ignore[no-untyped-def]
    """Every face fitted; with `cache_dir`, text sizes found by earlier builds are reused."""
    from .. import fonts
    from ..cache import read_cache, write_cache
    from .checking import FITTED, checked_deck
    from .deck import prepare_deck

    problems = fonts.check_coverage(workshop)
    if problems:
        raise ContentError(problems)
    header = fit_cache_header()
    known = {} if fresh else {**read_cache(cache_dir, FIT_CACHE, header), **FITTED}
    deck = None if fresh else checked_deck(workshop)
    if deck is None:
        deck = prepare_deck(workshop, known)
    write_cache(cache_dir, FIT_CACHE, header, {key: known[key] for key in deck.fit_keys if key in known})
    return deck


def fit_cache_header() -> dict[str, object]:
    """What the cached text sizes depend on besides their keys: the libraries that measure text."""
    from ..cache import code_version, library_version

    return {
        "file": FIT_CACHE_FORMAT,
        "reportlab": library_version("reportlab"),
        "pyphen": library_version("pyphen"),
        "code": code_version(),
    }


FIT_CACHE = "card-text-sizes.json"
STREAMS_FILE = "card-streams.bin"
FIT_CACHE_FORMAT = 2


def sheet_plan(workshop: Workshop) -> SheetPlan:
    """The sheet layout for this workshop's paper, card size, bleed and duplex mode."""
    from .sheets import hint_length, ruler_length

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
    return plan
