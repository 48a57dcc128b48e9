"""Where the room keeps what participants said: one SQLite database for all events.

Why SQLite: a laptop in a venue has no database server, and one file in the data folder
(default `DIR/room/room.db`, outside build/ so a rebuild never touches it) is something a
trainer can copy, back up or delete. The database runs in WAL mode with `synchronous=FULL`,
so a vote is on disk when `RoomStore` returns, before the participant gets an answer.

Exact under concurrency: one connection, and every call holds one lock for its whole
transaction. The web server calls the store from many threads at once; the lock puts the
writes in a row, and a vote replaces the participant's earlier one in the same statement
(`ON CONFLICT ... DO UPDATE`), so no vote is ever counted twice or lost.

The schema is versioned: `MIGRATIONS[n]` takes a database from version n to n+1 (SQLite's
`user_version`), so a data folder made by an older workshop keeps its results.

Private by design: the store knows a participant only as the random id of their cookie;
times are kept to the minute.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

DATABASE = "room.db"
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        opened TEXT NOT NULL,
        closed TEXT
    );
    CREATE TABLE cards (
        event INTEGER NOT NULL REFERENCES events(id),
        card TEXT NOT NULL,
        open INTEGER NOT NULL DEFAULT 0,
        revealed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (event, card)
    );
    CREATE TABLE votes (
        event INTEGER NOT NULL REFERENCES events(id),
        card TEXT NOT NULL,
        participant TEXT NOT NULL,
        option INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (event, card, participant)
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        event INTEGER NOT NULL REFERENCES events(id),
        card TEXT NOT NULL,
        participant TEXT NOT NULL,
        prompt INTEGER NOT NULL,
        text TEXT NOT NULL,
        hidden INTEGER NOT NULL DEFAULT 0,
        at TEXT NOT NULL
    );
    CREATE INDEX answers_by_card ON answers (event, card);
    CREATE TABLE ticks (
        event INTEGER NOT NULL REFERENCES events(id),
        card TEXT NOT NULL,
        participant TEXT NOT NULL,
        item INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (event, card, participant, item)
    );
    """,
)
"""The schema, one script per version step; append, never edit a step already released."""


class StoreError(Exception):
    """The data folder cannot be used (not writable, not a database, from a newer workshop)."""


@dataclass(frozen=True)
class Event:
    """One session of the workshop; its results are kept apart from every other event's."""

    id: int
    name: str
    opened: str
    closed: str | None


@dataclass(frozen=True)
class CardState:
    """A card in an event: open for voting or not, results revealed to the room or not."""

    open: bool = False
    revealed: bool = False


@dataclass(frozen=True)
class Answer:
    id: int
    prompt: int
    """-1 for the card's question, else the index of the prompt answered."""
    text: str
    hidden: bool
    participant: str


@dataclass(frozen=True)
class Row:
    """One line of an export: a vote, an answer or a tick."""

    event: str
    card: str
    kind: str
    """'vote', 'answer' or 'tick'."""
    index: int
    """The option, prompt (-1: the question) or checklist item."""
    text: str
    at: str
    hidden: bool = False


