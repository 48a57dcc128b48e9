"""The HTTP server of `workshop serve`: uvicorn, in a thread of its own, on a socket we listen on.

uvicorn (with httptools' parser) does the HTTP: it has years of production use behind it,
answers malformed requests with 400 on its own, and serves a room of phones from one event
loop instead of a thread per connection. This module only sets it up for a trainer's
laptop:

- We bind the socket ourselves, before the thread starts, so a taken port is an OSError
  the command turns into a usage message, and the backlog is sized for a room (`BACKLOG`).
- Idle and slow clients are cut off: uvicorn closes a kept-alive connection after
  `KEEP_ALIVE` seconds, and `TimedHttpToolsProtocol` closes one whose request head has not
  arrived `HEAD_TIMEOUT` seconds after it connected or got its last answer, or that has
  not taken in its answer `ANSWER_TIMEOUT` seconds after asking (uvicorn itself would wait
  for ever for a client that sends, or reads, one byte a minute).
- Nothing is printed per request, and nothing on a client that goes away or sends garbage:
  the terminal is for build results (`quiet_logs`).
- The server runs on its own event loop in a daemon thread, so the main thread is free for
  the rebuilds and is the only one that Ctrl-C interrupts; uvicorn installs no signal
  handlers outside the main thread.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from workshop.serve.app import ServeApp, create_app

BACKLOG = 2048
"""Connections the system queues before the server accepts them: a room of phones opening
the same QR code at once is a few hundred (the system caps this at its somaxconn)."""
HEAD_TIMEOUT = 10.0
"""Seconds a client has to send a whole request head, from connecting or from its last answer."""
ANSWER_TIMEOUT = 60.0
"""Seconds a client has to take in a whole answer (pages are small): one that stops reading is let go."""
KEEP_ALIVE = 5
"""Seconds an idle kept-alive connection stays open (uvicorn's default, said here)."""
SHUTDOWN_SECONDS = 1.0
"""How long stopping waits for answers under way before it closes their connections."""


class TimedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol plus deadlines: one for the request head, one for the answer.

    Uses only the asyncio protocol methods and httptools' parser callbacks, each passed on
    to uvicorn unchanged; the timer is this class's own. When a client connects and after
    each answer it has `head_timeout` seconds to ask; once it has asked, `answer_timeout`
    seconds to take the answer in. Then the connection is closed.
    """

    head_timeout = HEAD_TIMEOUT
    answer_timeout = ANSWER_TIMEOUT

    def connection_made(  # type: ignore[override]  # as uvicorn does: asyncio declares BaseTransport
        self, transport: asyncio.Transport
    ) -> None:
        super().connection_made(transport)
        self._workshop_transport = transport
        self._workshop_deadline: asyncio.TimerHandle | None = None
        self._workshop_arm(self.head_timeout)

    def on_headers_complete(self) -> None:
        self._workshop_arm(self.answer_timeout)
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        still_sending = self._workshop_transport.get_write_buffer_size() > 0
        self._workshop_arm(self.answer_timeout if still_sending else self.head_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._workshop_disarm()
        super().connection_lost(exc)

    def _workshop_arm(self, seconds: float) -> None:
        self._workshop_disarm()
        if not self._workshop_transport.is_closing():
            loop = asyncio.get_running_loop()
            self._workshop_deadline = loop.call_later(seconds, self._workshop_expire)

    def _workshop_expire(self) -> None:
        """Close; drop what the client has not taken (a plain close would wait for it to read)."""
        if self._workshop_transport.get_write_buffer_size() > 0:
            self._workshop_transport.abort()
        else:
            self._workshop_transport.close()

    def _workshop_disarm(self) -> None:
        if self._workshop_deadline is not None:
            self._workshop_deadline.cancel()
            self._workshop_deadline = None


@dataclass
class RunningServer:
    """A server started by `start_server`; `address` is where it listens (host, port)."""

    server: uvicorn.Server
    thread: threading.Thread
    listener: socket.socket

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.listener.getsockname()[:2]
        return str(host), int(port)


def start_server(
    serving: ServeApp,
    host: str,
    port: int,
    *,
    head_timeout: float = HEAD_TIMEOUT,
    answer_timeout: float = ANSWER_TIMEOUT,
    app: ASGIApp | None = None,
) -> RunningServer:
    """Serve `serving` on host:port in a background thread; raises OSError if the port is taken.

    `app` replaces `create_app(serving)`: the room passes serve's app with its own routes.
    """
    listener = listening_socket(host, port)
    timeouts = {"head_timeout": head_timeout, "answer_timeout": answer_timeout}
    protocol = type("TimedProtocol", (TimedHttpToolsProtocol,), timeouts)
    config = uvicorn.Config(
        app or create_app(serving),
        http=protocol,
        ws="none",
        lifespan="off",
        interface="asgi3",
        log_config=None,
        log_level="critical",
        access_log=False,
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE,
        timeout_graceful_shutdown=int(SHUTDOWN_SECONDS),
        backlog=BACKLOG,
    )
    quiet_logs()
    server = uvicorn.Server(config)
    thread = threading.Thread(target=_run, args=(server, listener), name="workshop-serve", daemon=True)
    thread.start()
    return RunningServer(server, thread, listener)


def stop_server(running: RunningServer) -> None:
    """Stop answering: the answers under way get `SHUTDOWN_SECONDS`, then every connection is closed."""
    running.server.should_exit = True
    running.thread.join(SHUTDOWN_SECONDS + 1)
    if running.thread.is_alive():
        running.server.force_exit = True
        running.thread.join(SHUTDOWN_SECONDS)
    running.listener.close()


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port (IPv4 or IPv6, as the host is written) and listening."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart at once after Ctrl-C
        listener.bind(address)
        listener.listen(BACKLOG)
    except OSError:
        listener.close()
        raise
    return listener


def _run(server: uvicorn.Server, listener: socket.socket) -> None:
    """The server thread: its own event loop, which reports nothing to the terminal."""
    loop = asyncio.new_event_loop()
    loop.set_exception_handler(_ignore)  # a client that vanished mid-write is not news
    try:
        loop.run_until_complete(server.serve(sockets=[listener]))
    finally:
        loop.close()


def _ignore(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The server loop's exception handler: connections that fail are the client's business."""


def quiet_logs() -> None:
    """No log lines from uvicorn or asyncio in the terminal: a malformed request is answered
    with 400, a vanished client is forgotten, and neither is the trainer's concern."""
    for name in ("uvicorn", "asyncio"):
        logger = logging.getLogger(name)
        if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def lan_address() -> str | None:
    """This machine's address on the local network, or None when it has none.

    Connecting a UDP socket sends nothing; it only makes the system choose the interface
    it would route through, whose address phones in the same network can reach.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never actually contacted
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def site_url(host: str, port: int) -> str:
    """The address to open in a browser for a server bound to host:port."""
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else ("localhost" if host == "::" else host)
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"
