"""`workshop preview`: where the images go, what it says, and the exit code when a card does not fit."""

from __future__ import annotations

from pathlib import Path

from tests.cardgen import TOO_LONG, write_workshop
from tests.conftest import run_cli


def test_preview_writes_a_png_per_face_through_the_manifest(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 3)
    result = run_cli("preview", folder, "--dpi", "50")
    assert result.exit_code == 0, result.output
    target = folder / "build" / "preview"
    assert result.stdout == f"Wrote 6 card images (3 cards, front and back) to {target}/\n"
    assert result.stderr == ""
    names = sorted(p.name for p in target.glob("*.png"))
    assert names == [f"{n:02d}-kaart-{n:02d}-{side}.png" for n in (1, 2, 3) for side in ("back", "front")]
    assert (target / ".workshop-manifest.json").is_file()


def test_preview_of_a_card_that_does_not_fit_exits_1_naming_it(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 0, cards=[TOO_LONG])
    result = run_cli("preview", folder, "--dpi", "50", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "card 'te-lang': the question does not fit" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "1 card does not fit; their front images show the overflow in red: te-lang"
    )
    assert (tmp_path / "out" / "preview" / "01-te-lang-front.png").is_file()


def test_preview_refuses_to_overwrite_a_file_it_did_not_write_as_build_does(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 1)
    target = folder / "build" / "preview"
    target.mkdir(parents=True)
    mine = target / "01-kaart-01-front.png"
    mine.write_bytes(b"my own picture")
    result = run_cli("preview", folder, "--dpi", "50")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {mine} already exists and was not written by workshop; "
        "move it away or choose another --out. Nothing was written."
    ]
    assert mine.read_bytes() == b"my own picture"
    assert sorted(p.name for p in target.iterdir()) == [mine.name]


def test_preview_into_a_folder_the_system_refuses_is_a_message(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 1)
    result = run_cli("preview", folder, "--out", "/proc/x")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write to /proc/x/preview:")
    assert result.stderr.rstrip().endswith("choose another --out.")


def test_a_resolution_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("preview", write_workshop(tmp_path / "w", 1), "--dpi", "5000")
    assert result.exit_code == 2 and "'--dpi'" in result.stderr and "50<=x<=600" in result.stderr
