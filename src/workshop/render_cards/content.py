"""What each card type prints on its front, as paragraph specs in reading order.

The order and roles here are the design's hierarchy: title, the story, then what to do
with it (the question and the lettered options, the roles and time, the prompts).
"""

from __future__ import annotations

from html import escape

from ..labels import Language, label
from ..markup import inline_markup, to_reportlab
from ..models import DilemmaCard, ReflectionCard, RoleplayCard
from .fitting import Spec

LETTERS = "ABCD"
AnyCard = DilemmaCard | RoleplayCard | ReflectionCard


def front_specs(card: AnyCard, language: Language) -> list[Spec]:
    """The paragraphs of a card's front text area, title first."""
    specs = [Spec("title", inline_markup(card.title), "title")]
    if isinstance(card, DilemmaCard):
        specs += _blocks("situation", card.situation)
        specs.append(Spec("question", inline_markup(card.question), "question", space=0.75))
        for index, option in enumerate(card.options):
            specs.append(
                Spec("options", inline_markup(option), "option", LETTERS[index], 0.5 if index == 0 else 0.3)
            )
    elif isinstance(card, RoleplayCard):
        specs += _blocks("setting", card.setting)
        names = " · ".join(inline_markup(role.name) for role in card.roles)
        specs.append(Spec("roles", f"<b>{escape(label('roles', language))}</b>  {names}", "meta", space=0.8))
        minutes = f"{card.minutes} {label('minutes', language)}"
        specs.append(
            Spec("minutes", f"<b>{escape(label('time', language))}</b>  {minutes}", "meta", space=0.25)
        )
    else:
        specs.append(Spec("question", inline_markup(card.question), "lead", space=0.6))
        if card.prompts:
            specs.append(Spec("prompts", escape(label("prompts", language).upper()), "label", space=1.0))
            for index, prompt in enumerate(card.prompts):
                specs.append(
                    Spec("prompts", inline_markup(prompt), "prompt", "•", 0.35 if index == 0 else 0.25)
                )
    return specs


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
