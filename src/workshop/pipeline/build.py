"""The build pipeline as one readable function: load → check → render → write.

No click here: the CLI, `serve` and the tests call `build_workshop` alike. Outputs are
staged beside the output folder; nothing in it changes until every output succeeded.
"""

from __future__ import annotations

import gc
import importlib
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, cast

from workshop.content.checks import check_workshop
from workshop.content.links import card_url
from workshop.content.loader import Workshop, load_workshop
from workshop.content.models import WorkshopConfig
from workshop.content.problems import ContentError, Problem, Problems
from workshop.content.sourcemap import paused_gc
from workshop.pdf.qr import QrCodes
from workshop.pipeline.cache import CacheStore
from workshop.pipeline.staging import Staging, build_lock, read_manifest
from workshop.render.context import ContentDigests, RenderContext, Store

if TYPE_CHECKING:
    from workshop.render.guide.sharing import SharedChapters

# output name → module whose `render(workshop, context) -> {relative path: bytes}` makes it
RENDERERS: dict[str, str] = {
    "cards": "workshop.render.cards",
    "guide": "workshop.render.guide.document",
    "handouts": "workshop.render.handouts",
    "site": "workshop.render.site",
    "print-shop": "workshop.render.print_shop",  # with the cards, when print.shop asks for it
}
OUTPUT_NAMES = ("cards", "guide", "handouts", "site")
QR_OUTPUTS = ("cards", "guide")  # outputs that print every card's QR code
QR_CACHE_KIND = "qr-matrices"
HYPHENATION_KIND = "hyphenation"
FONTS_KIND = "fonts"
PDF_OUTPUTS = ("cards", "guide", "handouts")
"""The PDF outputs: they need the fonts and hyphenate (print-shop files come with cards)."""


@dataclass(frozen=True)
class Overrides:
    """Command-line values that replace workshop.yaml's (already validated by the CLI)."""

    paper: str | None = None
    card_size: object | None = None
    duplex: str | None = None
    base_url: str | None = None
    shop_for: tuple[str, ...] = ()
    """`--for`: print-shop, pdfx-1a, tgc (each also turns print-shop files on)."""

    def apply(self, config: WorkshopConfig) -> WorkshopConfig:
        printing = {
            k: v
            for k, v in (("paper", self.paper), ("card_size", self.card_size), ("duplex", self.duplex))
            if v
        }
        if self.shop_for:
            printing["shop"] = [t for t in dict.fromkeys(self.shop_for) if t != "print-shop"] or True
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
    root: Path, overrides: Overrides = Overrides(), *, cards: bool = False, cache_dir: Path | None = None
) -> Checked:
    """`load_and_check`, keeping the cache store and the fitted deck for the build that follows."""
    checked = check_content(root, overrides, cache_dir)
    return check_cards_of(checked) if cards else resolve_size(checked)


def check_content(root: Path, overrides: Overrides = Overrides(), cache_dir: Path | None = None) -> Checked:
    """Load the workshop and run every check but the cards' own (fit, glyphs, sheet layout):
    raises ContentError listing every problem when there is an error."""
    problems = Problems()
    with paused_gc():  # ~100,000 acyclic objects for 1,000 cards: collecting them is wasted time
        workshop = load_workshop(root, problems)
    if workshop is not None:
        workshop = replace(workshop, config=overrides.apply(workshop.config))
        check_workshop(workshop, problems)
    problems.raise_if_errors()
    assert workshop is not None  # load_workshop reports an error whenever it returns None
    return Checked(workshop, problems.warnings, CacheStore.for_build(cache_dir, workshop))


def check_cards_of(checked: Checked, codes: QrCodes | None = None) -> Checked:
    """The card check on a workshop that passed `check_content`: raises ContentError with every
    problem (the content's warnings too) when a card cannot be made; else the workshop with its
    card size resolved and the fitted deck."""
    from workshop.render import print_shop
    from workshop.render.cards.checking import check_cards

    prepare_fonts(checked.store)  # `validate` too reads them as the last build kept them
    cards = check_cards(checked.workshop, checked.store, codes)
    problems = Problems(advice=list(cards.advice))
    problems.extend([*checked.warnings, *cards.problems])
    if cards.deck is not None and print_shop.wanted(cards.workshop):
        problems.extend(print_shop.check_print_shop(cards.workshop, cards.deck))
    problems.raise_if_errors()
    return Checked(cards.workshop, problems.warnings, checked.store, cards.deck)


def resolve_size(checked: Checked) -> Checked:
    """Without the card check: `card_size: auto` resolved (raises ContentError when no size holds every card)."""
    from workshop.render.cards.checking import resolve_card_size

    workshop, unresolved = resolve_card_size(checked.workshop)
    problems = Problems()
    problems.extend([*checked.warnings, *unresolved])
    problems.raise_if_errors()
    return Checked(workshop, problems.warnings, checked.store)


