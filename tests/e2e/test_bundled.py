"""The flagship and the examples: each validates and builds, and the flagship is a full workshop."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT
from workshop.content.models import DilemmaCard, ReflectionCard, RoleplayCard
from workshop.pipeline.build import build_workshop, load_and_check

BUNDLED = [ROOT / "deck", *sorted(p for p in (ROOT / "examples").iterdir() if (p / "workshop.yaml").exists())]
OUTPUTS = ["cards.pdf", "cards-single.pdf", "guide.pdf", "handouts.pdf", "site/index.html"]


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_bundled_workshop_builds_every_output(folder: Path, tmp_path: Path):
    report = build_workshop(folder, tmp_path / "build")
    assert report.warnings == []
    for name in OUTPUTS:
        assert (tmp_path / "build" / name).is_file(), name
    workshop, _ = load_and_check(folder)
    single = PdfReader(tmp_path / "build" / "cards-single.pdf")
    assert len(single.pages) == 2 * len(workshop.cards)
    for card in workshop.cards:
        assert (tmp_path / "build" / "site" / card.id / "index.html").is_file()


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
    assert [card.id for card in english.cards] == [card.id for card in flagship.cards]
    assert [type(card) for card in english.cards] == [type(card) for card in flagship.cards]


def test_examples_exercise_the_print_options():
    settings = [load_and_check(folder)[0].config.print for folder in BUNDLED]
    assert {s.paper for s in settings} == {"a4", "letter", "a3"}
    assert {s.duplex for s in settings} == {"long-edge", "short-edge", "fold", "none"}
    assert len({s.card_size.name for s in settings}) >= 4


def test_rendering_in_two_processes_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from tests.cardgen import write_workshop
    from workshop.pipeline import build

    folder = write_workshop(tmp_path / "w", build.PARALLEL_MIN_CARDS + 3)
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
