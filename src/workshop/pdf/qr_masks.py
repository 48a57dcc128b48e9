"""qrcode's choice of mask pattern, computed with big-integer bit operations.

qrcode (8.2) chooses the mask by building the whole matrix eight times in pure Python
(`best_mask_pattern` → `makeImpl(True, mask)`) and scoring each with `util.lost_point`:
~90 % of what a code costs. Here each candidate matrix is ONE Python int, so every penalty
rule becomes a few shifts, ANDs and bit counts over the whole matrix at once, done in C.

The choice must be exactly qrcode's: a build draws what qrcode itself would draw, and a
matrix from the cache equals a freshly computed one. So nothing about the symbol is
re-derived: function patterns and which modules take data are read from qrcode's own
`makeImpl` (once per version), the data order is `map_data`'s zigzag, the masks are
`util.mask_func`, and the penalties are those of `util.lost_point` (whose "skip" tricks
are exact shortcuts, not approximations). tests/pdf/test_qr_masks.py pins all of it against
qrcode on thousands of inputs, penalties included.

The packing: module (row r, column c) of an n×n matrix is character r·s + c of an
(n·s)-character binary string, read as one int (the first character is the highest bit).
The row stride s = n + 11 leaves 11 always-zero guard columns after each row, so "the
module k to the left" is a right shift by k and "k rows up" a right shift by k·s: a
window of up to 11 modules never reaches from one row into the next, and rows above the
top shift in as zeros.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

import qrcode
from qrcode import util

GUARD = 11  # zero columns after each row: the longest window a penalty looks at
MASKS = range(8)


class _FunctionPatterns(qrcode.QRCode):
    """qrcode's matrix builder stopped before the data: function modules set, data modules None."""

    def map_data(self, data: Sequence[int], mask_pattern: int) -> None:
        pass


@dataclass(frozen=True)
class Layout:
    """Everything about one version (and error level) that does not depend on the data."""

    size: int  # n: modules per side
    stride: int  # s: characters per row in the packed string, n + GUARD
    full: int  # every module of the matrix (no guard bits)
    data: int  # the modules that take data bits (and padding)
    test_dark: int  # dark function modules during the search (format/version info light, as in test mode)
    final_dark: tuple[int, ...]  # per mask: dark function modules of the finished symbol
    masks: tuple[int, ...]  # per mask: the data modules it inverts
    data_count: int  # how many data modules there are
    spread: Callable[[str], Sequence[str]]  # data bits (+ a trailing '0') → the packed string's characters


def symbol_rows(
    version: int, error_correction: int, data: Sequence[int], mask: int | None = None
) -> list[str]:
    """The finished symbol exactly as qrcode's `make` builds it: one '0'/'1' string per row.

    `data` is `util.create_data(version, error_correction, data_list)`, qrcode's codewords;
    `mask` None means qrcode's choice. The symbol is built from the same packed int as the
    search (with the final format and version info instead of the search's light ones):
    ~0.04 ms for a bench code, against ~0.23 ms for qrcode's `makeImpl` plus reading out.
    """
    layout = _layout(version, error_correction)
    bits = _place(layout, data)
    if mask is None:
        mask = _lowest(_penalties(layout, bits))
    dark = layout.final_dark[mask] | ((bits ^ layout.masks[mask]) & layout.data)
    n, s = layout.size, layout.stride
    text = f"{dark:0{n * s}b}"
    return [text[start : start + n] for start in range(0, n * s, s)]


def best_mask(version: int, error_correction: int, data: Sequence[int]) -> int:
    """The mask qrcode's `best_mask_pattern` chooses for these codewords."""
    return _lowest(mask_penalties(version, error_correction, data))


def mask_penalties(version: int, error_correction: int, data: Sequence[int]) -> list[int]:
    """`util.lost_point` of each mask's test-mode matrix, as qrcode's search scores them."""
    layout = _layout(version, error_correction)
    return _penalties(layout, _place(layout, data))


def _lowest(penalties: list[int]) -> int:
    """The mask with the lowest penalty; ties go to the lower mask, as qrcode keeps the first minimum."""
    return penalties.index(min(penalties))


def _penalties(layout: Layout, bits: int) -> list[int]:
    """Per mask: the penalty of the search's matrix, with `bits` (from `_place`) as the data."""
    return [_penalty(layout, layout.test_dark | ((bits ^ mask) & layout.data)) for mask in layout.masks]


def _place(layout: Layout, data: Sequence[int]) -> int:
    """The data codewords' bits on their modules, as `map_data` places them (before masking).

    Modules past the end of the data get 0, as in `map_data`; the bits are moved into place
    by one C-level gather over a precomputed permutation, not a loop over the bits.
    """
    count = layout.data_count
    bits = f"{int.from_bytes(bytes(data), 'big'):0{8 * len(data)}b}"[:count]
    return int("".join(layout.spread(bits.ljust(count + 1, "0"))), 2)


