"""Every use of reportlab's private or undocumented internals, in one place.

Recording drawing operators to paste elsewhere (card fronts, guide and handout chapters),
and encoding pages as they are finished, need what reportlab keeps to itself: the
operators of the page being drawn, the document's font subsets, the page objects. Only
this module reaches for them, so a new reportlab can break only this module; pyproject.toml
bounds reportlab to the versions the tests have covered (the byte-identity tests of cached
and fresh builds, and tests/pdf/test_reportlab_internals.py, fail first when it changes).
"""

from __future__ import annotations

import hashlib
from typing import Any, Protocol


def pdf_document(canvas: Any) -> Any:
    """The PDF document a canvas draws into (where fonts are registered and pages kept)."""
    return canvas._doc


def page_operators(canvas: Any) -> list[str]:
    """The drawing operators of the current page (or form) so far, as a live list: appending
    pastes operators, cutting a tail takes them back off."""
    return canvas._code


def pdf_pages(canvas: Any) -> list[Any]:
    """The document's page objects, the current one last."""
    return canvas._doc.Pages.pages


def font_names(doc: Any) -> list[str]:
    """The fonts registered in `doc`, in the order they were (which decides their /F names)."""
    return list(doc.fontMapping)


def font_codes(doc: Any, name: str) -> tuple[str, int, dict[int, int]] | None:
    """How `doc` codes characters of font `name`: its subset's internal name, the next code it
    hands out, and every character coded so far (code point → code); None if not used yet."""
    from workshop.pdf.fonts import registered

    state = registered(name).state.get(doc)
    if state is None:
        return None
    return state.internalName, state.nextCode, state.assignments  # type: ignore[attr-defined]  # missing from types-reportlab


def absolute_rect(canvas: Any, rect: Any, relative: int) -> tuple[float, ...]:
    """`rect` in page coordinates, as reportlab's link methods place it."""
    shift = canvas._getCmShift() or 0
    return tuple(value - shift for value in canvas._absRect(rect, relative))


def text_cursor(canvas: Any) -> tuple[float, float]:
    """Where the text being drawn has got to (in an onDraw callback of a paragraph)."""
    return canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]


def flowables_on_page(doc: Any) -> int:
    """How many flowables a platypus document has put on its current page."""
    return doc._curPageFlowableCount


def count_flowable(doc: Any) -> None:
    """Tell a platypus document that something was put on its current page (a replayed page)."""
    doc._curPageFlowableCount += 1


class EncodedStreams(Protocol):
    """Compressed page streams kept by earlier builds, by the digest of a page's operators."""

    def get(self, digest: bytes) -> bytes | None: ...

    def put(self, digest: bytes, encoded: bytes) -> None: ...


def pack_finished_page(canvas: Any, unless_marked: str = "", encoded: EncodedStreams | None = None) -> None:
    """Encode the page just finished now, as reportlab would when saving, instead of keeping its
    drawing commands as text until then (unless they hold `unless_marked`: still to be completed).

    reportlab keeps every page's content stream as a str until `save` compresses them all: on a
    760-page guide, or the 22,000 card pages of a 10,000-card deck, that is most of the memory
    a document needs. A page whose stream is already encoded (its filters named in its
    dictionary) is written as it is, so the bytes are the same: this does what
    PDFPage.check_format and PDFStream.format would do later, earlier.

    Pages that draw exactly the same (the backs in cards-single.pdf, the back sheets of
    cards.pdf) share one stream object: PDF allows it, and it spares a thousand objects.
    With `encoded`, a page drawn exactly as in an earlier build takes the compressed stream
    that build kept instead of compressing it again (zlib was a third of a rebuild's card PDFs).
    """
    pages = pdf_pages(canvas)
    page = pages[-1] if pages else None
    if page is None or page.Contents or not page.stream or page.Override_default_compilation:
        return
    if unless_marked and unless_marked in page.stream:
        return
    # keyed by digest: keeping each page's text as a key would keep what packing frees
    shared: dict[tuple[bytes, int], Any] = vars(canvas._doc).setdefault("_workshop_page_streams", {})
    digest = hashlib.sha1(page.stream.encode("utf-8"), usedforsecurity=False).digest()
    key = (digest, page.compression)
    known = shared.get(key)
    if known is not None:
        page.Contents, page.stream = known, None
        return
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc

    stream = pdfdoc.PDFStream()
    shared[key] = stream
    if page.compression:
        filters: list[pdfdoc.PDFStreamFilterBase85Encode | pdfdoc.PDFStreamFilterZCompress] = (
            [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress] if rl_config.useA85 else [pdfdoc.PDFZCompress]
        )
        # ASCII85 (reportlab's default) gives text, zlib alone bytes: kept apart, kept as bytes
        kept_as = digest + (b"a85" if rl_config.useA85 else b"")
        kept = _kept_stream(encoded.get(kept_as) if encoded is not None else None, bool(rl_config.useA85))
        if kept is not None:
            content: str | bytes = kept
        else:
            content = page.stream
            for encoding in reversed(filters):
                content = encoding.encode(content)
            if encoded is not None:
                encoded.put(kept_as, content.encode("ascii") if isinstance(content, str) else content)
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(f.pdfname) for f in filters])
        stream.content = content
    else:
        stream.content = page.stream
    stream.__Comment__ = "page stream"  # type: ignore[attr-defined]  # missing from types-reportlab
    page.Contents = stream
    page.stream = None


