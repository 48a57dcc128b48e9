"""Boxes in points: edges, growing, shifting, containing."""

from workshop.pdf.geometry import Rect


def test_edges_grow_shift_and_contain():
    box = Rect(10, 20, 30, 40)
    assert (box.right, box.top) == (40, 60)
    grown = box.grown(1, 2, 3, 4)
    assert grown == Rect(9, 18, 34, 46)
    assert grown.contains(box) and not box.contains(grown)
    assert box.shifted(5, -5) == Rect(15, 15, 30, 40)
    assert box.contains(box)


def test_contains_forgives_rounding_only_within_its_tolerance():
    box = Rect(0, 0, 10, 10)
    assert box.contains(Rect(-1e-9, 0, 10, 10))
    assert not box.contains(Rect(-0.01, 0, 10, 10))
    assert box.contains(Rect(-0.01, 0, 10, 10), tolerance=0.02)