def _penalty(layout: Layout, dark: int) -> int:
    """`util.lost_point` of the matrix whose dark modules are `dark`."""
    light = layout.full & ~dark
    across, down = 1, layout.stride
    runs = _runs(dark, across) + _runs(light, across) + _runs(dark, down) + _runs(light, down)
    blocks = _blocks(dark, down) + _blocks(light, down)
    finders = _finder_like(dark, light, across) + _finder_like(dark, light, down)
    return runs + 3 * blocks + 40 * finders + _balance(dark.bit_count(), layout.size)


def _runs(bits: int, step: int) -> int:
    """Level 1: every run of 5 or more modules of one colour scores its length − 2.

    A run of length L holds L − 4 windows of five, so the score is the number of windows
    plus 2 for each run (a window whose predecessor is no window starts a run).
    """
    pairs = bits & bits >> step
    fours = pairs & pairs >> 2 * step
    fives = fours & bits >> 4 * step
    return fives.bit_count() + 2 * (fives & ~(fives >> step)).bit_count()


def _blocks(bits: int, down: int) -> int:
    """Level 2 (before its factor 3): the 2×2 blocks of one colour."""
    pairs = bits & bits >> 1
    return (pairs & pairs >> down).bit_count()


def _finder_like(dark: int, light: int, step: int) -> int:
    """Level 3 (before its factor 40): windows 10111010000 or 00001011101 along `step`.

    Both are the core 1011101 with four light modules after or before it. Every one of the
    11 modules is dark or light, so a window overlapping the guard columns never matches.
    """
    light2 = light & light >> step
    light4 = light2 & light2 >> 2 * step
    dark3 = dark & dark >> step & dark >> 2 * step
    core = dark & light >> step & dark3 >> 2 * step & light >> 5 * step & dark >> 6 * step
    return (core >> 4 * step & light4).bit_count() + (core & light4 >> 7 * step).bit_count()


def _balance(dark_count: int, size: int) -> int:
    """Level 4: 10 points per full 5 % that the dark share is off 50 %, in qrcode's float arithmetic."""
    percent = float(dark_count) / (size**2)
    return int(abs(percent * 100 - 50) / 5) * 10


@cache
def _layout(version: int, error_correction: int) -> Layout:
    """The version's packed layout, taken from qrcode's own matrix builder."""
    search = _function_modules(version, error_correction, test=True, mask=0)
    n = len(search)
    stride = n + GUARD
    order = _data_order(search)
    index = {(row, column): k for k, (row, column) in enumerate(order)}
    every = [(row, column) for row in range(n) for column in range(n)]
    # every character of the packed string takes data bit k, or the trailing '0' (index len(order))
    gather = [index.get((row, column), len(order)) for row in range(n) for column in range(stride)]
    return Layout(
        size=n,
        stride=stride,
        full=_pack(n, every),
        data=_pack(n, order),
        test_dark=_pack(n, _dark(search)),
        final_dark=tuple(
            _pack(n, _dark(_function_modules(version, error_correction, test=False, mask=mask)))
            for mask in MASKS
        ),
        masks=tuple(_pack(n, _inverted(order, mask)) for mask in MASKS),
        data_count=len(order),
        spread=itemgetter(*gather),
    )


def _function_modules(version: int, error_correction: int, test: bool, mask: int) -> list[list[bool | None]]:
    """qrcode's matrix after `makeImpl(test, mask)` minus the data: data modules stay None."""
    code = _FunctionPatterns(version=version, error_correction=error_correction)
    code.data_cache = []  # nothing to place, so makeImpl needs no create_data
    code.makeImpl(test, mask)
    return code.modules


def _data_order(modules: list[list[bool | None]]) -> list[tuple[int, int]]:
    """The data modules in the order `map_data` fills them: two-column zigzags from the right.

    A copy of `map_data`'s loop (column 6, the vertical timing pattern, is skipped by
    moving left of it), recording positions instead of placing bits.
    """
    n = len(modules)
    order: list[tuple[int, int]] = []
    row, step = n - 1, -1
    for right in range(n - 1, 0, -2):
        column = right - 1 if right <= 6 else right
        while True:
            order.extend((row, c) for c in (column, column - 1) if modules[row][c] is None)
            row += step
            if row < 0 or row >= n:
                row -= step
                step = -step
                break
    return order


def _inverted(order: list[tuple[int, int]], mask: int) -> list[tuple[int, int]]:
    """The data modules that `mask` inverts: where qrcode's `util.mask_func` holds, as in `map_data`."""
    inverts = util.mask_func(mask)
    return [(row, column) for row, column in order if inverts(row, column)]


def _dark(modules: list[list[bool | None]]) -> list[tuple[int, int]]:
    return [(row, column) for row, cells in enumerate(modules) for column, cell in enumerate(cells) if cell]


def _pack(size: int, positions: Sequence[tuple[int, int]]) -> int:
    """The packed int with exactly `positions` set."""
    stride = size + GUARD
    text = bytearray(b"0" * (size * stride))
    for row, column in positions:
        text[row * stride + column] = ord("1")
    return int(text, 2)
