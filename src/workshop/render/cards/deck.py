"""Every face of a workshop prepared once: text sizes fitted, QR sizes known, backs per card type.

All overflow problems of all cards are collected before the build stops, so a trainer fixes
every too-long card in one round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from workshop.content.labels import Language, label
from workshop.content.links import card_url
from workshop.content.loader import Workshop
from workshop.content.problems import ContentError, Problem
from workshop.content.units import mm
from workshop.pdf import fonts
from workshop.pdf.metadata import DocumentInfo, document_info
from workshop.pdf.qr import QrCodes, modules
from workshop.pdf.typography import tint
from workshop.render.cards.content import AnyCard, front_specs
from workshop.render.cards.faces import WHITE, Back, Front, front_geometry
from workshop.render.cards.fitting import (
    MIN_SIZE,
    Fitted,
    Overflow,
    closest,
    fit_at,
    fit_key,
    fits,
    search,
    set_text,
    too_wide,
)
from workshop.render.cards.logos import load_logo


class StaleSizes(Exception):
    """A cached text size no longer fits its card (the cache is damaged): fit afresh."""


@dataclass(frozen=True)
class Deck:
    """The faces of every card, in deck order, and the card size they were made for."""

    fronts: tuple[Front, ...]
    backs: tuple[Back, ...]
    types: tuple[str, ...]
    width: float
    height: float
    bleed: float
    language: Language
    title: str
    info: DocumentInfo
    """What the card PDFs say about themselves (title, author, subject, language, keywords)."""
    problems: tuple[Problem, ...] = ()
    """What does not fit (only in a lenient deck, made for previews: a strict one raises)."""

    def text(self, index: int) -> Fitted:
        """Front `index`'s text set at its size, when it is drawn.

        The fit keeps only sizes: holding every card's wrapped paragraphs until its turn
        cost ~10 MB per 1,000 cards; setting the text again is one wrap per paragraph.
        """
        front = self.fronts[index]
        areas = list(front.geometry.areas)[: front.areas]
        fitted = set_text(list(front.specs), areas, self.language, front.color, front.size)
        if not front.overflows and not fits(fitted):
            raise StaleSizes(front.card_id)
        return fitted


def prepare_deck(
    workshop: Workshop,
    known: dict[str, list[float]] | None = None,
    *,
    lenient: bool = False,
    codes: QrCodes | None = None,
) -> Deck:
    """Fit every front (sizes only) and prepare every face; raises ContentError naming each
    card that does not fit (each at the item where its text runs out).

    `known` maps fit keys to the [size, areas] earlier builds found; a card found there is
    not searched again (its text is set once, when drawn). It is updated with this build's
    results. `codes`: the build's QR codes, whose prepared matrices give each code's width
    (else it is worked out per card, ~0.3 ms each). A `lenient` deck (for previews) raises nothing: a front that does not fit is set
    at the smallest size, running past the card, and the problems travel with the deck.
    """
    config = workshop.config
    size = config.print.card_size
    language = config.language
    problems: list[Problem] = []
    fronts: list[Front] = []
    sizes = {} if known is None else known
    widths = codes.modules if codes is not None else modules
    keys: list[str] = []
    for index, card in enumerate(workshop.cards):
        try:
            front, key = _front(card, index + 1, len(workshop.cards), workshop, sizes, widths=widths)
        except Overflow as exc:
            problems.append(Problem(workshop.locate_card(card.id, *exc.path), f"card '{card.id}': {exc}"))
            if not lenient:
                continue
            front, key = _front(
                card, index + 1, len(workshop.cards), workshop, sizes, overflowing=True, widths=widths
            )
        fronts.append(front)
        keys.append(key)
    backs_by_type = {}
    for card_type in dict.fromkeys(card.type for card in workshop.cards):
        try:
            backs_by_type[card_type] = _back(workshop, card_type, size.width, size.height)
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems and (not lenient or len(backs_by_type) < len(set(types_of(workshop)))):
        raise ContentError(problems)
    types: list[str] = [card.type for card in workshop.cards]
    fronts = _even_sizes(fronts, keys, types, language, sizes)
    return Deck(
        tuple(fronts),
        tuple(backs_by_type[card.type] for card in workshop.cards),
        tuple(types),
        size.width,
        size.height,
        config.print.bleed,
        language,
        config.title,
        document_info(workshop, "cards_pdf"),
        tuple(problems),
    )


def _even_sizes(
    fronts: list[Front],
    keys: list[str],
    types: list[str],
    language: Language,
    known: dict[str, list[float]],
) -> list[Front]:
    """Set every card of a type at that type's smallest fitted size, so cards laid side by side match.

    Each card was first fitted on its own; a deck where one dilemma is at 10.5 pt and the
    next at 9 pt looks careless. A card keeps its own fit only if, against expectation, it
    does not fit at the smaller size. What a card does at the smaller size is remembered in
    `known` too (under its fit key and that size), so a rebuild sets no text to find out.
    """
    smallest: dict[str, float] = {}
    for front, card_type in zip(fronts, types, strict=True):
        if not front.overflows:  # set at the smallest size already; others need not follow it
            smallest[card_type] = min(smallest.get(card_type, front.size), front.size)
    even = []
    for front, key, card_type in zip(fronts, keys, types, strict=True):
        size = smallest.get(card_type, front.size)
        if front.size != size and not front.overflows:
            at = f"{key}@{size}"
            if at not in known:
                attempt = fit_at(list(front.specs), list(front.geometry.areas), language, front.color, size)
                known[at] = [size, attempt.areas] if attempt else [front.size, front.areas]
            front = replace(front, size=known[at][0], areas=int(known[at][1]))
        even.append(front)
    return even


def types_of(workshop: Workshop) -> list[str]:
    return [card.type for card in workshop.cards]


def face_of(workshop: Workshop, card_type: str) -> tuple[str, ...]:
    """The fields `print.face` puts on the front of this card type, in order."""
    return tuple(getattr(workshop.config.print.face, card_type))


def _front(
    card: AnyCard,
    number: int,
    total: int,
    workshop: Workshop,
    known: dict[str, list[float]],
    overflowing: bool = False,
    widths: Callable[[str], int] = modules,
) -> tuple[Front, str]:
    """The front (its size from `known` or found now) and its fit key; an `overflowing` front
    is set at the smallest size over every area, as far as its text runs."""
    config = workshop.config
    base_url = config.debrief.base_url
    url = card_url(base_url, card.id) if base_url else None
    size = config.print.card_size
    hint = label("scan_hint", config.language)
    geometry = front_geometry(
        size.width, size.height, widths(url) if url else None, card.id, hint, config.print.safe
    )
    color = getattr(config.theme.colors, card.type)
    specs = front_specs(card, config.language, face_of(workshop, card.type))
    key = fit_key(specs, list(geometry.areas), config.language, color)
    if overflowing:
        text_size, areas = MIN_SIZE, closest(specs, list(geometry.areas), config.language, color).areas
    else:
        if key not in known:
            found = search(specs, list(geometry.areas), config.language, color)
            known[key] = [found.size, found.areas]
        text_size, areas = known[key][0], int(known[key][1])
    front = Front(
        card.id,
        label(card.type, config.language),
        color,
        f"{number}/{total}",
        geometry,
        text_size,
        int(areas),
        url,
        hint,
        tuple(specs),
        overflowing,
    )
    return front, key


def _back(workshop: Workshop, card_type: str, width: float, height: float) -> Back:
    """The back of one card type: workshop title, type label, logo, on the type colour."""
    from reportlab.lib.enums import TA_CENTER

    from workshop.content.markup import inline_markup
    from workshop.pdf.typography import paragraph_style

    config = workshop.config
    color = getattr(config.theme.colors, card_type)
    text_width = width - 2 * mm(9)
    size = max(9.0, min(17.0, width / mm(63.5) * 13))
    while size >= BACK_MIN_SIZE:
        # never hyphenated: a title reads better whole, so a word too wide shrinks the title instead
        style = paragraph_style("back", config.language, size, leading=size * 1.2, font=fonts.BLACK,
                                color=WHITE, alignment=TA_CENTER, hyphenate=False)  # fmt: skip
        title = _paragraph(inline_markup(config.title), style)
        _, title_height = title.wrap(text_width, 10_000)
        if title_height <= height * 0.4 and not too_wide(title):
            break
        size -= 0.5
    else:
        raise ContentError([Problem(workshop.locate_config("title"), (
            f"the title does not fit on the back of a {config.print.card_size.name} card even at "
            f"{BACK_MIN_SIZE:g} pt; shorten it"))])  # fmt: skip
    logo = load_logo(workshop, width * 0.55, height * 0.3)
    return Back(title, title_height, label(card_type, config.language), color, tint(color, 0.55), logo)


BACK_MIN_SIZE = 7.0


def _paragraph(markup: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(markup, style)
