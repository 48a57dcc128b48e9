"""Content that was not written to fit: 146 long cards in Dutch and in English (`tests.longtext`).

The default build refuses them with one located error per card, at the item where the
text runs out; the advice after the errors is what the fitter measured, so following it
builds; `card_size: auto` picks a size and says so; `preview` shows every face anyway.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from tests.conftest import replace_in, run_cli
from tests.longtext import CARDS, long_cards, write_long_workshop
from tests.pdfcheck import normalise, page_texts

LANGUAGES = ["nl", "en"]
ERROR = re.compile(
    r"^(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): error: card '(?P<card>[a-z0-9-]+)': (?P<rest>.*)$"
)
ADVICE = re.compile(
    r"^(?P<count>\d+) cards do not fit on poker\. All fit on (?P<size>\w+) \(card_size: (?P=size)\), "
    r"or on poker with (?P<face>print\.face\..*)\.$"
)


@pytest.fixture(scope="module")
def long_workshops(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("long")
    return {language: write_long_workshop(root / language, language) for language in LANGUAGES}


@pytest.fixture
def copy(long_workshops: dict[str, Path], tmp_path: Path):  # type: ignore[no-untyped-def]
    def _copy(language: str) -> Path:
        target = tmp_path / language
        shutil.copytree(long_workshops[language], target, ignore=shutil.ignore_patterns("build"))
        return target

    return _copy


def test_the_generator_writes_realistic_long_cards():
    for language in LANGUAGES:
        cards = long_cards(language)
        assert len(cards) == CARDS >= 120
        assert cards == long_cards(language), "not deterministic"
        prompts = [p for card in cards for p in card.get("prompts", [])]
        assert {len(card["prompts"]) for card in cards if "prompts" in card} == {2, 3, 4, 5, 6}
        assert any(len(p.split()) > 15 for p in prompts)
        assert any("-" in p for p in prompts)
        assert all(len(re.findall(r"[.?!]", card["debrief"]["summary"])) >= 2 for card in cards)
    assert any(
        "verantwoordelijkheidsgevoel" in p for card in long_cards("nl") for p in card.get("prompts", [])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_default_build_names_each_overflowing_item_once(copy, language: str):  # type: ignore[no-untyped-def]
    folder = copy(language)
    validated = run_cli("validate", folder)
    result = run_cli("build", folder)
    assert result.exit_code == validated.exit_code == 1, result.output
    assert not (folder / "build" / "cards.pdf").exists()
    errors = [ERROR.match(line) for line in result.output.splitlines() if ": error: " in line]
    assert errors and all(errors), result.output
    cards = [match["card"] for match in errors if match]
    assert len(cards) == len(set(cards)), "a card reported twice"
    lines = (folder / "cards.yaml").read_text(encoding="utf-8").splitlines()
    for match in errors:
        assert match is not None
        quoted = re.match(r"(prompt \d|option [A-D]) \('(?P<start>[^…']+)…?'\)", match["rest"])
        if quoted:  # located at the very item it quotes
            assert quoted["start"] in lines[int(match["line"]) - 1], match.group(0)
        assert "it needs" in match["rest"] or "wider than the" in match["rest"], match.group(0)
    advice = [ADVICE.match(line) for line in result.output.splitlines() if ADVICE.match(line)]
    assert len(advice) == 1 and int(advice[0]["count"]) == len(cards), result.output
    problems = [line for line in result.output.splitlines() if not line.startswith("  ")]  # not progress
    assert validated.output.splitlines()[:-1] == problems[:-1], "validate and build differ"


@pytest.mark.parametrize("language", LANGUAGES)
def test_following_the_advice_on_the_face_builds_on_poker(copy, language: str):  # type: ignore[no-untyped-def]
    folder = copy(language)
    advice = next(m for m in map(ADVICE.match, run_cli("validate", folder).output.splitlines()) if m)
    face = {
        part.split(": ")[0].removeprefix("print.face."): part.split(": ")[1].strip("[]").split(", ")
        for part in re.split(r", (?=print\.face\.)", advice["face"])
    }
    assert face["reflection"] == ["question"]
    config = yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))
    config["print"]["face"] = face
    (folder / "workshop.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = run_cli("build", folder)
    assert result.exit_code == 0, result.output
    card = next(c for c in long_cards(language) if len(c.get("prompts", [])) >= 4)
    build = folder / "build"
    cards_text = " ".join(page_texts((build / "cards.pdf").read_bytes()))
    guide_text = " ".join(page_texts((build / "guide.pdf").read_bytes()))
    assert normalise(card["question"]) in cards_text
    for prompt in card["prompts"]:
        assert normalise(prompt) not in cards_text
        assert normalise(prompt) in guide_text
        page = (build / "site" / card["id"] / "index.html").read_text(encoding="utf-8")
        assert prompt.replace("'", "&#39;") in page
    single = PdfReader(io.BytesIO((build / "cards-single.pdf").read_bytes()))
    trim = single.pages[0].trimbox
    assert (round(float(trim.width) / 72 * 25.4, 1), round(float(trim.height) / 72 * 25.4, 1)) == (63.5, 88.9)


@pytest.mark.parametrize("language", LANGUAGES)
def test_card_size_auto_builds_on_the_size_the_advice_named(copy, language: str):  # type: ignore[no-untyped-def]
    folder = copy(language)
    advice = next(m for m in map(ADVICE.match, run_cli("validate", folder).output.splitlines()) if m)
    result = run_cli("build", folder, "--card-size", "auto")
    assert result.exit_code == 0, result.output
    assert f"card_size auto: {advice['size']} (" in result.output
    single = PdfReader(io.BytesIO((folder / "build" / "cards-single.pdf").read_bytes()))
    trim = single.pages[0].trimbox
    expected = {"a6": (105.0, 148.0), "tarot": (70.0, 120.0), "a7": (74.0, 105.0)}[advice["size"]]
    assert (round(float(trim.width) / 72 * 25.4, 1), round(float(trim.height) / 72 * 25.4, 1)) == expected
    config = yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))
    config["print"]["card_size"] = "auto"
    (folder / "workshop.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    validated = run_cli("validate", folder)
    assert validated.exit_code == 0 and f"card_size auto: {advice['size']}" in validated.output


def test_preview_writes_every_face_and_marks_the_overflow(copy):  # type: ignore[no-untyped-def]
    folder = copy("nl")
    result = run_cli("preview", folder, "--dpi", "100")
    assert result.exit_code == 1
    target = folder / "build" / "preview"
    fronts = sorted(target.glob("*-front.png"))
    assert len(fronts) == len(list(target.glob("*-back.png"))) == CARDS
    listed = result.output.split("show the overflow in red: ")[1].split()
    listed = [name.rstrip(",") for name in listed]
    errors = [m["card"] for m in map(ERROR.match, result.output.splitlines()) if m]
    assert sorted(listed) == sorted(errors) and listed
    normal = (round(63.5 / 25.4 * 100), round(88.9 / 25.4 * 100))
    for path in fronts:
        card = path.name.split("-", 1)[1].removesuffix("-front.png")
        with Image.open(path) as image:
            width, height = image.size
            assert abs(width - normal[0]) <= 1, path.name
            if card not in listed:
                assert abs(height - normal[1]) <= 1, path.name
                continue
            # taller: below the card's edge, a band hatched in pale red holds what did not fit
            assert height > normal[1] + 10, path.name
            band = image.convert("RGB").crop((0, normal[1] + 2, width, height))
            assert _pale_red_share(band) > 0.3, path.name


def _pale_red_share(image: Image.Image) -> float:
    """The share of pixels in the overflow zone's pale red (#FBE3E0, hatched)."""
    data = image.tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    red = sum(1 for r, g, b in pixels if r > 230 and 150 < g < 240 and 150 < b < 240 and r - g > 15)
    return red / len(pixels)


