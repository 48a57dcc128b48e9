"""The fixed words of every output, in Dutch and English."""

from __future__ import annotations

import string

import pytest

from workshop.content.labels import LABELS, label, plural


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_is_written_in_both_languages_with_the_same_placeholders(key: str):
    words = LABELS[key]
    assert set(words) == {"nl", "en"}
    assert words["nl"].strip() and words["en"].strip()
    assert placeholders(words["nl"]) == placeholders(words["en"]), key


def test_a_label_is_filled_in_and_a_plural_follows_its_number():
    assert label("dilemma", "nl") == "Dilemma"
    assert label("pages_range", "en", a=3, b=5) == "pp. 3–5"
    assert plural("sheets", "nl", 1) == "1 vel"
    assert plural("sheets", "nl", 0) == "0 vellen"
    assert plural("sheets", "en", 7) == "7 sheets"


def test_an_unknown_key_is_a_bug_not_a_blank():
    with pytest.raises(KeyError):
        label("no-such-label", "en")
