"""The Markdown subset: one parse for the PDFs and the pages, nothing from the content interpreted as HTML."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.content.markup import (
    BareUrls,
    Block,
    escape_markup,
    inline_html,
    inline_markup,
    to_html,
    to_plain,
    to_reportlab,
)


def test_emphasis_lists_and_links_reach_both_outputs():
    text = "Eerst **vet** en *schuin*.\n\n- een\n- [twee](https://example.org/x)\n\n3. drie\n4. vier"
    assert to_reportlab(text) == (
        Block("Eerst <b>vet</b> en <i>schuin</i>."),
        Block("een", "•", 0),
        Block('<a href="https://example.org/x">twee</a>', "•", 0),
        Block("drie", "3.", 0),
        Block("vier", "4.", 0),
    )
    html = to_html(text)
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert '<a rel="noopener noreferrer" href="https://example.org/x">twee</a>' in html
    assert '<ol start="3">' in html


def test_nested_lists_keep_their_level():
    assert [(b.bullet, b.level) for b in to_reportlab("- a\n  - b\n    1. c")] == [
        ("•", 0),
        ("•", 1),
        ("1.", 2),
    ]


@pytest.mark.parametrize(
    "text", ["<b>niet vet</b> & <font color='red'>x</font>", "<script>alert(1)</script>", "<para>p</para>"]
)
def test_html_in_content_is_text_in_both_outputs(text: str):
    html = to_html(text)
    assert "<b>" not in html and "<script>" not in html and "<font" not in html and "<para>" not in html
    assert "&lt;" in html
    (block,) = to_reportlab(text)
    assert "<" not in block.markup.replace("&lt;", "")
    assert to_plain(text) == text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"])
def test_only_web_and_mail_links_survive(url: str):
    html = to_html(f"[klik]({url})")
    assert "<a" not in html
    assert to_html("[mail](mailto:a@example.org)").count("<a ") == 1


def test_bare_addresses_become_links_without_the_sentence_around_them():
    html = to_html("Zie https://example.org/a_(b). En “https://example.org/c”, of xhttps://nee.nl.")
    assert 'href="https://example.org/a_(b)"' in html
    assert 'href="https://example.org/c"' in html
    assert html.count("<a ") == 2
    assert BareUrls().match("geen adres") == []
    assert BareUrls().match("(https://example.org/x), dan")[0].url == "https://example.org/x"


def test_a_backslash_shows_a_star_as_itself():
    r"""'\*' is how Markdown writes a literal star; without the escape rule it became italics plus backslashes."""
    assert to_plain(r"5 \* 3 en \*niet schuin\*") == "5 * 3 en *niet schuin*"
    assert to_html(r"\*niet schuin\* \<b>") == "<p>*niet schuin* &lt;b&gt;</p>\n"


def test_line_and_paragraph_separators_break_as_the_writer_meant():
    assert to_reportlab("een\u2028twee") == (Block("een<br/>twee"),)
    assert to_reportlab("een\u2029twee") == (Block("een"), Block("twee"))


def test_one_line_fields_have_no_paragraph_around_them():
    assert inline_html("De *wachttijd*") == "De <em>wachttijd</em>"
    assert inline_markup("- a\n- b") == "a b"
    assert inline_html("een\n\ntwee").startswith("<p>")  # two paragraphs stay two


def test_plain_text_is_what_a_reader_sees():
    assert to_plain("**Let op:** a & b\nc") == "Let op: a & b c"
    assert escape_markup("a < b & 'c'") == "a &lt; b &amp; 'c'"


TRICKY = "ab Zé1 9.-+*_[]\\:/ &<>\"'#`~!|=()\t\n\r\xa0\u2003\u2028\u2029\x0b\x0c\x1c\x85\x00🙂"


@settings(max_examples=3000, deadline=None)
@given(
    st.text(alphabet=TRICKY, max_size=24)
    | st.from_regex(r"[ -~]{0,12}(https?://x\.y)?[ -~]{0,8}", fullmatch=True)
)
def test_text_without_markdown_comes_out_as_the_parser_would_make_it(text: str) -> None:
    """The shortcut for plain text gives exactly what markdown-it gives, for both outputs."""
    from workshop.content import markup

    assert markup.to_reportlab.__wrapped__(text) == markup._parsed_reportlab(text)
    assert markup.to_html.__wrapped__(text) == markup._parsed_html(text)
