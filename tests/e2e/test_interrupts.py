"""A real `workshop build` process, as a trainer meets it: nothing on stderr but progress and
located problems, Ctrl-C and SIGTERM at any moment end it with one line and exit code 130,
two builds of one folder never interleave, and a failed build leaves build/ byte for byte.

Builds of 60 cards and more render the guide in a second process; these tests run the CLI
in a subprocess so that process's stderr is read too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cardgen import write_workshop
from tests.conftest import IN_CI
from workshop.content.problems import ContentError, Location, Problem
from workshop.pipeline.staging import LOCK_PREFIX, STAGING_PREFIX, build_lock

PROBLEM = re.compile(r"^\S+:\d+:\d+: (error|warning): ")
ADVICE = re.compile(r"^\d+ cards? do(es)? not fit on ")
"""The line after fit errors that says what size or face would make every card fit."""
SUMMARY = re.compile(r"^\d+ errors?, \d+ warnings?\.( Nothing was written\.)?$")
FIRST_DILEMMA = "question: Authentiek of onvriendelijk?"
TOO_LONG = "question: " + "Is dit nog authentiek of al onvriendelijk tegenover de gast? " * 20


def build(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop", "build", str(folder), *args], capture_output=True, text=True
    )


def start_build(folder: Path, *args: str) -> subprocess.Popen[str]:
    """A build in its own process group, as a terminal runs it (Ctrl-C reaches the whole group)."""
    return subprocess.Popen(
        [sys.executable, "-m", "workshop", "build", str(folder), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def tree(folder: Path, *, cache: bool = True) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under `folder`; without .cache when `cache` is False."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
        if cache or ".cache" not in p.relative_to(folder).parts
    }


def edit(folder: Path, old: str, new: str) -> None:
    cards = folder / "cards.yaml"
    text = cards.read_text(encoding="utf-8")
    assert old in text, old
    cards.write_text(text.replace(old, new, 1), encoding="utf-8")


def is_progress(line: str) -> bool:
    return line.startswith("  ")


def assert_quiet(result: subprocess.CompletedProcess[str], *, failing: bool) -> None:
    """stderr holds progress lines and, for a failing build, located problems and their summary."""
    assert "Traceback" not in result.stderr and "Process " not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if not is_progress(line)]
    if not failing:
        assert result.returncode == 0 and lines == [], result.stderr
        return
    assert result.returncode == 1, result.stderr
    assert lines and all(PROBLEM.match(line) or ADVICE.match(line) for line in lines[:-1]), result.stderr
    assert SUMMARY.match(lines[-1]), result.stderr
    assert any("does not fit" in line for line in lines), result.stderr


def rebuilds(folder: Path, count: int, ok_args: tuple[str, ...], failing_args: tuple[str, ...]) -> None:
    """Edit, build, check stderr, `count` times; every third build has a card that does not fit."""
    for i in range(count):
        failing = i % 3 == 2
        if failing:
            edit(folder, FIRST_DILEMMA, TOO_LONG)
        result = build(folder, *(failing_args if failing else ok_args))
        assert_quiet(result, failing=failing)
        if failing:
            edit(folder, TOO_LONG, FIRST_DILEMMA)
        else:
            edit(
                folder, f"Thee op het terras {3 * i + 1}\n", f"Thee op het terras {3 * i + 1} (versie {i})\n"
            )


def test_twenty_builds_of_60_and_300_cards_print_no_traceback(tmp_path: Path):
    """The pool's process used to print 'Process ForkPoolWorker-N: Traceback … KeyboardInterrupt'
    in about one build of four, successful or not; failing builds end it while it works."""
    small = write_workshop(tmp_path / "w60", 60)
    assert_quiet(build(small), failing=False)
    rebuilds(small, 11, (), ())
    large = write_workshop(tmp_path / "w300", 300)
    # the guide (in the second process) beside the site or the cards keeps the two-process path
    assert_quiet(build(large, "--only", "guide,site"), failing=False)
    rebuilds(large, 7, ("--only", "guide,site"), ("--only", "cards,guide"))


def render(workshop: object, context: object) -> dict[str, bytes]:
    """A guide renderer that fails as a renderer does: for the test below, in the second process."""
    place = Location(Path("cards.yaml"), 3, 5)
    if FAILURE == "content":
        raise ContentError([Problem(place, f"made in process {os.getpid()}; shorten it")])
    raise OSError(28, "No space left on device")


FAILURE = "content"


@pytest.mark.parametrize("failure", ["content", "disk"])
def test_an_error_in_the_second_process_reaches_the_caller_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], failure: str
):
    import multiprocessing

    from workshop.pipeline import build as pipeline

    folder = write_workshop(tmp_path / "w", 60)
    before = tree(folder)
    monkeypatch.setitem(pipeline.RENDERERS, "guide", __name__)
    monkeypatch.setattr(sys.modules[__name__], "FAILURE", failure)
    workshop, _ = pipeline.load_and_check(folder)
    assert pipeline._parallel_outputs(workshop, list(pipeline.OUTPUT_NAMES)), "one process: nothing tested"
    with pytest.raises((ContentError, OSError)) as raised:
        pipeline.build_workshop(folder)
    if failure == "content":
        (problem,) = raised.value.problems
        assert str(problem).startswith("cards.yaml:3:5: error: made in process ")
        assert f"process {os.getpid()};" not in problem.message  # it did come from the other process
    else:
        assert raised.value.errno == 28
    assert multiprocessing.active_children() == []
    assert capfd.readouterr().err == ""
    after = tree(folder, cache=False)  # build/.cache: see test_a_failed_build_leaves_the_cache_byte_for_byte
    after.pop("build", None)
    assert after == before  # the first build failed: no outputs, no staging, no lock


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 150-card workshop (progress lines are shown from 100 cards on), built once."""
    folder = write_workshop(tmp_path_factory.mktemp("warm") / "w", 150)
    assert_quiet(build(folder), failing=False)
    return folder


