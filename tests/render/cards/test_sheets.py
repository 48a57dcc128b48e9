"""Sheets: backs behind their fronts for each duplex mode, the printer's offset, fold and no duplex;
and every crop mark as a home printer prints it.

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

from tests.cardgen import card, short_card, write_workshop
from tests.cardpdfs import build, decode, normalise, read_pdf, urls
from workshop.content.units import CARD_SIZES_MM, mm
from workshop.pdf.geometry import Rect
from workshop.pdf.layout import SheetPlan, back_slots
from workshop.pipeline.build import build_workshop, load_and_check
from workshop.render.cards import sheet_plan
from workshop.render.cards.sheets import hint_length, hint_text, ruler_length


def _rows_of_types() -> list[dict]:
    """Nine cards whose types differ per row and per column, so any wrong mirror shows."""
    order = [
        "dilemma",
        "roleplay",
        "roleplay",
        "reflection",
        "dilemma",
        "dilemma",
        "roleplay",
        "reflection",
        "reflection",
    ]
    cards = []
    for index, kind in enumerate(order, 1):
        base = card({"dilemma": 1, "roleplay": 2, "reflection": 3}[kind])
        cards.append({**base, "id": f"kaart-{index:02d}"})
    return cards


@pytest.mark.parametrize("edge", ["long-edge", "short-edge"])
def test_each_back_lands_behind_its_front(tmp_path: Path, edge: str) -> None:
    from workshop.pdf.layout import plan_sheet

    folder = write_workshop(tmp_path / edge, 9, cards=_rows_of_types(), duplex=edge)
    files = build(folder)
    plan = plan_sheet("a4", mm(63.5), mm(88.9), mm(3))
    assert plan is not None
    document = pdfium.PdfDocument(files["cards.pdf"])
    front, back = (document[i].render(scale=1).to_pil().convert("RGB") for i in (0, 1))
    for slot, mirrored in zip(plan.slots, back_slots(plan, edge), strict=True):  # type: ignore[arg-type]
        assert _colour(front, slot.trim, plan.height) == _colour(back, mirrored.trim, plan.height)
    document.close()


def _colour(image: Any, trim: Any, page_height: float) -> tuple[int, int, int]:
    """The colour just inside a card's top-left corner (the type colour on fronts and backs)."""
    x, y = trim.x + mm(2), page_height - (trim.top - mm(2))
    return image.getpixel((round(x), round(y)))


def test_back_offset_shifts_every_back(tmp_path: Path) -> None:
    plain = build(write_workshop(tmp_path / "plain", 3))
    shifted = build(write_workshop(tmp_path / "shifted", 3, back_offset=["2mm", "-1mm"]))
    for page, text, (dx, dy) in ((0, "kaart-01", (0, 0)), (1, "Klantgerichtheid", (mm(2), mm(-1)))):
        before, after = _char_box(plain["cards.pdf"], page, text), _char_box(shifted["cards.pdf"], page, text)
        assert after[0] - before[0] == pytest.approx(dx, abs=0.05)
        assert after[1] - before[1] == pytest.approx(dy, abs=0.05)


def _char_box(pdf: bytes, page_index: int, text: str) -> tuple[float, float, float, float]:
    document = pdfium.PdfDocument(pdf)
    page = document[page_index]
    textpage = page.get_textpage()
    first = textpage.search(text).get_next()
    assert first is not None, text
    box = textpage.get_charbox(first[0])
    document.close()
    return box


def test_fold_puts_front_and_back_side_by_side(tmp_path: Path) -> None:
    files = build(write_workshop(tmp_path / "fold", 5, duplex="fold"))
    notes = files["_notes"].decode()
    assert "fold" in notes
    reader = read_pdf(files["cards.pdf"])
    first = normalise(reader.pages[0].extract_text())
    assert "kaart-01" in first and "Klantgerichtheid of authenticiteit?" in first
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/Simplex"
    assert set().union(*decode(files["cards.pdf"])) == urls(1, 5)


def test_none_gives_fronts_and_one_back_sheet_per_type(tmp_path: Path) -> None:
    files = build(write_workshop(tmp_path / "none", 12, duplex="none"))
    reader = read_pdf(files["cards.pdf"])
    assert len(reader.pages) == 2 + 3
    assert "kaart-10" in reader.pages[1].extract_text()
    assert "DILEMMA" in reader.pages[2].extract_text() and "kaart" not in reader.pages[2].extract_text()
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/Simplex"


def test_the_hint_says_how_to_print_in_the_workshops_language():
    assert "100 %" in hint_text("nl", "long-edge") and "lange zijde" in hint_text("nl", "long-edge")
    assert hint_text("en", "short-edge") != hint_text("en", "long-edge")
    assert hint_length("nl", "long-edge") > mm(20)
    assert ruler_length() > mm(50)  # the 50 mm ruler and its label


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


@pytest.mark.parametrize("duplex", ["long-edge", "fold"])
def test_crop_marks_false_draws_none_and_keeps_fold_lines(tmp_path: Path, duplex: str) -> None:
    """Marks, fold lines and the ruler are strokes (`m … l S`) on the front page: without crop
    marks exactly the plan's cut marks are gone."""
    import re

    from pypdf import PdfReader

    def strokes(crop_marks: bool) -> tuple[int, SheetPlan, str]:
        folder = write_workshop(
            tmp_path / f"{duplex}-{crop_marks}",
            0,
            cards=[short_card(1)],
            duplex=duplex,
            crop_marks=crop_marks,
        )
        report = build_workshop(folder, folder / "build", only=("cards",))
        content = PdfReader(report.out_dir / "cards.pdf").pages[0].get_contents().get_data().decode("latin-1")
        count = len(re.findall(r"[-\d.]+ [-\d.]+ m [-\d.]+ [-\d.]+ l S", content))
        return count, sheet_plan(load_and_check(folder)[0]), report.notes[0]

    marked, plan, _ = strokes(True)
    unmarked, _, note = strokes(False)
    cuts = [mark for mark in plan.marks if not mark.fold]
    folds = [mark for mark in plan.marks if mark.fold]
    assert len(cuts) > 8 and (len(folds) > 0) == (duplex == "fold")
    assert marked - unmarked == len(cuts)
    assert "print.crop_marks: false: no crop marks drawn" in note
