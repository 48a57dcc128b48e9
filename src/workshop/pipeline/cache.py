"""The one store for what a build keeps for the next: `build/.cache/`, authenticated, all or nothing.

A rebuild after editing one card should not redo the other cards' work, so renderers keep
pieces (QR matrices, text sizes, card faces, recorded chapters) in a `CacheStore`. Three
rules keep that from ever changing an output:

- **One key function.** `CacheStore.key(kind, *parts)` digests the parts a renderer names
  (a card's content, its number…) together with everything else an output can depend on:
  the workshop's settings and logo, the bytes of every file of the installed package
  (code, fonts, templates), pyphen's dictionary for the workshop's language, and the
  versions of Python, zlib, workshop and every rendering dependency (`environment`). A
  piece made from other inputs never matches.
- **Entries are authenticated.** Each file ends in an HMAC-SHA256 of its contents, keyed
  by a random secret kept outside the output folder, in the user's cache directory
  (`$XDG_CACHE_HOME/workshop/key`, created readable by the user only). Someone who can
  write `build/` but cannot read that key cannot make an entry the store accepts; a
  file that does not verify reads as empty. Without a usable key there is no cache.
- **Written only by a successful build.** `get` and `put` work in memory; `commit`, called
  after the outputs are in place, puts each kind this build used in place as one file
  holding exactly the entries it used (so the cache never grows without bound), and
  removes leftovers of killed builds. A failed build `discard`s what it staged.

Deleting the folder is always safe: the outputs are the same with or without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import shutil
import struct
import sys
import tempfile
import zlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from workshop.render.context import model_digest

MAGIC = b"workshop cache 2\n"
_ENTRY = struct.Struct(">32sI")
_MAC_SIZE = 32
DEPENDENCIES = (
    "reportlab",
    "rl_accel",
    "pyphen",
    "qrcode",
    "svglib",
    "pillow",
    "jinja2",
    "markupsafe",
    "markdown-it-py",
    "pypdfium2",
    "pydantic",
    "pyyaml",
)
"""Libraries whose behaviour shows in the outputs: a new version of any makes every entry stale."""


class CacheStore:
    """Pieces of earlier builds in `folder` (build/.cache), one file per kind of piece.

    A store without a folder or secret is a valid store that never finds anything: callers
    need no special case for "no cache".
    """

    def __init__(self, folder: Path | None, secret: bytes | None = None, inputs: Iterable[Any] = ()) -> None:
        self.folder = folder if secret else None
        self._secret = secret or b""
        self._base = (
            hashlib.sha256(repr((environment(), *inputs)).encode("utf-8")).digest() if self.folder else b""
        )
        self._data: dict[str, bytes] = {}
        self._disk: dict[str, dict[bytes, tuple[int, int]]] = {}
        self._new: dict[str, dict[bytes, bytes]] = {}
        self._used: dict[str, set[bytes]] = {}
        self._staged: dict[str, str] = {}
        """Temporary files written for the next build, by kind: put in place by `commit`."""
        self._owner = os.getpid()
        """The build's process: temporary files carry its id, whichever process wrote them."""
        self._absent = (
            [path for path in (self.folder, self.folder.parent) if not path.exists()] if self.folder else []
        )
        """The cache folder and the output folder, where they did not exist yet: a failed build
        that staged entries (which creates them) removes them again."""

    @classmethod
    def for_build(cls, folder: Path | None, workshop: Any) -> CacheStore:
        """The store of a build of `workshop`: its settings, logo and hyphenation dictionary are
        part of every key."""
        if folder is None:
            return cls(None)
        from workshop.pdf.hyphenation import DICTIONARIES

        config = workshop.config
        logo = config.theme.logo
        inputs = (
            model_digest(config),
            _file_digest(workshop.root / logo) if logo else None,
            _file_digest(_hyphenation_dictionary(DICTIONARIES[config.language])),
        )
        return cls(folder, user_secret(), inputs)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, kind: str, *parts: Any) -> bytes:
        """THE cache key: `parts` (values with a stable repr) with everything outside them an
        output depends on (see the module's docstring)."""
        return hashlib.sha256(repr((kind, parts)).encode("utf-8") + self._base).digest()

    def get(self, kind: str, key: bytes) -> bytes | None:
        """The entry an earlier build (or this one) stored under `key`, or None."""
        if self.folder is None:
            return None
        value = self._new.get(kind, {}).get(key)
        if value is None:
            value = self._disk_entry(kind, key)
        if value is not None:
            self._used.setdefault(kind, set()).add(key)
        return value

    def has(self, kind: str, key: bytes) -> bool:
        """Whether an entry is stored under `key`, without using it (see `get`)."""
        return self.folder is not None and (key in self._new.get(kind, {}) or key in self._offsets(kind))

    def put(self, kind: str, key: bytes, value: bytes) -> None:
        """Keep `value` for the next build (written by `commit`, if the build succeeds)."""
        if self.folder is None:
            return
        self._new.setdefault(kind, {})[key] = value
        self._used.setdefault(kind, set()).add(key)

    def forked(self) -> None:
        """In a forked renderer: what the build's process used before the fork is its own to write."""
        self._used.clear()

    def stage(self) -> dict[str, str]:
        """Write what this process used to temporary files beside the cache; their names by kind.
        A forked renderer hands these to the build's process, which `adopt`s them."""
        for kind, used in self._used.items():
            if kind in self._staged:
                continue
            new = self._new.get(kind, {})
            offsets = self._offsets(kind)
            if used == offsets.keys() and not new.keys() - offsets.keys():
                continue  # the file holds exactly this build's entries already
            entries = ((key, new[key] if key in new else self._disk_entry(kind, key)) for key in sorted(used))
            staged = self._write(kind, entries)
            if staged:
                self._staged[kind] = staged
        return dict(self._staged)

    def adopt(self, staged: dict[str, str]) -> None:
        """Take over the files another process of this build staged (see `stage`)."""
        self._staged.update(staged)

    def commit(self) -> None:
        """Put every kind this build used in place, holding exactly the entries it used; remove
        the temporary files of killed builds and files earlier versions kept. Called once the
        build's outputs are in place; a cache that cannot be written is skipped."""
        if self.folder is None:
            return
        self.stage()
        for kind, staged in self._staged.items():
            with contextlib.suppress(OSError):
                os.replace(staged, self._file(kind))
        self._staged.clear()
        self._remove_leftovers()

    def discard(self) -> None:
        """Remove what this build staged, in this process or a forked one that had no time to
        hand it over (the build failed: the cache stays as it was), and the folders staging
        made that are empty again (after a commit they are not)."""
        self._staged.clear()
        if self.folder is None:
            return
        for staged in self.folder.glob(f".*-{self._owner}-*.tmp"):
            with contextlib.suppress(OSError):
                staged.unlink()
        for folder in self._absent:
            with contextlib.suppress(OSError):  # not empty: a build put something there
                folder.rmdir()

    def _file(self, kind: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{kind}.bin"

    def _disk_entry(self, kind: str, key: bytes) -> bytes | None:
        where = self._offsets(kind).get(key)
        if where is None:
            return None
        return self._data[kind][where[0] : where[1]]

    def _offsets(self, kind: str) -> dict[bytes, tuple[int, int]]:
        """Where each entry of `kind` is in its file, read once; {} when the file is missing,
        damaged or not authentic. Entries are cut out only when asked for."""
        if kind not in self._disk:
            self._data[kind], self._disk[kind] = self._read(self._file(kind))
        return self._disk[kind]

    def _read(self, path: Path) -> tuple[bytes, dict[bytes, tuple[int, int]]]:
        try:
            data = path.read_bytes()
        except OSError:
            return b"", {}
        end = len(data) - _MAC_SIZE
        mac = self._mac()
        mac.update(memoryview(data)[:end])
        if (
            end < len(MAGIC)
            or not data.startswith(MAGIC)
            or not hmac.compare_digest(data[end:], mac.digest())
        ):
            return b"", {}
        entries, offset = {}, len(MAGIC)
        while offset < end:
            if offset + _ENTRY.size > end:
                return b"", {}
            key, length = _ENTRY.unpack_from(data, offset)
            offset += _ENTRY.size
            if offset + length > end:
                return b"", {}
            entries[key] = (offset, offset + length)
            offset += length
        return data, entries

    def _write(self, kind: str, entries: Iterable[tuple[bytes, bytes | None]]) -> str | None:
        """Write `entries` to a temporary file beside `kind`'s file, with their MAC; its path."""
        path = self._file(kind)
        mac = self._mac()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=f".{path.name}-{self._owner}-", suffix=".tmp", dir=path.parent
            )
            with os.fdopen(handle, "wb") as file:
                for part in _parts(entries):
                    mac.update(part)
                    file.write(part)
                file.write(mac.digest())
        except OSError:
            return None
        return temporary

    def _mac(self) -> hmac.HMAC:
        return hmac.new(self._secret, digestmod=hashlib.sha256)

    def _remove_leftovers(self) -> None:
        """Temporary files of builds killed mid-write, and caches of earlier versions (other
        names, other formats): everything in the folder that is not a current kind's file."""
        assert self.folder is not None
        try:
            items = list(self.folder.iterdir())
        except OSError:
            return
        for item in items:
            if item.suffix == ".bin" and not item.name.startswith(".") and item.stem in KINDS:
                continue
            try:
                if item.is_dir() and not item.is_symlink():
                    shutil.rmtree(item)
                else:
                    item.unlink()
            except OSError:
                pass


