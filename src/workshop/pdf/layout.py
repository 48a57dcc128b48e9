"""Pure sheet geometry for cards.pdf, in points: grid, card boxes, bleed, crop marks, duplex mirror.

Nothing here draws; every function takes numbers and returns frozen dataclasses, so the
geometry that decides whether a back lands behind its front is tested without a PDF.
Origin is the sheet's lower-left corner, y upwards (as in PDF).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from workshop.content.units import mm, paper_size
from workshop.pdf.geometry import Rect
from workshop.pdf.layout_footer import MARGIN, MARK_GAP, Placement, place_footer

MARK_LENGTH = mm(4)
Edge = Literal["long-edge", "short-edge"]


@dataclass(frozen=True)
class Slot:
    """One place on a sheet: the card's trim box and the box its background fills (trim + bleed)."""

    row: int
    column: int
    trim: Rect
    bleed: Rect
    back_trim: Rect | None = None
    """With `fold`: the back's trim box, beside the front on the same sheet."""
    back_bleed: Rect | None = None


@dataclass(frozen=True)
class Mark:
    """A crop mark (solid) or fold mark (dashed) as a line from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    fold: bool = False


@dataclass(frozen=True)
class SheetPlan:
    """How cards sit on one sheet; the same plan serves front, back and fold sheets."""

    paper: str
    width: float
    height: float
    card_width: float
    card_height: float
    bleed: float
    columns: int
    rows: int
    butted: bool
    fold: bool
    slots: tuple[Slot, ...]
    marks: tuple[Mark, ...]
    hint: Placement
    ruler: Placement

    @property
    def per_sheet(self) -> int:
        return len(self.slots)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def describe(self, size_name: str) -> str:
        """'3×3 poker cards per A4 sheet (butted, shared cut lines)'."""
        what = f"{size_name} cards" if size_name != "custom" else "cards"
        pairs = " (front and back side by side, fold)" if self.fold else ""
        sheet = f"{self.paper.upper() if self.paper != 'letter' else 'Letter'} sheet"
        sheet += " (landscape)" if self.landscape else ""
        how = " (butted, shared cut lines)" if self.butted else ""
        return f"{self.columns}×{self.rows} {what} per {sheet}{pairs}{how}"


def grid_count(available: float, unit: float, gap: float) -> int:
    """How many `unit`s with `gap` between them fit in `available`."""
    return max(0, math.floor((available + gap + 1e-6) / (unit + gap)))


def plan_sheet(
    paper: str,
    card_width: float,
    card_height: float,
    bleed: float,
    *,
    fold: bool = False,
    hint_length: float = mm(60),
    ruler_length: float = mm(58),
) -> SheetPlan | None:
    """The sheet plan that holds the most cards, or None when not one card fits the paper.

    Candidates: portrait or landscape sheet, and separate bleeds or butted cards (shared cut
    lines, bleed only on the block's outer edge). Ties go to portrait, then separate bleeds.
    """
    portrait = paper_size(paper)
    unit_width = 2 * card_width if fold else card_width
    candidates: list[tuple[tuple[int, bool, bool], float, float, int, int, bool]] = []
    for width, height in (portrait, portrait[::-1]):
        for butted in (False, True) if bleed > 0 else (False,):
            gap = outer = 0.0 if butted else 2 * bleed
            most_columns = grid_count(width - 2 * MARGIN - outer, unit_width, gap)
            most_rows = grid_count(height - 2 * MARGIN - outer, card_height, gap)
            for columns, rows in _fewer(most_columns, most_rows):
                candidates.append(
                    ((columns * rows, width <= height, not butted), width, height, columns, rows, butted)
                )
    for _, width, height, columns, rows, butted in sorted(candidates, key=lambda c: c[0], reverse=True):
        plan = _build_plan(
            paper, width, height, card_width, card_height, bleed, columns, rows, butted, fold,
            hint_length, ruler_length,
        )  # fmt: skip
        if plan is not None:
            return plan
    return None


def _fewer(columns: int, rows: int) -> list[tuple[int, int]]:
    """The full grid and grids one column or row smaller (to make room for the ruler and hint)."""
    options = {(c, r) for c in (columns, columns - 1) for r in (rows, rows - 1) if c > 0 and r > 0}
    return sorted(options, reverse=True)


def _build_plan(
    paper: str,
    width: float,
    height: float,
    card_width: float,
    card_height: float,
    bleed: float,
    columns: int,
    rows: int,
    butted: bool,
    fold: bool,
    hint_length: float,
    ruler_length: float,
) -> SheetPlan | None:
    """The plan for one grid, or None when the ruler and print hint find no room in its margins."""
    gap = 0.0 if butted else 2 * bleed
    unit = 2 * card_width if fold else card_width
    block = Rect(0, 0, columns * unit + (columns - 1) * gap, rows * card_height + (rows - 1) * gap)
    block = block.shifted((width - block.width) / 2, (height - block.height) / 2)
    slots = []
    for row in range(rows):
        for column in range(columns):
            x = block.x + column * (unit + gap)
            y = block.top - card_height - row * (card_height + gap)
            slots.append(
                _slot(row, column, x, y, card_width, card_height, bleed, butted, fold, columns, rows)
            )
    outer = block.grown(bleed, bleed, bleed, bleed)
    cuts_x = sorted({round(v, 4) for s in slots for v in _xs(s)})
    cuts_y = sorted({round(v, 4) for s in slots for v in (s.trim.y, s.trim.top)})
    folds_x = sorted({round(s.trim.right, 4) for s in slots}) if fold else []
    footer = place_footer(width, height, outer, cuts_x + folds_x, cuts_y, hint_length, ruler_length)
    if footer is None:
        return None
    hint, ruler, limits = footer
    marks = crop_marks(width, height, outer, cuts_x, cuts_y, limits)
    marks += [replace(m, fold=True) for m in crop_marks(width, height, outer, folds_x, [], limits)]
    return SheetPlan(
        paper, width, height, card_width, card_height, bleed, columns, rows, butted and bleed > 0, fold,
        tuple(slots), tuple(marks), hint, ruler,
    )  # fmt: skip


def _xs(slot: Slot) -> tuple[float, float]:
    right = slot.back_trim.right if slot.back_trim else slot.trim.right
    return slot.trim.x, right


def _slot(
    row: int,
    column: int,
    x: float,
    y: float,
    card_width: float,
    card_height: float,
    bleed: float,
    butted: bool,
    fold: bool,
    columns: int,
    rows: int,
) -> Slot:
    """A card's boxes; butted cards get bleed only on the sides that face the sheet's margin."""

    def side(outer: bool) -> float:
        return bleed if (outer or not butted) else 0.0

    left, right = side(column == 0), side(column == columns - 1)
    top, bottom = side(row == 0), side(row == rows - 1)
    trim = Rect(x, y, card_width, card_height)
    if not fold:
        return Slot(row, column, trim, trim.grown(left, bottom, right, top))
    back = trim.shifted(card_width, 0)
    return Slot(row, column, trim, trim.grown(left, bottom, 0, top), back, back.grown(0, bottom, right, top))


def crop_marks(
    width: float,
    height: float,
    outer: Rect,
    cuts_x: list[float],
    cuts_y: list[float],
    limits: dict[str, float],
) -> list[Mark]:
    """Marks in the margin at every cut line, starting just outside the bleed; never on a card."""
    marks: list[Mark] = []
    bottom_end = max(outer.y - MARK_GAP - MARK_LENGTH, limits.get("bottom", 0.0))
    top_end = min(outer.top + MARK_GAP + MARK_LENGTH, height - limits.get("top", 0.0))
    left_end = max(outer.x - MARK_GAP - MARK_LENGTH, limits.get("left", 0.0))
    right_end = min(outer.right + MARK_GAP + MARK_LENGTH, width - limits.get("right", 0.0))
    for x in cuts_x:
        if bottom_end < outer.y - MARK_GAP:
            marks.append(Mark(x, outer.y - MARK_GAP, x, bottom_end))
        if top_end > outer.top + MARK_GAP:
            marks.append(Mark(x, outer.top + MARK_GAP, x, top_end))
    for y in cuts_y:
        if left_end < outer.x - MARK_GAP:
            marks.append(Mark(outer.x - MARK_GAP, y, left_end, y))
        if right_end > outer.right + MARK_GAP:
            marks.append(Mark(outer.right + MARK_GAP, y, right_end, y))
    return marks


def mirror(rect: Rect, width: float, height: float, edge: Edge) -> Rect:
    """Where a box must go on the back sheet so that it lands behind `rect` on the front.

    Flipping the sheet over its long edge mirrors across the axis parallel to that edge:
    left-right on a portrait sheet, top-bottom on a landscape one; short-edge the other way.
    """
    long_vertical = height >= width
    left_right = (edge == "long-edge") == long_vertical
    if left_right:
        return Rect(width - rect.right, rect.y, rect.width, rect.height)
    return Rect(rect.x, height - rect.top, rect.width, rect.height)


def back_slots(plan: SheetPlan, edge: Edge) -> tuple[Slot, ...]:
    """The front plan's slots as the back sheet needs them, mirrored for the duplex edge."""
    return tuple(
        replace(slot, trim=mirror(slot.trim, plan.width, plan.height, edge),
                bleed=mirror(slot.bleed, plan.width, plan.height, edge))
        for slot in plan.slots
    )  # fmt: skip


def single_page(card_width: float, card_height: float, bleed: float) -> tuple[Rect, Rect]:
    """cards-single.pdf: (page box = bleed box, trim box) for one card."""
    return Rect(0, 0, card_width + 2 * bleed, card_height + 2 * bleed), Rect(
        bleed, bleed, card_width, card_height
    )
