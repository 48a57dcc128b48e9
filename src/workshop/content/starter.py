"""`workshop new`: a starter workshop that validates and builds as it is.

The starter files live in `templates/starter/<language>/`; beside them we write the JSON
Schema that their `# yaml-language-server: $schema=` line points to, so editors offer
completion offline. Nothing that already exists is ever overwritten.
"""

from __future__ import annotations

import json
from pathlib import Path

from workshop.content.resources import templates_dir
from workshop.content.schema import json_schema

SCHEMA_FILE = "workshop.schema.json"


class StarterExists(Exception):
    """The target folder already has files the starter would overwrite."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(", ".join(map(str, paths)))


def starter_files(language: str) -> dict[str, bytes]:
    """{relative path: content} of the starter workshop in `language` (nl or en)."""
    source = templates_dir() / "starter" / language
    files = {
        str(path.relative_to(source)): path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file()
    }
    files[SCHEMA_FILE] = (json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n").encode()
    return files


def create_starter(target: Path, language: str) -> list[Path]:
    """Write the starter into `target`; raises StarterExists (writing nothing) if any file is there."""
    files = starter_files(language)
    clashes = [target / name for name in files if (target / name).exists()]
    if clashes:
        raise StarterExists(clashes)
    written = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as handle:  # "x": never replace a file that appeared meanwhile
            handle.write(data)
        written.append(path)
    return written
