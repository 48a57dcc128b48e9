"""Atomic outputs: all or nothing, and only the tool's own files are ever replaced or removed."""

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.pipeline import staging as output
from workshop.pipeline.staging import (
    CACHE_FOLDER,
    MANIFEST,
    STAGING_PREFIX,
    BuildRunning,
    ForeignFileError,
    build_lock,
    foreign_files,
    linked_folders,
    read_manifest,
    recover,
    write_outputs,
)


def test_first_build_writes_files_and_manifest(tmp_path: Path):
    out = tmp_path / "build"
    write_outputs(out, {"a.pdf": b"A", "site/x/index.html": b"X"})
    assert (out / "a.pdf").read_bytes() == b"A"
    assert (out / "site/x/index.html").read_bytes() == b"X"
    assert output.read_manifest(out) == {"a.pdf", "site/x/index.html"}
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_rebuild_removes_stale_own_files_but_never_others(tmp_path: Path):
    out = tmp_path / "build"
    write_outputs(out, {"a.pdf": b"A", "site/old/index.html": b"O"})
    (out / "site" / "old" / "mine.txt").write_text("user file")
    (out / "notes.txt").write_text("user file")
    write_outputs(out, {"a.pdf": b"A2"})
    assert (out / "a.pdf").read_bytes() == b"A2"
    assert not (out / "site/old/index.html").exists()
    assert (out / "site/old/mine.txt").read_text() == "user file"
    assert (out / "notes.txt").read_text() == "user file"


def test_unchanged_outputs_are_left_alone_and_hand_edits_restored(tmp_path: Path):
    """A rebuild rewrites only what changed (a thousand site pages stay put), and an output
    someone changed by hand is put right."""
    out = tmp_path / "build"
    write_outputs(out, {"a.pdf": b"A", "site/x/index.html": b"X", "site/y/index.html": b"Y"})
    before = {name: (out / name).stat().st_ino for name in ("a.pdf", "site/x/index.html")}
    (out / "site/y/index.html").write_bytes(b"edited by hand")
    write_outputs(out, {"a.pdf": b"A2", "site/x/index.html": b"X", "site/y/index.html": b"Y"})
    assert (out / "a.pdf").read_bytes() == b"A2" and (out / "a.pdf").stat().st_ino != before["a.pdf"]
    assert (out / "site/x/index.html").stat().st_ino == before["site/x/index.html"]
    assert (out / "site/y/index.html").read_bytes() == b"Y"


def test_keep_leaves_outputs_not_rebuilt(tmp_path: Path):
    out = tmp_path / "build"
    write_outputs(out, {"a.pdf": b"A", "b.pdf": b"B"})
    write_outputs(out, {"a.pdf": b"A2"}, keep={"b.pdf"})
    assert (out / "b.pdf").read_bytes() == b"B"
    assert output.read_manifest(out) == {"a.pdf", "b.pdf"}


def test_a_file_the_tool_did_not_write_is_never_overwritten(tmp_path: Path):
    out = tmp_path / "shared"
    out.mkdir()
    (out / "cards.pdf").write_bytes(b"somebody's own pdf")
    with pytest.raises(ForeignFileError):
        write_outputs(out, {"cards.pdf": b"new"})
    assert (out / "cards.pdf").read_bytes() == b"somebody's own pdf"
    assert not (out / MANIFEST).exists()


def test_failure_while_staging_leaves_previous_build_and_no_temporary_files(tmp_path: Path, monkeypatch):
    out = tmp_path / "build"
    write_outputs(out, {"a.pdf": b"old A", "b.pdf": b"old B"})
    real_write = Path.write_bytes

    def failing_write(self: Path, data: bytes) -> int:
        if self.name == "b.pdf":
            raise OSError("disk full")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError):
        write_outputs(out, {"a.pdf": b"new A", "b.pdf": b"new B"})
    assert (out / "a.pdf").read_bytes() == b"old A"
    assert (out / "b.pdf").read_bytes() == b"old B"
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_staging_left_by_a_killed_build_is_cleaned_up_and_a_users_look_alike_kept(tmp_path: Path):
    out = tmp_path / "build"
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_STAGING, str(out)], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    (stale,) = tmp_path.glob(f"{STAGING_PREFIX}*")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    users = tmp_path / f"{STAGING_PREFIX}build-{dead.stdout.strip()}"  # named like ours, of a dead process
    (users / "site").mkdir(parents=True)
    (users / "notes.txt").write_text("mine")
    assert (tmp_path / f"{output.LOCK_PREFIX}build").exists()  # the kernel released its lock, though
    write_outputs(out, {"a.pdf": b"A"})
    assert not stale.exists()
    assert (users / "notes.txt").read_text() == "mine"
    assert not (tmp_path / f"{output.LOCK_PREFIX}build").exists()


