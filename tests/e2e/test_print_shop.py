"""build/print-shop/ as a print shop receives it: cards-pdfx.pdf read back, the PNGs and their CSV.

Two workshops the bundled decks were not written for: 30 generated Dutch cards of every
type with a small PNG logo and `--for print-shop`, and 12 with English labels and
`print.shop: [pdfx-1a, tgc]` in workshop.yaml. Ghostscript must be installed (CI installs it).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from tests.cardgen import write_workshop
from tests.conftest import need_tool, run_cli
from tests.pdfcheck import decoded_qr_codes, pdffonts
from tests.pdfcolours import RGB_NAMES, paints, uncompressed
from tests.workshops import png_logo

MM = 72 / 25.4


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[str, str]]:
    """30 cards with a 240×120 px logo and 8-20 participants, built with --for print-shop: its
    build folder and what the build printed."""
    need_tool("gs")
    root = write_workshop(tmp_path_factory.mktemp("shop") / "rich", 30)
    png_logo(root / "logo.png")
    config = yaml.safe_load((root / "workshop.yaml").read_text(encoding="utf-8"))
    config |= {"theme": {"logo": "logo.png"}, "group_size": "8-20"}
    (root / "workshop.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = run_cli("build", root, "--for", "print-shop")
    assert result.exit_code == 0, result.output
    return root / "build", (result.stdout, result.stderr)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve generated cards (English labels) with `print.shop: [pdfx-1a, tgc]`, built."""
    need_tool("gs")
    root = write_workshop(tmp_path_factory.mktemp("shop") / "gen", 12, language="en", shop=["pdfx-1a", "tgc"])
    result = run_cli("build", root)
    assert result.exit_code == 0, result.output
    return root / "build"


def pdfx(build: Path) -> bytes:
    return (build / "print-shop" / "cards-pdfx.pdf").read_bytes()


def cards_in(build: Path) -> int:
    return len(PdfReader(build / "cards-single.pdf").pages) // 2


def test_the_pdfx_version_is_declared(rich: tuple[Path, tuple[str, str]], generated: Path) -> None:
    reader = PdfReader(io.BytesIO(pdfx(rich[0])))
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-4"
    assert reader.metadata["/Trapped"] == "/False"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    x1a = PdfReader(io.BytesIO(pdfx(generated)))
    assert x1a.metadata["/GTS_PDFXVersion"] == "PDF/X-1a:2003"
    assert x1a.pdf_header <= "%PDF-1.4"  # PDF/X-1a:2003 is PDF 1.4 at most


