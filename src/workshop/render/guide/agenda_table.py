"""The agenda table: it breaks between card titles, never inside one, and says where it goes on.

reportlab's Table can split a row across pages (`splitInRow`), but the part on the next
page then starts with empty time and block cells, and may cut a title between its lines
(or a hyphenated word between its halves). Here each block is one row whose cards are
separate paragraphs; when a block does not fit on the page, the table breaks between two
of its cards, and the rest of the block starts the next page under the repeated header
with its time and title again, marked "(continued)".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Table, TableStyle

from workshop.pdf.fonts import REGULAR
from workshop.render.guide.styles import RULE, SHADE

INK = "#1D1D1F"


@dataclass(frozen=True)
class AgendaRow:
    """One block: its time, title, kind and minutes cells, and one paragraph per card."""

    lead: tuple[Any, ...]
    cards: tuple[Any, ...]
    continued: tuple[Any, ...]
    """The lead cells where the block goes on after a page break (time and title again)."""
    shaded: bool = False

    def cells(self) -> list[Any]:
        return [*self.lead, list(self.cards) or ""]

    def head(self, end: int) -> AgendaRow:
        """The block's cards before `end`: what stays on this page."""
        return replace(self, cards=self.cards[:end])

    def rest(self, start: int) -> AgendaRow:
        """The block's cards from `start` on, under the continued lead: what the next page shows."""
        return replace(self, lead=self.continued, cards=self.cards[start:])


class AgendaTable(Flowable):
    """A header row, block rows and (in the last part) a total row, split only between cards."""

    def __init__(
        self, header: list[Any], rows: list[AgendaRow], total: list[Any] | None, widths: list[float | None]
    ) -> None:
        super().__init__()
        self.header, self.rows, self.total, self.widths = header, rows, total, widths
        self._table: Table | None = None

    def _make(self, rows: list[AgendaRow], total: list[Any] | None) -> Table:
        data = [self.header, *(row.cells() for row in rows)]
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # also for empty cells: never Helvetica
            ("LINEBELOW", (0, 0), (-1, 0), 1, HexColor(INK)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (3, 0), (3, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
        if len(rows) > 1:
            style.append(("LINEBELOW", (0, 1), (-1, len(rows) - 1), 0.5, HexColor(RULE)))
        for number, row in enumerate(rows, 1):
            if row.shaded:
                style.append(("BACKGROUND", (0, number), (-1, number), HexColor(SHADE)))
        if total is not None:
            data.append(total)
            style.append(("LINEABOVE", (0, -1), (-1, -1), 1, HexColor(INK)))
        table = Table(data, colWidths=self.widths)
        table.setStyle(TableStyle(style))
        return table

    def _height(self, rows: list[AgendaRow], total: list[Any] | None, width: float) -> float:
        return float(self._make(rows, total).wrap(width, 1e9)[1])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._table = self._make(self.rows, self.total)
        width, height = self._table.wrap(availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        assert self._table is not None  # platypus wraps before it draws
        self._table.drawOn(self.canv, 0, 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """What fits on this page and the rest: between blocks, or between two cards of a block.

        A part never holds only the header; the total row never starts a page alone.
        """
        rows = self.rows
        fitting = 0
        while fitting < len(rows) and self._height(rows[: fitting + 1], None, availWidth) <= availHeight:
            fitting += 1
        if fitting == len(rows):  # all blocks fit but not the total: take the last block along
            fitting -= 1
            if fitting <= 0:
                return []
        block = rows[fitting]
        low, high = 0, len(block.cards) - 1  # how many of its cards fit with the blocks before it
        while low < high:
            middle = (low + high + 1) // 2
            if self._height([*rows[:fitting], block.head(middle)], None, availWidth) <= availHeight:
                low = middle
            else:
                high = middle - 1
        if low > 0:
            first = AgendaTable(self.header, [*rows[:fitting], block.head(low)], None, self.widths)
            rest = [block.rest(low), *rows[fitting + 1 :]]
        elif fitting > 0:
            first, rest = AgendaTable(self.header, rows[:fitting], None, self.widths), rows[fitting:]
        else:
            return []
        return [first, AgendaTable(self.header, rest, self.total, self.widths)]
