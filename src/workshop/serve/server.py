"""`workshop serve`: build, serve the debrief site over HTTP, and rebuild whenever content changes.

A trainer edits a card and reloads the phone: that is the whole loop. The server answers
in threads (stdlib `ThreadingHTTPServer`); a watching thread polls file modification
times ten times a second (no extra dependency, works on every file system) and, on a
change, loads the content and renders its site in memory, served at once; the main thread
then builds every output (the PDFs) and draws the card faces for /_cards/. The site is
served from memory, so what the phone shows never depends on the build folder being
half-written, and a rebuild that fails leaves the last good site online with a notice of
the problems (`serve_pages` decides what each address answers; this module is the plumbing).
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

from workshop.content.labels import Language
from workshop.content.loader import WORKSHOP_FILE, Workshop
from workshop.content.problems import Location, Problem
from workshop.pipeline.build import BuildReport, Overrides, build_workshop, load_and_check
from workshop.pipeline.failures import failure_problems
from workshop.pipeline.staging import read_manifest
from workshop.serve.faces import FaceGallery
from workshop.serve.pages import Response, SiteState, respond

POLL_SECONDS = 0.1
MAX_WATCHED_FILES = 5000
SKIPPED_FOLDERS = {"node_modules", "__pycache__"}
SITE_PREFIX = "site/"
PLAIN = "text/plain; charset=utf-8"
Snapshot = dict[str, tuple[int, int]]
_T = TypeVar("_T")


class ServeApp:
    """What the server knows: the current `SiteState` and the card faces. Shared by all threads.

    The state is replaced whole (one attribute assignment), so a request never sees half
    of an update.
    """

    def __init__(self, state: SiteState | None = None) -> None:
        self.state = state or SiteState(building=True)
        self.faces = FaceGallery()
        self._updating = threading.Lock()

    def respond(self, target: str) -> Response:
        return respond(self.state, target, self.faces.view)

    def update(self, **changes: Any) -> None:
        """Replace some fields of the state; the watching and the main thread both update it."""
        with self._updating:
            self.state = replace(self.state, **changes)


class SiteHandler(BaseHTTPRequestHandler):
    """GET and HEAD answered by `ServeApp.respond`; no log line per request, nothing cached by the phone."""

    def __init__(self, *args: Any, app: ServeApp, **kwargs: Any) -> None:
        self.app = app
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._answer(self._response(), body=True)

    def do_HEAD(self) -> None:
        self._answer(self._response(), body=False)

    def _response(self) -> Response:
        try:
            return self.app.respond(self.path)
        except Exception as exc:  # a page we failed to make: say so in the browser, not with a traceback
            return Response(
                500, f"workshop serve could not answer: {type(exc).__name__}: {exc}".encode(), PLAIN
            )

    def _answer(self, response: Response, *, body: bool) -> None:
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            headers = dict(response.headers)
            self.send_header("Cache-Control", headers.pop("Cache-Control", "no-store"))
            self.send_header("Referrer-Policy", "no-referrer")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if body:
                self.wfile.write(response.body)
        except (ConnectionError, TimeoutError):  # the phone went away mid-answer: nothing to do
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Silence: the terminal is for build results, not for every request."""


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Callable[..., Any]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection that broke (a phone locked mid-request) is not worth a traceback."""


def start_server(app: ServeApp, host: str, port: int) -> SiteServer:
    """Serve `app` on host:port in a background thread; raises OSError if the port is taken."""
    server = SiteServer((host, port), partial(SiteHandler, app=app))
    threading.Thread(target=server.serve_forever, name="workshop-serve", daemon=True).start()
    return server


def stop_server(server: SiteServer) -> None:
    server.shutdown()
    server.server_close()


def built_site(out_dir: Path) -> dict[str, bytes] | None:
    """The site an earlier build left in `out_dir` (only files its manifest lists), or None."""
    site: dict[str, bytes] = {}
    for name in sorted(read_manifest(out_dir)):
        if name.startswith(SITE_PREFIX):
            try:
                site[name.removeprefix(SITE_PREFIX)] = (out_dir / name).read_bytes()
            except OSError:
                return None
    return site or None


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
    since: Snapshot | None = None,
) -> int:
    """Call `on_change` whenever `snapshot()` differs from the last one; returns how often.

    `since` is the snapshot the content was last built from (a save during that build is
    then not missed). Runs until `stop` is set (or after `max_polls` polls, for tests).
    """
    last = snapshot() if since is None else since
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
    """Rebuilds for `serve`: the site first (served at once), then every output.

    Reports problems and keeps going instead of exiting: nothing a user can do, and no
    failure inside a dependency, ends the loop or prints a traceback. `refresh_site` and
    `build_outputs` may run in two threads (see `serve_until_stopped`); `generation` counts
    the site refreshes, so a build that a newer save overtook does not overwrite what the
    newer one showed.
    """

    root: Path
    overrides: Overrides
    say: Callable[[str], None]
    show_problems: Callable[[list[Problem]], None]
    app: ServeApp | None = None
    generation: int = 0
    _output_problems: tuple[Problem, ...] = ()
    """What the last build of the outputs found: shown again when the site is refreshed."""

    @property
    def site_dir(self) -> Path:
        return self.root / "build" / "site"

    def __call__(self) -> BuildReport | None:
        """The site, then every output, one after the other."""
        return self.build_outputs() if self.refresh_site() else None

    def refresh_site(self) -> bool:
        """Load the content and serve its site; False (and the problems shown) when it does not load."""
        self.generation += 1
        return self._guarded(self._refresh_site, loaded=False) is not None

    def build_outputs(self) -> BuildReport | None:
        """Build every output into the build folder; None (and the problems shown) when it fails."""
        return self._guarded(self._build_outputs, loaded=True)

    def _refresh_site(self) -> bool:
        workshop, _ = load_and_check(self.root, self.overrides)
        if self.app is not None:
            # the content loads now, so only what the last build of the outputs found still stands
            site = render_site(workshop)
            self.app.update(
                site=site, problems=self._output_problems, language=workshop.config.language, building=False
            )
            self.app.faces.offer(workshop)
        return True

    def _build_outputs(self) -> BuildReport:
        started = self.generation
        report = build_workshop(self.root, overrides=self.overrides)
        self._output_problems = ()
        if self.app is not None and self.generation == started:
            self.app.update(problems=(), building=False)
        self.show_problems(report.warnings)
        pages = sum(name.startswith(SITE_PREFIX) and name.endswith(".html") for name in report.files)
        self.say(f"Built {len(report.files)} files ({pages} pages).")
        return report

    def _guarded(self, step: Callable[[], _T], *, loaded: bool) -> _T | None:
        """`step()`, or None with its failure reported as problems (the serving goes on)."""
        started = self.generation
        try:
            return step()
        except Exception as exc:  # never a traceback: a user's failure, or a dependency's, is shown
            problems = failure_problems(exc, self.root / "build")
            if problems is None:  # a dependency failed: keep serving and say so
                message = f"the rebuild failed unexpectedly ({type(exc).__name__}: {exc}); please report this"
                problems = [Problem(Location(self.root), message)]
        self._failed(problems, loaded=loaded, current=self.generation == started)
        return None

    def _failed(self, problems: list[Problem], *, loaded: bool, current: bool) -> None:
        """Report, and show the problems on every page until a rebuild succeeds."""
        self.show_problems(problems)
        if loaded and self.app is not None:
            self.say(
                "The site shows your latest text, but the PDFs were not rebuilt; fix the problems above and save again."
            )
        elif self.app is not None and self.app.state.site is None:
            self.say("The site shows these problems until they are fixed; save to try again.")
        else:
            self.say("The site still shows the last good build; fix the problems above and save again.")
        if loaded:
            self._output_problems = tuple(problems)
        if self.app is not None and current:
            language = self.app.state.language if loaded else written_language(self.root)
            self.app.update(problems=tuple(problems), building=False, language=language)
            if not loaded:
                self.app.faces.offer(None, tuple(problems))


def serve_until_stopped(
    rebuild: Rebuilder,
    snapshot: Callable[[], Snapshot],
    stop: threading.Event,
    *,
    ready: Callable[[], object] = lambda: None,
    interval: float = POLL_SECONDS,
) -> None:
    """Watch and refresh the site in a thread; build the outputs and draw faces in this one.

    The site of a save is served in a fraction of a second even while the PDFs of the save
    before are still being made. The slow work (PDFs, card faces) stays in the calling
    (main) thread, so Ctrl-C interrupts it cleanly and no two renderers ever run at once.
    `ready` is called once the first build is done.
    """
    due = threading.Event()

    def changed() -> None:
        if rebuild.refresh_site():
            due.set()

    built = snapshot()  # before the first build: a save during it is not missed
    changed()
    watcher = threading.Thread(
        target=watch,
        args=(snapshot, changed, stop),
        kwargs={"interval": interval, "since": built},
        name="workshop-watch",
        daemon=True,
    )
    if due.is_set():
        due.clear()
        rebuild.build_outputs()
    ready()
    watcher.start()
    while not stop.is_set():
        if due.wait(interval):
            due.clear()
            rebuild.build_outputs()
        elif rebuild.app is not None:
            rebuild.app.faces.draw_if_wanted()


def written_language(root: Path) -> Language:
    """The `language:` workshop.yaml names, read leniently: the problems page speaks it even when
    the content does not load (English when even that cannot be read)."""
    import yaml

    try:
        settings = yaml.safe_load((root / WORKSHOP_FILE).read_text(encoding="utf-8"))
        language = settings.get("language") if isinstance(settings, dict) else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        language = None
    return "nl" if language == "nl" else "en"


def render_site(workshop: Workshop) -> dict[str, bytes]:
    """The debrief site in memory, exactly as a build writes it: paths inside the site folder → bytes."""
    from workshop.render import site as site
    from workshop.render.context import RenderContext

    files = site.render(workshop, RenderContext())
    return {name.removeprefix(SITE_PREFIX): data for name, data in files.items()}


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
