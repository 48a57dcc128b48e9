"""The room's database: versioned, exact under concurrency, kept across restarts, events apart."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from workshop.room.store import DATABASE, MIGRATIONS, RoomStore, StoreError


@pytest.fixture
def store(tmp_path: Path):
    opened = RoomStore(tmp_path / "data")
    yield opened
    opened.close()


def test_a_new_folder_gets_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    store = RoomStore(tmp_path / "nieuw" / "map")
    try:
        assert store.version == len(MIGRATIONS)
        assert store.path == tmp_path / "nieuw" / "map" / DATABASE
        mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    finally:
        store.close()


def test_everything_survives_a_restart(tmp_path: Path) -> None:
    first = RoomStore(tmp_path)
    event = first.open_event("2026-12-05", ["a"])
    first.vote(event, "a", "phone-1", 2)
    first.answer(event, "b", "phone-1", -1, "Meer luisteren.")
    token = first.secret("host-token")
    first.close()
    again = RoomStore(tmp_path)
    try:
        current = again.current_event()
        assert current == event
        assert again.counts(current, "a", 3) == [0, 0, 1]
        assert [answer.text for answer in again.answers(current, "b")] == ["Meer luisteren."]
        assert again.secret("host-token") == token
        assert again.card_state(current, "a").open
    finally:
        again.close()


def test_a_database_from_a_newer_workshop_is_refused_not_damaged(tmp_path: Path) -> None:
    RoomStore(tmp_path).close()
    with sqlite3.connect(tmp_path / DATABASE) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    with pytest.raises(StoreError, match="newer workshop"):
        RoomStore(tmp_path)


def test_a_file_that_is_no_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / DATABASE).write_bytes(b"dit is geen database " * 100)
    with pytest.raises(StoreError, match="not a room database"):
        RoomStore(tmp_path)


def test_a_folder_that_cannot_be_made_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(StoreError, match="cannot open"):
        RoomStore(tmp_path / "bestand" / "data")


def test_voting_again_replaces_the_vote(store: RoomStore) -> None:
    event = store.open_event("e", ["a"])
    store.vote(event, "a", "p1", 0)
    store.vote(event, "a", "p2", 0)
    store.vote(event, "a", "p1", 3)
    assert store.counts(event, "a", 4) == [1, 0, 0, 1]
    assert store.my_vote(event, "a", "p1") == 3
    assert store.my_vote(event, "a", "p3") is None


def test_events_keep_their_results_apart(store: RoomStore) -> None:
    morning = store.open_event("ochtend", ["a"])
    store.vote(morning, "a", "p1", 1)
    afternoon = store.open_event("middag", ["a"])
    assert store.current_event() == afternoon
    assert store.counts(afternoon, "a", 2) == [0, 0]
    store.vote(afternoon, "a", "p1", 0)
    assert store.counts(morning, "a", 2) == [0, 1]
    assert [event.name for event in store.events()] == ["ochtend", "middag"]
    assert store.events()[0].closed is not None
    store.close_event()
    assert store.current_event() is None
    reopened = store.open_event("ochtend")
    assert reopened.id == morning.id and store.counts(reopened, "a", 2) == [0, 1]


def test_card_states_and_reset(store: RoomStore) -> None:
    event = store.open_event("e")
    assert not store.card_state(event, "a").open
    store.set_card(event, "a", open=True)
    store.set_card(event, "a", revealed=True)
    assert store.card_state(event, "a").open and store.card_state(event, "a").revealed
    store.set_card(event, "a", open=False)
    assert not store.card_state(event, "a").open and store.card_state(event, "a").revealed
    store.vote(event, "a", "p", 1)
    store.answer(event, "a", "p", -1, "x")
    store.tick(event, "a", "p", [0])
    store.vote(event, "b", "p", 1)
    store.reset_card(event, "a")
    assert store.counts(event, "a", 2) == [0, 0]
    assert store.answers(event, "a") == []
    assert store.tallies(event, "a", 1) == ([0], 0)
    assert store.counts(event, "b", 2) == [0, 1], "another card kept its votes"


def test_hidden_answers_stay_stored_but_marked(store: RoomStore) -> None:
    event = store.open_event("e")
    store.answer(event, "r", "p1", -1, "eerste")
    store.answer(event, "r", "p2", 0, "tweede")
    first = store.answers(event, "r")[0]
    store.hide_answer(event, first.id)
    assert [(answer.text, answer.hidden) for answer in store.answers(event, "r")] == [
        ("eerste", True),
        ("tweede", False),
    ]
    store.hide_answer(event, first.id, hidden=False)
    assert not store.answers(event, "r")[0].hidden


def test_ticks_replace_the_observers_earlier_ticks(store: RoomStore) -> None:
    event = store.open_event("e")
    store.tick(event, "rp", "p1", [0, 1, 1])
    store.tick(event, "rp", "p2", [1])
    store.tick(event, "rp", "p1", [0])
    assert store.tallies(event, "rp", 2) == ([1, 1], 2)
    assert store.my_ticks(event, "rp", "p1") == {0}
    store.tick(event, "rp", "p3", [])
    assert store.tallies(event, "rp", 2) == ([1, 1], 3), "an observer who saw none of it still counts"
    assert store.my_ticks(event, "rp", "p3") == set() and store.has_said(event, "rp", "p3")
    assert [row.kind for row in store.rows() if row.card == "rp"] == ["tick", "tick"], "no row for nothing"


def test_two_facilitator_actions_at_once_both_apply(store: RoomStore) -> None:
    """Closing and revealing a card at the same moment (two tabs, two clicks): neither is lost."""
    import threading

    event = store.open_event("e", ["a"])
    for _ in range(30):
        store.set_card(event, "a", open=True, revealed=False)
        barrier = threading.Barrier(2)

        def act(change: dict[str, bool], barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            store.set_card(event, "a", **change)

        threads = [threading.Thread(target=act, args=(c,)) for c in ({"open": False}, {"revealed": True})]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        state = store.card_state(event, "a")
        assert (state.open, state.revealed) == (False, True)


def test_has_said(store: RoomStore) -> None:
    event = store.open_event("e")
    assert not store.has_said(event, "a", "p")
    store.answer(event, "a", "p", -1, "ja")
    assert store.has_said(event, "a", "p")
    assert not store.has_said(event, "a", "q")


def test_rows_are_every_vote_answer_and_tick_with_minutes_only(store: RoomStore) -> None:
    first = store.open_event("een", ["a"])
    store.vote(first, "a", "p1", 1)
    store.answer(first, "r", "p1", 0, "antwoord")
    store.tick(first, "t", "p1", [0, 1])
    second = store.open_event("twee", ["a"])
    store.vote(second, "a", "p1", 0)
    rows = store.rows()
    assert [(row.event, row.card, row.kind, row.index) for row in rows] == [
        ("een", "a", "vote", 1),
        ("een", "r", "answer", 0),
        ("een", "t", "tick", 0),
        ("een", "t", "tick", 1),
        ("twee", "a", "vote", 0),
    ]
    assert all(len(row.at) == len("2026-12-05 21:30") for row in rows)
    assert [row.event for row in store.rows("twee")] == ["twee"]
    assert store.rows("geen") == []


def test_many_threads_voting_and_changing_votes_give_exact_counts(store: RoomStore) -> None:
    """40 phones vote at once, then 20 of them change their vote at once: every vote counts once."""
    event = store.open_event("druk", ["a"])
    phones = [f"phone-{n}" for n in range(40)]
    start = threading.Barrier(len(phones))

    def vote(phone: str, option: int) -> None:
        start.wait()
        store.vote(event, "a", phone, option)

    def all_at_once(votes: dict[str, int]) -> None:
        threads = [threading.Thread(target=vote, args=item) for item in votes.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    all_at_once({phone: n % 4 for n, phone in enumerate(phones)})
    assert store.counts(event, "a", 4) == [10, 10, 10, 10]
    start = threading.Barrier(20)
    all_at_once({phone: 0 for phone in phones[:20]})
    assert store.counts(event, "a", 4) == [25, 5, 5, 5]
    assert sum(store.counts(event, "a", 4)) == len(phones)


def test_the_database_holds_no_network_details(store: RoomStore) -> None:
    """What is stored is the schema's: a random id per phone, never an address or a browser."""
    with sqlite3.connect(store.path) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        columns = {column[1] for table in tables for column in db.execute(f"PRAGMA table_info({table})")}
    assert len(tables) == 6 and "participant" in columns
    assert not columns & {"ip", "address", "user_agent", "agent", "host"}


def test_the_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """It holds the facilitator's token and the key of the forms' tokens."""
    store = RoomStore(tmp_path / "room")
    store.close()
    assert (store.path.stat().st_mode & 0o777) == 0o600
