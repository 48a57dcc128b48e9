"""The one mapping from a failed build to the problems shown (by `workshop serve`; the CLI words
the same failures from the same phrases)."""

from __future__ import annotations

import errno
from pathlib import Path

from workshop.content.problems import ContentError, Location, Problem
from workshop.pipeline.failures import FOREIGN, RUNNING, failure_problems
from workshop.pipeline.staging import BuildRunning, ForeignFileError


def test_content_problems_are_shown_as_they_are(tmp_path: Path) -> None:
    problem = Problem(Location(tmp_path / "cards.yaml", 3, 7), "card 'x': the title does not fit")
    assert failure_problems(ContentError([problem]), tmp_path) == [problem]


def test_a_foreign_file_is_named_at_its_path_with_what_to_do(tmp_path: Path) -> None:
    mine = tmp_path / "build" / "cards.pdf"
    (shown,) = failure_problems(ForeignFileError([mine]), tmp_path / "build") or []
    assert shown.location.file == mine and FOREIGN in shown.message and "move it away" in shown.message


def test_a_running_build_says_to_save_again(tmp_path: Path) -> None:
    (shown,) = failure_problems(BuildRunning(tmp_path / "build"), tmp_path / "build") or []
    assert RUNNING in shown.message and "save again" in shown.message


def test_a_full_disk_is_located_at_the_file_it_could_not_write(tmp_path: Path) -> None:
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "build" / "guide.pdf"))
    (shown,) = failure_problems(full, tmp_path / "build") or []
    assert shown.location.file == tmp_path / "build" / "guide.pdf"
    assert "No space left on device" in shown.message and "free some space" in shown.message
    (nameless,) = failure_problems(OSError(errno.EROFS, "Read-only file system"), tmp_path / "out") or []
    assert nameless.location.file == tmp_path / "out"


def test_anything_else_is_a_bug_not_a_problem(tmp_path: Path) -> None:
    assert failure_problems(ValueError("inside a dependency"), tmp_path) is None
    assert failure_problems(KeyboardInterrupt(), tmp_path) is None
