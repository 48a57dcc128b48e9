"""`workshop serve`: build, serve `build/site` over HTTP, and rebuild whenever content changes.

A trainer edits a card and reloads the phone: that is the whole loop. The server runs in a
thread (stdlib `ThreadingHTTPServer`), the main thread polls file modification times
twice a second (no extra dependency, works on every file system), and a rebuild that
fails prints its problems while the last good site stays online — `build_workshop`
only swaps files in when everything succeeded.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .build import BuildReport, Overrides, build_workshop
from .errors import ContentError, Problem
from .output import BuildRunning, ForeignFileError

POLL_SECONDS = 0.5
MAX_WATCHED_FILES = 5000
SKIPPED_FOLDERS = {"node_modules", "__pycache__"}
Snapshot = dict[str, tuple[int, int]]


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files, without a log line per request, and never cached by the phone."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence: the terminal is for build results, not for every request."""


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Callable[..., Any]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)


def start_server(site_dir: Path, host: str, port: int) -> SiteServer:
    """Serve `site_dir` on host:port in a background thread; raises OSError if the port is taken."""
    server = SiteServer((host, port), partial(SiteHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, name="workshop-serve", daemon=True).start()
    return server


def stop_server(server: SiteServer) -> None:
    server.shutdown()
    server.server_close()


def content_snapshot(root: Path, out_dir: Path) -> Snapshot:
    """(mtime, size) of every file a build may read: workshop.yaml, card files, assets.

    Walks the workshop folder, leaving out the output folder and hidden folders, so a new
    card file or a replaced logo is noticed too.
    """
    snapshot: Snapshot = {}
    root = root.absolute()
    skipped = {out_dir.absolute(), root / "build"}
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and name not in SKIPPED_FOLDERS and Path(folder, name) not in skipped
        )
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:  # removed while we looked: the next poll sees it gone
                continue
            snapshot[path] = (stat.st_mtime_ns, stat.st_size)
            if len(snapshot) >= MAX_WATCHED_FILES:
                return snapshot
    return snapshot


def watch(
    snapshot: Callable[[], Snapshot],
    on_change: Callable[[], object],
    stop: threading.Event,
    *,
    interval: float = POLL_SECONDS,
    max_polls: int | None = None,
) -> int:
    """Call `on_change` whenever `snapshot()` differs from the last one; returns how often.

    Runs until `stop` is set (or after `max_polls` polls, for tests).
    """
    last = snapshot()
    changes = polls = 0
    while not stop.wait(interval):
        current = snapshot()
        if current != last:
            last = current
            changes += 1
            on_change()
        polls += 1
        if max_polls is not None and polls >= max_polls:
            break
    return changes


@dataclass
class Rebuilder:
    """One build for `serve`: reports problems and keeps going instead of exiting."""

    root: Path
    overrides: Overrides
    say: Callable[[str], None]
    show_problems: Callable[[list[Problem]], None]

    @property
    def site_dir(self) -> Path:
        return self.root / "build" / "site"

    def __call__(self) -> BuildReport | None:
        try:
            report = build_workshop(self.root, overrides=self.overrides)
        except ContentError as exc:
            self.show_problems(exc.problems)
            self.say("The site still shows the last good build; fix the problems above and save again.")
            return None
        except ForeignFileError as exc:
            names = ", ".join(str(p) for p in exc.paths)
            self.say(f"error: {names} already exists and was not written by workshop; move it away.")
            return None
        except BuildRunning as exc:
            self.say(f"error: another build of {exc.out_dir} is running; save again when it is done.")
            return None
        except OSError as exc:  # a full disk: the site keeps serving the last good build
            self.say(
                f"error: cannot write the build: {exc.strerror or exc}; the site still shows the last good build."
            )
            return None
        self.show_problems(report.warnings)
        pages = sum(name.startswith("site/") and name.endswith(".html") for name in report.files)
        self.say(f"Built {len(report.files)} files ({pages} pages).")
        return report


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
