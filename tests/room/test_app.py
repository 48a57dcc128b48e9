"""The room over loopback, as phones and the facilitator meet it.

A real server (uvicorn and the room's app) answers real HTTP requests; `Phone` keeps its
cookie and reads each page's CSRF token as a browser would.
"""

from __future__ import annotations

import html
import re
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.room.phones import DILEMMA, REFLECTION, ROLEPLAY, Phone, host_path, make_room, running_room
from workshop.room.app import ROOM_POLICY
from workshop.room.guard import MAX_BODY, RateLimit

XSS = "<script>alert('x')</script><b onmouseover=alert(1)>vet</b>"
NOTES = "Wanneer wordt een grap een belediging?"
"""A debrief question of the dilemma: on its page only when the notes show."""


@pytest.fixture
def room(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    made = make_room(tmp_path)
    yield made
    made.store.close()
    out, err = capfd.readouterr()
    assert out == "" and err == "", "the room printed something"


def opened(room, name: str = "vandaag"):
    return room.store.open_event(name, list(room.cards))


def test_without_an_event_every_page_is_the_plain_site(room) -> None:
    with running_room(room) as port:
        phone = Phone(port)
        page = phone.get(f"/{DILEMMA}/")
        assert page.status == 200
        assert page.body.encode() == room.serving.state.site[f"{DILEMMA}/index.html"]
        assert "set-cookie" not in page.headers, "no cookie before the room asks something"
        assert phone.post(f"/{DILEMMA}/", {"option": "0", "csrf": "x"}, token=False).status == 403


def test_a_phone_votes_sees_the_room_and_changes_its_vote(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        phone, other = Phone(port), Phone(port)
        page = phone.get(f"/{DILEMMA}/")
        assert page.status == 200
        assert page.headers["content-security-policy"] == ROOM_POLICY
        cookie = page.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert 'type="radio" name="option"' in page.body
        assert "Humor hoort <em>mét</em> de gast te zijn." in page.body, "card texts as the site shows them"
        assert "&lt;font color=" in page.body and "<font" not in page.body
        assert "<meter" not in page.body, "no results before voting"
        assert NOTES not in page.body, "the notes wait for the facilitator"
        answer = phone.vote(DILEMMA, 1)
        assert answer.status == 303 and answer.headers["location"].startswith("./")
        assert other.vote(DILEMMA, 1).status == 303
        result = phone.get(f"/{DILEMMA}/")
        assert room.store.counts(event, DILEMMA, 4) == [0, 2, 0, 0]
        assert re.findall(r'<meter min="0" max="2" value="(\d)">', result.body) == ["0", "2", "0", "0"]
        assert phone.vote(DILEMMA, 3).status == 303
        assert room.store.counts(event, DILEMMA, 4) == [0, 1, 0, 1]
        assert 'value="3" required checked' in phone.get(f"/{DILEMMA}/").body


def test_the_page_at_index_html_is_live_too(room) -> None:
    opened(room)
    with running_room(room) as port:
        assert 'name="option"' in Phone(port).get(f"/{DILEMMA}/index.html").body


def test_notes_and_answers_show_once_the_facilitator_reveals_them(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        writer, reader, host = Phone(port), Phone(port), Phone(port)
        writer.get(f"/{REFLECTION}/")
        assert writer.post(f"/{REFLECTION}/", {"prompt": "1", "text": XSS}).status == 303
        assert room.store.answers(event, REFLECTION)[0].text == XSS, "stored as typed, escaped when shown"
        before = reader.get(f"/{REFLECTION}/").body
        assert "vet</b>" not in before and "&lt;b" not in before, "answers wait for the reveal"
        host.get(host_path(room))
        assert host.post(host_path(room, f"{REFLECTION}/"), {"action": "reveal"}).status == 303
        assert host.post(host_path(room, f"{DILEMMA}/"), {"action": "reveal", "back": "host"}).status == 303
        after = reader.get(f"/{REFLECTION}/").body
        assert html.escape(XSS, quote=False) in after.replace("&#39;", "'").replace("&#34;", '"')
        assert "<script>" not in after and "<b onmouseover" not in after
        assert "Kleine, concrete voornemens" in after, "the notes show once revealed"
        assert NOTES in reader.get(f"/{DILEMMA}/").body


def test_the_facilitator_hides_an_answer_everywhere_but_the_export(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        phone, host = Phone(port), Phone(port)
        phone.get(f"/{REFLECTION}/")
        phone.post(f"/{REFLECTION}/", {"text": "Onaardig antwoord"})
        phone.post(f"/{REFLECTION}/", {"text": "Goed antwoord"})
        room.store.set_card(event, REFLECTION, revealed=True)
        host.get(host_path(room, f"{REFLECTION}/"))
        bad = room.store.answers(event, REFLECTION)[0]
        assert (
            host.post(host_path(room, f"{REFLECTION}/hide"), {"answer": str(bad.id), "hidden": "1"}).status
            == 303
        )
        assert "Onaardig" not in phone.get(f"/{REFLECTION}/").body
        assert "Goed antwoord" in phone.get(f"/{REFLECTION}/").body
        assert "Onaardig" not in host.get(host_path(room, f"{REFLECTION}/projector")).body
        assert "Onaardig" in host.get(host_path(room, "export.csv")).body


def test_an_observer_ticks_and_sees_the_tallies(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        first, second = Phone(port), Phone(port)
        first.get(f"/{ROLEPLAY}/")
        second.get(f"/{ROLEPLAY}/")
        assert first.post(f"/{ROLEPLAY}/", {"ticks": "sent", "item": ["0", "1"]}).status == 303
        assert second.post(f"/{ROLEPLAY}/", {"ticks": "sent", "item": ["1"]}).status == 303
        assert room.store.tallies(event, ROLEPLAY, 2) == ([1, 2], 2)
        page = first.get(f"/{ROLEPLAY}/").body
        assert re.findall(r'<meter min="0" max="2" value="(\d)">', page) == ["1", "2"]
        assert first.post(f"/{ROLEPLAY}/", {"ticks": "sent", "item": ["5"]}).status == 400


def test_the_projector_reloads_itself_and_shows_the_counts(room) -> None:
    opened(room)
    with running_room(room) as port:
        Phone(port).vote(DILEMMA, 2)
        projector = Phone(port).get(host_path(room, f"{DILEMMA}/projector"))
        assert projector.status == 200
        assert '<meta http-equiv="refresh" content="2">' in projector.body
        assert re.findall(r'value="(\d)">', projector.body) == ["0", "0", "1", "0"]


def test_the_facilitator_opens_closes_resets_and_ends_the_event(room) -> None:
    with running_room(room) as port:
        host, phone = Phone(port), Phone(port)
        page = host.get(host_path(room))
        assert page.status == 200 and 'name="name"' in page.body
        assert "<h2>Overige kaarten</h2>" in page.body and "<h2>Afsluiting</h2>" in page.body
        assert host.post(host_path(room, "event"), {"action": "open", "name": "Middag"}).status == 303
        event = room.store.current_event()
        assert event is not None and event.name == "Middag"
        phone.vote(DILEMMA, 0)
        assert room.store.counts(event, DILEMMA, 4) == [1, 0, 0, 0]
        host.get(host_path(room))
        host.post(host_path(room, f"{DILEMMA}/"), {"action": "close", "back": "host"})
        assert phone.vote(DILEMMA, 1).status == 409
        assert "Stemmen op deze kaart is gesloten." in phone.get(f"/{DILEMMA}/").body
        host.post(host_path(room, f"{DILEMMA}/"), {"action": "reset"})
        assert room.store.counts(event, DILEMMA, 4) == [0, 0, 0, 0]
        host.post(host_path(room, "event"), {"action": "close"})
        assert room.store.current_event() is None
        assert "set-cookie" not in Phone(port).get(f"/{DILEMMA}/").headers


def test_facilitator_pages_are_not_found_without_the_right_token(room) -> None:
    opened(room)
    with running_room(room) as port:
        phone = Phone(port)
        token = room.host_token
        assert len(token) >= 43, "at least 256 bits, URL-safe"
        for wrong in (token[:-1], token + "x", "A" * len(token), token.upper(), "%00"):
            for path in ("", "export.csv", f"{DILEMMA}/", f"{DILEMMA}/projector"):
                assert phone.get(f"/host/{wrong}/{path}").status in (404, 400), (wrong, path)
            assert phone.post(f"/host/{wrong}/event", {"action": "close"}).status in (404, 400)
        assert room.store.current_event() is not None


def test_posts_without_a_valid_csrf_token_change_nothing(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        phone, host = Phone(port), Phone(port)
        phone.get(f"/{DILEMMA}/")
        assert phone.post(f"/{DILEMMA}/", {"option": "0"}, token=False).status == 403
        assert phone.post(f"/{DILEMMA}/", {"option": "0", "csrf": "0" * 64}, token=False).status == 403
        other = Phone(port)
        other.get(f"/{DILEMMA}/")
        assert (
            phone.post(f"/{DILEMMA}/", {"option": "0", "csrf": other.token or ""}, token=False).status == 403
        )
        assert host.post(host_path(room, "event"), {"action": "close"}, token=False).status == 403
        assert room.store.counts(event, DILEMMA, 4) == [0, 0, 0, 0]
        assert room.store.current_event() == event


def test_a_post_without_the_cookie_is_refused_with_advice(room) -> None:
    opened(room)
    with running_room(room) as port:
        phone = Phone(port)
        phone.get(f"/{DILEMMA}/")
        phone.cookie = None
        answer = phone.post(f"/{DILEMMA}/", {"option": "0"})
        assert answer.status == 403 and "cookie" in answer.body


def test_oversize_and_overlong_are_refused_with_413(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        phone = Phone(port)
        phone.get(f"/{REFLECTION}/")
        assert phone.post(f"/{REFLECTION}/", {"text": "x" * 281}).status == 413
        assert phone.post(f"/{REFLECTION}/", {"text": "é" * 280}).status == 303
        assert phone.post(f"/{REFLECTION}/", {"text": "x" * (MAX_BODY + 10)}).status == 413
        assert phone.post(f"/{REFLECTION}/", {"text": "   "}).status == 400
        assert phone.post(f"/{REFLECTION}/", {"text": "x", "prompt": "7"}).status == 400
        assert phone.post(f"/{REFLECTION}/", {"text": "x", "prompt": "²"}).status == 400
        assert phone.post(f"/{REFLECTION}/", {"text": "a\x07b\x00c\r\nd\te"}).status == 303
        assert [answer.text for answer in room.store.answers(event, REFLECTION)] == ["é" * 280, "abc\nd\te"]


def test_votes_only_for_cards_that_exist_and_options_they_have(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        phone = Phone(port)
        phone.get(f"/{DILEMMA}/")
        assert phone.post("/bestaat-niet/", {"option": "0"}).status == 404
        for option in ("4", "-1", "x", "", "1" * 50, "²", "--1", "１", "1e0"):
            assert phone.post(f"/{DILEMMA}/", {"option": option}).status == 400, option
        assert phone.post(f"/{DILEMMA}/", {}).status == 400
        assert room.store.counts(event, DILEMMA, 4) == [0, 0, 0, 0]


def test_a_phone_that_posts_too_fast_is_slowed_down(room) -> None:
    room.limit = RateLimit(burst=3, every=3600)
    opened(room)
    with running_room(room) as port:
        phone = Phone(port)
        phone.get(f"/{DILEMMA}/")
        assert [phone.vote(DILEMMA, 0).status for _ in range(4)] == [303, 303, 303, 429]
        assert Phone(port).vote(DILEMMA, 1).status == 303, "another phone is not slowed down"


def test_many_phones_voting_at_once_are_all_counted(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        phones = [Phone(port) for _ in range(30)]
        for phone in phones:
            phone.get(f"/{DILEMMA}/")
        statuses: list[int] = []

        def vote_twice(phone: Phone, n: int) -> None:
            statuses.append(phone.vote(DILEMMA, n % 4).status)
            statuses.append(phone.vote(DILEMMA, (n + 1) % 4).status)

        threads = [threading.Thread(target=vote_twice, args=(phone, n)) for n, phone in enumerate(phones)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [303] * 60
        assert room.store.counts(event, DILEMMA, 4) == [7, 8, 8, 7]


def test_votes_survive_a_restart_of_the_room(tmp_path: Path) -> None:
    room = make_room(tmp_path)
    opened(room)
    with running_room(room) as port:
        phone = Phone(port)
        phone.vote(DILEMMA, 2)
    room.store.close()
    again = make_room(tmp_path)
    try:
        with running_room(again) as port:
            phone.port = port
            page = phone.get(f"/{DILEMMA}/").body
            assert 'value="2" required checked' in page, "the same phone still sees its vote"
            assert phone.vote(DILEMMA, 0).status == 303, "a page opened before the restart still posts"
        current = again.store.current_event()
        assert current is not None and again.store.counts(current, DILEMMA, 4) == [1, 0, 0, 0]
    finally:
        again.store.close()


def test_the_room_stores_no_address_or_browser(room) -> None:
    opened(room)
    with running_room(room) as port:
        phone = Phone(port)
        phone.request("GET", f"/{REFLECTION}/", headers={"User-Agent": "HerkenbareBrowser/1.0"})
        phone.post(f"/{REFLECTION}/", {"text": "anoniem"})
    room.store.close()
    stored = b"".join(path.read_bytes() for path in room.store.path.parent.iterdir())
    assert b"anoniem" in stored
    assert b"127.0.0.1" not in stored and b"HerkenbareBrowser" not in stored


def test_health_and_the_stylesheet(room) -> None:
    with running_room(room) as port:
        phone = Phone(port)
        health = phone.get("/_room/health")
        assert (health.status, health.body) == (200, "ok\n")
        css = phone.get("/_room/room.css")
        assert css.status == 200 and css.headers["content-type"].startswith("text/css")


def test_the_export_link_downloads_every_response(room) -> None:
    opened(room)
    with running_room(room) as port:
        Phone(port).vote(DILEMMA, 0)
        export = Phone(port).get(host_path(room, "export.csv"))
        assert export.status == 200 and "attachment" in export.headers["content-disposition"]
        lines = export.body.splitlines()
        assert lines[0] == "event,card,kind,choice,text,hidden,time"
        assert lines[1].startswith(f"vandaag,{DILEMMA},vote,De ober is zichzelf.,,,")


@pytest.mark.parametrize(("reveal", "before", "after"), [("after-vote", False, True), ("always", True, True)])
def test_the_reveal_setting_decides_when_the_notes_show(
    tmp_path: Path, reveal: str, before: bool, after: bool
) -> None:
    room = make_room(tmp_path, reveal=reveal)
    try:
        opened(room)
        with running_room(room) as port:
            phone = Phone(port)
            assert (NOTES in phone.get(f"/{DILEMMA}/").body) is before
            phone.vote(DILEMMA, 0)
            assert (NOTES in phone.get(f"/{DILEMMA}/").body) is after
            assert NOTES not in Phone(port).get(f"/{DILEMMA}/").body or reveal == "always"
    finally:
        room.store.close()


def test_a_database_that_fails_is_a_page_that_says_so_not_a_crash(room) -> None:
    event = opened(room)
    with running_room(room) as port:
        phone = Phone(port)
        phone.get(f"/{DILEMMA}/")
        with sqlite3.connect(room.store.path) as db:  # another program holds the database locked
            db.execute("PRAGMA busy_timeout = 0")
            db.execute("BEGIN EXCLUSIVE")
            room.store.set_busy_timeout(0)
            answer = phone.vote(DILEMMA, 1)
            db.execute("ROLLBACK")
        assert answer.status == 503 and "Probeer het zo opnieuw" in answer.body
        assert phone.vote(DILEMMA, 1).status == 303, "and works again once the database does"
        assert room.store.counts(event, DILEMMA, 4) == [0, 1, 0, 0]
