"""URL → QR matrix, made once per build, and drawing it as one vector path.

qrcode's own search for the best of eight masks is ~90 % of a code's cost, so `qr_masks`
makes the same choice with big-integer bit operations (~0.56 ms per bench code instead of
~4.5 ms; qrcode's Reed-Solomon `create_data` is now most of what is left), and:

- A `QrCodes` belongs to one build (the pipeline keeps it in the render context). Its
  `prepare(urls, known)` runs once before any renderer: it takes the matrices earlier
  builds computed (the pipeline keeps them in its cache; this module knows no cache),
  computes only the missing ones — in two worker processes when there are many — and
  returns those, for the pipeline to keep for the next build.
- `QrCodes.symbol(url)` then serves each code from that memory, so cards.pdf,
  cards-single.pdf and the guide share it. The cached matrix is the one qrcode's own `make`
  builds (tests/pdf/test_qr_masks.py), so a build with a cache is byte-identical to one
  without. A renderer called on its own gets a fresh `QrCodes`, which computes each code
  when it is first drawn.

Drawing emits raw PDF operators in module units (one `re` per horizontal run of dark
modules, one fill): ~10× faster than building a reportlab path, smaller, and seam-free.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
ERROR_LEVEL = "M"
PARALLEL_FROM = 64  # below this many missing matrices, starting worker processes costs more than it saves
WORKERS = 2
Matrix = tuple[tuple[bool, ...], ...]

_BITS = bytes.maketrans(b"01", b"\x00\x01")


class QrCodes:
    """The QR matrices of one build, by URL: made (or taken from earlier builds) once, drawn
    by every renderer of that build. Not shared between builds: each build makes its own."""

    def __init__(self) -> None:
        self._encoded: dict[str, str] = {}
        """url → compact matrix text (see `_encode`)."""

    def prepare(self, urls: Iterable[str], known: Mapping[str, str] | None = None) -> dict[str, str]:
        """Make every matrix of `urls` ready for `symbol`, taking those in `known` (url →
        matrix as an earlier build encoded it); returns the ones it had to compute, encoded the
        same way, for the caller to keep."""
        known = known or {}
        wanted = list(dict.fromkeys(urls))
        missing = [url for url in wanted if url not in known]
        fresh = [url for url in missing if url not in self._encoded]  # not drawn before this
        self._encoded.update(zip(fresh, _compute_all(fresh), strict=True))
        self._encoded.update({url: known[url] for url in wanted if url in known})
        return {url: self._encoded[url] for url in missing}

    def modules(self, url: str) -> int:
        """How many modules wide the code for `url` is: read off its prepared matrix (the card
        check asks it of every card; ~20 µs instead of qrcode's ~0.3 ms), else found as
        `modules` finds it."""
        return self._bits_of(url)[0] if url in self._encoded else modules(url)

    def matrix(self, url: str) -> Matrix:
        """The QR matrix for `url` at error correction M, without quiet zone (dark = True)."""
        size, bits = self._bits_of(url)
        flags = bits.encode("ascii").translate(_BITS)
        return tuple(tuple(map(bool, flags[start : start + size])) for start in range(0, size * size, size))

    def symbol(self, url: str) -> Symbol:
        """The code for `url`, ready to draw: one rectangle per run of dark modules in a row."""
        size, bits = self._bits_of(url)
        operators = [
            f"{run.start() - row * size} {row} {run.end() - run.start()} 1 re"
            for row in range(size)
            for run in _DARK_TEXT.finditer(bits, row * size, (row + 1) * size)
        ]
        return Symbol(size, "\n".join(operators))

    def _bits_of(self, url: str) -> tuple[int, str]:
        """The matrix for `url` as its width and its modules row by row as '0'/'1' text; one
        that was never prepared (or whose cached text is damaged) is computed now and kept."""
        text = self._encoded.get(url)
        if text is not None:
            try:
                return _bits(text)
            except ValueError:
                pass  # a damaged cache entry: compute it afresh
        text = self._encoded[url] = _compute(url)
        return _bits(text)


def _compute_all(urls: list[str]) -> list[str]:
    """Encoded matrices of `urls`, in order; a process pool over the URLs when there are many.

    Still worth it with the fast mask search (2 idle cores, cold, no cache): 1000 bench URLs
    take 0.32–0.36 s with two workers against 0.58–0.60 s in one process, 100 URLs 0.07 s
    against 0.08 s; at 65 the two are even, hence PARALLEL_FROM.
    """
    workers = min(WORKERS, os.cpu_count() or 1)
    if len(urls) <= PARALLEL_FROM or workers < 2:
        return [_compute(url) for url in urls]
    chunk = max(1, len(urls) // (workers * 8))
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(_compute, urls, chunksize=chunk))
    except (OSError, BrokenProcessPool):  # no processes allowed here (some sandboxes): one core it is
        return [_compute(url) for url in urls]


def _compute(url: str) -> str:
    """qrcode's matrix for `url`, encoded compactly for the cache.

    The same symbol as `QRCode(...).make(fit=True)`: the version from qrcode's `best_fit`
    (what `make` settles on), the codewords from its `create_data`, and the mask search and
    modules from `qr_masks`, which chooses exactly qrcode's mask ~50× faster.
    """
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from qrcode.util import create_data

    from workshop.pdf.qr_masks import symbol_rows

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    level = code.error_correction
    version = code.best_fit()
    return _encode(symbol_rows(version, level, create_data(version, level, code.data_list)))


def _encode(rows: list[str]) -> str:
    """'SIZE:HEX': the modules ('0'/'1' rows) as one binary number, written in hexadecimal."""
    return f"{len(rows)}:{int(''.join(rows), 2):x}"


def _bits(text: str) -> tuple[int, str]:
    """The inverse of `_encode`, as width and '0'/'1' text; ValueError when `text` is not a
    well-formed QR matrix."""
    size_text, _, digits = text.partition(":")
    size = int(size_text)
    if not (21 <= size <= 177 and (size - 17) % 4 == 0) or not digits:
        raise ValueError(f"not a QR matrix: {text[:20]!r}")
    bits = bin(int(digits, 16))[2:]
    if len(bits) > size * size:
        raise ValueError("QR matrix has too many modules")
    return size, bits.zfill(size * size)


@dataclass(frozen=True)
class Symbol:
    """A QR code ready to draw: its width in modules and its dark modules as PDF rectangles.

    Made when drawn and then dropped: a thousand cards' matrices kept as tuples of booleans
    held ~10 MB in every process that draws them.
    """

    modules: int
    operators: str
    """One `re` per horizontal run of dark modules, in module units, rows counted downwards."""


_DARK_TEXT = re.compile("1+")


@lru_cache(maxsize=4096)
def modules(url: str) -> int:
    """How many modules wide the code for `url` is (its layout depends on it).

    From the version alone, which is all the width depends on: checking that 1,000 cards
    fit need not make 1,000 matrices. Remembered per URL (~0.23 ms each to find): `card_size:
    auto` and the "what would fit" advice fit every card on up to seven sizes.
    """
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    return 17 + 4 * code.best_fit()


def draw_qr(canvas: Any, symbol: Symbol, x: float, y: float, size: float) -> None:
    """Draw the code with its quiet zone as a `size`-point white square whose lower-left is (x, y).

    Raw operators inside their own q/Q, so the canvas's own state (colours, transform) is
    untouched; `addLiteral` is reportlab's public way to add them. The colours are DeviceGray:
    black that a conversion to CMYK keeps as black ink alone (an RGB black would turn into four
    inks, whose misregistration blurs the modules).
    """
    from reportlab.lib.rl_accel import fp_str

    unit = size / (symbol.modules + 2 * QUIET_ZONE)
    left, top = x + QUIET_ZONE * unit, y + (QUIET_ZONE + symbol.modules) * unit
    canvas.addLiteral(
        f"q 1 g {fp_str(x, y, size, size)} re f\n"
        f"1 0 0 1 {fp_str(left, top)} cm {fp_str(unit)} 0 0 {fp_str(-unit)} 0 0 cm 0 g\n"
        f"{symbol.operators}\nf Q"
    )
