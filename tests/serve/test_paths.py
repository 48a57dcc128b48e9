"""The check of a requested path: decoded once, refused whole when it could leave the site."""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.serve.test_pages import SITE
from workshop.serve.pages import CARDS_PAGE, PROBLEMS_PAGE, STYLESHEET, Gallery, SiteState, respond
from workshop.serve.paths import MAX_PATH, BadPath, checked_path, is_hidden

REFUSED = [
    b"/../etc/passwd",
    b"/kaart/../../workshop.yaml",
    b"/%2e%2e/workshop.yaml",  # encoded
    b"/%2E%2e%2fworkshop.yaml",
    b"/.%2e/x",
    b"/..%2f..%2fetc%2fpasswd",
    b"/kaart/./index.html",
    b"/..\\workshop.yaml",  # backslashes, as typed and encoded
    b"/kaart%5c..%5c..%5cworkshop.yaml",
    b"/index.html\x00.txt",  # NUL, as sent and encoded
    b"/index.html%00.txt",
    b"/index.html%0d%0aSet-Cookie:%20x",
    b"//evil.example/",  # an empty segment: another host in a redirect
    b"/kaart//index.html",
    b"/%ff%fe",  # not UTF-8
    b"index.html",
    b"/" + b"a" * MAX_PATH,
]


@pytest.mark.parametrize("raw", REFUSED, ids=[raw.decode("latin-1")[:40] for raw in REFUSED])
def test_paths_that_could_leave_the_site_are_refused(raw: bytes) -> None:
    with pytest.raises(BadPath):
        checked_path(raw)


def test_paths_are_decoded_exactly_once() -> None:
    assert checked_path(b"/") == "/"
    assert checked_path(b"/kaart/") == "/kaart/"
    assert checked_path(b"/caf%C3%A9/index.html") == "/café/index.html"
    assert checked_path(b"/%252e%252e/x") == "/%2e%2e/x", "double-encoded: a literal name, never .."
    assert checked_path(b"/..x/x..") == "/..x/x..", "dots inside a name are a name"
    assert is_hidden("/.git/config") and is_hidden("/kaart/.env") and not is_hidden("/kaart/a.b")


TRICKY = st.sampled_from(
    [b"/", b".", b"..", b"%2e", b"%2E", b"%2f", b"%2F", b"%5c", b"\\", b"%00", b"\x00", b"%25", b"%",
     b"%ff", b"%c3%a9", b"a", b"kaart", b"index.html", b"style.css", b"_cards", b"_workshop", b"?", b"#"]
)  # fmt: skip
RAW_PATHS = st.one_of(
    st.lists(TRICKY, max_size=12).map(lambda parts: b"/" + b"".join(parts)),
    st.binary(max_size=60).map(lambda tail: b"/" + tail),
)


@given(RAW_PATHS)
def test_any_path_is_refused_or_plain_segments(raw: bytes) -> None:
    try:
        path = checked_path(raw)
    except BadPath:
        return
    segments = path.split("/")
    assert segments[0] == "" and "\\" not in path
    assert not any(ord(character) < 0x20 or ord(character) == 0x7F for character in path)
    assert not {".", ".."} & set(segments) and "" not in segments[1:-1]
    assert checked_path(urllib.parse.quote(path).encode("ascii")) == path, "one decoding, and stable"


@given(RAW_PATHS)
def test_any_path_answers_only_what_the_site_holds(raw: bytes) -> None:
    """Whatever is asked, a 200 carries a file of the site or one of serve's own pages."""
    try:
        path = checked_path(raw)
    except BadPath:
        return
    answer = respond(SiteState(site=SITE), path, Gallery)
    name = path.lstrip("/")
    name += "index.html" if name == "" or name.endswith("/") else ""
    if answer.status == 200:
        assert (name in SITE and answer.body == SITE[name]) or path in (STYLESHEET, PROBLEMS_PAGE, CARDS_PAGE)
    else:
        assert answer.status in (301, 404) and name not in SITE