@pytest.mark.parametrize("which", ["rich", "generated"])
def test_an_output_intent_carries_a_cmyk_icc_profile(which: str, request: pytest.FixtureRequest) -> None:
    build = request.getfixturevalue(which)
    reader = PdfReader(io.BytesIO(pdfx(build[0] if which == "rich" else build)))
    (intent,) = [i.get_object() for i in reader.trailer["/Root"]["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFX"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4
    data = profile.get_data()
    assert data[36:40] == b"acsp" and data[16:20] == b"CMYK"  # an ICC profile, for CMYK


@pytest.mark.parametrize("which", ["rich", "generated"])
def test_nothing_is_rgb(which: str, request: pytest.FixtureRequest) -> None:
    build = request.getfixturevalue(which)
    pdf = pdfx(build[0] if which == "rich" else build)
    whole = uncompressed(pdf)
    assert not RGB_NAMES.findall(whole)  # no RGB colour space, image or inline image anywhere
    assert not [p for p in paints(pdf) if p.space not in ("DeviceGray", "DeviceCMYK")]
    for number in range(len(PdfReader(io.BytesIO(pdf)).pages)):
        page = PdfReader(io.BytesIO(pdf)).pages[number]
        for image in page.images:
            assert image.image.mode in ("L", "CMYK", "1"), (number, image.name, image.image.mode)


def test_black_text_and_qr_modules_are_black_ink_alone(rich: tuple[Path, tuple[str, str]]) -> None:
    pdf = pdfx(rich[0])
    painted = paints(pdf)
    texts = [p for p in painted if p.what == "text"]
    assert len(texts) > 100
    # text in colour is only ever in a card type's colour (the option letters), the colour its
    # band is filled with; all other text (body, titles, ids, hints) is black ink alone
    bands = {p.values for p in painted if p.what == "fill" and not p.black_ink_only}
    coloured = {p.values for p in texts if not p.black_ink_only}
    assert coloured <= bands
    assert len(coloured) <= 3
    assert sum(not p.black_ink_only for p in texts) < len(texts) / 4
    body = [p for p in texts if p.black_ink_only and p.space == "DeviceCMYK" and p.values[3] == 1]
    assert len(body) > 50  # the body text is there, as 100 % black
    # the QR code of every front: one path of many modules, filled with black alone
    codes = [p for p in painted if p.what == "fill" and p.rectangles >= 40]
    assert len(codes) == cards_in(rich[0])
    assert all(p.values == (0.0,) or p.values == (0.0, 0.0, 0.0, 1.0) for p in codes)
    # and still a code: it decodes from the rendered page
    assert decoded_qr_codes(pdf, 0) == ["https://example.org/kg/kaart-01/"]


def test_colours_are_converted_not_dropped(rich: tuple[Path, tuple[str, str]]) -> None:
    """The type colours (bands, backs) arrive as four-colour CMYK, so the conversion ran."""
    colours = {p.values for p in paints(pdfx(rich[0])) if p.what == "fill" and not p.black_ink_only}
    assert len(colours) >= 3  # one per card type at least


def test_every_page_has_trim_and_bleed_boxes(rich: tuple[Path, tuple[str, str]]) -> None:
    reader = PdfReader(io.BytesIO(pdfx(rich[0])))
    assert len(reader.pages) == 2 * cards_in(rich[0])
    for page in reader.pages:
        trim, bleed = page.trimbox, page.bleedbox
        assert round(float(trim.width)) == 180 and round(float(trim.height)) == 252  # poker: 2.5 × 3.5 in
        assert round((float(trim.left) - float(bleed.left)) / MM, 1) == 3.0
        assert round((float(bleed.top) - float(trim.top)) / MM, 1) == 3.0
        assert float(page.mediabox.width) >= float(bleed.width) - 0.01


def test_every_font_is_embedded(rich: tuple[Path, tuple[str, str]]) -> None:
    rows = pdffonts(pdfx(rich[0]))
    assert rows
    assert all(row[-5] == "yes" for row in rows), rows  # the "emb" column


def test_one_png_per_face_and_back_at_the_shop_size(
    rich: tuple[Path, tuple[str, str]], generated: Path
) -> None:
    for build, size in ((rich[0], (822, 1122)), (generated, (825, 1125))):
        folder = build / "print-shop" / "png-300dpi"
        pngs = sorted(folder.glob("*.png"))
        assert len(pngs) == 2 * cards_in(build)
        for png in pngs:
            with Image.open(png) as image:
                assert image.size == size and image.mode == "RGB"
                assert round(image.info["dpi"][0]) == 300


def test_the_csv_lists_every_file_in_deck_order(rich: tuple[Path, tuple[str, str]]) -> None:
    folder = rich[0] / "print-shop" / "png-300dpi"
    rows = list(csv.DictReader(io.StringIO((folder / "cards.csv").read_text(encoding="utf-8"))))
    assert [r["side"] for r in rows[:4]] == ["front", "back", "front", "back"]
    assert {r["file"] for r in rows} == {p.name for p in folder.glob("*.png")}
    assert rows[0]["file"] == "001-kaart-01-front.png" and rows[0]["card"] == "kaart-01"
    assert {r["copies"] for r in rows} == {"5"}  # group size 8-20: one deck per 4 participants
    numbers = [int(r["file"].split("-", 1)[0]) for r in rows]
    assert numbers == sorted(numbers)


def test_the_png_front_is_the_card(rich: tuple[Path, tuple[str, str]]) -> None:
    """The code on the first front decodes from the PNG, and the bleed is the card's white."""
    import zxingcpp

    with Image.open(rich[0] / "print-shop" / "png-300dpi" / "001-kaart-01-front.png") as image:
        assert [r.text for r in zxingcpp.read_barcodes(image)] == ["https://example.org/kg/kaart-01/"]
        assert image.getpixel((2, image.height - 3)) == (255, 255, 255)


def test_the_build_names_the_files_and_warns_of_a_soft_logo(rich: tuple[Path, tuple[str, str]]) -> None:
    stdout, stderr = rich[1]
    assert "print-shop/cards-pdfx.pdf: PDF/X-4, CMYK" in stdout
    assert "822×1122 px for MakePlayingCards/PrinterStudio" in stdout
    assert "workshop.yaml:" in stderr and "warning: theme.logo prints at" in stderr and " ppi" in stderr


def test_a_build_without_shop_files_removes_them(tmp_path: Path) -> None:
    need_tool("gs")
    root = write_workshop(tmp_path / "w", 3, language="en")
    assert run_cli("build", root, "--for", "tgc").exit_code == 0
    assert (root / "build" / "print-shop" / "png-300dpi" / "cards.csv").is_file()
    assert run_cli("build", root, "--only", "guide").exit_code == 0  # other outputs: the shop files stay
    assert (root / "build" / "print-shop" / "cards-pdfx.pdf").is_file()
    assert run_cli("build", root).exit_code == 0
    assert not (root / "build" / "print-shop").exists()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_without_ghostscript_the_build_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_workshop(tmp_path / "w", 3, language="en")
    assert run_cli("build", root).exit_code == 0
    before = _snapshot(root / "build")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run_cli("build", root, "--for", "print-shop")
    assert result.exit_code == 1
    assert "workshop.yaml:" in result.stderr and "error:" in result.stderr
    assert "apt-get install ghostscript" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert _snapshot(root / "build") == before


def test_a_failing_ghostscript_is_a_located_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ghostscript that fails (here a `gs` that refuses every file, first on PATH) stops the
    build with its words and the place of print.shop; build/ stays as it was."""
    need_tool("gs")
    root = write_workshop(tmp_path / "w", 3, language="en", shop=True)
    assert run_cli("build", root, "--only", "cards,site").exit_code == 0
    before = _snapshot(root / "build")
    fake = tmp_path / "bin" / "gs"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n[ \"$1\" = --version ] && echo 10.00.0 && exit 0\necho 'Error: /undefined in --file--' >&2\nexit 1\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{Path(shutil.which('gs') or '/usr/bin/gs').parent}")
    result = run_cli("build", root)
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if "Ghostscript failed" in line)
    assert "workshop.yaml:" in line and ": error: " in line
    assert "/undefined" in line
    assert _snapshot(root / "build") == before
