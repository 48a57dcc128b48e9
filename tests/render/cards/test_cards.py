"""The card renderer: sheet plan and notes, command-line overrides, and text sizes kept between builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cardgen import write_workshop
from tests.conftest import replace_in, run_cli
from workshop.content.problems import ContentError
from workshop.pipeline.build import Overrides, build_workshop, load_and_check
from workshop.pipeline.cache import CacheStore
from workshop.render.cards import sheet_plan


def test_cli_overrides_card_size_and_paper(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "cli", 4)
    result = run_cli(
        "build", folder, "--only", "cards", "--paper", "letter", "--card-size", "tarot", "--duplex", "fold"
    )
    assert result.exit_code == 0, result.output
    assert "tarot cards per Letter sheet" in result.stdout


def test_text_size_cache_gives_the_same_bytes_and_survives_damage(tmp_path):

    folder = write_workshop(tmp_path / "w", 12)
    build_workshop(folder, tmp_path / "first", only=("cards",))
    cache = tmp_path / "first" / ".cache" / "text-sizes.bin"
    assert cache.is_file()
    build_workshop(folder, tmp_path / "first", only=("cards",))  # from the cache
    shutil.rmtree(tmp_path / "first" / ".cache", ignore_errors=False)
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    assert (tmp_path / "first" / "cards.pdf").read_bytes() == (tmp_path / "fresh" / "cards.pdf").read_bytes()
    (tmp_path / "fresh" / ".cache" / "text-sizes.bin").write_bytes(b"workshop cache 2\n[")
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    assert (tmp_path / "first" / "cards.pdf").read_bytes() == (tmp_path / "fresh" / "cards.pdf").read_bytes()
    assert (tmp_path / "first" / "cards-single.pdf").read_bytes() == (
        tmp_path / "fresh" / "cards-single.pdf"
    ).read_bytes()


def test_a_cached_size_that_no_longer_fits_is_found_again(tmp_path: Path) -> None:
    """A wrong size in the cache (every card at the largest size) cannot make text overflow the card."""

    folder = write_workshop(tmp_path / "w", 9)
    replace_in(
        folder / "cards.yaml",
        "Authentiek of onvriendelijk?",
        "Authentiek, of toch gewoon onvriendelijk tegenover een gast die thee wil?",
    )
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    store = CacheStore.for_build(tmp_path / "fresh" / ".cache", load_and_check(folder)[0])
    keys = list(store._offsets("text-sizes"))
    assert any(json.loads(store.get("text-sizes", key) or b"")[0] < 10.5 for key in keys)  # a shrunk card
    for key in keys:
        store.put("text-sizes", key, b"[10.5, 1]")  # as only a bug could write it
    store.commit()
    (tmp_path / "fresh" / ".cache" / "card-faces.bin").unlink()
    first = (tmp_path / "fresh" / "cards.pdf").read_bytes()
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    assert (tmp_path / "fresh" / "cards.pdf").read_bytes() == first


def test_cards_too_big_for_the_paper_are_an_error_at_the_card_size(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "w", 1, card_size={"width": "200mm", "height": "290mm"}, duplex="fold")
    workshop, _ = load_and_check(folder, Overrides())
    with pytest.raises(ContentError) as raised:
        sheet_plan(workshop)
    (problem,) = raised.value.problems
    assert problem.location.line and "card_size" in problem.message
    assert "200.0×290.0 mm cards do not fit a front and back side by side on a4 paper" in problem.message
    assert problem.message.endswith("choose a larger paper or smaller cards")
