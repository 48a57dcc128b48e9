"""`workshop serve`'s rebuild loop: watch the content, refresh the site in memory, then build.

A trainer edits a card and reloads the phone: that is the whole loop. A watching thread
polls file modification times ten times a second (no extra dependency, works on every
file system) and, on a change, loads the content and renders its site in memory, served at
once; the main thread then builds every output (the PDFs) and draws the card faces for
/_cards/. The site is served from memory, so what the phone shows never depends on the
build folder being half-written, and a rebuild that fails, whatever fails in it, leaves the
last good site online with a notice of the problems (`serve.pages` decides what each
address answers, `serve.server` answers over HTTP).
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from workshop.content.labels import Language
from workshop.content.loader import WORKSHOP_FILE, Workshop
from workshop.content.problems import Location, Problem
from workshop.pipeline.build import BuildReport, Overrides, build_workshop, load_and_check
from workshop.pipeline.failures import failure_problems
from workshop.pipeline.staging import read_manifest
from workshop.serve.app import ServeApp

POLL_SECONDS = 0.1
MAX_WATCHED_FILES = 5000
SKIPPED_FOLDERS = {"node_modules", "__pycache__"}
SITE_PREFIX = "site/"
Snapshot = dict[str, tuple[int, int]]
_T = TypeVar("_T")


def built_site(out_dir: Path) -> dict[str, bytes] | None:
    """The site an earlier build left in `out_dir`, or None: what serve shows while the content
    does not build.

    Only files the manifest lists, and of those only regular files reached without following
    a link: a page someone replaced with a link (to /etc/passwd, or to a folder above the
    site) is left out, and so is everything when the site folder itself is a link.
    """
    site: dict[str, bytes] = {}
    for name in sorted(read_manifest(out_dir)):
        if name.startswith(SITE_PREFIX) and _regular_file(out_dir, name):
            try:
                site[name.removeprefix(SITE_PREFIX)] = (out_dir / name).read_bytes()
            except OSError:
                return None
    return site or None


def _regular_file(folder: Path, name: str) -> bool:
    """Whether `folder/name` is a regular file reached through real folders only (no links)."""
    parts = name.split("/")
    path = folder
    for index, part in enumerate(parts):
        if part in ("", ".", ".."):
            return False
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return False
        last = index == len(parts) - 1
        if not (stat.S_ISREG(mode) if last else stat.S_ISDIR(mode)):
            return False
    return True


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
    `ready` is called once the first build is done. Returns once `stop` is set (after the
    build under way, if any).
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
    if stop.is_set():  # stopped during the first build
        return
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
