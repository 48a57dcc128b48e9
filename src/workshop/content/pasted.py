"""Text pasted from web pages and e-mails: HTML tags and entities, which show exactly as typed.

Content text is never read as HTML (`markup` escapes it), so `<br>` prints as those four
characters and `&amp;` as five. That is safe, but text copied from a web page or a CMS
often holds such markup; each gets a warning at its place saying what to write instead.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from workshop.content.loader import Workshop
from workshop.content.problems import Location, Problems
from workshop.content.text_fields import text_fields

TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
NEW_PARAGRAPH = "leave an empty line between paragraphs instead (in YAML, inside a | block)"
ADVICE = {
    "br": "start a new line instead, ending the line before with a backslash (\\), or leave an empty line "
    "for a new paragraph (in YAML, inside a | block)",
    "p": NEW_PARAGRAPH,
    "div": NEW_PARAGRAPH,
    "ul": "write each item on its own line starting with '- ' instead",
    "ol": "write each item on its own line starting with '1. ' instead",
    "li": "write each item on its own line starting with '- ' instead",
    "b": "write **bold** instead",
    "strong": "write **bold** instead",
    "i": "write *emphasis* instead",
    "em": "write *emphasis* instead",
    "a": "write [the text](https://…) or just the address instead",
    "para": "remove the tag",
}
HEADINGS = {f"h{n}" for n in range(1, 7)}
OTHER_TAGS = {
    "span", "font", "u", "s", "small", "big", "sub", "sup", "code", "pre", "blockquote", "hr",
    "img", "table", "thead", "tbody", "tr", "td", "th", "section", "article", "header", "footer",
    "center", "mark", "abbr", "cite", "q", "dl", "dt", "dd", "figure", "figcaption", "nav",
}  # fmt: skip
"""HTML tags a paste brings along that have no Markdown form here: the advice is to remove them.
Only known tag names count, so a placeholder such as `<your name>` is left alone."""
CONFIG_TEXTS = {"title", "subtitle", "audience", "author", "license", "goals", "room", "agenda"}


def check_pasted_markup(workshop: Workshop, problems: Problems) -> None:
    """A warning for each HTML tag and entity in the workshop's text (once per kind per field)."""
    sources: dict[Path, str] = {}  # file → its text, read when it has something to locate
    for card, fields in zip(workshop.cards, workshop.card_texts, strict=True):
        for path, text in fields:
            if "<" in text or "&" in text:
                for offset, message in findings(text):
                    where = _inside(workshop.locate_card(card.id, *path), text, offset, sources)
                    problems.warning(where, f"card '{card.id}', {'.'.join(map(str, path))}: {message}")
    config = workshop.config.model_dump(include=CONFIG_TEXTS)
    for path, text in text_fields(config):
        if "<" in text or "&" in text:
            for offset, message in findings(text):
                where = _inside(workshop.locate_config(*path), text, offset, sources)
                problems.warning(where, f"{'.'.join(map(str, path))}: {message}")


def findings(text: str) -> list[tuple[int, str]]:
    """(offset in `text`, message) for the first of each kind of tag and entity in `text`."""
    found: dict[str, tuple[int, str]] = {}
    for match in TAG.finditer(text):
        name = match.group(1).lower()
        if name in ADVICE:
            advice = ADVICE[name]
        elif name in HEADINGS:
            advice = "write the heading as a line of its own, without the tag"
        elif name in OTHER_TAGS:
            advice = "remove the tag"
        else:
            continue
        found.setdefault(name, (match.start(), f"{_quote(match.group())} shows as typed; {advice}"))
    for match in ENTITY.finditer(text):
        entity = match.group()
        meant = unescape(entity)
        if meant == entity:  # not an entity HTML knows: plain text
            continue
        if meant == "\xa0":
            advice = "write a space instead"
        elif meant.isprintable() and not meant.isspace():
            advice = f"write {meant} itself"
        else:
            advice = "remove it"
        found.setdefault(entity, (match.start(), f"{entity} shows as typed; {advice}"))
    return sorted(found.values())


def _quote(tag: str) -> str:
    return tag if len(tag) <= 30 else tag[:29] + "…>"


def _inside(start: Location, text: str, offset: int, sources: dict[Path, str]) -> Location:
    """The place of `text[offset:]`'s markup in the file, searched from where the value starts.

    Markup is written literally (a tag has no YAML escape that anyone types), so it is found in
    the source near the value; when it is not (an escaped or oddly folded value) the value's
    own start is the place. A spreadsheet's cell is the place itself.
    """
    if not start.line or start.sheet is not None:
        return start
    if start.file not in sources:
        try:
            sources[start.file] = start.file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):  # read before; a race with an editor is no reason to stop
            sources[start.file] = ""
    source = sources[start.file]
    head = 0
    for _ in range(start.line - 1):  # lines as the YAML reader counts them: '\n' ends one
        head = source.find("\n", head) + 1
        if head == 0:
            return start
    head += start.column - 1
    needle = text[offset:].split("\n", 1)[0][:40]
    found = source.find(needle, head, head + 2 * len(text) + 200)
    if found < 0:
        return start
    line = source.count("\n", 0, found) + 1
    column = found - (source.rfind("\n", 0, found) + 1) + 1
    return Location(start.file, line, column)
