"""PNG and JPEG checked by their header first: a decompression bomb is refused before it is decoded."""

from __future__ import annotations

import io
import resource

from PIL import Image

from workshop.content.rasters import MAX_PIXELS, pixel_size, raster_problem


def encoded(mode: str, size: tuple[int, int], kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, kind)
    return buffer.getvalue()


def test_a_bomb_is_refused_by_its_header_without_decoding():
    """30000² one-bit pixels: ~100 kB of PNG, 3.6 GB as RGBA. Refused at once, memory untouched."""
    bomb = encoded("1", (30000, 30000))
    assert len(bomb) < 200_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problem = raster_problem("'logo.png'", bomb, "PNG")
    assert problem is not None and "far too many pixels" in problem and "scale it down" in problem
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # kB: nothing decoded


def test_above_our_limit_but_below_pillows_the_size_is_named():
    wide = encoded("1", (MAX_PIXELS // 1000 + 1, 1000))
    assert pixel_size(wide) == (MAX_PIXELS // 1000 + 1, 1000)
    problem = raster_problem("'logo.png'", wide, "PNG")
    assert problem is not None and f"{MAX_PIXELS // 1000 + 1}×1000 pixels" in problem


def test_a_damaged_file_cannot_be_read_and_a_sound_one_passes():
    sound = encoded("RGB", (40, 20), "JPEG")
    assert raster_problem("'logo.jpg'", sound, "JPEG") is None
    problem = raster_problem("'logo.jpg'", sound[: len(sound) // 2], "JPEG")
    assert problem is not None and "looks like a JPEG but cannot be read" in problem
    assert pixel_size(b"\x89PNG\r\n\x1a\n" + b"\0" * 40) is None
