"""Write a build so that it is all-or-nothing, and touch only files the tool wrote.

Every output is first written to a staging folder beside the output folder. Only when the
whole build has succeeded are the files moved into place, one `os.replace` each (atomic on
one file system), with Ctrl-C and SIGTERM held back for those few milliseconds. A manifest
in the output folder lists what the tool wrote, so a later build removes its own stale
files (a deleted card's page) and never a file someone else put there.

Two builds of one folder never interleave: each holds a lock (`build_lock`) from its first
write to its last. A build killed outright (SIGKILL, power cut) while swapping leaves a
folder the next build repairs: before the first rename, the manifest is rewritten as a
journal that claims the old and the new files and names the staging folder, so every file
in the folder stays the tool's, and the next build finishes the swap from the staging
folder (`recover`). Staging folders are recognised by a marker file inside them, never by
their name alone.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import stat
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TypedDict, TypeGuard

MANIFEST = ".workshop-manifest.json"
NEXT_MANIFEST = MANIFEST + ".next"  # the manifest after the swap, written before it starts
STAGING_PREFIX = ".workshop-staging-"
STAGING_MARKER = ".workshop-staging"  # inside every staging folder: {"out": name of the output folder}
LOCK_PREFIX = ".workshop-lock-"  # beside the output folder, only while a build runs
# what a build killed midway may leave in the output folder, removed by the next one
TEMPORARY = (MANIFEST + ".tmp", NEXT_MANIFEST, NEXT_MANIFEST + ".tmp")
CACHE_FOLDER = ".cache"  # build/.cache, whose files `cache.write_file` writes through ".NAME-….tmp"
Step = Callable[[str], None]
"""Told each step of a swap as it is done; tests use it to kill the process at every step."""


class _Swap(TypedDict):
    """The journal's record of an unfinished swap: enough for `recover` to finish it."""

    staging: str
    changed: list[str]
    stale: list[str]


class BuildRunning(Exception):
    """Another build of the same output folder holds its lock."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        super().__init__(str(out_dir))


class ForeignFileError(Exception):
    """An output would overwrite a file the tool did not write."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(", ".join(str(p) for p in paths))


class LinkedFolderError(Exception):
    """The output folder, or a folder in it that a build writes into, is a symbolic link."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(", ".join(str(p) for p in paths))


def linked_folders(out_dir: Path, names: AbstractSet[str] = frozenset()) -> list[Path]:
    """The folders a build of `out_dir` would write through that are links: the folder itself,
    its cache, and every folder an output in `names` goes into ('site' for 'site/index.html').

    Written through, a link would put the build (or its cache, which removes what it does
    not know) into whatever folder the link names.
    """
    folders = {CACHE_FOLDER, *_folders_of(names)}
    linked = [out_dir / folder for folder in folders if os.path.islink(os.path.join(out_dir, folder))]
    return sorted([out_dir, *linked] if out_dir.is_symlink() else linked)


def _folders_of(names: AbstractSet[str]) -> set[str]:
    """Every folder the files `names` (relative, with '/') lie in, '.' left out: 'site' and
    'site/a' for 'site/a/index.html'. With strings, not `Path.parents`: a build checks this
    for each of its files (a thousand for a 1,000-card site) on every rebuild."""
    folders: set[str] = set()
    for name in names:
        folder = os.path.dirname(name)
        while folder and folder not in folders:  # a folder met before brought its own parents
            folders.add(folder)
            folder = os.path.dirname(folder)
    return folders


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Hold the lock of `out_dir` for a whole build; BuildRunning when another build holds it.

    The lock is an flock on a file beside the output folder, so it is released by the
    kernel however a build ends, and a build that is refused writes nothing into the
    folder. The holder removes the file when done; a build that opened the file just
    before it was removed notices (another file, or none, at that name) and tries again.
    """
    import fcntl

    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    path = out_dir.parent / f"{LOCK_PREFIX}{out_dir.name}"
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise BuildRunning(out_dir) from None
        try:
            held = os.stat(path)
        except FileNotFoundError:
            held = None
        opened = os.fstat(handle)
        if held is not None and (held.st_dev, held.st_ino) == (opened.st_dev, opened.st_ino):
            break
        os.close(handle)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)  # while still holding it: nobody else can hold this file now
        os.close(handle)


