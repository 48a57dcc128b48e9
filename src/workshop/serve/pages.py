"""What `workshop serve` answers for each path: the site, its own pages, and the notice.

Kept apart from the HTTP server so it can be tested without one: `respond` is a plain
function from a checked request path (and what the server knows right now) to a
`Response`; `serve.app` sends it. Nothing here touches the network, the disk or a thread.
The site is answered from memory, so only files a build made are ever served: no link on
disk is followed, no folder listed.

While the content has problems a trainer must see them wherever they look: every site path
answers the problems page when there is no good site yet (a card URL opened from a phone
too), and once there is one, every page of it carries a notice listing them. Both refresh
themselves with `<meta http-equiv="refresh">`, so no JavaScript is needed, and the site's
Content-Security-Policy (`style-src 'self'`) is kept: the notice is styled by a stylesheet
served from this server, outside the site, never by inline styles.
"""

from __future__ import annotations

import mimetypes
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from workshop.content.labels import Language, label
from workshop.content.problems import Problem
from workshop.content.resources import templates_dir
from workshop.serve.paths import is_hidden

STYLESHEET = "/_workshop/serve.css"
PROBLEMS_PAGE = "/_workshop/problems"
CARDS_PAGE = "/_cards/"
NOTICE_PROBLEMS = 3
"""Problems listed in the notice on a site page (on a phone, more would hide the page);
the problems page lists them all."""
PROBLEMS_REFRESH = 1
"""Seconds between reloads of a page that shows problems: the fix shows within about one."""
CARDS_REFRESH = 2
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Response:
    """One answer: status, body and headers, independent of the server that sends it."""

    status: int
    body: bytes
    content_type: str = HTML
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SiteState:
    """What the server shows now; replaced whole, so one request always sees one consistent state."""

    site: Mapping[str, bytes] | None = None
    """The last good site: paths inside the site folder ('index.html', 'x/index.html') → bytes."""
    problems: tuple[Problem, ...] = ()
    """The problems of the latest build (none when it succeeded)."""
    language: Language = "en"
    building: bool = False
    """True until the first build ended: no site and no problems yet is not an error."""


@dataclass(frozen=True)
class CardFaces:
    """One card on the card-faces page: its number, id, image names (front, back) and fit."""

    number: int
    card_id: str
    images: tuple[tuple[str, str], ...]
    """(side, image name) pairs; side is 'front' or 'back'."""
    overflowing: bool = False


@dataclass(frozen=True)
class Gallery:
    """What the card-faces page shows: the faces drawn so far and why they may be missing."""

    faces: tuple[CardFaces, ...] = ()
    images: Mapping[str, bytes] = field(default_factory=dict)
    waiting: bool = True
    """The faces shown are not (yet) those of the current content."""
    problems: tuple[Problem, ...] = ()
    """Problems that stop the faces from being drawn."""


def respond(state: SiteState, path: str, gallery: Callable[[], Gallery]) -> Response:
    """The answer to a GET of `path`, decoded and checked by `serve.paths.checked_path`.

    `gallery` is called only for the card-faces page: asking for it is what makes the
    server draw the faces.
    """
    if is_hidden(path):  # nothing a build writes starts with a dot
        return _not_found(state)
    if path == STYLESHEET:
        return Response(200, _stylesheet(), "text/css; charset=utf-8")
    if path == PROBLEMS_PAGE:
        return Response(200, problems_page(state))
    if path == CARDS_PAGE.rstrip("/"):
        return _redirect(CARDS_PAGE)
    if path.startswith(CARDS_PAGE):
        return _cards(state, path.removeprefix(CARDS_PAGE), gallery())
    return _site(state, path)


def _site(state: SiteState, path: str) -> Response:
    if state.site is None:  # nothing good to show yet: the problems, at every address
        return Response(503, problems_page(state), headers=(("Retry-After", str(PROBLEMS_REFRESH)),))
    name = path.lstrip("/")
    if name == "" or name.endswith("/"):
        name += "index.html"
    body = state.site.get(name)
    if body is None:
        if f"{name}/index.html" in state.site:
            return _redirect(path + "/")
        return _not_found(state)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type == "text/html":
        return Response(200, with_notice(body, state), HTML)
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    return Response(200, body, content_type)


