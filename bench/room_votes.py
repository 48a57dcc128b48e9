"""A room of phones voting on one card: is every vote counted, and how long does a vote take?

    python -m bench.room_votes                       # 300 phones within 10 s
    python -m bench.room_votes --phones 600 --seconds 10

Generates a workshop (bench/generate.py) and starts `workshop room` on it with an event
open, as a trainer does (this checkout's `src/`, a subprocess, over loopback). Each phone
opens the first dilemma's page (taking its cookie and form token), waits for its moment
(the phones arrive evenly over `--seconds`), then votes; the time from sending the vote
to its answer (the 303 after the commit) is measured. A quarter of the phones then change
their vote. At the end the room's database is read: the counts must equal the votes.

Targets: every vote counted; the 95th percentile of a vote's time at most 0.2 s on 2 cores.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from bench.generate import generate_workshop
from bench.serve_load import percentile
from bench.serve_refresh import free_port

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95 = 0.2
TOKEN = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def first_dilemma(folder: Path) -> tuple[str, str, int]:
    """The first dilemma's id, its first option and how many options it has."""
    for file in sorted(folder.glob("kaarten-*.yaml")):
        for card in yaml.safe_load(file.read_text(encoding="utf-8"))["cards"]:
            if card["type"] == "dilemma":
                return str(card["id"]), str(card["options"][0]), len(card["options"])
    raise SystemExit("the generated workshop has no dilemma")


ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
"""The room under test is this checkout's."""


@contextlib.contextmanager
def running_room(folder: Path) -> Iterator[tuple[int, str]]:
    """`workshop room FOLDER --open bench` in its own process, as a trainer starts it: its port
    and facilitator token once it says it is ready; stopped with Ctrl-C afterwards."""
    port = free_port()
    room = subprocess.Popen(
        [sys.executable, "-m", "workshop", "room", str(folder), "--port", str(port), "--open", "bench"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert room.stdout is not None
    host = ""
    try:
        for line in room.stdout:
            found = re.search(r"/host/([A-Za-z0-9_-]+)/", line)
            host = found.group(1) if found else host
            if line.startswith("Press Ctrl-C"):
                break
        threading.Thread(target=room.stdout.read, daemon=True).start()  # never a full pipe
        yield port, host
    finally:
        room.send_signal(signal.SIGINT)
        room.wait(timeout=30)


def request(
    port: int, method: str, path: str, cookie: str = "", body: str = ""
) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body.encode(), headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        connection.close()


def phone(port: int, card: str, option: int, at: float) -> tuple[int, float, str, str]:
    """Open the card's page, wait until `at`, vote: the answer's status and the vote's seconds."""
    _, headers, page = request(port, "GET", f"/{card}/")
    cookie = headers["set-cookie"].split(";")[0]
    token = TOKEN.search(page)
    assert token, "no form on the card page"
    time.sleep(max(0.0, at - time.monotonic()))
    body = urllib.parse.urlencode({"csrf": token.group(1), "option": str(option)})
    started = time.monotonic()
    status, _, _ = request(port, "POST", f"/{card}/", cookie, body)
    return status, time.monotonic() - started, cookie, token.group(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--cards", type=int, default=30)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        folder = generate_workshop(Path(temporary) / "ws", args.cards)
        card, first_option, options = first_dilemma(folder)
        with running_room(folder) as (port, _host):
            start = time.monotonic() + 1.0
            spacing = args.seconds / args.phones
            with ThreadPoolExecutor(max_workers=min(args.phones, 200)) as pool:
                futures = [
                    pool.submit(phone, port, card, n % options, start + n * spacing)
                    for n in range(args.phones)
                ]
                results = [future.result() for future in futures]
            took = time.monotonic() - start
            changers = results[: args.phones // 4]
            for _, _, cookie, token in changers:
                body = urllib.parse.urlencode({"csrf": token, "option": "0"})
                assert request(port, "POST", f"/{card}/", cookie, body)[0] == 303
        statuses = [result[0] for result in results]
        times = sorted(result[1] for result in results)
        export = subprocess.run(
            [sys.executable, "-m", "workshop", "room", "export", str(folder)],
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[1:]
    votes = [line for line in export if f",{card},vote," in line]
    changed = args.phones // 4
    expected_first = changed + sum(1 for n in range(changed, args.phones) if n % options == 0)
    first = sum(1 for line in votes if f",vote,{first_option}," in line)
    p95 = percentile(times, 0.95)
    print(
        f"{args.phones} phones voted on one card within {took:.1f} s; {args.phones // 4} changed their vote"
    )
    print(f"answers: {statuses.count(303)} × 303, others: {[s for s in statuses if s != 303]}")
    print(
        f"vote time: median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )
    print(
        f"votes in the database: {len(votes)} (expected {args.phones}); for the first option {first} (expected {expected_first})"
    )
    counted = len(votes) == args.phones and first == expected_first
    ok = statuses.count(303) == args.phones and counted and p95 <= TARGET_P95
    print("OK" if ok else f"NOT OK (target: every vote counted, p95 <= {TARGET_P95 * 1000:.0f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
