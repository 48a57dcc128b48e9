"""guide.pdf: the facilitator guide, from which a facilitator can run the whole session.

Cover → contents → overview (goals, facts, materials, room) → printing → agenda table →
the session block by block, each card with its full notes and QR code → an appendix with
every card the agenda does not use, so nothing written is left out. Laid out in one pass
(the contents' page numbers are drawn last, see `guide.contents`), in chapters that later
builds replay (see `guide.chapters`); reproducible byte for byte.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import NextPageTemplate, PageBreak, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from workshop.content.agenda import max_participants, unused_cards
from workshop.content.labels import label
from workshop.content.loader import Workshop
from workshop.content.markup import escape_markup
from workshop.content.units import mm, paper_size
from workshop.pdf.fonts import REGULAR, shown_characters
from workshop.pdf.metadata import document_info
from workshop.pdf.paragraphs import paragraph
from workshop.render.context import ContentDigests, PageRange, RenderContext, digest
from workshop.render.guide import front, session
from workshop.render.guide.cardnotes import CardContext, card_bookmark, card_notes
from workshop.render.guide.chapters import CHAPTER_CARDS, CHAPTERS_FROM, Chapter, ChapterStore
from workshop.render.guide.contents import ContentsMismatch, OnePassContents
from workshop.render.guide.doc import GuideDocument
from workshop.render.guide.flow import Bookmark
from workshop.render.guide.styles import styles

if TYPE_CHECKING:
    from workshop.render.guide.sharing import SharedChapters

OUTPUT = "guide.pdf"


def render(workshop: Workshop, context: RenderContext) -> dict[str, bytes]:
    """Render guide.pdf in memory, replaying the chapters earlier builds recorded (see `guide.chapters`).

    The handouts' page ranges come from `context.handouts`, which the pipeline lays out first.
    """
    if context.handouts is None:
        raise ValueError(
            "the guide prints the handouts' pages: lay the handouts out first (context.handouts)"
        )
    return {OUTPUT: guide_pdf(workshop, context.handouts.pages, context)}


def guide_pdf(
    workshop: Workshop, handouts: Sequence[PageRange], context: RenderContext | None = None
) -> bytes:
    """The guide in one layout pass; the classic multi-pass build only if the contents disagree.

    `handouts` are the pages of handouts.pdf per roleplay, for the printing instructions
    (`handouts.lay_out`). The context's store holds recorded chapters to replay and receives
    those this build records.
    """
    try:
        return _guide_pdf(workshop, handouts, one_pass=True, context=context)
    except ContentsMismatch:
        return _guide_pdf(workshop, handouts, one_pass=False, context=context)


def _guide_pdf(
    workshop: Workshop,
    handouts: Sequence[PageRange],
    *,
    one_pass: bool,
    context: RenderContext | None = None,
) -> bytes:
    context = context or RenderContext()
    buffer = io.BytesIO()
    if one_pass:
        doc = _document(workshop, buffer, ChapterStore(context.store), context.sharing)
    else:
        doc = _document(workshop, buffer, None)
    flow = story(workshop, handouts, one_pass=one_pass, context=context)
    contents = next((f.contents for f in flow if isinstance(f, ContentsChapter)), None)
    if contents is not None:
        doc.build_once(flow, contents)
    else:
        flow = [item for part in flow for item in (part.make() if isinstance(part, Chapter) else [part])]
        doc.multiBuild(flow)
    return buffer.getvalue()


def _document(
    workshop: Workshop,
    buffer: Any,
    chapters: ChapterStore | None,
    shared: SharedChapters | None = None,
    *,
    characters: str | None = None,
    detached: bool = False,
) -> GuideDocument:
    """The guide's document; long guides primed with every character they show (`characters`,
    worked out if not given), so a chapter recorded in one build, or in another process
    (`shared`, `detached`: see `sharing`), codes its characters as this document does."""
    config, lang = workshop.config, workshop.config.language
    long_guide = len(workshop.cards) >= CHAPTERS_FROM
    if long_guide and characters is None:
        characters = shown_characters(workshop)
    return GuideDocument(
        buffer,
        pagesize=paper_size(config.print.paper),
        header_right=label("guide", lang),
        page_label=label("page", lang),
        cover=_cover_decoration(workshop),
        **document_info(workshop, "guide").template_args(),
        chapters=chapters,
        prime=characters if long_guide else None,
        shared=shared,
        detached=detached,
    )


def detached_document(
    workshop: Workshop, buffer: Any, chapters: ChapterStore, characters: str, state: Any
) -> GuideDocument:
    """A document that only records chapters for the guide (see `sharing`), starting its
    first body page in `state` (the guide's `chapter_state` where the chapter begins)."""
    doc = _document(workshop, buffer, chapters, characters=characters, detached=True)
    doc.block = state[0]  # the next page begins in this block: its state is `state` again
    return doc


def _planned_entries(flow: list[Any]) -> list[tuple[int, str, int, str]]:
    """The contents' lines, from the story's bookmarks, before any layout (pages not known).

    Chapters say which bookmarks they will bring without being made: a 1,000-card guide
    never holds all its flowables at once.
    """
    entries: list[tuple[int, str, int, str]] = []
    for item in flow:
        marks = item.marks() if isinstance(item, Chapter) else _bookmarks([item])
        entries += [(b.level, b.markup, 0, b.key) for b in marks if b.toc]
    return entries


def _bookmarks(flowables: list[Any]) -> Iterator[Bookmark]:
    """Every Bookmark in reading order, inside keep-together groups too."""
    for flowable in flowables:
        if isinstance(flowable, Bookmark):
            yield flowable
        content = getattr(flowable, "_content", None)
        if isinstance(content, list):
            yield from _bookmarks(content)


def story(
    workshop: Workshop,
    handouts: Sequence[PageRange] = (),
    *,
    one_pass: bool = False,
    context: RenderContext | None = None,
) -> list[Any]:
    """Every flowable of the guide, in reading order; the parts after the contents as chapters."""
    lang = workshop.config.language
    st = styles(lang)
    context = context or RenderContext()
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
    heading = paragraph(escape_markup(label("contents", lang)), st.h1)
    rest = chapters_after_contents(workshop, context, handouts)
    flow: list[Any] = [*front.cover(workshop), NextPageTemplate("body"), PageBreak()]
    if not one_pass:
        return [*flow, heading, toc, PageBreak(), *rest]
    entries = _planned_entries(rest)
    contents = OnePassContents(entries, **_contents_options(toc))
    return [*flow, ContentsChapter(context.digests_of(workshop), heading, contents), PageBreak(), *rest]


def chapters_after_contents(
    workshop: Workshop, context: RenderContext, handouts: Sequence[PageRange] = ()
) -> list[Any]:
    """The story after the contents (`chapter_story`), its chapters numbered from 1: the
    contents are chapter 0 (see `sharing`, which needs these without the contents)."""
    ctx = CardContext(workshop, max_participants(workshop.config.group_size), context.codes)
    rest = [*chapter_story(workshop, ctx, context.digests_of(workshop), handouts)]
    for index, chapter in enumerate((item for item in rest if isinstance(item, Chapter)), start=1):
        chapter.index = index
    return rest


class ContentsChapter(Chapter):
    """The contents as a chapter: laid out once for these lines, replayed after that.

    Its page numbers are written in after the last page (see `guide.contents`), so its
    pages depend only on the lines; the contents object itself is there either way, to
    collect the pages the other chapters report and to fill in the numbers at the end.
    """

    def __init__(self, digests: ContentDigests, heading: Any, contents: OnePassContents) -> None:
        super().__init__(
            digest("contents", digests.config, contents.planned),
            lambda: [heading, contents],
            lambda: [],
        )
        self.contents = contents
        self.index = 0


def chapter_story(
    workshop: Workshop, ctx: CardContext, digests: ContentDigests, handouts: Sequence[PageRange] = ()
) -> Iterator[Any]:
    """Overview and printing, agenda, session and appendix as chapters, each on a new page.

    Long guides cut the session and the appendix into chapters of about CHAPTER_CARDS
    cards. Each chapter's digest covers everything it shows: the workshop settings (which
    hold the agenda), and the cards it prints with their numbers.
    """
    config = workshop.config
    settings = digests.config
    total = len(workshop.cards)
    size = CHAPTER_CARDS if total >= CHAPTERS_FROM else None
    lang = config.language
    block: str | None = None
    """The agenda block page footers name where the next chapter begins (see `sharing`)."""
    yield Chapter(
        lambda: digest("front", settings, total, _handout_facts(handouts)),
        lambda: [*front.overview(workshop), *front.printing(workshop, handouts)],
        lambda: [
            front.section_bookmark("overview", label("overview", lang)),
            front.section_bookmark("printing", label("printing", lang)),
        ],
    )
    if config.agenda:
        agenda = config.agenda
        titles = [(card.id, card.type, card.title) for card in workshop.cards]
        yield PageBreak()
        yield Chapter(
            digest("agenda", settings, titles),
            lambda: session.agenda_table(workshop, agenda),
            lambda: [front.section_bookmark("agenda", label("agenda", lang))],
        )
        for number, part in enumerate(session.session_parts(agenda, size)):
            cards = [agenda.blocks[index].cards[a:b] for index, a, b in part]
            yield PageBreak()
            chapter = Chapter(
                digest("session", settings, total, part, number == 0, _card_facts(workshop, digests, cards)),
                partial(session.part_flowables, workshop, agenda, ctx, part, first_part=number == 0),
                partial(session.part_bookmarks, workshop, agenda, part, first_part=number == 0),
            )
            chapter.state_before = [block, block, True]
            block = _block_after(chapter.marks(), block)
            yield chapter
    rest = unused_cards(workshop)
    runs = [rest[i : i + size] for i in range(0, len(rest), size)] if size else [rest] if rest else []
    for number, run in enumerate(runs):
        yield PageBreak()
        ids = [card.id for card in run]
        chapter = Chapter(
            digest(
                "appendix",
                settings,
                total,
                number == 0,
                run[-1] is rest[-1],
                _card_facts(workshop, digests, [ids]),
            ),
            partial(_appendix, workshop, ctx, run, first=number == 0, last=run[-1] is rest[-1]),
            partial(_appendix_bookmarks, workshop, run, first=number == 0),
        )
        chapter.state_before = [block, block, True]
        block = _block_after(chapter.marks(), block)
        yield chapter


def _block_after(marks: list[Bookmark], block: str | None) -> str | None:
    """The agenda block page footers name after these bookmarks (`GuideDocument.afterFlowable`):
    the last block begun, none after a section's heading."""
    for mark in marks:
        if mark.names_block:
            block = mark.footer_block
    return block


def _handout_facts(handouts: Sequence[PageRange]) -> list[Any]:
    """What the overview and printing pages show of the roleplays: per set in handouts.pdf its
    card, title, role names and pages (their briefs and settings are not shown there), so an
    edited brief that keeps its pages replays the chapter."""
    return [
        (sets.card.id, sets.card.title, [role.name for role in sets.card.roles], sets.first, sets.last)
        for sets in handouts
    ]


def _card_facts(workshop: Workshop, digests: ContentDigests, runs: list[list[str]]) -> list[Any]:
    """What a chapter shows of its cards: their content and their numbers."""
    return [(workshop.number(card_id), digests.cards[card_id]) for run in runs for card_id in run]


def _appendix_bookmarks(workshop: Workshop, run: list[Any], *, first: bool) -> list[Bookmark]:
    title = label("appendix" if workshop.config.agenda else "all_cards", workshop.config.language)
    marks = [front.section_bookmark("appendix", title)] if first else []
    return marks + [card_bookmark(card, 1) for card in run]


def _appendix(workshop: Workshop, ctx: CardContext, run: list[Any], *, first: bool, last: bool) -> list[Any]:
    """Cards the agenda does not use (or every card, without an agenda), so nothing is left out."""
    lang = workshop.config.language
    flow: list[Any] = []
    if first:
        title = label("appendix" if workshop.config.agenda else "all_cards", lang)
        flow += front.section("appendix", title, styles(lang))
    for card in run:
        flow += card_notes(card, ctx, level=1, tail=3 if last and card is run[-1] else 2)
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
