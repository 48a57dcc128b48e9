"""The small flowables the guide and the handouts share: rich text, bullets, labels kept with what
follows, keep-together groups, bookmarks and QR codes."""

from __future__ import annotations

from reportlab.platypus import KeepTogether

from tests.guidepdf import laid_out
from tests.pdfcheck import decoded_qr_codes, outline, page_texts
from workshop.content.units import mm
from workshop.pdf.paragraphs import paragraph
from workshop.pdf.qr import QrCodes
from workshop.render.guide.flow import (
    BULLET_INDENT,
    Bookmark,
    Keep,
    QRCode,
    bulleted,
    bullets,
    keep,
    labelled,
    rich,
)
from workshop.render.guide.styles import styles

ST = styles("nl")


def test_rich_text_gives_a_paragraph_per_block_and_bullets_indented_per_level():
    paragraphs = rich("Eerst **vet**.\n\n- een\n  - diep\n- twee", ST.body)
    assert [p.bulletText for p in paragraphs] == [None, "•", "•", "•"]
    assert paragraphs[0].text == "Eerst <b>vet</b>."
    assert paragraphs[2].style.leftIndent == ST.body.leftIndent + 2 * BULLET_INDENT
    assert paragraphs[1].style.leftIndent == ST.body.leftIndent + BULLET_INDENT


def test_bullets_take_inline_markdown_or_plain_text():
    marked, plain = bullets(["*schuin* <b>"], ST.body), bullets(["*schuin* <b>"], ST.body, "–", plain=True)
    assert marked[0].text == "<i>schuin</i> &lt;b&gt;" and marked[0].bulletText == "•"
    assert plain[0].text == "*schuin* &lt;b&gt;" and plain[0].bulletText == "–"
    assert bulleted(ST.body).name == bulleted(ST.body).name  # one style per level and indent


def test_a_label_stays_with_the_first_thing_under_it():
    label_and_first, second = labelled(
        "Instructies", ST.label, [paragraph("a", ST.body), paragraph("b", ST.body)]
    )
    assert isinstance(label_and_first, KeepTogether)
    assert [p.text for p in label_and_first._content] == ["INSTRUCTIES", "a"]
    assert second.text == "b"
    (alone,) = labelled("Leeg", ST.label, [])
    assert alone.text == "LEEG"


def test_nested_groups_are_flattened_into_one():
    inner = keep([paragraph("a", ST.body), paragraph("b", ST.body)])
    outer = keep([inner, paragraph("c", ST.body)])
    assert isinstance(outer, Keep)
    assert [p.text for p in outer._content] == ["a", "b", "c"]


def test_bookmarks_become_outline_entries_and_codes_scan():
    pdf = laid_out(
        [
            Bookmark("card-x", "Kaart X", "Kaart X", 0),
            paragraph("Scan de code.", ST.body),
            QRCode(QrCodes().symbol("https://example.org/w/x/"), mm(27)),
        ]
    )
    assert outline(pdf) == [(0, "Kaart X", 1)]
    assert "Scan de code." in page_texts(pdf)[1]
    assert decoded_qr_codes(pdf, 1) == ["https://example.org/w/x/"]
