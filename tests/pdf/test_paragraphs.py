"""Paragraphs from fragments parsed once are reportlab's own: same fragments, same lines, same bytes."""

from __future__ import annotations

import io

from reportlab.platypus import Paragraph

from tests.workshops import MARKUP_LIKE
from workshop.pdf.paragraphs import paragraph
from workshop.pdf.typography import paragraph_style
from workshop.render.guide.flow import bulleted
from workshop.render.guide.styles import styles

PARAGRAPH_TEXTS = [
    "Plain text, as most of the guide is",
    "  spread\n over   lines  ",
    "",
    "SITUATIE",
    "<b>Bold</b> and <i>italic</i> &amp; an entity",
    MARKUP_LIKE.replace("&", "&amp;").replace("<", "&lt;"),
    '<font color="#B03A2E"><b>DILEMMA  ·  kaart 3/10</b></font>',
    'Link: <a href="https://example.org/x?a=1&amp;b=2">https://example.org/x?a=1&amp;b=2</a>',
    "Line<br/>break",
    "A long compound: klantenservicemedewerkersopleidingsprogramma " * 4,
]


def _paragraphs_pdf(flowables: list) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(flowables)
    return buffer.getvalue()


def test_paragraphs_from_cached_fragments_are_reportlabs_own():
    """`paragraph` skips reparsing but must give what reportlab's Paragraph gives: same fragments,
    same PDF, also when the same markup comes again in another (equal or different) style."""
    st = styles("nl")
    cases = [
        (text, style, bullet)
        for text in PARAGRAPH_TEXTS
        for style, bullet in [
            (st.body, None),
            (st.label, None),
            (bulleted(st.body), "•"),
            (bulleted(st.body), "•"),
            (st.muted, None),
        ]
    ]
    for _ in range(2):  # the second round comes from the cache
        ours = [paragraph(text, style, bulletText=bullet) for text, style, bullet in cases]
        theirs = [Paragraph(text, style, bulletText=bullet) for text, style, bullet in cases]
        for mine, reference in zip(ours, theirs, strict=True):
            assert mine.text == reference.text
            assert [f.__dict__ for f in mine.frags] == [f.__dict__ for f in reference.frags]
        assert _paragraphs_pdf(ours) == _paragraphs_pdf(theirs)


def test_a_paragraph_breaks_its_lines_once_per_width():
    style = paragraph_style("body", "nl", 10)
    text = "A long compound: klantenservicemedewerkersopleidingsprogramma " * 4
    mine = paragraph(text, style)
    first = mine.wrap(120, 1000)
    lines = mine.blPara.lines
    assert mine.wrap(120, 1000) == first and mine.blPara.lines is lines  # measured again: the same break
    narrower = mine.wrap(80, 1000)
    assert mine.blPara.lines is not lines  # another width: broken again
    reference = Paragraph(text, style)
    assert reference.wrap(80, 1000) == narrower
