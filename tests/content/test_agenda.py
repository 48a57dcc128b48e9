"""The arithmetic of a session: clock times, the largest group, decks, roleplay groups, unused cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL, loaded
from workshop.content.agenda import (
    agenda_roleplays,
    clock_times,
    decks_needed,
    max_participants,
    roleplay_groups,
    unused_cards,
)
from workshop.content.loader import Workshop
from workshop.content.models import Agenda, WorkshopConfig


def test_clock_times_count_on_from_the_start():
    agenda = Agenda.model_validate(
        {"start": "13:00", "blocks": [{"title": "a", "minutes": 5}, {"title": "b", "minutes": 35}]}
    )
    assert clock_times(agenda) == [("13:00", "13:05"), ("13:05", "13:40")]


def test_clock_times_wrap_past_midnight():
    agenda = Agenda.model_validate({"start": "23:30", "blocks": [{"title": "Nacht", "minutes": 45}]})
    assert clock_times(agenda) == [("23:30", "00:15")]


@pytest.mark.parametrize(("group", "largest"), [("8-20", 20), ("12", 12), (None, None), ("", None)])
def test_the_largest_group_is_the_top_of_the_range(group: str | None, largest: int | None):
    assert max_participants(group) == largest


@pytest.mark.parametrize(("people", "decks"), [(1, 1), (4, 1), (5, 2), (20, 5), (0, 1)])
def test_one_deck_per_table_of_four(people: int, decks: int):
    assert decks_needed(people) == decks


def test_roleplay_groups_and_who_is_left_over():
    assert roleplay_groups(20, 3) == (6, 2)
    assert roleplay_groups(12, 3) == (4, 0)
    assert roleplay_groups(2, 3) == (1, 0)  # fewer people than roles: still one group, nobody left


def test_cards_the_agenda_does_not_use_in_deck_order(minimal: Path):
    workshop = loaded(minimal)
    assert unused_cards(workshop) == []
    config = workshop.config.model_copy(update={"agenda": None})
    without = Workshop(workshop.root, config, workshop.cards)
    assert [card.id for card in unused_cards(without)] == ["wachttijd", "het-menu", "wat-neem-je-mee"]


def test_the_roleplays_played_follow_the_agenda_or_the_deck(tmp_path: Path):
    workshop = loaded(MINIMAL)
    assert [card.id for card in agenda_roleplays(workshop)] == ["het-menu"]
    config = WorkshopConfig.model_validate(
        {"title": "t", "agenda": {"blocks": [{"title": "a", "minutes": 5, "cards": ["wachttijd"]}]}}
    )
    assert agenda_roleplays(Workshop(tmp_path, config, workshop.cards)) == []
    no_agenda = config.model_copy(update={"agenda": None})
    assert [card.id for card in agenda_roleplays(Workshop(tmp_path, no_agenda, workshop.cards))] == [
        "het-menu"
    ]
