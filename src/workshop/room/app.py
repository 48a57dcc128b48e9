"""The room's web application: serve's app with the room's routes matched first.

Participants' addresses are the card pages themselves (`/<card>/`): a GET shows the page
with its live part while an event is open, a POST votes, answers or ticks and is
redirected back to the page (POST/redirect/GET, so a reload never sends twice). The
facilitator's pages live under `/host/<token>/`; any other token is answered exactly as a
page that does not exist. Every other address is serve's: the built site, unchanged.

Store calls run in worker threads (`run_in_threadpool`): a commit waits for the disk,
and the event loop keeps answering other phones meanwhile.
"""

from __future__ import annotations

import io
import re
import sqlite3
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp

from workshop.content.labels import Language
from workshop.room.cards import Block, RoomCard
from workshop.room.export import write_csv
from workshop.room.guard import (
    COOKIE,
    MAX_ANSWER,
    MAX_BODY,
    RateLimit,
    TooLarge,
    cookie_header,
    csrf_ok,
    csrf_token,
    new_participant,
    parse_form,
    participant_of,
    same_secret,
)
from workshop.room.pages import (
    PROJECTOR_REFRESH,
    Reveal,
    live_card_page,
    message_page,
    render,
    show_notes,
    stylesheet,
    t,
)
from workshop.room.store import CardState, Event, RoomStore, minute_now
from workshop.serve.app import ServeApp, create_app

ROOM_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""serve's policy, except that forms may post back to this server."""
HEALTH = "/_room/health"
HOST_SECRET = "host-token"
CSRF_SECRET = "csrf-key"
HOST_SUBJECT = "host"
"""What the facilitator's CSRF tokens are made from (participants' are made from their id)."""


@dataclass
class Room:
    """What the room's routes know: the site (through serve), the cards, the store, the settings."""

    serving: ServeApp
    store: RoomStore
    cards: dict[str, RoomCard]
    blocks: list[Block]
    title: str
    language: Language = "en"
    reveal: Reveal = "by-facilitator"
    limit: RateLimit = field(default_factory=RateLimit)

    def __post_init__(self) -> None:
        self.host_token = self.store.secret(HOST_SECRET, 256)
        self.csrf_key = self.store.secret(CSRF_SECRET, 256)

    def t(self, key: str, **values: Any) -> str:
        return t(self.language, key, **values)


def create_room_app(room: Room) -> ASGIApp:
    """serve's app (its guards, its site) with the room's routes in front."""
    return create_app(room.serving, room_routes(room))


def room_routes(room: Room) -> list[BaseRoute]:
    participant = Participant(room)
    host = Host(room)
    return [
        Route(HEALTH, partial(health, room), methods=["GET"]),
        Route("/_room/room.css", room_stylesheet, methods=["GET"]),
        Route("/host/{token}/", host.page, methods=["GET"]),
        Route("/host/{token}/event", host.event, methods=["POST"]),
        Route("/host/{token}/export.csv", host.export, methods=["GET"]),
        Route("/host/{token}/{card}/", host.card_page, methods=["GET"]),
        Route("/host/{token}/{card}/", host.card_action, methods=["POST"]),
        Route("/host/{token}/{card}/projector", host.projector, methods=["GET"]),
        Route("/host/{token}/{card}/hide", host.hide, methods=["POST"]),
        Route("/{card}/", participant.page, methods=["GET"]),
        Route("/{card}/index.html", participant.page, methods=["GET"]),
        Route("/{card}/", participant.post, methods=["POST"]),
    ]


async def room_stylesheet(request: Request) -> Response:
    return Response(stylesheet(), media_type="text/css; charset=utf-8")


async def health(room: Room, request: Request) -> Response:
    """200 while the database answers: what a proxy or a service manager checks."""
    try:
        await run_in_threadpool(room.store.current_event)
    except Exception:  # the database is gone or broken: the room cannot keep what it hears
        return Response("not ok\n", 503, media_type="text/plain")
    return Response("ok\n", media_type="text/plain")


