"""Compressed streams remembered across builds: the same bytes, and damage is ignored."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from workshop import streams


def _pdf(text: str) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    canvas.drawString(100, 100, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_remembered_streams_give_the_same_pdf_and_keep_only_what_was_used(tmp_path: Path) -> None:
    plain = _pdf("first")
    with streams.remembered(tmp_path, "s.bin"):
        first = _pdf("first")
    assert first == plain
    cached = streams.read_blobs(tmp_path / "s.bin")
    assert cached and all(zlib.decompress(data) for data in cached.values())
    with streams.remembered(tmp_path, "s.bin"):
        again = _pdf("first")
    assert again == plain
    with streams.remembered(tmp_path, "s.bin"):
        other = _pdf("second")
    assert other == _pdf("second")
    assert streams.read_blobs(tmp_path / "s.bin").keys() != cached.keys()  # the old page's stream is gone


def test_a_damaged_stream_file_reads_as_empty(tmp_path: Path) -> None:
    with streams.remembered(tmp_path, "s.bin"):
        _pdf("first")
    data = bytearray((tmp_path / "s.bin").read_bytes())
    data[len(streams.FORMAT) + 30] ^= 0xFF  # one flipped bit inside a stream
    (tmp_path / "s.bin").write_bytes(bytes(data))
    assert streams.read_blobs(tmp_path / "s.bin") == {}
    (tmp_path / "s.bin").write_bytes(b"garbage")
    assert streams.read_blobs(tmp_path / "s.bin") == {}
    with streams.remembered(tmp_path, "s.bin"):
        assert _pdf("first") == _pdf("first")
