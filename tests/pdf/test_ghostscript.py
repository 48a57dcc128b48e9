"""pdf/ghostscript.py: a small PDF of every kind of colour made into PDF/X by the installed Ghostscript."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import need_tool
from tests.pdfcolours import RGB_NAMES, paints, uncompressed
from workshop.pdf.ghostscript import Ghostscript, GhostscriptError, docinfo, find_ghostscript, make_pdfx, xmp

TITLE = "Klant (én) <gast> & \\ co"


def mixed_pdf() -> bytes:
    """Black text in CMYK, grey text in DeviceGray, an RGB band and an RGB image, with boxes."""
    from PIL import Image
    from reportlab.lib.colors import CMYKColor, HexColor
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 280), invariant=1)
    canvas.setTitle(TITLE)
    canvas.setAuthor("Anna de Vries")
    canvas.setSubject("Kaarten voor één workshop")
    canvas.setTrimBox((10, 10, 190, 270))
    canvas.setBleedBox((0, 0, 200, 280))
    canvas.setFillColor(HexColor("#1F618D"))
    canvas.rect(0, 240, 200, 40, stroke=0, fill=1)
    canvas.setFillColor(CMYKColor(0, 0, 0, 1))
    canvas.drawString(20, 200, "black ink alone")
    canvas.setFillGray(0.4)
    canvas.drawString(20, 180, "grey")
    picture = Image.new("RGB", (20, 20), "#B03A2E")
    canvas.drawImage(ImageReader(picture), 20, 20, 40, 40)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def converted() -> dict[str, bytes]:
    need_tool("gs")
    source = mixed_pdf()
    return {version: make_pdfx(source, version) for version in ("PDF/X-4", "PDF/X-1a:2003")}


def test_every_colour_becomes_cmyk_and_black_ink_stays_black(converted: dict[str, bytes]) -> None:
    for pdf in converted.values():
        painted = paints(pdf)
        assert {p.space for p in painted} <= {"DeviceCMYK", "DeviceGray"}
        text = {p.text: p for p in painted if p.what == "text"}
        assert text["black ink alone"].values == (0.0, 0.0, 0.0, 1.0)
        assert text["grey"].black_ink_only
        (band,) = [p for p in painted if p.what == "fill"]
        assert band.space == "DeviceCMYK" and band.values[0] > 0.5  # the blue, converted
        (image,) = PdfReader(io.BytesIO(pdf)).pages[0].images
        assert image.image.mode == "CMYK"


def test_the_version_key_output_intent_and_boxes(converted: dict[str, bytes]) -> None:
    for version, pdf in converted.items():
        reader = PdfReader(io.BytesIO(pdf))
        assert reader.metadata["/GTS_PDFXVersion"] == version
        (intent,) = reader.trailer["/Root"]["/OutputIntents"]
        profile = intent.get_object()["/DestOutputProfile"].get_object()
        assert profile.get_data() == find_ghostscript().profile.read_bytes()
        page = reader.pages[0]
        assert [float(v) for v in page.trimbox] == pytest.approx([10, 10, 190, 270], abs=0.01)
        assert [float(v) for v in page.bleedbox] == pytest.approx([0, 0, 200, 280], abs=0.01)


def test_pdfx4_names_its_version_in_xmp_and_x1a_has_none(converted: dict[str, bytes]) -> None:
    x4 = PdfReader(io.BytesIO(converted["PDF/X-4"]))
    tree = ET.fromstring(x4.trailer["/Root"]["/Metadata"].get_object().get_data())
    found = tree.find(".//{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion")
    assert found is not None and found.text == "PDF/X-4"
    title = tree.find(
        ".//{http://purl.org/dc/elements/1.1/}title//{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li"
    )
    assert title is not None and title.text == TITLE
    # the XMP says what the document information says
    info = x4.metadata
    assert info["/Title"] == TITLE and info["/Author"] == "Anna de Vries"
    assert info["/Subject"] == "Kaarten voor één workshop"
    rdf = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li"
    author = tree.find(f".//{{http://purl.org/dc/elements/1.1/}}creator//{rdf}")
    subject = tree.find(f".//{{http://purl.org/dc/elements/1.1/}}description//{rdf}")
    producer = tree.find(".//{http://ns.adobe.com/pdf/1.3/}Producer")
    assert author is not None and author.text == info["/Author"]
    assert subject is not None and subject.text == info["/Subject"]
    assert producer is not None and producer.text == info["/Producer"]
    assert info["/CreationDate"] == "D:20000101000000Z"
    assert "/Metadata" not in PdfReader(io.BytesIO(converted["PDF/X-1a:2003"])).trailer["/Root"]


def test_the_same_pdf_makes_the_same_bytes(converted: dict[str, bytes]) -> None:
    assert make_pdfx(mixed_pdf(), "PDF/X-4") == converted["PDF/X-4"]


def test_any_title_arrives_intact() -> None:
    postscript = docinfo({"Title": TITLE}, "PDF/X-4")
    assert "(PDF/X-4)" in postscript and postscript.isascii()
    assert ("<feff" + TITLE.encode("utf-16-be").hex() + ">") in postscript
    packet = xmp({"Title": TITLE, "Author": "<a&b>"}, "PDF/X-4", "GPL Ghostscript 10.00.0")
    ET.fromstring(packet.split("?>", 1)[1].rsplit("<?", 1)[0])  # well-formed XML


def test_without_ghostscript_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GhostscriptError, match="apt-get install ghostscript"):
        find_ghostscript()


def test_a_failing_ghostscript_is_an_error_in_its_words(tmp_path: Path) -> None:
    """Whatever makes Ghostscript fail, its own error line is what the message quotes."""
    failing = tmp_path / "gs"
    failing.write_text("#!/bin/sh\necho 'Error: /ioerror in --runpdf--' >&2\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    gs = Ghostscript(str(failing), Path("/nowhere/default_cmyk.icc"), "10.00.0")
    with pytest.raises(
        GhostscriptError, match=r"Ghostscript failed making PDF/X \(exit code 1\): Error: /ioerror"
    ):
        make_pdfx(mixed_pdf(), "PDF/X-4", gs)


def test_a_pdf_that_cannot_be_read_is_an_error() -> None:
    need_tool("gs")
    with pytest.raises(GhostscriptError, match="could not be read"):
        make_pdfx(mixed_pdf()[:400], "PDF/X-4")


def test_transparency_is_flattened_for_pdfx() -> None:
    """PDF/X-1a allows no transparency: a logo with an alpha channel arrives flattened, in CMYK."""
    need_tool("gs")
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    picture = Image.new("RGBA", (90, 45), (0, 0, 0, 0))
    ImageDraw.Draw(picture).ellipse((10, 5, 80, 40), fill=(31, 97, 141, 200))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 200), invariant=1)
    canvas.drawImage(ImageReader(picture), 20, 20, 90, 45, mask="auto")
    canvas.save()
    assert b"/SMask" in uncompressed(buffer.getvalue())  # the source has transparency
    flat = uncompressed(make_pdfx(buffer.getvalue(), "PDF/X-1a:2003"))
    assert b"/SMask" not in flat and b"/Transparency" not in flat
    assert not RGB_NAMES.findall(flat)
