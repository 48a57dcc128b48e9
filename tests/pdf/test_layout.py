"""Sheet geometry without drawing: grids, bleed, crop marks, duplex mirror, footer room."""

from __future__ import annotations

import pytest

from workshop.content.units import CARD_SIZES_MM, mm, paper_size
from workshop.pdf.geometry import Rect
from workshop.pdf.layout import (
    MARGIN,
    MARK_VISIBLE,
    MIN_OUTER_BLEED,
    back_slots,
    mirror,
    plan_sheet,
    single_page,
    visible_length,
)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_max_packs_nine_poker_cards_per_sheet_butted(paper: str) -> None:
    plan = plan_sheet(paper, mm(63.5), mm(88.9), mm(3), layout="max")
    assert plan is not None
    assert (plan.columns, plan.rows, plan.butted, plan.landscape) == (3, 3, True, False)
    assert "3×3 poker cards per" in plan.describe("poker")
    assert plan.short_marks > 0  # why auto does otherwise
    assert "crop marks do not print at least 2 mm inside" in plan.why()


def test_auto_keeps_nine_poker_cards_on_a4_with_less_outer_bleed_at_the_sides() -> None:
    plan = plan_sheet("a4", mm(63.5), mm(88.9), mm(3))
    assert plan is not None
    assert (plan.columns, plan.rows, plan.butted, plan.landscape) == (3, 3, True, False)
    left, bottom, right, top = plan.outer_bleed
    assert (left, right) == pytest.approx((mm(1.75), mm(1.75)))
    assert (bottom, top) == pytest.approx((mm(3), mm(3)))
    assert plan.short_marks == 0
    assert "outer bleed 1.75 mm at the left and right sheet edges" in plan.why()


def test_auto_puts_eight_poker_cards_on_letter_landscape_and_says_why() -> None:
    plan = plan_sheet("letter", mm(63.5), mm(88.9), mm(3))
    assert plan is not None
    assert (plan.columns, plan.rows, plan.landscape, plan.short_marks) == (4, 2, True, 0)
    assert plan.outer_bleed == pytest.approx((mm(3),) * 4)
    assert "print.layout: max fits 9, with marks that may not print" in plan.why()


@pytest.mark.parametrize("paper", ["a4", "letter", "a3"])
@pytest.mark.parametrize("size", list(CARD_SIZES_MM))
@pytest.mark.parametrize("fold", [False, True])
def test_auto_marks_every_cut_line_visibly_inside_the_margin(paper: str, size: str, fold: bool) -> None:
    width, height = (mm(v) for v in CARD_SIZES_MM[size])
    plan = plan_sheet(paper, width, height, mm(3), fold=fold)
    assert plan is not None and not plan.fallback
    cuts = {round(v, 3) for s in plan.slots for v in (s.trim.x, s.back_trim.right if fold else s.trim.right)}
    ends = {round(v, 3) for s in plan.slots for v in (s.trim.y, s.trim.top)}
    for x in cuts:  # both ends of every cut line
        at = [m for m in plan.marks if m.x1 == m.x2 and abs(m.x1 - x) < 0.01]
        assert len(at) == 2 and all(
            visible_length(m, plan.width, plan.height) >= MARK_VISIBLE - 1e-6 for m in at
        )
    for y in ends:
        at = [m for m in plan.marks if m.y1 == m.y2 and abs(m.y1 - y) < 0.01]
        assert len(at) == 2 and all(
            visible_length(m, plan.width, plan.height) >= MARK_VISIBLE - 1e-6 for m in at
        )
    assert min(plan.outer_bleed) >= MIN_OUTER_BLEED - 1e-6
    packed = plan_sheet(paper, width, height, mm(3), fold=fold, layout="max")
    assert packed is not None and plan.packed == packed.per_sheet >= plan.per_sheet


def test_auto_falls_back_to_max_when_no_layout_prints_its_marks() -> None:
    plan = plan_sheet("a4", mm(196), mm(260), mm(3))  # 7 mm beside the card: no room for marks there
    assert plan is not None and plan.fallback and plan.per_sheet == 1
    assert "found no layout whose crop marks all print" in plan.why()


