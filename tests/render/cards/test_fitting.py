"""Fitting a card's text: lists move beside the QR code whole, or not at all."""

from __future__ import annotations

import pytest

from workshop.content.units import mm
from workshop.render.cards.fitting import Area, Overflow, Spec, breaks, search, set_text, without_item

COLUMN = Area(mm(4.5), mm(80), mm(54.5), mm(45))
BESIDE = Area(mm(28), mm(35), mm(31), mm(14))


def _dilemma(situation_words: int, options: list[str]) -> list[Spec]:
    return [
        Spec("title", "Thee op het terras", "title"),
        Spec("situation", " ".join(["klant"] * situation_words)),
        Spec("question", "Authentiek of onvriendelijk?", "question"),
        *(Spec("options", text, "option", "ABCD"[i], 0.3, i) for i, text in enumerate(options)),
    ]


def test_text_may_move_on_only_at_the_start_of_a_list_that_ends_the_card() -> None:
    specs = _dilemma(10, ["Ja.", "Nee."])
    assert breaks(specs) == {3}
    reordered = [specs[0], *specs[3:], specs[1], specs[2]]  # options before the situation
    assert breaks(reordered) == set()  # the situation may not stand beside the code


def test_a_list_that_does_not_fit_the_column_moves_beside_the_code_whole() -> None:
    column_alone = set_text(_dilemma(30, ["Ja.", "Nee."]), [COLUMN], "nl", "#B03A2E", 10.5)
    assert column_alone.placed[-2].top - column_alone.placed[-2].height > COLUMN.top - COLUMN.height  # A fits
    assert column_alone.overflow > 0  # … B does not
    fitted = set_text(_dilemma(30, ["Ja.", "Nee."]), [COLUMN, BESIDE], "nl", "#B03A2E", 10.5)
    assert [(placed.field, placed.area) for placed in fitted.placed][-3:] == [
        ("question", 0),
        ("options", 1),
        ("options", 1),
    ]
    assert fitted.overflow < 0


def test_a_list_too_long_for_either_place_is_reported_not_split() -> None:
    long_options = ["Een lange optie met heel veel woorden die niet naast de code past."] * 3
    specs = _dilemma(40, long_options)
    for size in (10.5, 9.0):
        fitted = set_text(specs, [COLUMN, BESIDE], "nl", "#B03A2E", size)
        assert len({placed.area for placed in fitted.placed if placed.field == "options"}) == 1
    with pytest.raises(
        Overflow, match=r"option [A-C] \('Een lange optie.*does not fit on the card even at 9 pt"
    ):
        search(specs, [COLUMN, BESIDE], "nl", "#B03A2E")


def test_the_overflow_counts_an_earlier_area_too() -> None:
    """Text stuck in the column (no list to move) overflows even if the space beside is empty."""
    specs = _dilemma(200, ["Ja.", "Nee."])
    fitted = set_text(specs, [COLUMN, BESIDE], "nl", "#B03A2E", 9.0)
    assert fitted.overflow > mm(10)


def test_leaving_out_an_item_moves_the_later_ones_up() -> None:
    specs = _dilemma(5, ["Ja.", "Nee.", "Misschien."])
    rest = without_item(specs, 3)  # option A
    assert [(s.markup, s.bullet, s.item, s.space) for s in rest[3:]] == [
        ("Nee.", "A", 0, specs[3].space),
        ("Misschien.", "B", 1, specs[4].space),
    ]
