"""The web application `workshop serve` runs: what the server knows, and the ASGI app answering from it.

`create_app` builds a Starlette app whose routes answer from a `ServeApp`. Today one route
(every GET) hands the path to `serve.pages.respond`; a feature with addresses of its own
passes its routes to `create_app`, and they are matched first. Around every route sits
`Guarded`, which is what makes the app safe to open to a room:

- the path is checked once (`serve.paths.checked_path`) before any route sees it: 400 for
  a path that could step outside the site, the route gets the decoded path;
- every answer carries the security headers (CSP, nosniff, referrer policy, no framing);
- a failure inside a route answers 500 with one line, and nothing is printed: the
  terminal is for build results.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response as StarletteResponse
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workshop.serve.faces import FaceGallery
from workshop.serve.pages import Response, SiteState, respond
from workshop.serve.paths import BadPath, checked_path

PLAIN = "text/plain; charset=utf-8"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
"""The policy the site's pages carry in their <meta> tag, plus what only a header can say
(no framing by other sites); it covers serve's own pages and the site's SVG logo too."""
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)
DEFAULT_CACHE = "no-store"
"""Phones always ask again, so a reload shows the latest save; answers that never change say otherwise."""


class ServeApp:
    """What the server knows: the current `SiteState` and the card faces. Shared by all threads.

    The state is replaced whole (one attribute assignment), so a request never sees half
    of an update.
    """

    def __init__(self, state: SiteState | None = None) -> None:
        self.state = state or SiteState(building=True)
        self.faces = FaceGallery()
        self._updating = threading.Lock()

    def respond(self, path: str) -> Response:
        return respond(self.state, path, self.faces.view)

    def update(self, **changes: Any) -> None:
        """Replace some fields of the state; the watching and the main thread both update it."""
        with self._updating:
            self.state = replace(self.state, **changes)


def create_app(serving: ServeApp, routes: Sequence[BaseRoute] = ()) -> ASGIApp:
    """The ASGI app of `workshop serve`: `routes` first, then every GET answered by `serving`."""

    async def page(request: Request) -> StarletteResponse:
        try:
            answer = serving.respond(request.scope["path"])
        except Exception as exc:  # a page we failed to make: say so in the browser, not with a traceback
            answer = Response(
                500, f"workshop serve could not answer: {type(exc).__name__}: {exc}".encode(), PLAIN
            )
        return StarletteResponse(answer.body, answer.status, dict(answer.headers), answer.content_type)

    app = Starlette(routes=[*routes, Route("/{path:path}", page, methods=["GET"])])
    return Guarded(app)


class Guarded:
    """ASGI middleware around the whole app: the path check, the security headers, no tracebacks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": with_security_headers(message.get("headers", []))}
            await send(message)

        try:
            path = checked_path(scope.get("raw_path") or scope["path"].encode("utf-8"))
        except BadPath as exc:
            await plain(400, f"Bad request: {exc}.")(scope, receive, send_guarded)
            return
        try:
            await self.app({**scope, "path": path}, receive, send_guarded)
        except Exception:  # Starlette has answered 500 already, or the client is gone: nothing to print
            if not started:
                await plain(500, "workshop serve could not answer.")(scope, receive, send_guarded)


def plain(status: int, text: str) -> StarletteResponse:
    return StarletteResponse(text.encode("utf-8") + b"\n", status, media_type=PLAIN)


def with_security_headers(headers: Sequence[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The answer's headers plus the security headers, and `Cache-Control: no-store` unless it says otherwise.

    A route that sets one of these headers itself keeps its own (the room's pages allow
    forms to post back); two policies would both apply, and the stricter one would win.
    """
    result = list(headers)
    present = {name.lower() for name, _ in result}
    if b"cache-control" not in present:
        result.append((b"cache-control", DEFAULT_CACHE.encode()))
    result += [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in SECURITY_HEADERS
        if name.lower().encode("latin-1") not in present
    ]
    return result
