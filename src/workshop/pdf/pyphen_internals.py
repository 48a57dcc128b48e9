"""Every use of pyphen's undocumented internals, in one place.

pyphen offers no way to build a hyphenator from patterns already parsed: `Pyphen` reads a
dictionary file, and parsing it is most of its cost (see `hyphenation`). These two
functions take the parsed patterns out of a `Pyphen` and put them back into a new one,
through the attributes its `HyphDict.positions` and `Pyphen.iterate` use. pyproject.toml
bounds pyphen to the versions tests/pdf/test_pyphen_internals.py has covered: it checks
that a rebuilt hyphenator breaks words exactly as pyphen's own does.
"""

from __future__ import annotations

from typing import Any

Patterns = dict[str, tuple[int, tuple[int, ...]]]
"""pyphen's parsed patterns: letters → (offset of the first value, the values)."""


def patterns_of(hyphenator: Any) -> Patterns | None:
    """The parsed patterns of a `pyphen.Pyphen`; None when they hold more than plain numbers
    (nonstandard hyphenation, as in some Hungarian patterns), which only pyphen can keep."""
    found: Patterns = hyphenator.hd.patterns
    if any(type(value) is not int for _, values in found.values() for value in values):
        return None
    return found


def from_patterns(patterns: Patterns, left: int = 2, right: int = 2) -> Any:
    """A `pyphen.Pyphen` that hyphenates with `patterns`, as `pyphen.Pyphen(lang=…)` with the
    dictionary they were parsed from does (reportlab's own hyphenator uses left=right=2)."""
    import pyphen

    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns = patterns
    dictionary.cache = {}
    dictionary.maxlen = max(len(letters) for letters in patterns)
    hyphenator = pyphen.Pyphen.__new__(pyphen.Pyphen)
    hyphenator.left, hyphenator.right = left, right
    hyphenator.hd = dictionary
    return hyphenator
