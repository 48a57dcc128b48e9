"""Pure sheet geometry for cards.pdf, in points: grid, card boxes, bleed, crop marks, duplex mirror.

Nothing here draws; every function takes numbers and returns frozen dataclasses, so the
geometry that decides whether a back lands behind its front is tested without a PDF.
Origin is the sheet's lower-left corner, y upwards (as in PDF).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from workshop.content.units import mm, paper_size
from workshop.pdf.geometry import Rect
from workshop.pdf.layout_footer import MARGIN, MARK_GAP, Placement, place_footer

MARK_LENGTH = mm(4)
MARK_VISIBLE = mm(2)
"""How much of every crop mark must lie inside the printable area (`MARGIN` from each edge)
for `print.layout: auto`: enough to lay a ruler against when cutting."""
MIN_OUTER_BLEED = mm(0.5)
"""The least outer bleed `auto` shrinks to at the sheet's edges to make room for the marks.
Butted cards have no bleed at all at their inner cut lines, so half a millimetre at the outer
ones asks no more precision of the cut than those already do."""
BLEED_STEP = mm(0.25)
Edge = Literal["long-edge", "short-edge"]
Layout = Literal["auto", "max"]
Sides = tuple[float, float, float, float]  # left, bottom, right, top


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
    layout: Layout = "max"
    outer_bleed: Sides = (0.0, 0.0, 0.0, 0.0)
    """The bleed at the block's outer edges; `auto` shrinks it below `bleed` to make room for marks."""
    packed: int = 0
    """How many cards `print.layout: max` puts on this sheet (to say what `auto` gave up)."""
    fallback: bool = field(default=False)
    """`auto` found no layout whose marks all print, so this is the packed one."""
    crop_marks: bool = True
    """Draw the crop marks (`print.crop_marks`); fold lines are drawn either way."""

    @property
    def per_sheet(self) -> int:
        return len(self.slots)

    @property
    def short_marks(self) -> int:
        """How many marks show less than MARK_VISIBLE inside a home printer's 5 mm margin."""
        return sum(visible_length(m, self.width, self.height) < MARK_VISIBLE - 1e-6 for m in self.marks)

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

    def why(self) -> str:
        """Which layout `print.layout` chose and why, for the build's message."""
        if not self.crop_marks:
            return "print.crop_marks: false: no crop marks drawn" + ("; fold lines are" if self.fold else "")
        print_at = (
            f"at least {MARK_VISIBLE / mm(1):g} mm inside a home printer's {MARGIN / mm(1):g} mm margin"
        )
        if self.layout == "max" or self.fallback:
            head = (
                "print.layout: max"
                if self.layout == "max"
                else "print.layout: auto found no layout whose crop marks all print, so"
            )
            if not self.short_marks:
                return f"{head}: the most cards per sheet; every crop mark prints {print_at}"
            return (
                f"{head}: the most cards per sheet; {self.short_marks} of {len(self.marks)} crop marks "
                f"do not print {print_at}: cut along the card edges there"
            )
        why = f"print.layout: auto: every crop mark prints {print_at}"
        shrunk = _shrunk_sides(self.outer_bleed, self.bleed)
        if shrunk:
            why += f", with {shrunk}"
        if self.packed > self.per_sheet:
            why += f"; print.layout: max fits {self.packed}, with marks that may not print"
        return why


def grid_count(available: float, unit: float, gap: float) -> int:
    """How many `unit`s with `gap` between them fit in `available`."""
    return max(0, math.floor((available + gap + 1e-6) / (unit + gap)))


# a build asks for the same plan 3-5 times per process (check, sheets, guide, summary): frozen, kept
@lru_cache(maxsize=64)
def plan_sheet(
    paper: str,
    card_width: float,
    card_height: float,
    bleed: float,
    *,
    fold: bool = False,
    hint_length: float = mm(60),
    ruler_length: float = mm(58),
    layout: Layout = "auto",
) -> SheetPlan | None:
    """The sheet plan for `layout`, or None when not one card fits the paper.

    `max` packs the most cards inside the 5 mm margin, crop marks or not. `auto` takes the most
    cards for which every crop mark prints MARK_VISIBLE inside that margin (what a home printer
    can print), shrinking the outer bleed at the sheet's edges where that is enough; when no
    layout manages that, it packs as `max` does and says so (`fallback`).
    """
    packed = _packed_plan(paper, card_width, card_height, bleed, fold, hint_length, ruler_length)
    if packed is None or layout == "max":
        return packed
    printable = _printable_plan(paper, card_width, card_height, bleed, fold, hint_length, ruler_length)
    if printable is None:
        return replace(packed, layout="auto", fallback=True, packed=packed.per_sheet)
    return replace(printable, layout="auto", packed=packed.per_sheet)


def _packed_plan(
    paper: str,
    card_width: float,
    card_height: float,
    bleed: float,
    fold: bool,
    hint_length: float,
    ruler_length: float,
) -> SheetPlan | None:
    """The plan that holds the most cards inside the margin; marks go where room is left.

    Candidates: portrait or landscape sheet, and separate bleeds or butted cards (shared cut
    lines, bleed only on the block's outer edge). Ties go to portrait, then separate bleeds.
    """
    unit_width = 2 * card_width if fold else card_width
    candidates: list[tuple[tuple[int, bool, bool], float, float, int, int, bool]] = []
    for width, height, butted, gap in _arrangements(paper, bleed):
        outer = gap
        most_columns = grid_count(width - 2 * MARGIN - outer, unit_width, gap)
        most_rows = grid_count(height - 2 * MARGIN - outer, card_height, gap)
        for columns, rows in _fewer(most_columns, most_rows):
            candidates.append(
                ((columns * rows, width <= height, not butted), width, height, columns, rows, butted)
            )
    for _, width, height, columns, rows, butted in sorted(candidates, key=lambda c: c[0], reverse=True):
        plan = _build_plan(
            paper, width, height, card_width, card_height, bleed, columns, rows, butted, fold,
            hint_length, ruler_length, (bleed,) * 4,
        )  # fmt: skip
        if plan is not None:
            return plan
    return None


