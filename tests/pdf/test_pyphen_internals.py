"""A pyphen hyphenator rebuilt from its parsed patterns breaks every word as pyphen's own does."""

from __future__ import annotations

import pyphen
import pytest

from workshop.pdf.pyphen_internals import from_patterns, patterns_of

WORDS = {
    "nl_NL": [
        "klantenservicemedewerkers",
        "klantgerichtheid",
        "ontbijtbuffet",
        "reserveringssysteem",
        "wachttijd",
        "Ziekenhuisparkeergarage",
        "café",
        "ijsjes",
        "a",
        "",
    ],
    "en_GB": ["customer", "orientation", "hyphenation", "receptionist", "Complaint", "it", ""],
}


@pytest.mark.parametrize("dictionary", sorted(WORDS))
def test_rebuilt_hyphenator_breaks_words_like_pyphen(dictionary: str) -> None:
    original = pyphen.Pyphen(lang=dictionary)
    patterns = patterns_of(original)
    assert patterns is not None and len(patterns) > 10_000
    rebuilt = from_patterns(dict(patterns))
    for word in WORDS[dictionary]:
        assert list(rebuilt.iterate(word)) == list(original.iterate(word)), word
        assert rebuilt.positions(word) == original.positions(word), word


def test_patterns_with_nonstandard_hyphenation_are_not_taken() -> None:
    """Some dictionaries change letters where they break ('ssz' → 'sz-sz'): only pyphen keeps those."""
    nonstandard = next(
        (
            name
            for name in sorted(pyphen.LANGUAGES)
            if name.startswith("hu") and patterns_of(pyphen.Pyphen(lang=name)) is None
        ),
        None,
    )
    assert nonstandard is not None, "pyphen's Hungarian patterns hold nonstandard hyphenation"
