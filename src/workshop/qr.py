"""URL → QR matrix (computed once per URL), and drawing it as one vector path.

Choosing the best of eight masks is ~90 % of a QR code's cost (PERFORMANCE.md), so each
matrix is computed once per process and shared by cards.pdf, cards-single.pdf and the guide.
The symbol is drawn in module units under a transform: one `re` per horizontal run of dark
modules — fast, small, and free of seams.
"""

from __future__ import annotations

from functools import cache
from typing import Any

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
Matrix = tuple[tuple[bool, ...], ...]


@cache
def qr_matrix(url: str) -> Matrix:
    """The QR matrix for `url` at error correction M, without quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def dark_runs(matrix: Matrix) -> list[tuple[int, int, int]]:
    """(row, first column, length) of every horizontal run of dark modules."""
    runs = []
    for row, cells in enumerate(matrix):
        start = None
        for column, dark in enumerate((*cells, False)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row, start, column - start))
                start = None
    return runs


def draw_qr(canvas: Any, matrix: Matrix, x: float, y: float, size: float) -> None:
    """Draw the code with its quiet zone as a `size`-point white square whose lower-left is (x, y)."""
    modules = len(matrix)
    unit = size / (modules + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.translate(x + QUIET_ZONE * unit, y + (QUIET_ZONE + modules) * unit)
    canvas.scale(unit, -unit)  # module units, rows counted downwards from the top
    path = canvas.beginPath()
    for row, column, length in dark_runs(matrix):
        path.rect(column, row, length, 1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def module_size(matrix: Matrix, size: float) -> float:
    """How large one module is when the whole symbol (with quiet zone) is `size` points."""
    return size / (len(matrix) + 2 * QUIET_ZONE)