def page(body: bytes | str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """An HTML answer under the room's policy (forms may post back to the room)."""
    return Response(
        body, status, {"Content-Security-Policy": ROOM_POLICY, **(headers or {})}, media_type="text/html"
    )


async def read_body(request: Request) -> bytes:
    """The request body, refused (`TooLarge`) beyond MAX_BODY without reading the rest."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise TooLarge
    return body


def first(form: dict[str, list[str]], name: str) -> str | None:
    values = form.get(name)
    return values[0] if values else None


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters (tab and line break aside): nothing a phone's keyboard types, and what
a spreadsheet cannot hold, so they never reach the database or an export."""


def as_index(value: str | None, lowest: int, below: int) -> int | None:
    """`value` as a whole number in [lowest, below), or None."""
    if value is None or not re.fullmatch(
        r"-?[0-9]{1,9}", value
    ):  # ASCII digits only: int() takes '１', not '²'
        return None
    number = int(value)
    return number if lowest <= number < below else None


class Participant:
    """A card page and its form, for a phone in the room."""

    def __init__(self, room: Room) -> None:
        self.room = room

    def site_page(self, request: Request) -> Response:
        answer = self.room.serving.respond(request.scope["path"])
        return Response(answer.body, answer.status, dict(answer.headers), answer.content_type)

    async def page(self, request: Request) -> Response:
        room = self.room
        card = room.cards.get(request.path_params["card"])
        event = await run_in_threadpool(room.store.current_event)
        if card is None or event is None:
            return self.site_page(request)
        site = room.serving.respond(request.scope["path"])
        if site.status != 200:
            return self.site_page(request)
        who = participant_of(request.cookies.get(COOKIE))
        fresh = who is None
        who = who or new_participant()
        live, notes = await run_in_threadpool(self.live_part, event, card, who, request.query_params.get("m"))
        headers = {"Set-Cookie": cookie_header(who)} if fresh else {}
        return page(live_card_page(site.body, live, notes=notes, language=room.language), headers=headers)

    def live_part(self, event: Event, card: RoomCard, who: str, message: str | None) -> tuple[str, bool]:
        """The live part's HTML for `who`, and whether the notes show."""
        room, store = self.room, self.room.store
        state = store.card_state(event, card.id)
        said = store.has_said(event, card.id, who)
        shown = state.revealed or room.reveal == "always"
        counts = store.counts(event, card.id, len(card.options))
        tallies, observers = store.tallies(event, card.id, len(card.checklist))
        answers = [answer for answer in store.answers(event, card.id) if not answer.hidden]
        live = render(
            "live.html",
            room.language,
            card=card,
            state=state,
            csrf=csrf_token(room.csrf_key, who),
            message=room.t(message) if message in ("voted", "answered", "ticked") else "",
            mine=store.my_vote(event, card.id, who),
            my_ticks=store.my_ticks(event, card.id, who),
            counts=counts,
            total=sum(counts),
            tallies=tallies,
            observers=observers,
            answers=answers,
            said=said,
            show_results=said or shown,
            show_answers=shown,
            max_answer=MAX_ANSWER,
        )
        return live, show_notes(room.reveal, state.revealed, said)

    def refuse(self, status: int, key: str, **values: Any) -> Response:
        room = self.room
        return page(message_page(room.language, "error", room.t(key, **values), "../", back="./"), status)

    async def post(self, request: Request) -> Response:
        room = self.room
        try:
            body = await read_body(request)
        except TooLarge:
            return self.refuse(413, "too_large")
        card = room.cards.get(request.path_params["card"])
        if card is None:
            return self.site_page(request)  # the 404 of a card that does not exist
        who = participant_of(request.cookies.get(COOKIE))
        if who is None:
            return self.refuse(403, "no_cookie")
        form = parse_form(body)
        if not csrf_ok(room.csrf_key, who, first(form, "csrf")):
            return self.refuse(403, "bad_token")
        if not room.limit.allow(who):
            return self.refuse(429, "too_fast")
        try:
            event = await run_in_threadpool(room.store.current_event)
            if event is None or not (await run_in_threadpool(room.store.card_state, event, card.id)).open:
                return self.refuse(409, "closed")
            return await self.record(event, card, who, form)
        except sqlite3.Error:  # a full disk, a database deleted underneath: say so, keep serving
            return self.refuse(503, "not_saved")

    async def record(self, event: Event, card: RoomCard, who: str, form: dict[str, list[str]]) -> Response:
        store = self.room.store
        if card.type == "dilemma":
            option = as_index(first(form, "option"), 0, len(card.options))
            if option is None:
                return self.refuse(400, "bad_choice")
            await run_in_threadpool(store.vote, event, card.id, who, option)
            done = "voted"
        elif card.type == "reflection":
            prompt = as_index(first(form, "prompt") or "-1", -1, len(card.prompts))
            text = CONTROL.sub("", (first(form, "text") or "").replace("\r\n", "\n")).strip()
            if prompt is None:
                return self.refuse(400, "bad_choice")
            if not text:
                return self.refuse(400, "empty")
            if len(text) > MAX_ANSWER:
                return self.refuse(413, "too_long", max=MAX_ANSWER)
            await run_in_threadpool(store.answer, event, card.id, who, prompt, text)
            done = "answered"
        else:
            items = [as_index(value, 0, len(card.checklist)) for value in form.get("item", [])]
            if not card.checklist or None in items or first(form, "ticks") != "sent":
                return self.refuse(400, "bad_choice")
            await run_in_threadpool(
                store.tick, event, card.id, who, [item for item in items if item is not None]
            )
            done = "ticked"
        return RedirectResponse(f"./?m={done}#room", 303)


class Host:
    """The facilitator's pages: only with the right token, else the site's 404."""

    def __init__(self, room: Room) -> None:
        self.room = room

    def allowed(self, request: Request) -> bool:
        return same_secret(self.room.host_token, request.path_params["token"])

    def not_found(self, request: Request) -> Response:
        answer = self.room.serving.respond(request.scope["path"])
        status = answer.status if answer.status != 200 else 404
        return Response(answer.body, status, dict(answer.headers), answer.content_type)

    def csrf(self) -> str:
        return csrf_token(self.room.csrf_key, HOST_SUBJECT)

    async def checked_form(self, request: Request) -> dict[str, list[str]] | Response:
        """The posted form, or the answer refusing it (wrong token, too large, bad CSRF token)."""
        if not self.allowed(request):
            return self.not_found(request)
        try:
            form = parse_form(await read_body(request))
        except TooLarge:
            return page(
                message_page(self.room.language, "error", self.room.t("too_large"), "", back="./"), 413
            )
        if not csrf_ok(self.room.csrf_key, HOST_SUBJECT, first(form, "csrf")):
            return page(
                message_page(self.room.language, "error", self.room.t("bad_token"), "", back="./"), 403
            )
        return form

    async def page(self, request: Request) -> Response:
        if not self.allowed(request):
            return self.not_found(request)
        room = self.room
        store = room.store

        def values() -> dict[str, Any]:
            event = store.current_event()
            states = store.card_states(event) if event else {}
            said: dict[str, int] = {}
            if event:
                for row in store.rows(event.name):
                    said[row.card] = said.get(row.card, 0) + 1
            return {"event": event, "states": states, "said": said}

        found = await run_in_threadpool(values)
        states = {card: found["states"].get(card, CardState()) for card in room.cards}
        body = render(
            "host.html",
            room.language,
            page_title=room.t("host_title", title=room.title),
            title=room.t("host_title", title=room.title),
            root="../../",
            refresh=0,
            projector=False,
            event=found["event"],
            states=states,
            said=found["said"],
            blocks=room.blocks,
            csrf=self.csrf(),
            suggested=minute_now()[:10],
        )
        return page(body)

    async def event(self, request: Request) -> Response:
        form = await self.checked_form(request)
        if isinstance(form, Response):
            return form
        room = self.room
        action, name = first(form, "action"), (first(form, "name") or "").strip()[:80]
        if action == "open" and name:
            await run_in_threadpool(room.store.open_event, name, list(room.cards))
        elif action == "close":
            await run_in_threadpool(room.store.close_event)
        return RedirectResponse("./", 303)

    async def export(self, request: Request) -> Response:
        if not self.allowed(request):
            return self.not_found(request)
        rows = await run_in_threadpool(self.room.store.rows, None)
        out = io.StringIO(newline="")
        write_csv(out, rows, self.room.cards)
        return Response(
            out.getvalue().encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="room.csv"'},
        )

    def card_values(self, card: RoomCard) -> dict[str, Any]:
        store = self.room.store
        event = store.current_event()
        if event is None:
            return {"event": None}
        counts = store.counts(event, card.id, len(card.options))
        tallies, observers = store.tallies(event, card.id, len(card.checklist))
        return {
            "event": event,
            "state": store.card_state(event, card.id),
            "counts": counts,
            "total": sum(counts),
            "tallies": tallies,
            "observers": observers,
            "all_answers": store.answers(event, card.id),
        }

    async def card_view(self, request: Request, template: str, *, projector: bool) -> Response:
        if not self.allowed(request):
            return self.not_found(request)
        room = self.room
        card = room.cards.get(request.path_params["card"])
        if card is None:
            return self.not_found(request)
        found = await run_in_threadpool(self.card_values, card)
        answers = found.pop("all_answers", [])
        body = render(
            template,
            room.language,
            **{"state": None, "counts": [], "total": 0, "tallies": [], "observers": 0, **found},
            page_title=card.title,
            root="../../../",
            refresh=PROJECTOR_REFRESH if projector else 0,
            projector=projector,
            card=card,
            mine=None,
            answers=[answer for answer in answers if not (projector and answer.hidden)],
            csrf=self.csrf(),
        )
        return page(body)

    async def card_page(self, request: Request) -> Response:
        return await self.card_view(request, "host_card.html", projector=False)

    async def projector(self, request: Request) -> Response:
        return await self.card_view(request, "projector.html", projector=True)

    async def card_action(self, request: Request) -> Response:
        form = await self.checked_form(request)
        if isinstance(form, Response):
            return form
        room, store = self.room, self.room.store
        card = room.cards.get(request.path_params["card"])
        event = await run_in_threadpool(store.current_event)
        if card is None:
            return self.not_found(request)
        action = first(form, "action")
        if event is not None:
            if action in ("open", "close"):
                await run_in_threadpool(lambda: store.set_card(event, card.id, open=action == "open"))
            elif action in ("reveal", "conceal"):
                await run_in_threadpool(lambda: store.set_card(event, card.id, revealed=action == "reveal"))
            elif action == "reset":
                await run_in_threadpool(store.reset_card, event, card.id)
        return RedirectResponse("../" if first(form, "back") == "host" else "./", 303)

    async def hide(self, request: Request) -> Response:
        form = await self.checked_form(request)
        if isinstance(form, Response):
            return form
        store = self.room.store
        event = await run_in_threadpool(store.current_event)
        answer = as_index(first(form, "answer"), 0, 10**9)
        if event is not None and answer is not None:
            await run_in_threadpool(store.hide_answer, event, answer, first(form, "hidden") != "0")
        return RedirectResponse("./", 303)
