"""Hyphenation patterns kept in build/.cache: the same hyphens, without parsing pyphen's file again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyphen
import pytest

from workshop import hyphenation
from workshop.build import build_workshop

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_pyphen(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """pyphen as in a new process; the pattern files it parses are listed."""
    parsed: list[Path] = []
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setattr(hyphenation, "_PREFILLED", set())
    original = pyphen.HyphDict.__init__

    def parse(self: pyphen.HyphDict, path: Path) -> None:
        parsed.append(Path(path))
        original(self, path)

    monkeypatch.setattr(pyphen.HyphDict, "__init__", parse)
    return parsed


def test_a_build_keeps_the_patterns_and_the_next_lays_out_the_same_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_pyphen: list[Path]
) -> None:
    folder = tmp_path / "deck"
    shutil.copytree(ROOT / "deck", folder, ignore=shutil.ignore_patterns("build"))
    build_workshop(folder)
    out = folder / "build"
    assert fresh_pyphen, "the deck's text is hyphenated (Dutch)"
    kept = out / ".cache" / "hyphenation-nl_NL.json"
    assert kept.is_file()
    first = {path.name: path.read_bytes() for path in out.glob("*.pdf")}

    for cached in (out / ".cache").iterdir():  # nothing else cached: everything is laid out again
        if cached != kept:
            shutil.rmtree(cached) if cached.is_dir() else cached.unlink()
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setattr(hyphenation, "_PREFILLED", set())
    fresh_pyphen.clear()
    build_workshop(folder)
    assert fresh_pyphen == []  # no pattern file parsed
    assert {path.name: path.read_bytes() for path in out.glob("*.pdf")} == first


@pytest.mark.parametrize(
    "damage",
    [
        '{"header": HEADER, "entries": {"ab": [1, [2, "3"]]}}',
        '{"header": HEADER, "entries": {"ab": "1,2"}}',
        '{"header": HEADER, "entries": {"": [1, [2]]}}',
        '{"header": HEADER, "entries": {}}',
        "not json",
    ],
)
def test_a_damaged_patterns_file_is_ignored(tmp_path: Path, fresh_pyphen: list[Path], damage: str) -> None:
    import json

    path = hyphenation._dictionary("nl_NL")
    assert path is not None
    header = json.dumps(hyphenation._header(path))
    (tmp_path / "hyphenation-nl_NL.json").write_text(damage.replace("HEADER", header), encoding="utf-8")
    hyphenation.prepare(tmp_path, "nl_NL")
    assert path not in pyphen.hdcache
    assert pyphen.Pyphen(lang="nl_NL").inserted("lettergrepen") == "let-ter-gre-pen"
    assert fresh_pyphen == [path]
