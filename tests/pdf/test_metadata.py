"""Document information: what each PDF says about itself, from workshop.yaml."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.cardgen import card, write_workshop
from workshop.pdf.metadata import document_info
from workshop.pipeline.build import build_workshop, load_and_check


def test_information_comes_from_the_workshop(tmp_path: Path) -> None:
    cards = [{**card(1), "tags": ["humor", "*service*"]}, {**card(2), "tags": ["humor"]}]
    workshop = load_and_check(write_workshop(tmp_path / "w", 0, cards=cards))[0]
    info = document_info(workshop, "guide")
    assert info.title == "Klantgerichtheid of authenticiteit?"
    assert info.author == ""  # none given: empty, not reportlab's "anonymous"
    assert info.subject == "Handleiding voor de facilitator"
    assert info.keywords == "workshop, dilemma, rollenspel, humor, service"  # tags once each, markup gone
    assert info.language == "nl"


def test_a_canvas_and_a_document_template_carry_it(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 3)
    (folder / "workshop.yaml").write_text(
        (folder / "workshop.yaml").read_text(encoding="utf-8") + "author: Anna de Vries\n", encoding="utf-8"
    )
    report = build_workshop(folder, tmp_path / "out", only=("cards", "guide"))
    for name, subject in (
        ("cards.pdf", "Kaarten om te printen en te snijden"),
        ("cards-single.pdf", "Kaarten, één per pagina met afloop, voor de drukker"),
        ("guide.pdf", "Handleiding voor de facilitator"),
    ):
        reader = PdfReader(io.BytesIO((report.out_dir / name).read_bytes()))
        assert reader.metadata is not None
        assert (reader.metadata.author, reader.metadata.subject) == ("Anna de Vries", subject), name
        assert reader.trailer["/Root"]["/Lang"] == "nl", name
