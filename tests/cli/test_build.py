"""`workshop build`: the outputs it writes, what it says while and after, and the mistakes it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_cli


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--paper", "a5"], "'a5' is not one of 'a4', 'letter', 'a3'"),
        (["--only", "cards,poster"], "'poster' is not an output; choose from cards, guide, handouts, site"),
        (["--only", ","], "',' is not an output"),
        (["--duplex", "both"], "'both' is not one of 'long-edge', 'short-edge', 'fold', 'none'"),
    ],
    ids=["paper", "only-unknown", "only-empty", "duplex"],
)
def test_usage_mistakes_exit_2_with_a_hint_before_any_work(args: list[str], hint: str, tmp_path: Path):
    result = run_cli("build", *args, MINIMAL, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert hint in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_long_builds_show_progress_short_ones_stay_quiet(minimal: Path, monkeypatch: pytest.MonkeyPatch):
    from workshop.pipeline import build

    quiet = run_cli("build", minimal)
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout.splitlines()[-1] == f"Wrote 9 files to {minimal / 'build'}."
    monkeypatch.setattr(build, "PROGRESS_MIN_CARDS", 3)
    loud = run_cli("build", minimal, "--only", "cards,site")
    assert loud.exit_code == 0
    for step in ("3 cards read", "checking 3 cards…", "making cards…", "making site…", "writing"):
        assert f"  {step}" in loud.stderr, loud.stderr
    assert "making guide…" not in loud.stderr  # only what --only names


def test_only_and_out_write_just_those_outputs_there(minimal: Path, tmp_path: Path):
    out = tmp_path / "print"
    result = run_cli("build", minimal, "--only", "cards", "--out", out, "--calibration")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "calibration.pdf",
        "cards-single.pdf",
        "cards.pdf",
    ]
    assert result.stdout.splitlines()[-1] == f"Wrote 3 files to {out}."
    assert not (minimal / "build").exists()


@pytest.mark.parametrize("out", ["/proc/workshop-build", "/dev/null/build"], ids=["proc", "under-a-device"])
def test_an_out_folder_that_cannot_be_written_is_an_error_not_a_traceback(minimal: Path, out: str):
    result = run_cli("build", minimal, "--out", out, "--only", "site")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot write to {out}:")
    assert result.stderr.rstrip().endswith("choose another --out.")


def test_a_refused_build_in_a_folder_of_someone_elses_files_leaves_nothing_behind(
    minimal: Path, tmp_path: Path
):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "cards.pdf").write_bytes(b"somebody's own")
    result = run_cli("build", minimal, "--out", shared)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {shared / 'cards.pdf'} already exists and was not written by workshop; "
        "move it away or choose another --out. Nothing was written.\n"
    )
    assert sorted(p.name for p in shared.iterdir()) == ["cards.pdf"]
    assert (shared / "cards.pdf").read_bytes() == b"somebody's own"
