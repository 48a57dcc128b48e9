"""The bundled libre font (Lato, SIL OFL) for every PDF, and the check that it has every glyph.

reportlab subsets and embeds TrueType fonts; a character the font lacks would silently
print as a box, so the build checks the content first and names the card and character.
"""

from __future__ import annotations

import marshal
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, cast

from workshop.content.loader import Workshop
from workshop.content.problems import Problem
from workshop.content.resources import fonts_dir
from workshop.content.text_fields import text_fields

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "Lato"
BOLD = "Lato-Bold"
ITALIC = "Lato-Italic"
BOLD_ITALIC = "Lato-BoldItalic"
BLACK = "Lato-Black"
FACES = {
    REGULAR: "Lato-Regular.ttf",
    BOLD: "Lato-Bold.ttf",
    ITALIC: "Lato-Italic.ttf",
    BOLD_ITALIC: "Lato-BoldItalic.ttf",
    BLACK: "Lato-Black.ttf",
}
IGNORED = {"\n", "\r", "\t", "\u2028", "\u2029"}
"""Characters that are never drawn: line breaks (the separators too, see `markup.BREAKS`), tabs."""


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register Lato with reportlab (once per process; read from the font files unless
    `use_kept` registered the faces already) and return the family name.

    Every PDF is made after this, so it also sets reportlab's one stream setting for the
    process: compressed streams are written as zlib's bytes, not also in ASCII85 (text a
    quarter longer, which saving then runs through a Python codec: ~12 ms of a 150-card
    rebuild's card PDFs, and 13 % of their size).
    """
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    rl_config.useA85 = 0
    if not _faces_registered():
        for name, file in FACES.items():
            pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / file)))
    styles: tuple[tuple[Literal[0, 1], Literal[0, 1], str], ...] = (
        (0, 0, REGULAR),
        (1, 0, BOLD),
        (0, 1, ITALIC),
        (1, 1, BOLD_ITALIC),
    )
    for bold, italic, face in styles:
        addMapping(REGULAR, bold, italic, face)
    return REGULAR


def use_kept(kept: bytes) -> bool:
    """Register Lato from the faces an earlier build kept (`kept_faces`) instead of reading
    the font files; False when `kept` cannot be read (nothing is registered then).

    Reading the five files parses every character's metrics: ~22 ms, in each of a build's
    two processes (see `pipeline.build.prepare_fonts`); reading them back takes ~7 ms. Only a
    store that authenticates its entries hands them here, and its keys cover the font
    files, reportlab's version and Python's (whose marshal format they are in).
    """
    from reportlab.pdfbase import pdfmetrics

    if _faces_registered():
        return True
    made = faces_from(kept)
    if made is None:
        return False
    for font in made.values():
        pdfmetrics.registerFont(font)
    register_fonts()
    return True


def faces_from(kept: bytes) -> dict[str, TTFont] | None:
    """The fonts `kept_faces` described, by name, each as reading its file makes it; None
    when `kept` does not describe them."""
    from workshop.pdf.reportlab_internals import font_from_parsed

    try:
        parsed = marshal.loads(kept)
        return {
            name: font_from_parsed(parsed[name], name, str(fonts_dir() / file))
            for name, file in FACES.items()
        }
    except (ValueError, EOFError, TypeError, KeyError, AttributeError, ArithmeticError, OSError):
        return None


def kept_faces() -> bytes | None:
    """The registered faces, for `use_kept` in a later build; None when reportlab's faces
    hold what cannot be kept."""
    from workshop.pdf.reportlab_internals import parsed_font

    register_fonts()
    parsed = {name: parsed_font(registered(name)) for name in FACES}
    if any(value is None for value in parsed.values()):
        return None
    try:
        return marshal.dumps(parsed)
    except ValueError:  # a reportlab that keeps values marshal cannot write
        return None


def _faces_registered() -> bool:
    from reportlab.pdfbase import pdfmetrics

    return set(FACES) <= set(pdfmetrics.getRegisteredFontNames())


def registered(name: str) -> TTFont:
    """The font `register_fonts` registered as `name`: a TrueType font, where reportlab's
    `getFont` is typed to return any font (and so hides the TrueType methods we call)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    return cast("TTFont", getFont(name))


def prime(doc: Any, characters: dict[str, str]) -> None:
    """Register fonts in a PDF document and code their characters, in the given order, before
    anything is drawn (`characters`: font name → the characters it will show).

    reportlab names fonts and codes characters per document in order of first use; two
    documents primed alike name and code everything primed alike, so drawing operators
    recorded in one paste into the other (card fronts, guide chapters).
    """
    for name, text in characters.items():
        font = registered(name)
        font.splitString("".join(sorted(set(text))), doc)
        font.getSubsetInternalName(0, doc)


