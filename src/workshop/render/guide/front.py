"""The guide's front matter: cover, overview (goals, facts, materials, room) and printing.

Counts come from the largest group the workshop is written for (`group_size` "8-20" →
20): a facilitator should be able to pack the bag from this page alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Spacer, Table, TableStyle

from workshop.content.agenda import (
    agenda_roleplays,
    clock_times,
    decks_needed,
    max_participants,
    roleplay_groups,
)
from workshop.content.copies import PAPER_NAMES, card_sheets, copies, printed_cards
from workshop.content.labels import label, plural
from workshop.content.loader import Workshop
from workshop.content.markup import escape_markup, inline_markup
from workshop.content.units import PAPER_SIZES_MM, mm, to_mm
from workshop.pdf.fonts import REGULAR
from workshop.pdf.layout import SheetPlan
from workshop.pdf.paragraphs import Paragraph, paragraph
from workshop.render.context import PageRange
from workshop.render.guide.flow import Bookmark, bulleted, bullets, keep, rich
from workshop.render.guide.logo import logo_flowable
from workshop.render.guide.styles import RULE, Styles, styles


def section(key: str, title: str, st: Styles) -> list[Any]:
    """A top-level heading with its outline entry and contents line."""
    return [section_bookmark(key, title), paragraph(escape_markup(title), st.h1)]


def section_bookmark(key: str, title: str) -> Bookmark:
    return Bookmark(key, title, escape_markup(title), 0)


def cover(workshop: Workshop) -> list[Any]:
    """Title, subtitle, logo and the facts table; the page decoration is drawn by `render_guide`."""
    config, lang = workshop.config, workshop.config.language
    st = styles(lang)
    flow: list[Any] = [Spacer(1, mm(28))]
    if config.theme.logo:
        flow += [logo_flowable(workshop, mm(60), mm(30)), Spacer(1, mm(10))]
    flow.append(paragraph(escape_markup(label("guide", lang).upper()), st.kicker))
    flow.append(paragraph(inline_markup(config.title), st.title))
    if config.subtitle:
        flow.append(paragraph(inline_markup(config.subtitle), st.subtitle))
    flow += [Spacer(1, mm(14)), facts_table(workshop, st, with_people=True)]
    return flow


def facts_table(workshop: Workshop, st: Styles, *, with_people: bool) -> Table:
    """Duration, audience, group size (and author, licence on the cover) as a two-column table."""
    config, lang = workshop.config, workshop.config.language
    rows: list[tuple[str, str]] = []
    if config.duration or config.agenda:
        rows.append((label("duration", lang), escape_markup(duration_text(workshop))))
    if config.audience:
        rows.append((label("audience", lang), inline_markup(config.audience)))
    if config.group_size:
        rows.append((label("group_size", lang), escape_markup(config.group_size.replace("-", "–"))))
    if with_people and config.author:
        rows.append((label("author", lang), inline_markup(config.author)))
    if with_people and config.license:
        rows.append((label("license", lang), inline_markup(config.license)))
    data: list[list[Paragraph | str]] = [
        [paragraph(escape_markup(k), st.cell_bold), paragraph(v, st.cell)] for k, v in rows
    ] or [["", ""]]
    table = Table(data, colWidths=[mm(38), None], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # also for empty cells: never Helvetica
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, HexColor(RULE)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, HexColor(RULE)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def duration_text(workshop: Workshop) -> str:
    """'45 minuten · 13:00–13:45' (the clock range when there is an agenda)."""
    config, lang = workshop.config, workshop.config.language
    minutes = config.duration or (sum(b.minutes for b in config.agenda.blocks) if config.agenda else 0)
    text = plural("minutes_n", lang, minutes)
    if config.agenda:
        times = clock_times(config.agenda)
        text += " · " + label("time_range", lang, start=times[0][0], end=times[-1][1])
    return text


def overview(workshop: Workshop) -> list[Any]:
    """Goals, the facts, materials with counts, and the room set-up."""
    config, lang = workshop.config, workshop.config.language
    st = styles(lang)
    flow = [*section("overview", label("overview", lang), st), facts_table(workshop, st, with_people=False)]
    if config.goals:
        flow += [paragraph(escape_markup(label("goals", lang)), st.h2), *bullets(config.goals, st.body)]
    people = max_participants(config.group_size)
    heading = plural("materials_for", lang, people) if people else label("materials", lang)
    flow += [paragraph(escape_markup(heading), st.h2), *bullets(materials(workshop), st.body, plain=True)]
    if config.room:
        flow += [paragraph(escape_markup(label("room", lang)), st.h2), *rich(config.room, st.body)]
    return flow


def materials(workshop: Workshop) -> list[str]:
    """The packing list as plain lines, with counts when the group size is known."""
    config, lang = workshop.config, workshop.config.language
    people = max_participants(config.group_size)
    if config.print.copies is not None:
        count = plural("materials_count", lang, config.print.copies)
        cards = plural("cards_n", lang, printed_cards(workshop))
        items = [label("materials_decks_set", lang, cards=cards, count=count)]
    else:
        count = plural("materials_count", lang, decks_needed(people)) if people else ""
        items = [
            label(
                "materials_decks", lang, cards=plural("cards_n", lang, printed_cards(workshop)), count=count
            )
        ]
    for card in agenda_roleplays(workshop):
        n = len(card.roles)
        sets = plural("materials_sets", lang, roleplay_groups(people, n)[0]) if people else ""
        items.append(label("materials_handouts", lang, title=_plain(card.title), n=n, count=sets))
    pens = plural("materials_count", lang, people) if people else ""
    items += [
        label("materials_pens", lang, count=pens),
        label("materials_timer", lang),
        label("materials_flipover", lang),
        label("materials_guide", lang),
    ]
    return items


def printing(workshop: Workshop, handouts: Sequence[PageRange] = ()) -> list[Any]:
    """How to print and cut everything, and how many copies for the group size; `handouts`
    are the pages of each roleplay's set in handouts.pdf (see `handouts.lay_out`)."""
    config, lang = workshop.config, workshop.config.language
    st = styles(lang)
    prints = config.print
    width, height = to_mm(prints.card_size.width), to_mm(prints.card_size.height)
    size = f"{prints.card_size.name} ({width:.1f} × {height:.1f} mm)".replace(".0 ", " ").replace(".0)", ")")
    paper = f"{PAPER_NAMES[prints.paper]} ({PAPER_SIZES_MM[prints.paper][0]:g} × {PAPER_SIZES_MM[prints.paper][1]:g} mm)"
    if prints.duplex in ("long-edge", "short-edge"):
        cards = label("print_cards_duplex", lang, edge=label(prints.duplex, lang), size=size)
    else:
        cards = label(f"print_cards_{prints.duplex}", lang, size=size)
    lines = [label("print_paper", lang, paper=paper), cards, _copies_line(workshop)]
    least = f"{to_mm(_least_bleed(workshop)):g}"
    lines.append(label("print_cut", lang, bleed=f"{least.replace('.', ',') if lang == 'nl' else least} mm"))
    if prints.duplex in ("long-edge", "short-edge"):
        lines.append(label("print_offset", lang))
    sets = handout_sets(workshop, handouts)
    if sets:
        lines.append(label("print_handouts", lang))
    flow = bullets(lines, st.body, plain=True)
    flow += bullets(sets, bulleted(st.body), bullet="–", plain=True)
    lines = [label("print_guide", lang)]
    if config.debrief.base_url:
        lines.append(label("print_site", lang, url=config.debrief.base_url))
    else:
        lines.append(label("print_no_site", lang))
    flow += bullets(lines, st.body, plain=True)
    # kept together: a lone instruction at the top of the next page is easily missed
    return [keep([*section("printing", label("printing", lang), st), *flow])]


