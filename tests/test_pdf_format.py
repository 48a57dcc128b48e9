"""The faster PDF serializer writes exactly what reportlab's own would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop import pdf_format
from workshop.build import build_workshop

ROOT = Path(__file__).resolve().parent.parent


def test_each_kind_of_value_is_formatted_as_reportlab_formats_it() -> None:
    theirs, ours = pdf_format.format_both(pdf_format.sample_objects())
    assert ours == theirs
    assert any(b"#20" in item for item in ours)  # a name that needs escaping was among them
    assert any(b"\\351" in item for item in ours)  # and a non-ASCII string


def test_text_the_pdf_encoding_refuses_is_still_refused() -> None:
    with pytest.raises(UnicodeEncodeError):
        pdf_format.encode("bell \x1b")
    assert pdf_format.encode("é") == "é".encode("extpdfdoc")


@pytest.mark.parametrize("deck", ["deck", "examples/customer-orientation-en"])
def test_whole_outputs_are_byte_identical_with_reportlab_s_serializer(
    deck: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "workshop"
    shutil.copytree(ROOT / deck, root, ignore=shutil.ignore_patterns("build"))
    assert pdf_format.install()
    build_workshop(root, tmp_path / "ours")
    pdf_format.uninstall()
    monkeypatch.setattr(pdf_format, "install", lambda: False)
    try:
        build_workshop(root, tmp_path / "theirs")
    finally:
        monkeypatch.undo()
        pdf_format.install()
    pdfs = sorted(path.name for path in (tmp_path / "ours").glob("*.pdf"))
    assert {"cards.pdf", "cards-single.pdf", "guide.pdf", "handouts.pdf"} <= set(pdfs)
    for name in pdfs:
        assert (tmp_path / "ours" / name).read_bytes() == (tmp_path / "theirs" / name).read_bytes(), name