def test_temporary_files_of_a_killed_build_are_removed_by_the_next(tmp_path: Path):
    out = tmp_path / "build"
    write_outputs(out, {"a.pdf": b"A"})
    leftovers = [out / ".workshop-manifest.json.tmp", out / ".cache/.qr-matrices.json-x1y2.tmp"]
    leftovers.append(out / ".cache/guide-chapters/.0a1b-z9.tmp")
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(b"half")
    (out / ".cache/qr-matrices.json").write_text("{}")
    write_outputs(out, {"a.pdf": b"A2"})
    assert not [p for p in leftovers if p.exists()]
    assert (out / ".cache/qr-matrices.json").read_text() == "{}"


KILLED_WHILE_STAGING = """
import os, signal, sys
from pathlib import Path
from workshop.pipeline.staging import Staging, build_lock
with build_lock(Path(sys.argv[1])):
    Staging(Path(sys.argv[1])).add({"site/x/index.html": b"X"})
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_second_build_of_one_folder_is_refused_and_writes_nothing(tmp_path: Path):
    out = tmp_path / "build"
    write_outputs(out, {"a.pdf": b"old"})
    before = snapshot(tmp_path)
    with build_lock(out), pytest.raises(BuildRunning):
        write_outputs(out, {"a.pdf": b"new"})
    assert snapshot(tmp_path) == before  # the lock file is gone again too


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under `folder`, by relative path."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


OLD = {"a.pdf": b"old A", "site/x/index.html": b"X", "site/gone/index.html": b"G", "b.pdf": b"B"}
NEW = {
    "a.pdf": b"new A",
    "site/x/index.html": b"X",
    "site/new/index.html": b"N",
    "new/f.txt": b"F",
    "b.pdf": b"B",
}
SWAP_STEPS = 7  # next manifest, journal, a.pdf, new/, site/new/index.html, site/gone removed, manifest
SWAP_DRIVER = f"""
import os, signal, sys
from pathlib import Path
from workshop.pipeline.staging import write_outputs
out, at, sig = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
signal.signal(signal.SIGTERM, signal.default_int_handler)  # as the CLI does
steps = []
def step(name):
    steps.append(name)
    print(name, flush=True)
    if len(steps) == at:
        os.kill(os.getpid(), sig)
write_outputs(out, {NEW!r}, on_step=step)
"""


def run_swap(out: Path, at: int, sig: int) -> subprocess.CompletedProcess[str]:
    """Write NEW over OLD in another process that sends itself `sig` at step `at` of the swap."""
    return subprocess.run(
        [sys.executable, "-c", SWAP_DRIVER, str(out), str(at), str(int(sig))], capture_output=True, text=True
    )


def fresh(tmp_path: Path, files: dict[str, bytes]) -> dict[str, bytes | None]:
    clean = tmp_path / "fresh" / "build"
    write_outputs(clean, files)
    return snapshot(clean)


def test_the_swap_has_the_steps_the_kill_tests_kill_at(tmp_path: Path):
    write_outputs(tmp_path / "build", OLD)
    done = run_swap(tmp_path / "build", 0, signal.SIGKILL)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == SWAP_STEPS
    assert snapshot(tmp_path / "build") == fresh(tmp_path, NEW)


@pytest.mark.parametrize("at", range(1, SWAP_STEPS + 1))
def test_sigkill_at_each_step_of_the_swap_leaves_a_folder_the_next_build_repairs(tmp_path: Path, at: int):
    out = tmp_path / "build"
    write_outputs(out, OLD)
    killed = run_swap(out, at, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL and len(killed.stdout.splitlines()) == at
    files = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != MANIFEST}
    assert files <= output.read_manifest(out) | set(output.TEMPORARY)  # everything there is the tool's
    with build_lock(out):  # what the next build does first: finish the swap, or keep the old build
        recover(out)
    assert snapshot(out) == fresh(tmp_path / "old", OLD if at < 2 else NEW)
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
    write_outputs(out, NEW)  # and the next good build succeeds
    assert snapshot(out) == fresh(tmp_path, NEW)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
@pytest.mark.parametrize("at", [1, 3, SWAP_STEPS - 1])
def test_ctrl_c_during_the_swap_waits_for_the_whole_new_build(tmp_path: Path, at: int, sig: int):
    out = tmp_path / "build"
    write_outputs(out, OLD)
    interrupted = run_swap(out, at, sig)
    assert interrupted.returncode != 0 and "KeyboardInterrupt" in interrupted.stderr  # delivered afterwards
    assert len(interrupted.stdout.splitlines()) == SWAP_STEPS
    assert snapshot(out) == fresh(tmp_path, NEW)
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


KILL_SCRIPT = """
import sys, time
from pathlib import Path
from workshop.pipeline.staging import write_outputs
real = Path.write_bytes
def slow(self, data):
    print("staging", flush=True)
    time.sleep(30)
    return real(self, data)
