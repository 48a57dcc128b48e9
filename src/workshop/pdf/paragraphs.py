"""Paragraphs without parsing the same markup again and again.

reportlab parses every Paragraph's mini-markup with its ParaParser (html.parser
underneath): about a third of the cost of making the guide's 30,000 paragraphs. Yet
most of them are plain text (no tag, no entity) and many repeat (labels, procedure
steps, observer lines). `paragraph` makes the same Paragraph as `Paragraph(text, style)`
— the same fragments, so the same bytes — from fragments parsed once:

- plain text: one fragment, a copy of the style's fragment for any plain text, with
  the text set (what the parser itself does with a tag-free run of text);
- other markup: the fragments of the last parse of the same markup in the same style.

Each Paragraph gets its own copies of the fragments: reportlab writes to fragments
while wrapping (`_fkind`, and the word list that replaces them).
"""

from __future__ import annotations

from copy import copy
from typing import Any

from reportlab.platypus import Paragraph as ReportlabParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

# the style attributes ParaParser reads (ParaParser._initial_frag) or that change the
# fragments after parsing (textTransform): two styles equal in these parse alike
PARSED_ATTRIBUTES = (
    "fontName",
    "fontSize",
    "textColor",
    "bulletFontName",
    "bulletFontSize",
    "bulletColor",
    "underlineWidth",
    "underlineColor",
    "underlineOffset",
    "underlineGap",
    "strikeWidth",
    "strikeColor",
    "strikeOffset",
    "strikeGap",
    "linkUnderline",
    "textTransform",
)


class Paragraph(ReportlabParagraph):
    """reportlab's Paragraph that breaks its lines once per width.

    Keeping a group together, reportlab measures each paragraph in it and then measures it
    again to place it, at the same width: breaking the lines is the costliest part of a
    paragraph (a quarter of the guide's layout). The second time reuses the first result.
    """

    _wrapped: tuple[float, Any, Any, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == availWidth:
            self.width, self._wrapWidths, self.blPara, self.height = wrapped
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara") and self.width == availWidth:
            self._wrapped = (availWidth, self._wrapWidths, self.blPara, self.height)
        return size


Parsed = tuple[str, tuple[ParaFrag, ...]] | None  # cleaned text and its fragments; None: parse each time


def paragraph(text: str, style: Any, bulletText: str | None = None) -> Paragraph:
    """`Paragraph(text, style, bulletText=bulletText)`, with the markup parsed at most once."""
    key = _fingerprint(style)
    if "<" in text or "&" in text:
        parsed = _cached(text, key, style)
        if parsed is not None:
            cleaned, frags = parsed
            return Paragraph(cleaned, style, bulletText=bulletText, frags=[copy(frag) for frag in frags])
    else:
        cleaned = cleanBlockQuotedText(text)
        template = _plain_fragment(key, style)
        if cleaned and template is not None:
            frag = copy(template)  # what the parser does with a run of text: copy, then set the text
            frag.text = cleaned
            return Paragraph(cleaned, style, bulletText=bulletText, frags=[frag])
    return Paragraph(text, style, bulletText=bulletText)


def _fingerprint(style: Any) -> tuple[Any, ...]:
    """The style's parse-relevant attributes; one tuple per distinct value, shared by the cache's keys."""
    key = tuple(getattr(style, name, None) for name in PARSED_ATTRIBUTES)
    return _FINGERPRINTS.setdefault(key, key)


_FINGERPRINTS: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def _plain_fragment(key: tuple[Any, ...], style: Any) -> ParaFrag | None:
    """The one fragment the parser makes of any plain text in this style (None: not just one)."""
    parsed = _cached("x", key, style)
    if parsed is None or len(parsed[1]) != 1 or parsed[1][0].text != "x":
        return None
    return parsed[1][0]


def _cached(text: str, key: tuple[Any, ...], style: Any) -> Parsed:
    """The parse of `text` in styles with fingerprint `key`, from the cache when it was made before."""
    entry = (text, key)
    if entry not in _PARSED:
        if len(_PARSED) >= CACHE_SIZE:  # bounded: the guide's repeats are near each other anyway
            _PARSED.clear()
        _PARSED[entry] = _parse(text, style)
    return _PARSED[entry]


CACHE_SIZE = 1024
_PARSED: dict[tuple[str, tuple[Any, ...]], Parsed] = {}


def _parse(text: str, style: Any) -> Parsed:
    """What Paragraph._setup does with markup; None when the result is not only fragments
    (a <para> with attributes changes the style, a <bullet> the bullet): those parse each time."""
    cleaned = cleanBlockQuotedText(text)
    parser = ParaParser()
    parser.caseSensitive = 1
    parsed_style, frags, bullet_frags = parser.parse(cleaned, style)
    if frags is None or bullet_frags or parsed_style is not style or style.textTransform:
        return None
    return cleaned, tuple(frags)
