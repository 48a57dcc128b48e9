"""The printed guide and handouts of the bundled workshops, page by page, as a facilitator meets them:
no near-empty pages, printing instructions on one page that name the right handout pages,
handouts in agenda order, numbers aligned, QR codes large enough, type large enough to read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.pdfcheck import normalise, outline, page_texts, qr_sizes_mm, words
from tests.workshops import rich_workshop
from workshop.pipeline.build import build_workshop

HEADER = re.compile(r"^(Handleiding voor de facilitator|Facilitator guide|Pagina \d+|Page \d+)$")


def _build(root: Path, out: Path) -> tuple[bytes, bytes]:
    build_workshop(root, out, only=("guide", "handouts"))
    return (out / "guide.pdf").read_bytes(), (out / "handouts.pdf").read_bytes()


@pytest.fixture(scope="module", params=["deck", "examples/customer-orientation-en"])
def bundled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    return _build(ROOT / request.param, tmp_path_factory.mktemp("bundled"))


@pytest.fixture(scope="module")
def reordered(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """The rich workshop with its agenda playing roleplay 3, then 1; roleplays 2 and 4 unused."""
    root = rich_workshop(tmp_path_factory.mktemp("reordered") / "ws")
    config = yaml.safe_load((root / "workshop.yaml").read_text(encoding="utf-8"))
    config["agenda"]["blocks"][3]["cards"] = ["rollenspel-3", "rollenspel-1"]
    (root / "workshop.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return _build(root, root / "build")


def _content_lines(pdf: bytes, page: int) -> list[str]:
    """The lines of a body page without the running header and the page number."""
    import io

    from pypdf import PdfReader

    lines = PdfReader(io.BytesIO(pdf)).pages[page].extract_text().splitlines()
    return [line for line in lines[1:] if line.strip() and not HEADER.match(line.strip())]


def _printing_page(guide: bytes) -> int:
    (page,) = [
        p for level, title, p in outline(guide) if title in ("Printinstructies", "Printing instructions")
    ]
    return page


def test_no_guide_page_is_nearly_empty(bundled: tuple[bytes, bytes]):
    guide = bundled[0]
    for page in range(1, len(page_texts(guide))):
        lines = _content_lines(guide, page)
        assert len(lines) >= 5, (page + 1, lines)


def test_contents_take_one_page(bundled: tuple[bytes, bytes]):
    guide = bundled[0]
    texts = page_texts(guide)
    last_entry = [title for level, title, _ in outline(guide) if level == 2][-1]
    assert normalise(last_entry) in texts[1], "the contents run onto a second page"
    assert not re.search(r"\.\s*\.\s*\.\s*\.", texts[2]), "dot leaders on page 3: contents continue"


def test_printing_instructions_stay_on_one_page(bundled: tuple[bytes, bytes]):
    guide = bundled[0]
    page = _printing_page(guide)
    text = page_texts(guide)[page]
    assert "guide.pdf" in text and "handouts.pdf" in text
    assert "site/" in text or "base_url" in text  # the last instruction, with the heading
    assert _content_lines(guide, page + 1)[0] == "Agenda", "the next page starts with the agenda"


def test_agenda_minutes_are_right_aligned(bundled: tuple[bytes, bytes]):
    guide = bundled[0]
    (page,) = [p for level, title, p in outline(guide) if title == "Agenda"]
    head = next(w for w in words(guide, page) if w[0] == "min")
    column = [w for w in words(guide, page) if w[0].isdigit() and head[1] - 20 < w[1] < head[3] + 5]
    assert len(column) >= 10  # every block and the total
    assert max(w[3] for w in column) - min(w[3] for w in column) < 0.5, column
    assert abs(column[0][3] - head[3]) < 0.5


def test_guide_qr_codes_are_at_least_20_mm(bundled: tuple[bytes, bytes]):
    guide = bundled[0]
    sizes = {}
    for page in range(4, 9):
        sizes.update(qr_sizes_mm(guide, page))
    assert sizes, (
        "no QR code decoded on the guide's first session pages"
    )  # both bundled workshops have a base_url
    assert min(sizes.values()) >= 20, sizes


def test_guide_body_text_is_at_least_8_5_pt(bundled: tuple[bytes, bytes]):
    """Small type is only for the running header and footer, the QR captions and the small
    uppercase labels above sections."""
    guide = bundled[0]
    for page in range(1, len(page_texts(guide))):
        for text, _, y, _, size in words(guide, page):
            small = size < 8.5 and 60 < y < 740 and any(c.islower() for c in text)
            assert not small or re.fullmatch(r"[a-z0-9-]+", text), (page + 1, text, size)


def test_handout_briefs_are_large(bundled: tuple[bytes, bytes]):
    handouts = bundled[1]
    texts = page_texts(handouts)
    for page in range(len(texts)):
        sizes = [size for *_, size in words(handouts, page)]
        assert max(sizes) >= 26  # the role name
        assert sizes.count(13.0) + sizes.count(12.0) >= 10, (page + 1, sorted(set(sizes)))


def test_handouts_follow_the_agenda_then_the_unused(reordered: tuple[bytes, bytes]):
    handouts = reordered[1]
    sets = [title for level, title, _ in outline(handouts) if level == 0]
    assert sets == [f"Rollenspel {n}: het café" for n in (3, 1, 2, 4)]


def test_printing_instructions_name_each_sets_pages(reordered: tuple[bytes, bytes]):
    guide, handouts = reordered
    starts = [(title, page) for level, title, page in outline(handouts) if level == 0]
    ends = [page for _, page in starts[1:]] + [len(page_texts(handouts))]
    text = page_texts(guide)[_printing_page(guide)]
    counts = {"Rollenspel 3: het café": "6×", "Rollenspel 1: het café": "6×"}
    for (title, start), end in zip(starts, ends, strict=True):
        pages = f"blz. {start + 1}" if end == start + 1 else f"blz. {start + 1}–{end}"
        line = normalise(f"{pages} “{title}”")
        assert line in text, (line, text)
        after = text.split(line, 1)[1][:80]
        assert counts.get(title, "niet in de agenda") in after, after
    assert text.index("Rollenspel 3") < text.index("Rollenspel 1") < text.index("Rollenspel 2")


def test_flagship_handouts_start_with_the_first_roleplay_it_plays(tmp_path: Path):
    config = yaml.safe_load((ROOT / "deck" / "workshop.yaml").read_text(encoding="utf-8"))
    played = [card for block in config["agenda"]["blocks"] for card in block.get("cards", [])]
    cards = {
        card["id"]: card
        for path in sorted((ROOT / "deck").glob("*.yaml"))
        for card in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cards", [])
    }
    roleplays = [cards[card]["title"] for card in played if cards[card]["type"] == "roleplay"]
    _, handouts = _build(ROOT / "deck", tmp_path)
    sets = [title for level, title, _ in outline(handouts) if level == 0]
    assert sets[: len(roleplays)] == list(dict.fromkeys(roleplays))


def test_session_pages_name_their_block_at_the_foot(bundled: tuple[bytes, bytes]):
    """Leafing through the guide mid-session, every page says which block and time it belongs to."""
    import io

    from pypdf import PdfReader

    guide = bundled[0]
    blocks = [(title, page) for level, title, page in outline(guide) if re.match(r"\d\d:\d\d–", title)]
    pages = PdfReader(io.BytesIO(guide)).pages
    for (title, start), (_, end) in zip(blocks, [*blocks[1:], ("", len(pages))], strict=True):
        for page in range(start + 1, end):  # pages that continue the block, or start with it
            assert pages[page].extract_text().splitlines()[-1].split() == title.split(), page + 1
