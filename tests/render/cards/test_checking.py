"""The card checks validate and build share: auto card size, fit, and measured advice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cardgen import TOO_LONG, card, short_card, write_workshop
from workshop.content.loader import Workshop
from workshop.content.values import parse_card_size
from workshop.pipeline.build import load_and_check
from workshop.render.cards.checking import (
    auto_note,
    check_cards,
    presets,
    resolve_card_size,
    what_would_fit,
    with_print,
)


def checked_workshop(folder: Path) -> Workshop:
    """The workshop in `folder` after the content checks, before its cards are fitted."""
    return load_and_check(folder)[0]


def test_presets_go_from_the_smallest_card_to_the_largest():
    names = [size.name for size in presets()]
    assert names[0] == "mini" and names[-1] == "a6"
    areas = [size.width * size.height for size in presets()]
    assert areas == sorted(areas)


def test_auto_takes_the_smallest_size_every_card_fits_on(tmp_path: Path):
    workshop = checked_workshop(
        write_workshop(tmp_path / "w", 0, cards=[short_card(1), {**card(1), "id": "lang"}])
    )
    assert resolve_card_size(workshop) == (workshop, [])  # a size was named: nothing to choose
    assert auto_note(workshop) is None
    resolved, problems = resolve_card_size(with_print(workshop, card_size=parse_card_size("auto")))
    size = resolved.config.print.card_size
    assert problems == [] and size.auto and not size.to_choose
    names = [preset.name for preset in presets()]
    smaller = names[: names.index(size.name)]
    assert smaller, "the dilemma needs more than the smallest card"
    for name in smaller:
        assert check_cards(with_print(workshop, card_size=parse_card_size(name))).advice, name
    note = auto_note(resolved)
    assert note is not None and note.startswith(f"card_size auto: {size.name} (")
    assert note.endswith("), the smallest standard size on which every card fits")


def test_auto_with_a_card_no_size_holds_takes_the_largest_and_says_so(tmp_path: Path):
    workshop = checked_workshop(write_workshop(tmp_path / "w", 0, cards=[TOO_LONG]))
    resolved, (problem,) = resolve_card_size(with_print(workshop, card_size=parse_card_size("auto")))
    assert resolved.config.print.card_size.name == "a6"
    assert "auto found no standard size that holds every card, not even a6" in problem.message


def test_cards_that_fit_hand_their_deck_to_the_build(tmp_path: Path):
    checked = check_cards(checked_workshop(write_workshop(tmp_path / "w", 3)))
    assert checked.problems == [] and checked.advice == []
    assert checked.deck is not None and len(checked.deck.fronts) == 3


def test_a_card_that_does_not_fit_gets_an_error_and_measured_advice(tmp_path: Path):
    folder = write_workshop(tmp_path / "w", 0, cards=[card(1), card(2)], card_size="mini")
    checked = check_cards(checked_workshop(folder))
    assert checked.deck is None
    assert any("does not fit" in p.message for p in checked.problems)
    (advice,) = checked.advice
    assert advice.startswith("2 cards do not fit on mini. All fit on ")
    assert advice == what_would_fit(checked.workshop, [0, 1])


@pytest.mark.parametrize("kind", ["dilemma", "reflection"])
def test_the_advice_names_a_face_setting_when_leaving_a_field_off_helps(tmp_path: Path, kind: str):
    long_text = " ".join(["Een lange maar eerlijke zin over de gast en de ober."] * 5)
    base = card(1) if kind == "dilemma" else card(3)
    field = "options" if kind == "dilemma" else "prompts"
    extra = {"options": [long_text, long_text]} if kind == "dilemma" else {"prompts": [long_text, long_text]}
    checked = check_cards(checked_workshop(write_workshop(tmp_path / "w", 0, cards=[{**base, **extra}])))
    (advice,) = checked.advice
    assert advice.startswith("1 card does not fit on poker.")
    assert (
        f"print.face.{kind}: [" in advice
        and field not in advice.split(f"print.face.{kind}: [")[1].split("]")[0]
    )
