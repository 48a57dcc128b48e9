"""What keeps a room's forms honest: the participant cookie, CSRF tokens, rate and size limits.

- A participant is a random id in one first-party cookie (HttpOnly, SameSite=Strict): the
  only thing the room remembers of a phone, so that it votes once per card.
- Every form carries a CSRF token, an HMAC of the participant's id (or of "host" for the
  facilitator) under a secret kept in the room's database: a page of another site cannot
  know it, and it survives a restart of the room, so open pages keep working.
- Every POST body is read up to `MAX_BODY` bytes; a longer one is refused (413) unread.
- `RateLimit` allows each participant a burst of posts, then one every few seconds: a
  script on one phone cannot flood the room. Its clock is a parameter, so tests need no waiting.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

COOKIE = "workshop_room"
COOKIE_PATTERN = re.compile(r"[A-Za-z0-9_-]{22,64}")
"""What a participant id looks like; anything else in the cookie is replaced by a new id."""
MAX_BODY = 8192
"""Bytes a form may send: an answer of `MAX_ANSWER` characters, percent-encoded, and its token fit."""
MAX_ANSWER = 280


class TooLarge(Exception):
    """A request body over `MAX_BODY` (answered with 413)."""


def new_participant() -> str:
    """A random participant id: 128 bits, nothing derived from the phone or its owner."""
    return secrets.token_urlsafe(16)


def participant_of(cookie: str | None) -> str | None:
    return cookie if cookie is not None and COOKIE_PATTERN.fullmatch(cookie) else None


def cookie_header(participant: str, path: str = "/") -> str:
    """The Set-Cookie value: first-party, never sent cross-site, not readable by scripts."""
    return f"{COOKIE}={participant}; Path={path}; HttpOnly; SameSite=Strict; Max-Age=86400"


def csrf_token(secret: str, subject: str) -> str:
    return hmac.new(secret.encode(), subject.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, subject: str, token: str | None) -> bool:
    """Whether `token` is `subject`'s, compared in constant time."""
    return token is not None and hmac.compare_digest(csrf_token(secret, subject), token)


def same_secret(expected: str, given: str) -> bool:
    """Whether a facilitator token is right, in constant time (no timing tells how much was)."""
    return hmac.compare_digest(expected.encode(), given.encode())


def parse_form(body: bytes) -> dict[str, list[str]]:
    """An `application/x-www-form-urlencoded` body; bytes that are not UTF-8 become U+FFFD."""
    return urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)


MAX_BUCKETS = 50_000
"""Participants the rate limit remembers at most: a room is hundreds; more means ids made up."""


@dataclass
class RateLimit:
    """A token bucket per participant: `burst` posts at once, then one per `every` seconds."""

    burst: int = 10
    every: float = 1.0
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def remembered(self) -> int:
        """How many participants' buckets are kept now."""
        return len(self._buckets)

    def allow(self, who: str) -> bool:
        now = self.clock()
        with self._lock:
            tokens, since = self._buckets.get(who, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - since) / self.every)
            allowed = tokens >= 1
            self._buckets[who] = (tokens - 1 if allowed else tokens, now)
            if len(self._buckets) > 2 * MAX_BUCKETS:
                self._forget_full(now)
            return allowed

    def _forget_full(self, now: float) -> None:
        """Drop the buckets that have filled up again since their last post (they would allow a
        burst anyway), and if that is not enough, the longest idle: memory stays bounded and
        the cost of cleaning is spread over at least MAX_BUCKETS posts."""
        refilled = now - self.every * self.burst
        kept = {k: v for k, v in self._buckets.items() if v[1] > refilled}
        if len(kept) > MAX_BUCKETS:
            kept = dict(sorted(kept.items(), key=lambda item: item[1][1])[-MAX_BUCKETS:])
        self._buckets = kept
