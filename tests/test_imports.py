"""`workshop --help` starts fast: it never imports a rendering library; `validate` imports only
what measuring the cards' text needs (it checks that every card fits, as the build does).

Checked in a fresh interpreter through `sys.modules` (what got imported), never by timing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL, ROOT

RENDERING = ("reportlab", "qrcode", "PIL", "jinja2", "markdown_it", "pypdfium2", "svglib", "pyphen")

PROBE = f"""
import sys
from workshop.cli import main
try:
    main(sys.argv[1:], prog_name="workshop")
except SystemExit:
    pass
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & set({RENDERING!r}))
print("RENDERING-LIBRARIES:", ",".join(loaded))
"""


def imported_by(*args: str | Path) -> list[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)], capture_output=True, text=True, env=env, check=True
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RENDERING-LIBRARIES:"))
    return [name for name in line.split(":", 1)[1].strip().split(",") if name]


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"]], ids=["help", "build-help"])
def test_no_rendering_library_is_imported(args: list[str | Path]):
    assert imported_by(*args) == []


def test_validate_imports_only_what_measuring_text_needs():
    """Fitting the cards sets their text (reportlab, pyphen, Markdown) at the QR code's size (qrcode),
    with the logo on the back; the site's templates and the PDF rasteriser stay out."""
    assert {"jinja2", "pypdfium2"}.isdisjoint(imported_by("validate", MINIMAL))


def test_the_probe_sees_imports(tmp_path: Path):
    """The probe itself works: a build with QR codes surely imports qrcode."""
    assert "qrcode" in imported_by("build", MINIMAL, "--out", tmp_path / "build")
