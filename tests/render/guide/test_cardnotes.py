"""A card in the guide: its header with QR code, its text, a roleplay's procedure, and its debrief."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.platypus import KeepTogether

from tests.conftest import MINIMAL
from tests.guidepdf import laid_out
from tests.pdfcheck import decoded_qr_codes, outline, page_texts
from workshop.content.loader import Workshop
from workshop.pdf.paragraphs import paragraph
from workshop.pipeline.build import load_and_check
from workshop.render.guide.cardnotes import CardContext, card_bookmark, card_notes, keep_tail
from workshop.render.guide.styles import styles


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return load_and_check(MINIMAL)[0]


def notes(workshop: Workshop, card_id: str, participants: int | None = 12) -> tuple[bytes, str]:
    pdf = laid_out(card_notes(workshop.card(card_id), CardContext(workshop, participants), 0))
    return pdf, " ".join(page_texts(pdf)[1:])


def test_a_dilemma_shows_its_header_code_text_lettered_options_and_debrief(workshop: Workshop):
    pdf, text = notes(workshop, "wachttijd")
    for words in (
        "DILEMMA · kaart 1/3 De wachttijd",
        "Nabesprekingspagina: https://example.org/mini/wachttijd/",
        "SITUATIE Het is druk aan de telefoon.",
        "VRAAG Wat zeg je als eerste?",
        "OPTIES A Sorry voor het wachten, hoe kan ik u helpen? B Eerlijk uitleggen",
        "NABESPREKING · SAMENVATTING Eerst erkennen, dan helpen.",
        "DEBRIEFVRAGEN Wanneer helpt een uitleg",
        "INZICHTEN Klanten tonen begrip",
    ):
        assert words in text, words
    assert decoded_qr_codes(pdf, 1) == ["https://example.org/mini/wachttijd/"]
    assert outline(pdf) == [(0, "De wachttijd", 1)]


def test_a_roleplay_has_its_roles_observer_checklist_and_a_procedure_for_the_group(workshop: Workshop):
    _, text = notes(workshop, "het-menu")
    assert "SPEELTIJD 5 minuten" in text
    assert "Observator Checklist van de observator □ Stelt de medewerker vragen terug? □ Komt er" in text
    assert (
        "1. Vorm groepjes van 3: Gast, Medewerker, Observator. Bij 12 deelnemers zijn dat 4 groepjes." in text
    )
    assert "6. Nabespreking in het groepje: de observator begint met de checklist" in text
    _, odd = notes(workshop, "het-menu", participants=13)
    assert "Bij 13 deelnemers zijn dat 4 groepjes. Wie overblijft (1), kijkt mee als extra observator." in odd
    _, unknown = notes(workshop, "het-menu", participants=None)
    assert "deelnemers zijn dat" not in unknown


def test_a_reflection_shows_its_prompts(workshop: Workshop):
    _, text = notes(workshop, "wat-neem-je-mee")
    assert "REFLECTIE · kaart 3/3 Wat neem je mee?" in text
    assert "DENK AAN Eén ding dat je blijft doen. Eén ding dat je gaat proberen." in text


def test_without_a_base_url_the_id_stands_in_for_the_code(workshop: Workshop):
    config = workshop.config.model_copy(
        update={"debrief": workshop.config.debrief.model_copy(update={"base_url": None})}
    )
    plain = replace(workshop, config=config)
    pdf, text = notes(plain, "wachttijd")
    assert "Nabesprekingspagina" not in text and "wachttijd" in text
    assert decoded_qr_codes(pdf, 1) == []


def test_the_bookmark_line_carries_the_cards_tags(workshop: Workshop):
    card = workshop.card("wachttijd").model_copy(update={"tags": ["telefoon", "geduld"]})
    mark = card_bookmark(card, 2)
    assert (mark.key, mark.text, mark.level) == ("card-wachttijd", "De wachttijd", 2)
    assert mark.markup.endswith("<i>· telefoon, geduld</i></font>")


def test_the_last_sections_are_kept_together():
    st = styles("nl")
    sections = [KeepTogether([paragraph(str(n), st.body)]) for n in range(4)]
    kept = keep_tail([*sections, paragraph("slot", st.body)], 2)
    assert kept[:2] == sections[:2] and len(kept) == 3
    assert [p.text for p in kept[2]._content] == ["2", "3", "slot"]
    assert keep_tail(sections, 0) == sections
