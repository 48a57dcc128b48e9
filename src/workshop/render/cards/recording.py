"""A face drawn once as PDF operators, then pasted wherever it appears — in this build and the next.

Every front is shown twice (cards.pdf and cards-single.pdf), and a rebuild after editing
one card would redraw hundreds that did not change. Drawing a front costs about a
millisecond (line breaking, text encoding, the QR code); pasting its operators costs
microseconds. So a front is drawn once, its operators are kept, and `build/.cache`
keeps them for the next build.

Operators name fonts (/F2+0) and encode characters as codes that reportlab hands out per
document in order of first use. They are valid in another document only if that one
named the fonts and coded the characters alike. Hence every card document starts
*primed* (`Primed`, `fonts.prime`): the deck's fonts registered in a fixed order and every
character the deck will show coded, in sorted order, before anything is drawn. A face
drawn while the document is still in that state uses nothing else, so its operators paste
anywhere primed the same way. A face that changes the state (a character the priming
missed) is drawn where it appears instead — correct, just not shared (`Primed.record`
says which).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from workshop.pdf import fonts
from workshop.pdf.reportlab_internals import font_codes, font_names, page_operators, pdf_document

FONTS = (fonts.REGULAR, fonts.BOLD, fonts.BLACK, fonts.ITALIC, fonts.BOLD_ITALIC)
"""The order fonts are registered in, so primed documents name them alike."""


class Primed:
    """A card document in its primed state: what pastes into it, and what a recording may keep."""

    def __init__(self, canvas: Any, characters: dict[str, str]) -> None:
        """Register the fonts of `characters` (font name → the characters it will show) and code
        those characters, in a fixed order, before anything is drawn.

        Only the fonts named are registered (a registered font is embedded), and each only
        with its own characters (each coded character adds its glyph to the file).
        """
        self.canvas = canvas
        self.characters = {
            name: "".join(sorted(set(characters[name]))) for name in FONTS if name in characters
        }
        fonts.prime(pdf_document(canvas), self.characters)
        self.state = self.font_state()
        self.fingerprint = hashlib.sha1(
            repr((self.characters, self.state)).encode("utf-8"), usedforsecurity=False
        ).hexdigest()
        """Equal for documents primed alike: part of every cached face's key."""

    def font_state(self) -> tuple[Any, ...]:
        """What decides how text is encoded: fonts registered, and codes handed out per font."""
        doc = pdf_document(self.canvas)
        states = [font_codes(doc, name) for name in FONTS]
        return (len(font_names(doc)), *(None if state is None else state[:2] for state in states))

    def record(self, draw: Callable[[], None]) -> tuple[str, bool]:
        """The operators `draw` produces, taken back off the page, and whether they paste elsewhere.

        They do when the document is still in its primed state after drawing (the state
        only grows): then they use only primed fonts and codes. The canvas's own state
        is as before the call.
        """
        canvas = self.canvas
        code = page_operators(canvas)
        start = len(code)
        in_own_state(canvas, draw)
        operators = "\n".join(code[start:])
        del code[start:]
        return operators, self.font_state() == self.state


def in_own_state(canvas: Any, draw: Callable[[], None]) -> None:
    """Run `draw` between q and Q, so what it sets (colours, fonts, transforms) ends with it."""
    canvas.saveState()
    draw()
    canvas.restoreState()


def paste(canvas: Any, operators: str) -> None:
    """Add recorded operators to the current page (or form) at the current transform."""
    page_operators(canvas).append(operators)
