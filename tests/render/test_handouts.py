"""handouts.pdf as players meet it: one page per role, nobody else's secret, boxes for observers."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import replace_in
from tests.pdfcheck import normalise, outline, page_texts, pdffonts
from tests.workshops import MARKUP_LIKE, built_rich, secret
from workshop.content.markup import to_plain
from workshop.content.units import mm
from workshop.pipeline.build import build_workshop, load_and_check
from workshop.render import handouts as render_handouts
from workshop.render.guide.document import guide_pdf
from workshop.render.handouts import CheckItem, lay_out

SECRETS = {(n, r): normalise(secret(n, r)) for n in range(1, 5) for r in range(2) if (n, r) != (2, 0)}


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    return built_rich(tmp_path_factory, "handouts")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return built_rich(tmp_path_factory, "handouts", language="en", logo="none")[1]


def _role_pages(pdf: bytes) -> dict[tuple[str, str], list[int]]:
    """(roleplay title, role name) → its pages, from the outline."""
    entries = outline(pdf)
    total = len(page_texts(pdf))
    starts: list[tuple[tuple[str, str], int]] = []
    card = ""
    for level, title, page in entries:
        if level == 0:
            card = title
        else:
            starts.append(((card, title), page))
    ends = [page for _, page in starts[1:]] + [total]
    return {key: list(range(start, end)) for (key, start), end in zip(starts, ends, strict=True)}


def test_one_page_per_role_and_long_briefs_continue(rich: tuple[Path, bytes]):
    pages = _role_pages(rich[1])
    assert len(pages) == 10  # 3 + 2 + 3 + 2 roles
    for (card, role), numbers in pages.items():
        # 18 paragraphs at handout size (13 pt) take three pages; every other brief fits one
        expected = 3 if (card, role) == ("Rollenspel 2: het café", "Gast 2") else 1
        assert len(numbers) == expected, (card, role, numbers)
    for page in pages[("Rollenspel 2: het café", "Gast 2")][1:]:
        assert "Gast 2 (vervolg)" in page_texts(rich[1])[page]


def test_each_secret_is_only_on_its_own_page(rich: tuple[Path, bytes]):
    texts = page_texts(rich[1])
    pages = _role_pages(rich[1])
    for (n, r), text in SECRETS.items():
        on = [i for i, page in enumerate(texts) if text in page]
        assert len(on) == 1, (n, r, on)
        role = ("Gast" if r == 0 else "Medewerker") + f" {n}"
        assert on == pages[(f"Rollenspel {n}: het café", role)]
    for i, page in enumerate(texts):
        assert sum(text in page for text in SECRETS.values()) <= 1, i
    long_brief = [i for i, page in enumerate(texts) if "Alinea" in page]
    assert long_brief == pages[("Rollenspel 2: het café", "Gast 2")]


def test_every_role_page_names_the_role_and_warns_it_is_private(rich: tuple[Path, bytes]):
    texts = page_texts(rich[1])
    for (card, role), numbers in _role_pages(rich[1]).items():
        first = texts[numbers[0]]
        assert normalise(card) in first and normalise(role) in first
        assert "Alleen voor jou: laat dit blad niet aan de anderen zien." in first
        assert "Een café in ZuidLimburg" in first  # the shared setting
        assert all(f"· {normalise(role)}" in texts[i] for i in numbers)  # the footer


def test_observer_pages_have_a_box_per_checklist_item(rich: tuple[Path, bytes]):
    pdf = rich[1]
    texts = page_texts(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    box = f"{CheckItem.BOX:.5f}"
    for n in (1, 3):
        (page,) = _role_pages(pdf)[(f"Rollenspel {n}: het café", "Observator")]
        assert f"Vraagt de medewerker door? ({n})" in texts[page]
        assert "Blijft de toon vriendelijk?" in texts[page] and "AANTEKENINGEN" in texts[page]
        content = reader.pages[page].get_contents().get_data().decode("latin-1")
        boxes = re.findall(rf"\S+ \S+ {re.escape(box)} {re.escape(box)} re S", content)
        assert len(boxes) == 2, content[:2000]
    assert mm(4) < CheckItem.BOX < mm(6)


def test_markup_like_setting_prints_literally(rich: tuple[Path, bytes]):
    texts = page_texts(rich[1])
    assert sum(normalise(MARKUP_LIKE) in page for page in texts) == 2  # both roles of roleplay 4


def test_fonts_are_lato_and_embedded(rich: tuple[Path, bytes]):
    rows = pdffonts(rich[1])
    assert rows and all("Lato" in row[0] and row[-5] == "yes" for row in rows), rows


def test_handouts_are_reproducible(rich: tuple[Path, bytes]):
    root, pdf = rich
    workshop, _ = load_and_check(root)
    assert lay_out(workshop).pdf == pdf


def test_english_labels(english: bytes):
    first = page_texts(english)[0]
    assert "ROLEPLAY" in first and "YOUR ROLE" in first and "For your eyes only" in first
    assert "Alleen voor jou" not in " ".join(page_texts(english))


def test_no_roleplays_no_handouts(minimal: Path):
    cards = minimal / "cards.yaml"
    text = cards.read_text(encoding="utf-8")
    start, end = text.index("  - id: het-menu"), text.index("  - id: wat-neem-je-mee")
    cards.write_text(text[:start] + text[end:], encoding="utf-8")
    config = minimal / "workshop.yaml"
    replace_in(config, " het-menu,", "")
    report = build_workshop(minimal, only=("handouts",))
    assert "handouts.pdf" not in report.files
    assert any("No roleplays" in note for note in report.notes)


def _count_layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Calls of the handouts' layout from now on (one entry per call)."""
    calls: list[int] = []
    real = render_handouts._layout

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(render_handouts, "_layout", counted)
    return calls


