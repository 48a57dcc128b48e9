"""What each card type prints on its front, as paragraph specs in reading order.

The default order and the roles here are the design's hierarchy: title, the story, then
what to do with it (the question and the lettered options, the roles and time, the
prompts). `print.face` may leave fields off or reorder them; a field keeps its role (and so
its look) wherever it stands.
"""

from __future__ import annotations

from html import escape

from workshop.content.labels import Language, label, plural
from workshop.content.markup import inline_markup, to_reportlab
from workshop.content.models import DEFAULT_FACE, DilemmaCard, ReflectionCard, RoleplayCard
from workshop.render.cards.fitting import LETTERS, Spec

AnyCard = DilemmaCard | RoleplayCard | ReflectionCard


def front_specs(card: AnyCard, language: Language, face: tuple[str, ...] | None = None) -> list[Spec]:
    """The paragraphs of a card's front text area: the title, then the fields of `face` in its
    order (None: every field, in the order of DEFAULT_FACE)."""
    specs = [Spec("title", inline_markup(card.title), "title")]
    for field in DEFAULT_FACE[card.type] if face is None else face:
        specs += _field_specs(card, field, language)
    return specs


def _field_specs(card: AnyCard, field: str, language: Language) -> list[Spec]:
    """One field's paragraphs, with the role (and so the style) that field has on every card."""
    if field in ("situation", "setting"):
        return _blocks(field, getattr(card, field))
    if field == "question" and not isinstance(card, RoleplayCard):
        if isinstance(card, DilemmaCard):
            return [Spec("question", inline_markup(card.question), "question", space=0.75)]
        return [Spec("question", inline_markup(card.question), "lead", space=0.6)]
    if field == "options" and isinstance(card, DilemmaCard):
        return [
            Spec(
                "options", inline_markup(option), "option", LETTERS[index], 0.5 if index == 0 else 0.3, index
            )
            for index, option in enumerate(card.options)
        ]
    if field == "roles" and isinstance(card, RoleplayCard):
        names = " · ".join(inline_markup(role.name) for role in card.roles)
        return [Spec("roles", f"<b>{escape(label('roles', language))}</b>  {names}", "meta", space=0.8)]
    if field == "minutes" and isinstance(card, RoleplayCard):
        minutes = plural("minutes_n", language, card.minutes)
        return [Spec("minutes", f"<b>{escape(label('time', language))}</b>  {minutes}", "meta", space=0.25)]
    prompts: list[str] = card.prompts if isinstance(card, ReflectionCard) else []
    if not prompts:
        return []
    heading = Spec("prompts", escape(label("prompts", language).upper()), "label", space=1.0)
    return [heading] + [
        Spec("prompts", inline_markup(prompt), "prompt", "•", 0.35 if index == 0 else 0.25, index)
        for index, prompt in enumerate(prompts)
    ]


def _blocks(field: str, text: str) -> list[Spec]:
    """A multi-paragraph field (Markdown paragraphs and bullet lists) as specs."""
    specs = []
    for index, block in enumerate(to_reportlab(text)):
        space = 0.55 if index == 0 else (0.2 if block.bullet else 0.45)
        if block.bullet is None:
            specs.append(Spec(field, block.markup, "body", space=space))
        else:
            specs.append(Spec(field, block.markup, "prompt", block.bullet, space))
    return specs
