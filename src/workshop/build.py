"""The build pipeline as one readable function: load → check → render → write.

No click here: the CLI, `serve` and the tests call `build_workshop` alike. Outputs are
staged beside the output folder; nothing in it changes until every output succeeded.
"""

from __future__ import annotations

import gc
import importlib
import signal
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import CacheStore
from .checks import check_workshop
from .context import RenderContext
from .errors import ContentError, Problem, Problems
from .links import card_url
from .loader import Workshop, load_workshop
from .models import WorkshopConfig
from .output import Staging, build_lock, read_manifest
from .sourcemap import paused_gc

# output name → module whose `render(workshop, context) -> {relative path: bytes}` makes it
RENDERERS: dict[str, str] = {
    "cards": "workshop.render_cards",
    "guide": "workshop.render_guide",
    "handouts": "workshop.render_handouts",
    "site": "workshop.render_site",
}
OUTPUT_NAMES = ("cards", "guide", "handouts", "site")
QR_OUTPUTS = ("cards", "guide")  # outputs that print every card's QR code


@dataclass(frozen=True)
class Overrides:
    """Command-line values that replace workshop.yaml's (already validated by the CLI)."""

    paper: str | None = None
    card_size: object | None = None
    duplex: str | None = None
    base_url: str | None = None

    def apply(self, config: WorkshopConfig) -> WorkshopConfig:
        printing = {
            k: v
            for k, v in (("paper", self.paper), ("card_size", self.card_size), ("duplex", self.duplex))
            if v
        }
        if printing:
            config = config.model_copy(update={"print": config.print.model_copy(update=printing)})
        if self.base_url:
            config = config.model_copy(
                update={"debrief": config.debrief.model_copy(update={"base_url": self.base_url})}
            )
        return config


@dataclass
class BuildReport:
    """What a successful build did: files written, warnings, and notes for the user."""

    out_dir: Path
    files: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Checked:
    """A workshop that passed every check, with what the checks made that the build reuses."""

    workshop: Workshop
    warnings: list[Problem]
    store: CacheStore
    """The cache of this workshop's build folder: read by the checks, committed only by a build."""
    deck: object | None = None
    """The card faces the card check fitted (None when cards were not checked)."""


def load_and_check(
    root: Path, overrides: Overrides = Overrides(), *, cards: bool = False, cache_dir: Path | None = None
) -> tuple[Workshop, list[Problem]]:
    """Load and check a workshop; raises ContentError listing every error (warnings included).

    With `cards`, also every check making the cards needs (fit, glyphs, sheet layout): what
    `validate` and `build` run, so a folder that validates, builds. `cache_dir` (read only)
    holds text sizes earlier builds found. `card_size: auto` is resolved either way.
    """
    checked = check(root, overrides, cards=cards, cache_dir=cache_dir)
    return checked.workshop, checked.warnings


def check(
    root: Path,
    overrides: Overrides = Overrides(),
    *,
    cards: bool = False,
    cache_dir: Path | None = None,
    making: tuple[str, ...] = (),
) -> Checked:
    """`load_and_check`, keeping the cache store and the fitted deck for the build that follows.

    `making`: the outputs the build makes. Their QR matrices are prepared before the card
    check, which then measures each code from its matrix instead of encoding it once more.
    """
    problems = Problems()
    with paused_gc():  # ~100,000 acyclic objects for 1,000 cards: collecting them is wasted time
        workshop = load_workshop(root, problems)
    if workshop is not None:
        workshop = replace(workshop, config=overrides.apply(workshop.config))
        check_workshop(workshop, problems)
    store = CacheStore(None)
    deck = None
    if workshop is not None and not problems.errors:
        from .render_cards.checking import check_cards, resolve_card_size

        store = CacheStore.for_build(cache_dir, workshop)
        prepare_qr(workshop, store, making)
        if cards:
            checked = check_cards(workshop, store)
            workshop, deck = checked.workshop, checked.deck
            problems.extend(checked.problems)
            problems.advice.extend(checked.advice)
        else:
            workshop, unresolved = resolve_card_size(workshop)
            problems.extend(unresolved)
    problems.raise_if_errors()
    assert workshop is not None  # load_workshop reports an error whenever it returns None
    return Checked(workshop, problems.warnings, store, deck)


