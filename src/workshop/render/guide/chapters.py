"""Long guides in chapters: each starts on a new page, is laid out once, and is replayed after that.

Laying out the guide of a 1,000-card deck takes seconds; a trainer who edits one card
should not wait for the other 999 again. So the parts of the guide that start on a new
page anyway (overview and printing, agenda, session, appendix), and in long guides the
session and appendix in runs of about `CHAPTER_CARDS` cards, are chapters. A chapter's
pages depend only on its content, on starting at the top of a fresh page, and on how the
document has coded characters so far. So a chapter is recorded while it is laid out —
per page the operators of the page body, and the bookmarks, links, outline and contents
entries made on it — and the build's `Store` keeps the recording. The next build replays it
when all three are the same, without building or laying out a single flowable. Page
headers and footers are drawn anew: they carry the page number. The bytes are the same
either way (tested).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from workshop.pdf import fonts
from workshop.pdf.reportlab_internals import (
    absolute_rect,
    count_flowable,
    flowables_on_page,
    font_codes,
    font_names,
    page_operators,
    pdf_document,
)
from workshop.render.context import NoStore, Store

if TYPE_CHECKING:
    from workshop.render.guide.sharing import SharedChapters

CHAPTER_CARDS = 10
"""Cards per chapter in long guides: a rebuild lays out about this many cards again. Each
chapter starts a page (a part of the session cut at a block where it can), so fewer cards
per chapter cost paper: at 150 cards 10 gives 128 pages where 20 gave 123, and takes
0.03–0.05 s off the guide's part of every rebuild (bench/run.py)."""
CHAPTERS_FROM = 60
"""Guides with fewer cards are not cut (a page break every 10 cards would only add white space)."""
GUIDE_CHAPTERS = "guide-chapters"
HANDOUT_CHAPTERS = "handout-chapters"

Record = dict[str, Any]
"""A recorded chapter, as JSON: see `Recorder.finish`."""


class Chapter(Flowable):
    """A placeholder for a chapter's flowables in the story; the document replays or expands it.

    `digest` must change whenever anything the chapter shows changes (a function giving it,
    when working it out is costly: called once, only if needed); `make` builds its flowables
    (only when there is no recording to replay), `marks` just its bookmarks (for the
    contents, planned before the layout).
    """

    def __init__(
        self,
        digest: str | Callable[[], str],
        make: Callable[[], list[Any]],
        marks: Callable[[], list[Any]],
    ) -> None:
        super().__init__()
        self._digest = digest
        self.make = make
        self.marks = marks
        self.index = -1
        """Its place among the story's chapters (see `sharing`)."""
        self.state_before: Any = None
        """The document's own state where it starts (`chapter_state`), when known in advance:
        what a document recording it apart from the guide starts in (see `sharing`)."""

    @property
    def digest(self) -> str:
        if callable(self._digest):
            self._digest = self._digest()
        return self._digest

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        raise AssertionError("a Chapter is replayed or expanded by ChapteredDocument, never laid out")


class ChapterEnd(Flowable):
    """Marks where a chapter being recorded ends (the document takes it out of the story)."""

    def __init__(self, chapter: Chapter) -> None:
        super().__init__()
        self.chapter = chapter


def font_fingerprint(canvas: Any) -> str:
    """How the document names fonts and codes characters so far: recorded operators assume it.

    Remembered per document while nothing changes: fonts are only ever added and codes only
    ever assigned, so the counts tell whether it can have changed (checked at every chapter).
    """
    doc = pdf_document(canvas)
    found = [(name, font_codes(doc, name)) for name in fonts.FACES]
    registered = font_names(doc)
    counts = (len(registered), *(len(codes[2]) if codes else -1 for _, codes in found))
    remembered = vars(doc).get("_workshop_font_fingerprint")
    if remembered is not None and remembered[0] == counts:
        return remembered[1]
    states = [
        (name, codes[0], codes[1], tuple(codes[2].items())) for name, codes in found if codes is not None
    ]
    payload = repr((tuple(registered), states))
    fingerprint = hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()
    doc._workshop_font_fingerprint = (counts, fingerprint)
    return fingerprint


