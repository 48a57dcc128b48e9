"""Flowables of the guide laid out in its own document template, for the tests of one guide module."""

from __future__ import annotations

import io
from typing import Any

from reportlab.platypus import NextPageTemplate, PageBreak

from workshop.content.units import paper_size
from workshop.render.guide.doc import GuideDocument

TITLE = "Een kleine workshop"


def laid_out(flowables: list[Any], *, paper: str = "a4", contents: Any = None) -> bytes:
    """A PDF of an empty cover page (page 0, as the guide's cover template starts), then
    `flowables` on the guide's body pages; with `contents` (OnePassContents), laid out in one
    pass as the guide is."""
    buffer = io.BytesIO()
    document = GuideDocument(
        buffer, pagesize=paper_size(paper), title=TITLE, header_right="Handleiding", page_label="Pagina"
    )
    story = [NextPageTemplate("body"), PageBreak(), *flowables]
    if contents is None:
        document.build(story)
    else:
        document.build_once(story, contents)
    return buffer.getvalue()


def with_block_targets(flowables: list[Any], agenda: Any) -> list[Any]:
    """`flowables` followed by each agenda block's bookmark: what the agenda table's links lead to
    in the guide, laid out with it so the links resolve."""
    from workshop.render.guide.session import block_bookmark

    return [*flowables, *(block_bookmark(n, block, "") for n, block in enumerate(agenda.blocks, 1))]
