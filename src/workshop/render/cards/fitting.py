"""A card's words as paragraphs, shrunk until they fit the text area — or a precise complaint.

Each paragraph is wrapped once per size tried; the search only runs when the text
overflows at the base size (most cards fit at once). Reportlab never breaks a word without a
hyphen here (`splitLongWords=0`), so a word wider than the column is found by its line
running past the frame, and reported instead of being drawn outside the card.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from html import unescape
from typing import Any

from workshop.content.labels import Language
from workshop.content.units import to_mm
from workshop.pdf import fonts
from workshop.pdf.typography import INK, MUTED, paragraph_style

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
    item: int | None = None
    """Its index in a list field (an option, a prompt), so a problem can point at that item."""


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
    item: int | None = None
    area: int = 0
    """Which of the offered areas it went into (0: the column above the QR code)."""


@dataclass
class Fitted:
    """The card's text at the size that fits; `overflow` > 0 means it did not."""

    size: float
    placed: list[Placed]
    overflow: float
    areas: int = 1
    """How many of the offered areas the text was allowed to use (to replay the fit)."""


class Overflow(Exception):
    """The text does not fit even at MIN_SIZE; says which field (and item) and by how much."""

    def __init__(self, field: str, message: str, item: int | None = None) -> None:
        self.field = field
        self.item = item
        super().__init__(message)

    @property
    def path(self) -> tuple[str | int, ...]:
        """Where in the card the problem is: ('prompts', 2) or ('situation',)."""
        return (self.field,) if self.item is None else (self.field, self.item)


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
    raise _overflow(specs, closest(specs, areas, language, color), areas, language, color)


def closest(specs: list[Spec], areas: list[Area], language: Language, color: str) -> Fitted:
    """The text at MIN_SIZE as it comes nearest to fitting: in the column alone, or with a list
    moved beside the QR code, whichever runs over less (what the complaint measures)."""
    tries = [set_text(specs, use, language, color, MIN_SIZE) for use in (areas[:1], areas)[: len(areas)]]
    return min(tries, key=lambda fitted: fitted.overflow)


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


LIST_FIELDS = ("options", "prompts", "roles")
BESIDE_FIELDS = (*LIST_FIELDS, "minutes")
"""What may stand beside the QR code: whole lists, and the playing time after the roles."""


def breaks(specs: list[Spec]) -> set[int]:
    """The paragraphs the text may move on to the next area at (beside the QR code): the first
    of a list, when everything from there on is lists. So a list is never split between the
    column and the space beside the code, and that space holds whole lists or nothing."""
    return {
        index
        for index, spec in enumerate(specs)
        if spec.field in LIST_FIELDS
        and (index == 0 or specs[index - 1].field != spec.field)
        and all(later.field in BESIDE_FIELDS for later in specs[index:])
    }


def set_text(specs: list[Spec], areas: list[Area], language: Language, color: str, size: float) -> Fitted:
    """Flow whole paragraphs through the areas in order; when the text does not fit an area, it
    moves on to the next from the last place `breaks` allows (or runs past the area's end).

    Paragraphs are not split between areas: reportlab keeps a split paragraph's lines at
    the first area's width, which would run past a narrower area.
    """
    placed: list[Placed] = []
    allowed = breaks(specs)
    index, used, start, position = 0, 0.0, 0, 0
    while position < len(specs):
        spec = specs[position]
        area = areas[index]
        scale = _title_scale(spec.markup, size, area.width) if spec.role == "title" else size
        space = spec.space * size if used else 0.0
        paragraph = _paragraph(spec, _style(spec.role, scale, language, color), color)
        _, height = paragraph.wrap(area.width, 100_000)
        moved = max((b for b in allowed if start < b <= position), default=None)
        full = used + space + height > area.height + 0.01 and index < len(areas) - 1
        # move on only if what stays in this area fits it
        if full and moved is not None and _bottom(placed[moved - 1]) >= area.top - area.height - 0.01:
            del placed[moved:]  # placed holds one paragraph per spec
            index, used, start, position = index + 1, 0.0, moved, moved
            continue
        placed.append(
            Placed(paragraph, spec.field, area.x, area.top - used - space, height, spec.item, index)
        )
        used += space + height
        position += 1
    overflow = max(area_overflow(placed, areas, number) for number in range(index + 1))
    return Fitted(size, placed, overflow, len(areas))


def _bottom(placed: Placed) -> float:
    return placed.top - placed.height


def area_overflow(placed: list[Placed], areas: list[Area], number: int) -> float:
    """How far the text in area `number` runs past its end (negative: room to spare)."""
    area = areas[number]
    bottoms = [_bottom(p) for p in placed if p.area == number]
    return (area.top - area.height) - min(bottoms) if bottoms else -area.height