def render_outputs(
    workshop: Workshop, context: RenderContext, staging: Staging, only: tuple[str, ...] = OUTPUT_NAMES
) -> tuple[list[str], set[str]]:
    """Render the chosen outputs into `staging`: the names of all files, and of those that changed.

    On a machine with two cores and a deck big enough to be worth it, the guide (the
    slowest output) is rendered in a forked process while this one makes the rest, and
    each process stages its own files. The bytes are the same either way; only the
    wall-clock time differs.
    """
    names = [name for name in only if name in RENDERERS]
    aside = _parallel_outputs(workshop, names)
    if not aside:
        files = _render_each(workshop, context, names)
        return sorted(files), staging.add(files)
    import multiprocessing

    global _FORKED  # the forked child finds the workshop here instead of having it pickled
    forking = multiprocessing.get_context("fork")
    _FORKED = (workshop, context, staging)
    # Ctrl-C or SIGTERM while forking would interrupt an at-fork hook, which Python reports
    # ("Exception ignored … KeyboardInterrupt") and the build goes on: held until the pool is up
    held = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        with forking.Pool(1, initializer=_worker_signals) as pool:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a held signal interrupts here
            pending = pool.apply_async(_render_forked, (aside,))
            files = _render_each(workshop, context, [name for name in names if name not in aside])
            changed = staging.add(files)
            other_names, other_changed, other_notes, other_cache = pending.get()
    finally:  # leaving the pool ended its process: nothing refers to this build any more
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        _FORKED = None
    context.notes.extend(other_notes)
    context.store.adopt(other_cache)
    return sorted([*files, *other_names]), changed | other_changed


def _worker_signals() -> None:
    """In the pool's process: the signal handling of a plain process, not the CLI's.

    The pool ends its process with SIGTERM, which must end it quietly (the CLI's handler
    would raise KeyboardInterrupt there and print a traceback); Ctrl-C reaches every
    process in the terminal's group, and this one leaves it to the main process, which
    ends the pool.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)  # held while the pool forked this process


INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


PARALLEL_MIN_CARDS = 60
YOUNG_COLLECTION = 10_000
"""Allocations between collections of the youngest objects while a build renders."""
PROGRESS_MIN_CARDS = 100
_FORKED: tuple[Workshop, RenderContext, Staging] | None = None


def _parallel_outputs(workshop: Workshop, names: list[str]) -> list[str]:
    """The outputs to render in a second process (none when one process is better).

    The guide goes there with the handouts, whose layout it needs for its printing
    instructions, so the handouts are laid out once, in that process.
    """
    import os
    import threading

    if len(workshop.cards) < PARALLEL_MIN_CARDS or (os.cpu_count() or 1) < 2:
        return []
    if threading.active_count() > 1 or not hasattr(os, "fork"):  # forking a threaded process is unsafe
        return []
    aside = [name for name in ("guide", "handouts") if name in names]
    return aside if "guide" in aside and len(aside) < len(names) else []


def _render_forked(names: list[str]) -> tuple[list[str], set[str], list[str], dict[str, str]]:
    """In the forked process: render and stage `names`; what the parent needs to know of them
    (its cache entries too, staged: the parent puts them in place once the build succeeded)."""
    assert _FORKED is not None
    workshop, context, staging = _FORKED
    notes_before = len(context.notes)
    context.store.forked()
    files = _render_each(workshop, context, names)
    return sorted(files), staging.add(files), context.notes[notes_before:], context.store.stage()


def _render_each(workshop: Workshop, context: RenderContext, names: list[str]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in names:
        context.step(f"making {name}…")
        render: Callable[[Workshop, RenderContext], dict[str, bytes]] = importlib.import_module(
            RENDERERS[name]
        ).render
        files.update(render(workshop, context))
    return files


def build_workshop(
    root: Path,
    out_dir: Path | None = None,
    *,
    only: tuple[str, ...] = OUTPUT_NAMES,
    overrides: Overrides = Overrides(),
    calibration: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Validate, render everything beside `out_dir` (default root/build), then swap it in.

    `progress` hears each step of builds with at least PROGRESS_MIN_CARDS cards.
    """
    out_dir = out_dir or root / "build"
    cards = "cards" in only  # without cards.pdf, text that overflows a card harms nothing
    checked = check(root, overrides, cards=cards, cache_dir=_cache_dir(out_dir), making=only)
    with build_lock(out_dir):  # from the first write (the cache) to the last
        names, notes = _render_and_swap(checked, out_dir, only, calibration, progress)
    return BuildReport(out_dir, names, checked.warnings, notes)


