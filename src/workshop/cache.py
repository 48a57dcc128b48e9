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
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

GUIDE_CHAPTERS = "guide-chapters"
"""The folder of recorded guide chapters (see `guide.chapters`)."""
HANDOUT_CHAPTERS = "handout-chapters"
"""The folder of recorded handout chapters, one per roleplay (see `render_handouts`)."""


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
    write_file(cache_dir / name, payload.encode("utf-8"))


def write_file(path: Path, data: bytes) -> None:
    """Replace the cache file `path` by `data` in one step; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        pass


def digest(*parts: Any) -> str:
    """A cache key from everything a piece depends on (values with a stable repr) and from
    workshop's own code: pieces made by other code never match."""
    import hashlib

    return hashlib.sha1(repr((parts, code_version())).encode("utf-8"), usedforsecurity=False).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of workshop's own source: cached pieces made by other code are not reused.

    The package version alone would not do: a checkout changes without a new version.
    Reading and hashing the package's modules takes about a millisecond.
    """
    import hashlib

    package = Path(__file__).resolve().parent
    digest = hashlib.sha1(usedforsecurity=False)
    for module in sorted(package.rglob("*.py")):
        digest.update(str(module.relative_to(package)).encode("utf-8"))
        digest.update(module.read_bytes())
    return digest.hexdigest()


@cache
def library_version(name: str) -> str:
    """An installed library's version, for cache headers (importlib.metadata reads files each call)."""
    from importlib.metadata import version

    return version(name)