def render_outputs(
    workshop: Workshop,
    context: RenderContext,
    staging: Staging,
    only: tuple[str, ...] = OUTPUT_NAMES,
    *,
    first: Callable[[], None] | None = None,
) -> tuple[list[str], set[str]]:
    """Render the chosen outputs into `staging`: the names of all files, and of those that changed.

    On a machine with two cores, the guide (the slowest output) is rendered in a forked process while this one runs `first` (the card
    check) and makes the rest, and each process stages its own files. The bytes are the
    same either way; only the wall-clock time differs.
    """
    names = [name for name in only if name in RENDERERS]
    aside = _parallel_outputs(workshop, names)
    if not aside:
        if first is not None:
            first()
        files = _render_each(workshop, context, names)
        return sorted(files), staging.add(files)
    import multiprocessing

    forking = multiprocessing.get_context("fork")
    receive, send = forking.Pipe(duplex=False)
    # a forked process's arguments are never pickled: the child finds the build (workshop,
    # context, staging) in its copy of this process's memory; only its answer is pickled
    child = forking.Process(target=_render_forked, args=(send, aside, workshop, context, staging))
    try:
        context.sharing = _sharing(workshop, aside, staging)
        # a signal arriving while the fork runs its hooks (logging's among them) would be lost
        # there: it waits until the child exists, and the child lets it through itself
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            child.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a waiting Ctrl-C is raised here
        send.close()
        if first is not None:
            first()
        files = _render_each(workshop, context, [name for name in names if name not in aside])
        changed = staging.add(files)
        if context.sharing is not None:
            from workshop.render.guide.sharing import record_from_end

            context.step("helping with the guide…")
            record_from_end(workshop, context)  # our own share is done: take chapters from the end
        # this process is done with the cache: its kinds are written while the guide's finishes
        _cache_of(context).stage()
        other_names, other_changed, other_notes, other_cache = _answer(receive)
    finally:  # on any error (Ctrl-C too) the child ends with this build, before its staging is removed
        if child.pid is not None:
            if child.is_alive():
                child.terminate()
            child.join()
        receive.close()
        if context.sharing is not None:
            context.sharing.close()
            context.sharing = None
    context.notes.extend(other_notes)
    _cache_of(context).adopt(other_cache)
    return sorted([*files, *other_names]), changed | other_changed


def _sharing(workshop: Workshop, aside: list[str], staging: Staging) -> SharedChapters | None:
    """How this process records guide chapters for the guide's process once its own outputs
    are done (see `guide.sharing`): for long guides only, whose chapters replay anywhere."""
    from workshop.render.guide.chapters import CHAPTERS_FROM
    from workshop.render.guide.sharing import SharedChapters

    if "guide" not in aside or len(workshop.cards) < CHAPTERS_FROM:
        return None
    return SharedChapters(staging.folder / SHARED_CHAPTERS)


SHARED_CHAPTERS = ".shared-chapters"
"""The folder in the staging folder where guide chapters recorded apart are handed over."""


def _cache_of(context: RenderContext) -> CacheStore:
    """The build's own cache behind the renderers' `Store`: only the pipeline stages, adopts,
    commits or discards its entries."""
    return context.store if isinstance(context.store, CacheStore) else CacheStore(None)


def _answer(receive: Connection) -> Rendered:
    """What the forked renderer sent: its result, or its error raised here."""
    try:
        ok, answer = receive.recv()
    except EOFError:
        raise ChildProcessError("the process rendering the guide ended before it was done") from None
    if not ok:
        raise answer
    return cast(Rendered, answer)  # what `_render_forked` sends when ok: a pipe carries no types


