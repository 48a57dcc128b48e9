"""How many copies of cards.pdf to print, and how many sheets of paper that takes.

The guide's printing page and the build's closing lines say the same numbers: a trainer
who sends a 146-card deck to the printer should know before it is 438 sheets, and where
to change that (`print.copies`).

Two counts multiply: a card's own `copies` says how often it is printed in one cards.pdf
(a deck for one table), `print.copies` how many copies of cards.pdf (decks) to print. A
card with `copies: 3` in a workshop with `print.copies: 4` is printed 12 times.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workshop.content.agenda import decks_needed, max_participants
from workshop.content.labels import plural
from workshop.content.loader import Workshop

PAPER_NAMES = {"a4": "A4", "a3": "A3", "letter": "Letter"}


@dataclass(frozen=True)
class CardSheets:
    """One copy of cards.pdf as paper: its pages, and the sheets they are printed on."""

    pages: int
    sheets: int
    double_sided: bool


def print_order(workshop: Workshop) -> list[int]:
    """The cards of one cards.pdf, as indices into the deck: each card `copies` times, side by side."""
    return [index for index, card in enumerate(workshop.cards) for _ in range(card.copies)]


def printed_cards(workshop: Workshop) -> int:
    """How many cards one cards.pdf holds: every card's `copies` added up."""
    return sum(card.copies for card in workshop.cards)


def card_sheets(workshop: Workshop, per_sheet: int) -> CardSheets:
    """cards.pdf with `per_sheet` cards (or front-and-back pairs) on a sheet, as `render_sheets`
    lays it out: duplex puts each front page and its back page on one sheet."""
    duplex = workshop.config.print.duplex
    fronts = math.ceil(printed_cards(workshop) / per_sheet)
    if duplex == "fold":
        return CardSheets(fronts, fronts, False)
    if duplex == "none":
        pages = fronts + len({card.type for card in workshop.cards})  # one sheet of backs per type
        return CardSheets(pages, pages, False)
    return CardSheets(2 * fronts, fronts, True)


def copies(workshop: Workshop) -> int | None:
    """`print.copies`, else one deck per 4 participants of the group size, else None (unknown)."""
    config = workshop.config
    if config.print.copies is not None:
        return config.print.copies
    people = max_participants(config.group_size)
    return decks_needed(people) if people else None


def print_summary(workshop: Workshop, per_sheet: int) -> str:
    """The build's line about printing cards.pdf: copies, sheets per copy and in all."""
    config = workshop.config
    one = card_sheets(workshop, per_sheet)
    paper = PAPER_NAMES[config.print.paper]
    sides = "double-sided" if one.double_sided else "single-sided"
    each = plural("sheets", "en", one.sheets)
    n = copies(workshop)
    if n is None:
        return (
            f"To print: cards.pdf is {each} of {paper} ({sides}); print one copy per 4 participants "
            "(set group_size or print.copies to have it counted)."
        )
    if config.print.copies is not None:
        why = "print.copies"
    else:
        why = f"one deck per 4 of {max_participants(config.group_size)} participants; set print.copies to change"
    return (
        f"To print: {n} {'copy' if n == 1 else 'copies'} of cards.pdf ({why}): "
        f"{each} of {paper} each, {plural('sheets', 'en', n * one.sheets)} in all ({sides})."
    )
