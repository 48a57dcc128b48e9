"""Hyphenation patterns parsed once per build folder instead of once per process.

reportlab hyphenates through pyphen, which parses its pattern file (16,000 patterns for
Dutch) the first time a process breaks a line: 0.05-0.1 s in each of a build's processes,
on every rebuild. `prepare` puts the patterns an earlier build parsed into pyphen's own
cache (`pyphen.hdcache`), read from `build/.cache/hyphenation-<language>.json`; `remember`
writes them there after a process parsed them itself. The patterns are the same either
way, and so is every hyphen (a build with and without the file is byte-identical, tested).
The file is keyed by pyphen's version and the pattern file's name and size; anything
unexpected in it, or in pyphen, and pyphen parses as it always does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .cache import library_version, read_cache, write_cache

FORMAT = 1
_PREFILLED: set[Path] = set()
"""Pattern files whose patterns this process took from the cache (nothing to remember)."""


def prepare(cache_dir: Path | None, language: str) -> None:
    """Give pyphen the patterns of `language` ('nl_NL') from `cache_dir`, if an earlier build left them."""
    import pyphen

    path = _dictionary(language)
    if cache_dir is None or path is None or path in pyphen.hdcache:
        return
    patterns = _patterns(read_cache(cache_dir, _file(language), _header(path)))
    if not patterns:
        return
    parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
    parsed.patterns, parsed.cache, parsed.maxlen = patterns, {}, max(map(len, patterns))
    pyphen.hdcache[path] = parsed
    _PREFILLED.add(path)


def remember(cache_dir: Path | None, language: str) -> None:
    """Keep the patterns this process had pyphen parse, for the next build's processes."""
    import pyphen

    path = _dictionary(language)
    parsed = pyphen.hdcache.get(path) if path is not None else None
    if cache_dir is None or path is None or parsed is None or path in _PREFILLED:
        return
    if set(vars(parsed)) != {"patterns", "cache", "maxlen"}:
        return  # a pyphen that keeps more than we know how to restore
    entries: dict[str, Any] = {}
    for key, (offset, values) in parsed.patterns.items():
        if type(offset) is not int or not all(type(value) is int for value in values):
            return  # nonstandard hyphenation data: not ours to copy
        entries[key] = [offset, list(values)]
    write_cache(cache_dir, _file(language), _header(path), entries)
    _PREFILLED.add(path)  # written once per process


def _dictionary(language: str) -> Path | None:
    import pyphen

    found = pyphen.language_fallback(language)
    return Path(pyphen.LANGUAGES[found]) if found else None


def _file(language: str) -> str:
    return f"hyphenation-{language}.json"


def _header(path: Path) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "pyphen": library_version("pyphen"),
        "file": path.name,
        "size": path.stat().st_size,
    }


def _patterns(entries: dict[str, Any]) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The cached patterns as pyphen holds them; None when the file holds anything else."""
    try:
        patterns = {key: (offset, tuple(values)) for key, (offset, values) in entries.items()}
    except (TypeError, ValueError):
        return None
    kinds = {type(number) for offset, values in patterns.values() for number in (offset, *values)}
    return patterns if patterns and kinds == {int} and all(patterns) else None
