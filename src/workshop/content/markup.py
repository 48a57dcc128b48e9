"""The Markdown subset of content text → safe HTML and → escaped reportlab paragraph markup.

One parser (markdown-it-py's "zero" preset with emphasis, lists and links) serves both, so
the PDFs and the pages agree on what `*this*` means. Raw HTML is never interpreted: with
`html` off, `<b>` is text in both outputs, and only http(s) and mailto links survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is imported when a text needs it: most are plain (`_plain`)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SAFE_SCHEMES = ("http://", "https://", "mailto:")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"html": False, "typographer": False, "linkify": True})
    md.enable(["emphasis", "list", "link", "newline", "escape"])  # Markdown's own way to a literal star: \*
    md.enable(["linkify"])  # a bare https://… address becomes a link (`BareUrls` finds it)
    md.linkify = BareUrls()
    md.validateLink = lambda url: url.strip().lower().startswith(SAFE_SCHEMES)  # type: ignore[method-assign]  # markdown-it-py's documented hook, typed as a method
    return md


BARE_URL = re.compile(r"https?://[^\s<>\"“”‘’«»„/?#*]+[^\s<>\"“”‘’«»„*]*", re.IGNORECASE)
"""An http(s) address in running text: up to a space, a quote (straight or typographic) or '*'."""
TRAILING = ".,;:!?'"
CLOSING = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True)
class UrlMatch:
    """One address found in text, in the shape markdown-it's linkify rules read."""

    index: int
    last_index: int
    text: str
    url: str
    schema: str


class BareUrls:
    """Finds bare http(s) addresses for markdown-it's linkify rules (its `md.linkify` slot).

    markdown-it-py fills that slot with linkify-it-py when installed; that library also takes
    domains without a scheme and keeps a closing typographic quote (“https://…”) in the
    address. Content here is full of such quotes, and only addresses starting with http://
    or https:// should become links: a rule of a few lines does exactly that.
    """

    def pretest(self, text: str) -> bool:
        return "://" in text

    def test(self, text: str) -> bool:
        return bool(self.match(text))

    def match(self, text: str) -> list[UrlMatch]:
        found = []
        for candidate in BARE_URL.finditer(text):
            start = candidate.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "+-."):
                continue  # inside a longer scheme or word: "xhttps://" is not an address
            url = _trim(candidate.group())
            found.append(UrlMatch(start, start + len(url), url, url, url.split(":", 1)[0].lower() + ":"))
        return found

    def match_at_start(self, text: str) -> UrlMatch | None:
        candidate = BARE_URL.match(text)
        if candidate is None:
            return None
        url = _trim(candidate.group())
        return UrlMatch(0, len(url), url, url, url.split(":", 1)[0].lower() + ":")


def _trim(url: str) -> str:
    """The address without the punctuation of the sentence around it: a final '.', ',' or ')'
    belongs to the sentence unless the address opened that bracket itself."""
    while url:
        last = url[-1]
        if last in TRAILING or (last in CLOSING and url.count(CLOSING[last]) < url.count(last)):
            url = url[:-1]
        else:
            break
    return url


BREAKS = str.maketrans({"\u2028": "  \n", "\u2029": "\n\n"})
"""Line separator → a Markdown line break (two spaces, newline); paragraph separator → a new
paragraph. Word processors and web pages put these in copied text, meaning just that."""


def _parse(text: str) -> list[Token]:
    return _parser().parse(text.translate(BREAKS))


PLAIN = re.compile(r"[^\x00-\x1f\x7f-\x9f*_\[\]\\\u2028\u2029]+")
"""Characters that never start Markdown in the subset: no emphasis, link or escape marker,
no line break of any kind, no control character."""
LIST_START = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:\s|$)")


def _plain(text: str) -> bool:
    """Whether markdown-it would make `text` one paragraph of exactly these characters: most
    content is such text, and parsing it took a third of the card check on a rebuild."""
    return (
        PLAIN.fullmatch(text) is not None
        and text == text.strip()
        and "://" not in text
        and LIST_START.match(text) is None
    )


@lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Content text → HTML for the debrief site; every character of the input is escaped."""
    if _plain(text):
        return f"<p>{_escape_html(text)}</p>\n"
    return _parsed_html(text)


def _escape_html(text: str) -> str:
    """What markdown-it's `escapeHtml` makes of text (quotes too, apostrophes not), without
    importing markdown-it for it: ~20 ms in each process of a build whose text is all plain."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _parsed_html(text: str) -> str:
    md = _parser()
    html: str = md.renderer.render(_parse(text), md.options, {})
    return html.replace("<a href=", '<a rel="noopener noreferrer" href=')


def inline_html(text: str) -> str:
    """Like `to_html` for one-line fields (titles, options): no surrounding <p>."""
    html = to_html(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


@dataclass(frozen=True)
class Block:
    """One paragraph for reportlab: its markup, and whether it is a list item (with its bullet)."""

    markup: str
    bullet: str | None = None
    level: int = 0


@lru_cache(maxsize=4096)
def to_reportlab(text: str) -> tuple[Block, ...]:
    """Content text → paragraphs of reportlab mini-markup (`<b>`, `<i>`, `<a>`), escaped."""
    if _plain(text):
        return (Block(escape(text, quote=False)),)
    return _parsed_reportlab(text)


def _parsed_reportlab(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
    for token in _parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            lists.append(
                [int(start) if start is not None else 1] if token.type == "ordered_list_open" else [None]
            )
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "inline":
            markup = _inline_markup(token.children or [])
            if token.level and lists and _in_list_item(token):
                counter = lists[-1]
                if counter[0] is None:
                    bullet = "•"
                else:
                    bullet = f"{counter[0]}."
                    counter[0] += 1
                blocks.append(Block(markup, bullet, len(lists) - 1))
            else:
                blocks.append(Block(markup))
    return tuple(blocks)


def _in_list_item(token: Token) -> bool:
    return token.level >= 2


def inline_markup(text: str) -> str:
    """One-line fields → a single run of reportlab markup (lists and paragraphs joined)."""
    return " ".join(block.markup for block in to_reportlab(text))


def _inline_markup(children: list[Token]) -> str:
    out: list[str] = []
    for child in children:
        if child.type == "text":
            out.append(escape(child.content, quote=False))
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" " if child.type == "softbreak" else "<br/>")
        elif child.type == "em_open":
            out.append("<i>")
        elif child.type == "em_close":
            out.append("</i>")
        elif child.type == "strong_open":
            out.append("<b>")
        elif child.type == "strong_close":
            out.append("</b>")
        elif child.type == "link_open":
            out.append(f'<a href="{escape(str(child.attrGet("href")), quote=True)}">')
        elif child.type == "link_close":
            out.append("</a>")
        else:  # anything else the zero preset may emit is shown as its source text
            out.append(escape(child.content, quote=False))
    return "".join(out)


def escape_markup(text: str) -> str:
    """Plain text as reportlab paragraph markup: `&`, `<` and `>` escaped, quotes as they are.

    What xml.sax.saxutils.escape does, without importing it: it pulls in urllib, http and
    ssl (~12 ms in every process that lays out a page).
    """
    return escape(text, quote=False)


def to_plain(text: str) -> str:
    """Content text without Markdown markers: what a reader sees (for checks and tests)."""
    return " ".join(
        unescape(re.sub(r"<[^>]+>", "", block.markup.replace("<br/>", " "))) for block in to_reportlab(text)
    )
