"""One hyphenator per language, whose parsed patterns a build keeps and the next one loads."""

from __future__ import annotations

import marshal

import pytest

from workshop.pdf.hyphenation import Hyphenator, hyphenator


def test_one_hyphenator_per_language_for_every_style() -> None:
    assert hyphenator("nl") is hyphenator("nl") and hyphenator("nl").dictionary == "nl_NL"
    assert hyphenator("en").dictionary == "en_GB"


def test_kept_patterns_hyphenate_exactly_as_pyphen_parses_them() -> None:
    parsed = Hyphenator("nl_NL")
    kept = parsed.stored()
    assert kept is not None and parsed.loaded
    loaded = Hyphenator("nl_NL")
    assert not loaded.loaded
    assert loaded.load(kept) and loaded.loaded
    for word in ("klantenservicemedewerkers", "Reserveringssysteem", "ontbijt", "é", ""):
        assert list(loaded(word)) == list(parsed(word)), word
    assert list(loaded("klantenservicemedewerkers"))  # it does break: the comparison meant something


@pytest.mark.parametrize(
    "stored",
    [
        b"",
        b"not marshal",
        marshal.dumps([]),
        marshal.dumps({}),
        marshal.dumps({"ab": "x"}),
        marshal.dumps({"ab": (1, 2, 3)}),
        marshal.dumps({1: (1, (1,))}),
        b"\xff\xfe",
    ],
)
def test_patterns_that_cannot_be_read_are_refused_and_pyphen_parses_instead(stored: bytes) -> None:
    hyphenation = Hyphenator("en_GB")
    assert not hyphenation.load(stored)
    assert not hyphenation.loaded
    assert list(hyphenation("hyphenation"))  # parsed from pyphen's dictionary on first use
