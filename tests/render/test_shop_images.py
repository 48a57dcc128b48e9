"""render/shop_images.py: the shops' pixel sizes, one PNG per face and back, the CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PIL import Image

from tests.cardgen import write_workshop
from workshop.pipeline.build import Overrides, check
from workshop.render.shop_images import pixel_size, shop_images


@pytest.mark.parametrize(
    ("card_size", "shop", "size"),
    [
        ("poker", "mpc", (822, 1122)),
        ("poker", "tgc", (825, 1125)),
        ("bridge", "mpc", (748, 1122)),  # 57.2 × 88.9 mm and 0.12 in bleed each side
        ("tarot", "tgc", (903, 1493)),  # 70 × 120 mm and 1/8 in bleed each side
    ],
)
def test_pixel_sizes(tmp_path: Path, card_size: str, shop: str, size: tuple[int, int]) -> None:
    root = write_workshop(tmp_path / "w", 1, language="en", card_size=card_size)
    assert pixel_size(check(root).workshop, shop) == size  # type: ignore[arg-type]


def test_one_png_per_face_and_back_and_a_csv_in_deck_order(tmp_path: Path) -> None:
    root = write_workshop(tmp_path / "w", 4, language="en", copies=3)
    checked = check(root, Overrides(shop_for=("tgc",)), cards=True)
    files, summary = shop_images(checked.workshop, checked.deck, "tgc")  # type: ignore[arg-type]
    pngs = sorted(name for name in files if name.endswith(".png"))
    assert len(pngs) == 8
    assert pngs[:2] == ["png-300dpi/001-kaart-01-back.png", "png-300dpi/001-kaart-01-front.png"]
    for name in pngs:
        with Image.open(io.BytesIO(files[name])) as image:
            assert image.size == (825, 1125)
    rows = list(csv.reader(io.StringIO(files["png-300dpi/cards.csv"].decode("utf-8"))))
    assert rows[0] == ["file", "card", "side", "copies"]
    assert rows[1] == ["001-kaart-01-front.png", "kaart-01", "front", "3"]
    assert rows[2] == ["001-kaart-01-back.png", "kaart-01", "back", "3"]
    assert [r[1] for r in rows[1::2]] == ["kaart-01", "kaart-02", "kaart-03", "kaart-04"]
    # cards 1 and 4 are both dilemmas: one back, the same picture; fronts differ
    assert files["png-300dpi/001-kaart-01-back.png"] == files["png-300dpi/004-kaart-04-back.png"]
    assert files["png-300dpi/001-kaart-01-front.png"] != files["png-300dpi/004-kaart-04-front.png"]
    assert "8 PNGs of 825×1125 px for The Game Crafter, 3 copies of each card" in summary
