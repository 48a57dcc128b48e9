"""calibration.pdf: crosses on the front, scales on the back, in the workshop's language."""

from __future__ import annotations

from pathlib import Path

from tests.cardgen import write_workshop
from tests.cardpdfs import read_pdf
from workshop.pipeline.build import build_workshop, load_and_check
from workshop.render.cards.calibration import render_calibration


def test_calibration_sheet(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "cal", 2)
    report = build_workshop(folder, only=("cards",), calibration=True)
    reader = read_pdf((report.out_dir / "calibration.pdf").read_bytes())
    assert len(reader.pages) == 2
    assert "back_offset" in reader.pages[0].extract_text() and "50 mm" in reader.pages[0].extract_text()


def test_the_back_is_already_shifted_by_the_current_offset(tmp_path: Path) -> None:
    plain, _ = load_and_check(write_workshop(tmp_path / "plain", 1, language="en"))
    shifted, _ = load_and_check(
        write_workshop(tmp_path / "shifted", 1, language="en", back_offset=["2mm", "0mm"])
    )
    first, second = read_pdf(render_calibration(plain)), read_pdf(render_calibration(shifted))
    assert first.pages[0].extract_text() == second.pages[0].extract_text()
    assert "Back. Read where the front’s cross shows through" in first.pages[1].extract_text()
    assert render_calibration(plain) != render_calibration(shifted)
