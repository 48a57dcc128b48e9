"""cards.pdf's sheets as a home printer prints them: every crop mark measured on the rendered page.

A home printer leaves about 5 mm at each edge of the paper blank. The sheets are rasterised
(pypdfium2) and, at every cut line, the mark's pixels are followed outward from the cards'
bleed until the ink stops or the unprintable margin begins: what lies inside is what the
printer prints, and it must be at least 2 mm long to lay a ruler against.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from tests.cardgen import short_card, write_workshop
from workshop.content.units import CARD_SIZES_MM, mm
from workshop.pdf.geometry import Rect
from workshop.pdf.layout import SheetPlan
from workshop.pipeline.build import build_workshop, load_and_check
from workshop.render.cards import sheet_plan

DPI = 300
PX = 72 / DPI  # one pixel in points
MARGIN = mm(5)  # what a home printer cannot print, measured from each edge of the sheet
DARK = 170  # grey level below which a pixel is ink (the 0.3 pt marks render mid-grey)


def _sheet(tmp_path: Path, paper: str, size: str, layout: str = "auto") -> tuple[Any, SheetPlan, bytes]:
    """Page 1 of cards.pdf (fronts) as a greyscale image, the plan it was drawn from, the PDF bytes."""
    folder = write_workshop(
        tmp_path / f"{paper}-{size}", 0, cards=[short_card(1)], card_size=size, paper=paper, layout=layout
    )
    report = build_workshop(folder, folder / "build", only=("cards",))
    data = (report.out_dir / "cards.pdf").read_bytes()
    plan = sheet_plan(load_and_check(folder)[0])
    document = pdfium.PdfDocument(data)
    image = document[0].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    document.close()
    return image, plan, data


def visible_marks(image: Any, plan: SheetPlan) -> dict[tuple[str, float], float]:
    """Per cut line end ('top', x) … ('right', y): the printed length of its mark in points.

    From the edge of the cards' bleed the pixels along the cut line are followed outward:
    past the white gap to the first ink, then along the ink until it stops or reaches the
    5 mm margin (where a home printer stops printing).
    """
    outer = _union([slot.bleed for slot in plan.slots])
    xs = sorted({round(v, 2) for slot in plan.slots for v in (slot.trim.x, slot.trim.right)})
    ys = sorted({round(v, 2) for slot in plan.slots for v in (slot.trim.y, slot.trim.top)})
    found: dict[tuple[str, float], float] = {}
    for x in xs:
        found[("top", x)] = _run(image, plan, x, outer.top, +1, vertical=True)
        found[("bottom", x)] = _run(image, plan, x, outer.y, -1, vertical=True)
    for y in ys:
        found[("left", y)] = _run(image, plan, outer.x, y, -1, vertical=False)
        found[("right", y)] = _run(image, plan, outer.right, y, +1, vertical=False)
    return found


def _run(image: Any, plan: SheetPlan, x: float, y: float, step: int, *, vertical: bool) -> float:
    """The length of the first ink past the white gap going from (x, y) in direction `step`
    (the bleed's own anti-aliased edge skipped), inside the margin."""
    position = y if vertical else x
    end = (plan.height if vertical else plan.width) - MARGIN if step > 0 else MARGIN
    inked, phase = 0, "bleed"
    while (position < end) if step > 0 else (position > end):
        dark = _dark(image, plan, x if vertical else position, position if vertical else y, across=vertical)
        if phase == "bleed" and not dark:
            phase = "gap"
        elif phase != "bleed" and dark:
            phase = "mark"
            inked += 1
        elif phase == "mark":
            break
        position += step * PX
    return inked * PX


def _dark(image: Any, plan: SheetPlan, x: float, y: float, *, across: bool) -> bool:
    """Whether the pixel at (x, y) (PDF points, y up) or its neighbours across the line are ink."""
    column, row = round(x / PX), round((plan.height - y) / PX)
    neighbours = [(column + d, row) if across else (column, row + d) for d in (-1, 0, 1)]
    return min(image.getpixel(p) for p in neighbours) < DARK


def _union(boxes: list[Rect]) -> Rect:
    left, bottom = min(b.x for b in boxes), min(b.y for b in boxes)
    return Rect(left, bottom, max(b.right for b in boxes) - left, max(b.top for b in boxes) - bottom)


@pytest.mark.parametrize("paper", ["a4", "letter", "a3"])
@pytest.mark.parametrize("size", list(CARD_SIZES_MM))
def test_every_cut_line_has_a_mark_a_home_printer_prints(tmp_path: Path, paper: str, size: str) -> None:
    image, plan, _ = _sheet(tmp_path, paper, size)
    marks = visible_marks(image, plan)
    expected_lines = len(
        {round(s.trim.x, 2) for s in plan.slots} | {round(s.trim.right, 2) for s in plan.slots}
    )
    assert len(marks) == 2 * expected_lines + 2 * len(
        {round(s.trim.y, 2) for s in plan.slots} | {round(s.trim.top, 2) for s in plan.slots}
    )
    short = {where: round(length / mm(1), 2) for where, length in marks.items() if length < mm(2) - PX}
    assert not short, f"{plan.describe(size)}: marks under 2 mm inside the margin (mm): {short}"


def test_the_measure_sees_marks_in_the_margin_that_max_packs(tmp_path: Path) -> None:
    """print.layout: max on A4 poker: the side marks lie almost wholly in the margin, and the
    measure says so (so the test above can fail)."""
    image, plan, _ = _sheet(tmp_path, "a4", "poker", layout="max")
    marks = visible_marks(image, plan)
    sides = [length for (where, _), length in marks.items() if where in ("left", "right")]
    assert sides and max(sides) < mm(1)
    ends = [length for (where, _), length in marks.items() if where in ("top", "bottom")]
    assert min(ends) >= mm(2) - PX


def test_a4_poker_keeps_nine_cards_with_less_outer_bleed(tmp_path: Path) -> None:
    image, plan, _ = _sheet(tmp_path, "a4", "poker")
    assert plan.per_sheet == 9
    assert min(slot.trim.x for slot in plan.slots) - _union([s.bleed for s in plan.slots]).x == pytest.approx(
        mm(1.75)
    )
    # the cards' colour reaches exactly that far: 1.5 mm out from the trim is ink, 2 mm is paper
    top_left = plan.slots[0].trim
    band = top_left.top - mm(2)  # inside the type-colour band of the first front
    assert _dark(image, plan, top_left.x - mm(1.5), band, across=False)
    assert not _dark(image, plan, top_left.x - mm(2.1), band, across=False)