def _kept_stream(kept: bytes | None, ascii85: bool) -> str | bytes | None:
    """A kept stream as reportlab holds it: ASCII85 as text (None if it is not ASCII), zlib as bytes."""
    if kept is None or not ascii85:
        return kept
    try:
        return kept.decode("ascii")
    except UnicodeDecodeError:
        return None


# --- TrueType faces as parsed: kept for the next build -------------------------------------


def parsed_font(font: Any) -> dict[str, Any] | None:
    """What reading its file gave a registered TrueType font (reportlab's `TTFont`), in plain
    Python values (its names as bytes); None when a name is of a type not known here.

    Reading a file is most of a `TTFont`'s cost: its whole character map and metrics are
    parsed into dictionaries (~4 ms per face). The file's bytes and the scale function
    made from its units per em are left out: `font_from_parsed` makes them again.
    """
    face = vars(font.face)
    kept: dict[str, Any] = {name: value for name, value in face.items() if name not in _MADE_AGAIN}
    names = [name for name, value in kept.items() if isinstance(value, bytes) and type(value) is not bytes]
    for name in names:
        if type(kept[name]).__name__ != "TTFNameBytes":
            return None
        kept[name] = bytes(kept[name])
    return {"face": kept, "names": names}


def font_from_parsed(parsed: dict[str, Any], name: str, filename: str) -> Any:
    """The `TTFont` `name` that `parsed_font` described, as `TTFont(name, filename)` makes it,
    without parsing that file again. What the font itself holds besides its face comes from
    this process's reportlab settings, as `TTFont.__init__` takes it, not from the cache."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    with open(filename, "rb") as file:
        data = file.read()
    made = {"_ttf_data": data, "_pdfScale": _scale(parsed["face"]["unitsPerEm"]), "filename": filename}
    vars(face).update(parsed["face"], **made)  # the file's own path: the folder may have moved
    for attribute in parsed["names"]:
        setattr(face, attribute, TTFNameBytes(parsed["face"][attribute]))
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    vars(font)["_asciiReadable"] = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, unshaped) for unshaped in rl_config.unShapedFontGlob or ())
    return font


_MADE_AGAIN = ("_ttf_data", "_pdfScale")


def _scale(units_per_em: int) -> Any:
    """Font units to thousandths of an em, as `TTFontFile.extractInfo` scales them."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


# --- layout: frames, KeepTogether, the end of a build, tables of contents --------------------


def placed_in_frame_top(flowable: Any) -> bool | None:
    """Whether `flowable` is being placed first in its frame (reportlab sets its `_frame` while
    placing it); None when it is not being placed in a frame now."""
    frame = getattr(flowable, "_frame", None)
    return None if frame is None else bool(getattr(frame, "_atTop", False))


def keep_together_content(keep: Any) -> list[Any]:
    """The flowables a KeepTogether holds."""
    return list(keep._content)


def add_keep_together_height(keep: Any, points: float) -> None:
    """Make a KeepTogether measure `points` taller than reportlab counted (after its `wrap`)."""
    keep._H += points


def index_only(doc: Any, flowable: Any) -> None:
    """Make `flowable` the only one the document asks for page numbers on each pass."""
    doc._indexingFlowables = [flowable]


class FinishBeforeSave:
    """A document-template mixin: `pages_done()` may return a function that draws on the
    finished pages before the PDF is written (reportlab saves at the end of its private
    `_endBuild`, and has no public hook between the last page and the save); a document
    that is not `saved` (laid out only for what it records) writes no PDF at all."""

    saved = True

    def pages_done(self) -> Any:
        return None

    def _endBuild(self) -> None:
        if not self.saved:
            self._doSave = 0
            super()._endBuild()  # type: ignore[misc]  # a private method of BaseDocTemplate
            return
        finish = self.pages_done()
        if finish is None:
            super()._endBuild()  # type: ignore[misc]  # a private method of BaseDocTemplate
            return
        self._doSave = 0  # the pages first, then the save
        super()._endBuild()  # type: ignore[misc]  # a private method of BaseDocTemplate
        finish(self.canv)  # type: ignore[attr-defined]  # the template's canvas
        self.canv.save()  # type: ignore[attr-defined]  # the template's canvas


def plan_contents(contents: Any, planned: list[Any]) -> None:
    """Lay a TableOfContents out from `planned` entries, and start collecting the entries the
    pass meets afresh (reportlab keeps both lists privately)."""
    contents._lastEntries = planned
    contents._entries = []


def contents_met(contents: Any) -> list[Any]:
    """The entries the last pass of a TableOfContents met, in order."""
    return list(contents._entries)
