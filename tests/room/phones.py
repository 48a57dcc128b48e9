"""A room over loopback for the tests, and phones that talk to it as browsers do.

`running_room` starts a real server (uvicorn, the room's app) on a free port; `Phone`
keeps its cookie like a browser, reads the CSRF token from the page it was shown, and
never follows redirects, so a test sees each answer as it was sent.
"""

from __future__ import annotations

import http.client
import re
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.workshops import rich_workshop
from workshop.pipeline.build import Overrides
from workshop.room.app import Room, create_room_app
from workshop.room.guard import COOKIE
from workshop.room.launch import prepare_room
from workshop.serve.server import start_server, stop_server

DILEMMA = "thee-op-het-terras"
REFLECTION = "wat-neem-je-mee"
ROLEPLAY = "rollenspel-1"
"""Cards of `tests.workshops.rich_workshop`: a dilemma of four options, a reflection with
two prompts, a roleplay whose observer has two items."""
TOKEN = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Phone:
    """One participant's browser: its cookie and the last CSRF token it was shown."""

    port: int
    cookie: str | None = None
    token: str | None = None
    seen: list[str] = field(default_factory=list)

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = f"{COOKIE}={self.cookie}"
        if method == "POST":
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            answer = Answer(
                response.status,
                {name.lower(): value for name, value in response.getheaders()},
                response.read().decode("utf-8"),
            )
        finally:
            connection.close()
        given = answer.headers.get("set-cookie", "")
        if given.startswith(COOKIE + "="):
            self.cookie = given.split(";")[0].split("=", 1)[1]
        found = TOKEN.search(answer.body)
        if found:
            self.token = found.group(1)
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, str | list[str]], *, token: bool = True) -> Answer:
        values = dict(fields)
        if token and self.token:
            values.setdefault("csrf", self.token)
        return self.request("POST", path, urllib.parse.urlencode(values, doseq=True).encode())

    def vote(self, card: str, option: int) -> Answer:
        if self.token is None:
            self.get(f"/{card}/")
        return self.post(f"/{card}/", {"option": str(option)})


@contextmanager
def running_room(room: Room) -> Iterator[int]:
    """The room's app served on a free loopback port; yields the port."""
    server = start_server(room.serving, "127.0.0.1", 0, app=create_room_app(room))
    try:
        yield server.address[1]
    finally:
        stop_server(server)


def make_room(folder: Path, *, reveal: str | None = None, language: str = "nl") -> Room:
    """The rich test workshop in `folder/ws` as a room with its data in `folder/data`."""
    root = rich_workshop(folder / "ws", language=language, base_url=True)
    if reveal is not None:
        config = yaml.safe_load((root / "workshop.yaml").read_text(encoding="utf-8"))
        config.setdefault("debrief", {})["reveal"] = reveal
        (root / "workshop.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    room, _ = prepare_room(root, folder / "data", Overrides())
    return room


def host_path(room: Room, rest: str = "") -> str:
    return f"/host/{room.host_token}/{rest}"
