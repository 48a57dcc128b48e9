"""Lengths with units, and the paper and card sizes trainers name.

Everything downstream works in PostScript points (1/72 in); this module is the one place
that knows millimetres, centimetres and inches.
"""

from __future__ import annotations

import re

MM = 72 / 25.4
UNITS = {"mm": MM, "cm": 10 * MM, "in": 72.0, "pt": 1.0}
LENGTH_PATTERN = r"^\s*-?\d+(?:[.,]\d+)?\s*(?:mm|cm|in|pt)\s*$"
_LENGTH = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(mm|cm|in|pt)\s*$")

PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "a3": (297.0, 420.0),
}

CARD_SIZES_MM: dict[str, tuple[float, float]] = {
    "poker": (63.5, 88.9),
    "bridge": (57.2, 88.9),
    "tarot": (70.0, 120.0),
    "mini": (44.0, 68.0),
    "square": (70.0, 70.0),
    "a7": (74.0, 105.0),
    "a6": (105.0, 148.0),
}


def parse_length(value: object) -> float:
    """'3mm', '0.125in', '2,5 cm' or the number 0 → points. Raises ValueError with advice."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == 0:
        return 0.0
    if isinstance(value, str):
        match = _LENGTH.match(value)
        if match:
            number = float(match.group(1).replace(",", "."))
            return number * UNITS[match.group(2)]
        if re.fullmatch(r"\s*-?\d+(?:[.,]\d+)?\s*", value) and float(value.replace(",", ".")) == 0:
            return 0.0
    raise ValueError(f"'{value}' is not a length; write a number with a unit: mm, cm, in or pt (e.g. 3mm)")


def mm(value: float) -> float:
    """Millimetres → points."""
    return value * MM


def to_mm(points: float) -> float:
    """Points → millimetres."""
    return points / MM


def paper_size(name: str) -> tuple[float, float]:
    """Portrait paper size in points."""
    width, height = PAPER_SIZES_MM[name]
    return mm(width), mm(height)
