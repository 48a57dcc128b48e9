"""Logo files: is this a PNG, JPEG or SVG we can draw, and what do the outputs use of it?

The checks and every output read a logo through `read_logo`, so what `validate` passes is
what the PDFs draw and the site serves: a PNG or JPEG within the raster limits as it is, an
SVG only as `svg.clean_svg` wrote it anew. Each output reads the file again, so a logo
replaced after the checks is checked again before it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workshop.content.loader import Workshop
from workshop.content.problems import ContentError, Problem
from workshop.content.rasters import MAX_PIXELS, pixel_size, raster_problem

MAX_IMAGE_BYTES = 10 * 1024 * 1024
RASTER_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


class ImageRefused(ValueError):
    """The image cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class LogoFile:
    """A logo as the outputs use it: its kind, its bytes (an SVG's cleaned), what cleaning left out."""

    kind: str
    data: bytes
    removed: tuple[str, ...] = ()


def image_kind(head: bytes) -> str | None:
    """'PNG', 'JPEG' or 'SVG' by the file's first bytes (not its name), else None."""
    for signature, kind in RASTER_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    text = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "SVG" if text.startswith((b"<?xml", b"<svg", b"<!--")) else None


def read_logo(path: Path, *, decode: bool = False) -> LogoFile:
    """The image at `path`, checked; ImageRefused says why it cannot be used (OSError: not read).

    With `decode`, a PNG or JPEG is decoded whole to prove it sound (the checks do this once;
    the outputs then rely on its header alone).
    """
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ImageRefused(
            f"'{path.name}' is {size / 1_048_576:.1f} MiB; use an image under {MAX_IMAGE_BYTES // 1_048_576} MiB"
        )
    with path.open("rb") as handle:
        data = handle.read(MAX_IMAGE_BYTES + 1)  # the file may grow after stat()
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(f"'{path.name}' is over {MAX_IMAGE_BYTES // 1_048_576} MiB; use a smaller image")
    kind = image_kind(data)
    if kind is None:
        raise ImageRefused(
            f"'{path.name}' is not a PNG, JPEG or SVG image (judged by its content); export it as one of those"
        )
    if kind == "SVG":
        # imported here: the XML libraries it needs cost ~10 ms, a tenth of every build's imports,
        # and most logos are no SVG (a workshop without a logo reads no image at all)
        from workshop.content.svg import SvgRefused, clean_svg

        try:
            cleaned = clean_svg(path.name, data)
        except SvgRefused as refused:
            raise ImageRefused(str(refused)) from None
        return LogoFile(kind, cleaned.data, cleaned.removed)
    problem = (
        raster_problem(f"'{path.name}'", data, kind) if decode else _header_problem(path.name, data, kind)
    )
    if problem:
        raise ImageRefused(problem)
    return LogoFile(kind, data)


def _header_problem(name: str, data: bytes, kind: str) -> str | None:
    """The raster check from the header alone: what the outputs need once the checks decoded it."""
    size = pixel_size(data)
    if size is None or size[0] < 0 or size[0] * size[1] > MAX_PIXELS:
        return raster_problem(f"'{name}'", data, kind)  # the whole check, for its message
    return None


def logo_of(workshop: Workshop) -> LogoFile | None:
    """The workshop's logo for an output, or None without one; ContentError (at `theme.logo`)
    when the file changed since the checks into one that cannot be used."""
    logo = workshop.config.theme.logo
    if logo is None:
        return None
    try:
        return read_logo(workshop.root / logo)
    except (OSError, ImageRefused) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        where = workshop.locate_config("theme", "logo")
        raise ContentError([Problem(where, f"theme.logo: {reason}")]) from None
