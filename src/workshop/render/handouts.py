"""handouts.pdf: one page per roleplay role, so every player reads only their own brief.

Each role starts on a new page (a long brief may continue on the next, marked as such),
so cutting is never needed and no other role's secret is on the sheet. Observer pages
carry the checklist with boxes to tick and ruled lines for notes.

In a long workshop each roleplay's pages are a chapter (see `guide.chapters`): laid out
once, replayed by later builds, so editing one roleplay lays out only its pages again.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import BaseDocTemplate, Flowable, PageBreak, PageTemplate, Paragraph, Spacer

from workshop.content.agenda import agenda_roleplays
from workshop.content.labels import Language, label, plural
from workshop.content.loader import Workshop
from workshop.content.markup import escape_markup, inline_markup, to_plain
from workshop.content.models import Role, RoleplayCard
from workshop.content.units import mm, paper_size
from workshop.pdf.fonts import BOLD, ITALIC, REGULAR, register_fonts, shown_characters
from workshop.pdf.metadata import document_info
from workshop.pdf.paragraphs import paragraph
from workshop.pdf.reportlab_internals import pack_finished_page
from workshop.pdf.typography import MUTED, rgb
from workshop.render.context import (
    HANDOUT_PAGES,
    ContentDigests,
    HandoutLayout,
    PageRange,
    RenderContext,
    Store,
    digest,
    stored_streams,
)
from workshop.render.guide.chapters import (
    CHAPTERS_FROM,
    HANDOUT_CHAPTERS,
    Chapter,
    ChapteredDocument,
    ChapterStore,
)
from workshop.render.guide.doc import fit_text, flush_frame
from workshop.render.guide.flow import Rule, labelled, rich
from workshop.render.guide.styles import RULE, styles

OUTPUT = "handouts.pdf"
MARGIN = mm(20)
LINE_GAP = mm(8)
CAP_HEIGHT = 0.72  # of Lato, in ems


@dataclass(frozen=True)
class RolePage:
    """Who a page belongs to: shown in the footer and on continuation pages."""

    card: RoleplayCard
    role: Role
    number: int
    color: str


def render(workshop: Workshop, context: RenderContext) -> dict[str, bytes]:
    """Render handouts.pdf in memory; a workshop without roleplays gets none (and is told so).

    The pipeline lays the handouts out before (`context.handouts`), as the guide needs their
    page ranges too; called on its own, this lays them out.
    """
    layout = context.handouts or lay_out(workshop, context)
    if not layout.pages:
        context.note(f"No roleplays, so no {OUTPUT}.")
        return {}
    return {OUTPUT: layout.pdf}


def handout_order(workshop: Workshop) -> list[RoleplayCard]:
    """Every roleplay, those the agenda plays first and in its order, then the rest in deck
    order: the facilitator hands the sets out from the top of the pile."""
    played = [card for card in agenda_roleplays(workshop) if isinstance(card, RoleplayCard)]
    ids = {card.id for card in played}  # by id: comparing models field by field was quadratic
    rest = [card for card in workshop.cards if isinstance(card, RoleplayCard) and card.id not in ids]
    return played + rest


def lay_out(workshop: Workshop, context: RenderContext | None = None) -> HandoutLayout:
    """handouts.pdf and which pages hold which roleplay, for the handouts and the guide's
    printing instructions alike: counted by laying the handouts out (a long brief may run onto
    a second page), so the guide can never disagree with the file it describes. Not laid out
    at all when an earlier build laid out the same roleplays (see `cached_layout`)."""
    roleplays = handout_order(workshop)
    if not roleplays:
        return HandoutLayout(b"", [])
    context = context or RenderContext()
    pdf, pages = cached_layout(workshop, roleplays, context.store, context.digests_of(workshop))
    return HandoutLayout(pdf, pages)


CACHE_KIND = "handouts"


def cached_layout(
    workshop: Workshop, roleplays: list[RoleplayCard], store: Store, digests: ContentDigests
) -> tuple[bytes, list[PageRange]]:
    """`_layout`, or its result from `store` when every input of the handouts is the same.

    Editing a dilemma or the site's text then costs no handouts layout (a second or more on a
    large deck). The store keeps only the latest handouts, so it never grows.
    """
    key = store.key(
        CACHE_KIND,
        len(workshop.cards),
        [(workshop.number(card.id), digests.cards[card.id]) for card in roleplays],
    )
    cached = _from_cache(store.get(CACHE_KIND, key), roleplays)
    if cached is not None:
        return cached
    pdf, ranges = _layout(workshop, roleplays, store, digests)
    pages = json.dumps([[r.first, r.last] for r in ranges]).encode("ascii")
    store.put(CACHE_KIND, key, len(pages).to_bytes(4, "big") + pages + pdf)
    return pdf, ranges


def _from_cache(entry: bytes | None, roleplays: list[RoleplayCard]) -> tuple[bytes, list[PageRange]] | None:
    """The cached PDF and page ranges (the entry: their JSON's length, the JSON, the PDF)."""
    if entry is None:
        return None
    length = int.from_bytes(entry[:4], "big")
    pages = json.loads(entry[4 : 4 + length])
    return entry[4 + length :], [
        PageRange(card, first, last) for card, (first, last) in zip(roleplays, pages, strict=True)
    ]


def _layout(
    workshop: Workshop, roleplays: list[RoleplayCard], store: Store, digests: ContentDigests
) -> tuple[bytes, list[PageRange]]:
    buffer = io.BytesIO()
    chaptered = len(workshop.cards) >= CHAPTERS_FROM
    chapters = ChapterStore(store, HANDOUT_CHAPTERS) if chaptered else None
    doc = HandoutDocument(buffer, workshop, chapters)
    story: list[Any] = []
    for card in roleplays:
        if story:
            story.append(PageBreak())
        pages = [
            RolePage(card, role, workshop.number(card.id), workshop.config.theme.colors.roleplay)
            for role in card.roles
        ]
        story += [HandoutChapter(workshop, pages, digests)] if chaptered else _card_flow(workshop, pages)
    doc.build(story)
    starts = [doc.starts[card.id] for card in roleplays]
    ends = [start - 1 for start in starts[1:]] + [doc.page]
    ranges = [PageRange(card, first, last) for card, first, last in zip(roleplays, starts, ends, strict=True)]
    return buffer.getvalue(), ranges


def _card_flow(workshop: Workshop, pages: list[RolePage]) -> list[Any]:
    """One roleplay's pages: each role on its own."""
    flow: list[Any] = []
    for page in pages:
        if flow:
            flow.append(PageBreak())
        flow += role_page(page, workshop)
    return flow


class HandoutChapter(Chapter):
    """One roleplay's set of pages as a chapter; its digest covers all they show."""

    def __init__(self, workshop: Workshop, pages: list[RolePage], digests: ContentDigests) -> None:
        card = pages[0].card
        super().__init__(
            digest(
                "handouts",
                digests.config,
                len(workshop.cards),
                pages[0].number,
                digests.cards[card.id],
            ),
            lambda: _card_flow(workshop, pages),
            lambda: [],
        )
        self.card_id = card.id


class RoleMarker(Flowable):
    """Zero-size marker: from here on the pages belong to this role (and get an outline entry)."""

    def __init__(self, page: RolePage, first_of_card: bool) -> None:
        super().__init__()
        self.page, self.first_of_card = page, first_of_card

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        key = f"{self.page.card.id}-{self.page.card.roles.index(self.page.role)}"
        self.canv.bookmarkPage(key)
        if self.first_of_card:
            self.canv.bookmarkPage(self.page.card.id)
            self.canv.addOutlineEntry(
                to_plain(self.page.card.title), self.page.card.id, level=0, closed=False
            )
        self.canv.addOutlineEntry(to_plain(self.page.role.name), key, level=1)


class HandoutDocument(ChapteredDocument, BaseDocTemplate):
    """Pages with a type-colour band on top and a small footer naming workshop, card and role.

    With a chapter store, each roleplay is a chapter and the document is primed with every
    character the workshop shows, so chapters recorded by one build replay in the next.
    """

    def __init__(self, output: Any, workshop: Workshop, chapters: ChapterStore | None = None) -> None:
        register_fonts()
        self.init_chapters(chapters)
        self.workshop = workshop
        self.characters = ""
        if chapters is not None:
            self.characters = shown_characters(workshop)
        config = workshop.config
        super().__init__(
            output,
            pagesize=paper_size(config.print.paper),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=mm(26),
            bottomMargin=mm(22),
            invariant=1,
            initialFontName=REGULAR,
            creator="workshop",
            producer="workshop (reportlab)",
            **document_info(workshop, "handouts_title").template_args(),
        )
        self.workshop_title = to_plain(config.title)
        self.language: Language = config.language
        self.total_cards = len(workshop.cards)
        self.current: RolePage | None = None
        self.first_page = 0
        self.starts: dict[str, int] = {}  # card id → page its first role starts on
        frame = flush_frame(self, "role")
        self.addPageTemplates([PageTemplate("role", [frame], onPageEnd=self._decorate)])
        if chapters is not None:
            streams = stored_streams(self.chapters.store, HANDOUT_PAGES)
            self.setPageCallBack(lambda number: pack_finished_page(self.canv, encoded=streams))

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.showOutline()
        if self.characters:
            self.prime(self.characters)

    def _begin_chapter(self, chapter: Chapter, flowables: list[Any]) -> None:
        """A roleplay starts on this (fresh) page; its footer state starts empty, so a chapter's
        recording does not depend on the roleplay before it."""
        self.current = None
        self.starts.setdefault(getattr(chapter, "card_id", ""), self.page)
        super()._begin_chapter(chapter, flowables)

    def chapter_state(self) -> Any:
        """What the footer of a page reads: whose page it is, and how far past that role's first."""
        page = self.current
        if page is None:
            return None
        return [page.card.id, page.card.roles.index(page.role), self.page - self.first_page]

    def restore_chapter_state(self, state: Any) -> None:
        if state is None:
            self.current = None
            return
        card_id, role, pages_in = state
        card = self.workshop.card(card_id)
        assert isinstance(card, RoleplayCard)
        color = self.workshop.config.theme.colors.roleplay
        self.current = RolePage(card, card.roles[role], self.workshop.number(card_id), color)
        self.first_page = self.page - pages_in

    def afterFlowable(self, flowable: Any) -> None:
        if isinstance(flowable, RoleMarker):
            self.current, self.first_page = flowable.page, self.page
            self.starts.setdefault(flowable.page.card.id, self.page)

    def _decorate(self, canvas: Any, doc: Any) -> None:
        page = self.current
        if page is None:
            return
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(rgb(page.color))
        canvas.rect(0, height - mm(8), width, mm(8), stroke=0, fill=1)
        canvas.setFillColor(rgb(MUTED))
        if doc.page != self.first_page:
            canvas.setFont(ITALIC, 9)
            text = f"{to_plain(page.role.name)} ({label('continued', self.language)})"
            canvas.drawString(self.leftMargin, height - mm(16), fit_text(text, ITALIC, 9, self.width))
        canvas.setStrokeColor(rgb(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, mm(15), width - self.rightMargin, mm(15))
        right = f"{to_plain(page.card.title)} · {page.card.id} · {page.number}/{self.total_cards} · {to_plain(page.role.name)}"
        canvas.setFont(REGULAR, 8)
        right = fit_text(right, REGULAR, 8, self.width * 0.62)
        canvas.drawRightString(width - self.rightMargin, mm(10.5), right)
        canvas.setFont(BOLD, 8)
        canvas.drawString(
            self.leftMargin, mm(10.5), fit_text(self.workshop_title, BOLD, 8, self.width * 0.36)
        )
        canvas.restoreState()


def role_page(page: RolePage, workshop: Workshop) -> list[Any]:
    """Roleplay title and setting, the role's name large, the privacy line, the brief, the checklist."""
    lang = workshop.config.language
    st = styles(lang)
    card, role = page.card, page.role
    kicker = f"{label('roleplay', lang).upper()}  ·  {label('card_n', lang, n=page.number, total=len(workshop.cards))}"
    first = card.roles.index(role) == 0
    flow: list[Any] = [
        RoleMarker(page, first),
        paragraph(f'<font color="{page.color}"><b>{escape_markup(kicker)}</b></font>', st.small),
        Spacer(1, 4),
        paragraph(inline_markup(card.title), st.h1),
        *labelled(label("setting", lang), st.label, rich(card.setting, st.setting)),
        paragraph(
            escape_markup(f"{label('play_time', lang)}: {plural('minutes_n', lang, card.minutes)}"), st.muted
        ),
        Spacer(1, 6),
        Rule(RULE, 0.8, 8),
        paragraph(escape_markup(label("your_role", lang).upper()), st.label),
        paragraph(f'<font color="{page.color}">{inline_markup(role.name)}</font>', st.role_name),
        paragraph(f"<i>{escape_markup(label('brief_private', lang))}</i>", st.muted),
        Spacer(1, 10),
    ]
    if role.brief:
        flow += rich(role.brief, st.brief)
    if role.observe:
        flow += observer_checklist(role, lang)
    return flow


def observer_checklist(role: Role, lang: Language) -> list[Any]:
    """Tick boxes for each item, then ruled lines for notes to the foot of the page."""
    st = styles(lang)
    items = [CheckItem(paragraph(inline_markup(item), st.check)) for item in role.observe or []]
    flow = labelled(
        label("observe", lang), st.label, [paragraph(escape_markup(label("observer_tick", lang)), st.muted)]
    )
    flow += [Spacer(1, 4), *items, Spacer(1, 8)]
    flow.append(NoteLines(label("observer_notes", lang).upper()))
    return flow


class CheckItem(Flowable):
    """A box to tick beside a checklist item, with a ruled line under it for what was said."""

    BOX = mm(5)
    INDENT = mm(9)

    def __init__(self, text: Paragraph) -> None:
        super().__init__()
        self.text = text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _, self.text_height = self.text.wrap(avail_width - self.INDENT, avail_height)
        self.height = self.text_height + LINE_GAP + mm(3)
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        canvas.setStrokeColor(HexColor("#1D1D1F"))
        canvas.setLineWidth(0.9)
        # centred on the capitals of the first line (baseline one font size below the top)
        size = self.text.style.fontSize
        middle = top - size + CAP_HEIGHT * size / 2
        canvas.rect(0, middle - self.BOX / 2, self.BOX, self.BOX, stroke=1, fill=0)
        self.text.drawOn(canvas, self.INDENT, top - self.text_height)
        canvas.setStrokeColor(HexColor(RULE))
        canvas.setLineWidth(0.6)
        canvas.line(self.INDENT, mm(3), self.width, mm(3))


class NoteLines(Flowable):
    """A 'Notes' heading and ruled lines filling the rest of the frame (at least three lines,
    else they move to the next page)."""

    HEAD = mm(6)

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        lines = max(3, int((avail_height - self.HEAD) // LINE_GAP))
        self.height = self.HEAD + lines * LINE_GAP
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(BOLD, 7.5)
        canvas.setFillColor(HexColor("#1D1D1F"))
        canvas.drawString(0, self.height - mm(3.5), self.title)
        canvas.setStrokeColor(HexColor(RULE))
        canvas.setLineWidth(0.6)
        y = self.height - self.HEAD - LINE_GAP
        while y >= -0.01:
            canvas.line(0, y, self.width, y)
            y -= LINE_GAP