def minute_now() -> str:
    """The time to the minute (UTC): enough to order results, too coarse to single anyone out."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M")


NOTHING_TICKED = -1
"""The tick an observer who sent the checklist with nothing ticked leaves: counted as an observer."""


class RoomStore:
    """The room's database: events, card states, votes, answers and ticks. Thread-safe."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / DATABASE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.path.touch(
                mode=0o600
            )  # yours alone: it holds the facilitator's token (sqlite's -wal follows)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        self._lock = threading.Lock()
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{self.path} is not a room database this workshop can use: {exc}") from None

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another program holding the database (5 s unless said)."""
        with self._lock:
            self._db.execute(f"PRAGMA busy_timeout={int(milliseconds)}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.version
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} was written by a newer workshop (schema {version}); update workshop to use it"
            )
        for step in range(version, len(MIGRATIONS)):
            with self._transaction() as db:
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {step + 1}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction under the lock: committed when the block ends, rolled back on an error."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # --- settings ------------------------------------------------------------------

    def secret(self, name: str, bits: int = 256) -> str:
        """A random secret kept across restarts (made on first use): the facilitator's token,
        the key of the CSRF tokens. `bits` of randomness, URL-safe."""
        with self._transaction() as db:
            found = db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
            if found:
                return str(found[0])
            value = secrets.token_urlsafe(bits // 8)
            db.execute("INSERT INTO settings (name, value) VALUES (?, ?)", (name, value))
            return value

    # --- events --------------------------------------------------------------------

    def current_event(self) -> Event | None:
        with self._lock:
            found = self._db.execute(
                "SELECT id, name, opened, closed FROM events WHERE closed IS NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return Event(*found) if found else None

    def events(self) -> list[Event]:
        with self._lock:
            rows = self._db.execute("SELECT id, name, opened, closed FROM events ORDER BY id").fetchall()
        return [Event(*row) for row in rows]

    def open_event(self, name: str, open_cards: Sequence[str] = ()) -> Event:
        """Open the event `name` (closing any other), with `open_cards` open for voting.

        Opening a name used before continues that event: its results stay with it.
        """
        with self._transaction() as db:
            db.execute(
                "UPDATE events SET closed = ? WHERE closed IS NULL AND name != ?", (minute_now(), name)
            )
            db.execute(
                "INSERT INTO events (name, opened) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET closed = NULL",
                (name, minute_now()),
            )
            event = Event(
                *db.execute("SELECT id, name, opened, closed FROM events WHERE name = ?", (name,)).fetchone()
            )
            db.executemany(
                "INSERT INTO cards (event, card, open) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET open = 1",
                [(event.id, card) for card in open_cards],
            )
        return event

    def close_event(self) -> None:
        with self._transaction() as db:
            db.execute("UPDATE events SET closed = ? WHERE closed IS NULL", (minute_now(),))

    # --- cards ---------------------------------------------------------------------

    def card_states(self, event: Event) -> dict[str, CardState]:
        with self._lock:
            rows = self._db.execute("SELECT card, open, revealed FROM cards WHERE event = ?", (event.id,))
            return {card: CardState(bool(is_open), bool(revealed)) for card, is_open, revealed in rows}

    def card_state(self, event: Event, card: str) -> CardState:
        return self.card_states(event).get(card, CardState())

    def set_card(
        self, event: Event, card: str, *, open: bool | None = None, revealed: bool | None = None
    ) -> None:
        """Change what is given (open, revealed) in one statement: two facilitator actions at
        once (close and reveal) both apply."""
        default = CardState()
        with self._transaction() as db:
            db.execute(
                "INSERT INTO cards (event, card, open, revealed) VALUES (:event, :card, :first_open, :first_revealed) "
                "ON CONFLICT DO UPDATE SET open = COALESCE(:open, open), revealed = COALESCE(:revealed, revealed)",
                {
                    "event": event.id,
                    "card": card,
                    "first_open": int(default.open if open is None else open),
                    "first_revealed": int(default.revealed if revealed is None else revealed),
                    "open": None if open is None else int(open),
                    "revealed": None if revealed is None else int(revealed),
                },
            )

    def reset_card(self, event: Event, card: str) -> None:
        """Forget every vote, answer and tick of `card` in `event`: the card starts again."""
        with self._transaction() as db:
            for table in ("votes", "answers", "ticks"):
                db.execute(f"DELETE FROM {table} WHERE event = ? AND card = ?", (event.id, card))

    # --- what participants say -----------------------------------------------------

    def vote(self, event: Event, card: str, participant: str, option: int) -> None:
        """Record the participant's vote, replacing the one they gave before."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO votes (event, card, participant, option, at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT DO UPDATE SET option = excluded.option, at = excluded.at",
                (event.id, card, participant, option, minute_now()),
            )

    def my_vote(self, event: Event, card: str, participant: str) -> int | None:
        with self._lock:
            found = self._db.execute(
                "SELECT option FROM votes WHERE event = ? AND card = ? AND participant = ?",
                (event.id, card, participant),
            ).fetchone()
        return int(found[0]) if found else None

    def counts(self, event: Event, card: str, options: int) -> list[int]:
        """Votes per option, in option order."""
        result = [0] * options
        with self._lock:
            rows = self._db.execute(
                "SELECT option, COUNT(*) FROM votes WHERE event = ? AND card = ? GROUP BY option",
                (event.id, card),
            ).fetchall()
        for option, count in rows:
            if 0 <= option < options:
                result[option] = count
        return result

    def answer(self, event: Event, card: str, participant: str, prompt: int, text: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO answers (event, card, participant, prompt, text, at) VALUES (?, ?, ?, ?, ?, ?)",
                (event.id, card, participant, prompt, text, minute_now()),
            )

    def answers(self, event: Event, card: str) -> list[Answer]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, prompt, text, hidden, participant FROM answers WHERE event = ? AND card = ? ORDER BY id",
                (event.id, card),
            ).fetchall()
        return [Answer(id, prompt, text, bool(hidden), who) for id, prompt, text, hidden, who in rows]

    def hide_answer(self, event: Event, answer: int, hidden: bool = True) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE answers SET hidden = ? WHERE id = ? AND event = ?", (int(hidden), answer, event.id)
            )

    def tick(self, event: Event, card: str, participant: str, items: Sequence[int]) -> None:
        """Record an observer's ticks on `card`, replacing the ones they sent before."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM ticks WHERE event = ? AND card = ? AND participant = ?",
                (event.id, card, participant),
            )
            db.executemany(
                "INSERT INTO ticks (event, card, participant, item, at) VALUES (?, ?, ?, ?, ?)",
                [
                    (event.id, card, participant, item, minute_now())
                    for item in sorted(set(items)) or [NOTHING_TICKED]
                ],
            )

    def my_ticks(self, event: Event, card: str, participant: str) -> set[int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT item FROM ticks WHERE event = ? AND card = ? AND participant = ?",
                (event.id, card, participant),
            ).fetchall()
        return {int(item) for (item,) in rows if item != NOTHING_TICKED}

    def tallies(self, event: Event, card: str, items: int) -> tuple[list[int], int]:
        """Ticks per checklist item, and how many observers sent theirs."""
        result = [0] * items
        with self._lock:
            rows = self._db.execute(
                "SELECT item, COUNT(*) FROM ticks WHERE event = ? AND card = ? GROUP BY item",
                (event.id, card),
            ).fetchall()
            observers = self._db.execute(
                "SELECT COUNT(DISTINCT participant) FROM ticks WHERE event = ? AND card = ?", (event.id, card)
            ).fetchone()[0]
        for item, count in rows:
            if 0 <= item < items:
                result[item] = count
        return result, int(observers)

    def has_said(self, event: Event, card: str, participant: str) -> bool:
        """Whether the participant voted, answered or ticked on this card (for `after-vote` notes)."""
        with self._lock:
            for table in ("votes", "answers", "ticks"):
                found = self._db.execute(
                    f"SELECT 1 FROM {table} WHERE event = ? AND card = ? AND participant = ? LIMIT 1",
                    (event.id, card, participant),
                ).fetchone()
                if found:
                    return True
        return False

    # --- export --------------------------------------------------------------------

    def rows(self, event_name: str | None = None) -> list[Row]:
        """Every vote, answer and tick (of one event, or all), in event, card and time order."""
        where, values = ("WHERE e.name = ?", (event_name,)) if event_name is not None else ("", ())
        query = f"""
            SELECT e.name, v.card, 'vote', v.option, '', v.at, 0 FROM votes v JOIN events e ON e.id = v.event {where}
            UNION ALL
            SELECT e.name, a.card, 'answer', a.prompt, a.text, a.at, a.hidden
                FROM answers a JOIN events e ON e.id = a.event {where}
            UNION ALL
            SELECT e.name, t.card, 'tick', t.item, '', t.at, 0 FROM ticks t JOIN events e ON e.id = t.event
                {where or "WHERE 1"} AND t.item >= 0
            ORDER BY 1, 2, 6, 3, 4
        """
        with self._lock:
            found = self._db.execute(query, values * 3).fetchall()
        return [
            Row(name, card, kind, index, text, at, bool(hidden))
            for name, card, kind, index, text, at, hidden in found
        ]