def _copies_line(workshop: Workshop) -> str:
    """How many copies of cards.pdf (print.copies, or from the group size), and the sheets
    of paper per copy and in all: what to tell the print shop."""
    config, lang = workshop.config, workshop.config.language
    people = max_participants(config.group_size)
    n = copies(workshop)
    if config.print.copies is not None:
        line = label("print_copies_set", lang, n=n)
    elif n is not None:
        line = label("print_copies", lang, n=n, at=plural("at_most", lang, people) if people else "")
    else:
        line = label("print_copies_open", lang)
    plan = _sheet_plan(workshop)
    if plan is None:
        return line
    one = card_sheets(workshop, plan.per_sheet)
    paper = PAPER_NAMES[config.print.paper]
    sides = label("double_sided" if one.double_sided else "single_sided", lang)
    per = plural("sheets", lang, one.sheets)
    if n is None:
        return line + label("print_sheets_open", lang, per=per, paper=paper, sides=sides)
    total = plural("sheets", lang, n * one.sheets)
    return line + label("print_sheets", lang, per=per, paper=paper, sides=sides, total=total)


def handout_sets(workshop: Workshop, handouts: Sequence[PageRange]) -> list[str]:
    """Per roleplay, its pages in handouts.pdf and how many copies: what to tell the print shop."""
    lang = workshop.config.language
    people = max_participants(workshop.config.group_size)
    played = {card.id for card in agenda_roleplays(workshop)}
    lines = []
    for pages in handouts:
        card = pages.card
        where = label(
            "pages_one" if pages.first == pages.last else "pages_range", lang, a=pages.first, b=pages.last
        )
        if card.id not in played:
            count = label("print_handouts_unused", lang)
        elif people:
            count = label("print_handouts_count", lang, n=roleplay_groups(people, len(card.roles))[0])
        else:
            count = label("print_handouts_count_open", lang)
        roles = ", ".join(_plain(role.name) for role in card.roles)
        lines.append(
            label("print_handouts_set", lang, pages=where, title=_plain(card.title), roles=roles, count=count)
        )
    return lines


def _plain(text: str) -> str:
    from workshop.content.markup import to_plain

    return to_plain(text)


def _least_bleed(workshop: Workshop) -> float:
    """How far the background runs past every cut line of cards.pdf: `print.layout: auto`
    may give the sheet's outer edges less than `print.bleed` to keep the crop marks printable."""
    bleed = workshop.config.print.bleed
    plan = _sheet_plan(workshop)
    return bleed if plan is None else min(bleed, *plan.outer_bleed)


def _sheet_plan(workshop: Workshop) -> SheetPlan | None:
    """cards.pdf's sheet layout; None for cards that fit no sheet of this paper (cards.pdf reports it)."""
    from workshop.content.problems import ContentError
    from workshop.render.cards import sheet_plan

    try:
        return sheet_plan(workshop)
    except ContentError:
        return None
