"""The card faces page of `workshop serve`: faces drawn in the watching thread when the page is
asked for, once per content, and a card that does not fit drawn and marked."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import replace_in
from tests.serve.test_pages import MISTAKE, SITE
from workshop.serve.faces import FaceGallery
from workshop.serve.pages import SiteState, respond


def test_card_faces_are_drawn_when_asked_for_in_the_watching_thread(minimal: Path) -> None:
    from workshop.pipeline.build import load_and_check

    gallery = FaceGallery(dpi=40)
    workshop = load_and_check(minimal)[0]
    gallery.offer(workshop)
    assert not gallery.draw_if_wanted(), "nobody opened the page yet: nothing drawn"
    assert gallery.view().waiting
    assert gallery.draw_if_wanted() and not gallery.draw_if_wanted(), "drawn once per content"
    shown = gallery.view()
    assert not shown.waiting and [face.card_id for face in shown.faces] == [c.id for c in workshop.cards]
    names = [name for face in shown.faces for _, name in face.images]
    assert len(names) == 2 * len(workshop.cards)
    assert all(shown.images[name].startswith(b"\x89PNG\r\n") for name in names)
    page = respond(SiteState(site=SITE), "/_cards/", gallery.view).body.decode()
    assert page.count("<img ") == len(names)

    gallery.offer(None, (MISTAKE,))  # the content no longer loads: its problems, above the last faces
    page = respond(SiteState(site=SITE), "/_cards/", gallery.view).body.decode()
    assert "cards.yaml:3:7" in page and page.count("<img ") == len(names)


def test_a_card_that_does_not_fit_is_drawn_and_marked_on_the_card_faces_page(minimal: Path) -> None:
    from workshop.pipeline.build import load_and_check

    cards = minimal / "cards.yaml"
    long = "Het is druk aan de telefoon. " * 40
    replace_in(cards, "Het is druk aan de telefoon.", long)
    workshop = load_and_check(minimal)[0]
    gallery = FaceGallery(dpi=40)
    gallery.offer(workshop)
    gallery.view()
    assert gallery.draw_if_wanted()
    shown = gallery.view()
    assert len(shown.faces) == len(workshop.cards), "every face is drawn, the overflowing one too"
    marked = [face.card_id for face in shown.faces if face.overflowing]
    assert len(marked) == 1 and "telefoon" in str(next(c for c in workshop.cards if c.id == marked[0]))
    page = respond(SiteState(site=SITE, language="nl"), "/_cards/", gallery.view).body.decode()
    assert page.count("ws-overflowing") == 1 and "Kaarten die niet passen: 1" in page
