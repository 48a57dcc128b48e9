"""Where the print hint and the 50 mm ruler go in a sheet's margin, clear of the crop marks.

Part of the pure sheet geometry (see `layout`): numbers in, dataclasses out, no drawing.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from workshop.content.units import mm
from workshop.pdf.geometry import Rect

MARGIN = mm(5)  # what home printers can print: cards, ruler and hint stay inside it
MARK_GAP = mm(1)  # between the outer bleed edge and where a crop mark starts
MARK_CLEARANCE = mm(1.5)  # free space kept on both sides of a mark when placing the footer
FOOTER_THICKNESS = mm(3.2)  # the print hint and the ruler with its label


@dataclass(frozen=True)
class Placement:
    """Where a footer item (print hint or ruler) goes: start point, length, and 0 or 90 degrees."""

    x: float
    y: float
    length: float
    angle: int = 0


def place_footer(
    width: float,
    height: float,
    outer: Rect,
    cuts_x: list[float],
    cuts_y: list[float],
    hint_length: float,
    ruler_length: float,
) -> tuple[Placement, Placement, dict[str, float]] | None:
    """Put the print hint and the 50 mm ruler in the margin, clear of the crop marks.

    First choice: a margin band deep enough for the footer beside shortened crop marks
    (returned as `limits`: how far marks on that side may reach). Else each item goes
    between two cut lines where a band is deep enough for it alone. None: no room.
    """
    bands = _bands(width, height, outer)
    need = FOOTER_THICKNESS + MARK_GAP + mm(2.5)
    for name in ("bottom", "top", "right", "left"):
        depth, along = bands[name]
        if depth >= need and along >= hint_length + ruler_length + mm(6):
            start, angle = _band_origin(name, width, height, along)
            hint = _along(start, angle, 0)
            ruler = _along(start, angle, along - ruler_length)
            return (
                Placement(*hint, hint_length, angle),
                Placement(*ruler, ruler_length, angle),
                {name: MARGIN + FOOTER_THICKNESS + mm(0.8)},
            )
    spots = _gaps(bands, cuts_x, cuts_y, width, height)
    ruler_spot = _take(spots, ruler_length)
    hint_spot = _take(spots, hint_length)
    if ruler_spot is None or hint_spot is None:
        return None
    return (
        _spot_placement(hint_spot, hint_length, width, height),
        _spot_placement(ruler_spot, ruler_length, width, height),
        {},
    )


Spot = tuple[str, float, float]  # band name, start along the band, free length


def _bands(width: float, height: float, outer: Rect) -> dict[str, tuple[float, float]]:
    """Per margin band: (printable depth between the margin and the bleed, length along it)."""
    return {
        "bottom": (outer.y - MARK_GAP - MARGIN, width - 2 * MARGIN),
        "top": (height - outer.top - MARK_GAP - MARGIN, width - 2 * MARGIN),
        "right": (width - outer.right - MARK_GAP - MARGIN, height - 2 * MARGIN),
        "left": (outer.x - MARK_GAP - MARGIN, height - 2 * MARGIN),
    }


def _band_origin(name: str, width: float, height: float, along: float) -> tuple[tuple[float, float], int]:
    """Start point and angle of a footer line in band `name` (90: reads bottom to top)."""
    if name == "bottom":
        return (MARGIN, MARGIN), 0
    if name == "top":
        return (MARGIN, height - MARGIN - FOOTER_THICKNESS), 0
    if name == "right":
        return (width - MARGIN, MARGIN), 90
    return (MARGIN + FOOTER_THICKNESS, MARGIN), 90


def _along(start: tuple[float, float], angle: int, offset: float) -> tuple[float, float]:
    x, y = start
    return (x + offset, y) if angle == 0 else (x, y + offset)


def _gaps(
    bands: dict[str, tuple[float, float]],
    cuts_x: list[float],
    cuts_y: list[float],
    width: float,
    height: float,
) -> list[Spot]:
    """Free stretches between crop marks in every band deep enough for one footer item."""
    spots: list[Spot] = []
    for name in ("bottom", "top", "right", "left"):
        depth, _ = bands[name]
        if depth < FOOTER_THICKNESS:
            continue
        cuts, end = (cuts_x, width) if name in ("bottom", "top") else (cuts_y, height)
        edges = [MARGIN - MARK_CLEARANCE, *sorted(cuts), end - MARGIN + MARK_CLEARANCE]
        for first, second in itertools.pairwise(edges):
            start, stop = first + MARK_CLEARANCE, second - MARK_CLEARANCE
            if stop > start:
                spots.append((name, start, stop - start))
    return spots


def _take(spots: list[Spot], length: float) -> Spot | None:
    """Claim the first free stretch that holds `length`, if any."""
    for index, (name, start, free) in enumerate(spots):
        if free >= length:
            spots[index] = (name, start + length + MARK_CLEARANCE, free - length - MARK_CLEARANCE)
            return name, start, free
    return None


def _spot_placement(spot: Spot, length: float, width: float, height: float) -> Placement:
    name, start, _ = spot
    (x, y), angle = _band_origin(name, width, height, length)
    return Placement(start, y, length, 0) if angle == 0 else Placement(x, start, length, 90)
