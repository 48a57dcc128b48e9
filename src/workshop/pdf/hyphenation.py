"""Hyphenation for the workshop's language: pyphen's patterns, parsed once and kept.

pyphen parses its whole dictionary on first use in a process (16,000 Dutch patterns,
~70 ms), and a build has two processes that hyphenate (the cards, and the guide with the
handouts): on a 150-card rebuild that was a tenth of the time. So paragraph styles
hyphenate through a `Hyphenator` per language (reportlab accepts a callable as
`hyphenationLang`), and the pipeline hands it the parsed patterns an earlier build kept
(`load`) before the build's second process starts, or keeps them for the next (`stored`).
pyphen still decides every hyphen: the patterns are its own, read back unchanged.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from functools import cache
from typing import Any

from workshop.content.labels import Language
from workshop.pdf.pyphen_internals import from_patterns, patterns_of

DICTIONARIES: dict[str, str] = {"nl": "nl_NL", "en": "en_GB"}
"""pyphen's dictionary for each content language."""


class Hyphenator:
    """What paragraph styles hyphenate with: called by reportlab with a word, it gives the
    ways to split it (head, tail), as `pyphen.Pyphen(lang=dictionary).iterate` does."""

    def __init__(self, dictionary: str) -> None:
        self.dictionary = dictionary
        self._pyphen: Any = None

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        found: Iterator[tuple[str, str]] = self._hyphenator().iterate(word)
        return found

    def __repr__(self) -> str:
        return f"Hyphenator({self.dictionary!r})"

    @property
    def loaded(self) -> bool:
        return self._pyphen is not None

    def load(self, stored: bytes) -> bool:
        """Use patterns `stored` made (by an earlier build); False if they cannot be read.

        In marshal's format, which Python reads in 6 ms where JSON took 15 ms (in both of a
        build's processes): only a store that authenticates its entries hands them here,
        and its keys cover the Python version, whose format it is.
        """
        try:
            patterns = marshal.loads(stored)
        except (ValueError, EOFError, TypeError):
            return False
        if not (isinstance(patterns, dict) and patterns and _plain(next(iter(patterns.items())))):
            return False
        self._pyphen = from_patterns(patterns)
        return True

    def parse(self) -> None:
        """Parse pyphen's dictionary now (if nothing was loaded): before a build forks, so its
        processes share the work."""
        self._hyphenator()

    def stored(self) -> bytes | None:
        """The parsed patterns for `load` (parsing the dictionary now if need be); None when
        pyphen's patterns hold more than can be kept."""
        patterns = patterns_of(self._hyphenator())
        if patterns is None:
            return None
        return marshal.dumps(patterns)

    def _hyphenator(self) -> Any:
        if self._pyphen is None:
            import pyphen

            self._pyphen = pyphen.Pyphen(lang=self.dictionary)
        return self._pyphen


def _plain(item: Any) -> bool:
    """Whether `item` is a pattern as pyphen keeps it: letters → (offset, values)."""
    letters, value = item
    return (
        isinstance(letters, str)
        and isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], int)
        and isinstance(value[1], tuple)
    )


@cache
def hyphenator(language: Language) -> Hyphenator:
    """The process's hyphenator for `language`: every style shares it, so its patterns are parsed
    (or loaded) once."""
    return Hyphenator(DICTIONARIES[language])
