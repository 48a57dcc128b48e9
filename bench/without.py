"""Run `workshop` with one speed lever turned off, to measure what it earns (bench/levers.py).

    python -m bench.without LEVER build DIR       # LEVER: see LEVERS; "none" turns nothing off

Turning a lever off swaps one of workshop's own settings or functions in this process only;
the outputs are the same bytes either way, only slower (or bigger in memory) to make.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from workshop.pipeline.cache import KINDS as CACHE_KINDS


def _without_cache(kind: str) -> Callable[[], None]:
    def turn_off() -> None:
        from workshop.pipeline.cache import CacheStore

        get = CacheStore.get

        def forgetful(self: CacheStore, wanted: str, key: bytes) -> bytes | None:
            return None if wanted == kind else get(self, wanted, key)

        CacheStore.get = forgetful  # type: ignore[method-assign]

    return turn_off


def _one_process() -> None:
    from workshop.pipeline import build

    build.PARALLEL_MIN_CARDS = 10**9


def _guide_alone() -> None:
    from workshop.pipeline import build

    build._sharing = lambda *args: None  # type: ignore[assignment]


def _qr_in_one_process() -> None:
    from workshop.pdf import qr

    qr.PARALLEL_FROM = 10**9


def _fronts_drawn_everywhere() -> None:
    from workshop.render.cards import stamps

    init = stamps.Stamps.__init__

    def drawing(self: Any, deck: Any, store: Any = None, *, codes: Any = None, share: bool = True) -> None:
        init(self, deck, store, codes=codes, share=False)

    stamps.Stamps.__init__ = drawing  # type: ignore[method-assign]


def _pages_kept_as_text() -> None:
    from workshop.render import handouts as render_handouts
    from workshop.render.cards import sheets
    from workshop.render.guide import doc

    for module in (render_handouts, doc, sheets):
        module.pack_finished_page = lambda canvas, *args, **kwargs: None  # type: ignore[attr-defined]


def _qrcode_mask_search() -> None:
    from workshop.pdf import qr

    qr._compute = _qrcode_matrix


def _qrcode_matrix(url: str) -> str:
    """qrcode's own matrix, with its own mask search (module level: worker processes call it)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    from workshop.pdf import qr

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return qr._encode(["".join("1" if cell else "0" for cell in row) for row in code.get_matrix()])


LEVERS: dict[str, Callable[[], None]] = {
    "none": lambda: None,
    **{f"cache:{kind}": _without_cache(kind) for kind in CACHE_KINDS},
    "two-processes": _one_process,
    "guide-sharing": _guide_alone,
    "qr-workers": _qr_in_one_process,
    "qr-fast-masks": _qrcode_mask_search,
    "shared-fronts": _fronts_drawn_everywhere,
    "page-packing": _pages_kept_as_text,
}


def main() -> None:
    lever = sys.argv.pop(1)
    LEVERS[lever]()
    from workshop.cli import main as workshop

    workshop(prog_name="workshop")


if __name__ == "__main__":
    main()
