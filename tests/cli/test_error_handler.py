"""Every failure a user can cause becomes its lines on stderr and its exit code, never a traceback."""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from workshop.cli.error_handler import INTERRUPTED, InterruptibleGroup, handled_failures, report_problems
from workshop.content.problems import ContentError, Location, Problem
from workshop.pipeline.staging import BuildRunning, ForeignFileError


def run(
    failure: BaseException | None, *, interrupted: str | None = None, wrote_nothing: bool = True
) -> Result:
    """A command that fails with `failure` inside `handled_failures`, run as `workshop` runs it."""

    @click.group(cls=InterruptibleGroup)
    def group() -> None:
        pass

    @group.command()
    def work() -> None:
        with handled_failures(Path("out"), wrote_nothing=wrote_nothing, interrupted=interrupted):
            if failure is not None:
                raise failure
        click.echo("done")

    return CliRunner().invoke(group, ["work"])


def test_success_prints_and_exits_0():
    result = run(None)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "done\n", "")


def test_content_problems_each_on_a_line_sorted_then_advice_then_the_summary(tmp_path: Path):
    problems = [
        Problem(Location(tmp_path / "b.yaml", 3, 1), "second"),
        Problem(Location(tmp_path / "a.yaml", 9, 2), "first", "warning"),
    ]
    result = run(ContentError(problems, ["a larger card would fit them all"]))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'a.yaml'}:9:2: warning: first",
        f"{tmp_path / 'b.yaml'}:3:1: error: second",
        "a larger card would fit them all",
        "1 error, 1 warning. Nothing was written.",
    ]


def test_a_foreign_file_names_itself_and_what_to_do():
    result = run(ForeignFileError([Path("out/cards.pdf")]))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: out/cards.pdf already exists and was not written by workshop; "
        "move it away or choose another --out. Nothing was written.\n"
    )


def test_a_running_build_says_to_wait():
    result = run(BuildRunning(Path("out")))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: another build of this folder is running (out); wait for it to finish, then build again. "
        "Nothing was written.\n"
    )


def test_a_disk_that_refuses_names_the_folder_and_the_reason():
    result = run(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    assert result.exit_code == 1
    assert (
        result.stderr == f"error: cannot write to out: {os.strerror(errno.ENOSPC)}; choose another --out.\n"
    )


def test_ctrl_c_while_writing_says_what_the_folder_holds():
    result = run(KeyboardInterrupt(), interrupted="Interrupted: out holds the last complete build.")
    assert result.exit_code == INTERRUPTED == 130
    assert result.stderr == "Interrupted: out holds the last complete build.\n"


def test_ctrl_c_anywhere_else_is_one_line_not_clicks_aborted():
    result = run(KeyboardInterrupt())
    assert result.exit_code == 130
    assert result.stderr == "Interrupted.\n" and "Aborted" not in result.output


def test_sigterm_unwinds_like_ctrl_c():
    before = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        assert run(None).exit_code == 0
        handler = signal.getsignal(signal.SIGTERM)  # what the group installed while running
    finally:
        signal.signal(signal.SIGTERM, before)
    assert callable(handler)
    with pytest.raises(KeyboardInterrupt):
        handler(signal.SIGTERM, None)


def test_a_bug_is_not_dressed_up_as_a_users_mistake():
    result = run(ValueError("a bug"))
    assert isinstance(result.exception, ValueError)


def test_warnings_after_a_build_say_it_wrote(tmp_path: Path):
    @click.command()
    def warn() -> None:
        report_problems([Problem(Location(tmp_path / "w.yaml", 1, 1), "old", "warning")], wrote_nothing=False)

    result = CliRunner().invoke(warn)
    assert result.stderr.splitlines() == [f"{tmp_path / 'w.yaml'}:1:1: warning: old", "0 errors, 1 warning."]
    quiet = CliRunner().invoke(click.command()(lambda: report_problems([], wrote_nothing=True)))
    assert quiet.stderr == ""


def test_an_interrupted_program_ends_with_130_even_with_its_output_closed() -> None:
    import subprocess
    import sys

    code = "from workshop.cli.error_handler import end_interrupted; end_interrupted()"
    ended = subprocess.run(
        ["sh", "-c", f"'{sys.executable}' -c '{code}' >&-"], capture_output=True, text=True, check=False
    )
    assert ended.returncode == 130 and ended.stderr == ""
