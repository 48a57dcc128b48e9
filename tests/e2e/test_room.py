"""The room in headless Chromium on a phone's viewport: vote and see the result; the
facilitator reveals the notes and answers; the projector view follows by itself."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.browser import Browser
from tests.room.phones import DILEMMA, REFLECTION, Phone, host_path, make_room, running_room
from tests.serve.test_serve import shows

XSS = "<img src=x onerror=alert(1)>Luisteren"


def keep(browser: Browser, name: str) -> None:
    """A screenshot of the page, kept in SCREENSHOTS when set (to look at it)."""
    folder = Path(os.environ.get("SCREENSHOTS") or tempfile.gettempdir())
    shot = browser.screenshot(folder / f"room-{name}.png")
    assert shot.read_bytes().startswith(b"\x89PNG")
    if not os.environ.get("SCREENSHOTS"):
        shot.unlink()


def test_a_phone_votes_answers_and_the_facilitator_reveals(browser: Browser, tmp_path: Path) -> None:
    room = make_room(tmp_path, language="en")
    room.store.open_event("e2e", list(room.cards))
    try:
        with running_room(room) as port:
            url = f"http://127.0.0.1:{port}"
            load = browser.open(f"{url}/{DILEMMA}/")
            assert all(request.startswith(url) for request in load.requests), "no third-party requests"
            assert browser.evaluate("document.querySelectorAll('input[name=option]').length") == 4
            assert browser.evaluate("document.querySelector('meter')") is None
            fits = "document.documentElement.scrollWidth <= window.innerWidth"
            assert browser.evaluate(fits), "the form fits the phone's width"
            browser.evaluate("document.querySelectorAll('input[name=option]')[1].click()")
            browser.evaluate("document.querySelector('form.room-form button').click()")
            shows(
                browser, "document.querySelectorAll('meter').length === 4", "the room's result after voting"
            )
            assert browser.evaluate("[...document.querySelectorAll('meter')].map(m => m.value)") == [
                0,
                1,
                0,
                0,
            ]
            assert (
                browser.evaluate("document.querySelector('.room-message').textContent")
                == "Your vote is counted."
            )
            assert browser.evaluate(fits)
            keep(browser, "voted")

            browser.open(f"{url}/{REFLECTION}/")
            browser.evaluate(f"document.querySelector('textarea').value = {XSS!r}")
            browser.evaluate("document.querySelector('form.room-form button').click()")
            shows(browser, "document.querySelector('.room-message') !== null", "the answer to be taken")
            assert "Luisteren" not in browser.evaluate("document.body.innerText"), (
                "answers wait for the reveal"
            )

            projector = host_path(room, f"{REFLECTION}/projector")
            browser.open(url + host_path(room))
            browser.evaluate(
                f"document.querySelector('form[action=\"{REFLECTION}/\"] button[value=reveal]').click()"
            )
            shows(
                browser,
                f"document.querySelector('form[action=\"{REFLECTION}/\"] button[value=conceal]') !== null",
                "revealed",
            )

            browser.open(f"{url}/{REFLECTION}/")
            text = browser.evaluate("document.querySelector('.room-answers').innerText")
            assert XSS in text, "the answer shows as typed, as text"
            assert browser.evaluate("document.querySelector('.room-answers img')") is None
            assert "Kleine, concrete voornemens" in browser.evaluate("document.body.innerText"), "the notes"
            keep(browser, "revealed")

            browser.open(url + projector)
            assert browser.evaluate("document.querySelectorAll('.room-answers li').length") == 1
            other = Phone(port)
            other.get(f"/{REFLECTION}/")
            other.post(f"/{REFLECTION}/", {"text": "Tweede antwoord"})
            shows(
                browser,
                "document.querySelectorAll('.room-answers li').length === 2",
                "the projector to follow",
            )
            keep(browser, "projector")
    finally:
        room.store.close()