def _edit(root: Path, old: str, new: str) -> None:
    cards = root / "cards.yaml"
    text = cards.read_text(encoding="utf-8")
    assert old in text
    cards.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuild_takes_the_handouts_from_the_cache(minimal: Path, monkeypatch: pytest.MonkeyPatch):
    """Editing a dilemma changes nothing on the handouts: the next build neither lays them out
    nor changes a byte, of the handouts or of the page ranges the guide prints."""
    build_workshop(minimal, only=("handouts", "guide"))
    _edit(minimal, "Een klant wacht al tien minuten", "Een klant wacht al twaalf minuten")
    calls = _count_layouts(monkeypatch)
    report = build_workshop(minimal, only=("handouts", "guide"))
    assert not calls
    assert (report.out_dir / ".cache" / f"{render_handouts.CACHE_KIND}.bin").is_file()
    workshop, _ = load_and_check(minimal)
    uncached = lay_out(workshop)
    assert calls == [1]  # no store: laid out
    assert (report.out_dir / "handouts.pdf").read_bytes() == uncached.pdf
    assert (report.out_dir / "guide.pdf").read_bytes() == guide_pdf(workshop, uncached.pages)


def test_an_edited_roleplay_is_laid_out_again(minimal: Path, monkeypatch: pytest.MonkeyPatch):
    first = build_workshop(minimal, only=("handouts",))
    before = (first.out_dir / "handouts.pdf").read_bytes()
    _edit(minimal, "De gast wil iets dat niet op de kaart staat.", "De gast wil iets anders.")
    calls = _count_layouts(monkeypatch)
    report = build_workshop(minimal, only=("handouts",))
    after = (report.out_dir / "handouts.pdf").read_bytes()
    assert calls == [1] and after != before
    workshop, _ = load_and_check(minimal)
    assert lay_out(workshop).pdf == after


def test_a_damaged_handouts_cache_is_laid_out_again(minimal: Path, monkeypatch: pytest.MonkeyPatch):
    first = build_workshop(minimal, only=("handouts",))
    cache = first.out_dir / ".cache" / f"{render_handouts.CACHE_KIND}.bin"
    data = bytearray(cache.read_bytes())
    data[len(data) // 2] ^= 0xFF
    cache.write_bytes(bytes(data))
    calls = _count_layouts(monkeypatch)
    report = build_workshop(minimal, only=("handouts",))
    assert calls == [1]
    assert (report.out_dir / "handouts.pdf").read_bytes() == (first.out_dir / "handouts.pdf").read_bytes()


def test_a_long_workshop_lays_out_only_the_edited_roleplay_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each roleplay's pages are a chapter: replayed when unchanged, with the same bytes as a
    build from scratch, and the page ranges the guide prints still right."""
    import yaml

    from bench.generate import generate_workshop
    from workshop.render.guide.chapters import CHAPTERS_FROM

    folder = generate_workshop(tmp_path / "w", CHAPTERS_FROM + 10)
    build_workshop(folder, tmp_path / "out", only=("handouts",))
    file = folder / "kaarten-001.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    edited = next(card for card in data["cards"] if card["type"] == "roleplay" and len(card["roles"]) > 1)
    edited["roles"][0]["brief"] += " Dit is nieuw: je hebt haast. " * 30  # a second page now
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    laid_out: list[str] = []
    original = render_handouts.role_page

    def counting(page: render_handouts.RolePage, workshop: Any) -> list[Any]:
        laid_out.append(page.card.id)
        return original(page, workshop)

    monkeypatch.setattr(render_handouts, "role_page", counting)
    replayed = build_workshop(folder, tmp_path / "out", only=("handouts",)).out_dir / "handouts.pdf"
    assert set(laid_out) == {edited["id"]}
    monkeypatch.undo()
    fresh = build_workshop(folder, tmp_path / "fresh", only=("handouts",)).out_dir / "handouts.pdf"
    assert replayed.read_bytes() == fresh.read_bytes()
    workshop, _ = load_and_check(folder)
    ranges = lay_out(workshop).pages
    texts = page_texts(replayed.read_bytes())
    for pages in ranges:  # every set starts on its own page, with its own title
        assert normalise(to_plain(pages.card.title)) in texts[pages.first - 1]
    assert ranges[-1].last == len(texts)


def test_handout_pages_stay_kept_while_the_whole_handouts_come_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that takes the whole handouts from the cache uses none of their compressed
    pages; the next edit of a roleplay still finds the pages of every other roleplay."""
    import yaml

    from bench.generate import generate_workshop
    from workshop.render import context
    from workshop.render.guide.chapters import CHAPTERS_FROM

    folder = generate_workshop(tmp_path / "w", CHAPTERS_FROM + 10)
    file = folder / "kaarten-001.yaml"

    def edit(kind: str, field: str, text: str) -> None:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        card = next(card for card in data["cards"] if card["type"] == kind)
        card[field] += text
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    out = tmp_path / "out"
    build_workshop(folder, out, only=("handouts", "guide"))
    edit("dilemma", "situation", " Het is druk.")
    build_workshop(folder, out, only=("handouts", "guide"))  # the handouts whole from the cache
    edit("roleplay", "setting", " Het regent.")
    compressed: list[str] = []
    put = context.StoredStreams.put
    monkeypatch.setattr(
        context.StoredStreams, "put", lambda self, *a: compressed.append(self.kind) or put(self, *a)
    )
    report = build_workshop(folder, out, only=("handouts",))
    pages = len(PdfReader(report.out_dir / "handouts.pdf").pages)
    assert 0 < len(compressed) <= 4 < pages  # the edited roleplay's pages, no more
