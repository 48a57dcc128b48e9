"""The flagship and the examples: each validates and builds, and the flagship is a full workshop."""

import itertools
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.pdfcheck import glyph_boxes, qr_symbols, trim_box, words
from workshop.content.markup import to_plain
from workshop.content.models import DilemmaCard, ReflectionCard, RoleplayCard
from workshop.content.units import mm
from workshop.pipeline.build import build_workshop, load_and_check

BUNDLED = [ROOT / "deck", *sorted(p for p in (ROOT / "examples").iterdir() if (p / "workshop.yaml").exists())]
OUTPUTS = ["cards.pdf", "cards-single.pdf", "guide.pdf", "handouts.pdf", "site/index.html"]


@pytest.fixture(scope="module", params=BUNDLED, ids=lambda p: p.name)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    """A bundled workshop built once for the tests below: its folder, its build, its warnings."""
    folder: Path = request.param
    out = tmp_path_factory.mktemp(folder.name) / "build"
    report = build_workshop(folder, out)
    return folder, out, report.warnings


def test_bundled_workshop_builds_every_output(built: tuple[Path, Path, Any]):
    folder, out, warnings = built
    assert warnings == []
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    workshop, _ = load_and_check(folder)
    single = PdfReader(out / "cards-single.pdf")
    assert len(single.pages) == 2 * len(workshop.cards)
    for card in workshop.cards:
        assert (out / "site" / card.id / "index.html").is_file()


def test_no_list_is_split_around_the_qr_code(built: tuple[Path, Path, Any]):
    """Every option and prompt of a card starts in one column: all above the QR code, or all
    beside it (read back from cards-single.pdf with poppler's pdftotext)."""
    folder, out, _ = built
    workshop, _ = load_and_check(folder)
    pdf = (out / "cards-single.pdf").read_bytes()
    checked = 0
    for number, card in enumerate(workshop.cards):
        face = getattr(workshop.config.print.face, card.type)
        lists = {"options": "ABCD", "prompts": "•" * 10}
        for field, bullets in lists.items():
            items = getattr(card, field, None)
            if not items or field not in face:
                continue
            found = words(pdf, 2 * number)
            starts = [
                _item_start(found, bullet, to_plain(item))
                for bullet, item in zip(bullets, items, strict=False)
            ]
            assert None not in starts, f"{card.id}: {field} not all found on its front"
            columns = {round(x) for x in starts if x is not None}
            assert len(columns) == 1, (
                f"{card.id}: its {field} stand in {len(columns)} columns: {sorted(columns)}"
            )
            checked += 1
    assert checked >= 2  # the minimal example has one list of each kind


def _item_start(found: list[tuple[str, float, float, float, float]], bullet: str, text: str) -> float | None:
    """The left edge of the list item whose bullet is followed by `text`'s first word on one line."""
    first = text.split()[0][:3]
    for (word, x, y, _, _), (after, _, y_after, _, _) in itertools.pairwise(found):
        if word == bullet and after.startswith(first) and abs(y - y_after) < 3:
            return x
    return None


def test_every_pdf_says_what_it_is(built: tuple[Path, Path, Any]):
    """Title, author, subject, keywords and language on every PDF (read back with pypdf)."""
    folder, out, _ = built
    config = load_and_check(folder)[0].config
    subjects = set()
    for name in ("cards.pdf", "cards-single.pdf", "guide.pdf", "handouts.pdf"):
        reader = PdfReader(out / name)
        info = reader.metadata
        assert info is not None
        assert info.title == to_plain(config.title), name
        assert info.author == (config.author or ""), name
        assert info.subject and info.subject not in ("unspecified", "untitled"), name
        subjects.add(info.subject)
        assert "dilemma" in str(info.get("/Keywords")).lower(), name
        assert reader.trailer["/Root"]["/Lang"] == config.language, name
    assert len(subjects) == 4  # each file says what it is


def test_text_stays_in_the_safe_zone_and_out_of_the_quiet_zone(built: tuple[Path, Path, Any]):
    """Every glyph's ink (pypdfium2's tight boxes) on every face of cards-single.pdf is at least
    3 mm inside the trim, and none is within 4 modules of a QR symbol (found by zxing)."""
    _, out, _ = built
    pdf = (out / "cards-single.pdf").read_bytes()
    for page in range(len(PdfReader(out / "cards-single.pdf").pages)):
        left, bottom, right, top = trim_box(pdf, page)
        safe = mm(3) - mm(0.05)
        quiet_zones = [
            (x0 - 4 * (x1 - x0) / n, y0 - 4 * (y1 - y0) / n, x1 + 4 * (x1 - x0) / n, y1 + 4 * (y1 - y0) / n)
            for (x0, y0, x1, y1), n in (qr_symbols(pdf, page) if page % 2 == 0 else [])
        ]
        assert quiet_zones or page % 2, f"page {page + 1}: no QR code found"
        for char, (x0, y0, x1, y1) in glyph_boxes(pdf, page):
            where = f"page {page + 1}: {char!r}"
            assert x0 >= left + safe and x1 <= right - safe and y0 >= bottom + safe and y1 <= top - safe, (
                where
            )
            for qx0, qy0, qx1, qy1 in quiet_zones:
                assert x1 <= qx0 or x0 >= qx1 or y1 <= qy0 or y0 >= qy1, f"{where} in the QR quiet zone"


