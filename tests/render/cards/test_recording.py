"""Recording a face's drawing once and pasting it: in this build and, through the cache, the next."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from tests.cardgen import write_workshop
from tests.conftest import replace_in
from workshop.pdf import fonts
from workshop.pdf.reportlab_internals import page_operators
from workshop.pipeline.build import build_workshop
from workshop.render.cards.recording import Primed, paste


def primed() -> Primed:
    fonts.register_fonts()
    return Primed(Canvas(io.BytesIO(), pageSize=(200, 200)), {fonts.REGULAR: "Eén café"})


def test_a_recording_is_taken_off_the_page_and_pastes_to_the_same_bytes():
    drawn, recorded = primed(), primed()
    assert drawn.fingerprint == recorded.fingerprint  # primed alike

    def draw(canvas: Canvas) -> None:
        canvas.setFont(fonts.REGULAR, 10)
        canvas.drawString(10, 10, "café")

    before = list(page_operators(recorded.canvas))
    operators, shared = recorded.record(lambda: draw(recorded.canvas))
    assert shared and "café" not in operators and operators  # text is coded, not written out
    assert page_operators(recorded.canvas) == before  # the page is as it was
    paste(recorded.canvas, operators)
    drawn.canvas.saveState()
    draw(drawn.canvas)
    drawn.canvas.restoreState()
    assert "\n".join(page_operators(recorded.canvas)) == "\n".join(page_operators(drawn.canvas))


def test_drawing_a_character_the_priming_missed_is_not_shared():
    document = primed()

    def draw() -> None:
        document.canvas.setFont(fonts.REGULAR, 10)
        document.canvas.drawString(10, 10, "über")  # "ü" was not primed

    operators, shared = document.record(draw)
    assert operators and not shared
    assert primed().fingerprint != Primed(Canvas(io.BytesIO()), {fonts.REGULAR: "abc"}).fingerprint


def test_a_rebuild_draws_only_the_edited_front(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workshop.render.cards.recording import Primed

    folder = write_workshop(tmp_path / "w", 12)
    build_workshop(folder, tmp_path / "out", only=("cards",))
    replace_in(folder / "cards.yaml", "Authentiek of onvriendelijk?", "Authentiek?")
    recorded = []
    original = Primed.record
    monkeypatch.setattr(Primed, "record", lambda self, draw: recorded.append(1) or original(self, draw))
    build_workshop(folder, tmp_path / "out", only=("cards",))
    assert len(recorded) == 1
    edited = (tmp_path / "out" / "cards.pdf").read_bytes()
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    assert (tmp_path / "fresh" / "cards.pdf").read_bytes() == edited
