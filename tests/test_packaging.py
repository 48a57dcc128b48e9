"""`pip install .` (not only -e) gives a working tool: the wheel carries templates, deck and fonts."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (found,) = out.glob("workshop-*.whl")
    return found


def test_wheel_contains_what_an_installed_tool_needs(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = sorted(
        p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "workshop").rglob("*.py")
    )
    assert "workshop/pipeline/build.py" in modules  # every layer's modules, not only the top package
    for required in (
        *modules,
        "workshop/fonts/Lato-Regular.ttf",
        "workshop/fonts/OFL.txt",
        "workshop/templates/starter/nl/workshop.yaml",
        "workshop/templates/starter/en/cards.yaml",
        "workshop/templates/serve/serve.css",
        "workshop/deck/workshop.yaml",
    ):
        assert required in names, required


def test_installed_wheel_builds_a_starter_outside_the_checkout(wheel: Path, tmp_path: Path):
    target = tmp_path / "site-packages"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import workshop.content.resources as r; print(r.templates_dir())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert all(line.startswith(str(target)) for line in where.stdout.splitlines()), where.stdout
    for command in (
        ["new", "mine", "--lang", "en"],
        ["build", "mine"],
        ["validate", str(target / "workshop" / "deck")],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "workshop", *command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
