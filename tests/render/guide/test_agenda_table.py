"""The agenda table breaks between card titles, never inside one, and repeats time and block after a break."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from tests.cardgen import write_workshop
from tests.guidepdf import laid_out, with_block_targets
from tests.pdfcheck import page_texts
from workshop.content.loader import Workshop
from workshop.content.models import Agenda
from workshop.pipeline.build import load_and_check
from workshop.render.guide.agenda_table import AgendaTable
from workshop.render.guide.session import agenda_table

CARDS = 70


def long_agenda(tmp_path: Path) -> tuple[Workshop, Agenda]:
    """70 cards in one block between two short ones: more than a page of agenda."""
    workshop, _ = load_and_check(write_workshop(tmp_path / "w", CARDS))
    agenda = Agenda.model_validate(
        {
            "start": "09:00",
            "blocks": [
                {"title": "Welkom", "minutes": 10},
                {"title": "Alle kaarten", "minutes": 120, "cards": [card.id for card in workshop.cards]},
                {"title": "Afsluiting", "minutes": 10},
            ],
        }
    )
    return replace(workshop, config=workshop.config.model_copy(update={"agenda": agenda})), agenda


def test_a_long_block_goes_on_under_its_time_and_title_marked_continued(tmp_path: Path):
    workshop, agenda = long_agenda(tmp_path)
    pages = page_texts(laid_out(with_block_targets(agenda_table(workshop, agenda), agenda)))[1:]
    assert len(pages) >= 2, "70 cards run over a page"
    for page in pages:
        assert "Tijd Onderdeel Soort min Kaarten" in page  # the header on every page
    assert "09:10–11:10 Alle kaarten (vervolg)" in pages[1]
    assert "(vervolg)" not in pages[0]
    for card in workshop.cards:  # every title whole on exactly one page
        whole = re.compile(rf"{re.escape(card.title)}(?!\d)")  # 'Thee 5' is not 'Thee 50'
        assert sum(bool(whole.search(page)) for page in pages) == 1, card.title
    assert "09:00–11:20 Totaal 140" in pages[-1] and "Totaal" not in pages[0]


def test_a_split_keeps_the_total_for_the_last_part_and_never_leaves_a_header_alone(tmp_path: Path):
    workshop, agenda = long_agenda(tmp_path)
    table = next(item for item in agenda_table(workshop, agenda) if isinstance(item, AgendaTable))
    first, rest = table.split(500, 300)
    assert isinstance(first, AgendaTable) and isinstance(rest, AgendaTable)
    assert first.total is None and rest.total is table.total
    assert len(first.rows) + len(rest.rows) == len(table.rows) + 1  # the broken block is in both parts
    assert len(first.rows[-1].cards) + len(rest.rows[0].cards) == CARDS
    assert rest.rows[0].lead == table.rows[1].continued
    assert table.split(500, 20) == []  # room for the header only: the table moves on whole
