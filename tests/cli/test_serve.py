"""`workshop serve`: its options are checked before anything is built or listened on.

Serving itself is tested beside the code in tests/serve/: the command as a trainer runs it
(rebuilding, stopping, a taken port, the address for phones) in test_serve.py, the HTTP
server over loopback in test_server.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--port", "70000"], "70000 is not in the range 0<=x<=65535"),
        (["--port", "http"], "'http' is not a valid integer"),
        (["--base-url", "ftp://x"], "it must start with http:// or https://"),
    ],
    ids=["port-too-high", "port-not-a-number", "base-url"],
)
def test_wrong_options_exit_2_and_build_nothing(minimal: Path, args: list[str], hint: str):
    result = run_cli("serve", minimal, *args)
    assert result.exit_code == 2
    assert hint in result.stderr, result.stderr
    assert not (minimal / "build").exists()


def test_a_folder_without_a_workshop_is_refused_before_serving(tmp_path: Path):
    result = run_cli("serve", tmp_path)
    assert result.exit_code == 2 and "has no workshop.yaml" in result.stderr
