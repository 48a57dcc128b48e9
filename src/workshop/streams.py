"""Compressed PDF streams remembered across builds: a rebuild compresses only what changed.

Compressing page contents is a fifth of what a rebuild of a 1,000-card deck spends on its
PDFs, and after editing one card almost every page is the same as last time. While a
document is saved inside `remembered(...)`, reportlab's Flate filter looks each stream up
by its SHA-1 before compressing it; the file keeps the streams this save used. The bytes
are what zlib makes of the same input, so the PDF is identical with or without the cache.
The file is binary (a JSON cache would triple its size): a header line, then per stream a
20-byte digest, a 4-byte length and the compressed bytes, then the SHA-1 of all that; a
damaged file reads as empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .cache import write_file

FORMAT = b"workshop compressed streams 1\n"
_ENTRY = struct.Struct(">20sI")


@contextlib.contextmanager
def remembered(cache_dir: Path | None, name: str) -> Iterator[None]:
    """Save PDFs inside this block with `cache_dir/name` as a memory of compressed streams."""
    from reportlab.pdfbase import pdfdoc

    known = read_blobs(cache_dir / name) if cache_dir else {}
    used: dict[bytes, bytes] = {}

    class RememberingFlate(pdfdoc.PDFStreamFilterZCompress):
        def encode(self, text: str | bytes) -> bytes:
            data = text.encode("utf8") if isinstance(text, str) else text
            digest = hashlib.sha1(data, usedforsecurity=False).digest()
            compressed = known.get(digest)
            if compressed is None:
                compressed = zlib.compress(data)
            used[digest] = compressed
            return compressed

    original = pdfdoc.PDFZCompress
    pdfdoc.PDFZCompress = RememberingFlate()
    try:
        yield
    finally:
        pdfdoc.PDFZCompress = original
    if cache_dir and used.keys() != known.keys():
        write_blobs(cache_dir / name, used)


def read_blobs(path: Path, kind: bytes = FORMAT) -> dict[bytes, bytes]:
    """A binary cache file's entries (20-byte digest → bytes); {} when missing, damaged or of
    another `kind` (its header line)."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    data, check = data[:-20], data[-20:]
    if not data.startswith(kind) or hashlib.sha1(data, usedforsecurity=False).digest() != check:
        return {}
    entries, offset = {}, len(kind)
    while offset < len(data):
        if offset + _ENTRY.size > len(data):
            return {}
        digest, length = _ENTRY.unpack_from(data, offset)
        offset += _ENTRY.size
        if offset + length > len(data):
            return {}
        entries[digest] = data[offset : offset + length]
        offset += length
    return entries


def write_blobs(path: Path, entries: dict[bytes, bytes], kind: bytes = FORMAT) -> None:
    """Replace the binary cache file in one step; a cache that cannot be written is skipped."""
    parts = [kind]
    for digest, compressed in entries.items():
        parts += [_ENTRY.pack(digest, len(compressed)), compressed]
    payload = b"".join(parts)
    write_file(path, payload + hashlib.sha1(payload, usedforsecurity=False).digest())


def pack_finished_page(canvas: Any, unless_marked: str = "") -> None:
    """Encode the page just finished now, as reportlab would when saving, instead of keeping its
    drawing commands as text until then (unless they hold `unless_marked`: still to be completed).

    reportlab keeps every page's content stream as a str until `save` compresses them all: on a
    760-page guide, or the 22,000 card pages of a 10,000-card deck, that is most of the memory
    a document needs. A page whose stream is already encoded (its filters named in its
    dictionary) is written as it is, so the bytes are the same: this does what
    PDFPage.check_format and PDFStream.format would do later, earlier.

    Pages that draw exactly the same (the backs in cards-single.pdf, the back sheets of
    cards.pdf) share one stream object: PDF allows it, and it spares a thousand objects.
    """
    pages = canvas._doc.Pages.pages
    page = pages[-1] if pages else None
    if page is None or page.Contents or not page.stream or page.Override_default_compilation:
        return
    if unless_marked and unless_marked in page.stream:
        return
    # keyed by digest: keeping each page's text as a key would keep what packing frees
    shared: dict[tuple[bytes, int], Any] = canvas._doc.__dict__.setdefault("_workshop_page_streams", {})
    key = (hashlib.sha1(page.stream.encode("utf-8"), usedforsecurity=False).digest(), page.compression)
    known = shared.get(key)
    if known is not None:
        page.Contents, page.stream = known, None
        return
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc

    stream = pdfdoc.PDFStream()
    shared[key] = stream
    if page.compression:
        filters = [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress] if rl_config.useA85 else [pdfdoc.PDFZCompress]
        content = page.stream
        for encoding in reversed(filters):
            content = encoding.encode(content)
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(f.pdfname) for f in filters])
        stream.content = content
    else:
        stream.content = page.stream
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None
