"""QR matrices: computed once, cached across builds, drawn as raw vector operators that scan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from workshop.content.units import mm
from workshop.pdf import qr
from workshop.pipeline.build import QR_CACHE_KIND, build_workshop, cached_qr_matrices, load_and_check
from workshop.pipeline.cache import CacheStore

URLS = [f"https://example.org/klantgericht/kaart-{n}-thee-op-het-terras/" for n in range(9)]


def reference_matrix(url: str) -> qr.Matrix:
    """Straight from qrcode, with its full mask search: what every cached matrix must equal."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def test_cache_round_trip_gives_identical_matrices(store: Callable[[], CacheStore]):
    first = store()
    assert cached_qr_matrices(URLS, first, qr.QrCodes()) == len(URLS)
    first.commit()
    codes = qr.QrCodes()  # a new build
    assert cached_qr_matrices(URLS, store(), codes) == 0  # a rebuild computes nothing
    for url in URLS:
        assert codes.matrix(url) == reference_matrix(url)


def test_cache_holds_only_this_builds_urls(store: Callable[[], CacheStore]):
    for urls in (URLS, URLS[:2]):
        build = store()
        cached_qr_matrices(urls, build, qr.QrCodes())
        build.commit()
    assert cached_qr_matrices(URLS, store(), qr.QrCodes()) == len(URLS) - 2


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: b"\x00garbage", lambda data: b""],
    ids=["truncated", "garbage", "empty"],
)
def test_damaged_cache_is_ignored_and_rebuilt(tmp_path: Path, store: Callable[[], CacheStore], damage):
    first = store()
    cached_qr_matrices(URLS, first, qr.QrCodes())
    first.commit()
    file = tmp_path / ".cache" / f"{QR_CACHE_KIND}.bin"
    file.write_bytes(damage(file.read_bytes()))
    again, codes = store(), qr.QrCodes()
    assert cached_qr_matrices(URLS, again, codes) == len(URLS)
    assert [codes.matrix(url) for url in URLS] == [reference_matrix(url) for url in URLS]
    again.commit()
    assert cached_qr_matrices(URLS, store(), qr.QrCodes()) == 0  # written back whole


def test_worker_processes_give_the_same_matrices(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(qr, "PARALLEL_FROM", 2)
    codes = qr.QrCodes()
    assert len(codes.prepare(URLS)) == len(URLS)
    assert [codes.matrix(url) for url in URLS] == [reference_matrix(url) for url in URLS]


def test_known_matrices_are_taken_and_only_the_others_computed():
    """qr knows no cache: it takes the matrices its caller kept and returns only the new ones."""
    everything = qr.QrCodes().prepare(URLS)
    codes = qr.QrCodes()
    computed = codes.prepare(URLS, {url: everything[url] for url in URLS[:3]})
    assert set(computed) == set(URLS[3:]) and all(computed[url] == everything[url] for url in computed)
    assert [codes.matrix(url) for url in URLS] == [reference_matrix(url) for url in URLS]


def test_without_prepare_matrices_are_computed_on_demand():
    codes = qr.QrCodes()
    assert codes.matrix(URLS[0]) == reference_matrix(URLS[0])


def test_builds_share_no_matrices():
    """A matrix one build holds, doctored or not, never reaches another build's codes."""
    first = qr.QrCodes()
    first.prepare(URLS[:1], {URLS[0]: qr.QrCodes().prepare(URLS[1:2])[URLS[1]]})  # URL 0 given URL 1's matrix
    assert first.matrix(URLS[0]) == reference_matrix(URLS[1])
    assert qr.QrCodes().matrix(URLS[0]) == reference_matrix(URLS[0])


def sheet_pdf(codes: qr.QrCodes, size: float = mm(20)) -> bytes:
    """Nine codes on an A4 page, laid out like a sheet of poker cards."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = Path(__file__).parent / "_never_written.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFillColorRGB(0.7, 0.2, 0.2)  # a colour set before must survive the code
    for i, url in enumerate(URLS):
        row, column = divmod(i, 3)
        qr.draw_qr(canvas, codes.symbol(url), mm(20 + 63.5 * column), mm(40 + 88.9 * row), size)
    canvas.rect(mm(5), mm(5), mm(5), mm(5), stroke=0, fill=1)
    canvas.showPage()
    return canvas.getpdfdata()


def test_drawn_codes_decode_at_150_dpi():
    import pypdfium2
    import zxingcpp

    pdf = pypdfium2.PdfDocument(sheet_pdf(qr.QrCodes()))
    image = pdf[0].render(scale=150 / 72).to_pil()
    found = {result.text for result in zxingcpp.read_barcodes(image)}
    assert found == set(URLS)
    # the canvas's own fill colour is untouched by the code's raw operators
    corner = image.getpixel((int(7.5 / 25.4 * 150), image.height - int(7.5 / 25.4 * 150)))
    assert corner[:3] == pytest.approx((178, 51, 51), abs=3)


def test_pdf_is_byte_identical_with_and_without_cache(store: Callable[[], CacheStore]):
    without = sheet_pdf(qr.QrCodes())
    first = store()
    cached_qr_matrices(URLS, first, qr.QrCodes())
    first.commit()
    codes = qr.QrCodes()
    assert cached_qr_matrices(URLS, store(), codes) == 0
    assert sheet_pdf(codes) == without


def test_symbol_size_and_dark_modules():
    codes = qr.QrCodes()
    matrix = codes.matrix(URLS[0])
    assert len(matrix) == 33  # version 4 at level M for a URL of this length
    symbol = codes.symbol(URLS[0])
    assert sum(int(op.split()[2]) for op in symbol.operators.splitlines()) == sum(map(sum, matrix))


def test_build_caches_every_cards_matrix(minimal: Path):
    build_workshop(minimal)
    workshop, _ = load_and_check(minimal)
    urls = [f"https://example.org/mini/{card}/" for card in ("wachttijd", "het-menu", "wat-neem-je-mee")]
    store = CacheStore.for_build(minimal / "build" / ".cache", workshop)
    assert cached_qr_matrices(urls, store, qr.QrCodes()) == 0


def test_a_symbol_draws_exactly_the_dark_modules():
    codes = qr.QrCodes()
    for url in URLS[:5]:
        matrix, symbol = codes.matrix(url), codes.symbol(url)
        assert symbol.modules == len(matrix) == qr.modules(url)
        expected = [
            f"{column} {row} {length} 1 re"
            for row, cells in enumerate(matrix)
            for column, length in _runs(cells)
        ]
        assert symbol.operators.splitlines() == expected


def _runs(cells):  # (first column, length) of each run of dark modules, the slow and obvious way
    runs, start = [], None
    for column, dark in enumerate((*cells, False)):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column - start))
            start = None
    return runs


def test_a_prepared_code_gives_its_width_without_qrcode(monkeypatch: pytest.MonkeyPatch):
    """The card check asks every card's code width: read off the prepared matrix, as wide as
    qrcode makes it; a code not prepared (or damaged) is measured the usual way."""
    urls = [f"https://example.org/w/cards/{name}/" for name in ("a", "b" * 40, "c" * 120)]
    codes = qr.QrCodes()
    codes.prepare(urls[:2], {urls[1]: "25:not hex"})  # a damaged matrix from an earlier build
    widths = [qr.modules(url) for url in urls]
    assert widths[0] < widths[2]
    asked: list[str] = []
    monkeypatch.setattr(qr, "modules", lambda url: asked.append(url) or widths[urls.index(url)])
    assert [codes.modules(url) for url in urls] == widths
    assert asked == urls[2:]  # prepared: read off; not prepared: measured
