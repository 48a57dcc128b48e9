"""The one check of a requested path, before anything looks it up.

A path arrives as the bytes of the request line. It is percent-decoded exactly once (so
`%252e%252e` stays the literal name `%2e%2e`, never `..`), must be UTF-8, and is refused
whole (400) when it could mean anything other than a plain name inside the site: a `.` or
`..` segment, an empty segment (`//`, which browsers would also read as another host in a
redirect), a backslash (a separator on Windows), NUL or any other control character. What
passes is a path of plain segments; the pages answer only names they hold in memory, and
a segment starting with a dot (`.git`, `.cache`) is never one of them (404).
"""

from __future__ import annotations

import urllib.parse

MAX_PATH = 2048
"""Longer paths are refused: no page of a site is anywhere near this long."""


class BadPath(ValueError):
    """A request path that cannot name a page (answered with 400 Bad Request)."""


def checked_path(raw_path: bytes) -> str:
    """The decoded path (`/`, `/kaart/`, `/kaart/index.html`) or BadPath saying why not."""
    if not raw_path.startswith(b"/"):
        raise BadPath("a path starts with /")
    if len(raw_path) > MAX_PATH:
        raise BadPath("the path is too long")
    try:
        path = urllib.parse.unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        raise BadPath("the path is not UTF-8") from None
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in path):
        raise BadPath("the path holds a control character")
    if "\\" in path:
        raise BadPath("the path holds a backslash")
    segments = path[1:].split("/")
    for index, segment in enumerate(segments):
        if segment in (".", ".."):
            raise BadPath("the path holds a . or .. segment")
        if segment == "" and index < len(segments) - 1:
            raise BadPath("the path holds an empty segment")
    return path


def is_hidden(path: str) -> bool:
    """Whether a segment of the (checked) path starts with a dot: never part of a site."""
    return any(segment.startswith(".") for segment in path.split("/"))
