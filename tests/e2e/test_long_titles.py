"""Long titles as trainers write them: never hyphenated on the cards or in the guide, and an
agenda whose blocks run over a page says on the next page which block goes on, and when.

Read with poppler's pdftotext, the way a reader copying the text would meet it.
"""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from tests.conftest import need_tool
from tests.longtitles import WORDS, long_title_workshop
from workshop.content.agenda import clock_times
from workshop.content.models import Agenda
from workshop.pipeline.build import build_workshop

CONTINUED = {"en": "(continued)", "nl": "(vervolg)"}


@pytest.fixture(scope="module", params=["en", "nl"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    root = long_title_workshop(tmp_path_factory.mktemp("long") / "ws", language=request.param)
    build_workshop(root, root / "build", only=("cards", "guide"))
    return request.param, root


def pages(pdf: Path) -> list[str]:
    """Each page's text as pdftotext gives it, in drawing order (`-raw`: its default mode would
    join a word hyphenated at a line end, hiding the very hyphen looked for)."""
    tool = need_tool("pdftotext")
    text = subprocess.run(
        [tool, "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    return text.decode("utf-8").split("\f")[:-1]


def hyphenated_title_words(text: str, language: str) -> list[str]:
    """Title words broken over two lines with a hyphen: 'Ques-' at a line end, 'tion' after it."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    broken = []
    for line, following in pairwise(lines):
        if line.endswith("-") and following:
            word = re.sub(r"\W", "", line.split()[-1][:-1] + following.split()[0])
            if word in WORDS[language]:
                broken.append(f"{line.split()[-1]}{following.split()[0]}")
    return broken


@pytest.mark.parametrize("output", ["cards.pdf", "guide.pdf"])
def test_titles_never_end_a_line_with_a_hyphen(built: tuple[str, Path], output: str):
    language, root = built
    text = "\n".join(pages(root / "build" / output))
    assert hyphenated_title_words(text, language) == []
    # the titles do wrap (a line ends with a title word, the next starts with one), so a
    # hyphen would show if the layout put one at a line end
    lines = [line.split() for line in text.splitlines() if line.strip()]
    assert any(a[-1] in WORDS[language] and b[0] in WORDS[language] for a, b in pairwise(lines))


def _agenda(root: Path) -> tuple[Agenda, list[str]]:
    config = yaml.safe_load((root / "workshop.yaml").read_text(encoding="utf-8"))
    cards = yaml.safe_load((root / "cards.yaml").read_text(encoding="utf-8"))["cards"]
    return Agenda.model_validate(config["agenda"]), [card["title"] for card in cards]


def test_a_continued_agenda_row_repeats_its_time_and_block(built: tuple[str, Path]):
    language, root = built
    agenda, titles = _agenda(root)
    guide = [" ".join(page.split()) for page in pages(root / "build" / "guide.pdf")]
    agenda_pages = [
        n for n, page in enumerate(guide) if page.count("Time Block Kind") or "Tijd Onderdeel Soort" in page
    ]
    assert len(agenda_pages) >= 2, "the generated agenda must run over a page"
    times = clock_times(agenda)
    block_of = {card_id: b for b, block in enumerate(agenda.blocks) for card_id in block.cards}
    continued = 0
    for n in agenda_pages[1:]:
        page = guide[n]
        shown = [i for i, title in enumerate(titles) if title in page]
        assert shown, f"page {n + 1} lists no card title whole"
        card_id = f"card-{shown[0] + 1}"
        b = block_of[card_id]
        block = agenda.blocks[b]
        if block.cards[0] != card_id:  # the page starts inside a block
            continued += 1
            start, end = times[b]
            assert f"{start}–{end} {block.title} {CONTINUED[language]}" in page
    assert continued, "the generated agenda must break inside a block"
    # no title is split between two pages: each stands whole on exactly one agenda page
    for title in titles:
        assert sum(title in guide[n] for n in agenda_pages) == 1, title
