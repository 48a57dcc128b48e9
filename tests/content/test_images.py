"""Logo files judged by their content, read once through `read_logo` by checks and outputs alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.test_rasters import encoded
from tests.content.test_svg import svg
from workshop.content.images import MAX_IMAGE_BYTES, ImageRefused, image_kind, logo_of, read_logo
from workshop.content.loader import load_workshop
from workshop.content.problems import ContentError, Problems
from workshop.content.rasters import MAX_PIXELS


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (encoded("RGB", (4, 4)), "PNG"),
        (encoded("RGB", (4, 4), "JPEG"), "JPEG"),
        (b"\xef\xbb\xbf  <?xml version='1.0'?><svg/>", "SVG"),
        (b"<!-- drawn by hand --><svg/>", "SVG"),
        (b"GIF89a\x01\x00", None),
        (b"<html><body>not a logo</body></html>", None),
    ],
    ids=["png", "jpeg", "svg-with-bom", "svg-comment-first", "gif", "html"],
)
def test_the_kind_comes_from_the_bytes_not_the_name(head: bytes, kind: str | None):
    assert image_kind(head) == kind


def test_a_png_named_svg_is_read_as_the_png_it_is(tmp_path: Path):
    logo = tmp_path / "logo.svg"
    logo.write_bytes(encoded("RGB", (40, 20)))
    assert read_logo(logo).kind == "PNG"


def test_an_svg_is_served_cleaned_and_says_what_it_left_out(tmp_path: Path):
    logo = tmp_path / "logo.svg"
    logo.write_bytes(svg('<rect width="9" height="9"><animate attributeName="x" to="3"/></rect>'))
    read = read_logo(logo)
    assert read.kind == "SVG" and b"<rect" in read.data and b"animate" not in read.data
    assert read.removed  # named in the warning the checks give


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"GIF89a" + bytes(64), "not a PNG, JPEG or SVG"),
        (svg("<script>alert(1)</script>"), "script"),
        (encoded("1", (MAX_PIXELS // 1000 + 1, 1000)), "pixels"),
    ],
    ids=["gif", "svg-script", "too-many-pixels"],
)
def test_what_cannot_be_used_is_refused_with_what_to_do(tmp_path: Path, content: bytes, words: str):
    logo = tmp_path / "logo.img"
    logo.write_bytes(content)
    with pytest.raises(ImageRefused, match=words):
        read_logo(logo, decode=True)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path):
    logo = tmp_path / "logo.png"
    with logo.open("wb") as handle:
        handle.truncate(MAX_IMAGE_BYTES + 1)  # sparse: nothing to read, all size
    with pytest.raises(ImageRefused, match="MiB"):
        read_logo(logo)


def test_a_logo_replaced_after_the_checks_is_a_located_error(minimal: Path):
    (minimal / "logo.png").write_bytes(encoded("RGB", (40, 20)))
    config = minimal / "workshop.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\ntheme:" not in text
    config.write_text(text + "\ntheme:\n  logo: logo.png\n", encoding="utf-8")
    workshop = load_workshop(minimal, Problems())
    assert workshop is not None and workshop.config.theme.logo is not None
    assert logo_of(workshop) is not None
    (minimal / "logo.png").write_bytes(b"GIF89a" + bytes(64))  # swapped between the checks and an output
    with pytest.raises(ContentError) as raised:
        logo_of(workshop)
    [problem] = raised.value.problems
    assert problem.location.file == config and problem.location.line > 0
    assert "theme.logo:" in problem.message and "not a PNG, JPEG or SVG" in problem.message
