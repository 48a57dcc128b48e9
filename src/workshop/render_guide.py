"""guide.pdf: the facilitator guide, from which a facilitator can run the whole session.

Cover → contents → overview (goals, facts, materials, room) → printing → agenda table →
the session block by block, each card with its full notes and QR code → an appendix with
every card the agenda does not use, so nothing written is left out. Built with platypus
`multiBuild` so the contents know their page numbers; reproducible byte for byte.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from .context import RenderContext
from .fonts import REGULAR
from .guide import front, session
from .guide.cardnotes import CardContext, card_notes
from .guide.contents import ContentsMismatch, OnePassContents
from .guide.doc import GuideDocument
from .guide.flow import Bookmark
from .guide.plan import max_participants, unused_cards
from .guide.styles import styles
from .labels import label
from .loader import Workshop
from .markup import to_plain
from .units import mm, paper_size

OUTPUT = "guide.pdf"


def render(workshop: Workshop, context: RenderContext) -> dict[str, bytes]:
    """Render guide.pdf in memory."""
    return {OUTPUT: guide_pdf(workshop)}


def guide_pdf(workshop: Workshop) -> bytes:
    """The guide in one layout pass; the classic multi-pass build only if the contents disagree."""
    try:
        return _guide_pdf(workshop, one_pass=True)
    except ContentsMismatch:
        return _guide_pdf(workshop, one_pass=False)


def _guide_pdf(workshop: Workshop, *, one_pass: bool) -> bytes:
    config, lang = workshop.config, workshop.config.language
    buffer = io.BytesIO()
    doc = GuideDocument(
        buffer,
        pagesize=paper_size(config.print.paper),
        title=to_plain(config.title),
        header_right=label("guide", lang),
        page_label=label("page", lang),
        cover=_cover_decoration(workshop),
        author=to_plain(config.author) if config.author else None,
        subject=label("guide", lang),
        lang=lang,
    )
    flow = story(workshop, one_pass=one_pass)
    contents = next((f for f in flow if isinstance(f, TableOfContents)), None)
    if isinstance(contents, OnePassContents):
        doc.build_once(flow, contents)
    else:
        doc.multiBuild(flow)
    return buffer.getvalue()


def _planned_entries(flow: list[Any]) -> list[tuple[int, str, int, str]]:
    """The contents' lines, from the story's bookmarks, before any layout (pages not known)."""
    return [(b.level, b.markup, 0, b.key) for b in _bookmarks(flow) if b.toc]


def _bookmarks(flowables: list[Any]) -> Iterator[Bookmark]:
    """Every Bookmark in reading order, inside keep-together groups too."""
    for flowable in flowables:
        if isinstance(flowable, Bookmark):
            yield flowable
        content = getattr(flowable, "_content", None)
        if isinstance(content, list):
            yield from _bookmarks(content)


def story(workshop: Workshop, *, one_pass: bool = False) -> list[Any]:
    """Every flowable of the guide, in reading order."""
    config, lang = workshop.config, workshop.config.language
    st = styles(lang)
    ctx = CardContext(workshop, max_participants(config.group_size))
    toc = TableOfContents(
        levelStyles=[st.toc0, st.toc1, st.toc2],
        dotsMinLevel=0,
        rightColumnWidth=mm(12),
        tableStyle=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # its default is Helvetica
                # the styles' leading spaces the lines; the default 3 pt cell padding on top of
                # that pushes a 40-entry contents onto a second, nearly empty page
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ]
        ),
    )
    flow: list[Any] = [*front.cover(workshop), NextPageTemplate("body"), PageBreak()]
    flow += [Paragraph(escape(label("contents", lang)), st.h1), toc, PageBreak()]
    flow += [*front.overview(workshop), *front.printing(workshop), PageBreak()]
    if config.agenda:
        flow += [*session.agenda_table(workshop, config.agenda), PageBreak()]
        flow += [*session.blocks(workshop, config.agenda, ctx)]
    rest = unused_cards(workshop)
    if rest:
        title = label("appendix" if config.agenda else "all_cards", lang)
        flow += [PageBreak(), *front.section("appendix", title, st)]
        for card in rest:
            flow += card_notes(card, ctx, level=1, tail=3 if card is rest[-1] else 2)
    if one_pass:
        flow[flow.index(toc)] = OnePassContents(_planned_entries(flow), **_contents_options(toc))
    return flow


def _contents_options(toc: TableOfContents) -> dict[str, Any]:
    return {
        "levelStyles": toc.levelStyles,
        "dotsMinLevel": toc.dotsMinLevel,
        "rightColumnWidth": toc.rightColumnWidth,
        "tableStyle": toc.tableStyle,
    }


def _cover_decoration(workshop: Workshop) -> Any:
    """A band in the three type colours across the top of the cover."""
    colors = workshop.config.theme.colors
    bands = (colors.dilemma, colors.roleplay, colors.reflection)

    def draw(canvas: Any, doc: Any) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        for i, color in enumerate(bands):
            canvas.setFillColor(HexColor(color))
            canvas.rect(i * width / 3, height - mm(9), width / 3 + 0.5, mm(9), stroke=0, fill=1)
        canvas.restoreState()

    return draw
