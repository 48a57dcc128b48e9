"""The agenda as a table with clock times, then every block: its instructions and its cards."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import KeepTogether, Paragraph

from workshop.content.agenda import clock_times
from workshop.content.labels import Language, label, plural
from workshop.content.loader import Workshop
from workshop.content.markup import escape_markup, inline_markup, to_plain
from workshop.content.models import Agenda, Block
from workshop.content.units import mm
from workshop.pdf.paragraphs import paragraph
from workshop.render.guide.agenda_table import AgendaRow, AgendaTable
from workshop.render.guide.cardnotes import CardContext, card_bookmark, card_notes
from workshop.render.guide.flow import BLOCK_KEY, Bookmark, Gap, Rule, keep, labelled, rich
from workshop.render.guide.front import section, section_bookmark
from workshop.render.guide.styles import RULE, styles


def agenda_table(workshop: Workshop, agenda: Agenda) -> list[Any]:
    """Time, block, kind, minutes and the titles of its cards; breaks shaded; a total row.

    The table breaks between card titles only (`AgendaTable`); each title hangs after its
    dot, so a wrapped title lines up under its first word.
    """
    lang = workshop.config.language
    st = styles(lang)
    head = [label(key, lang) for key in ("time", "block", "kind", "minutes_short", "cards")]
    header: list[Any] = [paragraph(escape_markup(text), st.cell_bold) for text in head]
    header[3] = paragraph(escape_markup(head[3]), st.cell_number_bold)
    rows = [
        _block_row(workshop, i, block, label("time_range", lang, start=start, end=end))
        for i, (block, (start, end)) in enumerate(zip(agenda.blocks, clock_times(agenda), strict=True), 1)
    ]
    total = sum(block.minutes for block in agenda.blocks)
    first, last = clock_times(agenda)[0][0], clock_times(agenda)[-1][1]
    total_row = [
        paragraph(label("time_range", lang, start=first, end=last), st.cell_bold),
        paragraph(escape_markup(label("total", lang)), st.cell_bold),
        "",
        paragraph(str(total), st.cell_number_bold),
        "",
    ]
    table = AgendaTable(header, rows, total_row, [mm(25), None, mm(18), mm(12), mm(62)])
    return [*section("agenda", label("agenda", lang), styles(lang)), table]


def _block_row(workshop: Workshop, number: int, block: Block, when: str) -> AgendaRow:
    """One agenda row; the block title links to the block's section further on."""
    lang = workshop.config.language
    st = styles(lang)
    text_style = st.cell_muted if block.kind == "break" else st.cell_title
    title = f'<a href="#block-{number}">{inline_markup(block.title)}</a>'
    continued = escape_markup(f"({label('continued', lang)})")
    kind = paragraph(escape_markup(label(block.kind, lang)), text_style)
    return AgendaRow(
        lead=(
            paragraph(when, st.cell_bold),
            paragraph(title, text_style),
            kind,
            paragraph(str(block.minutes), st.cell_number),
        ),
        cards=tuple(
            paragraph(
                f'<font color="{_color(workshop, card_id)}">●</font> {inline_markup(workshop.card(card_id).title)}',
                st.cell_item,
            )
            for card_id in block.cards
        ),
        continued=(
            paragraph(when, st.cell_bold),
            paragraph(f"{title} <i>{continued}</i>", text_style),
            kind,
            "",
        ),
        shaded=block.kind == "break",
    )


def _color(workshop: Workshop, card_id: str) -> str:
    return str(getattr(workshop.config.theme.colors, workshop.card(card_id).type))


Piece = tuple[int, int, int]
"""(block index, first card, end card): a block's cards from first to end, with the block's
heading and instructions when first is 0."""


