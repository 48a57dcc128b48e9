"""A card's words as paragraphs, shrunk until they fit the text area — or a precise complaint.

Each paragraph is wrapped once per size tried; the search only runs when the text
overflows at the base size (PERFORMANCE.md). Reportlab never breaks a word without a
hyphen here (`splitLongWords=0`), so a word wider than the column is found by its line
running past the frame, and reported instead of being drawn outside the card.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from typing import Any

from .. import fonts
from ..labels import Language
from ..typography import INK, MUTED, paragraph_style
from ..units import to_mm

BASE_SIZE = 10.5
MIN_SIZE = 9.0
CALM_SIZE = 9.5  # below this, text may rather flow beside the QR code
STEP = 0.25
PLURAL = {"options", "prompts"}
WIDTH_TOLERANCE = 1.0  # points; reportlab may overrun a line by a fraction, still well inside the pad


@dataclass(frozen=True)
class Spec:
    """One paragraph to set: the field it comes from (for errors), its markup and its role."""

    field: str
    markup: str
    role: str = "body"
    bullet: str | None = None
    space: float = 0.5
    """Space before it, in multiples of the body size."""


@dataclass(frozen=True)
class Area:
    """A rectangle the text flows into: left edge, top edge (card coordinates), width, height."""

    x: float
    top: float
    width: float
    height: float


@dataclass
class Placed:
    """A wrapped paragraph (or the part of one that went into an area) and where its top-left is."""

    paragraph: Any
    field: str
    x: float
    top: float
    height: float


@dataclass
class Fitted:
    """The card's text at the size that fits; `overflow` > 0 means it did not."""

    size: float
    placed: list[Placed]
    overflow: float
    areas: int = 1
    """How many of the offered areas the text was allowed to use (to replay the fit)."""


