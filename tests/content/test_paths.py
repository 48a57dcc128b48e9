"""Every file a workshop names must be a regular file inside its folder once links are resolved."""

from __future__ import annotations

import os
from pathlib import Path

from workshop.content.paths import outside_problem


def test_links_out_pipes_and_folders_are_refused_and_links_within_allowed(tmp_path: Path):
    root, elsewhere = tmp_path / "w", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.yaml").write_text("x", encoding="utf-8")
    (root / "cards.yaml").write_text("cards: []", encoding="utf-8")
    (root / "out.yaml").symlink_to(elsewhere / "secret.yaml")
    (root / "in.yaml").symlink_to("cards.yaml")
    os.mkfifo(root / "pipe.yaml")
    (root / "folder.yaml").mkdir()

    def problem(name: str) -> str | None:
        return outside_problem(root, root / name, name)

    assert problem("cards.yaml") is None and problem("in.yaml") is None
    assert problem("missing.yaml") is None  # the caller says it is missing
    assert "'out.yaml' leads outside the workshop folder" in (problem("out.yaml") or "")
    assert "'pipe.yaml' is not a regular file" in (problem("pipe.yaml") or "")
    assert "'folder.yaml' is a folder" in (problem("folder.yaml") or "")
