"""Problems with a place: how they read, sort, pickle and sum up."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from workshop.content.problems import (
    ContentError,
    Location,
    Problem,
    Problems,
    display_path,
    sorted_problems,
    summary_line,
)


def test_a_problem_reads_file_line_column_severity_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    where = Location(tmp_path / "cards.yaml", 10, 5)
    assert str(Problem(where, "cards[0].debrif: unknown field")) == (
        "cards.yaml:10:5: error: cards[0].debrif: unknown field"
    )
    assert str(Location(tmp_path / "cards.yaml", 3)) == "cards.yaml:3:1"  # column unknown: the line's start
    assert str(Location(tmp_path / "cards.yaml")) == "cards.yaml"  # line unknown: the file alone
    assert str(Problem(Location(tmp_path / "w.yaml", 1, 1), "old", "warning")) == "w.yaml:1:1: warning: old"


def test_paths_outside_the_current_folder_stay_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert display_path(tmp_path / "here" / "sub" / "a.yaml") == os.path.join("sub", "a.yaml")
    assert display_path(tmp_path / "elsewhere.yaml") == str(tmp_path / "elsewhere.yaml")


def test_problems_sort_in_reading_order(tmp_path: Path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    problems = [
        Problem(Location(b, 1, 1), "4"),
        Problem(Location(a, 10, 2), "3"),
        Problem(Location(a, 2, 9), "2"),
        Problem(Location(a, 2, 1), "1"),
    ]
    assert [p.message for p in sorted_problems(problems)] == ["1", "2", "3", "4"]


def test_the_summary_counts_and_says_when_nothing_was_written(tmp_path: Path):
    error = Problem(Location(tmp_path / "a.yaml", 1, 1), "x")
    warning = Problem(Location(tmp_path / "a.yaml", 1, 1), "y", "warning")
    assert summary_line([error], wrote_nothing=True) == "1 error, 0 warnings. Nothing was written."
    assert summary_line([error, error, warning], wrote_nothing=False) == "2 errors, 1 warning."
    assert summary_line([warning], wrote_nothing=True) == "0 errors, 1 warning."  # warnings write


def test_the_collector_raises_only_for_errors_with_every_problem_sorted(tmp_path: Path):
    problems = Problems()
    problems.warning(Location(tmp_path / "b.yaml", 1, 1), "late")
    problems.raise_if_errors()  # warnings alone never stop a build
    problems.error(Location(tmp_path / "a.yaml", 1, 1), "early")
    problems.advice.append("use a larger card")
    assert [p.message for p in problems.errors] == ["early"]
    assert [p.message for p in problems.warnings] == ["late"]
    with pytest.raises(ContentError) as raised:
        problems.raise_if_errors()
    assert [p.message for p in raised.value.problems] == ["early", "late"]
    assert raised.value.advice == ["use a larger card"]


def test_a_content_error_crosses_processes_whole(tmp_path: Path):
    error = ContentError([Problem(Location(tmp_path / "a.yaml", 2, 3), "too long")], ["advice"])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems and copy.advice == ["advice"]
    assert str(copy) == str(error)
