"""What every renderer of one build shares: the cache, notes for the user, options.

Renderers keep pieces for the next build in a `Store`; the pipeline's cache implements it.
The protocol lives here, below the pipeline, so that renderers never import the layer
that calls them; a renderer called on its own (tests, `preview`) gets `NoStore`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from workshop.pdf.qr import QrCodes

if TYPE_CHECKING:
    from pydantic import BaseModel

    from workshop.content.loader import Workshop
    from workshop.content.models import RoleplayCard
    from workshop.render.guide.sharing import SharedChapters


class Store(Protocol):
    """Where renderers find pieces of earlier builds and keep theirs for the next."""

    @property
    def enabled(self) -> bool: ...

    def key(self, kind: str, *parts: Any) -> bytes:
        """A key for `parts` that also covers everything else an output depends on."""
        ...

    def get(self, kind: str, key: bytes) -> bytes | None:
        """The piece stored under `key`, or None."""
        ...

    def has(self, kind: str, key: bytes) -> bool:
        """Whether a piece is stored under `key`, without taking it (nor keeping it for the next build)."""
        ...

    def put(self, kind: str, key: bytes, value: bytes) -> None:
        """Keep `value` under `key` for the next build."""
        ...


class NoStore:
    """A store that never finds anything and keeps nothing: renderers need no "no cache" case."""

    enabled = False

    def key(self, kind: str, *parts: Any) -> bytes:
        return b""

    def get(self, kind: str, key: bytes) -> bytes | None:
        return None

    def has(self, kind: str, key: bytes) -> bool:
        return False

    def put(self, kind: str, key: bytes, value: bytes) -> None:
        return None


class StoredStreams:
    """A store's compressed page streams of one kind, by the digest of a page's operators (see
    `reportlab_internals.pack_finished_page`). Each process of a build keeps its own kind: the
    store writes each kind from the one process that used it."""

    def __init__(self, store: Store, kind: str) -> None:
        self.store, self.kind = store, kind

    def get(self, digest: bytes) -> bytes | None:
        return self.store.get(self.kind, self.store.key(self.kind, digest))

    def put(self, digest: bytes, encoded: bytes) -> None:
        self.store.put(self.kind, self.store.key(self.kind, digest), encoded)


CARD_PAGES = "card-pages"
"""The compressed pages of cards.pdf and cards-single.pdf (the build's own process)."""
GUIDE_PAGES = "guide-pages"
"""The compressed pages of guide.pdf (the guide's process)."""
HANDOUT_PAGES = "handout-pages"
"""The compressed pages of handouts.pdf (the guide's process). A kind of their own: a build
whose handouts come whole from the cache uses none of them, and keeping them with the
guide's would drop them then (a kind keeps only what a build used), so the next edit of a
roleplay compressed every handout page again."""


def stored_streams(store: Store | None, kind: str) -> StoredStreams | None:
    """`store`'s page streams of `kind`; None without a store worth asking."""
    return StoredStreams(store, kind) if store is not None and store.enabled else None


def digest(*parts: Any) -> str:
    """A short name for content (values with a stable repr), e.g. a chapter's; a store's
    `key` adds everything else, so this is never a cache key by itself."""
    return hashlib.sha1(repr(parts).encode("utf-8"), usedforsecurity=False).hexdigest()


def model_digest(model: BaseModel) -> str:
    """SHA-1 of a model's JSON: everything it holds, in a fixed order."""
    return hashlib.sha1(model.model_dump_json().encode("utf-8"), usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class ContentDigests:
    """A short name for everything the settings say and everything each card says, for the
    keys and chapter names of pieces kept for the next build (guide and handout chapters, the
    handouts). Made once per build from the workshop as it is rendered: one JSON dump each."""

    config: str
    """Every setting in workshop.yaml, the agenda included."""
    cards: dict[str, str]
    """card id → everything the card says."""

    @classmethod
    def of(cls, workshop: Workshop) -> ContentDigests:
        return cls(model_digest(workshop.config), {card.id: model_digest(card) for card in workshop.cards})


@dataclass(frozen=True)
class PageRange:
    """The pages (1-based, inclusive) one roleplay's set of briefs takes in handouts.pdf."""

    card: RoleplayCard
    first: int
    last: int


@dataclass(frozen=True)
class HandoutLayout:
    """handouts.pdf laid out, and its page ranges: made once per build (`handouts.lay_out`)
    and shared by the handouts and the guide, which prints the ranges but never imports the
    handouts module."""

    pdf: bytes
    pages: list[PageRange]
    """Per roleplay in handout order; empty when the workshop has no roleplays."""


@dataclass
class RenderContext:
    """Per-build state handed to each renderer; renderers stay pure apart from this."""

    store: Store = field(default_factory=NoStore)
    """Pieces of earlier builds, and those this build keeps for the next (see `Store`)."""
    codes: QrCodes = field(default_factory=QrCodes)
    """The build's QR codes: made once (`pipeline.build.prepare_qr`), drawn by every renderer."""
    deck: object | None = None
    """The card faces the card check already fitted (see `build.check`): drawn as they are."""
    handouts: HandoutLayout | None = None
    """The handouts laid out once, for the handouts renderer and the guide's printing
    instructions (None: not laid out yet; the renderer that needs it lays them out)."""
    calibration: bool = False
    """Also write the duplex calibration sheet."""
    notes: list[str] = field(default_factory=list)
    """Lines the build prints when it is done, e.g. the sheet layout it chose."""
    digests: ContentDigests | None = None
    """The rendered workshop's digests (None: made on first use, see `digests_of`)."""

    progress: Callable[[str], None] | None = None
    """Told what the build is doing now, on builds long enough to need it (None: silent)."""
    sharing: SharedChapters | None = None
    """While another process records guide chapters for the guide's (see `guide.sharing`)."""

    def digests_of(self, workshop: Workshop) -> ContentDigests:
        """The digests of `workshop`, the one workshop this context renders: made once."""
        if self.digests is None:
            self.digests = ContentDigests.of(workshop)
        return self.digests

    def note(self, line: str) -> None:
        self.notes.append(line)

    def step(self, line: str) -> None:
        if self.progress is not None:
            self.progress(line)
