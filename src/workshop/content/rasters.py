"""PNG and JPEG images (a logo, or one inside an SVG logo): sound, and small enough to draw.

Pillow reads only the header to learn an image's size, so a 'decompression bomb' (a few
kilobytes that decode to gigabytes) is refused by its pixel count before anything is
decoded. The limits keep a build with any logo within a few hundred megabytes.
"""

from __future__ import annotations

import io
import warnings

MAX_PIXELS = 16_000_000
"""4000 × 4000: decoded as RGBA that is 64 MB. A printed logo needs ~1000 px."""
MAX_EMBEDDED_PIXELS = 4_000_000
"""All images inside one SVG logo together: svglib draws them at full size."""
HUGE = (-1, -1)
"""The size of an image Pillow itself refuses to open: more pixels than it would ever decode."""


def raster_problem(name: str, data: bytes, kind: str, *, max_pixels: int = MAX_PIXELS) -> str | None:
    """Why the PNG or JPEG `data` cannot be used (`name` says which image), or None when it can."""
    size = pixel_size(data)
    if size is None:
        return f"{name} looks like a {kind} but cannot be read; export it again"
    width, height = size
    if size == HUGE or width * height > max_pixels:
        shown = "far too many pixels" if size == HUGE else f"{width}×{height} pixels"
        return (
            f"{name} has {shown}, more than the {max_pixels // 1_000_000} million "
            "a logo may have; scale it down (a logo needs ~1000 px)"
        )
    from PIL import Image  # Pillow comes with reportlab; imported only when a logo is set

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception as exc:  # Pillow raises many kinds for damaged files
        return f"{name} looks like a {kind} but cannot be read ({exc.__class__.__name__}); export it again"
    return None


def pixel_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the image's header, nothing decoded; None when Pillow cannot read it.

    Pillow warns about (and past twice its own limit refuses) huge images as it opens them;
    ours is lower and has its own message, so its warning is not passed on to the user.
    """
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return image.width, image.height
    except Image.DecompressionBombError:
        return HUGE
    except Exception:  # Pillow raises many kinds for damaged files
        return None
