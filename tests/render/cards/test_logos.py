"""The logo on card backs: scaled into its box on a white tile, PNG, JPEG or SVG."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image

from tests.cardgen import write_workshop
from tests.cardpdfs import build
from workshop.content.units import mm
from workshop.render.cards.logos import TILE_PADDING, load_logo


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_logo_on_backs(tmp_path: Path, kind: str) -> None:

    folder = write_workshop(tmp_path / kind, 1)
    if kind == "svg":
        (folder / "logo.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><rect width="100" height="40"/></svg>'
        )
    else:
        Image.new("RGB", (200, 80), (0, 0, 0)).save(folder / "logo.png")
    config = yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))
    (folder / "workshop.yaml").write_text(
        yaml.safe_dump({**config, "theme": {"logo": f"logo.{kind}"}}), encoding="utf-8"
    )
    files = build(folder)
    image = pdfium.PdfDocument(files["cards-single.pdf"])[1].render(scale=1).to_pil().convert("RGB")
    assert image.getpixel((image.width // 2, round(image.height * 0.35))) == (0, 0, 0)  # the logo, centred


@pytest.mark.parametrize(("size", "fits"), [((400, 100), "width"), ((100, 400), "height")])
def test_a_logo_keeps_its_proportions_inside_its_box(
    tmp_path: Path, size: tuple[int, int], fits: str
) -> None:
    Image.new("RGB", size, (0, 0, 0)).save(tmp_path / "logo.png")
    logo = load_logo(tmp_path / "logo.png", mm(40), mm(20))
    assert logo is not None and logo.kind == "PNG"
    assert logo.width / logo.height == pytest.approx(size[0] / size[1])
    assert logo.box_width <= mm(40) + 1e-6 and logo.box_height <= mm(20) + 1e-6
    full = logo.box_width if fits == "width" else logo.box_height
    assert full == pytest.approx(mm(40) if fits == "width" else mm(20))
    assert logo.box_width - logo.width == pytest.approx(2 * TILE_PADDING)


def test_an_unusable_logo_is_none(tmp_path: Path) -> None:
    (tmp_path / "empty.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>')
    (tmp_path / "logo.gif").write_bytes(b"GIF89a" + b"\0" * 20)
    assert load_logo(tmp_path / "empty.svg", mm(40), mm(20)) is None
    assert load_logo(tmp_path / "logo.gif", mm(40), mm(20)) is None
