"""qr_masks chooses exactly qrcode's mask and builds exactly qrcode's matrix.

Every expectation comes from qrcode itself (`make(fit=True)`, `best_mask_pattern`,
`util.lost_point` on its own test-mode matrices), so the tests pin the scoring and the
layout, not only the winner: a cached matrix must never differ from a fresh one.
"""

from __future__ import annotations

import random

import pytest
import qrcode
from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st
from qrcode import constants, util

from workshop.pdf import qr, qr_masks

LEVELS = [
    constants.ERROR_CORRECT_L,
    constants.ERROR_CORRECT_M,
    constants.ERROR_CORRECT_Q,
    constants.ERROR_CORRECT_H,
]
BENCH_URLS = [f"https://example.org/klantgericht/kaart-{n:04d}/" for n in range(1, 601)]
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"  # qrcode's alphanumeric mode
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def made(data: str | bytes, level: int = constants.ERROR_CORRECT_M) -> qrcode.QRCode:
    """What the project used before qr_masks: qrcode with its own full mask search.

    Data that qrcode itself cannot encode is rejected, as there is nothing to compare:
    its Reed-Solomon step raises `glog(0)` when a block's data codewords are all zero
    (e.g. 200 times "0"), and `_compute` calls that same step, so it fails alike.
    """
    code = qrcode.QRCode(error_correction=level, border=0)
    code.add_data(data)
    try:
        code.make(fit=True)
    except ValueError:
        reject()
    return code


def rows_of(modules: list[list[bool]]) -> list[str]:
    return ["".join("1" if dark else "0" for dark in row) for row in modules]


def qrcode_mask(code: qrcode.QRCode) -> int:
    """The mask qrcode's own search chooses for `code`'s version and codewords."""
    search = qrcode.QRCode(version=code.version, error_correction=code.error_correction)
    search.data_cache = code.data_cache
    return search.best_mask_pattern()


def qrcode_penalties(code: qrcode.QRCode) -> list[int]:
    """`util.lost_point` of qrcode's own test-mode matrix for each mask."""
    penalties = []
    for mask in range(8):
        search = qrcode.QRCode(version=code.version, error_correction=code.error_correction)
        search.data_cache = code.data_cache
        search.makeImpl(True, mask)
        penalties.append(util.lost_point(search.modules))
    return penalties


def assert_same_as_qrcode(data: str | bytes, level: int = constants.ERROR_CORRECT_M) -> qrcode.QRCode:
    code = made(data, level)
    assert qr_masks.symbol_rows(code.version, level, code.data_cache) == rows_of(code.modules)
    return code


def note_version(code: qrcode.QRCode) -> None:
    """For --hypothesis-show-statistics: versions >= 7 carry version information."""
    event(f"version {'>= 7' if code.version >= 7 else '< 7'}")


def sized_text(alphabet: str, largest: int) -> st.SearchStrategy[str]:
    """Text of a length drawn evenly up to `largest`, so long inputs (versions >= 7) are common."""
    return st.integers(0, largest).flatmap(lambda size: st.text(alphabet, min_size=size, max_size=size))


def test_bench_urls_give_qrcodes_matrix_and_the_same_cache_text():
    for url in BENCH_URLS:
        code = made(url)
        bits = "".join(rows_of(code.get_matrix()))
        assert qr._compute(url) == f"{len(code.modules)}:{int(bits, 2):x}"


def test_bench_urls_choose_qrcodes_mask():
    for url in BENCH_URLS[:60]:
        code = made(url)
        assert qr_masks.best_mask(code.version, code.error_correction, code.data_cache) == qrcode_mask(code)


def test_sweep_of_urls_of_every_length_matches_qrcode():
    rng = random.Random(7)
    characters = "abcdefghijklmnopqrstuvwxyz0123456789-_/.?=&"
    for size in range(1, 301):
        path = "".join(rng.choice(characters) for _ in range(size))
        assert_same_as_qrcode(f"https://example.org/{path}")


@pytest.mark.parametrize("version", range(1, 41))
def test_penalties_equal_lost_point_in_every_version(version: int):
    """One input per version (the layout differs per version: alignment and version info)."""
    capacity = util.BIT_LIMIT_TABLE[constants.ERROR_CORRECT_M][version] // 8 - 3
    data = random.Random(version).randbytes(capacity)
    code = assert_same_as_qrcode(data)
    assert code.version == version
    assert qr_masks.mask_penalties(version, code.error_correction, code.data_cache) == qrcode_penalties(code)


@pytest.mark.parametrize("version", [1, 2, 6, 7, 14, 40])
@pytest.mark.parametrize("level", LEVELS)
def test_every_mask_builds_qrcodes_symbol(version: int, level: int):
    """Masks the search rarely chooses still get qrcode's format and version information."""
    code = qrcode.QRCode(version=version, error_correction=level, border=0)
    code.add_data(f"{version}-{level}")
    code.make(fit=False)
    for mask in range(8):
        code.makeImpl(False, mask)
        assert qr_masks.symbol_rows(version, level, code.data_cache, mask) == rows_of(code.modules)


@SLOW
@given(text=sized_text(st.characters(codec="utf-8"), 600), level=st.sampled_from(LEVELS))
def test_any_text_matches_qrcode(text: str, level: int):
    code = assert_same_as_qrcode(text, level)
    note_version(code)
    assert qr_masks.mask_penalties(code.version, level, code.data_cache) == qrcode_penalties(code)


@SLOW
@given(data=st.integers(0, 600).flatmap(lambda size: st.binary(min_size=size, max_size=size)))
def test_any_bytes_match_qrcode(data: bytes):
    note_version(assert_same_as_qrcode(data))


@SLOW
@given(text=st.one_of(sized_text("0123456789", 1500), sized_text(ALPHANUMERIC, 900)))
def test_digits_and_alphanumerics_match_qrcode(text: str):
    """Numeric and alphanumeric mode pack more characters per bit: other codeword streams."""
    note_version(assert_same_as_qrcode(text))


@SLOW
@given(text=sized_text("0123456789ABCDEFabcdef:/.-", 300))
def test_chosen_mask_is_qrcodes(text: str):
    code = made(text)
    assert qr_masks.best_mask(code.version, code.error_correction, code.data_cache) == qrcode_mask(code)