def _coded(doc: Any, name: str) -> list[int]:
    """The code points font `name` has coded in `doc`, in the order they were."""
    codes = font_codes(doc, name)
    return list(codes[2]) if codes else []


class RecordingCanvas(Canvas):
    """A canvas that tells the chapter being recorded (if any) what its operators do not hold:
    bookmarks, outline entries and links, and calls whose effects a replay could not repeat."""

    recorder: Recorder | None = None
    detached = False
    """Recording chapters for another document (see `sharing`): outline entries are only
    recorded, since their parents are in that document."""

    def record_into(self, recorder: Recorder | None) -> None:
        """Tell `recorder` what this canvas does from now on (None: stop telling)."""
        self.recorder = recorder

    def bookmarkPage(self, *args: Any, **kwargs: Any) -> Any:
        self._tell("bookmarkPage", args, kwargs)
        return super().bookmarkPage(*args, **kwargs)

    def addOutlineEntry(self, *args: Any, **kwargs: Any) -> Any:
        self._tell("addOutlineEntry", args, kwargs)
        if self.detached:
            return None
        return super().addOutlineEntry(*args, **kwargs)

    def linkURL(self, *args: Any, **kwargs: Any) -> Any:
        self._tell("linkURL", args, kwargs)
        return super().linkURL(*args, **kwargs)

    def linkRect(self, *args: Any, **kwargs: Any) -> Any:
        self._tell("linkRect", args, kwargs)
        return super().linkRect(*args, **kwargs)

    def drawImage(self, *args: Any, **kwargs: Any) -> Any:
        self._unrepeatable()
        return super().drawImage(*args, **kwargs)

    def drawInlineImage(self, *args: Any, **kwargs: Any) -> Any:
        self._unrepeatable()
        return super().drawInlineImage(*args, **kwargs)

    def doForm(self, *args: Any, **kwargs: Any) -> Any:
        self._unrepeatable()
        return super().doForm(*args, **kwargs)

    def beginForm(self, *args: Any, **kwargs: Any) -> Any:
        self._unrepeatable()
        return super().beginForm(*args, **kwargs)

    def linkAbsolute(self, *args: Any, **kwargs: Any) -> Any:
        self._unrepeatable()
        return super().linkAbsolute(*args, **kwargs)

    def _tell(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if self.recorder is not None:
            self.recorder.called(name, args, kwargs)

    def _unrepeatable(self) -> None:
        if self.recorder is not None:
            self.recorder.usable = False  # lay this chapter out each time


class ChapterStore:
    """Recorded chapters of one kind of document in the build's `Store`, by chapter digest.

    A recording is stored as JSON with each page's body (most of it: drawing operators)
    left out and appended as raw text: JSON-escaping ten megabytes of operators took longer
    than replaying them.
    """

    def __init__(self, store: Store | None, kind: str = GUIDE_CHAPTERS) -> None:
        self.store = store or NoStore()
        self.kind = kind

    def get(self, digest: str) -> Record | None:
        data = self.store.get(self.kind, self.store.key(self.kind, digest))
        return None if data is None else unpack_record(data)

    def put(self, digest: str, record: Record) -> None:
        self.store.put(self.kind, self.store.key(self.kind, digest), pack_record(record))


def pack_record(record: Record) -> bytes:
    bodies = [page["body"].encode("utf-8") for page in record["pages"]]
    outline = {
        **record,
        "pages": [{**page, "body": len(body)} for page, body in zip(record["pages"], bodies, strict=True)],
    }
    meta = json.dumps(outline, separators=(",", ":")).encode("utf-8")
    return b"".join([len(meta).to_bytes(4, "big"), meta, *bodies])


def unpack_record(data: bytes) -> Record | None:
    """The recording `pack_record` made; None for anything else (never expected)."""
    try:
        return _unpacked(data)
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _unpacked(data: bytes) -> Record | None:
    length = int.from_bytes(data[:4], "big")
    record: Record = json.loads(data[4 : 4 + length])
    offset = 4 + length
    for page in record["pages"]:
        size = int(page["body"])
        page["body"] = data[offset : offset + size].decode("utf-8")
        offset += size
    return record if offset == len(data) else None


class Recorder:
    """Watches one chapter being laid out and drawn, page by page (see `ChapteredDocument`)."""

    def __init__(self, doc: Any, chapter: Chapter) -> None:
        self.doc, self.canvas, self.chapter = doc, doc.canv, chapter
        self.fonts_before = font_fingerprint(self.canvas)
        self.state_before = doc.chapter_state()
        pdf = pdf_document(self.canvas)
        self.fonts_known = font_names(pdf)
        self.codes_known = {name: len(_coded(pdf, name)) for name in fonts.FACES}
        self.start_page = doc.page
        self.pages: list[dict[str, Any]] = []
        self.events: list[list[Any]] = []
        self.body_start = len(page_operators(self.canvas))
        self.usable = True
        self.canvas.record_into(self)

    def called(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """A bookmark, outline entry or link: kept as JSON, with rectangles made absolute (the
        replay has no transform to go by)."""
        kwargs = dict(kwargs)
        if name == "linkURL":
            (url, rect), relative = args[:2], kwargs.pop("relative", args[2] if len(args) > 2 else 0)
            absolute = list(absolute_rect(self.canvas, rect, relative))
            self.events.append(["linkURL", url, absolute, kwargs.pop("kind", "URI"), kwargs])
        elif name == "linkRect":
            contents, destination, rect = args[:3]
            absolute = list(absolute_rect(self.canvas, rect, kwargs.pop("relative", 1)))
            self.events.append(["linkRect", contents, destination, absolute, kwargs])
        else:
            self.events.append([name, list(args), kwargs])

    def notified(self, kind: str, stuff: Any) -> None:
        if kind == "TOCEntry":
            level, text, page, *key = stuff
            self.events.append(["toc", level, text, page - self.doc.page, *key])
        else:
            self.usable = False

    def page_begun(self) -> None:
        self.body_start = len(page_operators(self.canvas))

    def page_ending(self) -> None:
        """Before the footer: keep the page body, what happened on the page and the state it ends in."""
        self.pages.append(
            {
                "body": "\n".join(page_operators(self.canvas)[self.body_start :]),
                "events": self.events,
                "state": self.doc.chapter_state(),
            }
        )
        self.events = []

    def finish(self) -> Record | None:
        """Stop watching; the recording (None if the chapter did something a replay cannot repeat)."""
        self.page_ending()
        self.canvas.record_into(None)
        if not self.usable or self.doc.page - self.start_page + 1 != len(self.pages):
            return None
        pdf = pdf_document(self.canvas)
        codes = {name: _coded(pdf, name)[known:] for name, known in self.codes_known.items()}
        return {
            "fonts": self.fonts_before,
            "state": self.state_before,
            "register": [name for name in font_names(pdf) if name not in self.fonts_known],
            "codes": {name: "".join(map(chr, new)) for name, new in codes.items() if new},
            "pages": self.pages,
        }


if TYPE_CHECKING:  # the mixin is checked as the document template it is mixed into
    from reportlab.platypus import BaseDocTemplate as _DocTemplate
else:
    _DocTemplate = object


class ChapteredDocument(_DocTemplate):
    """Mixin for a platypus document template: replays recorded chapters, records the others.

    The template supplies `chapter_state()` and `restore_chapter_state(state)`: whatever
    of its own state its page footers read (recorded per page, restored on replay).
    """

    chapters: ChapterStore
    """Where recordings come from and go to."""

    def init_chapters(
        self, store: ChapterStore | None, shared: SharedChapters | None = None, *, detached: bool = False
    ) -> None:
        """`shared`: chapters another process records for this document (see `sharing`);
        `detached`: this document only records chapters for another, and replays none (a
        replay adds outline entries, whose parents are in the other document)."""
        self.chapters = store or ChapterStore(None)
        self.shared = shared
        self.detached = detached
        self._recorder: Recorder | None = None
        self._story: list[Any] | None = None

    def build(self, flowables: list[Any], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("canvasmaker", RecordingCanvas)  # so chapters can be recorded
        self._story = flowables  # what is left of it (platypus also hands us other lists)
        super().build(flowables, *args, **kwargs)

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        if isinstance(self.canv, RecordingCanvas):
            self.canv.detached = self.detached

    def notify(self, kind: str, stuff: Any) -> None:
        if self._recorder is not None:
            self._recorder.notified(kind, stuff)
        super().notify(kind, stuff)

    def prime(self, characters: str) -> None:
        """Register every Lato face and code `characters` in each, in a fixed order, before any
        drawing: then chapters recorded in different documents primed alike paste into each other
        (as long as no chapter shows a character left out here)."""
        fonts.prime(pdf_document(self.canv), dict.fromkeys(fonts.FACES, characters))

    def handle_flowable(self, flowables: list[Any]) -> None:
        first = flowables[0]
        if isinstance(first, Chapter):
            del flowables[0]
            self._begin_chapter(first, flowables)
        elif isinstance(first, ChapterEnd):
            del flowables[0]
            if self._recorder is not None:
                record = self._recorder.finish()
                self._recorder = None
                if record is not None:
                    self.chapters.put(first.chapter.digest, record)
        else:
            super().handle_flowable(flowables)
        if not flowables and flowables is self._story and self.shared is not None:
            from workshop.render.guide.sharing import LAID_OUT

            self.shared.begun(LAID_OUT)  # every chapter begun: none left to record for this document

    def _begin_chapter(self, chapter: Chapter, flowables: list[Any]) -> None:
        if self.shared is not None:
            self.shared.begun(chapter.index)
        fresh = flowables_on_page(self) == 0 and self._recorder is None
        replays = fresh and not self.detached  # a detached document only records
        record = self.chapters.get(chapter.digest) if replays else None
        if record is None and replays and self.shared is not None:
            record = self.shared.take(chapter.digest)
            if record is not None:
                self.chapters.put(chapter.digest, record)  # kept for the next build like its own
        if (
            record is not None
            and record.get("state") == self.chapter_state()
            and record["fonts"] == font_fingerprint(self.canv)
        ):
            self._replay(record)
            return
        if fresh:
            self._recorder = Recorder(self, chapter)
            flowables[0:0] = [*chapter.make(), ChapterEnd(chapter)]
        else:
            flowables[0:0] = chapter.make()

    def _replay(self, record: Record) -> None:
        canvas = self.canv
        doc = pdf_document(canvas)
        for name in record["register"]:
            # its state made as drawing makes it (ASCII the font has)
            fonts.registered(name).splitString("", doc)
            fonts.registered(name).getSubsetInternalName(0, doc)
        for name, characters in record["codes"].items():
            fonts.registered(name).splitString(characters, doc)
        for number, page in enumerate(record["pages"]):
            if number:
                self.handle_pageBreak()
                self.clean_hanging()
            page_operators(canvas).append(page["body"])
            for event in page["events"]:
                self._repeat(event)
            count_flowable(self)
            self.restore_chapter_state(page["state"])

    def _repeat(self, event: list[Any]) -> None:
        canvas = self.canv
        kind = event[0]
        if kind == "toc":
            _, level, text, offset, *key = event
            self.notify("TOCEntry", (level, text, self.page + offset, *key))
        elif kind == "linkURL":
            _, url, rect, link_kind, kwargs = event
            canvas.linkURL(url, tuple(rect), relative=0, kind=link_kind, **kwargs)
        elif kind == "linkRect":
            _, contents, destination, rect, kwargs = event
            canvas.linkRect(contents, destination, tuple(rect), relative=0, **kwargs)
        else:
            _, args, kwargs = event
            getattr(canvas, kind)(*args, **kwargs)

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        if self._recorder is not None:
            self._recorder.page_begun()

    def handle_pageEnd(self) -> None:
        if self._recorder is not None:
            self._recorder.page_ending()
        super().handle_pageEnd()

    def chapter_state(self) -> Any:
        return None

    def restore_chapter_state(self, state: Any) -> None:
        pass
