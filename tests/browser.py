"""A tiny headless-Chromium driver over the DevTools protocol, with the standard library only.

Chromium's `--remote-debugging-pipe` speaks the DevTools protocol as NUL-terminated JSON
over file descriptors 3 (commands in) and 4 (replies and events out): no websocket, no
client package, no browser download. Enough to load a page at phone width, evaluate an
expression, list every request the page made and take a full-page screenshot.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PHONE_WIDTH = 390
"""CSS pixels: a common phone's viewport width, where the debrief pages are read."""

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
TIMEOUT = 30.0


def _above(fd: int, lowest: int) -> int:
    """A copy of `fd` numbered at least `lowest` (the original is closed)."""
    copy = fcntl.fcntl(fd, fcntl.F_DUPFD, lowest)
    os.close(fd)
    return copy


class BrowserError(Exception):
    """Chromium answered with an error, went away, or took too long."""


@dataclass
class PageLoad:
    """What loading one URL showed: the requests it made and the dialogs it tried to open."""

    url: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


class Browser:
    """One headless Chromium; `open()` a page at a phone's size, then query it."""

    def __init__(self, executable: str, profile: Path, width: int = 390, height: int = 844) -> None:
        self.width, self.height = width, height
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # move the child's ends above 3 and 4 first, so placing them there cannot clobber one
        to_browser_r, from_browser_w = (_above(fd, 10) for fd in (to_browser_r, from_browser_w))
        command = [executable, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
        # a tiny Python trampoline puts our pipe ends on fds 3 and 4, where Chromium expects them
        trampoline = "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); os.execv(sys.argv[3], sys.argv[3:])"
        self._process = subprocess.Popen(
            [sys.executable, "-c", trampoline, str(to_browser_r), str(from_browser_w), *command],
            pass_fds=(to_browser_r, from_browser_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        try:
            self._connect()
        except BrowserError:
            self.close()
            raise

    def _connect(self) -> None:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=self.width,
            height=self.height,
            deviceScaleFactor=1,
            mobile=True,
        )
        for domain in ("Page", "Network", "Runtime"):
            self.page(f"{domain}.enable")

    # --- protocol ------------------------------------------------------------------

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its reply; events met on the way are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.call(method, self._session, **params)

    def _read(self, deadline: float | None = None) -> dict[str, Any]:
        deadline = deadline or time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
            if not ready:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the connection")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _wait_for(self, method: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not any(e["method"] == method for e in self._events):
            self._events.append(self._read(deadline))

    # --- what tests use ------------------------------------------------------------

    def open(self, url: str) -> PageLoad:
        """Load `url` and wait for its load event; returns the requests it made."""
        self._events.clear()
        self.page("Page.navigate", url=url)
        self._wait_for("Page.loadEventFired")
        self.evaluate("1")  # let events queued before the load event arrive
        load = PageLoad(url)
        for event in self._events:
            params = event.get("params", {})
            if event["method"] == "Network.requestWillBeSent":
                load.requests.append(params["request"]["url"])
            elif event["method"] == "Page.javascriptDialogOpening":
                load.dialogs.append(params.get("message", ""))
            elif event["method"] == "Runtime.consoleAPICalled":
                load.console.append(str(params.get("args")))
        return load

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (as JSON)."""
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole page (not only the first screen) at the phone's width."""
        height = self.evaluate("document.documentElement.scrollHeight")
        clip = {"x": 0, "y": 0, "width": self.width, "height": max(height, self.height), "scale": 1}
        data = self.page("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(data["data"]))
        return path

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.call("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
        for fd in (self._to_browser, self._from_browser):
            os.close(fd)
