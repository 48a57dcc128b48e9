"""The room's HTML: when notes show, how a card page is changed, and that answers are escaped."""

from __future__ import annotations

import pytest

from workshop.room.cards import RoomCard
from workshop.room.pages import LABELS, live_card_page, message_page, render, show_notes, t
from workshop.room.store import Answer, CardState

SITE_PAGE = (
    b"<!doctype html><html><head>"
    b"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; form-action 'none'\">"
    b'</head><body><main><article><section class="card">kaart</section>\n'
    b'<section class="debrief"><h2>Nabespreking</h2><p>GEHEIM</p></section>\n</article></main></body></html>'
)
XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"
REFLECTION = RoomCard("r", 1, "reflection", "R", "Wat neem je mee?", prompts=("Eén ding",))


@pytest.mark.parametrize(
    ("reveal", "revealed", "said", "shown"),
    [
        ("always", False, False, True),
        ("by-facilitator", False, True, False),
        ("by-facilitator", True, False, True),
        ("after-vote", False, False, False),
        ("after-vote", False, True, True),
        ("after-vote", True, False, True),
    ],
)
def test_when_the_notes_show(reveal: str, revealed: bool, said: bool, shown: bool) -> None:
    assert show_notes(reveal, revealed, said) is shown  # type: ignore[arg-type]


def test_the_card_page_gets_the_live_part_and_loses_the_notes_until_they_show() -> None:
    hidden = live_card_page(SITE_PAGE, "<section class=room>LIVE</section>", notes=False)
    assert b"GEHEIM" not in hidden and b"LIVE" in hidden
    assert b"form-action 'self'" in hidden and b"form-action 'none'" not in hidden
    assert b'href="../_room/room.css"' in hidden
    shown = live_card_page(SITE_PAGE, "<section class=room>LIVE</section>", notes=True)
    assert shown.index(b"LIVE") < shown.index(b"GEHEIM") < shown.index(b"</article>")


def test_the_footer_says_what_the_room_keeps() -> None:
    page = SITE_PAGE.replace(
        b"</main>", b"</main><footer><p>Deze pagina gebruikt geen cookies en volgt je niet.</p></footer>"
    )
    changed = live_card_page(page, "LIVE", notes=False, language="nl")
    assert b"geen cookies" not in changed
    assert t("nl", "privacy").encode() in changed


def test_a_page_without_notes_gets_the_live_part_at_the_end_of_main() -> None:
    page = b"<html><head></head><body><main><p>x</p></main></body></html>"
    assert b"<p>x</p>LIVE</main>" in live_card_page(page, "LIVE", notes=False)


def test_answers_are_escaped_on_the_live_part() -> None:
    html = render(
        "live.html",
        "en",
        card=REFLECTION,
        state=CardState(open=True, revealed=True),
        csrf="t",
        message="",
        mine=None,
        my_ticks=set(),
        counts=[],
        total=0,
        tallies=[],
        observers=0,
        answers=[Answer(1, 0, XSS, False, "p")],
        said=True,
        show_results=True,
        show_answers=True,
        max_answer=280,
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "Eén ding" in html


def test_every_label_speaks_both_languages() -> None:
    for key, (english, dutch) in LABELS.items():
        assert english and dutch, key
    assert t("nl", "votes", count=3) == "Stemmen: 3"
    assert t("en", "votes", count=3) == "Votes: 3"


def test_a_message_page_escapes_and_links_back() -> None:
    page = message_page("en", "error", XSS, "../", back="./").decode()
    assert "<script>" not in page and 'href="./"' in page and 'href="../_room/room.css"' in page
