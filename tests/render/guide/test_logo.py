"""The cover's logo: scaled into its box with its proportions, left-aligned; SVG as vectors in Lato."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from workshop.content.units import mm
from workshop.pdf.fonts import REGULAR
from workshop.render.guide.logo import logo_flowable


def test_a_png_keeps_its_proportions_inside_the_box(tmp_path: Path):
    Image.new("RGB", (400, 100), (0, 0, 0)).save(tmp_path / "logo.png")
    image = logo_flowable(tmp_path / "logo.png", mm(60), mm(30))
    assert (image.drawWidth, image.drawHeight) == (pytest.approx(mm(60)), pytest.approx(mm(15)))
    assert image.hAlign == "LEFT"


def test_an_svg_is_scaled_as_vectors_with_its_text_in_lato(tmp_path: Path):
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        '<rect width="100" height="100"/><text x="10" y="50" font-family="Times">Logo</text></svg>'
    )
    drawing = logo_flowable(tmp_path / "logo.svg", mm(60), mm(30))
    assert (drawing.width, drawing.height) == (pytest.approx(mm(30)), pytest.approx(mm(30)))
    assert drawing.hAlign == "LEFT" and drawing.initialFontName == REGULAR


def test_an_svg_without_a_size_takes_no_room(tmp_path: Path):
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>')
    assert logo_flowable(tmp_path / "logo.svg", mm(60), mm(30)).wrap(mm(60), mm(30)) == (1, 0)