def interrupt(folder: Path, sig: int, after: str | None) -> tuple[subprocess.Popen[str], str]:
    """Start a build and send `sig` once stderr shows a line containing `after` (None: while loading).

    SIGINT goes to the whole process group, as Ctrl-C in a terminal does; SIGTERM to the build
    only, as `kill` does. Returns the process, ended, and its stderr.
    """
    child = start_build(folder)
    assert child.stderr is not None
    seen = ""
    if after is None:
        maps = Path(f"/proc/{child.pid}/maps")
        while child.poll() is None and "pydantic_core" not in maps.read_text(errors="replace"):
            time.sleep(0.01)  # until the content's models are imported: the build has started its work
    else:
        while after not in (line := child.stderr.readline()):
            assert line, f"the build ended before {after!r}:\n{seen}"
            seen += line
    if sig == signal.SIGINT:
        os.killpg(child.pid, sig)
    else:
        child.send_signal(sig)
    _, rest = child.communicate(timeout=120)
    return child, seen + rest


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
@pytest.mark.parametrize("after", [None, "checking", "making cards"])
def test_interrupted_at_any_phase_exits_130_with_one_line_and_the_last_build(
    warm: Path, tmp_path: Path, sig: int, after: str | None
):
    folder = tmp_path / "w"
    shutil.copytree(warm, folder)
    before = tree(folder / "build", cache=False)
    edit(folder, "Thee op het terras 1\n", "Koffie op het terras 1\n")
    child, err = interrupt(folder, sig, after)
    lines = [line for line in err.splitlines() if not is_progress(line)]
    assert child.returncode == 130 and len(lines) == 1 and lines[0].startswith("Interrupted"), err
    assert tree(folder / "build", cache=False) == before
    assert not list(folder.glob(f"{STAGING_PREFIX}*")) and not list(folder.glob(f"{LOCK_PREFIX}*"))


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_interrupted_while_writing_leaves_one_whole_build(warm: Path, tmp_path: Path, sig: int):
    """Signals wait while files are swapped in: the folder holds the old build or the new one."""
    folder = tmp_path / "w"
    shutil.copytree(warm, folder)
    before = tree(folder / "build", cache=False)
    edit(folder, "Thee op het terras 1\n", "Koffie op het terras 1\n")
    child, err = interrupt(folder, sig, "writing")
    lines = [line for line in err.splitlines() if not is_progress(line)]
    assert "Traceback" not in err
    assert (child.returncode, len(lines)) in ((130, 1), (0, 1)), err  # 0: it ended before the signal came
    after = tree(folder / "build", cache=False)
    assert_quiet(build(folder), failing=False)  # the next build completes whatever is missing
    assert after in (before, tree(folder / "build", cache=False))