def session_parts(agenda: Agenda, chapter_cards: int | None = None) -> list[list[Piece]]:
    """The session cut into parts that each start on a new page (see `chapters`).

    Without `chapter_cards` one part. Otherwise a part ends before the first block with
    content once it holds `chapter_cards` cards, or inside a long block before a card (never
    before the block's first card, which stays with its heading).
    """
    parts: list[list[Piece]] = [[]]
    count = 0
    for index, block in enumerate(agenda.blocks):
        if chapter_cards and count >= chapter_cards and (block.instructions or block.cards):
            parts.append([])
            count = 0
        first = 0
        for number in range(len(block.cards)):
            if chapter_cards and number > 0 and count >= chapter_cards:
                parts[-1].append((index, first, number))
                parts.append([])
                count, first = 0, number
            count += 1
        parts[-1].append((index, first, len(block.cards)))
    return parts


def part_flowables(
    workshop: Workshop, agenda: Agenda, ctx: CardContext, part: list[Piece], *, first_part: bool
) -> list[Any]:
    """Per block: a heading with its clock time, its instructions, then the notes of each card.

    A block heading always stays with what follows it (its instructions or its first card);
    a block with neither (a break) stays with the end of the block before it, so it never
    stands alone on a page. The last card keeps more of its tail together: nothing follows
    it on the page, so a few stray lines would make a near-empty last page.
    """
    lang = workshop.config.language
    st = styles(lang)
    flow: list[Any] = section("session", label("session_plan", lang), st) if first_part else []
    times = clock_times(agenda)
    for index, first_card, end_card in part:
        block = agenda.blocks[index]
        notes: list[Any] = []
        for n in range(first_card, end_card):
            last = index == len(agenda.blocks) - 1 and n == len(block.cards) - 1
            notes += card_notes(workshop.card(block.cards[n]), ctx, level=2, tail=3 if last else 2)
        if first_card > 0:
            flow += notes
            continue
        start, end = times[index]
        head = _block_heading(index + 1, block, label("time_range", lang, start=start, end=end), lang)
        body: list[Any] = []
        if block.instructions:
            body = labelled(label("instructions", lang), st.label, rich(block.instructions, st.body))
        rest = body[1:] + notes if body else notes[1:]
        first = head + (body[:1] or notes[:1])
        if not body and not notes:
            first = _pop_tail(flow) + first
        flow.append(keep(first))
        flow += rest
    return flow


def _block_heading(number: int, block: Block, when: str, lang: Language) -> list[Any]:
    """Rule, outline entry, "09:40–10:15  Title" and "35 minuten" (· Pauze) under it."""
    st = styles(lang)
    heading = paragraph(
        f'<font color="#5F6368">{when}</font>&nbsp;&nbsp; {inline_markup(block.title)}', st.h2
    )
    kind = f" · {label('break', lang)}" if block.kind == "break" else ""
    meta = paragraph(escape_markup(plural("minutes_n", lang, block.minutes) + kind), st.muted)
    return [Rule(RULE), block_bookmark(number, block, when), heading, meta]


def block_bookmark(number: int, block: Block, when: str) -> Bookmark:
    """The block's outline entry and contents line; its text names the block in page footers."""
    title = f"{when}  {to_plain(block.title)}"
    return Bookmark(f"{BLOCK_KEY}{number}", title, escape_markup(title), 1)


def part_bookmarks(
    workshop: Workshop, agenda: Agenda, part: list[Piece], *, first_part: bool
) -> list[Bookmark]:
    """The bookmarks `part_flowables` makes, in order, without making anything else (for the
    contents, planned before the layout)."""
    lang = workshop.config.language
    marks = [section_bookmark("session", label("session_plan", lang))] if first_part else []
    times = clock_times(agenda)
    for index, first_card, end_card in part:
        block = agenda.blocks[index]
        if first_card == 0:
            start, end = times[index]
            marks.append(block_bookmark(index + 1, block, label("time_range", lang, start=start, end=end)))
        marks += [card_bookmark(workshop.card(card_id), 2) for card_id in block.cards[first_card:end_card]]
    return marks


def _pop_tail(flow: list[Any]) -> list[Any]:
    """Remove and return the last visible flowable of `flow` (with the gaps after it)."""
    taken: list[Any] = []
    while flow and isinstance(flow[-1], Gap):
        taken.insert(0, flow.pop())
    if flow and not isinstance(flow[-1], Paragraph | KeepTogether):
        return taken
    return [flow.pop(), *taken] if flow else taken
