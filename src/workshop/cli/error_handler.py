"""The one place that turns a failure into the lines a user reads and the exit code.

Exit codes: 0 success; 1 content problems (each printed as `file:line:column: ...`) or an
output that cannot be written; 2 usage mistakes (click's own); 130 interrupted (Ctrl-C or
SIGTERM). A traceback only ever means a bug in workshop itself. What each failure means is
worded once, in `workshop.pipeline.failures`, which `workshop serve` shows on its pages too;
this module adds the command line's remedy and exit code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from workshop.content.problems import ContentError, Problem, sorted_problems, summary_line
from workshop.pipeline.failures import FOREIGN, LINKED, RUNNING, cannot_write
from workshop.pipeline.staging import BuildRunning, ForeignFileError, LinkedFolderError

INTERRUPTED = 130


class InterruptibleGroup(click.Group):
    """Ctrl-C or SIGTERM at any moment of any command: one line and exit code 130.

    `handled_failures` says more while a command writes; this catches the rest (while
    rendering libraries are imported, while a result is printed) instead of click's "Aborted!".
    """

    def invoke(self, ctx: click.Context) -> Any:
        signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(INTERRUPTED)


def end_interrupted() -> NoReturn:
    """End the process with exit code 130, once the interrupted work has unwound (its staging
    removed, its files closed) and its line is printed. Only the program's entry point
    (`cli.run`) and the servers' commands call it: in-process callers (tests) see SystemExit.

    Not `sys.exit`: CPython (3.11) remembers a KeyboardInterrupt that left an `exec` of a
    string (dataclasses and namedtuple make their methods that way while a module is
    imported, as during a build's first steps) as unhandled although it was handled, and
    then ends the process with SIGINT (status -2) instead of the exit code it was given.
    Output that cannot be flushed any more (a closed pipe) is let go: it still ends with 130.
    """
    _flushed()
    os._exit(INTERRUPTED)


def end_done() -> None:
    """End a command that succeeded at once, its output flushed, without Python's clean-up.

    Everything the command made is written and closed by then; what is left is freeing the
    objects of the build one by one, ~20 ms of a 0.5 s rebuild (mypy ends the same way).
    If the output cannot be flushed (a closed pipe), Python ends as usual and reports it; a
    stream closed before the program started (Python has None for it) has nothing to flush.
    """
    if _flushed():
        os._exit(0)


def _flushed() -> bool:
    """Flush stdout and stderr; False when one cannot be (a closed pipe). A stream closed
    before the program started (Python has None for it) has nothing to flush."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


def _terminate(_number: int, _frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so staging folders are cleaned up on the way out."""
    raise KeyboardInterrupt


def report_problems(problems: list[Problem], *, wrote_nothing: bool, advice: list[str] | None = None) -> None:
    """Every problem on its own line (`file:line:column: error: ...`), the advice, then the summary."""
    for problem in sorted_problems(problems):
        click.echo(str(problem), err=True)
    for line in advice or []:
        click.echo(line, err=True)
    if problems:
        click.echo(summary_line(problems, wrote_nothing=wrote_nothing), err=True)


@contextlib.contextmanager
def handled_failures(
    out_dir: Path, *, wrote_nothing: bool = True, interrupted: str | None = None
) -> Iterator[None]:
    """Run a command's work; a failure the user can act on becomes its lines on stderr and exit 1.

    `out_dir` is the folder being written (named when the disk refuses); `interrupted`, when
    given, is the line for Ctrl-C (else the group's "Interrupted." is printed).
    """
    try:
        yield
    except ContentError as exc:
        report_problems(exc.problems, wrote_nothing=wrote_nothing, advice=exc.advice)
        sys.exit(1)
    except ForeignFileError as exc:
        names = ", ".join(str(p) for p in exc.paths)
        _fail(f"{names} {FOREIGN}; move it away or choose another --out. Nothing was written.")
    except LinkedFolderError as exc:
        names = ", ".join(str(p) for p in exc.paths)
        _fail(f"{names} {LINKED} or choose another --out. Nothing was written.")
    except BuildRunning as exc:
        _fail(f"{RUNNING} ({exc.out_dir}); wait for it to finish, then build again. Nothing was written.")
    except KeyboardInterrupt:  # the swap holds signals back, so the folder holds one whole build
        if interrupted is None:
            raise
        click.echo(interrupted, err=True)
        sys.exit(INTERRUPTED)
    except OSError as exc:  # an --out in /proc, under a file, on a full or read-only disk
        _fail(f"cannot write to {out_dir}: {cannot_write(exc)}; choose another --out.")


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)
