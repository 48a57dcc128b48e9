"""Hostile input through the command line, each answered within its bounds.

Every case runs `workshop validate` and `workshop build` in a process of its own and must end
with exit 1 and a located message, no traceback, within 5 CPU seconds and 300 MB (the
process's own peak, /proc/self/status VmHWM), having changed nothing outside the workshop
folder. Files outside the folder that a case points at are named pipes: a process that
opened one would wait for a writer for ever, so merely opening it fails the test (timeout).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import MINIMAL, replace_in
from tests.content.test_svg import png, png_uri, svg

CPU_SECONDS = 5.0
PEAK_MB = 300
HANG = 120  # seconds: only a process stuck on a pipe it opened takes this long
MEASURED = """
import atexit, os, sys
def peak():
    status = open('/proc/self/status').read()
    open(os.environ['PEAK_FILE'], 'w').write(status.split('VmHWM:')[1].split()[0])
atexit.register(peak)
from workshop.cli import main
sys.argv[0] = 'workshop'
main()
"""


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose header claims width × height (a bomb Pillow cannot even make)."""
    buffer = io.BytesIO()
    Image.new("L", (16, 16)).save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def gif_claiming(width: int, height: int) -> bytes:
    return b"GIF89a" + width.to_bytes(2, "little") + height.to_bytes(2, "little") + b"\0" * 20


LOGOS: list[tuple[str, str, Callable[[], bytes], list[str]]] = [
    (
        "svg-script",
        "logo.svg",
        lambda: svg("<script>alert(1)</script>"),
        ["has a script", "line 2 of the SVG"],
    ),
    ("svg-onload", "logo.svg", lambda: svg("", ' onload="alert(1)"'), ["event handler (onload=…)"]),
    (
        "svg-onmouseover",
        "logo.svg",
        lambda: svg('<rect width="9" height="9" onmouseover="x()"/>'),
        ["event handler (onmouseover=…)"],
    ),
    ("svg-foreignobject", "logo.svg", lambda: svg("<foreignObject/>"), ["<foreignObject>"]),
    (
        "svg-css-import",
        "logo.svg",
        lambda: svg("<style>@import url(http://e.org/a.css);</style>"),
        ["@import"],
    ),
    (
        "svg-css-url",
        "logo.svg",
        lambda: svg('<rect width="9" height="9" style="fill:url(http://e.org/t.svg#p)"/>'),
        ["url() to another file or address ('http://e.org/t.svg#p')"],
    ),
    (
        "svg-external-href",
        "logo.svg",
        lambda: svg('<image width="9" height="9" xlink:href="https://e.org/track.png"/>'),
        ["reference to another file or address ('https://e.org/track.png')"],
    ),
    (
        "svg-png-20000",
        "logo.svg",
        lambda: svg(f'<image width="9" height="9" xlink:href="{png_uri(20000, 20000)}"/>'),
        ["an image inside 'logo.svg' has far too many pixels"],
    ),
    (
        "svg-png-9000",
        "logo.svg",
        lambda: svg(f'<image width="9" height="9" xlink:href="{png_uri(9000, 9000)}"/>'),
        ["an image inside 'logo.svg' has 9000×9000 pixels"],
    ),
    (
        "svg-150000-rects",
        "logo.svg",
        lambda: svg('<rect x="1" y="2" width="3" height="4"/>' * 150_000),
        ["more than 1,000 shapes"],
    ),
    (
        "svg-second-colon",
        "logo.svg",
        lambda: svg('<rect width="9" height="9" style="fill:red:blue"/>'),
        ["style svglib cannot read ('fill:red:blue')"],
    ),
    (
        "svg-svglib-raises",
        "logo.svg",
        lambda: svg('<rect width="abc" height="9"/>'),
        ["'logo.svg' cannot be drawn (ValueError", "export it again"],
    ),
    ("png-bomb", "logo.png", lambda: png(30000, 30000), ["'logo.png' has far too many pixels"]),
    ("jpeg-bomb", "logo.jpg", lambda: jpeg_claiming(12000, 12000), ["'logo.jpg' has 12000×12000 pixels"]),
    ("gif-bomb", "logo.gif", lambda: gif_claiming(65535, 65535), ["not a PNG, JPEG or SVG"]),
]


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """The workshop (a copy of examples/minimal) and, beside it, a folder that is not its own:
    a secret and a named pipe."""
    workshop, outside = tmp_path / "w", tmp_path / "outside"
    shutil.copytree(MINIMAL, workshop, ignore=shutil.ignore_patterns("build"))
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP SECRET 42\n", encoding="utf-8")
    os.mkfifo(outside / "pipe")
    return workshop, outside


