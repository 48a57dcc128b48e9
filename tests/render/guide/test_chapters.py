"""Long guides in chapters, replayed from build/.cache: the same bytes, and only edited chapters laid out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from bench.generate import edit_one_card, generate_workshop
from workshop.pipeline.build import build_workshop
from workshop.render.guide import chapters


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many of the guide's chapters the next builds replay and record (not the handouts')."""
    from workshop.render.guide.doc import GuideDocument

    counts = {"replayed": 0, "recorded": 0}
    replay, record = chapters.ChapteredDocument._replay, chapters.Recorder.__init__

    def replayed(self, record_):  # type: ignore[no-untyped-def]
        counts["replayed"] += isinstance(self, GuideDocument)
        return replay(self, record_)

    def recorded(self, doc, *args):  # type: ignore[no-untyped-def]
        counts["recorded"] += isinstance(doc, GuideDocument)
        return record(self, doc, *args)

    monkeypatch.setattr(chapters.ChapteredDocument, "_replay", replayed)
    monkeypatch.setattr(chapters.Recorder, "__init__", recorded)
    return counts


def guide(out: Path) -> bytes:
    return (out / "guide.pdf").read_bytes()


def test_a_rebuild_replays_every_chapter_and_lays_out_only_the_edited_one(
    tmp_path: Path, counted: dict[str, int]
) -> None:
    folder = generate_workshop(tmp_path / "w", 70)
    build_workshop(folder, tmp_path / "out", only=("guide",))
    cold = guide(tmp_path / "out")
    chapter_count = counted["recorded"]
    assert chapter_count >= 2 + 70 // chapters.CHAPTER_CARDS  # front, agenda, and the session in parts

    build_workshop(folder, tmp_path / "out", only=("guide",))
    assert counted["replayed"] == chapter_count and counted["recorded"] == chapter_count
    assert guide(tmp_path / "out") == cold

    edit_one_card(folder, 4)  # a dilemma's situation: only its own chapter shows it
    counted.update(replayed=0, recorded=0)
    build_workshop(folder, tmp_path / "out", only=("guide",))
    assert counted["recorded"] == 1 and counted["replayed"] == chapter_count - 1
    build_workshop(folder, tmp_path / "fresh", only=("guide",))
    assert guide(tmp_path / "out") == guide(tmp_path / "fresh")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(guide(tmp_path / "out"))).pages)
    assert "(v4)" in text


def test_replayed_chapters_keep_links_bookmarks_and_contents(tmp_path: Path) -> None:
    """The outline, the contents' page numbers and the debrief links survive a replay (same bytes
    is the proof; this shows what those bytes hold)."""
    folder = generate_workshop(tmp_path / "w", 70)
    build_workshop(folder, tmp_path / "out", only=("guide",))
    build_workshop(folder, tmp_path / "out", only=("guide",))
    reader = PdfReader(io.BytesIO(guide(tmp_path / "out")))
    titles = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    assert len([t for t in titles if t]) >= 70
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert len(links) == 70 and all(link.startswith("https://example.org/") for link in links)


def test_short_guides_are_not_cut_into_chapters(tmp_path: Path) -> None:
    from workshop.content.loader import load_workshop
    from workshop.content.problems import Problems
    from workshop.render.guide.session import session_parts

    folder = generate_workshop(tmp_path / "w", chapters.CHAPTERS_FROM - 1)
    workshop = load_workshop(folder, Problems())
    assert workshop is not None and workshop.config.agenda is not None
    assert len(session_parts(workshop.config.agenda)) == 1
    parts = session_parts(workshop.config.agenda, chapters.CHAPTER_CARDS)
    sizes = [sum(end - start for _, start, end in part) for part in parts]
    assert len(parts) > 1 and max(sizes) <= chapters.CHAPTER_CARDS
    assert sum(sizes) == chapters.CHAPTERS_FROM - 1


def test_a_damaged_or_old_recording_is_laid_out_again(tmp_path: Path, counted: dict[str, int]) -> None:
    """A flipped byte or a cut-off file: never pasted, never an error; the chapters are laid out
    again and the guide is the same. Folders of an older version are cleaned up."""
    folder = generate_workshop(tmp_path / "w", 70)
    build_workshop(folder, tmp_path / "out", only=("guide",))
    cold = guide(tmp_path / "out")
    chapter_count = counted["recorded"]
    file = tmp_path / "out" / ".cache" / "guide-chapters.bin"
    legacy = tmp_path / "out" / ".cache" / "guide-chapters"
    legacy.mkdir()
    (legacy / f"{'0' * 40}.bin").write_bytes(b"an older version's recording")
    for damage in (lambda data: data[:100], lambda data: data[:-40] + bytes([data[-40] ^ 0x20]) + data[-39:]):
        file.write_bytes(damage(file.read_bytes()))
        counted.update(replayed=0, recorded=0)
        build_workshop(folder, tmp_path / "out", only=("guide",))
        assert counted["recorded"] == chapter_count and counted["replayed"] == 0
        assert guide(tmp_path / "out") == cold
    assert not legacy.exists()


@pytest.mark.parametrize(
    ("field", "front_again"),
    [("brief", False), ("setting", False), ("title", True), ("role name", True), ("long brief", True)],
)
def test_a_roleplay_edit_lays_out_the_front_pages_again_only_when_they_show_it(
    tmp_path: Path, counted: dict[str, int], field: str, front_again: bool
) -> None:
    """The overview and printing pages show a roleplay's title, role names and handout pages,
    not its setting or briefs: the guide is the same as a fresh build either way."""
    import yaml

    folder = generate_workshop(tmp_path / "w", 70)
    build_workshop(folder, tmp_path / "out", only=("guide",))
    file = folder / "kaarten-001.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    card = next(card for card in data["cards"] if card["type"] == "roleplay")
    if field == "brief":
        card["roles"][0]["brief"] += " Je bent moe."
    elif field == "long brief":  # onto a second page: the handout pages change
        card["roles"][0]["brief"] += " Je bent moe en hebt haast." * 120
    elif field == "setting":
        card["setting"] += " Het regent."
    elif field == "title":
        card["title"] += " (nieuw)"
    else:
        card["roles"][1]["name"] = "Collega"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    counted.update(replayed=0, recorded=0)
    build_workshop(folder, tmp_path / "out", only=("guide",))
    also = 2 if field == "title" else 0  # a title is in the contents and the agenda too
    assert counted["recorded"] == 1 + front_again + also
    build_workshop(folder, tmp_path / "fresh", only=("guide",))
    assert guide(tmp_path / "out") == guide(tmp_path / "fresh")
