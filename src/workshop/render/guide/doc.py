"""The guide's document template: cover and body pages, running header, page numbers, outline.

Reproducible by construction: `invariant=1` drops timestamps and random ids, every
bookmark key is derived from content (section name or card id), and the canvas starts
in Lato so no base-14 font (Helvetica) is ever referenced.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable

from workshop.content.units import mm
from workshop.pdf.fonts import BOLD, REGULAR, register_fonts
from workshop.pdf.reportlab_internals import FinishBeforeSave, index_only, pack_finished_page
from workshop.pdf.typography import MUTED, rgb
from workshop.render.context import GUIDE_PAGES, stored_streams
from workshop.render.guide.chapters import ChapteredDocument, ChapterStore
from workshop.render.guide.contents import NUMBER_MARK
from workshop.render.guide.flow import Bookmark, Gap, Rule
from workshop.render.guide.styles import RULE

if TYPE_CHECKING:
    from workshop.render.guide.sharing import SharedChapters

MARGIN_X = mm(20)
MARGIN_TOP = mm(24)
MARGIN_BOTTOM = mm(22)


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """`text`, shortened with an ellipsis so it fits `width` points (for one-line headers)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class GuideFrame(Frame):
    """A Frame that copies cheaply.

    To measure a group kept together, reportlab deep-copies the current frame (so content
    generated while measuring lands on the copy) — 7,500 deep copies of the frame and all it
    refers to for a 1,000-card guide. The copy is only read and its generated content
    removed, so a shallow copy does the same.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> GuideFrame:
        return copy.copy(self)


def flush_frame(doc: BaseDocTemplate, name: str) -> Frame:
    """The page's text area without Frame's default 6 pt padding, so text lines up with the header."""
    return GuideFrame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id=name,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


class GuideDocument(ChapteredDocument, FinishBeforeSave, BaseDocTemplate):
    """A4/Letter/A3 pages: a 'cover' template without header, a 'body' template with one.

    Chapters of the story are replayed from the `chapters` store when they can be (see `chapters`).
    """

    def __init__(
        self,
        output: Any,
        *,
        pagesize: tuple[float, float],
        title: str,
        header_right: str,
        page_label: str,
        cover: Callable[[Any, Any], None] | None = None,
        chapters: ChapterStore | None = None,
        prime: str | None = None,
        shared: SharedChapters | None = None,
        detached: bool = False,
        **info: Any,
    ) -> None:
        """`shared`: chapters another process records for this guide; `detached`: this document
        only records chapters for the guide, and writes no PDF (see `sharing`)."""
        register_fonts()
        self.init_chapters(chapters, shared, detached=detached)
        self.saved = not detached
        self.characters = prime
        super().__init__(
            output,
            pagesize=pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            invariant=1,
            initialFontName=REGULAR,
            initialFontSize=10,
            creator="workshop",
            producer="workshop (reportlab)",
            **info,
        )
        self.header_left, self.header_right, self.page_label = title, header_right, page_label
        # the agenda block a page belongs to, for the footer: leafing through the guide during
        # the session, the facilitator sees at the foot of every page which part and time it is
        self.block: str | None = None
        self.page_block: str | None = None
        self.page_fresh = True
        if not detached:  # its pages are never written
            streams = stored_streams(self.chapters.store, GUIDE_PAGES)
            self.setPageCallBack(lambda number: pack_finished_page(self.canv, NUMBER_MARK, streams))
        frame = flush_frame(self, "body")
        cover_frame = flush_frame(self, "cover")
        self.addPageTemplates(
            [
                PageTemplate("cover", [cover_frame], onPage=cover or (lambda canvas, doc: None)),
                PageTemplate("body", [frame], onPage=self._decorate, onPageEnd=self._running_footer),
            ]
        )

    @cached_property
    def _headers(self) -> tuple[str, str]:
        """The running header's left and right texts, shortened to fit (the same on every page)."""
        right = fit_text(self.header_right, REGULAR, 8, self.width / 2 - mm(4))
        left_room = self.width - stringWidth(right, REGULAR, 8) - mm(8)
        return fit_text(self.header_left, BOLD, 8, left_room), right

    def _decorate(self, canvas: Any, doc: Any) -> None:
        """Running header (workshop title, what this document is) and the page number."""
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(rgb(MUTED))
        top = height - mm(14)
        left, right = self._headers
        canvas.setFont(BOLD, 8)
        canvas.drawString(self.leftMargin, top, left)
        canvas.setFont(REGULAR, 8)
        canvas.drawRightString(width - self.rightMargin, top, right)
        canvas.setStrokeColor(rgb(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, top - mm(2.2), width - self.rightMargin, top - mm(2.2))
        canvas.setFont(REGULAR, 8.5)
        canvas.drawRightString(width - self.rightMargin, mm(12), f"{self.page_label} {doc.page}")
        canvas.restoreState()

    def build_once(self, flow: list[Any], contents: Any) -> None:
        """Lay the guide out once; `contents` (OnePassContents) gets its page numbers at the end."""
        index_only(self, contents)
        self._contents = contents
        try:
            self.build(flow)
        finally:
            self._contents = None

    def pages_done(self) -> Any:
        """With one-pass contents: draw their page numbers once every page is known."""
        contents = getattr(self, "_contents", None)
        return None if contents is None else contents.fill_page_numbers

    def afterFlowable(self, flowable: Any) -> None:
        """Every Bookmark becomes an outline entry and, when asked, a line in the contents."""
        if isinstance(flowable, Bookmark):
            self.canv.addOutlineEntry(
                flowable.text, flowable.key, level=flowable.level, closed=True
            )  # recorded
            if flowable.toc:
                self.notify("TOCEntry", (flowable.level, flowable.markup, self.page, flowable.key))
            if flowable.names_block:
                self.block = flowable.footer_block
                if self.page_fresh or self.page_block is None:  # else the block the page began in
                    self.page_block = self.block
        elif not isinstance(flowable, Rule | Gap | ActionFlowable):
            self.page_fresh = False

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        self.page_block, self.page_fresh = self.block, True

    def _running_footer(self, canvas: Any, doc: Any) -> None:
        """The block the page starts in, at the foot of the page, left of the page number."""
        if not self.page_block:
            return
        canvas.saveState()
        canvas.setFillColor(rgb(MUTED))
        canvas.setFont(REGULAR, 8.5)
        canvas.drawString(
            self.leftMargin, mm(12), fit_text(self.page_block, REGULAR, 8.5, self.width - mm(30))
        )
        canvas.restoreState()

    def chapter_state(self) -> Any:
        """What the footer of a page reads: the block the page began in (see `chapters`)."""
        return [self.block, self.page_block, self.page_fresh]

    def restore_chapter_state(self, state: Any) -> None:
        self.block, self.page_block, self.page_fresh = state

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.showOutline()
        if self.characters:
            self.prime(self.characters)
