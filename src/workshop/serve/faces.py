"""The card faces `workshop serve` shows at /_cards/: drawn on demand, kept in memory only.

Drawing every face costs seconds at 150 cards, so faces are drawn only once someone has
opened the page, and then again after each rebuild. The drawing happens in the thread that
watches the content (never in a request's thread: the renderers are not made to run twice
at once), between two looks at the files. Each image is named by the digest of its bytes,
so a browser reloading the page fetches only the faces that changed.
"""

from __future__ import annotations

import hashlib
import threading

from workshop.content.loader import Workshop
from workshop.content.problems import ContentError, Location, Problem
from workshop.render.context import ContentDigests
from workshop.serve.pages import CardFaces, Gallery

DPI = 96
"""Enough for a card on a laptop screen (a poker card is ~240 px wide); twice as fast as 150."""


def draw_faces(workshop: Workshop, dpi: int = DPI) -> tuple[list[tuple[bytes, bytes]], set[str]]:
    """Each card's (front, back) PNG in deck order, and the ids of cards whose text does not fit.

    The one place that calls `workshop preview`'s renderer, so the card-faces page always
    shows what `preview` writes. It returns the images in deck order, front then back.
    """
    from workshop.render.preview import preview_faces

    previews = preview_faces(workshop, dpi)
    images = list(previews.files.values())
    pairs = [(images[2 * index], images[2 * index + 1]) for index in range(len(workshop.cards))]
    return pairs, set(previews.overflowing)


class FaceGallery:
    """The faces of the latest content that loaded, drawn when someone wants to see them."""

    def __init__(self, dpi: int = DPI) -> None:
        self._dpi = dpi
        self._lock = threading.Lock()
        self._workshop: Workshop | None = None
        self._drawn: tuple[str, ...] | None = None
        """The content digest of the faces drawn last (see `_content`)."""
        self._wanted = False
        self._gallery = Gallery()

    def offer(self, workshop: Workshop | None, problems: tuple[Problem, ...] = ()) -> None:
        """After a rebuild: the content to draw next, or (None) the problems that stopped loading it."""
        with self._lock:
            if workshop is None:
                self._workshop = None
                self._gallery = Gallery(self._gallery.faces, self._gallery.images, True, problems)
            else:
                self._workshop = workshop
                if _content(workshop) != self._drawn:
                    self._gallery = Gallery(self._gallery.faces, self._gallery.images, True, ())

    def view(self) -> Gallery:
        """What the page shows now; asking is what makes the faces be drawn."""
        with self._lock:
            self._wanted = True
            return self._gallery

    def draw_if_wanted(self) -> bool:
        """Draw the current content's faces when the page was opened and they are out of date.

        Called by the watching thread between polls; returns whether it drew anything.
        """
        with self._lock:
            workshop = self._workshop
            if not self._wanted or workshop is None or _content(workshop) == self._drawn:
                return False
        try:
            pairs, overflowing = draw_faces(workshop, self._dpi)
        except ContentError as exc:
            gallery = Gallery(self._gallery.faces, self._gallery.images, True, tuple(exc.problems))
        except Exception as exc:  # a dependency's failure: shown on the page, never a traceback
            problem = Problem(
                Location(workshop.root), f"the card faces could not be drawn ({type(exc).__name__}: {exc})"
            )
            gallery = Gallery(self._gallery.faces, self._gallery.images, True, (problem,))
        else:
            gallery = _gallery(workshop, pairs, overflowing)
        with self._lock:
            self._drawn = _content(workshop)
            if self._workshop is workshop:
                self._gallery = gallery
        return True


def _content(workshop: Workshop) -> tuple[str, ...]:
    """Everything the faces show: the settings and each card, in deck order."""
    digests = ContentDigests.of(workshop)
    return (digests.config, *digests.cards.values())


def _gallery(workshop: Workshop, pairs: list[tuple[bytes, bytes]], overflowing: set[str]) -> Gallery:
    images: dict[str, bytes] = {}
    faces = []
    for number, (card, pair) in enumerate(zip(workshop.cards, pairs, strict=True), 1):
        names = []
        for side, image in zip(("front", "back"), pair, strict=True):
            name = hashlib.sha1(image, usedforsecurity=False).hexdigest() + ".png"
            images[name] = image
            names.append((side, name))
        faces.append(CardFaces(number, card.id, tuple(names), card.id in overflowing))
    return Gallery(tuple(faces), images, False, ())