def test_a_second_build_of_one_folder_exits_1_and_writes_nothing(minimal: Path):
    assert_quiet(build(minimal), failing=False)
    before = tree(minimal)
    with build_lock(minimal / "build"):  # a build of this folder is running
        second = build(minimal)
    assert second.returncode == 1
    assert second.stderr.splitlines() == [
        f"error: another build of this folder is running ({(minimal / 'build').absolute()}); "
        "wait for it to finish, then build again. Nothing was written."
    ]
    assert tree(minimal) == before


def test_two_builds_started_together_never_interleave(tmp_path: Path):
    folder = write_workshop(tmp_path / "w", 20)
    assert_quiet(build(folder), failing=False)
    edit(folder, "Thee op het terras 1\n", "Koffie op het terras 1\n")
    both = [start_build(folder) for _ in range(2)]
    results = [(child.wait(timeout=120), child.communicate()[1]) for child in both]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 1]), results  # [0, 0]: one finished before the other began
    for code, err in results:
        assert "Traceback" not in err
        if code == 1:
            assert "another build of this folder is running" in err, err
    settled = tree(folder / "build")
    assert_quiet(build(folder), failing=False)
    assert tree(folder / "build") == settled  # the folder holds exactly one complete build


def break_first_card(folder: Path) -> None:
    """A new card id (a QR code no build made before) whose question does not fit on the card."""
    edit(folder, "id: kaart-01\n", "id: kaart-01-nieuw\n")
    edit(folder, FIRST_DILEMMA, TOO_LONG)


def test_a_failed_build_leaves_build_byte_for_byte(tmp_path: Path):
    folder = write_workshop(tmp_path / "w", 3)
    assert_quiet(build(folder), failing=False)
    before = tree(folder / "build", cache=False)
    break_first_card(folder)
    assert_quiet(build(folder), failing=True)
    assert tree(folder / "build", cache=False) == before
    assert not [p for p in folder.iterdir() if p.name.startswith((STAGING_PREFIX, LOCK_PREFIX))]


def test_a_failed_build_leaves_the_cache_byte_for_byte(tmp_path: Path):
    """A card that does not fit is found by the check, before anything (the cache included) is written."""
    folder = write_workshop(tmp_path / "w", 3)
    assert_quiet(build(folder), failing=False)
    before = tree(folder / "build")
    break_first_card(folder)
    assert_quiet(build(folder), failing=True)
    assert tree(folder / "build") == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB file system of its own (tmpfs), to fill up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        if IN_CI:
            pytest.fail(f"cannot mount a tmpfs to fill up: {done.stderr!r}")
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_a_full_disk_fails_with_one_line_and_leaves_build_as_it_was(small_disk: Path, minimal: Path):
    folder = small_disk / "w"
    shutil.copytree(minimal, folder)
    assert_quiet(build(folder), failing=False)
    before = tree(folder / "build", cache=False)
    stat = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - 8192))
    edit(folder, "title: De wachttijd", "title: De lange wachttijd")
    result = build(folder)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"error: cannot write to {folder / 'build'}: No space left on device; choose another --out."
    ]
    assert tree(folder / "build", cache=False) == before
    assert not [p for p in folder.iterdir() if p.name.startswith((STAGING_PREFIX, LOCK_PREFIX))]


def test_a_disk_filling_up_just_before_the_swap_leaves_the_folder_as_it_was(small_disk: Path):
    """The journal is the last thing written before the first rename: when it cannot be
    written, nothing has been moved, and the next manifest written before it goes again."""
    from workshop.pipeline.staging import write_outputs

    out = small_disk / "build"
    write_outputs(out, {"a.pdf": b"old A", "site/x/index.html": b"X"})
    before = tree(small_disk)

    def fill_the_disk(step: str) -> None:
        if step == "next manifest written":
            stat = os.statvfs(small_disk)
            with (small_disk / "filler").open("wb") as filler, contextlib.suppress(OSError):
                filler.write(b"\0" * (stat.f_bavail * stat.f_frsize))

    with pytest.raises(OSError) as raised:
        write_outputs(out, {"a.pdf": b"new A" * 1000, "site/x/index.html": b"Y"}, on_step=fill_the_disk)
    assert raised.value.errno == errno.ENOSPC
    (small_disk / "filler").unlink()
    assert tree(small_disk) == before
