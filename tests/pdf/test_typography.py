"""Paragraph styles in Lato with hyphenation by language; colours parsed once, tints mixed with white."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from workshop.pdf.fonts import BOLD, REGULAR
from workshop.pdf.hyphenation import hyphenator
from workshop.pdf.typography import INK, paragraph_style, rgb, tint


def test_styles_are_lato_with_the_languages_hyphenation():
    body = paragraph_style("body", "nl", 10)
    assert (body.fontName, body.fontSize, body.leading) == (REGULAR, 10, 12.5)
    assert body.hyphenationLang is hyphenator("nl") and hyphenator("nl").dictionary == "nl_NL"
    assert paragraph_style("t", "en", 12, bold=True, leading=13).fontName == BOLD
    assert paragraph_style("t", "en", 12).hyphenationLang.dictionary == "en_GB"
    assert paragraph_style("t", "en", 12, hyphenate=False).hyphenationLang == ""


def test_a_long_dutch_compound_breaks_with_a_hyphen_a_title_at_spaces_only():
    word = "klantenservicemedewerkers"
    style = paragraph_style("body", "nl", 10)
    paragraph = Paragraph(f"De {word} lachen", style)
    paragraph.wrap(60, 1000)
    first = paragraph.blPara.lines[0]
    text = " ".join(getattr(first, "words", None) or first[1])
    assert text.endswith("-"), text  # broken at a syllable, with a hyphen
    title = Paragraph(f"De {word} lachen", paragraph_style("title", "nl", 10, hyphenate=False))
    title.wrap(60, 1000)
    assert all(not " ".join(line[1]).endswith("-") for line in title.blPara.lines)


def test_colours_and_tints():
    assert rgb("#1D1D1F") is rgb("#1D1D1F")  # made once
    assert rgb(INK).hexval() == "0x1d1d1f"
    assert tint("#B03A2E", 1) == "#B03A2E"
    assert tint("#B03A2E", 0) == "#FFFFFF"
    assert tint("#000000", 0.5) == "#808080"
