"""The boundary to svglib, Pillow and reportlab: what they raise on a logo is a located error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import loaded, replace_in
from tests.content.test_svg import svg
from workshop.content.loader import Workshop
from workshop.content.problems import ContentError
from workshop.pdf.logo import MAX_DRAWN_PIXELS, load_logo, logo_warnings


def workshop_with_logo(folder: Path, name: str, data: bytes) -> Workshop:
    """`folder` (a copy of examples/minimal) with `data` as its logo, loaded."""
    (folder / name).write_bytes(data)
    replace_in(
        folder / "workshop.yaml", "decks: [cards.yaml]", f"decks: [cards.yaml]\ntheme: {{logo: {name}}}"
    )
    return loaded(folder)


@pytest.mark.parametrize(
    ("body", "raised"),
    [
        ('<rect width="abc" height="9"/>', "ValueError: Can't convert 'abc' to length"),  # in svg2rlg
        (
            '<rect width="9" height="9" stroke="red" stroke-dasharray="0 0"/>',
            "ValueError: setDash",
        ),  # drawing
    ],
)
def test_what_svglib_or_reportlab_raise_is_an_error_at_theme_logo(minimal: Path, body: str, raised: str):
    workshop = workshop_with_logo(minimal, "logo.svg", svg(body))
    with pytest.raises(ContentError) as failed:
        load_logo(workshop)
    (problem,) = failed.value.problems
    assert str(problem.location).endswith("workshop.yaml:15:15")
    assert problem.message.startswith("theme.logo: 'logo.svg' cannot be drawn (")
    assert raised in problem.message and "export it again" in problem.message


def test_a_large_raster_is_scaled_down_once_for_every_pdf(minimal: Path):
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1500), "#B03E50").save(buffer, "PNG")
    workshop = workshop_with_logo(minimal, "logo.png", buffer.getvalue())
    logo = load_logo(workshop)
    assert logo is not None and (logo.width, logo.height) == (3000, 1500)  # its proportions
    assert logo.source.getSize() == (MAX_DRAWN_PIXELS, MAX_DRAWN_PIXELS // 2)
    assert load_logo(workshop) is logo  # converted once, shared by the card backs and the guide


def test_what_svglib_leaves_undrawn_is_a_located_warning_not_a_bare_line(minimal: Path, capsys):
    workshop = workshop_with_logo(
        minimal, "logo.svg", svg('<rect width="9" height="9" fill="foo" transform="skew(q)"/>')
    )
    (first, second) = logo_warnings(workshop)
    assert str(first) == (
        f"{minimal / 'workshop.yaml'}:15:15: warning: theme.logo: svglib left part of 'logo.svg' undrawn: "
        "Can't handle color: foo"
    )
    assert second.message.endswith("Unable to parse transform expression 'skew(q)'")
    assert capsys.readouterr().err == ""