def _manifest_data(out_dir: Path) -> dict[str, object]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_manifest(out_dir: Path) -> set[str]:
    """The relative paths the tool wrote into `out_dir` (empty when none).

    While a swap is under way (or after one was killed) these are the old and the new files.
    """
    files = _manifest_data(out_dir).get("files", [])
    return {str(p) for p in files if _plain_relative(str(p))} if isinstance(files, list) else set()


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
    clashes = []
    for name in sorted(names):
        mode = _mode(os.path.join(out_dir, name))  # followed, as Path.exists and is_dir follow links
        if mode is not None and (
            name not in owned or (stat.S_ISDIR(mode) and not os.path.islink(out_dir / name))
        ):
            clashes.append(out_dir / name)
    blocking = [  # a file where an output needs a folder ('site' for site/index.html) stops the swap midway
        out_dir / folder
        for folder in sorted(_folders_of(names), key=lambda folder: folder.split("/"))
        if (mode := _mode(os.path.join(out_dir, folder))) is not None and not stat.S_ISDIR(mode)
    ]
    return clashes + blocking


def _mode(path: str) -> int | None:
    """The file mode of `path` (a link followed), None where nothing is, as `Path.exists` sees it."""
    try:
        return os.stat(path).st_mode
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return None
        raise
    except ValueError:  # a NUL in the name
        return None


def write_outputs(
    out_dir: Path,
    files: Mapping[str, bytes],
    *,
    keep: AbstractSet[str] = frozenset(),
    on_step: Step | None = None,
) -> None:
    """Replace the tool's files in `out_dir` by `files` ({relative path: bytes}), atomically.

    `keep` names earlier outputs to leave in place although they are not in `files`
    (outputs not rebuilt this time, e.g. with `--only`).
    """
    with build_lock(out_dir):
        staging = Staging(out_dir)
        try:
            changed = staging.add(files)
            staging.commit(set(files), changed, keep, on_step=on_step)
        finally:
            staging.discard()


