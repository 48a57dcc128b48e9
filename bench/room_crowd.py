"""A full room holding its connections while the projector view follows the votes.

    python -m bench.room_crowd                      # 1,000 phones for 20 s
    python -m bench.room_crowd --phones 300 --seconds 10

Starts `workshop room` on a generated workshop with an event open (this checkout's
`src/`, a subprocess, over loopback). Every phone opens a connection, loads the first
dilemma's page and keeps the connection, reloading the page every 3 to 4.5 seconds (so
uvicorn's 5-second keep-alive never closes it). Meanwhile one phone in ten votes, spread
over the run, and a projector reloads the card's projector view every 2 seconds, as its
`<meta http-equiv="refresh">` does. Reported: how long the projector view took to load,
how long after a vote the projector first showed it, and whether every phone kept its
connection. Targets: the projector shows each vote within 2 s of its answer (one refresh
interval plus its load), and its load's p95 stays under 0.2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench.generate import generate_workshop
from bench.room_votes import first_dilemma, running_room
from bench.serve_load import percentile

TOKEN = re.compile(rb'name="csrf" value="([0-9a-f]+)"')
TOTAL = re.compile(rb'class="room-total">[^<]*?(\d+)<')
REFRESH = 2.0


async def exchange(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    method: str,
    path: str,
    cookie: str = "",
    body: bytes = b"",
) -> tuple[int, dict[str, str], bytes]:
    """One request on a kept-alive connection."""
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    if body:
        head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
    writer.write(head.encode() + b"\r\n" + body)
    await writer.drain()
    status_line = await reader.readline()
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    content = await reader.readexactly(int(headers.get("content-length", "0")))
    return int(status_line.split()[1]), headers, content


async def phone(
    port: int, card: str, until: float, vote_at: float | None, votes: list[float], kept: list[bool]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        status, headers, page = await exchange(reader, writer, "GET", f"/{card}/")
        cookie = headers.get("set-cookie", "").split(";")[0]
        token = TOKEN.search(page)
        while time.monotonic() < until:
            if vote_at is not None and time.monotonic() >= vote_at and token:
                body = urllib.parse.urlencode({"csrf": token.group(1).decode(), "option": "0"}).encode()
                status, _, _ = await exchange(reader, writer, "POST", f"/{card}/", cookie, body)
                if status == 303:
                    votes.append(time.monotonic())
                vote_at = None
            await asyncio.sleep(
                random.uniform(3.0, 4.5)
                if vote_at is None
                else min(0.5, max(0.0, vote_at - time.monotonic()))
            )
            await exchange(reader, writer, "GET", f"/{card}/", cookie)
        kept.append(True)
    except (ConnectionError, asyncio.IncompleteReadError):
        kept.append(False)
    finally:
        writer.close()


async def projector(
    port: int, path: str, until: float, loads: list[float], seen: list[tuple[float, int]]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < until:
            started = time.monotonic()
            _, _, page = await exchange(reader, writer, "GET", path)
            loads.append(time.monotonic() - started)
            total = TOTAL.search(page)
            seen.append((time.monotonic(), int(total.group(1)) if total else 0))
            await asyncio.sleep(REFRESH)
    finally:
        writer.close()


async def crowd(
    port: int, card: str, host: str, phones: int, seconds: float
) -> tuple[list[float], list[float], list[tuple[float, int]], list[bool]]:
    start = time.monotonic()
    until = start + seconds
    votes: list[float] = []
    kept: list[bool] = []
    loads: list[float] = []
    seen: list[tuple[float, int]] = []
    tasks = []
    for n in range(phones):
        vote_at = start + 2 + (seconds - 6) * n / phones if n % 10 == 0 else None
        tasks.append(phone(port, card, until, vote_at, votes, kept))
    tasks.append(projector(port, f"/host/{host}/{card}/projector", until, loads, seen))
    await asyncio.gather(*tasks)
    return votes, loads, seen, kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = generate_workshop(Path(temporary) / "ws", 30)
        card = first_dilemma(folder)[0]
        with running_room(folder) as (port, host):
            votes, loads, seen, kept = asyncio.run(crowd(port, card, host, args.phones, args.seconds))
    delays = []
    for number, answered in enumerate(sorted(votes), 1):
        shown = next((at for at, total in seen if total >= number and at >= answered), None)
        if shown is not None:
            delays.append(shown - answered)
    p95 = percentile(loads, 0.95)
    print(
        f"{args.phones} phones for {args.seconds:.0f} s: {kept.count(True)} kept their connection, {len(votes)} votes"
    )
    print(
        f"projector load: median {statistics.median(loads) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms ({len(loads)} loads)"
    )
    if delays:
        print(
            f"vote to projector: median {statistics.median(delays):.2f} s, max {max(delays):.2f} s ({len(delays)} of {len(votes)} seen)"
        )
    ok = (
        kept.count(True) == args.phones
        and len(delays) == len(votes)
        and max(delays, default=0) <= REFRESH + 0.5
        and p95 <= 0.2
    )
    print("OK" if ok else "NOT OK")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
