"""The print hint and the ruler find room in a sheet's margin, never across a crop mark."""

from __future__ import annotations

import pytest

from workshop.content.units import mm
from workshop.pdf.geometry import Rect
from workshop.pdf.layout_footer import FOOTER_THICKNESS, MARGIN, MARK_CLEARANCE, place_footer

A4 = (mm(210), mm(297))
HINT, RULER = mm(60), mm(58)


def test_a_deep_bottom_margin_takes_both_in_one_line_and_shortens_the_marks_there():
    cards = Rect(mm(20), mm(30), mm(170), mm(250))  # 30 mm free below
    placed = place_footer(*A4, cards, [mm(20), mm(190)], [mm(30), mm(280)], HINT, RULER)
    assert placed is not None
    hint, ruler, limits = placed
    assert (hint.x, hint.y, hint.angle) == (pytest.approx(MARGIN), pytest.approx(MARGIN), 0)
    assert ruler.y == hint.y and ruler.x + ruler.length == pytest.approx(A4[0] - MARGIN)
    assert ruler.x >= hint.x + hint.length  # side by side, not on top of each other
    assert set(limits) == {"bottom"} and limits["bottom"] > MARGIN + FOOTER_THICKNESS


def test_a_deep_side_margin_turns_the_footer_upright():
    cards = Rect(mm(8), mm(8), mm(160), mm(281))  # only the right margin is deep
    placed = place_footer(*A4, cards, [], [], HINT, RULER)
    assert placed is not None
    hint, ruler, limits = placed
    assert hint.angle == ruler.angle == 90 and set(limits) == {"right"}
    assert hint.x == pytest.approx(A4[0] - MARGIN)


def test_shallow_margins_put_each_item_between_two_cut_lines():
    cards = Rect(mm(12), mm(12), mm(186), mm(273))  # too shallow for the one-line footer anywhere
    cuts_x = [mm(12), mm(74), mm(136), mm(198)]
    placed = place_footer(*A4, cards, cuts_x, [mm(12), mm(285)], mm(40), mm(50))
    assert placed is not None
    hint, ruler, limits = placed
    assert limits == {}
    for item in (hint, ruler):
        along = (item.x, item.x + item.length) if item.angle == 0 else (item.y, item.y + item.length)
        cuts = cuts_x if item.angle == 0 else [mm(12), mm(285)]
        assert not any(along[0] - MARK_CLEARANCE < cut < along[1] + MARK_CLEARANCE for cut in cuts), item


def test_no_room_at_all_is_none():
    cards = Rect(mm(6), mm(6), mm(198), mm(285))
    assert place_footer(*A4, cards, [mm(6), mm(204)], [mm(6), mm(291)], HINT, RULER) is None
