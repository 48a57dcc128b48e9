"""The room's view of the cards: what can be voted, answered or ticked, in the agenda's order."""

from __future__ import annotations

from pathlib import Path

from tests.room.phones import DILEMMA, REFLECTION, ROLEPLAY
from tests.workshops import MARKUP_LIKE, rich_workshop
from workshop.pipeline.build import load_and_check
from workshop.room.cards import agenda_blocks, room_cards


def test_each_card_brings_what_the_room_counts(tmp_path: Path) -> None:
    workshop, _ = load_and_check(rich_workshop(tmp_path))
    cards = room_cards(workshop)
    assert list(cards) == [card.id for card in workshop.cards]
    dilemma = cards[DILEMMA]
    assert dilemma.type == "dilemma" and dilemma.number == 1
    assert dilemma.options[3] == MARKUP_LIKE
    reflection = cards[REFLECTION]
    assert reflection.prompts == ("Eén ding dat je blijft doen.", "Eén ding dat je gaat proberen.")
    assert reflection.prompt_text(-1) == "Wat ga je morgen anders doen?"
    assert cards[ROLEPLAY].checklist == (
        ("Observator", "Vraagt de medewerker door? (1)"),
        ("Observator", "Blijft de toon vriendelijk?"),
    )
    assert cards["rollenspel-2"].checklist == (), "a roleplay without an observer has nothing to tick"


def test_choices_in_words_even_after_the_content_changed(tmp_path: Path) -> None:
    workshop, _ = load_and_check(rich_workshop(tmp_path))
    cards = room_cards(workshop)
    assert cards[DILEMMA].choice_text("vote", 0) == "De ober is zichzelf."
    assert cards[REFLECTION].choice_text("answer", 1) == "Eén ding dat je gaat proberen."
    assert cards[ROLEPLAY].choice_text("tick", 1) == "Observator: Blijft de toon vriendelijk?"
    assert cards[DILEMMA].choice_text("vote", 9) == "#10"


def test_the_facilitator_sees_the_agenda_then_the_cards_outside_it(tmp_path: Path) -> None:
    workshop, _ = load_and_check(rich_workshop(tmp_path))
    blocks = agenda_blocks(workshop, room_cards(workshop))
    assert [block.title for block in blocks] == ["Dilemma's", "Rollenspellen", "Afsluiting", ""]
    assert [card.id for card in blocks[-1].cards] == ["ongebruikt"]
    assert sum(len(block.cards) for block in blocks) == len(workshop.cards)
