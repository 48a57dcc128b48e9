"""Two processes lay out one guide: the other process records chapters from the end.

On two cores a build's cards and site are done well before the guide (cold, 150 cards:
~0.8 s against ~1.2 s), and the process that made them would wait. Instead it records
guide chapters from the last one backwards (`record_from_end`), each in a document of its
own, while the guide's process lays the guide out from the front; the two meet in the
middle. A chapter recorded apart is the chapter the guide would lay out: long guides are
primed with every character they show (same font names, same codes), and each chapter is
recorded starting in the state the guide will be in there (`Chapter.state_before`, checked
again before the replay). Where anything differs, or a recording is late, the guide lays
the chapter out itself: the bytes are the same either way (tested).

Recordings travel as files in a folder of the build's staging folder that only the user
can open (written whole, then renamed), and the guide's process tells which chapter it has
begun through a pipe, so the recording process stops before reaching it. A plain pipe, not
multiprocessing's shared integer: multiprocessing keeps shared memory in a temporary folder
where /dev/shm is missing (macOS), which only its exit handler removes, and a successful
command ends without exit handlers (`cli.error_handler.end_done`). The help is a head start only: if a
recording cannot be handed over (a full disk), the recorder stops and the guide lays that
chapter out itself.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.render.guide.chapters import (
    GUIDE_CHAPTERS,
    Chapter,
    ChapterStore,
    Record,
    pack_record,
    unpack_record,
)

if TYPE_CHECKING:
    from workshop.content.loader import Workshop
    from workshop.render.context import RenderContext


class SharedChapters:
    """Chapters recorded by one process of a build for the guide's process, in `folder`, and
    how far the guide has got: the guide's process writes the index of each chapter it
    begins into a pipe made before the fork, which the recording process reads.

    Both ends never wait: an index is 4 bytes, which a pipe writes whole or not at all, and
    one not written (a full pipe, never expected) only makes the recorder go on longer.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(mode=0o700, exist_ok=True)  # what the guide replays and then caches
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._unread = b""
        self._reached = -1

    def begun(self, index: int) -> None:
        """In the guide's process: it begins chapter `index`."""
        with contextlib.suppress(BlockingIOError):
            os.write(self._write, index.to_bytes(INDEX_BYTES, "big", signed=True))

    def reached(self) -> int:
        """In the recording process: the chapter the guide's process began last (-1: none yet)."""
        with contextlib.suppress(BlockingIOError):
            while chunk := os.read(self._read, 4096):
                self._unread += chunk
        whole = len(self._unread) - len(self._unread) % INDEX_BYTES
        if whole:
            last = self._unread[whole - INDEX_BYTES : whole]
            self._reached, self._unread = int.from_bytes(last, "big", signed=True), self._unread[whole:]
        return self._reached

    def close(self) -> None:
        """In the build's process, once the guide's process is done."""
        for end in (self._read, self._write):
            with contextlib.suppress(OSError):
                os.close(end)

    def keep(self, digest: str, record: Record) -> None:
        """In the recording process: hand `record` over, whole or not at all."""
        target = self.folder / f"{digest}.chapter"
        partial = target.with_suffix(".partial")
        partial.write_bytes(pack_record(record))
        os.replace(partial, target)

    def take(self, digest: str) -> Record | None:
        """In the guide's process: the chapter recorded for it, if there is one by now."""
        try:
            data = (self.folder / f"{digest}.chapter").read_bytes()
        except OSError:  # none (yet)
            return None
        return unpack_record(data)


INDEX_BYTES = 4
"""A chapter's index in the progress pipe."""
LAID_OUT = 2**31 - 1
"""What the guide's process writes into the pipe once it has begun every chapter (an index no
chapter has): from then on there is nothing to record for it."""


class HandedOver(ChapterStore):
    """Where a document recording chapters for the guide puts them: handed over, not cached."""

    def __init__(self, shared: SharedChapters) -> None:
        super().__init__(None)
        self.shared = shared

    def get(self, digest: str) -> Record | None:
        return None

    def put(self, digest: str, record: Record) -> None:
        self.shared.keep(digest, record)


def record_from_end(workshop: Workshop, context: RenderContext) -> int:
    """Record the guide's chapters from the last one backwards while the guide's process lays
    the guide out from the front; stop where it has got to. Returns how many were recorded.

    Chapters an earlier build recorded are left alone (the guide replays them from the
    cache); only those whose state at their start is known in advance are recorded.
    """
    from reportlab.platypus import NextPageTemplate, PageBreak

    from workshop.pdf.fonts import shown_characters
    from workshop.render.guide.document import chapters_after_contents, detached_document

    shared = context.sharing
    if shared is None or shared.reached() == LAID_OUT:  # a rebuild's guide often is by now
        return 0
    store = context.store
    chapters = [
        item
        for item in chapters_after_contents(workshop, context)
        if isinstance(item, Chapter) and item.state_before is not None
    ]
    handed = HandedOver(shared)
    characters: str | None = None
    recorded = 0
    for chapter in reversed(chapters):
        if shared.reached() >= chapter.index - 1:  # the guide is there, or nearly
            break
        if store.has(GUIDE_CHAPTERS, store.key(GUIDE_CHAPTERS, chapter.digest)):
            continue  # the guide replays it from the cache (on a rebuild: all but the edited)
        characters = characters if characters is not None else shown_characters(workshop)
        doc = detached_document(workshop, io.BytesIO(), handed, characters, chapter.state_before)
        try:
            doc.build([NextPageTemplate("body"), PageBreak(), chapter])
        except OSError:  # not handed over (a full disk): the guide lays it and the rest out itself
            break
        recorded += 1
    return recorded
