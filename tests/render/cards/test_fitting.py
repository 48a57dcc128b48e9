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
    fit_at,
    fit_key,
    fits,
    search,
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


def test_longer_text_shrinks_then_flows_beside_the_code():
    fitted = {n: search(specs(n), [MAIN, BESIDE], "nl", "#B03A2E") for n in (40, 50, 60)}
    assert (fitted[40].size, fitted[40].areas) == (BASE_SIZE, 1)
    assert fitted[50].areas == 1 and MIN_SIZE < fitted[50].size < BASE_SIZE  # smaller, still above the code
    assert fitted[60].areas == 2 and fitted[60].size >= MIN_SIZE  # beside the code too
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
