"""How soon `workshop serve` shows an edit: from the save to the changed debrief page being served.

    python -m bench.serve_refresh                  # 150 cards, 12 edits
    python -m bench.serve_refresh --cards 1000 --edits 6
    python -m bench.serve_refresh --faces     # with /_cards/ open: faces redrawn after each save

Generates a workshop (bench/generate.py), starts `workshop serve` on it as a trainer does,
waits for the first build, then edits one card at a time (`generate.EDITS` in turn: a
dilemma's title, a roleplay's setting, a reflection's question, a dilemma's situation) and polls that card's page until the new text is served. It also
notes when the rebuild of every output (the PDFs) has finished. The median time to the
page is the number to hold against the target (0.3 s at 150 cards); the edits are spaced
so that each starts after the previous rebuild has ended. The code measured is this
checkout's `src/`.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from bench.generate import EDITS, edit_one_card, generate_workshop

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

TARGET_SECONDS = 0.3
POLL_SECONDS = 0.005
TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def edited_card(folder: Path, version: int) -> str:
    """The id of the card `edit_one_card(folder, version)` changes (the first of its type)."""
    data = yaml.safe_load((folder / "kaarten-001.yaml").read_text(encoding="utf-8"))
    kind, _field = EDITS[(version - 1) % len(EDITS)]
    return next(card["id"] for card in data["cards"] if card["type"] == kind)


def edit_mark(version: int) -> str:
    """What `edit_one_card(folder, version)` appends to the field it changes."""
    return f"(v{version})"


class Server:
    """`workshop serve` in its own process; counts the "Built …" lines that end each rebuild."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workshop", "serve", ".", "--port", str(self.port)],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def builds(self) -> int:
        return sum(line.startswith("Built ") for line in self.lines)

    def wait_for_builds(self, count: int) -> float:
        """Wait until `count` builds have ended; the time it took (seconds)."""
        start = time.perf_counter()
        while self.builds() < count:
            if self.process.poll() is not None or time.perf_counter() - start > TIMEOUT:
                raise SystemExit("workshop serve stopped or hung:\n" + "".join(self.lines))
            time.sleep(0.01)
        return time.perf_counter() - start

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.reader.join(timeout=30)


def measure(cards: int, edits: int, faces: bool = False) -> tuple[list[float], list[float]]:
    """Seconds from each save to the changed page, and to the end of the full rebuild.

    With `faces`, the card-faces page is opened first, so every save also redraws the faces
    (in the thread that builds the PDFs) while the next edit is measured.
    """
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        folder = generate_workshop(Path(tmp) / "workshop", cards)
        server = Server(folder)
        try:
            server.wait_for_builds(1)
            url = f"http://127.0.0.1:{server.port}/"
            if faces:
                page(url + "_cards/")
            to_page, to_pdfs = [], []
            for version in range(1, edits + 1):
                card_url = f"{url}{edited_card(folder, version)}/index.html"
                expected = edit_mark(version)
                time.sleep(0.3)  # a pause, as between two saves: the watcher is idle again
                builds = server.builds()
                start = time.perf_counter()
                edit_one_card(folder, version)
                while expected not in page(card_url):
                    if time.perf_counter() - start > TIMEOUT:
                        raise SystemExit(f"the edit {expected} never showed on {card_url}")
                    time.sleep(POLL_SECONDS)
                to_page.append(time.perf_counter() - start)
                server.wait_for_builds(builds + 1)
                to_pdfs.append(time.perf_counter() - start)
            if "Traceback" in "".join(server.lines):
                raise SystemExit("workshop serve printed a traceback:\n" + "".join(server.lines))
            return to_page, to_pdfs
        finally:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=150)
    parser.add_argument("--edits", type=int, default=12)
    parser.add_argument("--faces", action="store_true", help="keep the card-faces page open")
    options = parser.parse_args()
    to_page, to_pdfs = measure(options.cards, options.edits, options.faces)
    median = statistics.median(to_page)
    faces = ", card faces redrawn after each save" if options.faces else ""
    print(f"workshop serve, {options.cards} cards, {options.edits} edits of one card each{faces}")
    print(
        f"  save → changed page served: median {median:.3f} s (min {min(to_page):.3f}, max {max(to_page):.3f})"
    )
    print(f"  save → every output rebuilt: median {statistics.median(to_pdfs):.3f} s")
    verdict = "PASS" if median <= TARGET_SECONDS else "FAIL"
    print(f"  target: page within {TARGET_SECONDS} s (median): {verdict}")


if __name__ == "__main__":
    main()
