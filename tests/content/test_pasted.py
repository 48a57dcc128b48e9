"""Text as trainers paste it from web pages, word processors and chat: HTML, separators, emoji,
bare addresses; and the tags and agenda order a participant meets on the debrief site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.browser import Browser
from tests.conftest import ROOT, need_tool, run_cli
from tests.e2e.test_bad_input import apply
from tests.pdfcheck import page_texts
from tests.site_fixtures import parse
from workshop.pipeline.build import build_workshop


def place(folder: Path, file: str, needle: str) -> str:
    """'file:line:column' of the first `needle` in the file, counted as an editor counts."""
    text = (folder / file).read_text(encoding="utf-8")
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{file}:{line}:{column}"


# --- pasted HTML: shown as typed, with a located warning ---------------------------------


def test_pasted_html_gets_a_located_warning_saying_what_to_write(minimal: Path):
    apply(minimal, "cards.yaml", "question: Wat zeg je als eerste?", "question: Wat zeg je<br>als eerste?")
    apply(minimal, "cards.yaml", "- Eerlijk uitleggen waarom het zo druk is.", "- Eerlijk &amp; kort.")
    apply(
        minimal,
        "cards.yaml",
        "summary: Wie terugvraagt, vindt vaak een oplossing die niet op de kaart staat.",
        "summary: |\n        <p>Wie terugvraagt,</p>\n        <ul><li>vindt&nbsp;vaak</li></ul> een <b>oplossing</b>.",
    )
    apply(minimal, "workshop.yaml", "subtitle: Eén kaart", "subtitle: <i>Eén</i> kaart")
    for command in ("validate", "build"):
        result = run_cli(command, minimal)
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        expected = {
            (
                "cards.yaml",
                "<br>",
            ): "<br> shows as typed; start a new line instead, ending the line before with a backslash (\\)",
            ("cards.yaml", "&amp;"): "&amp; shows as typed; write & itself",
            ("cards.yaml", "<p>"): "<p> shows as typed; leave an empty line between paragraphs instead",
            ("cards.yaml", "<ul>"): "<ul> shows as typed; write each item on its own line starting with '- '",
            ("cards.yaml", "&nbsp;"): "&nbsp; shows as typed; write a space instead",
            ("cards.yaml", "<b>"): "<b> shows as typed; write **bold** instead",
            ("workshop.yaml", "<i>"): "subtitle: <i> shows as typed; write *emphasis* instead",
        }
        for (file, needle), message in expected.items():
            where = place(minimal, file, needle)
            assert any(f"{where}: warning: " in line and message in line for line in lines), (
                where,
                result.output,
            )
        assert "card 'het-menu', debrief.summary: <li> shows as typed" in result.output
    # shown exactly as typed, never interpreted
    page = (minimal / "build" / "site" / "wachttijd" / "index.html").read_text(encoding="utf-8")
    assert "Wat zeg je&lt;br&gt;als eerste?" in page
    assert "Eerlijk &amp;amp; kort." in page


def test_a_placeholder_in_angle_brackets_is_not_taken_for_html(minimal: Path):
    apply(minimal, "cards.yaml", "question: Wat zeg je als eerste?", "question: Wat zeg je tegen <naam>?")
    result = run_cli("validate", minimal)
    assert result.exit_code == 0
    assert "warning" not in result.output.replace("0 warnings", "")


# --- line and paragraph separators ---------------------------------------------------------


def test_line_separators_are_line_breaks_on_the_card_and_the_site(minimal: Path):
    # raw, as a paste leaves them: YAML itself would end the plain scalar there (an error) and
    # count an extra line; the unknown field after them must still be found at its own line
    apply(minimal, "cards.yaml", "title: De wachttijd", "title: De\u2028wachttijd")
    apply(minimal, "cards.yaml", "is boos als je opneemt.", "is boos\u2029als je opneemt.")
    apply(
        minimal,
        "cards.yaml",
        "    question: Wat zeg je als eerste?\n",
        "    question: Wat zeg je als eerste?\n    bogus: 1\n",
    )
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    assert f"{place(minimal, 'cards.yaml', 'bogus')}: error: cards[0].bogus: unknown field" in result.output
    assert "control character" not in result.output

    apply(minimal, "cards.yaml", "    bogus: 1\n", "")
    result = run_cli("build", minimal)
    assert result.exit_code == 0, result.output
    front = PdfReader(minimal / "build" / "cards.pdf").pages[0].extract_text().splitlines()
    assert front[1:3] == ["De", "wachttijd"], front[:4]  # the title on two lines
    broken = front.index("als je opneemt.")  # a new paragraph after the separator
    assert front[broken - 1].endswith("is boos")
    page = parse((minimal / "build" / "site" / "wachttijd" / "index.html").read_text(encoding="utf-8"))
    html = (minimal / "build" / "site" / "wachttijd" / "index.html").read_text(encoding="utf-8")
    assert "<h1>De<br>" in html
    assert (
        "<p>Het is druk aan de telefoon. Een klant wacht al tien minuten en is boos</p>\n<p>als je opneemt.</p>"
        in html
    )
    assert "De wachttijd" in page.title  # the page title reads as words, not "Dewachttijd"
    assert "\u2028" not in html and "\u2029" not in html


def test_a_backslash_at_a_line_end_breaks_the_line_as_the_br_warning_advises(minimal: Path):
    apply(
        minimal,
        "cards.yaml",
        "situation: Het is druk aan de telefoon.",
        "situation: |\n      Maandag, negen uur.\\\n      Het is druk aan de telefoon.",
    )
    assert run_cli("build", minimal).exit_code == 0
    front = PdfReader(minimal / "build" / "cards.pdf").pages[0].extract_text().splitlines()
    assert front[front.index("Maandag, negen uur.") + 1].startswith("Het is druk")
    html = (minimal / "build" / "site" / "wachttijd" / "index.html").read_text(encoding="utf-8")
    assert "<p>Maandag, negen uur.<br>\nHet is druk" in html


# --- missing glyphs ------------------------------------------------------------------------


def test_a_missing_emoji_is_named_by_what_the_reader_sees(minimal: Path):
    apply(minimal, "cards.yaml", "title: De wachttijd", "title: De wachttijd 🙂\ufe0f")
    apply(minimal, "cards.yaml", "name: Gast", "name: Gast 👩\u200d🍳")
    result = run_cli("build", minimal)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        f"{place(minimal, 'cards.yaml', 'De wachttijd')}: error" in line
        and "'🙂\ufe0f' (U+1F642 SLIGHTLY SMILING FACE)" in line
        for line in lines
    ), result.output
    assert "(U+1F469 WOMAN + U+1F373 COOKING)" in result.output
    assert "VARIATION SELECTOR" not in result.output
    assert "ZERO WIDTH JOINER" not in result.output


# --- bare addresses ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/minimal with bare addresses in a summary, built: its site."""
    root = tmp_path_factory.mktemp("linked") / "ws"
    shutil.copytree(ROOT / "examples" / "minimal", root, ignore=shutil.ignore_patterns("build"))
    apply(
        root,
        "cards.yaml",
        "summary: Eerst erkennen, dan helpen.",
        "summary: Lees https://example.org/wachten (of “https://example.org/q?a=1&b=2”). Eerst erkennen, dan helpen.",
    )
    build_workshop(root, root / "build")
    return root / "build"


