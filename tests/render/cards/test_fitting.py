"""Fitting a card's text: the largest size that fits, beside the QR code if need be, or a precise complaint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cardgen import card, write_workshop
from tests.conftest import run_cli
from workshop.content.units import mm
from workshop.render.cards.fitting import (
    BASE_SIZE,
    MIN_SIZE,
    Area,
    Overflow,
    Spec,
    breaks,
    fit_at,
    fit_key,
    fits,
    search,
    set_text,
    without_item,
)

MAIN = Area(mm(4.5), mm(70), mm(54), mm(40))
BESIDE = Area(mm(30), mm(30), mm(28), mm(20))
STORY = "Een gast bestelt om vier uur thee op het terras; de ober maakt er een grapje over."


def specs(words: int, field: str = "situation") -> list[Spec]:
    text = " ".join((STORY.split() * (words // len(STORY.split()) + 1))[:words])
    return [Spec("title", "Thee op het terras", "title"), Spec(field, text, "body")]


def test_short_text_is_set_at_the_base_size_in_the_main_area():
    fitted = search(specs(20), [MAIN, BESIDE], "nl", "#B03A2E")
    assert fitted.size == BASE_SIZE and fitted.areas == 1 and fits(fitted)


def test_longer_text_shrinks_but_never_flows_beside_the_code():
    """Only a whole list may stand beside the QR code; a story shrinks in the column instead."""
    fitted = {n: search(specs(n), [MAIN, BESIDE], "nl", "#B03A2E") for n in (40, 50, 60)}
    assert (fitted[40].size, fitted[40].areas) == (BASE_SIZE, 1)
    assert fitted[50].areas == 1 and MIN_SIZE < fitted[50].size < BASE_SIZE  # smaller, still above the code
    assert fitted[60].size >= MIN_SIZE and {placed.area for placed in fitted[60].placed} == {0}
    assert all(fits(f) for f in fitted.values())


def test_text_that_does_not_fit_at_the_smallest_size_names_its_field():
    with pytest.raises(Overflow) as raised:
        search(specs(400, "setting"), [MAIN, BESIDE], "nl", "#1F618D")
    assert raised.value.path == ("setting",)
    assert "the setting does not fit on the card even at 9 pt" in str(raised.value)
    assert fit_at(specs(400), [MAIN, BESIDE], "nl", "#1F618D", MIN_SIZE) is None


def test_the_fit_key_changes_with_anything_the_fit_depends_on():
    key = fit_key(specs(20), [MAIN], "nl", "#B03A2E")
    assert key == fit_key(specs(20), [MAIN], "nl", "#B03A2E")
    assert (
        len(
            {
                key,
                fit_key(specs(21), [MAIN], "nl", "#B03A2E"),
                fit_key(specs(20), [BESIDE], "nl", "#B03A2E"),
                fit_key(specs(20), [MAIN], "en", "#B03A2E"),
                fit_key(specs(20), [MAIN], "nl", "#000000"),
            }
        )
        == 5
    )


def test_overlong_card_fails_naming_card_field_and_overflow(tmp_path: Path) -> None:
    long = {**card(1), "situation": " ".join(["Een heel lang verhaal over klantgerichtheid."] * 40)}
    folder = write_workshop(tmp_path / "long", 0, cards=[long])
    result = run_cli("build", folder)
    assert result.exit_code == 1
    assert re.search(
        r"cards\.yaml:\d+:\d+: error: card 'kaart-01': the situation does not fit on the card even at 9 pt; "
        r"it needs \d+ mm more; shorten (it|the card's text) by about \d+ words",
        result.stderr,
    ), result.output
    assert not (folder / "build" / "cards.pdf").exists()


def test_a_word_wider_than_the_column_is_an_error(tmp_path: Path) -> None:
    word = "0123456789" * 6  # no hyphenation point, no URL break
    folder = write_workshop(tmp_path / "wide", 0, cards=[{**card(1), "question": f"Zie {word}"}])
    result = run_cli("build", folder)
    assert result.exit_code == 1
    assert "card 'kaart-01': the question holds '0123456789" in result.stderr
    assert re.search(r"\d+ mm wide at 9 pt: wider than the \d+ mm of a line", result.stderr), result.output


COLUMN_ABOVE = Area(mm(4.5), mm(80), mm(54.5), mm(45))
BESIDE_CODE = Area(mm(28), mm(35), mm(31), mm(14))


def _dilemma(situation_words: int, options: list[str]) -> list[Spec]:
    return [
        Spec("title", "Thee op het terras", "title"),
        Spec("situation", " ".join(["klant"] * situation_words)),
        Spec("question", "Authentiek of onvriendelijk?", "question"),
        *(Spec("options", text, "option", "ABCD"[i], 0.3, i) for i, text in enumerate(options)),
    ]


def test_text_may_move_on_only_at_the_start_of_a_list_that_ends_the_card() -> None:
    specs = _dilemma(10, ["Ja.", "Nee."])
    assert breaks(specs) == {3}
    reordered = [specs[0], *specs[3:], specs[1], specs[2]]  # options before the situation
    assert breaks(reordered) == set()  # the situation may not stand beside the code


def test_a_list_that_does_not_fit_the_column_moves_beside_the_code_whole() -> None:
    column_alone = set_text(_dilemma(30, ["Ja.", "Nee."]), [COLUMN_ABOVE], "nl", "#B03A2E", 10.5)
    assert (
        column_alone.placed[-2].top - column_alone.placed[-2].height > COLUMN_ABOVE.top - COLUMN_ABOVE.height
    )  # A fits
    assert column_alone.overflow > 0  # … B does not
    fitted = set_text(_dilemma(30, ["Ja.", "Nee."]), [COLUMN_ABOVE, BESIDE_CODE], "nl", "#B03A2E", 10.5)
    assert [(placed.field, placed.area) for placed in fitted.placed][-3:] == [
        ("question", 0),
        ("options", 1),
        ("options", 1),
    ]
    assert fitted.overflow < 0


def test_a_list_too_long_for_either_place_is_reported_not_split() -> None:
    long_options = ["Een lange optie met heel veel woorden die niet naast de code past."] * 3
    specs = _dilemma(40, long_options)
    for size in (10.5, 9.0):
        fitted = set_text(specs, [COLUMN_ABOVE, BESIDE_CODE], "nl", "#B03A2E", size)
        assert len({placed.area for placed in fitted.placed if placed.field == "options"}) == 1
    with pytest.raises(
        Overflow, match=r"option [A-C] \('Een lange optie.*does not fit on the card even at 9 pt"
    ):
        search(specs, [COLUMN_ABOVE, BESIDE_CODE], "nl", "#B03A2E")


def test_the_overflow_counts_an_earlier_area_too() -> None:
    """Text stuck in the column (no list to move) overflows even if the space beside is empty."""
    specs = _dilemma(200, ["Ja.", "Nee."])
    fitted = set_text(specs, [COLUMN_ABOVE, BESIDE_CODE], "nl", "#B03A2E", 9.0)
    assert fitted.overflow > mm(10)


def test_leaving_out_an_item_moves_the_later_ones_up() -> None:
    specs = _dilemma(5, ["Ja.", "Nee.", "Misschien."])
    rest = without_item(specs, 3)  # option A
    assert [(s.markup, s.bullet, s.item, s.space) for s in rest[3:]] == [
        ("Nee.", "A", 0, specs[3].space),
        ("Misschien.", "B", 1, specs[4].space),
    ]
