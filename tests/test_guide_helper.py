"""Chapters recorded apart from the guide (by the other process, from the end) give the same guide."""

from __future__ import annotations

import sys
from multiprocessing import RawValue
from pathlib import Path

from workshop.build import build_workshop, load_and_check
from workshop.context import RenderContext
from workshop.guide import chapters
from workshop.render_guide import record_from_end, render

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate_workshop


def test_chapters_recorded_from_the_end_replay_into_the_same_guide(tmp_path: Path) -> None:
    folder = generate_workshop(tmp_path / "w", chapters.CHAPTERS_FROM + 10)
    workshop, _ = load_and_check(folder)
    alone = render(workshop, RenderContext(cache_dir=tmp_path / "plain"))["guide.pdf"]

    helped = RenderContext(cache_dir=tmp_path / "helped")
    helped.guide_progress = RawValue("i", -1)
    recorded = record_from_end(workshop, helped)
    assert recorded >= 3  # every chapter but the contents, which the guide's process starts with
    replayed: list[str] = []
    original = chapters.ChapteredDocument._replay
    chapters.ChapteredDocument._replay = lambda self, record: replayed.append(1) or original(self, record)  # type: ignore[method-assign]
    try:
        helped.guide_progress = None
        guide = render(workshop, helped)["guide.pdf"]
    finally:
        chapters.ChapteredDocument._replay = original  # type: ignore[method-assign]
    assert len(replayed) == recorded
    assert guide == alone


def test_a_build_on_two_processes_gives_the_same_files_as_one(tmp_path: Path, monkeypatch) -> None:
    from workshop import build

    folder = generate_workshop(tmp_path / "w", chapters.CHAPTERS_FROM + 10)
    build_workshop(folder, tmp_path / "two")
    monkeypatch.setattr(build, "_parallel_outputs", lambda *args: [])
    build_workshop(folder, tmp_path / "one")
    for file in (tmp_path / "one").rglob("*"):
        if file.is_file() and ".cache" not in file.parts:
            assert file.read_bytes() == (tmp_path / "two" / file.relative_to(tmp_path / "one")).read_bytes()


def test_a_chapter_recorded_meanwhile_by_the_guide_is_recorded_again_not_replayed(
    tmp_path: Path, monkeypatch
) -> None:
    """The race at 10,000 cards: the guide's process writes a chapter after the helper checked for it.
    The helper's document must record it again (same bytes), never replay it (its outline
    entries have no parents there)."""
    folder = generate_workshop(tmp_path / "w", chapters.CHAPTERS_FROM + 10)
    workshop, _ = load_and_check(folder)
    context = RenderContext(cache_dir=tmp_path / "c")
    context.guide_progress = RawValue("i", -1)
    assert record_from_end(workshop, context) >= 3
    store = tmp_path / "c" / "guide-chapters"
    before = {file.name: file.read_bytes() for file in store.iterdir()}
    monkeypatch.setattr(chapters.ChapterStore, "has", lambda self, digest: False)
    assert record_from_end(workshop, context) == len(before)
    assert {file.name: file.read_bytes() for file in store.iterdir()} == before
