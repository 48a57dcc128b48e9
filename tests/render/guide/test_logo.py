"""The cover's logo: scaled into its box with its proportions, left-aligned; SVG as vectors in Lato."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.pdf.test_logo import workshop_with_logo
from workshop.content.problems import ContentError
from workshop.content.units import mm
from workshop.pdf.fonts import REGULAR
from workshop.render.guide.logo import logo_flowable


def test_a_png_keeps_its_proportions_inside_the_box(minimal: Path):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 100), (0, 0, 0)).save(buffer, "PNG")
    image = logo_flowable(workshop_with_logo(minimal, "logo.png", buffer.getvalue()), mm(60), mm(30))
    assert (image.width, image.height) == (pytest.approx(mm(60)), pytest.approx(mm(15)))
    assert image.wrap(mm(100), mm(100)) == (pytest.approx(mm(60)), pytest.approx(mm(15)))
    assert image.hAlign == "LEFT"


def test_an_svg_is_scaled_as_vectors_with_its_text_in_lato(minimal: Path):
    logo = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b'<rect width="100" height="100"/><text x="10" y="50" font-family="Times">Logo</text></svg>'
    )
    drawing = logo_flowable(workshop_with_logo(minimal, "logo.svg", logo), mm(60), mm(30))
    assert (drawing.width, drawing.height) == (pytest.approx(mm(30)), pytest.approx(mm(30)))
    assert drawing.hAlign == "LEFT" and drawing.logo.source.initialFontName == REGULAR


def test_an_svg_without_a_size_is_an_error_at_theme_logo(minimal: Path):
    empty = b'<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>'
    with pytest.raises(ContentError) as failed:
        logo_flowable(workshop_with_logo(minimal, "logo.svg", empty), mm(60), mm(30))
    assert "theme.logo: 'logo.svg' has width=\"0\"; give the SVG a size above zero" in str(failed.value)
