"""The participant cookie, CSRF tokens, form parsing and the rate limit."""

from __future__ import annotations

import pytest

from workshop.room.guard import (
    COOKIE,
    RateLimit,
    cookie_header,
    csrf_ok,
    csrf_token,
    new_participant,
    parse_form,
    participant_of,
    same_secret,
)


def test_participant_ids_are_random_and_checked() -> None:
    ids = {new_participant() for _ in range(100)}
    assert len(ids) == 100
    assert all(participant_of(found) == found for found in ids)
    for bad in (None, "", "kort", "a" * 200, "x" * 22 + ";", "<script>alert(1)</script>xxxxxxxxxxxx"):
        assert participant_of(bad) is None


def test_the_cookie_is_first_party_strict_and_hidden_from_scripts() -> None:
    header = cookie_header("abc")
    assert header.startswith(f"{COOKIE}=abc;")
    assert "HttpOnly" in header and "SameSite=Strict" in header and "Path=/" in header
    assert "Domain" not in header


def test_a_csrf_token_belongs_to_one_participant_and_one_secret() -> None:
    token = csrf_token("geheim", "p1")
    assert csrf_ok("geheim", "p1", token)
    assert not csrf_ok("geheim", "p2", token)
    assert not csrf_ok("ander", "p1", token)
    assert not csrf_ok("geheim", "p1", None)
    assert not csrf_ok("geheim", "p1", "")


def test_secrets_compare_whole() -> None:
    assert same_secret("abc", "abc")
    assert not same_secret("abc", "ab")
    assert not same_secret("abc", "abcd")
    assert not same_secret("abc", "ÿ")


def test_forms_keep_every_value_and_survive_bad_bytes() -> None:
    assert parse_form(b"item=0&item=1&text=") == {"item": ["0", "1"], "text": [""]}
    assert parse_form(b"text=caf%C3%A9+%26+%3Cb%3E") == {"text": ["café & <b>"]}
    assert parse_form(b"text=%FF%FE") == {"text": ["\ufffd\ufffd"]}


def test_the_rate_limit_allows_a_burst_then_one_per_interval() -> None:
    now = [100.0]
    limit = RateLimit(burst=3, every=2.0, clock=lambda: now[0])
    assert [limit.allow("p") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("q"), "another participant has a bucket of their own"
    now[0] += 1.0
    assert not limit.allow("p")
    now[0] += 1.0
    assert limit.allow("p")
    assert not limit.allow("p")
    now[0] += 60
    assert [limit.allow("p") for _ in range(4)] == [True, True, True, False], (
        "the bucket never holds more than the burst"
    )


def test_made_up_ids_cannot_make_the_rate_limit_grow_without_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A script that sends every post under a new id: buckets that filled again are forgotten,
    and beyond the cap the longest idle go, so memory stays bounded."""
    from workshop.room import guard

    monkeypatch.setattr(guard, "MAX_BUCKETS", 100)
    now = [0.0]
    limit = RateLimit(burst=10, every=1.0, clock=lambda: now[0])
    for n in range(1_000):
        assert limit.allow(f"made-up-{n}")
        now[0] += 0.001
    assert limit.remembered <= 2 * guard.MAX_BUCKETS
    assert [limit.allow("made-up-999") for _ in range(10)].count(False) == 1, "a recent id keeps its bucket"
