"""guide.pdf as a facilitator meets it: text, clock times, outline, QR codes, fonts, bytes."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import MINIMAL
from tests.pdfcheck import decoded_qr_codes, normalise, outline, page_texts, pdffonts
from tests.workshops import MARKUP_LIKE, built_rich, output_pdf
from workshop.content.links import card_url
from workshop.content.markup import to_plain
from workshop.pdf.fonts import text_fields
from workshop.pipeline.build import Overrides, load_and_check
from workshop.render.guide.document import guide_pdf
from workshop.render.handouts import lay_out


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    return built_rich(tmp_path_factory, "guide")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return built_rich(tmp_path_factory, "guide", language="en", logo="svg", base_url=False)[1]


@pytest.fixture(scope="module")
def minimal_guide(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    root = tmp_path_factory.mktemp("minimal") / "ws"
    shutil.copytree(MINIMAL, root, ignore=shutil.ignore_patterns("build"))
    return output_pdf(root, "guide")


def _all(pdf: bytes) -> str:
    """The guide's text as one run, without running headers, footers and page numbers between pages."""
    header = re.compile(
        r"^[\s\S]{0,160}?(Handleiding voor de facilitator\s+Pagina|Facilitator guide\s+Page)\s+\d+\s*"
    )
    footer = re.compile(r"\n\d\d:\d\d–\d\d:\d\d [^\n]*$")  # the block a page belongs to, drawn last
    pages = PdfReader(io.BytesIO(pdf)).pages
    return normalise("\n".join(footer.sub("", header.sub("", page.extract_text())) for page in pages))


def _plain(text: str) -> str:
    return normalise(to_plain(text))


def test_clock_times_follow_the_agenda(minimal_guide: bytes):
    text = _all(minimal_guide)
    for when in ("13:00–13:05", "13:05–13:40", "13:40–13:45"):
        assert when in text
    agenda_page = next(
        t for t in page_texts(minimal_guide) if t.startswith("Een kleine workshop") and "Totaal" in t
    )
    assert "13:00–13:45 Totaal 45" in agenda_page


def test_every_card_text_and_debrief_is_in_the_guide(rich: tuple[Path, bytes]):
    root, pdf = rich
    workshop, _ = load_and_check(root)
    text = _all(pdf)
    for card in workshop.cards:
        for path, value in text_fields(card.model_dump(exclude={"id", "type", "tags", "minutes"})):
            assert _plain(value) in text, f"{card.id}.{'.'.join(map(str, path))} is missing"


def test_markup_like_content_is_printed_literally(rich: tuple[Path, bytes]):
    text = _all(rich[1])
    assert normalise(MARKUP_LIKE) in text
    assert text.count("<b>niet vet</b>") >= 4  # goal, instructions, option D, an insight


def test_outline_has_every_section_and_card(rich: tuple[Path, bytes]):
    root, pdf = rich
    workshop, _ = load_and_check(root)
    entries = outline(pdf)
    titles = [title for _, title, _ in entries]
    for section in ("Overzicht", "Printinstructies", "Agenda", "Verloop per onderdeel"):
        assert section in titles
    assert "Bijlage: kaarten buiten de agenda" in titles
    texts = page_texts(pdf)
    for card in workshop.cards:
        level, _, page = next(e for e in entries if e[1] == card.title)
        assert normalise(card.title) in texts[page], f"bookmark of {card.id} points to the wrong page"
        assert level == (1 if card.id == "ongebruikt" else 2)
    assert any(title.endswith("Pauze") for title in titles)


def test_contents_page_lists_sections_with_page_numbers(rich: tuple[Path, bytes]):
    contents = page_texts(rich[1])[1]
    assert contents.startswith(normalise("Klantgerichtheid of authenticiteit?"))
    assert "Inhoud" in contents
    assert "Thee op het terras" in contents and "Bijlage" in contents


def test_cover_has_no_running_header_and_body_pages_do(rich: tuple[Path, bytes]):
    texts = page_texts(rich[1])
    cover = texts[0]
    for fact in (
        "Anna de Vries",
        "CC BYSA 4.0",
        "120 minuten",
        "09:30–11:30",
        "8–20",
        normalise("Over échte aandacht"),
    ):
        assert fact in cover
    assert "Pagina" not in cover
    assert "Pagina 2" in texts[1]
    assert all(f"Pagina {i}" in t for i, t in enumerate(texts[1:], 2))


def test_cover_shows_the_png_logo(rich: tuple[Path, bytes]):
    cover = PdfReader(io.BytesIO(rich[1])).pages[0]
    assert len(cover.images) == 1


def test_unused_card_goes_to_the_appendix(rich: tuple[Path, bytes]):
    texts = page_texts(rich[1])
    appendix = next(i for i, t in enumerate(texts) if "Bijlage: kaarten buiten de agenda" in t and i > 1)
    assert "Een kaart buiten de agenda" in texts[appendix]
    assert all("Een kaart buiten de agenda" not in t for t in texts[2:appendix])


