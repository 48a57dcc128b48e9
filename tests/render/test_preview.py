"""Previews of card faces: a PNG per face cut at the trim, overflowing fronts rendered and listed."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from tests.cardgen import TOO_LONG, write_workshop
from workshop.pipeline.build import load_and_check
from workshop.render.preview import preview_faces


def test_a_png_per_face_in_deck_order_cut_at_the_trim(tmp_path: Path) -> None:
    workshop, _ = load_and_check(write_workshop(tmp_path / "w", 3))
    previews = preview_faces(workshop, 150)
    assert list(previews.files) == [
        f"{n:02d}-kaart-{n:02d}-{side}.png" for n in (1, 2, 3) for side in ("front", "back")
    ]
    assert previews.overflowing == [] and previews.problems == []
    with Image.open(io.BytesIO(previews.files["01-kaart-01-front.png"])) as image:
        assert abs(image.width - 375) <= 2 and abs(image.height - 525) <= 2  # 63.5 × 88.9 mm at 150 dpi
    with Image.open(io.BytesIO(preview_faces(workshop, 75).files["01-kaart-01-back.png"])) as image:
        assert abs(image.width - 188) <= 2  # the resolution asked for


def test_a_front_that_does_not_fit_is_rendered_longer_and_listed(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 0, cards=[TOO_LONG])
    workshop, _ = load_and_check(folder, cards=False)
    previews = preview_faces(workshop, 50)
    assert previews.overflowing == ["te-lang"]
    assert any("card 'te-lang': the question does not fit" in str(p) for p in previews.problems)
    with (
        Image.open(io.BytesIO(previews.files["01-te-lang-front.png"])) as front,
        Image.open(io.BytesIO(previews.files["01-te-lang-back.png"])) as back,
    ):
        assert front.width == back.width and front.height > back.height  # the overflow below the card
