"""A front that does not fit, drawn for previews: the card, then a red band holding what ran past it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cardgen import TOO_LONG, card, write_workshop
from tests.cardpdfs import normalise, read_pdf
from workshop.pipeline.build import load_and_check
from workshop.render.cards import preview_deck
from workshop.render.cards.overflow import overflow_label, overflow_page


def test_the_page_continues_below_the_card_and_says_how_much_is_missing(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 0, cards=[card(1), TOO_LONG])
    deck = preview_deck(load_and_check(folder)[0])
    assert [front.overflows for front in deck.fronts] == [False, True]
    label = overflow_label(deck.text(1))
    assert label.startswith("DOES NOT FIT\nthe text needs ") and label.splitlines()[1].endswith(" mm more")
    pdf, band = overflow_page(deck, 1)
    (page,) = read_pdf(pdf).pages
    assert float(page.mediabox.height) == pytest.approx(deck.height + deck.bleed + band, abs=0.01)
    text = normalise(page.extract_text())
    assert "DOES NOT FIT" in text and "ontzettend lang" in text  # the words that did not fit are readable
    _, custom = overflow_page(deck, 1, "one\ntwo\nthree")
    assert custom > band  # more lines under the card, a deeper band
