"""The reportlab internals workshop reads are where and what reportlab_internals expects.

Only `reportlab_internals` touches them; pyproject.toml allows only the reportlab versions
these tests (and the byte-identity tests of cached and fresh builds) have passed with.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from workshop.pdf import fonts, reportlab_internals
from workshop.pdf.fonts import register_fonts


def test_page_operators_are_the_live_drawing_of_the_page() -> None:
    canvas = Canvas(io.BytesIO(), invariant=1)
    operators = reportlab_internals.page_operators(canvas)
    canvas.rect(10, 20, 30, 40)
    assert operators and "10 20 30 40 re" in operators[-1]
    del operators[-1:]
    operators.append("0 0 5 5 re f")
    canvas.showPage()
    page = reportlab_internals.pdf_pages(canvas)[-1]
    assert "0 0 5 5 re f" in page.stream and "10 20 30 40" not in page.stream


def test_font_codes_name_the_subset_and_every_coded_character() -> None:
    register_fonts()
    canvas = Canvas(io.BytesIO(), invariant=1)
    doc = reportlab_internals.pdf_document(canvas)
    assert reportlab_internals.font_codes(doc, fonts.REGULAR) is None
    fonts.prime(doc, {fonts.REGULAR: "øé"})  # past ASCII, which a subset codes from the start
    name, next_code, coded = reportlab_internals.font_codes(doc, fonts.REGULAR) or ("", 0, {})
    assert fonts.REGULAR in reportlab_internals.font_names(doc)
    assert name and list(coded)[-2:] == [ord("é"), ord("ø")] and next_code == coded[ord("ø")] + 1


def test_absolute_rect_undoes_the_transform() -> None:
    canvas = Canvas(io.BytesIO(), invariant=1)
    canvas.translate(100, 200)
    assert reportlab_internals.absolute_rect(canvas, (0, 0, 10, 10), 1) == (100, 200, 110, 210)


def test_packed_pages_share_one_stream_and_keep_their_bytes() -> None:
    def pdf(pack: bool) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        for _ in range(3):
            canvas.rect(10, 20, 30, 40)
            canvas.showPage()
            if pack:
                reportlab_internals.pack_finished_page(canvas)
        canvas.save()
        return buffer.getvalue()

    packed, plain = pdf(True), pdf(False)
    assert packed.count(b"/Type /Page\n") == plain.count(b"/Type /Page\n") == 3
    assert packed.count(b"stream\n") < plain.count(b"stream\n")  # the three pages share one


class KeptStreams(dict[bytes, bytes]):
    """Compressed page streams as a build's store keeps them (see `EncodedStreams`)."""

    def put(self, digest: bytes, encoded: bytes) -> None:
        self[digest] = encoded


@pytest.mark.parametrize("ascii85", [0, 1], ids=["zlib", "zlib+ascii85"])
def test_kept_page_streams_are_reused_and_the_bytes_stay_the_same(
    ascii85: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both of reportlab's stream settings: ours (`fonts.register_fonts`) and its default."""
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "useA85", ascii85)

    def pdf(encoded: KeptStreams | None) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1, pageCompression=1)
        for size in (30, 40, 30):
            canvas.rect(10, 20, size, 40)
            canvas.showPage()
            reportlab_internals.pack_finished_page(canvas, encoded=encoded)
        canvas.save()
        return buffer.getvalue()

    kept = KeptStreams()
    plain = pdf(None)
    assert pdf(kept) == plain and len(kept) == 2  # two different pages, each compressed once
    assert pdf(kept) == plain  # the second document takes them from `kept`
    for digest in kept:
        kept[digest] = b"GhVa~>"  # another stream under the same digest: it is what gets written
    assert pdf(kept) != plain
    if ascii85:
        for digest in kept:
            kept[digest] = b"\x9c not ASCII85"  # unusable as an ASCII85 stream: compressed afresh
        assert pdf(kept) == plain


def test_a_font_made_from_what_parsing_its_file_gave_is_the_parsed_font(tmp_path: Path) -> None:
    """What `parsed_font` keeps (through marshal, as the cache stores it) makes the same font:
    the same attributes, and the same bytes in a PDF that subsets every face (drawn in a new
    process each: reportlab registers a font name once per process)."""
    register_fonts()
    kept = fonts.kept_faces()
    assert kept is not None
    made = fonts.faces_from(kept)
    assert made is not None and set(made) == set(fonts.FACES)
    for name, font in made.items():
        original = fonts.registered(name)
        assert type(font) is type(original) and type(font.face) is type(original.face)
        skip = ("face", "encoding", "state")
        assert {k: v for k, v in vars(font).items() if k not in skip} == {
            k: v for k, v in vars(original).items() if k not in skip
        }
        assert {k: v for k, v in vars(font.face).items() if k != "_pdfScale"} == {
            k: v for k, v in vars(original.face).items() if k != "_pdfScale"
        }
        assert all(
            type(getattr(font.face, k)) is type(getattr(original.face, k)) for k in vars(original.face)
        )
        samples = (0, 1, 1063, -37)
        assert [font.face._pdfScale(x) for x in samples] == [original.face._pdfScale(x) for x in samples]

    (tmp_path / "faces.bin").write_bytes(kept)
    parsed_pdf, kept_pdf = (_pdf_in_new_process(tmp_path, use_kept) for use_kept in (False, True))
    assert kept_pdf == parsed_pdf and b"FontFile2" in kept_pdf


DRAW_EVERY_FACE = """
import io, sys
from pathlib import Path
from reportlab.pdfgen.canvas import Canvas
from workshop.pdf import fonts
if sys.argv[2] == "kept":
    assert fonts.use_kept((Path(sys.argv[1]) / "faces.bin").read_bytes())
else:
    fonts.register_fonts()
buffer = io.BytesIO()
canvas = Canvas(buffer, invariant=1)
for number, name in enumerate(fonts.FACES):
    canvas.setFont(name, 12)
    canvas.drawString(40, 700 - 20 * number, "Klantgerichtheid — ‘één’ café, naïef ½ €")
canvas.save()
(Path(sys.argv[1]) / sys.argv[2]).write_bytes(buffer.getvalue())
"""


def _pdf_in_new_process(folder: Path, use_kept: bool) -> bytes:
    how = "kept" if use_kept else "parsed"
    command = [sys.executable, "-c", DRAW_EVERY_FACE, str(folder), how]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return (folder / how).read_bytes()


def test_kept_faces_that_do_not_read_make_no_fonts() -> None:
    import marshal

    for kept in (b"", b"not marshal", marshal.dumps({}), marshal.dumps({fonts.REGULAR: {"face": {}}})):
        assert fonts.faces_from(kept) is None
