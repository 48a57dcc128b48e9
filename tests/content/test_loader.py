"""Loading: the examples are accepted; each mistake is reported at its file, line and column."""

from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, replace_in
from workshop.content.models import DilemmaCard, ReflectionCard, RoleplayCard
from workshop.content.problems import ContentError
from workshop.content.units import mm
from workshop.pipeline.build import load_and_check

WORKSHOPS = [MINIMAL, ROOT / "deck", *sorted((ROOT / "examples").iterdir())]


@pytest.mark.parametrize("folder", sorted(set(WORKSHOPS)), ids=lambda p: p.name)
def test_bundled_workshops_load(folder: Path):
    workshop, _warnings = load_and_check(folder)
    assert workshop.cards
    kinds = {type(card) for card in workshop.cards}
    assert kinds == {DilemmaCard, RoleplayCard, ReflectionCard}


def test_minimal_model_values():
    workshop, warnings = load_and_check(MINIMAL)
    assert warnings == []
    assert workshop.config.print.card_size.name == "square"
    assert workshop.config.print.card_size.width == pytest.approx(mm(70))
    assert workshop.config.print.bleed == pytest.approx(mm(3))
    assert workshop.config.agenda.start == "13:00"
    assert workshop.number("het-menu") == 2


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_and_check(folder)
    return [str(p) for p in caught.value.problems]


def test_misspelt_key_names_file_line_column_and_suggestion(minimal: Path):
    replace_in(
        minimal / "cards.yaml", "    debrief:\n      summary: Eerst", "    debrif:\n      summary: Eerst"
    )
    (line,) = problems_of(minimal)
    assert line.endswith("cards.yaml:10:5: error: cards[0].debrif: unknown field (did you mean 'debrief'?)")


def test_every_problem_in_every_file_is_reported(minimal: Path):
    replace_in(minimal / "cards.yaml", "type: roleplay", "type: rolplay")
    replace_in(minimal / "cards.yaml", "minutes: 5\n    roles", "minutes: vijf\n    roles")
    replace_in(minimal / "workshop.yaml", "paper: a4", "paper: a5")
    lines = problems_of(minimal)
    assert any(
        "cards.yaml:18:11" in x and "'rolplay' is not a card type" in x and "'roleplay'" in x for x in lines
    )
    assert any("workshop.yaml:11:10" in x and "'a5'" in x and "a4, letter, a3" in x for x in lines)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "cards.yaml",
            "title: De wachttijd",
            "title: [De, wachttijd]",
            "cards.yaml:4:12: error: cards[0].title: expected text",
        ),
        (
            "cards.yaml",
            "    question: Wat zeg je als eerste?\n",
            "",
            "cards.yaml:2:5: error: cards[0].question: required field is missing",
        ),
        (
            "cards.yaml",
            "id: het-menu",
            "id: Het Menu!",
            "cards.yaml:17:9: error: cards[1].id: 'Het Menu!' cannot be a card id",
        ),
        (
            "cards.yaml",
            "id: het-menu",
            "id: wachttijd",
            "cards.yaml:17:9: error: card id 'wachttijd' is used twice (first at",
        ),
        (
            "cards.yaml",
            "      - Eerlijk uitleggen waarom het zo druk is.\n",
            "",
            "cards[0].options: needs at least 2 item(s), has 1",
        ),
        (
            "workshop.yaml",
            "duration: 45",
            "duration: 60",
            "workshop.yaml:7:11: error: duration is 60 minutes but the agenda's blocks add up to 45 (15 too few)",
        ),
        (
            "workshop.yaml",
            "het-menu,",
            "het-menuu,",
            "workshop.yaml:23:26: error: agenda.blocks[1].cards: no card has the id 'het-menuu' (did you mean 'het-menu'?)",
        ),
        (
            "workshop.yaml",
            "language: nl",
            "language: de",
            "workshop.yaml:4:11: error: language: 'de' is not allowed; use one of: nl, en",
        ),
        (
            "workshop.yaml",
            "https://example.org/mini/",
            "ftp://example.org/mini/",
            "workshop.yaml:9:13: error: debrief.base_url: 'ftp://example.org/mini/' is not a web address",
        ),
        (
            "workshop.yaml",
            '"13:00"',
            '"25:00"',
            "workshop.yaml:16:10: error: agenda.start: '25:00' is not a time of day",
        ),
        (
            "workshop.yaml",
            "decks: [cards.yaml]",
            "decks: [../cards.yaml]",
            "workshop.yaml:14:9: error: '../cards.yaml' leaves the workshop folder",
        ),
        (
            "workshop.yaml",
            "decks: [cards.yaml]",
            "decks: [kaarten.yaml]",
            "workshop.yaml:14:9: error: card file 'kaarten.yaml' does not exist",
        ),
        (
            "workshop.yaml",
            "card_size: square",
            "card_size: huge",
            "workshop.yaml:12:14: error: print.card_size: 'huge' is not a card size",
        ),
        (
            "workshop.yaml",
            "paper: a4",
            "paper: a4\n  bleed: 3",
            "workshop.yaml:12:10: error: print.bleed: '3' is not a length; write a number with a unit",
        ),
        (
            "workshop.yaml",
            "decks: [cards.yaml]",
            "decks: [cards.yaml]\ntheme: {logo: ../logo.png}",
            "workshop.yaml:15:15: error: theme.logo: '../logo.png' leaves the workshop folder",
        ),
        (
            "workshop.yaml",
            "decks: [cards.yaml]",
            "decks: [cards.yaml]\ntheme: {logo: logo.png}",
            "workshop.yaml:15:15: error: theme.logo: 'logo.png' does not exist",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
def test_bad_input_is_located(minimal: Path, file: str, old: str, new: str, expected: str):
    replace_in(minimal / file, old, new)
    lines = problems_of(minimal)
    assert any(expected in line for line in lines), "\n".join(lines)


def test_corrupt_logo_is_an_error(minimal: Path):
    (minimal / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really a png")
    replace_in(
        minimal / "workshop.yaml", "decks: [cards.yaml]", "decks: [cards.yaml]\ntheme: {logo: logo.png}"
    )
    (line,) = problems_of(minimal)
    assert "theme.logo: 'logo.png' looks like a PNG but cannot be read" in line
