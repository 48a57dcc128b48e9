"""A table of contents laid out in one pass: its page numbers are filled in at the very end.

reportlab's TableOfContents needs `multiBuild`: the whole guide is laid out again and again
until the page numbers stop changing — three passes, the guide's biggest cost on a long
deck. Here the entries are known before layout (every Bookmark of the story), their page
numbers do not change the contents' height, and each number's place on its line is kept
as a marker in the contents page's drawing operators, replaced by the number once the last
page is done (the document keeps those few pages as text until then). One pass; the same
page, and the number follows its title in the text, as a reader copying it expects.

Each line is one link, from its title to its number (a 1,000-card guide has ~1,000 lines;
a link for the title and another for the number were a sixth of its objects).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from workshop.pdf.paragraphs import paragraph
from workshop.pdf.reportlab_internals import contents_met, pdf_pages, plan_contents, text_cursor

DOT = " . "
LINE_PADDING = 0.5
"""Space above and below each line (what the cell padding of reportlab's contents table was)."""
Entry = tuple[int, str, int, str]  # level, markup, page, bookmark key
NUMBER_MARK = "%workshop-contents-number"
"""Starts a line in a contents page's operators (a PDF comment) where an entry's number goes."""
_NUMBER_LINE = re.compile(rf"^{NUMBER_MARK} (\d+) (\S+) (\S+)$", re.MULTILINE)


class ContentsMismatch(Exception):
    """The entries laid out in advance are not the ones the pass met: lay out the classic way."""


class OnePassContents(TableOfContents):
    """Contents whose lines are given up front (`entries`) and whose numbers come last."""

    def __init__(self, entries: list[Entry], **options: Any) -> None:
        super().__init__(**options)
        self.planned = list(entries)
        plan_contents(self, self.planned)  # `wrap` lays these out; the pass collects what it meets
        self._leader: tuple[int, float, float, float] | None = (
            None  # the title just drawn: entry, x, y, width
        )
        self._wrapped_width: float | None = None
        """The width `_lines` were made for: `split` after `wrap` at the same width reuses them."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        def draw_end(canvas: Any, kind: str | None, label: str) -> None:
            # where the title ends; the leader is drawn after it (`LinkedLine.draw`), so the text
            # of the page reads title, dots, number
            self._leader = (
                int(label),
                *text_cursor(canvas),
                availWidth,
            )

        self.canv.setNamedCB("contentsEnd", draw_end)
        self._wrapped_width = availWidth
        self._lines: list[Flowable] = []
        for index, (level, markup, _page, key) in enumerate(self.planned):
            style = self._line_style(level)
            text = f'{markup}<onDraw name="contentsEnd" label="{index}"/>'
            if style.parent.spaceBefore:
                self._lines.append(Spacer(1, style.parent.spaceBefore + 2 * LINE_PADDING))
            self._lines.append(LinkedLine(paragraph(text, style), key, self._draw_leader))
        self._heights = [line.wrap(availWidth, availHeight)[1] for line in self._lines]
        self.width = availWidth
        self.height = sum(self._heights) + sum(
            line.getSpaceBefore() + line.getSpaceAfter() for line in self._lines
        )
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """The lines, for the pages to take one by one.

        (reportlab's contents are one table, measured anew at every page it is split over:
        quadratic, most of a minute on a 10,000-card guide.)
        """
        if self._wrapped_width != availWidth:  # the frame has just wrapped it at this width
            self.wrap(availWidth, availHeight)
        return list(self._lines)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for line, height in zip(self._lines, self._heights, strict=True):
            top -= line.getSpaceBefore() + height
            line.drawOn(canvas, x, top)
            top -= line.getSpaceAfter()

    @lru_cache(maxsize=8)  # noqa: B019 - a few levels, for the life of the contents
    def _line_style(self, level: int) -> Any:
        """The level's style with the space a contents table's cell padding gave each line."""
        from reportlab.lib.styles import ParagraphStyle

        style = self.getLevelStyle(level)
        return ParagraphStyle(
            f"{style.name}-line", parent=style, spaceBefore=LINE_PADDING, spaceAfter=LINE_PADDING
        )

    def _draw_leader(self, canvas: Any) -> None:
        """After a line's title: dots up to the number column, then a marker where the number
        goes (see `fill_page_numbers`). Nothing after the first part of a title split over pages."""
        if self._leader is None:
            return
        (index, x, y, width), self._leader = self._leader, None
        level, _markup, _page, _key = self.planned[index]
        style = self.getLevelStyle(level)
        column = self._number_width(style)
        dot_width = stringWidth(DOT, style.fontName, style.fontSize)
        dots = max(0, int((width - column - x) / dot_width))
        text = canvas.beginText(width - column - dots * dot_width, y)
        text.setFont(style.fontName, style.fontSize)
        text.setFillColor(style.textColor)
        text.textLine(DOT * dots)
        canvas.drawText(text)
        canvas.addLiteral(f"{NUMBER_MARK} {index} {width!r} {y!r}")

    @staticmethod
    def _number_width(style: Any) -> float:
        return stringWidth("0000", style.fontName, style.fontSize)

    def fill_page_numbers(self, canvas: Any) -> None:
        """Put each entry's page number where its marker is, now that every page is known."""
        entries = contents_met(self)
        met = [(level, key) for level, _markup, _page, key in entries]
        if met != [(level, key) for level, _markup, _page, key in self.planned]:
            raise ContentsMismatch
        for page in pdf_pages(canvas):
            if page.Contents is None and isinstance(page.stream, str) and NUMBER_MARK in page.stream:
                page.stream = _NUMBER_LINE.sub(lambda line: self._number(canvas, line, entries), page.stream)

    def _number(self, canvas: Any, marker: re.Match[str], entries: list[Entry]) -> str:
        """The operators that draw an entry's page number right-aligned at the marker's place."""
        index, right, baseline = int(marker[1]), float(marker[2]), float(marker[3])
        level, _markup, page, _key = entries[index]
        style = self.getLevelStyle(level)
        number = str(page)
        text = canvas.beginText(right - stringWidth(number, style.fontName, style.fontSize), baseline)
        text.setFont(style.fontName, style.fontSize)
        text.setFillColor(style.textColor)
        text.textOut(number)
        return f"q {text.getCode()} Q"


class LinkedLine(Flowable):
    """A contents line that is one link to its section, from the title to the page number;
    `then` draws what follows the title (the leader)."""

    def __init__(self, line: Any, key: str, then: Callable[[Any], None]) -> None:
        super().__init__()
        self.line, self.key, self.then = line, key, then

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.line.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return [LinkedLine(part, self.key, self.then) for part in self.line.split(availWidth, availHeight)]

    def getSpaceBefore(self) -> float:
        return self.line.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.line.getSpaceAfter()

    def draw(self) -> None:
        self.line.drawOn(self.canv, 0, 0)
        self.then(self.canv)
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)