class Overflow(Exception):
    """The text does not fit even at MIN_SIZE; says which field and by how much."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def fit_key(specs: list[Spec], areas: list[Area], language: Language, color: str) -> str:
    """A digest of everything a fit depends on: the text, the areas, the language and colour."""
    import hashlib

    parts = repr((specs, areas, language, color, BASE_SIZE, MIN_SIZE, CALM_SIZE, STEP))
    return hashlib.sha1(parts.encode("utf-8"), usedforsecurity=False).hexdigest()


def search(specs: list[Spec], areas: list[Area], language: Language, color: str) -> Fitted:
    """Set `specs` at the largest size that fits, keeping the text above the QR code if it can.

    First the main area alone, shrinking a little (down to CALM_SIZE); then the text may also
    flow beside the QR code, shrinking down to MIN_SIZE. Each try wraps every paragraph once.
    Raises Overflow when even MIN_SIZE is too big.
    """
    if len(areas) > 1:
        calm = _largest(specs, areas[:1], language, color, CALM_SIZE)
        if calm is not None:
            return calm
    best = _largest(specs, areas, language, color, MIN_SIZE)
    if best is not None:
        return best
    raise _overflow(specs, set_text(specs, areas, language, color, MIN_SIZE), areas)


def fit_at(
    specs: list[Spec], areas: list[Area], language: Language, color: str, size: float
) -> Fitted | None:
    """Set `specs` at exactly `size`: above the QR code if possible, else flowing beside it too."""
    for use in (areas[:1], areas) if len(areas) > 1 else (areas,):
        attempt = set_text(specs, use, language, color, size)
        if fits(attempt):
            return attempt
    return None


def _largest(
    specs: list[Spec], areas: list[Area], language: Language, color: str, floor: float
) -> Fitted | None:
    """The text at the largest size from BASE_SIZE down to `floor` that fits (binary search)."""
    first = set_text(specs, areas, language, color, BASE_SIZE)
    if fits(first):
        return first
    sizes = [BASE_SIZE - STEP * i for i in range(1, round((BASE_SIZE - floor) / STEP) + 1)]
    low, high, best = 0, len(sizes) - 1, None
    while low <= high:  # sizes fall with the index; find the first (largest) that fits
        middle = (low + high) // 2
        attempt = set_text(specs, areas, language, color, sizes[middle])
        if fits(attempt):
            best, high = attempt, middle - 1
        else:
            low = middle + 1
    return best


def set_text(specs: list[Spec], areas: list[Area], language: Language, color: str, size: float) -> Fitted:
    """Flow whole paragraphs through the areas in order; what does not fit moves to the next area.

    Paragraphs are not split between areas: reportlab keeps a split paragraph's lines at
    the first area's width, which would run past a narrower area.
    """
    placed: list[Placed] = []
    index, used = 0, 0.0
    for spec in specs:
        style = _style(spec.role, size, language, color)
        while True:
            area = areas[index]
            space = spec.space * size if used else 0.0
            paragraph = _paragraph(spec, style, color)
            _, height = paragraph.wrap(area.width, 100_000)
            if used + space + height <= area.height + 0.01 or index == len(areas) - 1:
                placed.append(Placed(paragraph, spec.field, area.x, area.top - used - space, height))
                used += space + height
                break
            index, used = index + 1, 0.0
    return Fitted(size, placed, used - areas[index].height, len(areas))


def _paragraph(spec: Spec, style: Any, color: str) -> Any:
    from ..paragraphs import paragraph

    return paragraph(spec.markup, style, bulletText=spec.bullet)


def fits(fitted: Fitted) -> bool:
    return fitted.overflow <= 0.01 and not any(too_wide(p.paragraph) for p in fitted.placed)


def too_wide(paragraph: Any) -> bool:
    """True when a line runs past the column: a word reportlab could not break."""
    lines = getattr(paragraph, "blPara", None)
    if lines is None:
        return False
    for line in lines.lines:
        extra = line[0] if lines.kind == 0 else line.extraSpace
        if extra < -WIDTH_TOLERANCE:
            return True
    return False


def _overflow(specs: list[Spec], fitted: Fitted, areas: list[Area]) -> Overflow:
    """The message for text that does not fit at MIN_SIZE: the widest word, or the biggest field."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    markups = {spec.field: [] for spec in specs}  # type: dict[str, list[str]]
    for spec in specs:
        markups[spec.field].append(spec.markup)
    for placed in fitted.placed:
        if too_wide(placed.paragraph):
            style = placed.paragraph.style
            words = _plain(" ".join(markups[placed.field])).split()
            word = max(words, key=lambda w: stringWidth(w, style.fontName, style.fontSize))
            wide = stringWidth(word, style.fontName, style.fontSize)
            column = min(area.width for area in areas)
            return Overflow(
                placed.field,
                f"the {_name(placed.field)} holds '{word if len(word) <= 40 else word[:39] + '…'}', {_mm(wide)} mm wide at {MIN_SIZE:g} pt: wider than "
                f"the card's text column ({_mm(column)} mm); shorten it or split it with a space or hyphen",
            )
    heights: dict[str, float] = {}
    for placed in fitted.placed:
        heights[placed.field] = heights.get(placed.field, 0.0) + placed.height
    body = max((f for f in heights if f != "title"), key=heights.__getitem__, default="title")
    field = (
        "title" if heights.get("title", 0.0) > heights[body] else body
    )  # a title longer than the text is to blame
    words = len(_plain(" ".join(markups[field])).split())
    leading = next(p.paragraph.style.leading for p in fitted.placed if p.field == field)
    lines = max(1.0, heights[field] / leading)
    cut = min(words, math.ceil(math.ceil(fitted.overflow / leading) * words / lines))
    return Overflow(
        field,
        f"the {_name(field)} {'do' if field in PLURAL else 'does'} not fit on the card even at {MIN_SIZE:g} pt; it needs {_mm(fitted.overflow)} mm "
        f"more; shorten it by about {cut} word{'s' if cut != 1 else ''}",
    )


def _name(field: str) -> str:
    return {"title": "title", "roles": "list of roles", "minutes": "playing time"}.get(field, field)


def _mm(points: float) -> str:
    """Points as millimetres for a message: whole millimetres, one decimal below 1 mm."""
    value = to_mm(points)
    return f"{value:.0f}" if value >= 1 else f"{value:.1f}"


def _plain(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", markup))


@lru_cache(maxsize=512)
def _style(role: str, size: float, language: Language, color: str) -> Any:
    """Paragraph styles by role, scaled from the body size so the hierarchy survives shrinking."""
    if role == "title":
        return paragraph_style(
            "title", language, size * 1.3, leading=size * 1.45, font=fonts.BLACK, hyphenate=False
        )
    if role == "question":
        return paragraph_style("question", language, size, leading=size * 1.25, bold=True)
    if role == "lead":
        return paragraph_style("lead", language, size * 1.15, leading=size * 1.4, bold=True)
    if role == "label":
        return paragraph_style("label", language, size * 0.72, leading=size * 0.95, bold=True, color=MUTED)
    if role in ("option", "prompt"):  # the letter or bullet in the type colour
        from reportlab.lib.colors import HexColor

        return paragraph_style(
            role,
            language,
            size,
            leftIndent=size * 1.3,
            bulletIndent=0,
            bulletFontName=fonts.BOLD,
            bulletColor=HexColor(color),
        )
    if role == "meta":
        return paragraph_style("meta", language, size * 0.92, leading=size * 1.2, color=INK)
    return paragraph_style("body", language, size)