def _parts(entries: Iterable[tuple[bytes, bytes | None]]) -> Iterable[bytes]:
    yield MAGIC
    for key, value in entries:
        if value is not None:
            yield _ENTRY.pack(key, len(value))
            yield value


KINDS = (
    "qr-matrices",
    "hyphenation",
    "fonts",
    "text-sizes",
    "card-faces",
    "card-pages",
    "guide-chapters",
    "guide-pages",
    "handout-pages",
    "handout-chapters",
    "handouts",
    "site-templates",
)
"""Every kind of piece a build keeps; other files in build/.cache are leftovers."""


def user_secret() -> bytes | None:
    """The random key that authenticates cache entries, kept in the user's cache directory
    (never in the output folder, which others may be able to write); created on first use.

    None when it cannot be created or read, or is readable by others: then there is no cache.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "workshop" / "key"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            _create_secret(path)
        with path.open("rb") as file:
            status = os.fstat(file.fileno())
            secret = file.read()
    except (OSError, RuntimeError):  # RuntimeError: no home directory to be found
        return None
    if (
        len(secret) != 32
        or status.st_mode & 0o077
        or (hasattr(os, "getuid") and status.st_uid != os.getuid())
    ):
        return None
    return secret


def _create_secret(path: Path) -> None:
    """Write a new key in one step: two builds starting at once both end up with the same one."""
    handle, temporary = tempfile.mkstemp(prefix=".key-", dir=path.parent)  # mkstemp: mode 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(secrets.token_bytes(32))
        with contextlib.suppress(FileExistsError):  # another build created it first: theirs is kept
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


@cache
def environment() -> str:
    """A digest of everything outside the workshop folder that shows in the outputs: every file
    of the installed package (code, fonts, templates) and the versions that make them."""
    from workshop.content.resources import PACKAGE, templates_dir

    digest = hashlib.sha256(repr(sorted(dependency_versions().items())).encode("utf-8"))
    folders = [PACKAGE] + ([templates_dir()] if PACKAGE not in templates_dir().parents else [])
    for folder in folders:
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(f"\0{file.relative_to(folder)}\0".encode())
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def dependency_versions() -> dict[str, str]:
    """Python, zlib (it compresses every PDF stream), workshop and each rendering dependency."""
    from importlib.metadata import PackageNotFoundError, distribution

    found = {"python": sys.version, "zlib": zlib.ZLIB_RUNTIME_VERSION}
    for name in ("workshop", *DEPENDENCIES):
        try:
            found_in = distribution(name)
            found[name] = _version(found_in.read_text("METADATA") or "") or found_in.version
        except PackageNotFoundError:
            found[name] = "-"
    return found


def _version(metadata: str) -> str | None:
    """The Version field of a METADATA file's headers (None: not found). `Distribution.version`
    parses the whole file as an e-mail, long descriptions included: for these 13 packages
    20–30 ms of every build."""
    headers = metadata.split("\n\n", 1)[0]
    return next((line[9:].strip() for line in headers.splitlines() if line.startswith("Version: ")), None)


def _hyphenation_dictionary(language: str) -> Path | None:
    """pyphen's pattern file for `language` ('nl_NL'): its patterns decide every hyphen."""
    import pyphen

    found = pyphen.language_fallback(language)
    return Path(pyphen.LANGUAGES[found]) if found else None


def _file_digest(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
