"""Everything a facilitator needs about one card, on paper: its text, its debrief notes, its QR code.

A card starts with a tinted header in its type colour (type, number, title, QR code) and
then flows as ordinary paragraphs, so a long card may continue on the next page.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer

from workshop.content.agenda import roleplay_groups
from workshop.content.labels import Language, label, plural
from workshop.content.links import card_url
from workshop.content.loader import Workshop
from workshop.content.markup import escape_markup, inline_markup, to_plain
from workshop.content.models import Card, DilemmaCard, ReflectionCard, RoleplayCard
from workshop.content.units import mm
from workshop.pdf.paragraphs import paragraph
from workshop.pdf.qr import QrCodes
from workshop.pdf.typography import MUTED, rgb, tint
from workshop.render.guide.flow import Bookmark, Gap, QRCode, bulleted, bullets, keep, labelled, rich
from workshop.render.guide.styles import Styles, styles

QR_SIZE = mm(27)  # with the quiet zone: the symbol itself is over 21 mm, scannable from arm’s length


@dataclass(frozen=True)
class CardContext:
    """What a card's notes need from the workshop around it."""

    workshop: Workshop
    participants: int | None
    codes: QrCodes = field(default_factory=QrCodes)
    """The build's QR codes, drawn in each card's header (a fresh set: each made when drawn)."""

    @property
    def language(self) -> Language:
        return self.workshop.config.language

    def color(self, card: Card) -> str:
        return str(getattr(self.workshop.config.theme.colors, card.type))


def card_notes(card: Card, ctx: CardContext, level: int, tail: int = 2) -> list[Any]:
    """The card's header, text, procedure (roleplays) and debrief, with its outline entry.

    The last `tail` sections stay together, so a card never ends with a lone source line at
    the top of a page (and the last card of the guide never leaves a near-empty page).
    """
    st = styles(ctx.language)
    mark = card_bookmark(card, level)
    body: list[Any] = []
    if isinstance(card, DilemmaCard):
        body = _dilemma(card, ctx, st)
    elif isinstance(card, RoleplayCard):
        body = _roleplay(card, ctx, st)
    elif isinstance(card, ReflectionCard):
        body = _reflection(card, ctx, st)
    body += _debrief(card, ctx, st)
    # the header never ends a page alone: it stays with the card's first section
    head = keep([mark, _header(card, ctx, st), Spacer(1, 4), body[0]])
    return [head, *keep_tail(body[1:], tail), Gap(16)]


def card_bookmark(card: Card, level: int) -> Bookmark:
    """The card's outline entry and contents line; the line ends with the card's tags (muted),
    so the contents double as an index of the cards by theme."""
    line = inline_markup(card.title)
    if card.tags:
        tags = ", ".join(to_plain(tag) for tag in card.tags)
        line += f' <font color="{MUTED}"><i>· {escape_markup(tags)}</i></font>'
    return Bookmark(f"card-{card.id}", to_plain(card.title), line, level)


def keep_tail(flow: list[Any], sections: int) -> list[Any]:
    """`flow` with its last `sections` sections (each starts with a KeepTogether) kept as one."""
    starts = [i for i, item in enumerate(flow) if isinstance(item, KeepTogether)]
    if not starts or sections < 1:
        return flow
    cut = starts[-min(sections, len(starts))]
    return [*flow[:cut], keep(flow[cut:])]


def _header(card: Card, ctx: CardContext, st: Styles) -> CardHeader:
    color = ctx.color(card)
    language = ctx.language
    total = len(ctx.workshop.cards)
    kicker = f"{label(card.type, language).upper()}  ·  {label('card_n', language, n=ctx.workshop.number(card.id), total=total)}"
    left: list[Any] = [
        paragraph(f'<font color="{color}"><b>{kicker}</b></font>', st.small),
        Spacer(1, 3),
        paragraph(inline_markup(card.title), st.card_title),
    ]
    right: list[Any] = []
    base_url = ctx.workshop.config.debrief.base_url
    if base_url:
        url = card_url(base_url, card.id)
        shown = escape_markup(url).replace('"', "&quot;")  # never markup, whatever the address holds
        link = f'{escape_markup(label("debrief_page", language))}: <a href="{shown}">{shown}</a>'
        left += [Spacer(1, 4), paragraph(link, st.muted)]
        right = [QRCode(ctx.codes.symbol(url), QR_SIZE), paragraph(card.id, st.qr_caption)]
    else:
        left += [Spacer(1, 2), paragraph(card.id, st.muted)]
    return CardHeader(left, right, QR_SIZE + mm(6) if right else 1, color)


class CardHeader(Flowable):
    """The card's tinted header: its words on the left, the QR code on the right, a type-colour bar.

    Laid out as a one-row table would be (top-aligned columns, 8 pt above and below, 10 pt
    left of the words, 6 pt elsewhere), but drawn directly: reportlab's Table spent a fifth of
    the guide's layout on these thousand one-row tables.
    """

    PAD = 6
    PAD_LEFT = 10
    PAD_Y = 8
    BAR = 4

    def __init__(self, left: list[Any], right: list[Any], right_width: float, color: str) -> None:
        super().__init__()
        self.left, self.right, self.right_width, self.color = left, right, right_width, color

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.left_width = avail_width - self.right_width
        left = _stack(self.left, self.left_width - self.PAD_LEFT - self.PAD)
        right = _stack(self.right, self.right_width - 2 * self.PAD)
        self._stacks = (left, right)
        self.height = max(left[0], right[0]) + 2 * self.PAD_Y
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(rgb(tint(self.color, 0.1)))
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        top = self.height - self.PAD_Y
        _draw_stack(canvas, self.left, self._stacks[0][1], self.PAD_LEFT, top)
        _draw_stack(canvas, self.right, self._stacks[1][1], self.left_width + self.PAD, top)
        canvas.saveState()
        canvas.setStrokeColor(rgb(self.color))
        canvas.setLineWidth(self.BAR)
        canvas.setLineCap(0)  # butt: the bar ends flush with the box
        canvas.line(0, 0, 0, self.height)
        canvas.restoreState()


