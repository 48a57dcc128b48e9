"""Shared fixtures: copies of the bundled workshops, and a CLI runner that forbids tracebacks."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.browser import PHONE_WIDTH, Browser
from workshop.cli import main
from workshop.content.loader import Workshop, load_workshop
from workshop.content.problems import Problems
from workshop.pipeline.cache import CacheStore, user_secret

# the key that authenticates build caches lives in the user's cache folder: tests get their own
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="workshop-tests-")

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "examples" / "minimal"
IN_CI = bool(os.environ.get("CI"))


def need_tool(name: str) -> str:
    """The path of an external tool; skip when it is missing locally, fail when missing in CI."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed; .ci/run must install it")
        pytest.skip(f"{name} is not installed (CI installs it)")
    return path


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A private copy of examples/minimal to edit freely."""
    target = tmp_path / "minimal"
    shutil.copytree(MINIMAL, target, ignore=shutil.ignore_patterns("build"))
    return target


@pytest.fixture
def store(tmp_path: Path) -> Callable[[], CacheStore]:
    """Makes a store on tmp_path/.cache as a build does (another one per build)."""
    return lambda: CacheStore(tmp_path / ".cache", user_secret())


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file under tmp_path; returns its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


def run_cli(*args: str | os.PathLike[str]) -> Result:
    """Run `workshop ARGS` in-process; a Python exception (a traceback for the user) fails the test."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"workshop {' '.join(map(str, args))} crashed:\n{result.output}"
        ) from result.exception
    return result


def replace_in(file: Path, old: str, new: str) -> None:
    """Edit a content file as a trainer would: the first `old` (which must be there) becomes `new`."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def loaded(root: Path) -> Workshop:
    """The workshop in `root` as the loader reads it, before the checks; a load error fails the test."""
    problems = Problems()
    workshop = load_workshop(root, problems)
    assert workshop is not None and not problems.errors, [str(p) for p in problems.items]
    return workshop


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless Chromium at a phone's width, one per test module (starting it costs a second)."""
    instance = Browser(need_tool("chromium"), tmp_path_factory.mktemp("chromium-profile"), width=PHONE_WIDTH)
    yield instance
    instance.close()
