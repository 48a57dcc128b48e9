"""Write a build so that it is all-or-nothing, and touch only files the tool wrote.

Every output is first written to a staging folder beside the output folder. Only when the
whole build has succeeded are the files moved into place, one `os.replace` each (atomic on
one file system), with Ctrl-C and SIGTERM held back for those few milliseconds. A manifest
in the output folder lists what the tool wrote, so a later build removes its own stale
files (a deleted card's page) and never a file someone else put there.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
from collections.abc import Iterator, Mapping
from pathlib import Path

MANIFEST = ".workshop-manifest.json"
STAGING_PREFIX = ".workshop-staging-"


class ForeignFileError(Exception):
    """An output would overwrite a file the tool did not write."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(", ".join(str(p) for p in paths))


def read_manifest(out_dir: Path) -> set[str]:
    """The relative paths the tool wrote into `out_dir` last time (empty when none)."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return {str(p) for p in data.get("files", []) if _plain_relative(str(p))}
    except (OSError, ValueError, AttributeError, TypeError):
        return set()


def _plain_relative(name: str) -> bool:
    """A manifest entry the tool could have written: relative, inside the folder, no tricks.

    The manifest is a file anyone can edit or ship in a zip; '/home/x/thesis.pdf' or
    '../notes.txt' in it must never make a build overwrite or delete that file.
    """
    path = Path(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def foreign_files(out_dir: Path, names: set[str]) -> list[Path]:
    """Outputs that already exist in `out_dir` but were not written by this tool."""
    owned = read_manifest(out_dir)
    clashes = [out_dir / name for name in sorted(names - owned) if (out_dir / name).exists()]
    blocking = {  # a file where an output needs a folder ('site' for site/index.html) stops the swap midway
        out_dir / parent
        for name in names
        for parent in Path(name).parents
        if parent != Path(".") and (out_dir / parent).exists() and not (out_dir / parent).is_dir()
    }
    return clashes + sorted(blocking)


def write_outputs(out_dir: Path, files: Mapping[str, bytes], *, keep: set[str] = frozenset()) -> None:
    """Replace the tool's files in `out_dir` by `files` ({relative path: bytes}), atomically.

    `keep` names earlier outputs to leave in place although they are not in `files`
    (outputs not rebuilt this time, e.g. with `--only`).
    """
    staging = Staging(out_dir)
    try:
        changed = staging.add(files)
        staging.commit(set(files), changed, keep)
    finally:
        staging.discard()


class Staging:
    """A build's files on their way into the output folder.

    Files are written here as soon as they are made — by whichever process made them, so
    writing a thousand site pages happens beside the other process's work instead of after
    it — and swapped into the output folder together by `commit`. A file the tool's own
    copy already holds byte for byte is not written at all.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.absolute()
        clean_stale_staging(self.out_dir.parent)
        self.folder = self.out_dir.parent / f"{STAGING_PREFIX}{self.out_dir.name}-{os.getpid()}"
        self.previous = read_manifest(self.out_dir)

    def add(self, files: Mapping[str, bytes]) -> set[str]:
        """Stage `files`; the names of those that differ from what the output folder holds."""
        changed = {
            name for name, data in files.items() if not _unchanged(self.out_dir, name, data, self.previous)
        }
        for name in changed:
            target = self.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[name])
        return changed

    def commit(self, names: set[str], changed: set[str], keep: set[str] = frozenset()) -> None:
        """Swap the staged files in: `names` are this build's outputs, `changed` the staged ones."""
        clashes = foreign_files(self.out_dir, names)
        if clashes:
            raise ForeignFileError(clashes)
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        with _signals_held():
            _commit(self.folder, self.out_dir, names, changed, keep, self.previous)

    def discard(self) -> None:
        """Remove what is left of the staging folder (everything, if nothing was committed)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _unchanged(out_dir: Path, name: str, data: bytes, previous: set[str]) -> bool:
    """True when the tool's own file `name` already holds exactly `data`: nothing to write.

    A rebuild after editing one card changes a few files of a thousand; comparing the bytes
    (not trusting a recorded digest) also restores an output someone changed by hand.
    """
    target = out_dir / name
    if name not in previous or target.is_symlink() or not target.is_file():
        return False
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def _commit(
    staging: Path, out_dir: Path, names: set[str], changed: set[str], keep: set[str], previous: set[str]
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    moved: set[Path] = set()
    for name in sorted(changed):
        path = Path(name)
        if moved.intersection(path.parents):
            continue  # its folder was moved in whole
        folder = _new_folder(out_dir, path)
        if folder is not None:  # e.g. the site of a first build: one rename instead of a thousand
            os.replace(staging / folder, out_dir / folder)
            moved.add(folder)
            continue
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not target.is_symlink():
            raise ForeignFileError([target])
        os.replace(staging / name, target)
    owned = names | (previous & keep)
    _write_manifest(out_dir, owned)
    for stale in sorted(previous - owned):
        _remove_owned(out_dir, stale)


def _new_folder(out_dir: Path, path: Path) -> Path | None:
    """The outermost folder of `path` that does not exist in `out_dir` yet (None: all exist).

    The staging folder holds only files being written, so such a folder can be moved into
    place as a whole: everything in it is ours and new.
    """
    for folder in reversed(path.parents[:-1]):  # outermost first, without '.'
        if not (out_dir / folder).exists() and not (out_dir / folder).is_symlink():
            return folder
    return None


def _write_manifest(out_dir: Path, names: set[str]) -> None:
    # a build may write no file at all (e.g. --only handouts for a workshop without roleplays)
    out_dir.mkdir(parents=True, exist_ok=True)
    temporary = out_dir / (MANIFEST + ".tmp")
    temporary.write_text(json.dumps({"files": sorted(names)}, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, out_dir / MANIFEST)


def _remove_owned(out_dir: Path, name: str) -> None:
    """Remove a file the tool wrote earlier, and the folders that this leaves empty."""
    path = out_dir / name
    if not _plain_relative(name) or not path.is_file():
        return
    if not path.resolve().is_relative_to(out_dir.resolve()):
        return  # reached through a link to another folder: not ours to delete
    path.unlink()
    parent = path.parent
    while parent != out_dir and parent.is_relative_to(out_dir):
        try:
            parent.rmdir()  # only succeeds when empty: never removes anything else
        except OSError:
            break
        parent = parent.parent


def clean_stale_staging(folder: Path) -> None:
    """Remove staging folders left by builds that were killed (their process is gone)."""
    if not folder.is_dir():
        return
    for staging in folder.glob(f"{STAGING_PREFIX}*"):
        pid = staging.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Delay SIGINT/SIGTERM while files are being swapped in; deliver them afterwards."""
    try:
        old = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # pragma: no cover - not in the main thread: nothing to hold
        yield
        return
    received: list[int] = []
    try:
        for sig in old:
            signal.signal(sig, lambda number, _frame: received.append(number))
    except ValueError:  # not in the main thread (e.g. the serve watcher)
        yield
        return
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
        for number in received:
            os.kill(os.getpid(), number)