def _render_and_swap(
    checked: Checked,
    out_dir: Path,
    only: tuple[str, ...],
    calibration: bool,
    progress: Callable[[str], None] | None,
) -> tuple[list[str], list[str]]:
    workshop = checked.workshop
    long_build = progress is not None and len(workshop.cards) >= PROGRESS_MIN_CARDS
    context = RenderContext(
        store=checked.store,
        deck=checked.deck,
        calibration=calibration,
        progress=progress if long_build else None,
    )
    _check_glyphs(workshop, only)
    context.step(f"{len(workshop.cards)} cards checked")
    staging = Staging(out_dir)
    gc.freeze()  # the loaded workshop lives as long as the build: keep the collector from re-walking it
    thresholds = gc.get_threshold()
    # Laying out and writing PDFs makes millions of short-lived objects: collecting the young
    # ones every 700 allocations (the default) was ~8 % of a rebuild; every 10,000 is ~2 %,
    # and peak memory stays the same (measured at 1,000 and 10,000 cards).
    gc.set_threshold(YOUNG_COLLECTION, *thresholds[1:])
    try:
        names, changed = render_outputs(workshop, context, staging, only)
        previous_outputs = {name for name in OUTPUT_NAMES if name not in only}
        keep = _files_of(out_dir, previous_outputs)
        context.step(f"writing {len(names)} files ({len(changed)} changed)…")
        staging.commit(set(names), changed, keep)
        context.store.commit()  # only now: a failed build leaves the cache as it was
        if "cards" in only:
            context.note(_print_summary(workshop))
    finally:
        gc.unfreeze()  # `serve` builds again in the same process: let this build's objects go
        gc.set_threshold(*thresholds)
        staging.discard()
        context.store.discard()  # after a commit there is nothing left to discard
    return names, context.notes


def _print_summary(workshop: Workshop) -> str:
    """The closing line on printing cards.pdf: copies, and sheets per copy and in all."""
    from .copies import print_summary
    from .render_cards import sheet_plan

    return print_summary(workshop, sheet_plan(workshop).per_sheet)


def _check_glyphs(workshop: Workshop, only: tuple[str, ...]) -> None:
    """Without cards.pdf (which checks for itself), the guide and handouts would print a missing glyph as a box."""
    if "cards" not in only and {"guide", "handouts"} & set(only):
        from .fonts import check_coverage

        problems = check_coverage(workshop)
        if problems:
            raise ContentError(problems)


def _cache_dir(out_dir: Path) -> Path | None:
    """build/.cache — but no cache in a folder that holds other people's files and none of ours yet:
    a build refused there must leave nothing behind."""
    if out_dir.is_dir() and not read_manifest(out_dir) and any(out_dir.iterdir()):
        return None
    return out_dir / ".cache"


def prepare_qr(workshop: Workshop, store: CacheStore, only: tuple[str, ...]) -> None:
    """Compute every card's QR matrix once, before the card check and any renderer: all then
    share them.

    Matrices of earlier builds come from `store`, so a rebuild after editing a card computes
    none (the mask search is most of a QR code's cost).
    """
    base_url = workshop.config.debrief.base_url
    if base_url and any(name in only for name in QR_OUTPUTS):
        from .qr import prepare_qr_matrices

        urls = [card_url(base_url, card.id) for card in workshop.cards]
        prepare_qr_matrices(urls, store)


def _files_of(out_dir: Path, outputs: set[str]) -> set[str]:
    """Earlier outputs of the named kinds that a partial (--only) build must leave in place."""
    prefixes = {
        "cards": ("cards", "calibration"),
        "guide": ("guide",),
        "handouts": ("handouts",),
        "site": ("site/",),
    }
    wanted = tuple(p for name in outputs for p in prefixes[name])
    return {name for name in read_manifest(out_dir) if name.startswith(wanted)}
