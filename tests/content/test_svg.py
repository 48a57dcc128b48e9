"""SVG logos cleaned: what may run or reach outside the file is refused at its line, what a
printed logo does not use is left out (and listed), the rest is written anew."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from workshop.content.svg import MAX_ELEMENTS, MAX_NUMBERS, SVG_NS, SvgRefused, clean_svg

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="90"'


def svg(body: str, attributes: str = "") -> bytes:
    return f"{HEAD}{attributes}>\n{body}\n</svg>".encode()


def png(width: int, height: int) -> bytes:
    """A one-bit PNG: small files of huge sizes (a 30000² one is ~100 kB)."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def png_uri(width: int, height: int) -> str:
    return "data:image/png;base64," + base64.b64encode(png(width, height)).decode()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (svg("<script>alert(1)</script>"), ["has a script", "remove it"]),
        (svg("", ' onload="alert(1)"'), ["event handler (onload=…)"]),
        (svg('<rect width="9" height="9" onclick="x()"/>'), ["event handler (onclick=…)"]),
        (svg("<foreignObject><p>x</p></foreignObject>"), ["<foreignObject>"]),
        (svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">x()</h:script>'), ["has a script"]),
        (svg("<style>@import url(http://e.org/a.css);</style>"), ["@-rules (such as @import)"]),
        (svg("<style>rect{fill:u\\72l(http://e.org/)}</style>"), ["escapes"]),
        (svg('<rect width="9" height="9" style="fill:url(http://e.org/x)"/>'), ["url() to another", "e.org"]),
        (svg('<rect width="9" height="9" fill="url(\'https://e.org/x\')"/>'), ["url() to another"]),
        (svg("<style>rect{fill:url(http://e.org/x)}</style>"), ["url() to another"]),
        (
            svg('<image href="http://e.org/x.png" width="9" height="9"/>'),
            ["reference to another file", "x.png"],
        ),
        (svg('<image xlink:href="/etc/passwd" width="9" height="9"/>'), ["reference to another file"]),
        (svg('<use xlink:href="other.svg#a"/>'), ["reference to another file"]),
        (svg('<use href="data:image/svg+xml;base64,PHN2Zy8+"/>'), ["reference to another file"]),
        (svg('<g id="a"><use href="#a"/></g>'), ["repeats itself"]),
        (svg(f'<image width="9" height="9" href="{png_uri(3000, 3000)}"/>'), ["3000×3000", "4 million"]),
        (svg(f'<image width="9" height="9" href="{png_uri(20000, 20000)}"/>'), ["far too many pixels"]),
        (
            svg("".join(f'<image width="9" height="9" href="{png_uri(1500, 1500)}"/>' for _ in range(2))),
            ["4,500,000 pixels together"],
        ),
        (svg('<image width="9" height="9" href="data:image/png;base64,%%%"/>'), ["not valid base64"]),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aa">]><svg xmlns="' + SVG_NS.encode() + b'"/>',
            ["DOCTYPE"],
        ),
        (svg("<rect"), ["not well-formed"]),
        (
            svg('<rect width="9" height="9" style="fill:red:blue"/>'),
            ["style svglib cannot read ('fill:red:blue')"],
        ),
        (svg("<style>rect{fill}</style>"), ["style svglib cannot read ('fill')"]),
        (b"<html><body/></html>", ["not SVG", "<html>"]),
        (svg('<rect width="1e308" height="9"/>'), ["absurd size or coordinate (1e308)"]),
        (svg("", ' width="0"').replace(b'width="90" ', b""), ['width="0"', "above zero"]),
    ],
)
def test_what_could_harm_is_refused_with_its_line(data: bytes, words: list[str]):
    with pytest.raises(SvgRefused) as refused:
        clean_svg("logo.svg", data)
    message = str(refused.value)
    assert all(word in message for word in words), message
    assert "'logo.svg'" in message or "inside 'logo.svg'" in message


def test_the_line_named_is_the_element_s():
    with pytest.raises(SvgRefused) as refused:
        clean_svg("logo.svg", svg('<rect width="9" height="9"/>\n<g>\n  <script>x()</script></g>'))
    assert (refused.value.line, refused.value.column) == (4, 3)
    assert str(refused.value).endswith("(line 4 of the SVG)")


def test_a_small_file_that_repeats_a_group_counts_as_what_it_draws():
    """30 <use>s of a 100-rect group draw 3,000 rects: refused although the file has 132 elements."""
    group = '<g id="a">' + '<rect width="1" height="1"/>' * 100 + "</g>"
    with pytest.raises(SvgRefused, match=f"more than {MAX_ELEMENTS:,} shapes"):
        clean_svg("logo.svg", svg(group + '<use xlink:href="#a"/>' * 30))
    assert clean_svg("logo.svg", svg(group + '<use xlink:href="#a"/>' * 5)).data


def test_150000_rects_are_refused_while_parsing():
    with pytest.raises(SvgRefused, match="more than 1,000 shapes"):
        clean_svg("logo.svg", svg('<rect width="1" height="1"/>' * 150_000))


