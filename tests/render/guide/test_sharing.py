"""Guide chapters recorded by the other process of a build replay in the guide, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.generate import generate_workshop
from workshop.content.loader import Workshop
from workshop.pipeline.build import build_workshop, check, prepare_qr
from workshop.render.context import ContentDigests, NoStore, RenderContext
from workshop.render.guide import chapters
from workshop.render.guide.document import render as render_guide
from workshop.render.guide.document import story
from workshop.render.guide.sharing import SharedChapters, record_from_end
from workshop.render.handouts import lay_out


@pytest.fixture(scope="module")
def long_workshop(tmp_path_factory: pytest.TempPathFactory) -> Workshop:
    """70 cards in two agenda blocks, 12 of them left to the appendix: chapters of every kind."""
    folder = generate_workshop(tmp_path_factory.mktemp("w") / "w", 70)
    config = yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))
    blocks = config["agenda"]["blocks"]
    cards = blocks[1]["cards"]
    second = {**blocks[1], "title": "Kaarten 31–58", "cards": cards[30:58]}
    blocks[1:2] = [{**blocks[1], "cards": cards[:30]}, second]  # the last 12 go to the appendix
    config["duration"] += second["minutes"]
    (folder / "workshop.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return check(folder).workshop


def context_for(workshop: Workshop, shared: SharedChapters | None = None) -> RenderContext:
    context = RenderContext(digests=ContentDigests.of(workshop), sharing=shared)
    prepare_qr(workshop, context)
    context.handouts = lay_out(workshop, context)
    return context


def shared_in(folder: Path, reached: int = -1) -> SharedChapters:
    shared = SharedChapters(folder)
    shared.begun(reached)
    return shared


def test_chapters_recorded_apart_replay_in_the_guide_with_the_same_bytes(
    long_workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = render_guide(long_workshop, context_for(long_workshop))["guide.pdf"]
    shared = shared_in(tmp_path / "shared")
    helped = context_for(long_workshop, shared)
    recorded = record_from_end(long_workshop, helped)
    flow = [
        item
        for item in story(long_workshop, one_pass=True, context=helped)
        if isinstance(item, chapters.Chapter)
    ]
    apart = [chapter for chapter in flow if chapter.state_before is not None]  # session and appendix
    assert recorded == len(apart) >= 8 and len(list((tmp_path / "shared").iterdir())) == recorded
    replayed: list[int] = []
    replay = chapters.ChapteredDocument._replay
    monkeypatch.setattr(
        chapters.ChapteredDocument, "_replay", lambda self, record: replayed.append(1) or replay(self, record)
    )
    assert render_guide(long_workshop, helped)["guide.pdf"] == alone
    assert len(replayed) == recorded  # every chapter recorded apart was taken: states and codes matched


def test_recording_stops_short_of_where_the_guide_has_got_to(long_workshop: Workshop, tmp_path: Path) -> None:
    flow = [
        item
        for item in story(long_workshop, one_pass=True, context=context_for(long_workshop))
        if isinstance(item, chapters.Chapter)
    ]
    last = flow[-1].index
    helped = context_for(long_workshop, shared_in(tmp_path / "shared", reached=last - 3))
    assert record_from_end(long_workshop, helped) == 2
    taken = {
        chapter.index for chapter in flow if (tmp_path / "shared" / f"{chapter.digest}.chapter").exists()
    }
    assert taken == {last - 1, last}  # the guide began `last - 3`: `last - 2` is its own, nearly there


def test_chapters_the_cache_holds_are_not_recorded_again(tmp_path: Path) -> None:
    folder = generate_workshop(tmp_path / "w", 60)
    out = tmp_path / "out"
    build_workshop(folder, out)
    checked = check(folder, cache_dir=out / ".cache")
    context = RenderContext(store=checked.store, sharing=shared_in(tmp_path / "shared"))
    prepare_qr(checked.workshop, context)
    assert record_from_end(checked.workshop, context) == 0
    context = RenderContext(store=NoStore(), sharing=shared_in(tmp_path / "shared-2"))
    prepare_qr(checked.workshop, context)
    assert record_from_end(checked.workshop, context) > 0  # without the cache it would have


def test_a_damaged_or_missing_recording_is_laid_out_by_the_guide(
    long_workshop: Workshop, tmp_path: Path
) -> None:
    shared = shared_in(tmp_path / "shared")
    helped = context_for(long_workshop, shared)
    record_from_end(long_workshop, helped)
    files = sorted((tmp_path / "shared").iterdir())
    files[0].write_bytes(b"not a recording")
    files[1].unlink()
    alone = render_guide(long_workshop, context_for(long_workshop))["guide.pdf"]
    assert render_guide(long_workshop, helped)["guide.pdf"] == alone


def test_a_two_process_build_hands_chapters_over_in_its_staging_folder_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    folder = generate_workshop(tmp_path / "w", 60)
    out = tmp_path / "out"
    build_workshop(folder, out)
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]  # staging gone
    assert not (out / ".shared-chapters").exists()


def test_the_progress_pipe_gives_the_last_chapter_begun_and_never_waits(tmp_path: Path) -> None:
    shared = SharedChapters(tmp_path / "shared")
    assert shared.reached() == -1
    for index in range(3):
        shared.begun(index)
    assert shared.reached() == 2 and shared.reached() == 2
    for index in range(100_000):  # far more than a pipe holds: the indexes that do not fit are dropped
        shared.begun(index)
    assert 0 <= shared.reached() <= 99_999
    shared.begun(7)  # room again: read on
    assert shared.reached() == 7
    shared.close()
    assert (tmp_path / "shared").stat().st_mode & 0o777 == 0o700


def test_a_recording_that_cannot_be_handed_over_stops_the_help_not_the_build(
    long_workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def full(self: SharedChapters, digest: str, record: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SharedChapters, "keep", full)
    helped = context_for(long_workshop, shared_in(tmp_path / "shared"))
    assert record_from_end(long_workshop, helped) == 0
    alone = render_guide(long_workshop, context_for(long_workshop))["guide.pdf"]
    assert render_guide(long_workshop, helped)["guide.pdf"] == alone


def test_a_guide_that_has_begun_every_chapter_says_so_and_gets_no_help(
    long_workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a rebuild the guide is often done before the build's process is: that process then
    does not work out the chapters at all."""
    from workshop.render.guide import document, sharing

    shared = shared_in(tmp_path / "shared")
    helped = context_for(long_workshop, shared)
    said: list[int] = []
    begun = SharedChapters.begun
    monkeypatch.setattr(SharedChapters, "begun", lambda self, index: said.append(index) or begun(self, index))
    render_guide(long_workshop, helped)
    monkeypatch.undo()
    chapter_count = len(
        [
            item
            for item in story(long_workshop, one_pass=True, context=helped)
            if isinstance(item, chapters.Chapter)
        ]
    )
    assert said == [*range(chapter_count), sharing.LAID_OUT]  # said once, after the last chapter began
    assert shared.reached() == sharing.LAID_OUT
    worked_out: list[int] = []
    chapters_after = document.chapters_after_contents
    monkeypatch.setattr(
        document, "chapters_after_contents", lambda *a: worked_out.append(1) or chapters_after(*a)
    )
    assert record_from_end(long_workshop, helped) == 0 and worked_out == []
    assert not list((tmp_path / "shared").iterdir())