@pytest.mark.parametrize("paper", ["a4", "letter", "a3"])
@pytest.mark.parametrize("size", list(CARD_SIZES_MM))
@pytest.mark.parametrize("fold", [False, True])
@pytest.mark.parametrize("layout", ["auto", "max"])
def test_every_preset_fits_inside_the_printable_margin(
    paper: str, size: str, fold: bool, layout: str
) -> None:
    width, height = (mm(v) for v in CARD_SIZES_MM[size])
    plan = plan_sheet(paper, width, height, mm(3), fold=fold, layout=layout)  # type: ignore[arg-type]
    assert plan is not None
    assert {plan.width, plan.height} == set(paper_size(paper))
    printable = Rect(MARGIN, MARGIN, plan.width - 2 * MARGIN, plan.height - 2 * MARGIN)
    page = Rect(0, 0, plan.width, plan.height)
    for slot in plan.slots:
        assert printable.contains(slot.trim)
        assert page.contains(slot.bleed)
        assert slot.bleed.contains(slot.trim)
        if fold:
            assert slot.back_trim is not None and slot.back_trim.x == pytest.approx(slot.trim.right)
    for item in (plan.hint, plan.ruler):  # the footer stays printable and off the cards
        box = _footer_box(item)
        assert printable.contains(box, tolerance=0.01)
        assert not any(_overlap(box, slot.bleed) for slot in plan.slots)


def _footer_box(item) -> Rect:  # type: ignore[no-untyped-def]
    from workshop.pdf.layout_footer import FOOTER_THICKNESS

    if item.angle == 0:
        return Rect(item.x, item.y, item.length, FOOTER_THICKNESS)
    return Rect(item.x - FOOTER_THICKNESS, item.y, FOOTER_THICKNESS, item.length)


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.top and b.y < a.top


def test_butted_cards_have_bleed_only_on_the_outer_edge() -> None:
    plan = plan_sheet("a4", mm(63.5), mm(88.9), mm(3), layout="max")
    assert plan is not None
    middle = plan.slots[4]
    assert middle.bleed == middle.trim
    corner = plan.slots[0]
    assert corner.bleed == corner.trim.grown(mm(3), 0, 0, mm(3))


def test_separate_bleeds_when_they_fit() -> None:
    plan = plan_sheet("a4", mm(70), mm(120), mm(3))
    assert plan is not None and not plan.butted
    for slot in plan.slots:
        assert slot.bleed == slot.trim.grown(mm(3), mm(3), mm(3), mm(3))


def test_crop_marks_sit_outside_every_bleed_at_every_cut_line() -> None:
    plan = plan_sheet("a4", mm(63.5), mm(88.9), mm(3))
    assert plan is not None
    xs = {round(v, 3) for s in plan.slots for v in (s.trim.x, s.trim.right)}
    ys = {round(v, 3) for s in plan.slots for v in (s.trim.y, s.trim.top)}
    vertical = {round(m.x1, 3) for m in plan.marks if m.x1 == m.x2}
    horizontal = {round(m.y1, 3) for m in plan.marks if m.y1 == m.y2}
    assert vertical == xs and horizontal == ys
    for mark in plan.marks:
        line = Rect(
            min(mark.x1, mark.x2), min(mark.y1, mark.y2), abs(mark.x2 - mark.x1), abs(mark.y2 - mark.y1)
        )
        assert not any(_overlap(line, slot.bleed) for slot in plan.slots)


@pytest.mark.parametrize("edge", ["long-edge", "short-edge"])
def test_backs_mirror_their_fronts(edge: str) -> None:
    plan = plan_sheet("a4", mm(63.5), mm(88.9), mm(3))
    assert plan is not None
    backs = back_slots(plan, edge)  # type: ignore[arg-type]
    for front, back in zip(plan.slots, backs, strict=True):
        if edge == "long-edge":  # portrait sheet: left-right
            assert back.trim.x == pytest.approx(plan.width - front.trim.right)
            assert back.trim.y == pytest.approx(front.trim.y)
        else:
            assert back.trim.y == pytest.approx(plan.height - front.trim.top)
            assert back.trim.x == pytest.approx(front.trim.x)
    # the first card's back is in the top-right corner for long-edge
    if edge == "long-edge":
        assert backs[0].trim.right == pytest.approx(plan.slots[2].trim.right)


def test_mirror_on_landscape_sheets_swaps_the_axis() -> None:
    box = Rect(10, 20, 30, 40)
    assert mirror(box, 400, 200, "long-edge") == Rect(10, 200 - 60, 30, 40)
    assert mirror(box, 400, 200, "short-edge") == Rect(400 - 40, 20, 30, 40)


def test_too_big_card_gives_no_plan() -> None:
    assert plan_sheet("a4", mm(250), mm(350), mm(3)) is None


def test_single_page_boxes() -> None:
    page, trim = single_page(mm(63.5), mm(88.9), mm(3))
    assert (page.width, page.height) == pytest.approx((mm(69.5), mm(94.9)))
    assert (trim.x, trim.y) == pytest.approx((mm(3), mm(3)))