def set_logo(workshop: Path, name: str) -> None:
    config = workshop / "workshop.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("decks: [cards.yaml]", f"decks: [cards.yaml]\ntheme: {{logo: {name}}}"))


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder`: a file's bytes, a link's target, a pipe's or folder's kind."""
    entries: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            entries[key] = f"link to {os.readlink(path)}"
        elif path.is_fifo() or path.is_dir():
            entries[key] = "pipe" if path.is_fifo() else "folder"
        else:
            entries[key] = path.read_bytes()
    return entries


def run_measured(*args: str | Path, cwd: Path) -> tuple[int, str, float, float]:
    """(exit code, stdout + stderr, CPU seconds, peak MB) of `workshop ARGS` in its own process."""
    peak_file = cwd / ".peak"
    process = subprocess.Popen(
        [sys.executable, "-c", MEASURED, *map(str, args)],
        cwd=cwd,
        env={**os.environ, "PEAK_FILE": str(peak_file)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        output, _ = process.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"workshop {' '.join(map(str, args))} hung: it opened a pipe outside the folder")
    cpu = _children_cpu()
    peak = int(peak_file.read_text()) / 1024
    peak_file.unlink()
    return process.returncode, output.decode("utf-8", "replace"), cpu, peak


_seen_cpu = [0.0]


def _children_cpu() -> float:
    """CPU seconds of the child that just ended (the growth of this process's children total)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    spent, _seen_cpu[0] = total - _seen_cpu[0], total
    return spent


def refused_within_bounds(folders: tuple[Path, Path], place: str, words: list[str]) -> None:
    workshop, outside = folders
    tmp = workshop.parent
    _children_cpu()  # start counting from here
    before = snapshot(outside)
    for command in ("validate", "build"):
        code, output, cpu, peak = run_measured(command, workshop, cwd=tmp)
        assert code == 1, output
        assert "Traceback" not in output, output
        assert "TOP SECRET" not in output
        lines = [line for line in output.splitlines() if ": error: " in line or line.startswith("error: ")]
        assert any(place in line and all(w in line for w in words) for line in lines), output
        assert cpu <= CPU_SECONDS, f"{command}: {cpu:.1f} CPU seconds"
        assert peak <= PEAK_MB, f"{command}: {peak:.0f} MB"
    assert snapshot(outside) == before
    assert sorted(p.name for p in tmp.iterdir()) == ["outside", "w"]  # nothing beside the folder either
    assert not (workshop / "build").exists() or not any((workshop / "build").iterdir())


@pytest.mark.parametrize(("name", "make", "words"), [c[1:] for c in LOGOS], ids=[c[0] for c in LOGOS])
def test_hostile_logos(folders: tuple[Path, Path], name: str, make: Callable[[], bytes], words: list[str]):
    workshop, _ = folders
    (workshop / name).write_bytes(make())
    set_logo(workshop, name)
    refused_within_bounds(folders, "workshop.yaml:15:15: error: theme.logo: ", words)


@pytest.mark.parametrize(
    ("file", "place", "words"),
    [
        ("workshop.yaml", "workshop.yaml: error: ", ["'workshop.yaml' leads outside the workshop folder"]),
        ("cards.yaml", "workshop.yaml:14:", ["card file 'cards.yaml' leads outside the workshop folder"]),
    ],
)
def test_a_content_file_linked_out_of_the_folder_is_never_opened(
    folders: tuple[Path, Path], file: str, place: str, words: list[str]
):
    workshop, outside = folders
    (workshop / file).unlink()
    (workshop / file).symlink_to(outside / "pipe")
    refused_within_bounds(folders, place, words)


@pytest.mark.parametrize("target", ["pipe", "secret.txt"])
def test_a_logo_linked_out_of_the_folder_is_never_opened(folders: tuple[Path, Path], target: str):
    workshop, outside = folders
    (workshop / "logo.png").symlink_to(outside / target)
    set_logo(workshop, "logo.png")
    refused_within_bounds(folders, "workshop.yaml:15:15:", ["'logo.png' leads outside the workshop folder"])


def test_a_pipe_inside_the_folder_is_not_read_either(folders: tuple[Path, Path]):
    workshop, _ = folders
    os.mkfifo(workshop / "more.yaml")
    config = workshop / "workshop.yaml"
    replace_in(config, "[cards.yaml]", "[cards.yaml, more.yaml]")
    refused_within_bounds(folders, "workshop.yaml:14:", ["'more.yaml' is not a regular file"])


@pytest.mark.parametrize("link", ["build", "build/site", "build/.cache"])
def test_an_output_folder_that_is_a_link_is_refused(folders: tuple[Path, Path], link: str):
    workshop, outside = folders
    (workshop / link).parent.mkdir(parents=True, exist_ok=True)
    (workshop / link).symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    code, output, _, _ = run_measured("build", workshop, cwd=workshop.parent)
    assert code == 1
    assert f"error: {workshop / link} is a link to another folder" in output, output
    assert "replace the link by a real folder" in output and "Nothing was written." in output
    assert snapshot(outside) == before


def test_a_users_folder_named_like_a_staging_folder_is_kept(folders: tuple[Path, Path]):
    """Staging folders are the tool's by the marker it writes inside them, never by their name."""
    workshop, _ = folders
    users = workshop / ".workshop-staging-build-1"
    users.mkdir()
    (users / "notes.txt").write_text("mine", encoding="utf-8")
    code, output, _, _ = run_measured("build", workshop, cwd=workshop.parent)
    assert code == 0, output
    assert (users / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_site_serves_the_cleaned_logo_and_the_build_says_what_was_left_out(folders: tuple[Path, Path]):
    from workshop.content.svg import clean_svg

    workshop, _ = folders
    logo = svg(
        '<metadata>made by hand</metadata><a href="javascript:alert(1)"><circle r="30" fill="#B03E50"/></a>',
        ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3"',
    )
    (workshop / "logo.svg").write_bytes(logo)
    set_logo(workshop, "logo.svg")
    code, output, _, _ = run_measured("build", workshop, cwd=workshop.parent)
    assert code == 0, output
    assert (
        "workshop.yaml:15:15: warning: theme.logo: left out of 'logo.svg' what a printed logo does not use: "
        "<metadata>, link <a>" in output
    )
    served = (workshop / "build" / "site" / "logo.svg").read_bytes()
    assert served == clean_svg("logo.svg", logo).data
    assert b"javascript" not in served and b"inkscape" not in served and b"<circle" in served


def largest_svg() -> bytes:
    """As much as an SVG logo may draw: 990 paths, 49,500 coordinates in all."""
    path = '<path d="M0 0' + " L9 8" * 24 + '" fill="#B03E50" stroke="#1D1D1F"/>'
    return svg(path * 990)


def largest_png() -> bytes:
    """As many pixels as a PNG logo may have (4000 × 4000 RGBA: 64 MB decoded), in a small file."""
    ramp = Image.linear_gradient("L").resize((4000, 4000))
    buffer = io.BytesIO()
    Image.merge("RGBA", (ramp, ramp.transpose(Image.Transpose.ROTATE_90), ramp, ramp)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "make"), [("logo.svg", largest_svg), ("logo.png", largest_png)])
def test_the_largest_logo_allowed_builds_within_the_same_bounds(
    folders: tuple[Path, Path], name: str, make: Callable[[], bytes]
):
    workshop, _ = folders
    (workshop / name).write_bytes(make())
    set_logo(workshop, name)
    _children_cpu()
    for command in ("validate", "build"):
        code, output, cpu, peak = run_measured(command, workshop, cwd=workshop.parent)
        assert code == 0, output
        assert cpu <= CPU_SECONDS, f"{command}: {cpu:.1f} CPU seconds"
        assert peak <= PEAK_MB, f"{command}: {peak:.0f} MB"
    assert (workshop / "build" / "site" / name).is_file()
