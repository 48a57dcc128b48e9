"""A table of contents laid out in one pass: its page numbers are filled in at the very end.

reportlab's TableOfContents needs `multiBuild`: the whole guide is laid out again and again
until the page numbers stop changing — three passes, the guide's biggest cost on a long
deck. Here the entries are known before layout (every Bookmark of the story), their page
numbers do not change the contents' height, and each number is drawn as a PDF form
XObject that the contents page refers to and that is defined once the last page is done
(forward references are allowed in PDF). One pass; the same page.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.utils import escapeOnce
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table
from reportlab.platypus.tableofcontents import TableOfContents

from ..paragraphs import paragraph

DOT = " . "
Entry = tuple[int, str, int, str]  # level, markup, page, bookmark key


class ContentsMismatch(Exception):
    """The entries laid out in advance are not the ones the pass met: lay out the classic way."""


class OnePassContents(TableOfContents):
    """Contents whose lines are given up front (`entries`) and whose numbers come last."""

    def __init__(self, entries: list[Entry], **options: Any) -> None:
        super().__init__(**options)
        self.planned = list(entries)
        self._lastEntries = self.planned  # what `wrap` lays out
        self._entries = []  # what the pass meets (TableOfContents.addEntry appends here)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        def draw_end(canvas: Any, kind: str, label: str) -> None:
            self._draw_leader(canvas, int(label), availWidth)

        self.canv.setNamedCB("contentsEnd", draw_end)
        rows: list[list[Any]] = []
        for index, (level, markup, _page, key) in enumerate(self.planned):
            style = self.getLevelStyle(level)
            text = f'<a href="#{escapeOnce(key)}">{markup}</a><onDraw name="contentsEnd" label="{index}"/>'
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            rows.append([paragraph(text, style)])
        self._table = Table(rows, colWidths=(availWidth,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def _draw_leader(self, canvas: Any, index: int, width: float) -> None:
        """Dots up to the number column, then the number (a form defined at the end), linked."""
        level, _markup, _page, key = self.planned[index]
        style = self.getLevelStyle(level)
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        column = self._number_width(style)
        dot_width = stringWidth(DOT, style.fontName, style.fontSize)
        dots = max(0, int((width - column - x) / dot_width))
        text = canvas.beginText(width - column - dots * dot_width, y)
        text.setFont(style.fontName, style.fontSize)
        text.setFillColor(style.textColor)
        text.textLine(DOT * dots)
        canvas.drawText(text)
        canvas.saveState()
        canvas.translate(width, y)
        canvas.doForm(_form_name(index))
        canvas.restoreState()
        canvas.linkRect("", key, (width - column, y, width, y + style.leading), relative=1)

    @staticmethod
    def _number_width(style: Any) -> float:
        return stringWidth("0000", style.fontName, style.fontSize)

    def draw_page_numbers(self, canvas: Any) -> None:
        """Define each entry's number form, now that every page is known."""
        met = [(level, key) for level, _markup, _page, key in self._entries]
        if met != [(level, key) for level, _markup, _page, key in self.planned]:
            raise ContentsMismatch
        for index, (level, _markup, page, _key) in enumerate(self._entries):
            style = self.getLevelStyle(level)
            column = self._number_width(style)
            canvas.beginForm(_form_name(index), -column, -style.fontSize, 0, 2 * style.fontSize)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawRightString(0, 0, str(page))
            canvas.endForm()


def _form_name(index: int) -> str:
    return f"contents-page-{index}"