def test_bare_addresses_are_links_on_the_site(linked: Path):
    page = parse((linked / "site" / "wachttijd" / "index.html").read_text(encoding="utf-8"))
    hrefs = [attrs.get("href") for attrs in page.tags("a")]
    assert "https://example.org/wachten" in hrefs
    assert "https://example.org/q?a=1&b=2" in hrefs  # the closing quote stays outside
    assert "(of “ https://example.org/q?a=1&b=2 ”)." in page.text  # the parser spaces out elements
    # and in the guide they are links too
    links = [
        annot.get_object()["/A"].get("/URI")
        for pdf_page in PdfReader(linked / "guide.pdf").pages
        for annot in pdf_page.get("/Annots", [])
        if annot.get_object().get("/A")
    ]
    assert "https://example.org/wachten" in links


def test_bare_addresses_are_links_in_chromium(linked: Path, tmp_path: Path):
    browser = Browser(need_tool("chromium"), tmp_path / "profile")
    try:
        browser.open((linked / "site" / "wachttijd" / "index.html").as_uri())
        found = browser.evaluate(
            "[...document.querySelectorAll('.summary a')].map(a => [a.href, a.textContent, a.rel])"
        )
        hyphens = browser.evaluate(
            "['h1', '.summary p'].map(s => getComputedStyle(document.querySelector(s)).hyphens)"
        )
    finally:
        browser.close()
    assert ["https://example.org/wachten", "https://example.org/wachten", "noopener noreferrer"] in found
    assert hyphens == ["manual", "auto"]  # the title is never hyphenated, running text may be


# --- tags and the index --------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "build"
    build_workshop(ROOT / "deck", out, only=("guide", "site"))
    return out


def test_tags_are_on_the_debrief_page_and_in_the_guides_contents(deck: Path):
    cards = yaml.safe_load((ROOT / "deck" / "dilemmas.yaml").read_text(encoding="utf-8"))["cards"]
    card = next(c for c in cards if c.get("tags"))
    page = parse((deck / "site" / card["id"] / "index.html").read_text(encoding="utf-8"))
    assert page.tags("ul") and {"class": "tags", "aria-label": "Trefwoorden"} in page.tags("ul")
    for tag in card["tags"]:
        assert tag in page.text
    guide = (deck / "guide.pdf").read_bytes()
    contents = " ".join(page_texts(guide)[1:3])
    assert f"{card['title']} · {', '.join(card['tags'])}".replace("-", "") in contents
