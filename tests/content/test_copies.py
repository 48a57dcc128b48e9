"""How many to print: print.copies (default: one deck per 4 participants), and the sheets of
paper it takes, on the guide's printing page and in the build's closing lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cardgen import write_workshop
from tests.conftest import run_cli
from tests.pdfcheck import outline


def printing_text(root: Path) -> str:
    guide = PdfReader(root / "build" / "guide.pdf")
    (page,) = [
        p
        for _level, title, p in outline((root / "build" / "guide.pdf").read_bytes())
        if title in ("Printinstructies", "Printing instructions")
    ]
    return " ".join(guide.pages[page].extract_text().split())


def build(root: Path) -> str:
    result = run_cli("build", root)
    assert result.exit_code == 0, result.output
    return result.output


def test_default_copies_come_from_the_group_size_with_sheets_per_copy_and_in_all(tmp_path: Path):
    root = write_workshop(tmp_path / "ws", 20, language="en")  # 20 poker cards: 3 sheets, duplex
    text = (root / "workshop.yaml").read_text(encoding="utf-8")
    (root / "workshop.yaml").write_text(text + "group_size: 8-10\n", encoding="utf-8")
    output = build(root)
    assert (
        "To print: 3 copies of cards.pdf (one deck per 4 of 10 participants; set print.copies to change): "
        "3 sheets of A4 each, 9 sheets in all (double-sided)." in output
    )
    assert "6 pages (3 front pages + 3 back pages)" in output  # the same paper, counted as pages
    assert len(PdfReader(root / "build" / "cards.pdf").pages) == 6
    assert (
        "Copies: 3× cards.pdf, one deck per 4 participants (for 10 participants). "
        "That is 3 sheets of A4 per copy (double-sided), 9 sheets in all." in printing_text(root)
    )


@pytest.mark.parametrize(
    ("language", "cards", "copies", "guide_words", "cli_words"),
    [
        ("en", 9, 1, "Copies: 1× cards.pdf (print.copies). That is 1 sheet of A4 per copy (double-sided), 1 sheet in all.",
         "To print: 1 copy of cards.pdf (print.copies): 1 sheet of A4 each, 1 sheet in all (double-sided)."),
        ("nl", 9, 2, "Aantal: 2× cards.pdf (print.copies). Dat is 1 vel A4 per exemplaar (dubbelzijdig), 2 vellen in totaal.",
         "To print: 2 copies of cards.pdf (print.copies): 1 sheet of A4 each, 2 sheets in all (double-sided)."),
        ("nl", 146, 2, "Aantal: 2× cards.pdf (print.copies). Dat is 17 vellen A4 per exemplaar (dubbelzijdig), 34 vellen in totaal.",
         "To print: 2 copies of cards.pdf (print.copies): 17 sheets of A4 each, 34 sheets in all (double-sided)."),
    ],
    ids=["one-sheet-en", "two-copies-nl", "146-cards-nl"],
)  # fmt: skip
def test_print_copies_sets_the_number_and_plurals_follow_it(
    tmp_path: Path, language: str, cards: int, copies: int, guide_words: str, cli_words: str
):
    root = write_workshop(tmp_path / "ws", cards, language=language, copies=copies)
    text = (root / "workshop.yaml").read_text(encoding="utf-8")
    (root / "workshop.yaml").write_text(text + "group_size: 40\n", encoding="utf-8")  # print.copies wins
    assert cli_words in build(root)
    assert guide_words in printing_text(root)


def test_without_a_group_size_one_copy_is_described(tmp_path: Path):
    root = write_workshop(tmp_path / "ws", 9, language="en", duplex="fold")
    output = build(root)
    assert (
        "To print: cards.pdf is 3 sheets of A4 (single-sided); print one copy per 4 participants "
        "(set group_size or print.copies to have it counted)." in output
    )
    assert (
        "Copies: one copy of cards.pdf per 4 participants. One copy is 3 sheets of A4 (single-sided)."
        in printing_text(root)
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [("0", "0 is too small; it must be at least 1"), ("drie", "print.copies"), ("1001", "at most 1000")],
)
def test_a_wrong_number_of_copies_is_a_located_error(tmp_path: Path, value: str, words: str):
    root = write_workshop(tmp_path / "ws", 3, language="en")
    text = (root / "workshop.yaml").read_text(encoding="utf-8")
    (root / "workshop.yaml").write_text(
        text.replace("print:\n", f"print:\n  copies: {value}\n"), encoding="utf-8"
    )
    lines = (root / "workshop.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("  copies:"))
    for command in ("validate", "build"):
        result = run_cli(command, root)
        assert result.exit_code == 1
        assert any(f"workshop.yaml:{line}:" in out and words in out for out in result.output.splitlines()), (
            result.output
        )
    assert not (root / "build").exists()


def test_a_cards_own_copies_print_it_that_often_in_cards_pdf_and_the_counts_follow(tmp_path: Path):
    """Card 1 with copies: 3 in a workshop of 9: cards.pdf holds 11 cards (two sheets of 9 poker
    cards), card 1's face and QR code three times; print.copies multiplies the decks, not the card."""
    from tests.cardgen import card
    from tests.pdfcheck import decoded_qr_codes, page_texts

    cards = [card(i) for i in range(1, 10)]
    cards[0]["copies"] = 3
    root = write_workshop(tmp_path / "ws", 9, language="en", cards=cards, copies=2)
    output = build(root)
    pdf = (root / "build" / "cards.pdf").read_bytes()
    assert len(PdfReader(root / "build" / "cards.pdf").pages) == 4  # 2 sheets of fronts, 2 of backs
    fronts = " ".join(page_texts(pdf)[0::2])
    assert " ".join(fronts.split()).count("Thee op het terras 1 ") == 3
    assert " ".join(fronts.split()).count("Thee op het terras 4 ") == 1
    codes = decoded_qr_codes(pdf, 0) + decoded_qr_codes(pdf, 2)
    assert codes.count("https://example.org/kg/kaart-01/") == 3
    assert len(codes) == 11
    single = PdfReader(root / "build" / "cards-single.pdf")
    assert len(single.pages) == 2 * 9  # the proof for the print shop: every card once
    assert "To print: 2 copies of cards.pdf (print.copies): 2 sheets of A4 each, 4 sheets in all" in output
    guide = PdfReader(root / "build" / "guide.pdf")
    text = " ".join(" ".join(page.extract_text() for page in guide.pages).split())
    assert "Card decks (cards.pdf, 11 cards): 2 in all" in text


def test_copies_of_a_card_is_a_whole_number_from_1_to_100(tmp_path: Path):
    from tests.cardgen import card

    cards = [card(1), card(2)]
    cards[1]["copies"] = 0
    root = write_workshop(tmp_path / "ws", 2, language="en", cards=cards)
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert (
        "cards.yaml:" in result.stderr
        and "cards[1].copies: 0 is too small; it must be at least 1" in result.stderr
    )