def _printable_plan(
    paper: str,
    card_width: float,
    card_height: float,
    bleed: float,
    fold: bool,
    hint_length: float,
    ruler_length: float,
) -> SheetPlan | None:
    """The plan with the most cards whose every mark prints MARK_VISIBLE inside the margin.

    Every grid up to the packed one is tried, its outer bleed shrunk (in BLEED_STEPs, not
    below MIN_OUTER_BLEED) on the sides where the marks need the room. Among plans with as
    many cards: the most bleed kept, then portrait, then separate bleeds.
    """
    unit_width = 2 * card_width if fold else card_width
    found: list[tuple[tuple[int, float, bool, bool], SheetPlan]] = []
    for width, height, butted, gap in _arrangements(paper, bleed):
        for columns in range(1, grid_count(width - 2 * MARGIN, unit_width, gap) + 1):
            for rows in range(1, grid_count(height - 2 * MARGIN, card_height, gap) + 1):
                block_width = columns * unit_width + (columns - 1) * gap
                block_height = rows * card_height + (rows - 1) * gap
                side = _room_for_marks((width - block_width) / 2, bleed)
                end = _room_for_marks((height - block_height) / 2, bleed)
                if side is None or end is None:
                    continue
                plan = _build_plan(
                    paper, width, height, card_width, card_height, bleed, columns, rows, butted, fold,
                    hint_length, ruler_length, (side, end, side, end),
                )  # fmt: skip
                if plan is not None and not plan.short_marks:
                    found.append(((plan.per_sheet, min(side, end), width <= height, not butted), plan))
    return max(found, key=lambda item: item[0])[1] if found else None


def _arrangements(paper: str, bleed: float) -> Iterator[tuple[float, float, bool, float]]:
    """(width, height, butted, gap between cards) of every arrangement a plan may take: the
    sheet portrait or landscape, cards with separate bleeds or (with bleed) butted."""
    portrait = paper_size(paper)
    for width, height in (portrait, portrait[::-1]):
        for butted in (False, True) if bleed > 0 else (False,):
            yield width, height, butted, 0.0 if butted else 2 * bleed


def _room_for_marks(space: float, bleed: float) -> float | None:
    """The outer bleed that leaves a mark MARK_VISIBLE inside the margin, in `space` between
    the trim and the sheet's edge (at most `bleed`); None when even MIN_OUTER_BLEED is too much."""
    room = space - MARGIN - MARK_VISIBLE - MARK_GAP
    if room >= bleed - 1e-6:
        return bleed
    stepped = math.floor(room / BLEED_STEP + 1e-6) * BLEED_STEP
    return stepped if stepped >= min(bleed, MIN_OUTER_BLEED) - 1e-6 else None


def visible_length(mark: Mark, width: float, height: float) -> float:
    """The length of `mark` inside the printable area, MARGIN in from every edge of the sheet."""
    low_x, high_x = sorted((mark.x1, mark.x2))
    low_y, high_y = sorted((mark.y1, mark.y2))
    across = min(high_x, width - MARGIN) - max(low_x, MARGIN)
    along = min(high_y, height - MARGIN) - max(low_y, MARGIN)
    if low_x == high_x:
        return max(0.0, along) if MARGIN <= low_x <= width - MARGIN else 0.0
    return max(0.0, across) if MARGIN <= low_y <= height - MARGIN else 0.0


def _shrunk_sides(outer: Sides, bleed: float) -> str:
    """'outer bleed 1.75 mm at the left and right sheet edges', or '' when none was shrunk."""
    left, bottom, _, _ = outer
    sides = [
        (name, value)
        for name, value in (("left and right", left), ("top and bottom", bottom))
        if value < bleed - 1e-6
    ]
    return "; ".join(f"outer bleed {value / mm(1):g} mm at the {name} sheet edges" for name, value in sides)


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
    outer_bleed: Sides,
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
                _slot(
                    row,
                    column,
                    x,
                    y,
                    card_width,
                    card_height,
                    bleed,
                    butted,
                    fold,
                    columns,
                    rows,
                    outer_bleed,
                )
            )
    outer = block.grown(*outer_bleed)
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
        tuple(slots), tuple(marks), hint, ruler, outer_bleed=outer_bleed,
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
    outer_bleed: Sides,
) -> Slot:
    """A card's boxes; butted cards get bleed only on the sides that face the sheet's margin, and
    the sides facing the margin get `outer_bleed` (which may be less than `bleed`)."""

    def side(outer: bool, outer_value: float) -> float:
        return outer_value if outer else (0.0 if butted else bleed)

    left, right = side(column == 0, outer_bleed[0]), side(column == columns - 1, outer_bleed[2])
    top, bottom = side(row == 0, outer_bleed[3]), side(row == rows - 1, outer_bleed[1])
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
