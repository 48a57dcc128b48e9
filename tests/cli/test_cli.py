"""The `workshop` group: its version, its commands and their help."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from workshop import __version__
from workshop.cli import main

COMMANDS = ("validate", "build", "new", "schema", "serve", "preview", "export", "room")


def test_version():
    result = run_cli("--version")
    assert result.exit_code == 0 and result.stdout == f"workshop, version {__version__}\n"


def test_every_command_is_wired_in():
    assert set(main.commands) == set(COMMANDS)


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("build", "--paper"),
        ("validate", "Check the content"),
        ("schema", "JSON Schema"),
        ("new", "starter workshop"),
        ("preview", "PNG of every card face"),
        ("serve", "--host"),
        ("export", "as a spreadsheet, one row per card"),
    ],
)
def test_each_command_has_its_help(command: str, says: str):
    for flag in ("--help", "-h"):
        result = run_cli(command, flag)  # asserted on our help text, not click's headings
        assert result.exit_code == 0 and says in result.stdout


def test_the_group_help_lists_every_command():
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "Turn a folder of YAML into card decks" in result.stdout
    assert all(command in result.stdout for command in COMMANDS)


def test_an_unknown_command_is_a_usage_error():
    result = run_cli("bild")
    assert result.exit_code == 2 and "No such command 'bild'" in result.stderr


def test_the_program_ends_a_command_that_succeeded_with_its_output_whole(tmp_path):
    """`cli.run` skips Python's clean-up after a success (`end_done`): everything printed is
    still there, in a pipe's buffer too, and the exit code is 0; a failure ends as usual."""
    import subprocess
    import sys

    from tests.conftest import MINIMAL

    schema = subprocess.run(
        [sys.executable, "-m", "workshop", "schema"], capture_output=True, text=True, check=False
    )
    assert schema.returncode == 0 and schema.stderr == ""
    assert schema.stdout.endswith("}\n") and len(schema.stdout) > 20_000  # more than a pipe buffer
    built = subprocess.run(
        [sys.executable, "-m", "workshop", "build", str(MINIMAL), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0 and built.stdout.endswith(f"Wrote 9 files to {tmp_path / 'out'}.\n")
    failed = subprocess.run(
        [sys.executable, "-m", "workshop", "build", str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode != 0 and "Traceback" not in failed.stderr and failed.stderr
    closed = subprocess.run(  # stdout closed before Python started: Python has None for it
        ["sh", "-c", f"'{sys.executable}' -m workshop schema >&-"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert closed.returncode == 0 and closed.stderr == ""
