"""What every renderer of one build shares: QR matrices, notes for the user, options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class RenderContext:
    """Per-build state handed to each renderer; renderers stay pure apart from this."""

    cache_dir: Path | None = None
    """Where reusable pieces (QR matrices) are kept between builds; None: no cache."""
    calibration: bool = False
    """Also write the duplex calibration sheet."""
    notes: list[str] = field(default_factory=list)
    """Lines the build prints when it is done, e.g. the sheet layout it chose."""

    progress: Callable[[str], None] | None = None
    """Told what the build is doing now, on builds long enough to need it (None: silent)."""
    guide_progress: Any = None
    """A shared integer: the chapter the guide's process has reached, when another process
    records chapters from the end (see `render_guide.record_from_end`); else None."""

    def note(self, line: str) -> None:
        self.notes.append(line)

    def step(self, line: str) -> None:
        if self.progress is not None:
            self.progress(line)