def test_coordinates_are_counted_too():
    path = '<path d="M0 0' + " L1 1" * (MAX_NUMBERS // 2 + 1) + '"/>'
    with pytest.raises(SvgRefused, match="coordinates"):
        clean_svg("logo.svg", svg(path))


def test_what_a_printed_logo_does_not_use_is_left_out_and_listed():
    data = svg(
        '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/>'
        "<metadata>x</metadata><animate attributeName='href' to='javascript:x()'/>"
        '<rect data-name="a" width="9" height="9" style="stroke:blue;-x-y:1"/>'
        '<a href="javascript:alert(1)"><circle r="2"/></a>'
        "<style>.a{fill:red} rect:hover{fill:blue}</style>"
        '<text x="1" y="8">R&amp;D <tspan>team</tspan> 2</text>',
        ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3"',
    )
    cleaned = clean_svg("logo.svg", data)
    assert cleaned.removed == (
        "<metadata>",
        "<animate>",
        "attribute data-name",
        "style '-x-y:1'",
        "link <a>",
        "CSS rule 'rect:hover{fill:blue'",
    )
    root = ElementTree.fromstring(cleaned.data)
    tags = [element.tag.split("}")[1] for element in root.iter()]
    assert tags == ["svg", "rect", "g", "circle", "style", "text", "tspan"]
    text = cleaned.data.decode()
    assert "javascript" not in text and "inkscape" not in text and "sodipodi" not in text
    assert 'style="stroke:blue"' in text
    assert "<style>.a{fill:red}</style>" in text
    assert "R&amp;D <tspan>team</tspan> 2</text>" in text


def test_a_clean_logo_keeps_its_drawing():
    data = svg(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#B03E50"/></linearGradient></defs>'
        '<path fill="url(#g)" d="M12 6h40a8 8 0 0 1 8 8z" transform="translate(1 2)"/>'
        '<use xlink:href="#g" x="3"/>',
        ' viewBox="0 0 64 64" xml:space="preserve"',
    )
    cleaned = clean_svg("logo.svg", data)
    assert cleaned.removed == ()
    root = ElementTree.fromstring(cleaned.data)
    assert root.tag == f"{{{SVG_NS}}}svg" and root.get("viewBox") == "0 0 64 64"
    path = root.find(f"{{{SVG_NS}}}path")
    assert path is not None and path.get("fill") == "url(#g)" and path.get("d") == "M12 6h40a8 8 0 0 1 8 8z"
    use = root.find(f"{{{SVG_NS}}}use")
    assert use is not None and use.get("href") == "#g"


TAGS = ["g", "rect", "text", "use", "style", "a", "script", "animate", "foreignObject", "image", "filter"]
ATTRIBUTE_VALUES = {
    "fill": ["red", "url(#a)", "url(http://e.org/x)", "#B03E50"],
    "style": ["fill:red", "fill:red:blue", "stroke:url(#a);x:1", "@import 'x'", "fill:u\\72l(x)"],
    "href": ["#a", "http://e.org/", "javascript:x()", "data:image/png;base64,AAAA"],
    "onclick": ["x()"],
    "id": ["a", "b"],
    "data-x": ["1"],
    "width": ["9", "1e308"],
}


@st.composite
def svg_trees(draw: st.DrawFn, depth: int = 0) -> str:
    """Small SVG fragments from a vocabulary of the allowed, the useless and the harmful."""
    tag = draw(st.sampled_from(TAGS))
    names = draw(st.lists(st.sampled_from(sorted(ATTRIBUTE_VALUES)), unique=True, max_size=3))
    attributes = "".join(f' {n}="{draw(st.sampled_from(ATTRIBUTE_VALUES[n]))}"' for n in names)
    children = draw(st.lists(svg_trees(depth + 1), max_size=3)) if depth < 3 else []
    text = draw(st.sampled_from(["", "x", "rect{fill:red}", "a &amp; b"]))
    return f"<{tag}{attributes}>{text}{''.join(children)}</{tag}>"


@settings(max_examples=200, deadline=None)
@given(st.lists(svg_trees(), max_size=4))
def test_cleaning_is_safe_and_idempotent(fragments: list[str]):
    """Whatever goes in: refused with a reason, or out comes SVG with nothing that runs or reaches
    outside the file, which cleaning again leaves exactly as it is."""
    try:
        cleaned = clean_svg("logo.svg", svg("".join(fragments)))
    except SvgRefused as refused:
        assert refused.message.startswith(("'logo.svg' has", "an image inside")), refused.message
        return
    text = cleaned.data.decode().replace(f'xmlns="{SVG_NS}"', "")
    for forbidden in ("<script", "onclick", "foreignObject", "http:", "javascript:", "@import", "\\"):
        assert forbidden not in text
    assert clean_svg("logo.svg", cleaned.data) == type(cleaned)(cleaned.data, ())
