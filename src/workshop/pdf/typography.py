"""Paragraph styles shared by every PDF: the bundled font, hyphenation for the workshop's language.

Without `hyphenationLang`, reportlab breaks a long Dutch compound at an arbitrary letter
and without a hyphen; with it (pyphen, through `hyphenation.hyphenator`),
"klantenservicemedewerkers" breaks properly.
URLs are never hyphenated (`uriWasteReduce`), so a long link is not split mid-word.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from workshop.content.labels import Language
from workshop.pdf.fonts import BOLD, REGULAR, register_fonts
from workshop.pdf.hyphenation import hyphenator

INK = "#1D1D1F"
MUTED = "#5F6368"


def paragraph_style(
    name: str,
    language: Language,
    size: float,
    *,
    leading: float | None = None,
    bold: bool = False,
    font: str | None = None,
    color: str = INK,
    hyphenate: bool = True,
    **extra: Any,
) -> Any:
    """A reportlab ParagraphStyle in Lato with hyphenation for `language`.

    `hyphenate=False` for titles: "Quick Ques-tion" reads badly, so a title wraps at its
    spaces only (a word wider than the line is then a fit problem, not a break).
    """
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    return ParagraphStyle(
        name,
        fontName=font or (BOLD if bold else REGULAR),
        fontSize=size,
        leading=leading if leading is not None else size * 1.25,
        textColor=HexColor(color),
        # reportlab takes a callable as well as a language name (types-reportlab knows only the name)
        hyphenationLang=hyphenator(language) if hyphenate else "",  # type: ignore[arg-type]
        embeddedHyphenation=1,
        **{"uriWasteReduce": 0.3, "splitLongWords": 0, **extra},
    )


@cache
def rgb(color: str) -> Any:
    """'#RRGGBB' as a reportlab colour, made once: the canvas parses a colour string on every
    call, thousands of times on a big deck."""
    from reportlab.lib.colors import HexColor

    return HexColor(color)


def tint(color: str, amount: float) -> str:
    """`color` mixed with white: amount 0 is white, 1 the colour itself (for light backgrounds)."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)