def shown_characters(workshop: Workshop) -> str:
    """Every character the guide or the handouts may show: the workshop's text, the labels,
    ASCII and their marks (what their documents are primed with, see `prime`)."""
    import string

    from workshop.content.labels import LABELS

    texts = [string.printable, "•–—·□●…“”‘’«»"]
    texts += [text for _, text in text_fields(workshop.config.model_dump(mode="json"))]
    texts += [text for fields in workshop.card_texts for _, text in fields]
    texts += [value for by_language in LABELS.values() for value in by_language.values()]
    return "".join(set("".join(texts)) - IGNORED)


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Code points every text face (regular, bold, italic) can draw."""
    register_fonts()  # the fonts as registered: reading the files again would cost as much
    sets = [set(registered(face).face.charToGlyph) for face in (REGULAR, BOLD, ITALIC, BOLD_ITALIC)]
    return frozenset(set.intersection(*sets))


MODIFIERS = re.compile(
    "[\u200c\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)
"""Invisible code points that change the character before them: variation selectors (U+FE0F asks
for the emoji form), zero-width (non-)joiners, skin tones, tag characters. A message about a
missing glyph names the character they belong to, never only them."""
ZWJ = "\u200d"


def clusters(text: str) -> Iterator[str]:
    """`text` as the characters a reader sees: each with the modifiers after it, and characters
    joined by U+200D ZERO WIDTH JOINER (an emoji family) as one."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not (MODIFIERS.match(text[index]) or text[index - 1] == ZWJ):
            yield text[start:index]
            start = index


def missing_characters(text: str) -> list[str]:
    """What of `text` the bundled font cannot draw, as the reader sees it ('🙂' with its emoji
    selector U+FE0F, not the selector alone), in order of first appearance."""
    covered = _covered()
    if all(ord(ch) in covered or ch in IGNORED for ch in text):
        return []
    return list(
        dict.fromkeys(
            cluster
            for cluster in clusters(text)
            if any(ord(ch) not in covered and ch not in IGNORED for ch in cluster)
        )
    )


def check_coverage(workshop: Workshop) -> list[Problem]:
    """One problem per field that holds a character the font lacks, naming card and character."""
    problems: list[Problem] = []
    covered = _covered() | {ord(ch) for ch in IGNORED}
    everything = "".join(text for fields in workshop.card_texts for _, text in fields)
    if not set(map(ord, set(everything))) <= covered:  # the usual case, at C speed, skips the search
        for card, fields in zip(workshop.cards, workshop.card_texts, strict=True):
            for path, text in fields:
                for ch in missing_characters(text):
                    problems.append(
                        Problem(
                            workshop.locate_card(card.id, *path),
                            f"card '{card.id}', {'.'.join(map(str, path))}: the character {describe(ch)} is not in the "
                            "bundled font (Lato), so it cannot be printed; replace it",
                        )
                    )
    config = workshop.config.model_dump(
        include={"title", "subtitle", "audience", "author", "license", "goals", "room", "agenda"}
    )
    for path, text in text_fields(config):
        for ch in missing_characters(text):
            problems.append(
                Problem(
                    workshop.locate_config(*path),
                    f"{'.'.join(map(str, path))}: the character {describe(ch)} is not in the bundled font (Lato); replace it",
                )
            )
    return problems


def use_lato(drawing: Any) -> Any:
    """Set an SVG logo's text in Lato: only the bundled, embedded font may appear in a PDF.

    svglib starts a drawing in Helvetica and keeps the SVG's font-family (Times, Arial …),
    neither of which is embedded.
    """
    from reportlab.graphics.shapes import Group, String

    drawing.initialFontName = REGULAR
    stack = [drawing]
    while stack:  # iterative: an SVG may nest groups thousands deep
        node = stack.pop()
        if isinstance(node, String):
            node.fontName = BOLD if "bold" in str(node.fontName).lower() else REGULAR
        elif isinstance(node, Group):
            stack.extend(node.contents)
    return drawing


def describe(ch: str) -> str:
    """'€' (U+20AC EURO SIGN), '🙂' (U+1F642 SLIGHTLY SMILING FACE) for an emoji with its
    selector; invisible and direction-changing characters by code only, so a right-to-left
    override or an escape cannot scramble the terminal that shows the message.

    `ch` may be one of `clusters`: the visible characters are named, a modifier only when the
    font lacks it after a character it has ('©' + U+FE0F).
    """
    visible = [c for c in ch if not MODIFIERS.match(c)] or list(ch)
    names = " + ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}" for c in visible)
    covered = _covered()
    if all(ord(c) in covered for c in visible) and len(visible) < len(ch):
        lacking = [c for c in ch if MODIFIERS.match(c) and ord(c) not in covered]
        names += ", followed by " + ", ".join(
            f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}" for c in lacking
        )
    invisible = MODIFIERS.match(visible[0]) or unicodedata.category(visible[0])[0] in "CZ"
    return f"({names})" if invisible else f"'{ch}' ({names})"
