"""The bundled font: registered once, every character checked before printing, SVG text set in it."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import MINIMAL, loaded, replace_in
from workshop.pdf.fonts import (
    BOLD,
    REGULAR,
    check_coverage,
    clusters,
    describe,
    missing_characters,
    prime,
    register_fonts,
    registered,
    shown_characters,
    use_lato,
)
from workshop.pdf.reportlab_internals import font_codes, font_names, pdf_document


def test_lato_draws_dutch_french_and_typographic_marks():
    assert missing_characters("Één café, “naïef” – € 3,20 · ‘s middags…\n\t") == []


def test_what_the_font_lacks_is_named_as_the_reader_sees_it():
    assert missing_characters("ok 🙂\ufe0f en 日本 en 🙂\ufe0f") == ["🙂\ufe0f", "日", "本"]
    family = "👩\u200d👩\u200d👧"
    assert list(clusters(f"a{family}b")) == ["a", family, "b"]
    assert describe("€") == "'€' (U+20AC EURO SIGN)"
    assert describe("🙂\ufe0f") == "'🙂\ufe0f' (U+1F642 SLIGHTLY SMILING FACE)"
    assert describe("©\ufe0f").endswith(", followed by U+FE0F VARIATION SELECTOR-16)")


def test_invisible_and_direction_changing_characters_are_named_by_code_only():
    assert describe("\u202e") == "(U+202E RIGHT-TO-LEFT OVERRIDE)"
    assert describe("\x1b") == "(U+001B unnamed character)"


def test_coverage_names_card_field_and_character_at_its_place(minimal: Path):
    replace_in(minimal / "cards.yaml", "name: Gast", "name: Gast 😀")
    replace_in(minimal / "workshop.yaml", "title: Een kleine workshop", "title: Een ☃ workshop")
    problems = [str(p) for p in check_coverage(loaded(minimal))]
    assert len(problems) == 2, problems
    assert any(
        "cards.yaml:23:15: error: card 'het-menu', roles.0.name: the character '😀' (U+1F600 GRINNING FACE)"
        in p
        for p in problems
    )
    assert any("workshop.yaml:2:8: error: title: the character '☃' (U+2603 SNOWMAN)" in p for p in problems)
    assert check_coverage(loaded(MINIMAL)) == []


def test_shown_characters_hold_the_content_and_the_labels_but_no_line_breaks():
    shown = set(shown_characters(loaded(MINIMAL)))
    assert set("Een kleine workshop") <= shown and set("Nabespreking") <= shown and "•" in shown
    assert not shown & {"\n", "\t", "\u2028"}


def test_two_documents_primed_alike_name_and_code_every_character_alike():
    """What lets drawing recorded in one document be pasted into another (card fronts, guide chapters)."""
    register_fonts()
    primed = []
    for first in ("Eén café", "zzz"):  # what each document happens to draw first differs
        doc = pdf_document(Canvas(io.BytesIO()))
        prime(doc, {BOLD: "ÉÉN", REGULAR: "Eén café"})
        registered(REGULAR).splitString(first, doc)
        primed.append((font_names(doc), font_codes(doc, REGULAR), font_codes(doc, BOLD)))
    (names, regular, bold), (names_2, regular_2, bold_2) = primed
    assert names == names_2 and bold == bold_2
    assert regular is not None and regular_2 is not None
    assert {ch: code for ch, code in regular[2].items() if chr(ch) in "Eén café"} == {
        ch: code for ch, code in regular_2[2].items() if chr(ch) in "Eén café"
    }


def test_svg_text_is_set_in_lato_whatever_font_it_asked_for():
    inner = String(0, 0, "deep", fontName="Times-Bold")
    drawing = Drawing(100, 100)
    drawing.add(String(0, 0, "logo", fontName="Helvetica"))
    drawing.add(Group(Group(inner)))
    use_lato(drawing)
    assert drawing.initialFontName == REGULAR
    assert drawing.contents[0].fontName == REGULAR
    assert inner.fontName == BOLD
