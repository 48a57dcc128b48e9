"""What `workshop serve` answers at each address: the built site, the problems while there is
no good site, a notice above the site while there are problems, and the card faces page."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.content.problems import Location, Problem
from workshop.serve.pages import STYLESHEET, CardFaces, Gallery, SiteState, respond

SITE = {
    "index.html": b"<!doctype html><html><head><title>i</title></head><body class='x'><p>home</p></body></html>"
}
SITE |= {"kaart/index.html": SITE["index.html"].replace(b"home", b"kaart"), "style.css": b"body{}"}
MISTAKE = Problem(Location(Path("cards.yaml"), 3, 7), "cards[0].id: '<b>Kaart</b>' & meer")


def no_gallery() -> object:
    pytest.fail("only /_cards/ may ask for the card faces")


def test_without_a_good_site_every_address_lists_the_problems() -> None:
    state = SiteState(problems=(MISTAKE,), language="nl")
    for path in ("/", "/kaart/", "/kaart/index.html", "/nowhere"):
        answer = respond(state, path, no_gallery)  # type: ignore[arg-type]
        page = answer.body.decode()
        assert answer.status == 503 and ("Retry-After", "1") in answer.headers
        assert "cards.yaml:3:7" in page and "&#39;&lt;b&gt;Kaart&lt;/b&gt;&#39; &amp; meer" in page
        assert "<b>" not in page and '<meta http-equiv="refresh" content="1">' in page
        assert "De inhoud heeft problemen" in page, "in the workshop's language"
    building = respond(SiteState(building=True), "/", no_gallery).body.decode()  # type: ignore[arg-type]
    assert "Making the site" in building and "refresh" in building


def test_the_site_as_built_and_with_a_notice_while_there_are_problems() -> None:
    good = SiteState(site=SITE)
    for path, name in (("/", "index.html"), ("/kaart/", "kaart/index.html"), ("/style.css", "style.css")):
        answer = respond(good, path, no_gallery)  # type: ignore[arg-type]
        assert answer.status == 200 and answer.body == SITE[name]
    assert respond(good, "/kaart", no_gallery).headers == (("Location", "/kaart/"),)  # type: ignore[arg-type]
    assert respond(good, "/nowhere/", no_gallery).status == 404  # type: ignore[arg-type]
    for hidden in ("/.cache/", "/.git/config", "/kaart/.index.html", "/.well-known/x"):
        holding = SiteState(site={**SITE, hidden[1:]: b"x", hidden[1:] + "index.html": b"x"})
        assert respond(holding, hidden, no_gallery).status == 404, hidden  # type: ignore[arg-type]

    noticed = respond(SiteState(site=SITE, problems=(MISTAKE,)), "/kaart/", no_gallery).body.decode()  # type: ignore[arg-type]
    assert noticed.index(f'<link rel="stylesheet" href="{STYLESHEET}">') < noticed.index("</head>")
    assert noticed.index("<body class='x'><aside class=\"ws-notice\"") < noticed.index("<p>kaart</p>")
    assert "cards.yaml:3:7" in noticed and "&lt;b&gt;Kaart" in noticed
    assert "style=" not in noticed, "inline styles would break the site's Content-Security-Policy"
    stylesheet = respond(good, STYLESHEET, no_gallery)  # type: ignore[arg-type]
    assert stylesheet.status == 200 and b".ws-notice" in stylesheet.body


def test_the_card_faces_page_marks_cards_that_do_not_fit() -> None:
    faces = (
        CardFaces(1, "past-wel", (("front", "a.png"), ("back", "b.png"))),
        CardFaces(2, "past-niet", (("front", "c.png"), ("back", "b.png")), overflowing=True),
    )
    gallery = Gallery(faces, {"a.png": b"a", "b.png": b"b", "c.png": b"c"}, waiting=False)
    page = respond(SiteState(site=SITE, language="nl"), "/_cards/", lambda: gallery).body.decode()
    assert page.count("ws-overflowing") == 1 and "Kaarten die niet passen: 1" in page
    assert 'id="past-niet" class="ws-card ws-overflowing"' in page and "past niet</strong>" in page
    image = respond(SiteState(site=SITE), "/_cards/c.png", lambda: gallery)
    assert image.body == b"c" and image.content_type == "image/png"
    assert respond(SiteState(site=SITE), "/_cards/gone.png", lambda: gallery).status == 404
