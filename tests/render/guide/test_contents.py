"""Contents laid out in one pass: every line links to its section and shows the page it landed on."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.platypus import PageBreak

from tests.guidepdf import laid_out
from tests.pdfcheck import outline, page_texts
from workshop.content.units import mm
from workshop.pdf.paragraphs import paragraph
from workshop.render.guide.contents import ContentsMismatch, OnePassContents
from workshop.render.guide.flow import Bookmark
from workshop.render.guide.styles import styles

ST = styles("nl")
SECTIONS = [
    (0, "overview", "Overzicht"),
    (0, "session", "Sessieplan"),
    (1, "block-1", "Opening"),
    (0, "appendix", "Bijlage"),
]


def contents(entries: list[tuple[int, str, str]]) -> OnePassContents:
    return OnePassContents(
        [(level, title, 0, key) for level, key, title in entries],
        levelStyles=[ST.toc0, ST.toc1, ST.toc2],
        dotsMinLevel=0,
        rightColumnWidth=mm(12),
    )


def story(toc: OnePassContents) -> list:
    flow = [paragraph("Inhoud", ST.h1), toc, PageBreak()]
    for level, key, title in SECTIONS:
        flow += [
            Bookmark(key, title, title, level),
            paragraph(title, ST.h1),
            paragraph("Tekst. " * 1200, ST.body),
        ]
    return flow


def test_each_line_shows_the_page_its_section_starts_on():
    toc = contents(SECTIONS)
    pdf = laid_out(story(toc), contents=toc)
    pages = {title: page + 1 for _, title, page in outline(pdf)}  # as printed: 1-based
    assert list(pages) == [title for _, _, title in SECTIONS]
    assert pages["Bijlage"] > pages["Sessieplan"] > pages["Overzicht"] > 2  # the sections run over pages
    laid = PdfReader(io.BytesIO(pdf)).pages[1].extract_text(extraction_mode="layout")
    lines = [re.sub(r"[\s.]+", " ", line).strip() for line in laid.splitlines() if "." in line]
    assert lines == [f"{title} {page}" for title, page in pages.items()], laid
    assert "Inhoud" in page_texts(pdf)[1]


def test_each_line_is_one_link_to_its_section():
    toc = contents(SECTIONS)
    pdf = laid_out(story(toc), contents=toc)
    page = PdfReader(io.BytesIO(pdf)).pages[1]
    links = [annot.get_object() for annot in page.get("/Annots", [])]
    destinations = [str(link["/Dest"]) if "/Dest" in link else str(link.get("/A")) for link in links]
    assert len(links) == len(SECTIONS), destinations
    assert all(link["/Subtype"] == "/Link" for link in links)


def test_lines_planned_for_other_sections_are_refused_not_printed_wrong():
    toc = contents(SECTIONS[:-1])  # the layout meets one bookmark more than was planned
    with pytest.raises(ContentsMismatch):
        laid_out(story(toc), contents=toc)
