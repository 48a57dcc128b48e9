"""Named paragraph styles for the guide and the handouts: one place for sizes, colours and spacing.

Everything is Lato (bullets too: reportlab's default bullet font is Helvetica, which would
otherwise sneak into the PDF) with hyphenation for the workshop's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from workshop.content.labels import Language
from workshop.pdf.fonts import BLACK, BOLD, ITALIC, REGULAR
from workshop.pdf.typography import MUTED, paragraph_style

RULE = "#D0D3D8"
DOT_INDENT = 7.7
"""Width of "● " in Lato at 9 pt: where a card title starts after its dot in the agenda."""
SHADE = "#F1F2F4"
TOC_NUMBERS = 30.0
"""Room kept free for the page numbers at the right of a contents line (four digits and a gap)."""


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one language."""

    body: Any
    brief: Any
    setting: Any
    check: Any
    small: Any
    qr_caption: Any
    muted: Any
    source: Any
    label: Any
    title: Any
    subtitle: Any
    kicker: Any
    h1: Any
    h2: Any
    card_title: Any
    role_name: Any
    cell: Any
    cell_bold: Any
    cell_muted: Any
    cell_title: Any
    cell_item: Any
    cell_number: Any
    cell_number_bold: Any
    toc0: Any
    toc1: Any
    toc2: Any


@lru_cache(maxsize=4)
def styles(language: Language) -> Styles:
    """The styles for `language` (cached: styles are immutable once made)."""

    def make(name: str, size: float, *, hyphenate: bool = True, **kw: Any) -> Any:
        kw.setdefault("bulletFontName", REGULAR)
        return paragraph_style(name, language, size, hyphenate=hyphenate, **kw)  # titles read better unbroken

    def wide(name: str, size: float, **kw: Any) -> Any:
        """Text across the full page width: ragged right needs no hyphenation (which costs
        40-80 % of wrapping time in a long guide); a token wider than the page, such as a
        long URL, is broken rather than run into the margin."""
        style = make(name, size, hyphenate=False, **kw)
        style.splitLongWords = 1
        return style

    return Styles(
        body=wide("body", 10, leading=14, spaceAfter=5),
        # handouts are read once, quickly, maybe standing: large type, generous leading
        brief=wide("brief", 13, leading=19.5, spaceAfter=9),
        setting=wide("setting", 11, leading=15.5, spaceAfter=4),
        check=wide("check", 12, leading=16),
        small=make("small", 8.5, leading=11),
        qr_caption=make("qr_caption", 7.5, leading=9, alignment=1, spaceBefore=2, hyphenate=False),
        muted=wide("muted", 9, leading=12.5, color=MUTED),
        source=wide("source", 9, leading=12.5, color=MUTED, font=ITALIC, spaceBefore=2),
        label=make("label", 7.5, leading=10, font=BOLD, spaceBefore=8, spaceAfter=2),
        title=make("title", 30, leading=35, font=BLACK, spaceAfter=10, hyphenate=False),
        subtitle=make("subtitle", 15, leading=20, color=MUTED, spaceAfter=8),
        kicker=make("kicker", 10, leading=13, font=BOLD, color=MUTED, spaceAfter=14),
        h1=make("h1", 19, leading=24, font=BLACK, spaceBefore=22, spaceAfter=10, hyphenate=False),
        h2=make("h2", 13.5, leading=17, font=BOLD, spaceBefore=14, spaceAfter=5, hyphenate=False),
        card_title=make("card_title", 14, leading=17.5, font=BOLD, hyphenate=False),
        role_name=make("role_name", 28, leading=33, font=BLACK, spaceAfter=6, hyphenate=False),
        cell=make("cell", 9, leading=12),
        cell_bold=make("cell_bold", 9, leading=12, bold=True),
        cell_muted=make("cell_muted", 9, leading=12, color=MUTED, font=ITALIC, hyphenate=False),
        # titles in a table cell: never hyphenated; a word wider than the cell breaks
        # rather than running into the next column
        cell_title=make("cell_title", 9, leading=12, hyphenate=False, splitLongWords=1),
        # a card title after its dot: wrapped lines hang under the title's first word
        cell_item=make(
            "cell_item",
            9,
            leading=12,
            hyphenate=False,
            splitLongWords=1,
            leftIndent=DOT_INDENT,
            firstLineIndent=-DOT_INDENT,
        ),
        cell_number=make("cell_number", 9, leading=12, alignment=2, hyphenate=False),  # right-aligned
        cell_number_bold=make("cell_number_bold", 9, leading=12, alignment=2, bold=True, hyphenate=False),
        # contents lines stop short of the page-number column, however long the title and tags
        toc0=make("toc0", 11, leading=15, font=BOLD, spaceBefore=8, rightIndent=TOC_NUMBERS, hyphenate=False),
        toc1=make("toc1", 9.5, leading=14, leftIndent=14, rightIndent=TOC_NUMBERS, hyphenate=False),
        toc2=make(
            "toc2", 8.5, leading=12, leftIndent=28, rightIndent=TOC_NUMBERS, color=MUTED, hyphenate=False
        ),
    )
