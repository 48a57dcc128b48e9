"""The ASGI app of `workshop serve`, called directly: routes, the path check, headers, failures."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import ASGIApp

from tests.conftest import ROOT
from tests.serve.test_pages import MISTAKE, SITE
from workshop.serve.app import CONTENT_SECURITY_POLICY, ServeApp, create_app
from workshop.serve.pages import SiteState


def call(app: ASGIApp, raw_path: bytes, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request through the app as uvicorn makes it: status, headers (lower-case), body."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": raw_path.decode("latin-1"),
        "raw_path": raw_path,
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))  # an exception here fails the test: the app must not raise
    start = next(message for message in sent if message["type"] == "http.response.start")
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in start["headers"]}
    body = b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")
    return start["status"], headers, body


def site_app(**state: Any) -> ASGIApp:
    return create_app(ServeApp(SiteState(site=SITE, **state)))


def test_every_answer_carries_the_security_headers() -> None:
    app = site_app()
    answers = {
        "page": call(app, b"/kaart/"),
        "stylesheet": call(app, b"/style.css"),
        "redirect": call(app, b"/kaart"),
        "not found": call(app, b"/nowhere"),
        "bad path": call(app, b"/%2e%2e/workshop.yaml"),
        "wrong method": call(app, b"/", method="POST"),
    }
    assert [status for status, _, _ in answers.values()] == [200, 200, 301, 404, 400, 405]
    for what, (_, headers, _) in answers.items():
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, what
        assert headers["x-content-type-options"] == "nosniff", what
        assert headers["referrer-policy"] == "no-referrer", what
        assert headers["cache-control"] == "no-store", what
        assert "charset=utf-8" in headers.get("content-type", "text/plain; charset=utf-8"), what
    assert answers["page"][1]["content-type"] == "text/html; charset=utf-8"
    assert answers["stylesheet"][1]["content-type"] == "text/css; charset=utf-8"
    assert answers["redirect"][1]["location"] == "/kaart/"


def test_the_header_policy_is_at_least_as_strict_as_the_pages_own() -> None:
    """The site's <meta> policy (templates/site/head.html) holds with or without serve; the
    header says the same and more (no framing, which only a header can say)."""
    head = (ROOT / "templates" / "site" / "head.html").read_text(encoding="utf-8")
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head)
    assert meta is not None
    header = {part.strip() for part in CONTENT_SECURITY_POLICY.split(";")}
    assert {part.strip() for part in meta.group(1).split(";")} <= header
    assert "frame-ancestors 'none'" in header


def test_a_bad_path_is_answered_400_before_any_route_sees_it() -> None:
    seen: list[str] = []

    async def spy(request: Request) -> PlainTextResponse:
        seen.append(request.url.path)
        return PlainTextResponse("spy")

    app = create_app(ServeApp(SiteState(site=SITE)), [Route("/{path:path}", spy)])
    for raw in (b"/..%2fworkshop.yaml", b"/a%5cb", b"/index.html%00.txt", b"//evil.example/"):
        status, _, body = call(app, raw)
        assert status == 400 and body.startswith(b"Bad request: "), raw
    assert seen == []
    assert call(app, b"/caf%C3%A9/")[2] == b"spy" and seen == ["/café/"], "routes get the decoded path"


def test_routes_given_to_the_app_come_before_the_site() -> None:
    """How a feature adds addresses of its own (the site answers every other GET)."""

    async def votes(request: Request) -> PlainTextResponse:
        return PlainTextResponse(f"votes for {request.path_params['card']}")

    app = create_app(
        ServeApp(SiteState(site=SITE)), [Route("/_votes/{card}", votes, methods=["GET", "POST"])]
    )
    assert call(app, b"/_votes/kaart", method="POST")[2] == b"votes for kaart"
    status, headers, _ = call(app, b"/_votes/kaart")
    assert status == 200 and headers["x-content-type-options"] == "nosniff"
    assert call(app, b"/kaart/")[2] == SITE["kaart/index.html"]


def test_a_failure_inside_a_route_is_one_line_of_500_not_an_exception() -> None:
    class Broken(ServeApp):
        def respond(self, path: str) -> Any:
            raise RuntimeError("the template is gone")

    status, headers, body = call(create_app(Broken()), b"/")
    assert status == 500 and headers["content-type"] == "text/plain; charset=utf-8"
    assert body == b"workshop serve could not answer: RuntimeError: the template is gone"

    async def crash(request: Request) -> PlainTextResponse:
        raise ValueError("a feature's bug")

    status, headers, body = call(create_app(ServeApp(), [Route("/_crash", crash)]), b"/_crash")
    assert status == 500 and b"ValueError" not in body and headers["referrer-policy"] == "no-referrer"


def test_the_notice_and_the_problems_page_are_served_with_the_state() -> None:
    serving = ServeApp(SiteState(site=SITE))
    app = create_app(serving)
    assert b"ws-notice" not in call(app, b"/kaart/")[2]
    serving.update(problems=(MISTAKE,))
    assert b"cards.yaml:3:7" in call(app, b"/kaart/")[2]
    serving.update(site=None)
    status, headers, body = call(app, b"/kaart/")
    assert status == 503 and headers["retry-after"] == "1" and b"cards.yaml:3:7" in body