Path.write_bytes = slow
write_outputs(Path(sys.argv[1]), {"a.pdf": b"new"})
"""


@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "term", "kill"]
)
def test_a_build_killed_midway_leaves_the_old_build_intact(tmp_path: Path, sig: int):
    out = tmp_path / "build"
    write_outputs(out, {"a.pdf": b"old"})
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "staging"
    if sig == signal.SIGTERM:  # the CLI turns SIGTERM into KeyboardInterrupt; do the same here
        child.send_signal(signal.SIGINT)
    else:
        child.send_signal(sig)
    child.communicate(timeout=20)
    assert (out / "a.pdf").read_bytes() == b"old"
    if sig != signal.SIGKILL:
        assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
    write_outputs(out, {"a.pdf": b"next"})  # the next build cleans whatever a SIGKILL left
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
    assert (out / "a.pdf").read_bytes() == b"next"


def _foreign_as_pathlib_sees_it(out_dir: Path, names: set[str]) -> list[Path]:
    """`foreign_files` written plainly with pathlib (as it was): the reference for its answers."""
    owned = read_manifest(out_dir)
    clashes = [
        out_dir / name
        for name in sorted(names)
        if (out_dir / name).exists()
        and (name not in owned or ((out_dir / name).is_dir() and not (out_dir / name).is_symlink()))
    ]
    folders = {parent for name in names for parent in Path(name).parents if parent != Path(".")}
    blocking = [
        out_dir / folder
        for folder in sorted(folders)
        if (out_dir / folder).exists() and not (out_dir / folder).is_dir()
    ]
    return clashes + blocking


def _linked_as_pathlib_sees_it(out_dir: Path, names: set[str]) -> list[Path]:
    folders = {Path("."), Path(CACHE_FOLDER)}
    folders.update(parent for name in names for parent in Path(name).parents)
    return sorted(out_dir / folder for folder in folders if (out_dir / folder).is_symlink())


def test_foreign_files_and_linked_folders_answer_as_pathlib_does(tmp_path: Path) -> None:
    """Checked with strings and one stat per path (on every rebuild, for every file), they
    find what the plain pathlib version finds, in its order, in a folder with every kind of
    surprise: foreign files, files where folders go, folders where files go, links (to a
    folder, to a file, dangling, in a loop) and names that sort differently as paths."""
    out = tmp_path / "build"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "site" / "a").mkdir(parents=True)
    (out / "site" / "a" / "index.html").write_text("ours")
    (out / "site" / "b").write_text("a file where a folder goes")
    (out / "site-y").write_text("another, sorted before site/b as text, after it as a path")
    (out / "site-x").mkdir()
    (out / "site-x" / "index.html").write_text("not ours")
    (out / "guide.pdf").mkdir()  # a folder where a file goes
    (out / "cards.pdf").symlink_to(elsewhere / "missing.pdf")  # dangling
    (out / "handouts.pdf").symlink_to(out / "site" / "a" / "index.html")
    (out / "site" / "c").symlink_to(elsewhere)
    (out / "loop").symlink_to(out / "loop")
    (out / MANIFEST).write_text(json.dumps({"files": ["site/a/index.html", "handouts.pdf", "guide.pdf"]}))
    names = {
        "site/a/index.html",
        "site/b/index.html",
        "site/c/index.html",
        "site-x/index.html",
        "site-y/index.html",
        "site/d/e/index.html",
        "guide.pdf",
        "cards.pdf",
        "handouts.pdf",
        "loop/x",
        "index.html",
    }
    found = foreign_files(out, names)
    assert found == _foreign_as_pathlib_sees_it(out, names)
    assert out / "site-x" / "index.html" in found
    assert found[-2:] == [out / "site" / "b", out / "site-y"]
    assert (
        linked_folders(out, names)
        == _linked_as_pathlib_sees_it(out, names)
        == [out / "loop", out / "site" / "c"]
    )
    assert linked_folders(out) == _linked_as_pathlib_sees_it(out, set()) == []
    linked_out = tmp_path / "linked-build"
    linked_out.symlink_to(out)
    assert linked_folders(linked_out, names) == _linked_as_pathlib_sees_it(linked_out, names)
    assert linked_folders(linked_out, names)[0] == linked_out
