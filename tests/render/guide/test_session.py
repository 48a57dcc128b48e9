"""The session plan: the agenda table with clock times and a total, and the session cut into parts."""

from __future__ import annotations

from tests.conftest import MINIMAL
from tests.guidepdf import laid_out, with_block_targets
from tests.pdfcheck import outline, page_texts
from workshop.content.models import Agenda
from workshop.pipeline.build import load_and_check
from workshop.render.guide.cardnotes import CardContext
from workshop.render.guide.session import (
    agenda_table,
    block_bookmark,
    part_bookmarks,
    part_flowables,
    session_parts,
)

AGENDA = Agenda.model_validate(
    {
        "blocks": [
            {"title": "A", "minutes": 5, "cards": ["a", "b", "c"]},
            {"title": "Pauze", "minutes": 5, "kind": "break"},
            {"title": "C", "minutes": 5, "cards": ["d", "e"]},
        ]
    }
)


def test_without_chapters_the_session_is_one_part():
    assert session_parts(AGENDA) == [[(0, 0, 3), (1, 0, 0), (2, 0, 2)]]


def test_parts_break_after_enough_cards_never_before_a_blocks_first_card():
    assert session_parts(AGENDA, 2) == [[(0, 0, 2)], [(0, 2, 3), (1, 0, 0), (2, 0, 1)], [(2, 1, 2)]]
    # a break has nothing to start a part with: it stays with the block before it
    assert session_parts(AGENDA, 1) == [
        [(0, 0, 1)],
        [(0, 1, 2)],
        [(0, 2, 3), (1, 0, 0)],
        [(2, 0, 1)],
        [(2, 1, 2)],
    ]


def test_the_agenda_table_has_clock_times_kinds_and_a_total():
    workshop, _ = load_and_check(MINIMAL)
    assert workshop.config.agenda is not None
    text = page_texts(
        laid_out(with_block_targets(agenda_table(workshop, workshop.config.agenda), workshop.config.agenda))
    )[1]
    assert "Tijd Onderdeel Soort min Kaarten" in text
    assert "13:05–13:40 Kaarten Sessie 35" in text
    assert "De wachttijd" in text and "Het menu" in text
    assert "13:00–13:45 Totaal 45" in text


def test_each_block_heads_its_cards_and_the_bookmarks_are_planned_alike():
    workshop, _ = load_and_check(MINIMAL)
    agenda = workshop.config.agenda
    assert agenda is not None
    (part,) = session_parts(agenda)
    ctx = CardContext(workshop, 12)
    pdf = laid_out(part_flowables(workshop, agenda, ctx, part, first_part=True))
    titles = [title for _, title, _ in outline(pdf)]
    planned = [mark.text for mark in part_bookmarks(workshop, agenda, part, first_part=True)]
    assert titles == planned
    assert titles[:3] == ["Verloop per onderdeel", "13:00–13:05  Opening", "13:05–13:40  Kaarten"]
    text = " ".join(page_texts(pdf))
    assert "Heet iedereen welkom en vertel wat we gaan doen." in text and "35 minuten" in text
    assert block_bookmark(2, agenda.blocks[1], "13:05–13:40").key == "block-2"