TITLE_SCALE = 1.3
"""A card title's size over the body text's (see `_style`)."""


def _title_scale(markup: str, size: float, width: float) -> float:
    """The size the title's style scales from: `size`, or less where a word of the title (never
    hyphenated) would not fit the column at TITLE_SCALE × size — but never a title smaller than
    the body text. A long Dutch compound shrinks its title, not the whole card."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register_fonts()
    widest = max((stringWidth(word, fonts.BLACK, 1.0) for word in _plain(markup).split()), default=0.0)
    if widest * size * TITLE_SCALE <= width:
        return size
    return max(size / TITLE_SCALE, math.floor(width / (widest * TITLE_SCALE) * 20) / 20)


def _paragraph(spec: Spec, style: Any, color: str) -> Any:
    from workshop.pdf.paragraphs import paragraph

    return paragraph(spec.markup, style, bulletText=spec.bullet)


def fits(fitted: Fitted) -> bool:
    return fitted.overflow <= 0.01 and not any(too_wide(p.paragraph) for p in fitted.placed)


def too_wide(paragraph: Any) -> bool:
    """True when a line runs past the column: a word reportlab could not break.

    A line of several words may overrun by a point or two where reportlab measures a word
    with a hyphen in it ('check-in') short; that stays well inside the pad, so only a line
    that holds one word, or overruns by more than SLOP, counts.
    """
    lines = getattr(paragraph, "blPara", None)
    if lines is None:
        return False
    for line in lines.lines:
        extra = line[0] if lines.kind == 0 else line.extraSpace
        if extra < -WIDTH_TOLERANCE and (extra < -SLOP or _word_count(line, lines.kind) <= 1):
            return True
    return False


SLOP = 3.0
"""Points a line of several words may overrun its column (reportlab's measuring), inside the pad."""


def _word_count(line: Any, kind: int) -> int:
    if kind == 0:
        return len(line[1])
    return len("".join(frag.text for frag in line.words).split())


def _overflow(
    specs: list[Spec], fitted: Fitted, areas: list[Area], language: Language, color: str
) -> Overflow:
    """The message for text that does not fit at MIN_SIZE: a word too wide, or where the text runs out."""
    for spec, placed in zip(specs, fitted.placed, strict=True):  # set_text places one per spec
        wide = _wide_word(placed, _plain(spec.markup), areas)
        if wide is not None:
            return wide
    return _too_long(specs, fitted, areas, language, color)


def _wide_word(placed: Placed, text: str, areas: list[Area]) -> Overflow | None:
    """The word on a line that runs past its column, named with its width and the room it had."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    paragraph = placed.paragraph
    lines = getattr(paragraph, "blPara", None)
    if lines is None:
        return None
    style = paragraph.style
    room = paragraph.width - style.leftIndent - style.rightIndent
    for line in lines.lines:
        extra = line[0] if lines.kind == 0 else line.extraSpace
        if extra >= -WIDTH_TOLERANCE or (extra >= -SLOP and _word_count(line, lines.kind) > 1):
            continue
        if lines.kind == 0:
            pieces = [(word, style.fontName, style.fontSize) for word in line[1]]
        else:
            pieces = [(frag.text, frag.fontName, frag.fontSize) for frag in line.words if frag.text.strip()]
        piece, font, size = max(pieces, key=lambda p: stringWidth(p[0], p[1], p[2]))
        width = stringWidth(piece, font, size)
        word = _source_word(piece, text)
        beside = " beside the QR code" if paragraph.width < max(a.width for a in areas) - 0.5 else ""
        shown = word if len(word) <= 40 else word[:39] + "…"
        wide, narrow = _mm_pair(width, room)
        split = "a space" if "-" in word else "a space or hyphen"
        return Overflow(
            placed.field,
            f"{_item_name(placed.field, placed.item, text)} holds '{shown}', {wide} mm wide at {size:g} pt: "
            f"wider than the {narrow} mm of a line{beside}; shorten the word or split it with {split}",
            placed.item,
        )
    return None


def _source_word(piece: str, text: str) -> str:
    """The whole word of `text` that a (possibly hyphenated) line piece comes from."""
    core = piece.strip().rstrip("-\u00ad")
    return next((word for word in text.split() if core and core in word), piece.strip())


def _too_long(
    specs: list[Spec], fitted: Fitted, areas: list[Area], language: Language, color: str
) -> Overflow:
    """Text running past the last area: blame the item where it crosses the bottom; estimate the cut
    from the measured overflow, and say which single item could go instead (tried, not guessed)."""
    crossing = next(
        (p for p in fitted.placed if _bottom(p) < areas[p.area].top - areas[p.area].height - 0.01),
        fitted.placed[-1],
    )
    texts = [_plain(spec.markup) for spec in specs]  # set_text places one paragraph per spec
    words = sum(len(text.split()) for text in texts)
    lines = sum(len(p.paragraph.blPara.lines) for p in fitted.placed)
    leading = crossing.paragraph.style.leading
    per_line = words / lines if lines else 1.0
    cut = max(1, math.ceil(math.ceil(fitted.overflow / leading) * per_line))
    text = texts[next(i for i, placed in enumerate(fitted.placed) if placed is crossing)]
    own = len(text.split())
    what = _item_name(crossing.field, crossing.item, text)
    plural = crossing.item is None and crossing.field in PLURAL
    advice = f"shorten it by about {cut} word{'s' if cut != 1 else ''}"
    if cut > own:
        advice = f"shorten the card's text by about {cut} word{'s' if cut != 1 else ''}"
    spare = _spare_item(specs, areas, language, color)
    if spare is not None:
        advice += ", or leave it out" if spare == what.removeprefix("the ") else f", or leave out {spare}"
    return Overflow(
        crossing.field,
        f"{what} {'do' if plural else 'does'} not fit on the card even at {MIN_SIZE:g} pt; "
        f"it needs {_mm(fitted.overflow)} mm more; {advice}",
        crossing.item,
    )


def _spare_item(specs: list[Spec], areas: list[Area], language: Language, color: str) -> str | None:
    """The shortest list item (an option, a prompt) without which the card fits at MIN_SIZE, if any."""
    counts: dict[str, int] = {}
    for spec in specs:
        if spec.item is not None:
            counts[spec.field] = counts.get(spec.field, 0) + 1
    candidates = [
        (len(_plain(spec.markup)), index)
        for index, spec in enumerate(specs)
        if spec.item is not None and counts[spec.field] > MIN_ITEMS.get(spec.field, 0)
    ]
    for _, index in sorted(candidates):
        if fits(set_text(without_item(specs, index), areas, language, color, MIN_SIZE)):
            spec = specs[index]
            return _item_name(spec.field, spec.item, _plain(spec.markup)).removeprefix("the ")
    return None


def without_item(specs: list[Spec], index: int) -> list[Spec]:
    """The specs as the card makes them with list item `index` left out: the items after it
    move up, each taking its predecessor's bullet (letter), space before and number."""
    rest = list(specs[:index])
    previous = specs[index]
    for spec in specs[index + 1 :]:
        if spec.field == previous.field and spec.item is not None and previous.item is not None:
            rest.append(replace(spec, bullet=previous.bullet, space=previous.space, item=previous.item))
            previous = spec
        else:
            rest.append(spec)
    return rest


MIN_ITEMS = {"options": 2}
"""Lists the content format requires a number of items in: never advise going below it."""


def _item_name(field: str, item: int | None, text: str) -> str:
    """'prompt 3 (\'Wat had je…\')', 'option B (…)', or 'the situation' for a whole field."""
    if item is None:
        return f"the {_name(field)}"
    quote = " ".join(text.split())
    quote = quote if len(quote) <= 30 else quote[:29].rstrip() + "…"
    number = LETTERS[item] if field == "options" else str(item + 1)
    return f"{ITEM_NAMES.get(field, field)} {number} ('{quote}')"


LETTERS = "ABCD"
ITEM_NAMES = {"options": "option", "prompts": "prompt"}


def _mm_pair(wide: float, narrow: float) -> tuple[str, str]:
    """Two widths for one message, with as many decimals as it takes to show the first is larger."""
    for digits in (0, 1, 2):
        a, b = f"{to_mm(wide):.{digits}f}", f"{to_mm(narrow):.{digits}f}"
        if float(a) > float(b):
            return a, b
    return f"{to_mm(wide):.2f}", f"{to_mm(narrow):.2f}"


def _name(field: str) -> str:
    return {"title": "title", "roles": "list of roles", "minutes": "playing time"}.get(field, field)


def _mm(points: float) -> str:
    """Points as millimetres for a message: whole millimetres, one decimal below 1 mm."""
    value = to_mm(points)
    return f"{value:.0f}" if value >= 0.95 else f"{max(value, 0.1):.1f}"


def _plain(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", markup))


@lru_cache(maxsize=512)
def _style(role: str, size: float, language: Language, color: str) -> Any:
    """Paragraph styles by role, scaled from the body size so the hierarchy survives shrinking."""
    if role == "title":
        return paragraph_style(
            "title", language, size * TITLE_SCALE, leading=size * 1.45, font=fonts.BLACK, hyphenate=False
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