def _stack(flowables: list[Any], width: float) -> tuple[float, list[float]]:
    """Height of flowables stacked in a column of `width` (spaces between them included, none
    before the first or after the last), and each one's own height."""
    heights, total, first_before, last_after = [], 0.0, None, 0.0
    for flowable in flowables:
        _, height = flowable.wrapOn(None, width, 72000)
        before, last_after = flowable.getSpaceBefore(), flowable.getSpaceAfter()
        heights.append(height)
        total += height + before + last_after
        first_before = before if first_before is None else first_before
    return (total - (first_before or 0.0) - last_after if flowables else 0.0), heights


def _draw_stack(canvas: Any, flowables: list[Any], heights: list[float], x: float, top: float) -> None:
    y = top + (flowables[0].getSpaceBefore() if flowables else 0)
    for flowable, height in zip(flowables, heights, strict=True):
        y -= flowable.getSpaceBefore() + height
        flowable.drawOn(canvas, x, y)
        y -= flowable.getSpaceAfter()


def _dilemma(card: DilemmaCard, ctx: CardContext, st: Styles) -> list[Any]:
    lang = ctx.language
    option_style = bulleted(st.body, indent=16)
    option_style.bulletFontName = "Lato-Bold"
    options = [
        paragraph(inline_markup(text), option_style, bulletText=letter)
        for letter, text in zip(string.ascii_uppercase, card.options, strict=False)
    ]
    question = labelled(
        label("question", lang), st.label, [paragraph(f"<b>{inline_markup(card.question)}</b>", st.body)]
    )
    return [
        *labelled(label("situation", lang), st.label, rich(card.situation, st.body)),
        *with_what_follows(question, labelled(label("options", lang), st.label, options)),
    ]


def _reflection(card: ReflectionCard, ctx: CardContext, st: Styles) -> list[Any]:
    lang = ctx.language
    flow = labelled(
        label("question", lang), st.label, [paragraph(f"<b>{inline_markup(card.question)}</b>", st.body)]
    )
    if card.prompts:
        flow = with_what_follows(
            flow, labelled(label("prompts", lang), st.label, bullets(card.prompts, st.body))
        )
    return flow


def with_what_follows(question: list[Any], answers: list[Any]) -> list[Any]:
    """The question kept on one page with the heading and first item of what answers it
    (options, prompts): a question never ends a page with its options on the next."""
    return [keep([*question, answers[0]]), *answers[1:]]


def _roleplay(card: RoleplayCard, ctx: CardContext, st: Styles) -> list[Any]:
    lang = ctx.language
    flow = labelled(label("setting", lang), st.label, rich(card.setting, st.body))
    flow += labelled(
        label("play_time", lang), st.label, [paragraph(plural("minutes_n", lang, card.minutes), st.body)]
    )
    roles: list[Any] = []
    indented = ParagraphStyle("role-brief", parent=st.body, leftIndent=12)
    for role in card.roles:
        name = paragraph(f'<font color="{ctx.color(card)}"><b>{inline_markup(role.name)}</b></font>', st.body)
        body = rich(role.brief, indented) if role.brief else []
        if role.observe:
            title = label("observer_checklist", lang, role=role.name)
            if role.name.strip().lower() == label("observer", lang).lower():
                title = title[: title.index(" (")]  # not "Observer's checklist (Observer)"
            body += [paragraph(f"<i>{inline_markup(title)}</i>", indented)]
            body += bullets(role.observe, indented, bullet="□")
        roles += [keep([name, *body[:1]]), *body[1:]]
    flow += labelled(label("roles", lang), st.label, roles)
    flow += labelled(label("procedure", lang), st.label, _procedure(card, ctx, st))
    return flow


def _procedure(card: RoleplayCard, ctx: CardContext, st: Styles) -> list[Any]:
    """Form groups, set the scene, hand out briefs, play, de-role, debrief (observer first)."""
    lang = ctx.language
    n = len(card.roles)
    groups = label("proc_groups", lang, n=n, roles=", ".join(role.name for role in card.roles))
    if ctx.participants:
        count, extra = roleplay_groups(ctx.participants, n)
        groups += label("proc_groups_count", lang, max=ctx.participants, groups=count)
        if extra:
            groups += label("proc_groups_extra", lang, extra=extra)
    has_observer = any(role.observe for role in card.roles)
    steps = [
        groups,
        label("proc_setting", lang),
        label("proc_brief", lang),
        label("proc_play", lang, minutes=card.minutes),
        label("proc_derole", lang),
        label("proc_debrief_observer" if has_observer else "proc_debrief", lang),
    ]
    style = bulleted(st.body, indent=16)
    return [paragraph(escape_markup(step), style, bulletText=f"{i}.") for i, step in enumerate(steps, 1)]


def _debrief(card: Card, ctx: CardContext, st: Styles) -> list[Any]:
    lang = ctx.language
    notes = card.debrief
    flow = labelled(
        label("debrief", lang) + " · " + label("summary", lang), st.label, rich(notes.summary, st.body)
    )
    if notes.questions:
        flow += labelled(label("debrief_questions", lang), st.label, bullets(notes.questions, st.body))
    if notes.insights:
        flow += labelled(label("insights", lang), st.label, bullets(notes.insights, st.body))
    if notes.source:
        flow += labelled(label("source", lang), st.label, rich(notes.source, st.source))
    return flow
