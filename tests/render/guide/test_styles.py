"""The guide's and the handouts' styles: all Lato (bullets too), hyphenated in the workshop's language."""

from __future__ import annotations

from dataclasses import fields

import pytest

from workshop.render.guide.styles import Styles, styles


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_style_and_its_bullets_are_lato(language: str):
    st = styles(language)  # type: ignore[arg-type]
    for item in fields(Styles):
        style = getattr(st, item.name)
        assert style.fontName.startswith("Lato"), item.name
        assert style.bulletFontName.startswith("Lato"), item.name


def test_narrow_text_is_hyphenated_in_the_workshops_language_full_width_text_and_titles_are_not():
    """Ragged full-width text needs no hyphens and breaks a token wider than the page (a long URL)."""
    assert styles("nl").small.hyphenationLang.dictionary == "nl_NL"
    assert styles("en").cell.hyphenationLang.dictionary == "en_GB"
    assert styles("nl").card_title.hyphenationLang == "" and styles("nl").h1.hyphenationLang == ""
    assert styles("nl").body.hyphenationLang == "" and styles("nl").body.splitLongWords == 1


def test_styles_are_made_once_per_language():
    assert styles("nl") is styles("nl") and styles("nl") is not styles("en")
    assert styles("nl").h1.fontSize > styles("nl").h2.fontSize > styles("nl").body.fontSize >= 8.5