@pytest.fixture(scope="module")
def flagship():
    workshop, warnings = load_and_check(ROOT / "deck")
    assert warnings == []
    return workshop


def test_flagship_counts(flagship):
    kinds = [type(card) for card in flagship.cards]
    assert kinds.count(DilemmaCard) >= 12
    assert kinds.count(RoleplayCard) >= 4
    assert kinds.count(ReflectionCard) >= 6
    assert flagship.config.language == "nl"
    assert flagship.config.debrief.base_url


def test_flagship_lamb_roleplay_has_guest_waitress_and_five_observations(flagship):
    lamb = flagship.card("lamsvlees-met-muntsaus")
    assert isinstance(lamb, RoleplayCard)
    names = {role.name for role in lamb.roles}
    assert {"Gast", "Serveerster", "Observator"} <= names
    observer = next(role for role in lamb.roles if role.observe)
    assert len(observer.observe) == 5


def test_flagship_central_question(flagship):
    central = flagship.card("hoe-belangrijk-echt")
    assert isinstance(central, ReflectionCard)
    assert central.question == "Hoe belangrijk vind je klantgerichtheid nou eigenlijk echt?"


def test_flagship_every_card_has_full_debrief_notes(flagship):
    for card in flagship.cards:
        notes = card.debrief
        assert notes.summary and notes.source, card.id
        assert len(notes.questions) >= 2, card.id
        assert notes.insights, card.id


def test_flagship_agenda_uses_every_card_once_in_three_hours(flagship):
    agenda = flagship.config.agenda
    assert agenda.start == "09:30"
    assert sum(block.minutes for block in agenda.blocks) == flagship.config.duration == 180
    used = [card_id for block in agenda.blocks for card_id in block.cards]
    assert sorted(used) == sorted(card.id for card in flagship.cards)
    assert any(block.kind == "break" for block in agenda.blocks)


def test_english_twin_mirrors_the_flagship(flagship):
    english, _ = load_and_check(ROOT / "examples" / "customer-orientation-en")
    assert english.config.language == "en"
    assert [type(card) for card in english.cards] == [type(card) for card in flagship.cards]
    # its own ids: an English trainer's debrief addresses and printed ids read as English
    assert {card.id for card in english.cards} & {card.id for card in flagship.cards} == {"computer-says-no"}


def test_examples_exercise_the_print_options():
    settings = [load_and_check(folder)[0].config.print for folder in BUNDLED]
    assert {s.paper for s in settings} == {"a4", "letter", "a3"}
    assert {s.duplex for s in settings} == {"long-edge", "short-edge", "fold", "none"}
    assert len({s.card_size.name for s in settings}) >= 4


def test_rendering_in_two_processes_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from tests.cardgen import write_workshop
    from workshop.pipeline import build
    from workshop.render.guide.chapters import CHAPTERS_FROM

    folder = write_workshop(tmp_path / "w", CHAPTERS_FROM + 3)  # a guide long enough for chapters
    workshop, _ = load_and_check(folder)
    everything = ["cards", "guide", "handouts", "site"]
    assert build._parallel_outputs(workshop, everything) == ["guide", "handouts"]
    build_workshop(folder, tmp_path / "parallel")
    build_workshop(folder, tmp_path / "parallel")  # a rebuild: the guide is replayed
    monkeypatch.setattr(build, "PARALLEL_MIN_CARDS", 10**9)
    build_workshop(folder, tmp_path / "serial")
    site = sorted(
        p.relative_to(tmp_path / "serial").as_posix() for p in (tmp_path / "serial" / "site").rglob("*.*")
    )
    assert len(site) > 60
    for name in ("guide.pdf", "cards.pdf", "cards-single.pdf", "handouts.pdf", *site):
        assert (tmp_path / "parallel" / name).read_bytes() == (tmp_path / "serial" / name).read_bytes(), name


def test_a_build_leaves_the_garbage_collector_as_it_found_it(minimal: Path) -> None:
    """`serve` builds again and again in one process: the collection thresholds are restored."""
    import gc

    before = gc.get_threshold()
    build_workshop(minimal)
    assert gc.get_threshold() == before