def _worker_signals() -> None:
    """In the forked process: the signal handling of a plain process, not the CLI's.

    A failing build ends that process with SIGTERM, which must end it quietly (the CLI's
    handler would raise KeyboardInterrupt there and print a traceback); Ctrl-C reaches every
    process in the terminal's group, and this one leaves it to the main process, which
    ends it.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # blocked while it was forked


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
PARALLEL_MIN_CARDS = 1
"""The guide gets a process of its own from this many cards: with the card check running
meanwhile it pays at every size measured on two cores (cold, 3 cards 0.55 → 0.52 s, 23 cards
0.84 → 0.69 s; a rebuild at 23 cards 0.73 → 0.63 s)."""
PROGRESS_MIN_CARDS = 100


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
    aside: list[str] = [name for name in ("guide", "handouts") if name in names]
    return aside if "guide" in aside and len(aside) < len(names) else []


Rendered = tuple[list[str], set[str], list[str], dict[str, str]]
"""Of the outputs one process rendered: all file names, those that changed, notes, staged cache files."""


def _render_forked(
    send: Connection, names: list[str], workshop: Workshop, context: RenderContext, staging: Staging
) -> None:
    """In the forked process: render and stage `names`; send what the parent needs to know of
    them (its cache entries too, staged: the parent puts them in place once the build
    succeeded), or the error that stopped it."""
    _worker_signals()
    try:
        notes_before = len(context.notes)
        _cache_of(context).forked()
        files = _render_each(workshop, context, names)
        rendered = sorted(files), staging.add(files), context.notes[notes_before:], _cache_of(context).stage()
        send.send((True, rendered))
    except BaseException as error:  # every error, Ctrl-C aside, is the parent's to report
        send.send((False, error))
    finally:
        send.close()


def _render_each(workshop: Workshop, context: RenderContext, names: list[str]) -> dict[str, bytes]:
    """Render `names` in this process; the handouts are laid out first when the guide or the
    handouts are among them (the guide prints their page ranges), once per process."""
    if context.handouts is None and {"guide", "handouts"} & set(names):
        from workshop.render.handouts import lay_out

        context.handouts = lay_out(workshop, context)
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
    from workshop.render import print_shop

    out_dir = out_dir or root / "build"
    checked = check_content(root, overrides, _cache_dir(out_dir))
    cards = "cards" in only  # without cards.pdf, text that overflows a card harms nothing
    if not cards:
        checked = resolve_size(checked)
    elif checked.workshop.config.print.card_size.to_choose:
        checked = check_cards_of(checked)  # the size the check chooses is the one every output prints
    if cards and print_shop.wanted(checked.workshop):
        only = (*only, "print-shop")
    with build_lock(out_dir):  # from the first write (the cache) to the last
        return _render_and_swap(checked, out_dir, only, calibration, progress)


def _render_and_swap(
    checked: Checked,
    out_dir: Path,
    only: tuple[str, ...],
    calibration: bool,
    progress: Callable[[str], None] | None,
) -> BuildReport:
    """Render, stage and swap in. A card check still to run (`cards` in `only`, no deck yet) runs
    here, while the guide renders in its own process when there is one: the guide does not
    depend on how the cards' text was fitted, and a failed check ends that process unused."""
    workshop = checked.workshop
    unchecked = "cards" in only and checked.deck is None
    long_build = progress is not None and len(workshop.cards) >= PROGRESS_MIN_CARDS
    context = RenderContext(
        store=checked.store,
        digests=ContentDigests.of(workshop),  # before the guide's process forks: made once
        deck=checked.deck,
        calibration=calibration,
        progress=progress if long_build else None,
    )
    keeps: list[Callable[[], None]] = []  # see below: made once the collector is held

    def meanwhile() -> None:
        """The build's process's own work while the guide's process starts on the guide."""
        nonlocal checked
        for keep_for_next_build in keeps:
            keep_for_next_build()
        if unchecked:
            context.step(f"checking {len(workshop.cards)} cards…")
            checked = check_cards_of(checked, context.codes)  # prepared: they give each code's width
            context.deck = checked.deck

    staging: Staging | None = None
    # the loaded workshop lives as long as the build: keep the collector from re-walking it,
    # from here on (loading 16,000 hyphenation patterns set off a full collection: ~10 ms)
    gc.freeze()
    try:  # everything from here on is undone in `finally`, wherever Ctrl-C or an error lands
        if set(only) & set(PDF_OUTPUTS):  # the fonts before the glyph check, which needs them too
            keeps += [prepare_fonts(context.store), prepare_hyphenation(workshop, context.store)]
        _check_glyphs(workshop, only)
        context.step(f"{len(workshop.cards)} cards read; making QR codes…")
        prepare_qr(workshop, context, only)
        staging = Staging(out_dir)
        names, changed = render_outputs(workshop, context, staging, only, first=meanwhile)
        previous_outputs = {name for name in OUTPUT_NAMES if name not in only}
        keep = _files_of(out_dir, previous_outputs)
        context.step(f"writing {len(names)} files ({len(changed)} changed)…")
        staging.commit(set(names), changed, keep)
        _cache_of(context).commit()  # only now: a failed build leaves the cache as it was
        if "cards" in only:
            context.note(_print_summary(workshop))
    finally:
        gc.unfreeze()  # `serve` builds again in the same process: let this build's objects go
        if staging is not None:
            staging.discard()
        _cache_of(context).discard()  # after a commit there is nothing left to discard
    return BuildReport(out_dir, names, checked.warnings, context.notes)


def _print_summary(workshop: Workshop) -> str:
    """The closing line on printing cards.pdf: copies, and sheets per copy and in all."""
    from workshop.content.copies import print_summary
    from workshop.render.cards import sheet_plan

    return print_summary(workshop, sheet_plan(workshop).per_sheet)


