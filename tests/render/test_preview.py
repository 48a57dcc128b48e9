"""`workshop preview`: a PNG per card face, cut at the trim, written through the manifest."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.cardgen import write_workshop
from tests.conftest import run_cli


def test_preview_writes_a_png_per_face(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 3)
    result = run_cli("preview", folder)
    assert result.exit_code == 0, result.output
    target = folder / "build" / "preview"
    assert str(target) in result.output
    names = sorted(p.name for p in target.glob("*.png"))
    assert names == [f"{n:02d}-kaart-{n:02d}-{side}.png" for n in (1, 2, 3) for side in ("back", "front")]
    with Image.open(target / "01-kaart-01-front.png") as image:
        assert abs(image.width - 375) <= 2 and abs(image.height - 525) <= 2  # 63.5 × 88.9 mm at 150 dpi
    assert (target / ".workshop-manifest.json").is_file()


def test_preview_of_bad_content_exits_1(tmp_path: Path) -> None:
    long = {
        "id": "te-lang",
        "type": "reflection",
        "title": "Te lang",
        "question": " ".join(["Waarom is deze vraag zo ontzettend lang?"] * 60),
        "debrief": {"summary": "x"},
    }
    folder = write_workshop(tmp_path / "w", 0, cards=[long])
    result = run_cli("preview", folder)
    assert result.exit_code == 1
    assert "card 'te-lang': the question does not fit" in result.output


def test_preview_refuses_to_overwrite_a_file_it_did_not_write_as_build_does(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 1)
    target = folder / "build" / "preview"
    target.mkdir(parents=True)
    mine = target / "01-kaart-01-front.png"
    mine.write_bytes(b"my own picture")
    result = run_cli("preview", folder)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {mine} already exists and was not written by workshop; "
        "move it away or choose another --out. Nothing was written."
    ]
    assert mine.read_bytes() == b"my own picture"
    assert sorted(p.name for p in target.iterdir()) == [mine.name]
