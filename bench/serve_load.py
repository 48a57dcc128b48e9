"""A room opening the debrief site at once: 200 concurrent clients, 2,000 requests against `workshop serve`.

    python -m bench.serve_load                         # 150 cards, 200 clients, 2,000 requests
    python -m bench.serve_load --clients 50 --requests 500

Generates a workshop (bench/generate.py), starts `workshop serve` on it as a trainer does
(bench/serve_refresh.py's `Server`), waits for the first build, then lets every client
connect, ask for a page (a card's page, the index or the stylesheet, in turn), read the
whole answer and start again on a new connection (as phones that each scan a code), until
the requests are used up. Each request's time runs from opening the connection to the end
of the answer. The numbers to hold against the target: no request failed or answered
anything but 200, and the 99th percentile is at most 100 ms (on a machine with two cores,
the clients running on the same machine). The code measured is this checkout's `src/`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.generate import generate_workshop
from bench.serve_refresh import Server

TARGET_P99 = 0.100
TIMEOUT = 30.0


@dataclass
class Load:
    """What the clients met: each request's seconds, and what went wrong."""

    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    server_cpu: float | None = None
    """CPU seconds the server process spent meanwhile (None where /proc cannot tell)."""
    client_cpu: float = 0.0
    """CPU seconds the clients (this process) spent."""


async def one_request(port: int, path: str) -> float:
    """Seconds for one GET of `path` on a new connection; raises on anything but a whole 200."""
    start = time.perf_counter()
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answer = await asyncio.wait_for(reader.read(), TIMEOUT)
    finally:
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    status = head.split(b" ", 2)[1] if head.startswith(b"HTTP/1.1 ") else b"none"
    length = next(
        (
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        -1,
    )
    if status != b"200" or length != len(body):
        raise ValueError(f"{path}: status {status.decode()}, {len(body)} of {length} bytes")
    return time.perf_counter() - start


async def room(port: int, paths: list[str], clients: int, requests: int) -> Load:
    """`clients` clients at once, `requests` in all, each client asking one after the other."""
    load = Load()
    queue = iter(range(requests))

    async def client() -> None:
        for number in queue:
            try:
                load.seconds.append(await one_request(port, paths[number % len(paths)]))
            except (OSError, ValueError, TimeoutError) as exc:
                load.errors.append(f"{type(exc).__name__}: {exc}")

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    load.wall = time.perf_counter() - start
    return load


def site_paths(folder: Path) -> list[str]:
    """Every card's page, the index and the stylesheet: what a room's phones ask for."""
    ids = [
        card["id"]
        for file in sorted(folder.glob("kaarten-*.yaml"))
        for card in yaml.safe_load(file.read_text(encoding="utf-8"))["cards"]
    ]
    return [f"/{card}/" for card in ids] + ["/", "/style.css"]


def measure(cards: int, clients: int, requests: int) -> Load:
    with tempfile.TemporaryDirectory(prefix="serve-load-") as tmp:
        folder = generate_workshop(Path(tmp) / "workshop", cards)
        server = Server(folder)
        try:
            server.wait_for_builds(1)
            paths = site_paths(folder)
            before, client_before = cpu_seconds(server.process.pid), time.process_time()
            load = asyncio.run(room(server.port, paths, clients, requests))
            after, load.client_cpu = cpu_seconds(server.process.pid), time.process_time() - client_before
            if before is not None and after is not None:
                load.server_cpu = after - before
            return load
        finally:
            server.stop()
            if "Traceback" in "".join(server.lines):
                raise SystemExit("workshop serve printed a traceback:\n" + "".join(server.lines))


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of process `pid` so far, from /proc (Linux), else None.

    With the machine shared, the latencies say how busy it was; the server's CPU time per
    request says what answering costs, and what the same server does on an idle machine.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=150)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=2000)
    options = parser.parse_args()
    load = measure(options.cards, options.clients, options.requests)
    print(
        f"workshop serve, {options.cards} cards: {options.clients} clients at once, {options.requests} requests"
    )
    print(f"  answered 200 in full: {len(load.seconds)}; failed: {len(load.errors)}")
    for error in sorted(set(load.errors))[:5]:
        print(f"    {error}")
    if load.seconds:
        ms = [seconds * 1000 for seconds in load.seconds]
        print(
            f"  per request: median {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, "
            f"p99 {percentile(ms, 0.99):.1f} ms, slowest {max(ms):.1f} ms"
        )
        print(f"  throughput: {len(load.seconds) / load.wall:.0f} requests/s ({load.wall:.2f} s in all)")
    if load.server_cpu is not None and load.seconds:
        per_request = load.server_cpu / len(load.seconds)
        print(
            f"  server CPU: {per_request * 1000:.2f} ms per request; on one idle core that is "
            f"{1 / per_request:.0f} requests/s, and {options.clients} waiting clients are all "
            f"answered within {options.clients * per_request * 1000:.0f} ms"
        )
        print(
            f"  client CPU: {load.client_cpu / len(load.seconds) * 1000:.2f} ms per request (on the other core)"
        )
    passed = not load.errors and load.seconds and percentile(load.seconds, 0.99) <= TARGET_P99
    print(f"  target: no error, p99 <= {TARGET_P99 * 1000:.0f} ms: {'PASS' if passed else 'FAIL'}")


if __name__ == "__main__":
    main()
