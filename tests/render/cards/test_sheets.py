"""Sheets: backs behind their fronts for each duplex mode, the printer's offset, fold and no duplex."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from tests.cardgen import card, write_workshop
from tests.cardpdfs import build, decode, normalise, read_pdf, urls
from workshop.content.units import mm
from workshop.pdf.layout import back_slots
from workshop.render.cards.sheets import hint_length, hint_text, ruler_length


def _rows_of_types() -> list[dict]:
    """Nine cards whose types differ per row and per column, so any wrong mirror shows."""
    order = [
        "dilemma",
        "roleplay",
        "roleplay",
        "reflection",
        "dilemma",
        "dilemma",
        "roleplay",
        "reflection",
        "reflection",
    ]
    cards = []
    for index, kind in enumerate(order, 1):
        base = card({"dilemma": 1, "roleplay": 2, "reflection": 3}[kind])
        cards.append({**base, "id": f"kaart-{index:02d}"})
    return cards


@pytest.mark.parametrize("edge", ["long-edge", "short-edge"])
def test_each_back_lands_behind_its_front(tmp_path: Path, edge: str) -> None:
    from workshop.pdf.layout import plan_sheet

    folder = write_workshop(tmp_path / edge, 9, cards=_rows_of_types(), duplex=edge)
    files = build(folder)
    plan = plan_sheet("a4", mm(63.5), mm(88.9), mm(3))
    assert plan is not None
    document = pdfium.PdfDocument(files["cards.pdf"])
    front, back = (document[i].render(scale=1).to_pil().convert("RGB") for i in (0, 1))
    for slot, mirrored in zip(plan.slots, back_slots(plan, edge), strict=True):  # type: ignore[arg-type]
        assert _colour(front, slot.trim, plan.height) == _colour(back, mirrored.trim, plan.height)
    document.close()


def _colour(image: Any, trim: Any, page_height: float) -> tuple[int, int, int]:
    """The colour just inside a card's top-left corner (the type colour on fronts and backs)."""
    x, y = trim.x + mm(2), page_height - (trim.top - mm(2))
    return image.getpixel((round(x), round(y)))


def test_back_offset_shifts_every_back(tmp_path: Path) -> None:
    plain = build(write_workshop(tmp_path / "plain", 3))
    shifted = build(write_workshop(tmp_path / "shifted", 3, back_offset=["2mm", "-1mm"]))
    for page, text, (dx, dy) in ((0, "kaart-01", (0, 0)), (1, "Klantgerichtheid", (mm(2), mm(-1)))):
        before, after = _char_box(plain["cards.pdf"], page, text), _char_box(shifted["cards.pdf"], page, text)
        assert after[0] - before[0] == pytest.approx(dx, abs=0.05)
        assert after[1] - before[1] == pytest.approx(dy, abs=0.05)


def _char_box(pdf: bytes, page_index: int, text: str) -> tuple[float, float, float, float]:
    document = pdfium.PdfDocument(pdf)
    page = document[page_index]
    textpage = page.get_textpage()
    first = textpage.search(text).get_next()
    assert first is not None, text
    box = textpage.get_charbox(first[0])
    document.close()
    return box


def test_fold_puts_front_and_back_side_by_side(tmp_path: Path) -> None:
    files = build(write_workshop(tmp_path / "fold", 5, duplex="fold"))
    notes = files["_notes"].decode()
    assert "fold" in notes
    reader = read_pdf(files["cards.pdf"])
    first = normalise(reader.pages[0].extract_text())
    assert "kaart-01" in first and "Klantgerichtheid of authenticiteit?" in first
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/Simplex"
    assert set().union(*decode(files["cards.pdf"])) == urls(1, 5)


def test_none_gives_fronts_and_one_back_sheet_per_type(tmp_path: Path) -> None:
    files = build(write_workshop(tmp_path / "none", 12, duplex="none"))
    reader = read_pdf(files["cards.pdf"])
    assert len(reader.pages) == 2 + 3
    assert "kaart-10" in reader.pages[1].extract_text()
    assert "DILEMMA" in reader.pages[2].extract_text() and "kaart" not in reader.pages[2].extract_text()
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/Simplex"


def test_the_hint_says_how_to_print_in_the_workshops_language():
    assert "100 %" in hint_text("nl", "long-edge") and "lange zijde" in hint_text("nl", "long-edge")
    assert hint_text("en", "short-edge") != hint_text("en", "long-edge")
    assert hint_length("nl", "long-edge") > mm(20)
    assert ruler_length() > mm(50)  # the 50 mm ruler and its label
