"""Each front's content recorded once per build (or found in the cache) and stamped onto every page.

`Stamps` hands out a front's operators (see `recording`): from `build/.cache` when an
earlier build recorded the same front in a document primed alike, else recorded now on
the first document that draws it. Fronts that cannot be shared — text with a link (its
clickable area belongs to one page), or drawn after the document left its primed state —
are drawn wherever they appear instead. Either way the bytes are the same.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import digest, library_version
from .deck import Deck
from .faces import Front, draw_front_content
from .recording import Primed, in_own_state, paste

CACHE_FILE = "card-faces.bin"
CACHE_KIND = b"workshop card faces 1\n"
"""The file's header line (see `streams.read_blobs`): binary, as JSON took 50 ms a rebuild to read and write."""


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
        library_version("reportlab"),
    )


def read_stamps(cache_dir: Path | None) -> dict[str, str]:
    """Operators recorded by earlier builds, by key; {} without a (readable) cache."""
    from ..streams import read_blobs

    if cache_dir is None:
        return {}
    return {
        key.hex(): operators.decode()
        for key, operators in read_blobs(cache_dir / CACHE_FILE, CACHE_KIND).items()
    }


def write_stamps(cache_dir: Path | None, recorded: dict[str, str], cached: dict[str, str]) -> None:
    """Keep the operators this build used (the file is left alone when nothing changed)."""
    from ..streams import write_blobs

    if cache_dir is not None and recorded != cached:
        (cache_dir / "card-faces.json").unlink(missing_ok=True)  # the JSON file earlier builds kept
        write_blobs(
            cache_dir / CACHE_FILE,
            {bytes.fromhex(key): operators.encode() for key, operators in recorded.items()},
            CACHE_KIND,
        )
