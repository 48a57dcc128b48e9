"""A front's layout: the QR code's size, the text areas above and beside it, the id and the hint."""

from __future__ import annotations

import pytest

from workshop.content.units import mm
from workshop.render.cards.faces import SAFE, front_geometry, id_lines, label_height, qr_symbol_size

POKER = (mm(63.5), mm(88.9))
HINT = "Scan voor de nabespreking"


def test_the_code_is_25_mm_on_large_cards_and_20_mm_otherwise():
    assert qr_symbol_size(mm(70), mm(120)) == pytest.approx(mm(25))
    assert qr_symbol_size(*POKER) == pytest.approx(mm(20))


def test_without_a_code_the_text_has_one_area_inside_the_safe_zone():
    geometry = front_geometry(*POKER, None)
    (area,) = geometry.areas
    assert geometry.symbol == 0 and not geometry.with_hint
    assert area.x >= SAFE and area.x + area.width <= POKER[0] - SAFE
    assert area.top - area.height >= SAFE


def test_with_a_code_text_runs_above_it_and_beside_it_down_to_the_id():
    geometry = front_geometry(*POKER, 29, "kaart-01", HINT)
    above, beside = geometry.areas
    assert geometry.with_hint and geometry.symbol == pytest.approx(mm(20))
    assert above.top - above.height >= geometry.corner + geometry.symbol  # never over the code
    assert beside.x >= geometry.beside_x and beside.top == above.top - above.height
    assert geometry.corner >= SAFE  # the dark modules stay inside the safe zone
    assert geometry.qr_size == pytest.approx(geometry.symbol + 2 * geometry.quiet)


def test_a_small_card_has_no_room_for_the_hint():
    assert not front_geometry(mm(44), mm(68), 29, "kaart-01", HINT).with_hint


def test_a_long_id_shrinks_then_breaks_at_its_hyphens():
    assert id_lines("kaart-01", mm(30)) == (7.0, ["kaart-01"])
    size, lines = id_lines("een-heel-lange-kaart-id-met-veel-woorden", mm(25))
    assert 5.0 <= size < 7.0 and len(lines) > 1
    assert "".join(lines).replace("-", "") == "een-heel-lange-kaart-id-met-veel-woorden".replace("-", "")


def test_the_label_beside_the_code_is_as_tall_as_what_it_holds():
    column = mm(30)
    assert label_height("kaart-01", HINT, column) > label_height("kaart-01", "", column)
    assert label_height("een-heel-lange-kaart-id-met-veel-woorden", "", mm(20)) > label_height(
        "a", "", mm(20)
    )
