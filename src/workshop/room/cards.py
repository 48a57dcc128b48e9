"""What the room needs to know of each card: what a participant can say on its page.

The content model knows much more; the room only needs, per card, the choices it counts:
a dilemma's options, a reflection's question and prompts, a roleplay's observer checklist
(every observing role's items, in order). The agenda gives the facilitator's page its
order; cards outside the agenda follow it.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.content.loader import Workshop
from workshop.content.models import DilemmaCard, ReflectionCard, RoleplayCard


@dataclass(frozen=True)
class RoomCard:
    """One card as the room sees it."""

    id: str
    number: int
    type: str
    title: str
    question: str = ""
    options: tuple[str, ...] = ()
    """A dilemma's options, voted on by index."""
    prompts: tuple[str, ...] = ()
    """A reflection's prompts; an answer's prompt -1 is the question itself."""
    checklist: tuple[tuple[str, str], ...] = ()
    """A roleplay's observer items as (role name, item), ticked by index."""

    def prompt_text(self, prompt: int) -> str:
        return self.question if prompt < 0 else self.prompts[prompt]

    def choice_text(self, kind: str, index: int) -> str:
        """What a vote, answer or tick with this index chose, in words (for exports)."""
        try:
            if kind == "vote":
                return self.options[index]
            if kind == "answer":
                return self.prompt_text(index)
            role, item = self.checklist[index]
            return f"{role}: {item}"
        except IndexError:  # the content changed since: say which, rather than guess
            return f"#{index + 1}"


@dataclass(frozen=True)
class Block:
    """An agenda block on the facilitator's page: its title and its cards."""

    title: str
    cards: tuple[RoomCard, ...]


def room_cards(workshop: Workshop) -> dict[str, RoomCard]:
    """Every card of the workshop by id, in deck order."""
    cards: dict[str, RoomCard] = {}
    for number, card in enumerate(workshop.cards, 1):
        question = ""
        options: tuple[str, ...] = ()
        prompts: tuple[str, ...] = ()
        checklist: tuple[tuple[str, str], ...] = ()
        if isinstance(card, DilemmaCard):
            question, options = card.question, tuple(card.options)
        elif isinstance(card, ReflectionCard):
            question, prompts = card.question, tuple(card.prompts)
        elif isinstance(card, RoleplayCard):
            checklist = tuple((role.name, item) for role in card.roles for item in role.observe or ())
        cards[card.id] = RoomCard(
            card.id, number, card.type, card.title, question, options, prompts, checklist
        )
    return cards


def agenda_blocks(workshop: Workshop, cards: dict[str, RoomCard]) -> list[Block]:
    """The agenda's blocks with their cards, then a block of the cards no block names."""
    blocks: list[Block] = []
    placed: set[str] = set()
    if workshop.config.agenda is not None:
        for block in workshop.config.agenda.blocks:
            listed = tuple(cards[card] for card in block.cards if card in cards)
            placed.update(card.id for card in listed)
            if listed:
                blocks.append(Block(block.title, listed))
    rest = tuple(card for card in cards.values() if card.id not in placed)
    if rest:
        blocks.append(Block("", rest))  # untitled: the page names it "other cards" after the agenda
    return blocks
