"""Small flowables and helpers the guide and the handouts share.

`Bookmark` marks a place for the PDF outline and the table of contents; the document
template turns each into an outline entry after it is laid out, so the page is known.
`rich` turns content text (the Markdown subset) into paragraphs, bullets as bullets.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from workshop.content.markup import escape_markup, to_reportlab
from workshop.pdf.paragraphs import paragraph
from workshop.pdf.qr import Symbol, draw_qr
from workshop.pdf.reportlab_internals import (
    add_keep_together_height,
    keep_together_content,
    placed_in_frame_top,
)

BULLET_INDENT = 13


class QRCode(Flowable):
    """A QR code (with its quiet zone) as a square of `size` points."""

    def __init__(self, symbol: Symbol, size: float) -> None:
        super().__init__()
        self.symbol = symbol
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.symbol, 0, 0, self.size)


BLOCK_KEY = "block-"
"""How the key of an agenda block's bookmark begins (`session.block_bookmark`)."""


class Bookmark(Flowable):
    """An invisible anchor: an outline entry (and a table-of-contents line when `toc`)."""

    def __init__(self, key: str, text: str, markup: str, level: int, *, toc: bool = True) -> None:
        super().__init__()
        self.key, self.text, self.markup, self.level, self.toc = key, text, markup, level, toc

    @property
    def names_block(self) -> bool:
        """Whether page footers name another block after this mark: an agenda block's own
        (`footer_block`), or none after a section's heading (level 0)."""
        return self.key.startswith(BLOCK_KEY) or self.level == 0

    @property
    def footer_block(self) -> str | None:
        """The block page footers name after this mark, when it `names_block`."""
        return self.text if self.key.startswith(BLOCK_KEY) else None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 12)


def at_frame_top(flowable: Flowable) -> bool:
    """True while `flowable` is being placed first in its frame (reportlab sets `_frame` then)."""
    return bool(placed_in_frame_top(flowable))


class Gap(Flowable):
    """Vertical space between items that disappears at the top of a page (unlike a Spacer)."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.gap = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 0 if at_frame_top(self) else min(self.gap, avail_height)

    def draw(self) -> None:
        pass


class Rule(Flowable):
    """A horizontal line across the frame, in `color`."""

    def __init__(self, color: str, thickness: float = 0.6, space: float = 4) -> None:
        super().__init__()
        self.color, self.thickness, self.space = color, thickness, space
        self.hidden = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.hidden = at_frame_top(self)
        if self.hidden:  # a separator at the top of a page would only double the header's rule
            return avail_width, 0
        return avail_width, self.thickness + 2 * self.space

    def draw(self) -> None:
        if self.hidden:
            return
        self.canv.setStrokeColor(HexColor(self.color))
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.space, self.width, self.space)


def rich(text: str, style: Any) -> list[Paragraph]:
    """Content text → paragraphs; list items become bulleted paragraphs, indented per level."""
    paragraphs: list[Paragraph] = []
    for block in to_reportlab(text):
        if block.bullet is None:
            paragraphs.append(paragraph(block.markup, style))
        else:
            paragraphs.append(paragraph(block.markup, bulleted(style, block.level), bulletText=block.bullet))
    return paragraphs


def bulleted(style: Any, level: int = 0, indent: float = BULLET_INDENT) -> Any:
    """A copy of `style` with room for a bullet at nesting `level`."""
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        f"{style.name}-bullet{level}-{indent}",
        parent=style,
        leftIndent=style.leftIndent + indent * (level + 1),
        bulletIndent=style.leftIndent + indent * level + 1,
        spaceAfter=2,
    )


def bullets(items: list[str], style: Any, bullet: str = "•", *, plain: bool = False) -> list[Paragraph]:
    """One bulleted paragraph per item: content (inline Markdown) or, with `plain`, literal text."""
    from workshop.content.markup import inline_markup

    item_style = bulleted(style)
    return [
        paragraph(escape_markup(item) if plain else inline_markup(item), item_style, bulletText=bullet)
        for item in items
    ]


def labelled(label_text: str, label_style: Any, flowables: list[Any]) -> list[Any]:
    """A small heading kept with the first thing under it, so no label ends a page alone."""
    head = paragraph(escape_markup(label_text.upper()), label_style)
    if not flowables:
        return [head]
    return [keep([head, flowables[0]]), *flowables[1:]]


class Keep(KeepTogether):
    """KeepTogether that also counts the space above its first visible flowable.

    reportlab measures a KeepTogether as if its first flowable with height stood at the top
    of a frame, so when invisible anchors (Bookmark) come first, the heading's spaceBefore is
    left out of the sum, though the frame adds it when the group lands mid-page: a group
    22 pt too tall "fits" and its last line spills onto a page of its own.
    """

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        size = super().wrap(aW, aH)
        if placed_in_frame_top(self) is False:
            add_keep_together_height(self, _hidden_space_before(keep_together_content(self)))
        return size


def _hidden_space_before(content: list[Any]) -> float:
    """The spaceBefore of the first flowable after leading anchors (0 without anchors)."""
    if not content or not isinstance(content[0], Bookmark):
        return 0
    for item in content:
        if not isinstance(item, Bookmark):
            return float(item.getSpaceBefore())
    return 0


def keep(items: list[Any]) -> KeepTogether:
    """Keep over `items`, with nested KeepTogethers flattened: reportlab breaks the
    page before a KeepTogether nested in another even when both fit."""
    flat: list[Any] = []
    for item in items:
        flat += (
            keep_together_content(keep(keep_together_content(item)))
            if isinstance(item, KeepTogether)
            else [item]
        )
    return Keep(flat)
