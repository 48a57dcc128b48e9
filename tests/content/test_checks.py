"""Rules across files: unique ids, the agenda's cards and minutes, the logo's path, colours, list depth."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import replace_in
from workshop.content.checks import (
    MAX_LIST_DEPTH,
    check_path,
    check_workshop,
    contrast_ratio,
    list_depth_bound,
)
from workshop.content.loader import load_workshop
from workshop.content.markup import to_html, to_reportlab
from workshop.content.problems import Problems


def checked(root: Path) -> list[str]:
    """The cross-file problems of a workshop that loads, as a trainer reads them."""
    problems = Problems()
    workshop = load_workshop(root, problems)
    assert workshop is not None and not problems.items, problems.items
    check_workshop(workshop, problems)
    return [
        f"{p.location.file.name}:{p.location.line}:{p.location.column}: {p.severity}: {p.message}"
        for p in problems.items
    ]


def test_the_minimal_example_has_no_cross_file_problem(minimal: Path):
    assert checked(minimal) == []


def test_an_id_used_twice_is_reported_at_the_second_naming_the_first(minimal: Path):
    replace_in(minimal / "cards.yaml", "id: het-menu", "id: wachttijd")
    (line,) = checked(minimal)[:1]
    assert line.startswith("cards.yaml:17:9: error: card id 'wachttijd' is used twice (first at ")
    assert "cards.yaml:2:" in line and line.endswith("every card needs its own id")


def test_the_agenda_names_cards_that_exist_and_adds_up_to_the_duration(minimal: Path):
    replace_in(minimal / "workshop.yaml", "het-menu,", "het-menuu,")
    replace_in(minimal / "workshop.yaml", "duration: 45", "duration: 50")
    lines = checked(minimal)
    assert (
        "workshop.yaml:23:26: error: agenda.blocks[1].cards: no card has the id 'het-menuu' (did you mean 'het-menu'?)"
        in lines
    )
    assert (
        "workshop.yaml:7:11: error: duration is 50 minutes but the agenda's blocks add up to 45 (5 too few); "
        "change a block's minutes or the duration"
    ) in lines


def test_a_card_used_twice_in_the_agenda_is_a_warning_naming_the_first_use(minimal: Path):
    replace_in(minimal / "workshop.yaml", "      minutes: 5\n", "      minutes: 5\n      cards: [het-menu]\n")
    (line,) = checked(minimal)
    assert line.startswith("workshop.yaml:24:26: warning: card 'het-menu' is already used in the agenda at ")
    assert "workshop.yaml:20:15" in line


def test_without_a_base_url_a_warning_says_how_to_add_one(minimal: Path):
    replace_in(minimal / "workshop.yaml", "debrief:\n  base_url: https://example.org/mini/\n", "")
    (line,) = checked(minimal)
    assert ": warning: no debrief.base_url: cards are built without QR codes;" in line


def test_low_contrast_colour_is_a_warning(minimal: Path):
    replace_in(
        minimal / "workshop.yaml",
        "decks: [cards.yaml]",
        'decks: [cards.yaml]\ntheme: {colors: {dilemma: "#F5E663"}}',
    )
    (line,) = checked(minimal)
    assert line.startswith("workshop.yaml:15:27: warning: white text on #F5E663 has contrast 1.3:1, below")
    assert "WCAG AA" in line


def test_contrast_ratio_is_wcags():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert contrast_ratio("#B03A2E", "#FFFFFF") == contrast_ratio("#FFFFFF", "#B03A2E") > 4.5


def test_a_path_must_name_a_file_inside_the_workshop(tmp_path: Path):
    (tmp_path / "logo.png").write_bytes(b"x")
    (tmp_path / "plaatjes").mkdir()
    assert check_path(tmp_path, "logo.png") is None
    assert "the path is empty" in check_path(tmp_path, "  ")
    assert "leaves the workshop folder" in check_path(tmp_path, "../logo.png")
    assert "leaves the workshop folder" in check_path(tmp_path, str(tmp_path / "logo.png"))
    assert "'plaatjes' is a folder; name a file inside it" in check_path(tmp_path, "plaatjes")
    assert f"'nope.png' does not exist (looked in {tmp_path})" == check_path(tmp_path, "nope.png")


def test_a_link_out_of_the_workshop_is_refused(tmp_path: Path):
    (tmp_path / "secret.png").write_bytes(b"x")
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "logo.png").symlink_to(tmp_path / "secret.png")
    assert "leads outside the workshop folder (through a link)" in check_path(tmp_path / "ws", "logo.png")


def test_a_logo_link_that_loops_is_an_error_not_a_traceback(minimal: Path):
    (minimal / "logo.png").symlink_to(minimal / "logo.png")
    replace_in(
        minimal / "workshop.yaml", "decks: [cards.yaml]", "decks: [cards.yaml]\ntheme: {logo: logo.png}"
    )
    (line,) = checked(minimal)
    assert line.startswith("workshop.yaml:15:15: error: theme.logo: ")


@pytest.mark.parametrize("indent", [2, 3, 4])
def test_lists_the_check_allows_are_printed_whole(indent: int):
    """Up to MAX_LIST_DEPTH levels, every item reaches the PDF and the page (the parser drops deeper ones)."""
    text = "\n".join(f"{' ' * indent * level}- item {level}" for level in range(MAX_LIST_DEPTH))
    assert list_depth_bound(text) == MAX_LIST_DEPTH
    assert len(to_reportlab(text)) == MAX_LIST_DEPTH
    assert to_html(text).count("<li>") == MAX_LIST_DEPTH
    assert list_depth_bound(text + "\n" + " " * indent * MAX_LIST_DEPTH + "- deeper") > MAX_LIST_DEPTH


def test_list_depth_counts_markers_on_one_line_and_closes_outdented_lists():
    assert list_depth_bound("geen lijst") == 0
    assert list_depth_bound("- - - x") == 3
    assert list_depth_bound("- a\n  - b\n- c\n  - d") == 2
    assert list_depth_bound("1. a\n   2) b") == 2


def test_a_list_nested_too_deep_is_an_error_at_its_field(minimal: Path):
    deep = "".join(f"\n{' ' * 2 * level}- niveau {level}" for level in range(MAX_LIST_DEPTH + 2))
    replace_in(
        minimal / "cards.yaml",
        "question: Wat zeg je als eerste?",
        "question: |" + deep.replace("\n", "\n      "),
    )
    (line,) = checked(minimal)
    assert line.startswith(
        "cards.yaml:6:15: error: card 'wachttijd', question: a list nested about 10 levels deep"
    )
    assert "indent less" in line
