"""One build, top down: overrides, the checks validate shares, QR codes made once, partial builds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cardgen import TOO_LONG, write_workshop
from tests.conftest import MINIMAL, replace_in
from workshop.content.problems import ContentError
from workshop.pdf.qr import QrCodes
from workshop.pipeline.build import (
    OUTPUT_NAMES,
    Overrides,
    build_workshop,
    cached_qr_matrices,
    load_and_check,
    prepare_qr,
)
from workshop.pipeline.cache import CacheStore
from workshop.render.context import RenderContext


def test_overrides_replace_only_what_they_name():
    workshop, _ = load_and_check(MINIMAL)
    config = workshop.config
    assert Overrides().apply(config) == config
    changed = Overrides(paper="letter", base_url="https://other.example/").apply(config)
    assert (changed.print.paper, changed.debrief.base_url) == ("letter", "https://other.example/")
    assert (changed.print.card_size, changed.print.duplex, changed.title) == (
        config.print.card_size,
        config.print.duplex,
        config.title,
    )


def test_the_fit_of_every_card_is_checked_only_when_asked(tmp_path: Path):
    folder = write_workshop(tmp_path / "w", 0, cards=[TOO_LONG])
    workshop, _ = load_and_check(folder)  # the site and guide show any length
    assert [card.id for card in workshop.cards] == ["te-lang"]
    with pytest.raises(ContentError) as raised:
        load_and_check(folder, cards=True)
    assert any("card 'te-lang': the question does not fit" in str(p) for p in raised.value.problems)


def test_a_build_reports_its_files_and_writes_them(minimal: Path):
    report = build_workshop(minimal)
    assert report.out_dir == minimal / "build"
    assert {"cards.pdf", "cards-single.pdf", "guide.pdf", "handouts.pdf", "site/index.html"} <= set(
        report.files
    )
    assert all((report.out_dir / name).is_file() for name in report.files)
    assert report.warnings == []
    assert any("cards.pdf" in note for note in report.notes), report.notes  # how to print it


def test_a_partial_build_keeps_the_other_outputs_including_calibration(minimal: Path):
    first = build_workshop(minimal, calibration=True)
    before = (minimal / "build" / "calibration.pdf").read_bytes()
    second = build_workshop(minimal, only=("guide",))
    assert second.files == ["guide.pdf"]
    assert (minimal / "build" / "calibration.pdf").read_bytes() == before
    assert {
        path.relative_to(minimal / "build").as_posix()
        for path in (minimal / "build").rglob("*")
        if path.is_file() and ".cache" not in path.parts and not path.name.startswith(".")
    } == set(first.files)


def test_a_missing_glyph_stops_a_guide_only_build_before_anything_is_written(minimal: Path):
    replace_in(minimal / "cards.yaml", "name: Gast", "name: Gast 😀")
    with pytest.raises(ContentError) as raised:
        build_workshop(minimal, only=("guide",))
    assert "U+1F600 GRINNING FACE" in str(raised.value)
    assert not (minimal / "build" / "guide.pdf").exists()


def test_qr_codes_are_made_once_for_the_outputs_that_print_them(store: Callable[[], CacheStore]):
    workshop, _ = load_and_check(MINIMAL)
    assert prepare_qr(workshop, RenderContext(store=store()), ("site", "handouts")) == 0
    first = store()
    assert prepare_qr(workshop, RenderContext(store=first), OUTPUT_NAMES) == 3
    first.commit()
    assert prepare_qr(workshop, RenderContext(store=store()), ("cards",)) == 0  # all three from the cache
    without_url = workshop.config.model_copy(
        update={"debrief": workshop.config.debrief.model_copy(update={"base_url": None})}
    )
    from dataclasses import replace

    assert prepare_qr(replace(workshop, config=without_url), RenderContext(store=store())) == 0


def test_a_url_asked_for_twice_is_computed_once(store: Callable[[], CacheStore]):
    urls = ["https://example.org/a/", "https://example.org/b/", "https://example.org/a/"]
    assert cached_qr_matrices(urls, store(), QrCodes()) == 2
