"""Page streams encoded as soon as a page is finished, and shared between identical pages."""

from __future__ import annotations

import hashlib
from typing import Any


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
