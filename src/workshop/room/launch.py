"""Setting a room up: the checked workshop, its site in memory, its cards, its data folder.

The site is rendered in memory (as `workshop serve` does), never written: nothing of the
room appears in build/, and a room starts without waiting for the PDFs.

`UnderPrefix` lets the room run at a sub-path behind a reverse proxy (`--root-path`),
whether the proxy passes the prefix on or strips it: the room's own links are all
relative, so only the incoming path needs the prefix taken off.
"""

from __future__ import annotations

from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from workshop.content import markup
from workshop.content.problems import Problem
from workshop.pipeline.build import Overrides, load_and_check
from workshop.room.app import Room
from workshop.room.cards import agenda_blocks, room_cards
from workshop.room.store import DATABASE, RoomStore
from workshop.serve.app import ServeApp
from workshop.serve.pages import SiteState
from workshop.serve.rebuild import render_site


def prepare_room(root: Path, data: Path, overrides: Overrides) -> tuple[Room, list[Problem]]:
    """The room of the workshop in `root`, keeping its data in `data`, and the content's warnings.

    Raises ContentError when the content has errors, StoreError when `data` cannot be used.
    """
    workshop, warnings = load_and_check(root, overrides)
    config = workshop.config
    cards = room_cards(workshop)
    serving = ServeApp(SiteState(site=render_site(workshop), language=config.language))
    store = RoomStore(data)
    room = Room(
        serving,
        store,
        cards,
        agenda_blocks(workshop, cards),
        markup.to_plain(config.title),
        config.language,
        config.debrief.reveal,
    )
    return room, warnings


def database_files(data: Path) -> list[Path]:
    """The files of the room's database that exist: what `--reset` deletes, and nothing else."""
    return [
        path
        for path in (data / name for name in (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm"))
        if path.exists()
    ]


class UnderPrefix:
    """ASGI middleware: requests for `prefix/...` are answered as `/...`, and `root_path` says the prefix."""

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.prefix = "/" + prefix.strip("/") if prefix.strip("/") else ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.prefix:
            scope = {**scope, "root_path": self.prefix, "path": without_prefix(scope["path"], self.prefix)}
            if scope.get("raw_path"):
                raw = without_prefix(scope["raw_path"].decode("latin-1"), self.prefix)
                scope["raw_path"] = raw.encode("latin-1")
        await self.app(scope, receive, send)


def without_prefix(path: str, prefix: str) -> str:
    """`path` with `prefix` taken off its start (a proxy that passes the prefix on), else as it was."""
    if path == prefix or path.startswith(prefix + "/"):
        return path[len(prefix) :] or "/"
    return path
