"""`workshop serve`: the watch loop, rebuilds that fail safely, and the real command over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from workshop import cli
from workshop.build import Overrides
from workshop.errors import Problem
from workshop.serve import Rebuilder, content_snapshot, lan_address, site_url, watch

WAIT = 30.0  # upper bound for anything the server does; the loop ends as soon as it is done


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, "", {}


def eventually(check: object, what: str) -> None:
    """Poll `check()` until it is true, for at most WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gave up waiting: {what}")


# --- the pieces ----------------------------------------------------------------------


def test_watch_calls_back_once_per_change_and_stops() -> None:
    states = iter([{"a": (1, 1)}, {"a": (1, 1)}, {"a": (2, 1)}, {"a": (2, 1)}, {"a": (2, 1), "b": (1, 1)}])
    calls: list[int] = []
    changes = watch(lambda: next(states), lambda: calls.append(1), threading.Event(), interval=0, max_polls=4)
    assert changes == 2 and len(calls) == 2


def test_watch_ends_when_stop_is_set() -> None:
    stop = threading.Event()
    stop.set()
    assert watch(lambda: {}, lambda: pytest.fail("no change expected"), stop, interval=5) == 0


def test_snapshot_sees_content_and_assets_but_not_the_build(minimal: Path) -> None:
    (minimal / "assets").mkdir()
    (minimal / "assets" / "logo.png").write_bytes(b"x")
    (minimal / "build" / "site").mkdir(parents=True)
    (minimal / "build" / "site" / "index.html").write_text("built")
    (minimal / ".git").mkdir()
    (minimal / ".git" / "HEAD").write_text("ref")
    before = content_snapshot(minimal, minimal / "build")
    names = {Path(p).relative_to(minimal.absolute()).as_posix() for p in before}
    assert names == {"workshop.yaml", "cards.yaml", "assets/logo.png"}
    (minimal / "cards.yaml").write_text((minimal / "cards.yaml").read_text() + "\n# edited\n")
    assert content_snapshot(minimal, minimal / "build") != before


def test_a_failed_rebuild_reports_and_keeps_the_last_good_site(minimal: Path) -> None:
    said: list[str] = []
    shown: list[Problem] = []
    rebuild = Rebuilder(minimal, Overrides(), said.append, shown.extend)
    assert rebuild() is not None
    page = rebuild.site_dir / "wachttijd" / "index.html"
    good = page.read_bytes()
    (minimal / "cards.yaml").write_text("cards:\n  - id: Bad Id\n", encoding="utf-8")
    assert rebuild() is None
    assert shown and all(p.location.file.name == "cards.yaml" for p in shown if p.severity == "error")
    assert "last good build" in said[-1]
    assert page.read_bytes() == good


def test_urls_to_show() -> None:
    assert site_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert site_url("0.0.0.0", 8001) == "http://127.0.0.1:8001/"
    assert site_url("::1", 8000) == "http://[::1]:8000/"
    address = lan_address()
    assert address is None or (not address.startswith("127.") and address.count(".") == 3)


def test_sharing_hint_names_the_lan_address_and_base_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("workshop.serve.lan_address", lambda: "192.168.1.23")
    cli._share_hint("0.0.0.0", 8000)
    out = capsys.readouterr().out
    assert "http://192.168.1.23:8000/" in out and "--base-url http://192.168.1.23:8000/" in out
    cli._share_hint("127.0.0.1", 8000)
    assert capsys.readouterr().out == ""


def test_a_taken_port_is_a_usage_error(minimal: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli("serve", minimal, "--port", taken.getsockname()[1])
    assert result.exit_code == 2 and "choose another with --port" in result.output


# --- the command, as a trainer runs it ----------------------------------------------


@pytest.fixture
def serving(minimal: Path) -> Iterator[tuple[subprocess.Popen[str], str, list[str]]]:
    """`workshop serve` on the minimal workshop, on a free port; stopped at the end whatever happens."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", str(minimal), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        yield process, f"http://127.0.0.1:{port}/", lines
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=WAIT)
        reader.join(timeout=WAIT)
        process.stdout.close()


def test_serve_answers_and_rebuilds_after_a_change(
    serving: tuple[subprocess.Popen[str], str, list[str]], minimal: Path
) -> None:
    process, url, lines = serving
    eventually(lambda: fetch(url + "index.html")[0] == 200, "the site to be served")
    status, body, headers = fetch(url + "wachttijd/index.html")
    assert status == 200 and "De wachttijd" in body
    assert headers.get("Cache-Control") == "no-store"
    assert fetch(url + "style.css")[0] == 200 and fetch(url + "nothing-here/")[0] == 404

    cards = minimal / "cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace("De wachttijd", "De lange wachttijd"), "utf-8")
    eventually(lambda: "De lange wachttijd" in fetch(url + "wachttijd/index.html")[1], "the rebuilt page")

    cards.write_text("cards: [", encoding="utf-8")  # broken: the last good site stays
    eventually(lambda: any("last good build" in line for line in lines), "the failed rebuild's report")
    assert "De lange wachttijd" in fetch(url + "wachttijd/index.html")[1]

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=WAIT) == 0
    eventually(lambda: lines and lines[-1].strip() == "Stopped.", "the goodbye")
    output = "".join(lines)
    assert "Serving the debrief site at " + url in output
    assert "cards.yaml:2:1: error: YAML syntax error" in output and "last good build" in output
    assert "Traceback" not in output