def test_a_misspelt_face_field_is_located_with_a_suggestion(minimal: Path):
    path = minimal / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "paper: a4", "paper: a4\n  face:\n    reflection: [question, promts]\n    dilemma: [title]"
        ),
        encoding="utf-8",
    )
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    assert (
        "workshop.yaml:13:28: error: print.face.reflection[1]: 'promts' is not a field of a reflection "
        "card's face; use question, prompts (did you mean 'prompts'?)"
    ) in result.output
    assert (
        "workshop.yaml:14:15: error: print.face.dilemma[0]: the title is always on the face" in result.output
    )


def test_face_settings_change_the_front_and_nothing_else(minimal: Path):
    """Reordered fields print in the given order; the defaults print as before."""
    path = minimal / "workshop.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("paper: a4", "paper: a4\n  face: {dilemma: [question, situation]}"), encoding="utf-8"
    )
    result = run_cli("build", minimal, "--only", "cards")
    assert result.exit_code == 0, result.output
    card = yaml.safe_load((minimal / "cards.yaml").read_text(encoding="utf-8"))["cards"][0]
    assert card["type"] == "dilemma"
    front = page_texts((minimal / "build" / "cards-single.pdf").read_bytes())[0]
    question, situation = normalise(card["question"]), normalise(card["situation"])[:30]
    assert front.index(question) < front.index(situation)
    assert all(normalise(option) not in front for option in card["options"])


