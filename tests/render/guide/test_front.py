"""The guide's front matter: cover, overview with a packing list counted for the largest group, printing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.guidepdf import laid_out
from tests.pdfcheck import page_texts
from tests.workshops import rich_workshop
from workshop.content.loader import Workshop
from workshop.content.models import Agenda, Block
from workshop.pipeline.build import load_and_check
from workshop.render.context import PageRange
from workshop.render.guide.front import cover, duration_text, handout_sets, materials, overview, printing


@pytest.fixture(scope="module")
def minimal() -> Workshop:
    return load_and_check(MINIMAL)[0]


def edited(workshop: Workshop, **config: object) -> Workshop:
    from dataclasses import replace

    return replace(workshop, config=workshop.config.model_copy(update=config))


def test_the_duration_names_the_minutes_and_the_clock(minimal: Workshop):
    assert duration_text(minimal) == "45 minuten · 13:00–13:45"
    assert duration_text(edited(minimal, agenda=None)) == "45 minuten"


def test_the_packing_list_counts_for_the_largest_group(minimal: Workshop):
    assert materials(minimal) == [
        "Kaartspellen (cards.pdf, 3 kaarten): één per 4 deelnemers: 3 stuks",
        "Rolbriefjes “Het menu” (handouts.pdf): per groepje van 3 een set van 3 bladen: 4 sets",
        "Pennen: één per deelnemer: 12 stuks",
        "Een timer of klok die iedereen ziet",
        "Flip-over met stiften",
        "Deze handleiding",
    ]
    unknown = materials(edited(minimal, group_size=None))
    assert not any(char.isdigit() for char in unknown[2]) and "stuks" not in unknown[0]


def test_the_overview_and_cover_show_the_facts(minimal: Workshop):
    text = page_texts(laid_out(overview(minimal)))[1]
    assert "Materiaal voor 12 deelnemers" in text and "Groepsgrootte 6–12" in text
    front = page_texts(laid_out(cover(minimal)))[1]
    assert "HANDLEIDING VOOR DE FACILITATOR Een kleine workshop Eén kaart van elke soort" in front


def test_handout_sets_name_their_pages_roles_and_copies(minimal: Workshop, tmp_path: Path):
    menu = minimal.card("het-menu")
    assert handout_sets(minimal, [PageRange(menu, 1, 3)]) == [
        "blz. 1–3 “Het menu” (Gast, Medewerker, Observator): 4×"
    ]
    english, _ = load_and_check(rich_workshop(tmp_path / "ws", language="en"))
    ranges = [PageRange(card, n, n) for n, card in enumerate(english.cards[1:5], 1)]
    one_played = Agenda(blocks=[Block(title="Spel", minutes=10, cards=["rollenspel-2"])])
    lines = handout_sets(edited(english, agenda=one_played, duration=None), ranges)
    assert lines[0] == (
        "p. 1 “Rollenspel 1: het café” (Gast 1, Medewerker 1, Observator): "
        "not in the agenda, only needed if you play it after all"
    )
    assert lines[1].startswith("p. 2 “Rollenspel 2: het café”") and lines[1].endswith("×")


def test_printing_says_paper_card_size_copies_and_sheets(minimal: Workshop):
    text = page_texts(laid_out(printing(minimal, [PageRange(minimal.card("het-menu"), 1, 3)])))[1]
    for words in (
        "Papier: A4 (210 × 297 mm)",
        "Kaartformaat square (70 × 70 mm)",
        "Aantal: 3× cards.pdf, één kaartspel per 4 deelnemers (bij 12 deelnemers)",
        "1 vel A4 per exemplaar (enkelzijdig), 3 vellen in totaal",
        "De achtergrond loopt 0,5 mm door",  # print.layout: auto gave the sheet's outer edges 0.5 mm
        "– blz. 1–3 “Het menu” (Gast, Medewerker, Observator): 4×",
        "https://example.org/mini/",
    ):
        assert words in text, words