def test_materials_are_counted_for_the_largest_group(rich: tuple[Path, bytes]):
    text = _all(rich[1])
    assert "Materiaal voor 20 deelnemers" in text
    assert "één per 4 deelnemers: 5 stuks" in text
    assert (
        normalise("“Rollenspel 1: het café” (handouts.pdf): per groepje van 3 een set van 3 bladen: 6 sets")
        in text
    )
    assert (
        normalise("“Rollenspel 2: het café” (handouts.pdf): per groepje van 2 een set van 2 bladen: 10 sets")
        in text
    )
    assert "één per deelnemer: 20 stuks" in text


def test_roleplay_procedure_and_observer_checklist(rich: tuple[Path, bytes]):
    text = _all(rich[1])
    assert "Vorm groepjes van 3: Gast 1, Medewerker 1, Observator" in text
    assert "Wie overblijft (2)" in text
    assert "Speel 6 minuten" in text
    assert "Uit de rol" in text
    assert "de observator begint met de checklist (bij de rollen hierboven)" in text
    assert "Checklist van de observator" in text
    assert "Vraagt de medewerker door? (1)" in text


def test_printing_instructions(rich: tuple[Path, bytes]):
    text = _all(rich[1])
    assert "A4 (210 × 297 mm)" in text and "100 %" in text and normalise("“passend maken”") in text
    assert "omslaan langs de lange zijde" in text
    assert "5× cards.pdf" in text
    assert "snijtekens" in text
    assert "handouts.pdf: enkelzijdig" in text and "10×" in text


def test_qr_codes_scan_to_each_cards_page(rich: tuple[Path, bytes]):
    root, pdf = rich
    workshop, _ = load_and_check(root)
    found: set[str] = set()
    for page, _ in enumerate(page_texts(pdf)):
        found.update(decoded_qr_codes(pdf, page))
    assert found == {card_url("https://example.org/k/", card.id) for card in workshop.cards}


def test_fonts_are_lato_and_embedded(rich: tuple[Path, bytes], english: bytes):
    for pdf in (rich[1], english):
        rows = pdffonts(pdf)
        assert rows
        assert all("Lato" in row[0] and row[-5] == "yes" for row in rows), rows


def test_guide_is_reproducible(rich: tuple[Path, bytes]):
    root, pdf = rich
    workshop, _ = load_and_check(root)
    assert guide_pdf(workshop, lay_out(workshop).pages) == pdf


def test_english_workshop_gets_english_labels_and_no_qr(english: bytes):
    text = _all(english)
    for words in (
        "Contents",
        "Overview",
        "Materials for 20 participants",
        "Printing instructions",
        "The session, block by block",
        "Appendix: cards not in the agenda",
        "No debrief.base_url is set",
    ):
        assert normalise(words) in text, words
    for dutch in ("Inhoud", "Pagina", "Printinstructies", "Nabespreking"):
        assert dutch not in text
    assert decoded_qr_codes(english, 5) == []


def test_paper_override_and_no_agenda(minimal: Path):
    text = (minimal / "workshop.yaml").read_text()
    (minimal / "workshop.yaml").write_text(text[: text.index("agenda:")].replace("duration: 45\n", ""))
    pdf = output_pdf(minimal, "guide", overrides=Overrides(paper="letter"))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (612.0, 792.0)
    entries = outline(pdf)
    assert ("Alle kaarten" in [title for _, title, _ in entries]) and (
        "Agenda" not in [t for _, t, _ in entries]
    )
    assert all(card in _all(pdf) for card in ("De wachttijd", "Het menu", "Wat neem je mee?"))


def test_each_contents_line_is_one_link_from_title_to_number(rich: tuple[Path, bytes]):
    """And its text reads title, dots, number (copied, or read aloud, in that order)."""
    reader = PdfReader(io.BytesIO(rich[1]))
    page = reader.pages[1]
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", page.extract_text(), re.MULTILINE)]
    links = [annotation.get_object() for annotation in page.get("/Annots", [])]
    assert len(links) == len(numbers) > 10
    width = float(page.mediabox.width)
    for link, number in zip(links, numbers, strict=True):
        left, _, right, _ = (float(v) for v in link["/Rect"])
        assert left < width * 0.15 and right > width * 0.85  # the whole line, title and number
        target = reader.get_page_number(link["/Dest"][0].get_object())
        assert target + 1 == number  # it goes where the printed number says
    assert re.search(r"Overzicht\s*(\.\s*)+\s3\s", page.extract_text())


def test_contents_in_one_pass_match_the_classic_build(
    rich: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
):
    """The one-pass contents (numbers drawn last) read the same as reportlab's multi-pass ones,
    and when the planned lines disagree with the layout the classic build takes over."""
    import workshop.render.guide.document as render_guide
    from workshop.content.loader import load_workshop
    from workshop.content.problems import Problems

    root, one_pass = rich
    workshop = load_workshop(root, Problems())
    handouts = lay_out(workshop).pages
    classic = render_guide._guide_pdf(workshop, handouts, one_pass=False)

    def contents(pdf: bytes) -> str:  # titles and page numbers as laid out, without the leader dots
        page = PdfReader(io.BytesIO(pdf)).pages[1]
        return re.sub(r"[\s.]+", " ", page.extract_text(extraction_mode="layout"))

    assert contents(one_pass) == contents(classic)
    planned = render_guide._planned_entries
    monkeypatch.setattr(render_guide, "_planned_entries", lambda flow, recordings=None: planned(flow)[:-1])
    assert contents(render_guide.guide_pdf(workshop, handouts)) == contents(classic)
