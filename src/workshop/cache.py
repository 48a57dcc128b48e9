"""Small JSON caches in `build/.cache/`: pieces of earlier builds, reused when their inputs match.

A cache file holds a header (what its entries depend on besides their keys, e.g. a library
version) and a mapping of entries. A missing, damaged or outdated file reads as empty; a
file that cannot be written is skipped. Deleting the folder is always safe: the outputs
are the same with or without it, only slower to make.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def read_cache(cache_dir: Path | None, name: str, header: dict[str, Any]) -> dict[str, Any]:
    """The entries of `cache_dir/name`, or {} when it is missing, damaged or has another header."""
    if cache_dir is None:
        return {}
    try:
        data = json.loads((cache_dir / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("header") != header:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def write_cache(cache_dir: Path | None, name: str, header: dict[str, Any], entries: dict[str, Any]) -> None:
    """Replace `cache_dir/name` in one step (never a half-written file)."""
    if cache_dir is None:
        return
    payload = json.dumps({"header": header, "entries": entries}, separators=(",", ":"), sort_keys=True)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=cache_dir)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(payload)
        os.replace(temporary, cache_dir / name)
    except OSError:
        pass