class Staging:
    """A build's files on their way into the output folder.

    Files are written here as soon as they are made — by whichever process made them, so
    writing a thousand site pages happens beside the other process's work instead of after
    it — and swapped into the output folder together by `commit`. A file the tool's own
    copy already holds byte for byte is not written at all.

    Make one only while holding `build_lock(out_dir)`: it first repairs what a killed build
    left (`recover`), which is safe only when no other build is running.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.absolute()
        linked = linked_folders(self.out_dir)
        if linked:  # before `recover`, which would tidy up in the folder the link names
            raise LinkedFolderError(linked)
        recover(self.out_dir)
        self.folder = self.out_dir.parent / f"{STAGING_PREFIX}{self.out_dir.name}-{os.getpid()}"
        self.folder.mkdir()
        try:
            marker = json.dumps({"out": self.out_dir.name})
            (self.folder / STAGING_MARKER).write_text(marker, encoding="utf-8")
        except BaseException:  # Ctrl-C or a full disk before the marker: nothing may stay behind
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self.previous = read_manifest(self.out_dir)
        self.swapping = False  # a swap began and did not finish: keep the staging folder for `recover`

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

    def commit(
        self,
        names: set[str],
        changed: set[str],
        keep: AbstractSet[str] = frozenset(),
        *,
        on_step: Step | None = None,
    ) -> None:
        """Swap the staged files in: `names` are this build's outputs, `changed` the staged ones.

        Everything that needs disk space (the journal, the next manifest) is written before
        the first rename, so a full disk stops the build while the folder is untouched.
        """
        linked = linked_folders(self.out_dir, names)
        if linked:
            raise LinkedFolderError(linked)
        clashes = foreign_files(self.out_dir, names)
        if clashes:
            raise ForeignFileError(clashes)
        step = on_step or (lambda _name: None)
        owned = names | (self.previous & keep)
        swap: _Swap = {
            "staging": self.folder.name,
            "changed": sorted(changed),
            "stale": sorted(self.previous - owned),
        }
        journal = {"files": sorted(self.previous | owned), "swap": swap}
        created = not self.out_dir.exists()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with _signals_held():
            try:
                _write_json(self.out_dir / NEXT_MANIFEST, {"files": sorted(owned)})
                step("next manifest written")
                _write_json(self.out_dir / MANIFEST, journal)
            except BaseException:  # e.g. the disk is full: leave the folder as it was
                with contextlib.suppress(OSError):
                    (self.out_dir / NEXT_MANIFEST).unlink()
                    if created:
                        self.out_dir.rmdir()
                raise
            self.swapping = True
            step("journal written")
            _finish_swap(self.folder, self.out_dir, swap, step)
            self.swapping = False

    def discard(self) -> None:
        """Remove what is left of the staging folder (everything, if nothing was committed).

        After a swap that failed midway it stays: the next build finishes the swap from it.
        """
        if not self.swapping:
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


def _finish_swap(staging: Path, out_dir: Path, swap: _Swap, step: Step) -> None:
    """Move the staged files in, remove stale ones, then put the next manifest in place.

    Safe to run again after it was killed at any point (`recover` does): a file or folder
    already moved is no longer in the staging folder and is skipped, and until the last
    rename the journal in the manifest claims the old and the new files alike.
    """
    moved: set[Path] = set()
    for name in swap["changed"]:
        path = Path(name)
        if not _plain_relative(name) or moved.intersection(path.parents):
            continue  # its folder was moved in whole
        folder = _new_folder(out_dir, path)
        # a folder new to the output folder (the site of a first build): one rename, not a thousand
        if folder is not None and (staging / folder).is_dir():
            os.replace(staging / folder, out_dir / folder)
            moved.add(folder)
            step(f"moved {folder}")
            continue
        if not (staging / name).is_file():
            continue  # moved in before the build that staged it was killed
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)
        step(f"moved {name}")
    for stale in swap["stale"]:
        _remove_owned(out_dir, stale)
        step(f"removed {stale}")
    os.replace(out_dir / NEXT_MANIFEST, out_dir / MANIFEST)
    step("manifest in place")


def recover(out_dir: Path) -> None:
    """Repair what a build killed midway left: finish its swap, remove its leftovers
    (staging folders, temporary files, cache files it was writing).

    Call only while holding `build_lock(out_dir)`. With its staging folder gone (removed by
    hand), a killed swap cannot be finished; its journal keeps every file the tool's, and
    the next build replaces whatever differs.
    """
    swap = _manifest_data(out_dir).get("swap")
    if isinstance(swap, dict) and _valid_swap(swap):
        staging = out_dir.parent / swap["staging"]
        if _staging_of(staging) == out_dir.name and (out_dir / NEXT_MANIFEST).is_file():
            _finish_swap(staging, out_dir, swap, lambda _name: None)
        else:
            _write_json(out_dir / MANIFEST, {"files": sorted(read_manifest(out_dir))})
    for name in TEMPORARY:
        with contextlib.suppress(FileNotFoundError):
            (out_dir / name).unlink()
    cache = out_dir / CACHE_FOLDER
    if cache.is_dir() and not cache.is_symlink():
        for leftover in cache.rglob(".*.tmp"):
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink()
    clean_stale_staging(out_dir)


def _valid_swap(swap: dict[str, object]) -> TypeGuard[_Swap]:
    """A journal the tool could have written (the manifest is a file anyone can edit)."""
    staging = swap.get("staging")
    lists = (swap.get("changed"), swap.get("stale"))
    return (
        isinstance(staging, str)
        and staging.startswith(STAGING_PREFIX)
        and "/" not in staging
        and "\\" not in staging
        and all(isinstance(names, list) and all(isinstance(n, str) for n in names) for names in lists)
    )


def _new_folder(out_dir: Path, path: Path) -> Path | None:
    """The outermost folder of `path` that does not exist in `out_dir` yet (None: all exist).

    The staging folder holds only files being written, so such a folder can be moved into
    place as a whole: everything in it is ours and new.
    """
    for folder in reversed(path.parents[:-1]):  # outermost first, without '.'
        if not (out_dir / folder).exists() and not (out_dir / folder).is_symlink():
            return folder
    return None


def _write_json(target: Path, data: object) -> None:
    """Write `target` whole or not at all: a full disk leaves no half file and no temporary one."""
    temporary = target.with_name(target.name + ".tmp")
    try:
        temporary.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


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


def clean_stale_staging(out_dir: Path) -> None:
    """Remove staging folders that builds of `out_dir` left when they were killed.

    Only folders holding the marker the tool writes, naming this output folder: a user's
    folder called '.workshop-staging-notes' is never touched, nor a build of another
    output folder beside this one. Call only while holding `build_lock(out_dir)`, so no
    build of this folder is using one.
    """
    if not out_dir.parent.is_dir():
        return
    for staging in out_dir.parent.glob(f"{STAGING_PREFIX}*"):
        if _staging_of(staging) == out_dir.name:
            shutil.rmtree(staging, ignore_errors=True)


def _staging_of(folder: Path) -> str | None:
    """The name of the output folder `folder` stages for, when it is one of the tool's staging folders."""
    try:
        data = json.loads((folder / STAGING_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    out = data.get("out") if isinstance(data, dict) else None
    return out if isinstance(out, str) and not folder.is_symlink() else None


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
