"""Every string of a card or the settings with its path: what the glyph, markup and paste checks walk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def text_fields(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in nested dicts and lists, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from text_fields(value, (*path, key))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            yield from text_fields(value, (*path, index))
