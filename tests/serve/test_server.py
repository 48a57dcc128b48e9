"""The HTTP server of `workshop serve`, over loopback: hostile paths, a room of clients at once,
clients that vanish or dawdle, and not a line printed about any of them."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Iterator

import pytest

from tests.serve.test_pages import SITE
from tests.serve.test_paths import REFUSED
from workshop.serve.app import ServeApp
from workshop.serve.pages import SiteState
from workshop.serve.server import RunningServer, lan_address, site_url, start_server, stop_server

WAIT = 30.0  # upper bound for anything the server does; loops end as soon as it is done
BIG = {"groot/index.html": b"<html><head></head><body>" + b"x" * 2_000_000 + b"</body></html>"}
HUGE = {"reus/index.html": b"<html><head></head><body>" + b"y" * 40_000_000 + b"</body></html>"}
"""More than any socket buffers hold: a client that does not read keeps its answer unfinished."""
CLIENTS = 200


@pytest.fixture
def server(capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> Iterator[RunningServer]:
    """A server on a free loopback port with a small head timeout; it must print and log nothing."""
    site = {**SITE, **BIG, **HUGE}
    running = start_server(ServeApp(SiteState(site=site)), "127.0.0.1", 0, head_timeout=0.5, answer_timeout=1)
    yield running
    stop_server(running)
    out, err = capfd.readouterr()
    assert out == "" and err == "", "the server printed something"
    assert [record.getMessage() for record in caplog.get_records("call")] == [], (
        "the terminal would show these"
    )


def exchange(port: int, request: bytes) -> tuple[int, bytes, bytes]:
    """Send raw bytes, read until the server closes: status, head and body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), head, body


def get(port: int, target: bytes) -> tuple[int, bytes, bytes]:
    return exchange(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")


def closed_by_server(client: socket.socket, keep_sending: bytes = b"") -> bool:
    """Whether the server closes this connection (within WAIT), optionally while we trickle bytes."""
    client.settimeout(0.1)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            if keep_sending:
                client.sendall(keep_sending)
            if client.recv(65536) == b"":
                return True
        except TimeoutError:
            continue
        except OSError:  # reset, or a send into a closed connection
            return True
    return False


def test_paths_that_could_leave_the_site_are_answered_400_or_404(server: RunningServer) -> None:
    port = server.address[1]
    for target in [
        *REFUSED,
        b"../workshop.yaml",
        b"http://127.0.0.1/../workshop.yaml",
        b"/%252e%252e/x",
        b"/.git/",
    ]:
        status, _, body = get(port, target)
        assert status in (400, 404), target
        assert b"x" * 100 not in body and b"<p>home</p>" not in body, target
    assert get(port, b"/kaart/")[0] == 200, "and it still answers"


def test_answers_carry_security_headers_and_a_charset(server: RunningServer) -> None:
    status, head, body = get(server.address[1], b"/kaart/")
    assert status == 200 and body == SITE["kaart/index.html"]
    headers = dict(line.split(b": ", 1) for line in head.split(b"\r\n")[1:])
    assert headers[b"content-type"] == b"text/html; charset=utf-8"
    assert headers[b"content-security-policy"].startswith(b"default-src 'none';")
    assert headers[b"x-content-type-options"] == b"nosniff"
    assert headers[b"referrer-policy"] == b"no-referrer"
    assert b"server" not in headers


def test_a_room_of_clients_at_once_is_answered_in_full(server: RunningServer) -> None:
    port = server.address[1]
    ready = threading.Barrier(CLIENTS)
    answers: list[tuple[int, bytes]] = []

    def client(number: int) -> None:
        target = b"/kaart/" if number % 2 else b"/style.css"
        with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as connection:
            ready.wait(WAIT)  # all connected before any asks
            connection.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        answers.append((int(head.split(b" ")[1]), body))

    threads = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert len(answers) == CLIENTS
    assert all(status == 200 for status, _ in answers)
    assert {body for _, body in answers} == {SITE["kaart/index.html"], SITE["style.css"]}


def test_clients_that_disconnect_are_forgotten_quietly(server: RunningServer) -> None:
    """Mid-answer resets, half-sent requests and bare connects: no traceback, no BrokenPipe line
    (the fixture checks that nothing was printed), and the next client is answered."""
    port = server.address[1]
    for number in range(60):
        client = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
        if number % 3 == 0:  # asks for 2 MB, then resets the connection without reading
            client.sendall(b"GET /groot/ HTTP/1.1\r\nHost: x\r\n\r\n")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif number % 3 == 1:
            client.sendall(b"GET /kaart/ HTTP/1.1\r\nHo")
        elif number % 6 == 2:  # not HTTP at all: uvicorn answers 400 (and would log a warning)
            client.sendall(b"\x16\x03\x01 hello TLS\r\n\r\n")
        client.close()
    status, _, body = get(port, b"/groot/")
    assert status == 200 and body == BIG["groot/index.html"]


def test_idle_and_slow_clients_are_cut_off(server: RunningServer) -> None:
    port = server.address[1]
    with socket.create_connection(("127.0.0.1", port)) as idle:
        assert closed_by_server(idle), "a connection that never asks"
    with socket.create_connection(("127.0.0.1", port)) as slow:
        slow.sendall(b"GET /kaart/ HTTP/1.1\r\nHost: x\r\n")
        assert closed_by_server(slow, keep_sending=b"X: y\r\n"), "a request head that never ends"
    with socket.create_connection(("127.0.0.1", port)) as kept:
        kept.sendall(b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
        assert kept.recv(65536).startswith(b"HTTP/1.1 200 ")
        assert closed_by_server(kept), "a kept-alive connection that goes quiet"


def test_a_client_that_stops_reading_is_let_go(server: RunningServer) -> None:
    with socket.socket() as stuck:
        stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stuck.connect(server.address)
        stuck.sendall(b"GET /reus/ HTTP/1.1\r\nHost: x\r\n\r\n")
        held = server.server.server_state.connections  # uvicorn's set of open connections
        deadline = time.monotonic() + WAIT
        while not held and time.monotonic() < deadline:
            time.sleep(0.05)  # the server has taken the connection
        assert held, "the server never took the connection"
        while held and time.monotonic() < deadline:
            time.sleep(0.1)  # not reading: the answer stays unfinished until the server lets go
        assert not held, "still holding the connection"
        received = 0
        with contextlib.suppress(OSError):
            while chunk := stuck.recv(1 << 20):
                received += len(chunk)
        assert received < len(HUGE["reus/index.html"])


def test_a_taken_port_is_an_os_error_and_nothing_runs() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        threads = threading.active_count()
        with pytest.raises(OSError):
            start_server(ServeApp(), "127.0.0.1", taken.getsockname()[1])
        assert threading.active_count() == threads


def test_urls_to_show() -> None:
    assert site_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert site_url("0.0.0.0", 8001) == "http://127.0.0.1:8001/"
    assert site_url("::1", 8000) == "http://[::1]:8000/"
    address = lan_address()
    assert address is None or (not address.startswith("127.") and address.count(".") == 3)
