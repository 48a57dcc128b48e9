"""Each front's content recorded once per build (or found in the cache) and stamped onto every page.

`Stamps` hands out a front's operators (see `recording`): from `build/.cache` when an
earlier build recorded the same front in a document primed alike, else recorded now on
the first document that draws it. Fronts that cannot be shared — text with a link (its
clickable area belongs to one page), or drawn after the document left its primed state —
are drawn wherever they appear instead. Either way the bytes are the same.
"""

from __future__ import annotations

from workshop.pdf.qr import QrCodes
from workshop.render.cards.deck import Deck
from workshop.render.cards.faces import Front, draw_front_content
from workshop.render.cards.recording import Primed, in_own_state, paste
from workshop.render.context import NoStore, Store

CACHE_KIND = "card-faces"


class Stamps:
    """The operators of a deck's fronts, shared by every card document of one build."""

    def __init__(
        self, deck: Deck, store: Store | None = None, *, codes: QrCodes | None = None, share: bool = True
    ) -> None:
        """`codes`: the build's QR codes (None: each made when first drawn). `share=False` draws
        every front wherever it appears (the same bytes, only slower)."""
        self.deck = deck
        self.codes = codes or QrCodes()
        self.share = share
        self.store = store or NoStore()
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
        key = stamp_key(self.store, front, primed.fingerprint)
        stored = self.store.get(CACHE_KIND, key)
        if stored is not None:
            operators = stored.decode("utf-8")
        else:
            text = self.deck.text(index)
            operators, shared = primed.record(
                lambda: draw_front_content(primed.canvas, front, text, self.codes)
            )
            if not shared:
                paste(primed.canvas, operators)  # right for this document, not for another
                return None
            self.store.put(CACHE_KIND, key, operators.encode("utf-8"))
        paste(primed.canvas, operators)
        return operators, primed.fingerprint

    def _draw(self, primed: Primed, index: int) -> None:
        canvas, front, text = primed.canvas, self.deck.fronts[index], self.deck.text(index)
        in_own_state(canvas, lambda: draw_front_content(canvas, front, text, self.codes))


def stamp_key(store: Store, front: Front, fingerprint: str) -> bytes:
    """Everything a front's content depends on, and the document state it assumes."""
    return store.key(
        CACHE_KIND,
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
    )