def _cards(state: SiteState, name: str, gallery: Gallery) -> Response:
    if name == "":
        return Response(200, cards_page(state, gallery))
    image = gallery.images.get(name)
    if image is None:
        return _not_found(state)
    # an image's name is the digest of its bytes: what the browser has is never outdated
    return Response(200, image, "image/png", (("Cache-Control", "max-age=31536000, immutable"),))


def _redirect(path: str) -> Response:
    """Moved to `path` (a checked path, so never `//another-host`), percent-encoded for the header."""
    return Response(301, b"", headers=(("Location", urllib.parse.quote(path)),))


def _not_found(state: SiteState) -> Response:
    return Response(404, _page(state, "page.html", title=label("serve_not_found", state.language)))


def problems_page(state: SiteState) -> bytes:
    """Every problem as `file:line:column: severity: message`, reloading itself until fixed."""
    if state.building and not state.problems:
        heading, intro = label("serve_building", state.language), ""
    elif state.problems:
        # with a site, these problems stopped the PDFs (or a later save): the site itself is up
        intro = "serve_problems_intro" if state.site is None else "serve_notice_intro"
        heading, intro = label("serve_problems_title", state.language), label(intro, state.language)
    else:
        heading, intro = label("serve_no_problems", state.language), ""
    return _page(
        state,
        "problems.html",
        refresh=PROBLEMS_REFRESH if state.problems or state.building or state.site is None else 0,
        heading=heading,
        intro=intro,
        problems=state.problems,
        hidden=0,
    )


def cards_page(state: SiteState, gallery: Gallery) -> bytes:
    """Every card's front and back as images; overflowing cards marked; reloads itself."""
    return _page(
        state,
        "cards.html",
        refresh=PROBLEMS_REFRESH if gallery.waiting or gallery.problems else CARDS_REFRESH,
        faces=gallery.faces,
        waiting=gallery.waiting and not gallery.problems,
        overflowing=sum(face.overflowing for face in gallery.faces),
        problems=gallery.problems,
        hidden=0,
    )


def with_notice(html: bytes, state: SiteState) -> bytes:
    """A site page as built, plus (while there are problems) a notice listing them at the top.

    The notice needs the serve stylesheet, and a refresh so the page shows the fixed site
    by itself; both go into the head. The page itself is not otherwise changed.
    """
    if not state.problems:
        return html
    shown = state.problems[:NOTICE_PROBLEMS]
    notice = (
        _environment()
        .get_template("notice.html")
        .render(
            **_globals(state.language),
            problems=shown,
            total=len(state.problems),
            hidden=len(state.problems) - len(shown),
        )
    )
    head = f'<link rel="stylesheet" href="{STYLESHEET}">\n<meta http-equiv="refresh" content="{PROBLEMS_REFRESH}">\n'
    html = _insert(html, re.compile(rb"</head\s*>", re.IGNORECASE), head.encode(), before=True)
    return _insert(html, re.compile(rb"<body\b[^>]*>", re.IGNORECASE), notice.encode("utf-8"), before=False)


def _insert(html: bytes, where: re.Pattern[bytes], text: bytes, *, before: bool) -> bytes:
    """`text` before or after the first match of `where` (at the very start when there is none)."""
    found = where.search(html)
    if found is None:
        return text + html
    at = found.start() if before else found.end()
    return html[:at] + text + html[at:]


def _page(state: SiteState, template: str, *, refresh: int = 0, title: str = "", **values: Any) -> bytes:
    page = (
        _environment()
        .get_template(template)
        .render(**_globals(state.language), refresh=refresh, page_title=title, **values)
    )
    return page.encode("utf-8")


def _globals(language: Language) -> dict[str, Any]:
    return {
        "language": language,
        "stylesheet": STYLESHEET,
        "t": lambda key, **values: label(key, language, **values),
    }


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Jinja2 over templates/serve, escaping every value: problem messages quote the content.

    templates/ itself is searched second, so serve's pages share the site's <head> lines
    (`site/head.html`) instead of repeating them.
    """
    return Environment(
        loader=FileSystemLoader([templates_dir() / "serve", templates_dir()]),
        keep_trailing_newline=True,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def _stylesheet() -> bytes:
    return (templates_dir() / "serve" / "serve.css").read_bytes()
