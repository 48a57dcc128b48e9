"""Lengths with units become points; the one place that knows mm, cm and inches."""

import pytest

from workshop.content.units import CARD_SIZES_MM, mm, paper_size, parse_length, to_mm


@pytest.mark.parametrize(
    ("written", "points"),
    [
        ("3mm", 3 * 72 / 25.4),
        ("0.125in", 9.0),
        ("2,5 cm", 25 * 72 / 25.4),
        (" 12pt ", 12.0),
        ("-1.5mm", -1.5 * 72 / 25.4),
        (0, 0.0),
        ("0", 0.0),
    ],
)
def test_a_length_becomes_points(written: object, points: float):
    assert parse_length(written) == pytest.approx(points)


@pytest.mark.parametrize("written", ["3", "3 furlongs", "mm", 3, True, None, "3mm5"])
def test_a_length_without_a_unit_is_refused_with_advice(written: object):
    with pytest.raises(ValueError, match="write a number with a unit: mm, cm, in or pt"):
        parse_length(written)


def test_millimetres_round_trip_and_paper_is_portrait():
    assert to_mm(mm(63.5)) == pytest.approx(63.5)
    width, height = paper_size("a4")
    assert (round(to_mm(width)), round(to_mm(height))) == (210, 297)
    assert paper_size("letter") == pytest.approx((612.0, 792.0))


def test_every_card_preset_is_portrait_or_square():
    assert all(width <= height for width, height in CARD_SIZES_MM.values())
