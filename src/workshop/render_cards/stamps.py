"""Each front's content recorded once per build (or found in the cache) and stamped onto every page.

`Stamps` hands out a front's operators (see `recording`): from `build/.cache` when an
earlier build recorded the same front in a document primed alike, else recorded now on
the first document that draws it. Fronts that cannot be shared — text with a link (its
clickable area belongs to one page), or drawn after the document left its primed state —
are drawn wherever they appear instead. Either way the bytes are the same.
"""

from __future__ import annotations

from typing import Any

from ..cache import digest, library_version
from .deck import Deck
from .faces import Front, draw_front_content
from .recording import Primed, in_own_state, paste

CACHE_FILE = "card-faces.json"
CACHE_FORMAT = 1


class Stamps:
    """The operators of a deck's fronts, shared by every card document of one build."""

    def __init__(self, deck: Deck, cached: dict[str, str] | None = None, *, share: bool = True) -> None:
        """`share=False` draws every front wherever it appears (the same bytes, only slower)."""
        self.deck = deck
        self.share = share
        self.cached = cached or {}
        self.recorded: dict[str, str] = {}
        """Operators this build used, by key: what the cache should hold afterwards."""
        self._by_index: dict[int, tuple[str, str] | None] = {}
        """Per front drawn so far: its operators and the primed state they assume (None: draw it each time)."""

    def draw(self, primed: Primed, index: int) -> None:
        """Draw front `index`'s content at the canvas's current origin."""
        if index not in self._by_index:
            self._by_index[index] = self._first_time(primed, index)
            return
        stamp = self._by_index[index]
        if stamp is not None and stamp[1] == primed.fingerprint:
            paste(primed.canvas, stamp[0])
        else:
            self._draw(primed, index)

    def _first_time(self, primed: Primed, index: int) -> tuple[str, str] | None:
        """Put front `index` on this page; its operators (and the state they assume) if they paste elsewhere."""
        front = self.deck.fronts[index]
        if not self.share or any("<a " in spec.markup for spec in front.specs):
            self._draw(primed, index)
            return None
        key = stamp_key(front, primed.fingerprint)
        operators = self.cached.get(key)
        if operators is None:
            text = self.deck.text(index)
            operators, shared = primed.record(lambda: draw_front_content(primed.canvas, front, text))
            if not shared:
                paste(primed.canvas, operators)  # right for this document, not for another
                return None
        paste(primed.canvas, operators)
        self.recorded[key] = operators
        return operators, primed.fingerprint

    def _draw(self, primed: Primed, index: int) -> None:
        canvas, front, text = primed.canvas, self.deck.fronts[index], self.deck.text(index)
        in_own_state(canvas, lambda: draw_front_content(canvas, front, text))


def stamp_key(front: Front, fingerprint: str) -> str:
    """A digest of everything a front's content depends on, and of the document state it assumes."""
    return digest(
        front.card_id,
        front.type_label,
        front.color,
        front.number,
        front.geometry,
        front.size,
        front.areas,
        front.specs,
        front.url,
        front.scan_hint,
        fingerprint,
        library_version("qrcode"),
    )


def cache_header() -> dict[str, Any]:
    return {"format": CACHE_FORMAT, "reportlab": library_version("reportlab")}
