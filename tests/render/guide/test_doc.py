"""The guide's pages: a cover without a header, body pages with the running header, page number,
the block at the foot, and an outline entry for every bookmark."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from tests.guidepdf import TITLE, laid_out
from tests.pdfcheck import outline, page_texts, pdffonts
from workshop.pdf.fonts import BOLD, REGULAR
from workshop.pdf.paragraphs import paragraph
from workshop.render.guide.doc import fit_text
from workshop.render.guide.flow import Bookmark
from workshop.render.guide.styles import styles

ST = styles("nl")


def test_fit_text_shortens_with_an_ellipsis_only_when_needed():
    assert fit_text("Kort", REGULAR, 8, 100) == "Kort"
    short = fit_text("Een heel lange titel die niet op de regel past", BOLD, 8, 60)
    assert short.endswith("…") and len(short) < 30
    assert "Een heel lange titel".startswith(short[:-1].rstrip())


def test_body_pages_have_the_running_header_page_number_and_the_block_at_the_foot():
    pdf = laid_out(
        [
            Bookmark("overview", "Overzicht", "Overzicht", 0),
            paragraph("Eerste pagina.", ST.body),
            PageBreak(),
            Bookmark("block-1", "13:00–13:05  Opening", "13:00–13:05  Opening", 1),
            paragraph("Tweede pagina.", ST.body),
            PageBreak(),
            paragraph("Derde pagina, nog in de opening.", ST.body),
        ]
    )
    cover, first, second, third = page_texts(pdf)
    assert cover == ""
    assert first.startswith(f"{TITLE} Handleiding") and "Pagina 2" in first
    assert "13:00–13:05 Opening" not in first  # no block yet
    assert "13:00–13:05 Opening" in second and "13:00–13:05 Opening" in third and "Pagina 4" in third
    assert outline(pdf) == [(0, "Overzicht", 1), (1, "13:00–13:05  Opening", 2)]


def test_only_lato_is_in_the_document():
    pdf = laid_out([paragraph("Eén café, “naïef”.", ST.body)])
    fonts = [row[0] for row in pdffonts(pdf)]
    assert fonts and all("Lato" in name for name in fonts), fonts
