"""What every renderer of one build shares: the cache, notes for the user, options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workshop.pipeline.cache import CacheStore


@dataclass
class RenderContext:
    """Per-build state handed to each renderer; renderers stay pure apart from this."""

    store: CacheStore = field(default_factory=lambda: CacheStore(None))
    """Pieces of earlier builds, and those this build keeps for the next (see `cache`)."""
    deck: object | None = None
    """The card faces the card check already fitted (see `build.check`): drawn as they are."""
    calibration: bool = False
    """Also write the duplex calibration sheet."""
    notes: list[str] = field(default_factory=list)
    """Lines the build prints when it is done, e.g. the sheet layout it chose."""

    progress: Callable[[str], None] | None = None
    """Told what the build is doing now, on builds long enough to need it (None: silent)."""

    def note(self, line: str) -> None:
        self.notes.append(line)

    def step(self, line: str) -> None:
        if self.progress is not None:
            self.progress(line)
