"""`workshop validate`: every problem at once on stderr, a count on stdout, nothing written."""

from __future__ import annotations

from pathlib import Path

from tests.cardgen import TOO_LONG, short_card, write_workshop
from tests.conftest import MINIMAL, replace_in, run_cli


def test_validate_ok_exits_0_and_counts_the_cards(minimal: Path):
    result = run_cli("validate", minimal)
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 cards in 1 files: OK.\n"
    assert result.stderr == ""
    assert not (minimal / "build").exists()  # checking writes nothing, not even a cache


def test_validate_reports_every_problem_then_a_summary(minimal: Path):
    replace_in(
        minimal / "cards.yaml", "    debrief:\n      summary: Eerst", "    debrif:\n      summary: Eerst"
    )
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith(
        "cards.yaml:10:5: error: cards[0].debrif: unknown field (did you mean 'debrief'?)"
    )
    assert lines[-1] == "1 error, 0 warnings."
    assert result.stdout == ""


def test_warnings_are_shown_and_validate_still_passes(tmp_path: Path):
    folder = write_workshop(tmp_path / "w", 2, base_url=None)
    result = run_cli("validate", folder)
    assert result.exit_code == 0, result.output
    assert "warning: no debrief.base_url" in result.stderr
    assert result.stderr.splitlines()[-1] == "0 errors, 1 warning."
    assert result.stdout.endswith("2 cards in 1 files: OK.\n")


def test_validate_checks_that_every_card_fits(tmp_path: Path):
    folder = write_workshop(tmp_path / "w", 1, cards=[TOO_LONG])
    result = run_cli("validate", folder)
    assert result.exit_code == 1
    assert "card 'te-lang': the question does not fit" in result.stderr


def test_card_size_auto_says_which_size_it_chose(tmp_path: Path):
    folder = write_workshop(tmp_path / "w", 0, cards=[short_card(1), short_card(2)], card_size="auto")
    result = run_cli("validate", folder)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "card_size auto: mini (44 × 68 mm), the smallest standard size on which every card fits",
        "2 cards in 1 files: OK.",
    ]


def test_the_bundled_minimal_example_validates_where_it_is():
    assert run_cli("validate", MINIMAL).exit_code == 0
