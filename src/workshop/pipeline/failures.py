"""Why a build failed, in words for people: the one mapping from a failure to what is shown.

A build can fail for reasons the user can act on: the content has problems (`ContentError`),
an output would overwrite a file the tool did not write (`ForeignFileError`) or go through a
link into another folder (`LinkedFolderError`), another build
of the folder is running (`BuildRunning`), or the disk refuses (`OSError`: full, read-only,
an output folder under /proc). Both front ends say the same thing about each: the command
line (`workshop.cli.error_handler`) prints it and exits 1, `workshop serve` shows it on
every page and keeps serving. Only the remedy differs (choose another `--out`; save again),
so the phrases live here and each front end adds its own.
"""

from __future__ import annotations

from pathlib import Path

from workshop.content.problems import ContentError, Location, Problem
from workshop.pipeline.staging import BuildRunning, ForeignFileError, LinkedFolderError

FOREIGN = "already exists and was not written by workshop"
RUNNING = "another build of this folder is running"
LINKED = "is a link to another folder, and a build writes only into folders of its own; replace the link by a real folder"


def cannot_write(exc: OSError) -> str:
    """What the system said when an output could not be written (`No space left on device`)."""
    return str(exc.strerror or exc)


def failure_problems(exc: BaseException, out_dir: Path) -> list[Problem] | None:
    """The problems to show for a failed build of `out_dir`, each at its place; None if `exc`
    is not a failure the user can act on (then it is a bug, reported as one by the caller)."""
    if isinstance(exc, ContentError):
        return exc.problems
    if isinstance(exc, ForeignFileError):
        return [Problem(Location(path), f"{FOREIGN}; move it away") for path in exc.paths]
    if isinstance(exc, LinkedFolderError):
        return [Problem(Location(path), LINKED) for path in exc.paths]
    if isinstance(exc, BuildRunning):
        return [Problem(Location(exc.out_dir), f"{RUNNING}; save again when it is done")]
    if isinstance(exc, OSError):
        where = Path(exc.filename) if exc.filename else out_dir
        message = f"cannot write: {cannot_write(exc)}; free some space or check the folder's permissions"
        return [Problem(Location(where), message)]
    return None