@pytest.mark.parametrize(
    ("language", "bad", "example"),
    [("en", "!!", "tea-on-the-terrace"), ("nl", "!!", "thee-op-het-terras"), ("en", "Het_Menu", "het-menu")],
)
def test_the_id_example_is_in_the_workshops_language(minimal: Path, language: str, bad: str, example: str):
    config = minimal / "workshop.yaml"
    config.write_text(
        re.sub(r"language: \w+", f"language: {language}", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    cards = minimal / "cards.yaml"
    replace_in(cards, "id: het-menu", f"id: '{bad}'")
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    assert "cannot be a card id" in result.output and f"e.g. '{example}'" in result.output, result.output


def test_leaving_out_the_item_an_error_names_makes_that_card_fit(copy):  # type: ignore[no-untyped-def]
    """The fitter tried it: every 'or leave out prompt N' holds."""
    folder = copy("nl")
    before = [m for m in map(ERROR.match, run_cli("validate", folder).output.splitlines()) if m]
    suggested = {}
    for match in before:
        spare = re.search(r"or leave out (prompt|option) (\w)", match["rest"])
        if spare:
            index = int(spare[2]) - 1 if spare[1] == "prompt" else "ABCD".index(spare[2])
            suggested[match["card"]] = ("prompts" if spare[1] == "prompt" else "options", index)
    assert len(suggested) >= 5
    path = folder / "cards.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for card in data["cards"]:
        if card["id"] in suggested:
            field, index = suggested[card["id"]]
            del card[field][index]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after = {m["card"] for m in map(ERROR.match, run_cli("validate", folder).output.splitlines()) if m}
    assert not after & set(suggested)
    assert after == {m["card"] for m in before} - set(suggested)


@pytest.mark.parametrize(
    ("text", "split"),
    [("Zie 0123456789012345678901234567890123456789", "a space or hyphen"), ("Zie a-" + "b" * 40, "a space")],
    ids=["no-hyphen", "has-a-hyphen"],
)
def test_a_word_too_wide_is_named_with_a_width_above_its_room(tmp_path: Path, text: str, split: str):
    from tests.cardgen import write_workshop

    card = {
        "id": "breed",
        "type": "reflection",
        "title": "Breed",
        "question": "Wat valt op?",
        "prompts": ["Kort.", text],
        "debrief": {"summary": "x"},
    }
    folder = write_workshop(tmp_path / "w", 0, cards=[card])
    result = run_cli("validate", folder)
    assert result.exit_code == 1
    message = re.search(
        r"cards\.yaml:(\d+):\d+: error: card 'breed': prompt 2 \('(.*?)'\) holds '(.*?)', ([\d.]+) mm wide at 9 pt: "
        r"wider than the ([\d.]+) mm of a line( beside the QR code)?; shorten the word or split it with (.*)$",
        result.output,
        re.MULTILINE,
    )
    assert message, result.output
    line = (folder / "cards.yaml").read_text(encoding="utf-8").splitlines()[int(message[1]) - 1]
    assert text[:20] in line
    assert message[3].rstrip("…") in text and float(message[4]) > float(message[5])
    assert message[7] == split


def test_face_png_renders_one_overflowing_front_for_other_code(long_workshops: dict[str, Path]):
    """The function a live page of card faces calls: one front as PNG, its overflow band below."""
    from workshop.pipeline.build import load_and_check
    from workshop.render.cards import preview_deck
    from workshop.render.preview import face_png

    workshop, _ = load_and_check(long_workshops["en"])
    deck = preview_deck(workshop)
    over = next(i for i, front in enumerate(deck.fronts) if front.overflows)
    fits = next(i for i, front in enumerate(deck.fronts) if not front.overflows)
    assert deck.problems and len(deck.problems) == sum(front.overflows for front in deck.fronts)
    with Image.open(io.BytesIO(face_png(deck, fits, 100))) as image:
        normal = image.size
    with Image.open(io.BytesIO(face_png(deck, over, 100))) as image:
        assert image.width == normal[0] and image.height > normal[1] + 10