def _check_glyphs(workshop: Workshop, only: tuple[str, ...]) -> None:
    """Without cards.pdf (which checks for itself), the guide and handouts would print a missing glyph as a box."""
    if "cards" not in only and {"guide", "handouts"} & set(only):
        from workshop.pdf.fonts import check_coverage

        problems = check_coverage(workshop)
        if problems:
            raise ContentError(problems)


def _cache_dir(out_dir: Path) -> Path | None:
    """build/.cache — but no cache in a folder that holds other people's files and none of ours yet:
    a build refused there must leave nothing behind."""
    if out_dir.is_dir() and not read_manifest(out_dir) and any(out_dir.iterdir()):
        return None
    return out_dir / ".cache"


def prepare_qr(workshop: Workshop, context: RenderContext, only: tuple[str, ...] = OUTPUT_NAMES) -> int:
    """Compute every card's QR matrix once, before any renderer: all outputs then share them.
    Returns how many had to be computed (see `cached_qr_matrices`)."""
    base_url = workshop.config.debrief.base_url
    if not base_url or not any(name in only for name in QR_OUTPUTS):
        return 0
    urls = [card_url(base_url, card.id) for card in workshop.cards]
    return cached_qr_matrices(urls, context.store, context.codes)


def cached_qr_matrices(urls: Iterable[str], store: Store, codes: QrCodes) -> int:
    """Make the matrices of `urls` ready for drawing in `codes`; returns how many had to be computed.

    Matrices of earlier builds come from `store` (keyed by URL and error level), so a
    rebuild after editing a card computes none (the mask search is most of a QR code's
    cost); those computed now go to the store for the next build.
    """
    from workshop.pdf.qr import ERROR_LEVEL

    wanted = list(dict.fromkeys(urls))
    keys = {url: store.key(QR_CACHE_KIND, url, ERROR_LEVEL) for url in wanted}
    known = {}
    for url in wanted:
        entry = store.get(QR_CACHE_KIND, keys[url])
        if entry is not None:
            known[url] = entry.decode("ascii")
    computed = codes.prepare(wanted, known)
    for url, text in computed.items():
        store.put(QR_CACHE_KIND, keys[url], text.encode("ascii"))
    return len(computed)


def prepare_hyphenation(workshop: Workshop, store: Store) -> Callable[[], None]:
    """Ready the hyphenation patterns of the workshop's language before the renderers (and
    before the guide's process forks, which then shares them): parsed by an earlier build
    and kept in `store`, or parsed now. Returns what keeps freshly parsed patterns for the
    next build: encoding them takes ~15 ms, which the build's process spends while the
    guide's process works, not before it starts."""
    from workshop.pdf.hyphenation import hyphenator

    hyphenation = hyphenator(workshop.config.language)
    key = store.key(HYPHENATION_KIND, hyphenation.dictionary)
    return _ready(
        store,
        HYPHENATION_KIND,
        key,
        use=lambda stored: hyphenation.loaded or hyphenation.load(stored),
        make=hyphenation.parse,
        encode=hyphenation.stored,
    )


def prepare_fonts(store: Store) -> Callable[[], None]:
    """Register the bundled fonts before the renderers (and before the guide's process forks,
    which then shares them): from the faces an earlier build kept in `store`, or read from the
    font files now. Returns what keeps freshly read faces for the next build (encoding them
    takes a few ms, which the build's process spends while the guide's process works)."""
    from workshop.pdf import fonts

    key = store.key(FONTS_KIND)
    return _ready(
        store, FONTS_KIND, key, use=fonts.use_kept, make=fonts.register_fonts, encode=fonts.kept_faces
    )


def _ready(
    store: Store,
    kind: str,
    key: bytes,
    *,
    use: Callable[[bytes], bool],
    make: Callable[[], object],
    encode: Callable[[], bytes | None],
) -> Callable[[], None]:
    """Ready what an earlier build kept in `store` under `key` (`use` it: False if it does
    not read) or `make` it now; returns what keeps what was made (`encode`d, None: nothing
    to keep) for the next build."""
    stored = store.get(kind, key)  # asked even when ready in this process: so the entry stays kept
    if stored is not None and use(stored):
        return _nothing
    make()
    if not store.enabled:
        return _nothing

    def keep() -> None:
        kept = encode()
        if kept is not None:
            store.put(kind, key, kept)

    return keep


def _nothing() -> None:
    return None


def _files_of(out_dir: Path, outputs: set[str]) -> set[str]:
    """Earlier outputs of the named kinds that a partial (--only) build must leave in place."""
    prefixes = {
        "cards": ("cards", "calibration", "print-shop/"),
        "guide": ("guide",),
        "handouts": ("handouts",),
        "site": ("site/",),
    }
    wanted = tuple(p for name in outputs for p in prefixes[name])
    return {name for name in read_manifest(out_dir) if name.startswith(wanted)}
