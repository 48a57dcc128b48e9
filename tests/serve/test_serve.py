"""`workshop serve` as a trainer runs it: a subprocess on a free port, rebuilding, stopped with Ctrl-C,
looked at in Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from tests.browser import PHONE_WIDTH, Browser, BrowserError
from tests.cardgen import write_workshop
from tests.conftest import ROOT, replace_in, run_cli
from workshop.cli.error_handler import INTERRUPTED
from workshop.cli.serve import share_hint

WAIT = 30.0  # upper bound for anything the server does; the loop ends as soon as it is done


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str, Message]:
    """Status, text and headers (looked up in any case) of a GET of `url`."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8"), response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), exc.headers


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


def test_sharing_hint_names_the_lan_address_and_base_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("workshop.serve.server.lan_address", lambda: "192.168.1.23")
    share_hint("0.0.0.0", 8000)
    out = capsys.readouterr().out
    assert "http://192.168.1.23:8000/" in out and "--base-url http://192.168.1.23:8000/" in out
    share_hint("127.0.0.1", 8000)
    assert capsys.readouterr().out == ""


def test_a_taken_port_is_a_usage_error(minimal: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli("serve", minimal, "--port", taken.getsockname()[1])
    assert result.exit_code == 2 and "choose another with --port" in result.output


# --- the command, as a trainer runs it ----------------------------------------------


@contextlib.contextmanager
def workshop_running(
    args: list[str], folder: Path, *, errors: list[str] | None = None
) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """`workshop ARGS` run in `folder` (as a trainer runs it: problems then name
    "cards.yaml:2:9"), its output lines collected as they come, with its stderr or, given
    `errors`, apart (read into it once it ended); stopped at the end whatever happens."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if errors is None else subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        yield process, lines
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=WAIT)
        reader.join(timeout=WAIT)
        if errors is not None:
            errors.append(process.stderr.read())
            process.stderr.close()
        process.stdout.close()


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[tuple[subprocess.Popen[str], str, list[str]]]:
    """`workshop serve FOLDER` on a free port, its output collected; stopped at the end whatever happens."""
    port = free_port()
    with workshop_running(["serve", ".", "--port", str(port)], folder) as (process, lines):
        yield process, f"http://127.0.0.1:{port}/", lines


@pytest.fixture
def serving(minimal: Path) -> Iterator[tuple[subprocess.Popen[str], str, list[str]]]:
    """`workshop serve` on the minimal workshop."""
    with serve(minimal) as served:
        yield served


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
    replace_in(cards, "De wachttijd", "De lange wachttijd")
    eventually(lambda: "De lange wachttijd" in fetch(url + "wachttijd/index.html")[1], "the rebuilt page")

    cards.write_text("cards: [", encoding="utf-8")  # broken: the last good site stays
    eventually(lambda: any("last good build" in line for line in lines), "the failed rebuild's report")
    assert "De lange wachttijd" in fetch(url + "wachttijd/index.html")[1]

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=WAIT) == INTERRUPTED
    eventually(lambda: lines and lines[-1].strip() == "Stopped.", "the goodbye")
    output = "".join(lines)
    assert "Serving the debrief site at " + url in output
    assert "cards.yaml:2:1: error: YAML syntax error" in output and "last good build" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("phase", "stop"),
    [("first build", signal.SIGINT), ("drawing faces", signal.SIGINT), ("first build", signal.SIGTERM)],
    ids=["first build", "drawing faces", "sigterm"],
)
def test_ctrl_c_ends_serve_with_one_line_whatever_it_is_doing(tmp_path: Path, phase: str, stop: int) -> None:
    folder = write_workshop(tmp_path / "workshop", 60)
    with serve(folder) as (process, url, lines):
        if phase == "first build":
            eventually(lambda: any(line.startswith("Serving") for line in lines), "the server")
        else:
            eventually(lambda: any(line.startswith("Rebuilding when") for line in lines), "the first build")
            assert "ws-waiting" in fetch(url + "_cards/")[1]  # asking for the faces starts drawing them
            time.sleep(0.3)  # aim at the drawing (whenever the signal lands, the end must be clean)
        process.send_signal(stop)
        assert process.wait(timeout=WAIT) == INTERRUPTED
    output = "".join(lines)
    assert "Traceback" not in output and output.rstrip().splitlines()[-1] == "Stopped.", output
    assert run_cli("build", folder).exit_code == 0, "the build folder is left whole"


BROKEN_LOGO = (  # a style value with a second colon: svglib raises ValueError while parsing it
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    '<rect width="40" height="40" style="fill:red:blue"/></svg>'
)


def test_a_rebuild_that_raises_inside_a_dependency_keeps_the_site_with_the_notice(minimal: Path) -> None:
    config = minimal / "workshop.yaml"
    good = config.read_text(encoding="utf-8")
    with serve(minimal) as (process, url, lines):
        eventually(lambda: any(line.startswith("Rebuilding when") for line in lines), "the first build")
        (minimal / "assets").mkdir()
        (minimal / "assets" / "logo.svg").write_text(BROKEN_LOGO, encoding="utf-8")
        config.write_text(good.replace("decks:", "theme:\n  logo: assets/logo.svg\ndecks:"), encoding="utf-8")
        eventually(lambda: "ws-notice" in fetch(url + "wachttijd/")[1], "the notice on the last good site")
        status, page, _ = fetch(url + "wachttijd/")
        notice = page.split("ws-notice", 1)[1].split("</aside>", 1)[0]
        assert status == 200 and "De wachttijd" in page
        assert "logo.svg" in notice or "ValueError" in notice, "the notice says what failed"
        assert process.poll() is None, "still serving"
        config.write_text(good, encoding="utf-8")  # fixed: the notice goes by itself
        eventually(lambda: "ws-notice" not in fetch(url + "wachttijd/")[1], "the notice gone")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == INTERRUPTED
    output = "".join(lines)
    assert "Traceback" not in output and ("logo.svg" in output or "ValueError" in output), output
    assert output.rstrip().splitlines()[-1] == "Stopped."


def test_links_dotfiles_and_folders_in_the_build_folder_are_never_served(
    minimal: Path, tmp_path: Path
) -> None:
    """What an earlier build left is served while the content is broken: only its regular files."""
    assert run_cli("build", minimal).exit_code == 0
    site = minimal / "build" / "site"
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET outside the site", encoding="utf-8")
    (site / "passwd").symlink_to(secret)
    (site / "up").symlink_to(minimal, target_is_directory=True)
    (site / ".env").write_text("SECRET dotfile", encoding="utf-8")
    (site / "extra").mkdir()
    (site / "extra" / "note.txt").write_text("SECRET not built", encoding="utf-8")
    (site / "wachttijd" / "index.html").unlink()  # a page the manifest lists, now a link out
    (site / "wachttijd" / "index.html").symlink_to(secret)
    (minimal / "cards.yaml").write_text("cards: [", encoding="utf-8")
    with serve(minimal) as (process, url, lines):
        eventually(lambda: any("last good build" in line for line in lines), "the failed first build")
        assert fetch(url)[0] == 200 and "ws-notice" in fetch(url)[1], "the last build, with the notice"
        for path in (
            "passwd",
            "up/workshop.yaml",
            "up/",
            "up/build/manifest.json",
            ".env",
            "extra/",
            "extra/note.txt",
        ):
            status, body, _ = fetch(url + path)
            assert status in (400, 404) and "SECRET" not in body, path
        status, body, _ = fetch(url + "wachttijd/")
        assert status == 404 and "SECRET" not in body
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == INTERRUPTED
    assert "Traceback" not in "".join(lines)


def test_hostile_and_vanishing_clients_leave_the_terminal_quiet(
    serving: tuple[subprocess.Popen[str], str, list[str]],
) -> None:
    from tests.serve.test_paths import REFUSED

    process, url, lines = serving
    eventually(lambda: any(line.startswith("Rebuilding when") for line in lines), "the first build")
    port = int(url.rsplit(":", 1)[1].strip("/"))
    requests = [b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n\r\n" for target in REFUSED]
    requests += [
        b"\x16\x03\x01 not http\r\n\r\n",
        b"GET / HTTP/1.1\r\nHo",
        b"",
        b"GET /wachttijd/ HTTP/1.1\r\n\r\n",
    ]
    for number, request in enumerate(requests * 3):
        with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as client:
            client.sendall(request)
            if number % 2:  # gone without reading: a reset in the middle of the answer
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    assert fetch(url + "wachttijd/")[0] == 200
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=WAIT) == INTERRUPTED
    assert [line.split(" ", 1)[0] for line in lines] == ["Serving", "Built", "Rebuilding", "Stopped.\n"], (
        lines
    )


# --- in a real browser ----------------------------------------------------------------

DESKTOP = (1280, 800)
NOTICE_BACKGROUND = "rgb(255, 244, 214)"  # .ws-notice in templates/serve/serve.css


def shows(browser: Browser, expression: str, what: str) -> None:
    """Wait until `expression` is true in the page the browser shows (which may reload itself)."""

    def check() -> bool:
        try:
            return bool(browser.evaluate(expression))
        except BrowserError:  # evaluated while the page reloaded itself
            return False

    eventually(check, what)


def screenshots(browser: Browser, name: str) -> None:
    """The page at phone and desktop width, kept in SCREENSHOTS when set (to look at them)."""
    folder = Path(os.environ.get("SCREENSHOTS", "")) if os.environ.get("SCREENSHOTS") else None
    for label, (width, height) in (("phone", (PHONE_WIDTH, 844)), ("desktop", DESKTOP)):
        browser.width, browser.height = width, height
        browser.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=label == "phone",
        )
        shot = browser.screenshot((folder or Path(tempfile.gettempdir())) / f"serve-{name}-{label}.png")
        assert shot.read_bytes().startswith(b"\x89PNG")
        if folder is None:
            shot.unlink()
    browser.width, browser.height = PHONE_WIDTH, 844
    browser.page(
        "Emulation.setDeviceMetricsOverride", width=PHONE_WIDTH, height=844, deviceScaleFactor=1, mobile=True
    )


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_in_chromium_problems_then_the_site_then_a_notice_and_the_card_faces(
    minimal: Path, browser: Browser, tmp_path: Path
) -> None:
    cards = minimal / "cards.yaml"
    good = cards.read_text(encoding="utf-8")
    cards.write_text(good.replace("id: wachttijd", "id: Wacht <b>tijd</b>"), encoding="utf-8")
    with serve(minimal) as (process, url, lines):
        # no good build yet: the card's address (as its QR code opens it) lists every problem
        eventually(lambda: fetch(url + "wachttijd/")[0] == 503, "the server to answer")
        browser.open(url + "wachttijd/")
        shows(browser, "document.querySelectorAll('.ws-problems li').length >= 1", "the problems page")
        items = browser.evaluate("[...document.querySelectorAll('.ws-problems li')].map(li => li.innerText)")
        assert any(item.startswith("cards.yaml:") and "Wacht <b>tijd</b>" in item for item in items), items
        assert browser.evaluate("document.querySelectorAll('.ws-problems b').length") == 0, (
            "escaped, not markup"
        )
        assert "De inhoud heeft problemen" in browser.evaluate("document.body.innerText")
        assert fetch(url + "wachttijd/")[0] == 503
        screenshots(browser, "problems")

        # fixed: the open page turns into the card's debrief page by itself
        cards.write_text(good, encoding="utf-8")
        shows(browser, "document.querySelector('h1')?.innerText === 'De wachttijd'", "the site after the fix")
        assert browser.evaluate("document.querySelector('.ws-notice')") is None

        # a new mistake: the trainer reloads and sees the last good page with a notice on top
        cards.write_text(good.replace("type: roleplay", "type: rollenspel"), encoding="utf-8")
        eventually(lambda: "ws-notice" in fetch(url + "wachttijd/")[1], "the notice")
        browser.open(url + "wachttijd/")
        # the page reloads itself every second while there are problems: wait for a styled one
        notice = "getComputedStyle(document.querySelector('.ws-notice')).backgroundColor"
        shows(
            browser, f"{notice} === '{NOTICE_BACKGROUND}'", "the notice styled: its stylesheet passes the CSP"
        )
        assert "rollenspel" in browser.evaluate("document.querySelector('.ws-notice').innerText")
        assert browser.evaluate("document.querySelector('h1').innerText") == "De wachttijd"
        screenshots(browser, "notice")
        cards.write_text(good, encoding="utf-8")
        shows(
            browser,
            "document.querySelector('h1') && !document.querySelector('.ws-notice')",
            "the notice gone",
        )

        # the card faces: drawn once asked for; the page refreshes itself until they are there
        browser.open(url + "_cards/")
        shows(browser, "document.images.length === 6 && !document.querySelector('.ws-waiting')", "the faces")
        shows(browser, "document.images[0].naturalWidth > 100", "the first face loaded")
        sources = browser.evaluate("[...document.images].map(i => i.src)")
        assert all(fetch_bytes(source).startswith(b"\x89PNG\r\n") for source in sources)
        screenshots(browser, "cards")

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == INTERRUPTED
    output = "".join(lines)
    assert "Traceback" not in output and output.rstrip().endswith("Stopped."), output

    # what serve wrote is what `workshop build` writes; the notice never lands on disk
    fresh = tmp_path / "fresh"
    shutil.copytree(minimal, fresh, ignore=shutil.ignore_patterns("build"))
    assert run_cli("build", fresh).exit_code == 0
    assert site_files(minimal / "build" / "site") == site_files(fresh / "build" / "site")


def fetch_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()
