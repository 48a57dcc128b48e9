"""SPEC §6 through the command line: every bad input → exit 1, `file:line:col`, the key, advice.

Each case edits a copy of examples/minimal. `validate` and `build` must both refuse it,
quickly, and `build` must leave the previous build untouched.
"""

import json
import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import need_tool, run_cli

BOMB = "\n".join(
    ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)
SVG_BROKEN = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10"'
SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
SVG_OUTSIDE = (
    SVG_HEAD + 'width="9" height="9"><image xlink:href="../../secret.png" width="9" height="9"/></svg>'
)
SVG_HUGE = SVG_HEAD + 'width="1e308" height="1e308"><rect width="9" height="9"/></svg>'
SVG_NO_SIZE = SVG_HEAD + 'width="0" height="0"><rect width="9" height="9"/></svg>'
SVG_TEXT = SVG_HEAD + 'width="90" height="30"><text x="2" y="20" font-family="Times">Logo</text></svg>'
SVG_ENTITY = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'

# (case id, file, text to replace, replacement, expected place, words the message must contain)
CASES = [
    (
        "yaml-syntax",
        "cards.yaml",
        "title: De wachttijd",
        "title: 'De wachttijd",
        "cards.yaml:",
        ["YAML syntax error"],
    ),
    (
        "tab",
        "cards.yaml",
        "    title: De wachttijd",
        "\ttitle: De wachttijd",
        "cards.yaml:4:1",
        ["tab", "spaces"],
    ),
    (
        "wrong-type",
        "cards.yaml",
        "minutes: 5",
        "minutes: vijf",
        "cards.yaml:21:14",
        ["cards[1].minutes", "whole number"],
    ),
    (
        "missing-field",
        "cards.yaml",
        "    setting: Een restaurant",
        "    settin: Een restaurant",
        "cards.yaml:20:5",
        ["cards[1].settin", "did you mean 'setting'"],
    ),
    (
        "missing-required",
        "cards.yaml",
        "    title: Het menu\n",
        "",
        "cards.yaml:17:5",
        ["cards[1].title", "required"],
    ),
    (
        "unknown-key",
        "workshop.yaml",
        "paper: a4",
        "papr: a4",
        "workshop.yaml:11:3",
        ["print.papr", "did you mean 'paper'"],
    ),
    (
        "unknown-type",
        "cards.yaml",
        "type: reflection",
        "type: reflectie",
        "cards.yaml:37:11",
        ["'reflectie' is not a card type", "reflection"],
    ),
    ("empty-type", "cards.yaml", "type: reflection", "type:", "cards.yaml:37:10", ["'type:' is empty"]),
    (
        "duplicate-id",
        "cards.yaml",
        "id: wat-neem-je-mee",
        "id: wachttijd",
        "cards.yaml:36:9",
        ["'wachttijd' is used twice"],
    ),
    (
        "duplicate-key",
        "cards.yaml",
        "    title: De wachttijd\n",
        "    title: De wachttijd\n    title: Nog eens\n",
        "cards.yaml:5:5",
        ["'title' appears twice"],
    ),
    (
        "agenda-unknown-card",
        "workshop.yaml",
        "wat-neem-je-mee]",
        "wat-neem-je-me]",
        "workshop.yaml:23:36",
        ["'wat-neem-je-me'", "did you mean 'wat-neem-je-mee'"],
    ),
    ("agenda-minutes", "workshop.yaml", "minutes: 35", "minutes: 30", "workshop.yaml:7:11", ["add up to 40"]),
    (
        "bad-language",
        "workshop.yaml",
        "language: nl",
        "language: fr",
        "workshop.yaml:4:11",
        ["'fr'", "nl, en"],
    ),
    (
        "bad-id",
        "cards.yaml",
        "id: het-menu",
        "id: het_menu",
        "cards.yaml:17:9",
        ["'het_menu' cannot be a card id"],
    ),
    (
        "bad-url",
        "workshop.yaml",
        "https://example.org/mini/",
        "javascript:alert(1)",
        "workshop.yaml:9:13",
        ["http:// or https://"],
    ),
    (
        "deck-outside",
        "workshop.yaml",
        "decks: [cards.yaml]",
        "decks: [/etc/passwd]",
        "workshop.yaml:14:9",
        ["leaves the workshop folder"],
    ),
    (
        "logo-outside",
        "workshop.yaml",
        "decks: [cards.yaml]",
        "decks: [cards.yaml]\ntheme: {logo: ../../logo.png}",
        "workshop.yaml:15:15",
        ["theme.logo", "leaves the workshop folder"],
    ),
    (
        "logo-missing",
        "workshop.yaml",
        "decks: [cards.yaml]",
        "decks: [cards.yaml]\ntheme: {logo: logo.svg}",
        "workshop.yaml:15:15",
        ["'logo.svg' does not exist"],
    ),
    ("alias-bomb", "cards.yaml", "cards:\n", BOMB + "\ncards:\n", "cards.yaml:", ["aliases"]),
    (
        "deep-nesting",
        "cards.yaml",
        "cards:\n",
        "deep: " + "[" * 200 + "]" * 200 + "\ncards:\n",
        "cards.yaml:1:",
        ["nested more than"],
    ),
    (
        "merge-into-itself",
        "cards.yaml",
        "cards:\n",
        "loop: &x\n  <<: *x\ncards:\n",
        "cards.yaml:",
        ["itself"],
    ),
    (
        "raw-control-character",
        "cards.yaml",
        "De wachttijd",
        "De\x0bwachttijd",
        "cards.yaml:4:14",
        ["U+000B (LINE TABULATION)", "delete it"],
    ),
    (
        "escaped-control-character",
        "cards.yaml",
        "title: De wachttijd",
        'title: "De\\e[31mwachttijd"',
        "cards.yaml:4:12",
        ["U+001B (ESCAPE)", "remove it"],
    ),
    (
        "base-url-too-long-for-a-qr-code",
        "workshop.yaml",
        "https://example.org/mini/",
        "https://example.org/" + "a" * 300,
        "workshop.yaml:9:13",
        ["debrief.base_url", "320 characters long", "under 200"],
    ),
    (
        "base-url-with-markup",
        "workshop.yaml",
        "https://example.org/mini/",
        """'https://e.org/"><b>x</b>/'""",
        "workshop.yaml:9:13",
        ["debrief.base_url", "no spaces, quotes, '<'"],
    ),
    (
        "pasted-book",
        "cards.yaml",
        "title: De wachttijd",
        "title: " + "woord " * 4000,
        "cards.yaml:4:12",
        ["cards[0].title", "is 23,999 characters long; at most 20,000"],
    ),
    (
        "bleed-negative",
        "workshop.yaml",
        "paper: a4",
        "paper: a4\n  bleed: -3mm",
        "workshop.yaml:12:10",
        ["print.bleed", "-3 mm is out of range", "0 to 10 mm"],
    ),
    (
        "back-offset-off-the-paper",
        "workshop.yaml",
        "paper: a4",
        "paper: a4\n  back_offset: [500mm, 0]",
        "workshop.yaml:12:17",
        ["print.back_offset[0]", "500 mm is out of range", "-20 to 20 mm"],
    ),
    (
        "lists-nested-too-deep",
        "cards.yaml",
        "      summary: Eerst erkennen",
        "      summary: |\n"
        + "".join(f"        {'  ' * i}- stap {i}\n" for i in range(12))
        + "        Eerst erkennen",
        "cards.yaml:11:16",
        ["card 'wachttijd', debrief.summary", "nested about 12 levels deep", "indent less"],
    ),
    (
        "escaped-nul",
        "cards.yaml",
        "title: De wachttijd",
        'title: "De\\0"',
        "cards.yaml:4:12",
        ["U+0000 (NULL)"],
    ),
]


def apply(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "place", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_exits_1_with_its_place(
    minimal: Path, file: str, old: str, new: str, place: str, words: list[str]
):
    apply(minimal, file, old, new)
    started = time.monotonic()
    result = run_cli("validate", minimal)
    assert time.monotonic() - started < 10, "refused, but not quickly"
    assert result.exit_code == 1, result.output
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", result.output), "raw control character shown"
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    matching = [line for line in lines if place in line and all(w in line for w in words)]
    assert matching, result.output


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, ["looks like a PNG", "cannot be read"]),
        ("logo.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 10, ["looks like a JPEG", "cannot be read"]),
        ("logo.svg", SVG_BROKEN.encode(), ["not well-formed SVG"]),
        ("logo.svg", SVG_ENTITY.encode(), ["DOCTYPE or entities"]),
        ("logo.png", b"GIF89a" + b"\0" * 20, ["not a PNG, JPEG or SVG"]),
        ("logo.svg", SVG_OUTSIDE.encode(), ["refers to another file or address ('../../secret.png')"]),
        ("logo.svg", SVG_HUGE.encode(), ["absurd size or coordinate (1e308)"]),
        ("logo.svg", SVG_NO_SIZE.encode(), ['width="0"', "size above zero"]),
    ],
    ids=["png", "jpeg", "svg", "svg-entities", "gif", "svg-outside-file", "svg-1e308", "svg-zero-size"],
)
def test_corrupt_images_are_refused(minimal: Path, name: str, content: bytes, words: list[str]):
    (minimal / name).write_bytes(content)
    apply(minimal, "workshop.yaml", "decks: [cards.yaml]", f"decks: [cards.yaml]\ntheme: {{logo: {name}}}")
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    assert any(
        "workshop.yaml:15:15" in line and all(w in line for w in words) for line in result.output.splitlines()
    ), result.output


def test_non_utf8_file(minimal: Path):
    path = minimal / "cards.yaml"
    path.write_bytes(
        path.read_text(encoding="utf-8")
        .replace("De wachttijd", "Caf\udce9", 1)
        .encode("utf-8", "surrogateescape")
    )
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    assert "cards.yaml:4:15: error: byte 0xe9 is not UTF-8" in result.output


def test_oversized_file(minimal: Path):
    with (minimal / "cards.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * (5 * 1024 * 1024) + "\n")
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    assert "cards.yaml: error: file is 5.0 MiB" in result.output


def test_a_failed_build_leaves_the_previous_build_untouched(minimal: Path):
    first = run_cli("build", minimal)
    assert first.exit_code == 0, first.output
    before = {p: p.read_bytes() for p in (minimal / "build").rglob("*") if p.is_file()}
    apply(minimal, "cards.yaml", "type: reflection", "type: reflectie")
    result = run_cli("build", minimal)
    assert result.exit_code == 1
    assert "Nothing was written." in result.output
    after = {p: p.read_bytes() for p in (minimal / "build").rglob("*") if p.is_file()}
    assert after == before


# (old, new, place, words): content that loads, but that the cards cannot print
UNPRINTABLE = [
    (
        "    question: Wat zeg je als eerste?",
        "    question: Wat zeg je als eerste? " + "Denk goed na over de klant die al lang wacht. " * 12,
        "cards.yaml:6:15",
        ["card 'wachttijd'", "question", "does not fit on the card even at 9 pt", "by about"],
    ),
    (
        "title: De wachttijd",
        "title: De wachttijd 日本",
        "cards.yaml:4:12",
        ["card 'wachttijd', title", "'日' (U+65E5", "not in the", "replace it"],
    ),
    (
        "title: De wachttijd",
        "title: Rekeningnummer 1234567890123456789012345678901234567890" + "0" * 5000,
        "cards.yaml:4:12",
        ["card 'wachttijd'", "title", "'123456789012345678901234567890123456789…'", "wider than"],
    ),
    (
        "title: De wachttijd",
        "title: " + "De wachttijd duurt lang " * 40,
        "cards.yaml:4:12",
        ["card 'wachttijd'", "the title does not fit", "by about"],
    ),
]
UNPRINTABLE_IDS = ["overlong-text", "missing-glyph", "unbreakable-word", "overlong-title"]


@pytest.mark.parametrize(("old", "new", "place", "words"), UNPRINTABLE, ids=UNPRINTABLE_IDS)
def test_build_refuses_text_it_cannot_print(minimal: Path, old: str, new: str, place: str, words: list[str]):
    first = run_cli("build", minimal)
    assert first.exit_code == 0, first.output
    before = (minimal / "build" / "cards.pdf").read_bytes()
    apply(minimal, "cards.yaml", old, new)
    result = run_cli("build", minimal)
    assert result.exit_code == 1, result.output
    assert any(place in line and all(w in line for w in words) for line in result.output.splitlines()), (
        result.output
    )
    assert (minimal / "build" / "cards.pdf").read_bytes() == before


def test_a_title_too_long_for_the_card_back_is_an_error(minimal: Path):
    apply(minimal, "workshop.yaml", "title: Een kleine workshop", "title: " + "Een heel lange titel " * 40)
    result = run_cli("build", minimal)
    assert result.exit_code == 1, result.output
    assert "workshop.yaml:2:8: error: the title does not fit on the back of a square card" in result.output


def test_a_crafted_manifest_cannot_make_a_build_delete_other_files(minimal: Path, tmp_path: Path):
    """The manifest is a plain file that may come along in a zip: its entries outside build/ are ignored."""
    victim, neighbour = tmp_path / "thesis.pdf", minimal / "notes.txt"
    victim.write_text("years of work", encoding="utf-8")
    neighbour.write_text("mine", encoding="utf-8")
    (minimal / "build").mkdir()
    manifest = {"files": [str(victim), "../notes.txt", "cards.pdf", 7, None]}
    (minimal / "build" / ".workshop-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run_cli("build", minimal)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "years of work"
    assert neighbour.read_text(encoding="utf-8") == "mine"


def test_a_file_where_the_site_folder_goes_stops_the_build_before_anything_is_swapped(minimal: Path):
    """Found by hand: a file named 'site' crashed the swap after the PDFs were in, leaving a build it disowned."""
    out = minimal / "build"
    out.mkdir()
    (out / "site").write_text("my notes", encoding="utf-8")
    result = run_cli("build", minimal)
    assert result.exit_code == 1
    assert "site already exists and was not written by workshop" in result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["site"]
    assert (out / "site").read_text(encoding="utf-8") == "my notes"


def test_an_svg_logo_with_text_keeps_every_font_embedded(minimal: Path):
    """Found by hand: card backs drew an SVG logo in Helvetica and its own Times, neither embedded."""
    pdffonts = need_tool("pdffonts")
    (minimal / "logo.svg").write_text(SVG_TEXT, encoding="utf-8")
    apply(minimal, "workshop.yaml", "decks: [cards.yaml]", "decks: [cards.yaml]\ntheme: {logo: logo.svg}")
    result = run_cli("build", minimal, "--only", "cards,guide")
    assert result.exit_code == 0, result.output
    for name in ("cards.pdf", "cards-single.pdf", "guide.pdf"):
        listing = subprocess.run(
            [pdffonts, str(minimal / "build" / name)], capture_output=True, text=True, check=True
        ).stdout
        fonts = [line.split()[0] for line in listing.splitlines()[2:]]
        assert fonts and all("Lato" in font for font in fonts), (name, listing)


@pytest.mark.parametrize(
    ("setting", "link", "words"),
    [
        ("decks: [cards.yaml, loop.yaml]", "loop.yaml", ["card file 'loop.yaml' cannot be opened", "itself"]),
        ("decks: ['*.yaml']", "loop.yaml", ["card file 'loop.yaml' cannot be opened", "itself"]),
        (
            "decks: [cards.yaml]\ntheme: {logo: loop.png}",
            "loop.png",
            ["theme.logo: 'loop.png' cannot be opened"],
        ),
        ("decks: [cards.yaml, " + "a" * 300 + ".yaml]", None, ["cannot be opened: File name too long"]),
        (
            "decks: [cards.yaml]\ntheme: {logo: " + "a" * 300 + ".png}",
            None,
            ["cannot be opened: File name too long"],
        ),
    ],
    ids=["deck-link-loop", "glob-link-loop", "logo-link-loop", "deck-name-too-long", "logo-name-too-long"],
)
def test_paths_the_file_system_refuses_are_errors_not_tracebacks(
    minimal: Path, setting: str, link: str | None, words: list[str]
):
    if link:
        (minimal / link).symlink_to(link)
    apply(minimal, "workshop.yaml", "decks: [cards.yaml]", setting)
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    assert any(
        "workshop.yaml:14:" in line or "workshop.yaml:15:" in line for line in result.output.splitlines()
    )
    assert any(all(w in line for w in words) for line in result.output.splitlines()), result.output


@pytest.mark.parametrize("only", ["guide", "handouts"])
def test_a_missing_glyph_is_refused_without_cards_pdf_too(minimal: Path, only: str):
    """Found by hand: only cards.pdf checked the font, so '--only guide' printed the emoji as a box."""
    apply(minimal, "cards.yaml", "name: Gast", "name: Gast 😀")
    result = run_cli("build", minimal, "--only", only)
    assert result.exit_code == 1, result.output
    assert "cards.yaml:23:15: error: card 'het-menu'" in result.output
    assert "U+1F600 GRINNING FACE" in result.output
    assert not (minimal / "build" / f"{only}.pdf").exists()


def test_two_roles_with_one_name_are_an_error(minimal: Path):
    apply(minimal, "cards.yaml", "      - name: Medewerker", "      - name: gast")
    result = run_cli("validate", minimal)
    assert result.exit_code == 1
    assert "cards.yaml:17:5: error: cards[1]: two roles are called 'Gast'" in result.output, result.output


def _problem_lines(output: str) -> list[str]:
    """What a run reported: every problem and the advice after them (not the closing count, which
    says whether anything was written)."""
    return [line for line in output.splitlines()[:-1] if not line.startswith("  ")]


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [c[1:4] for c in CASES] + [("cards.yaml", old, new) for old, new, *_ in UNPRINTABLE],
    ids=[c[0] for c in CASES] + UNPRINTABLE_IDS,
)
def test_validate_and_build_report_the_same_problems(minimal: Path, file: str, old: str, new: str):
    """One check pipeline: what validate passes, build builds; what build refuses, validate reports alike."""
    apply(minimal, file, old, new)
    validated = run_cli("validate", minimal)
    built = run_cli("build", minimal)
    assert validated.exit_code == built.exit_code == 1, built.output
    assert _problem_lines(validated.output) == _problem_lines(built.output)
    assert "Nothing was written." in built.output.splitlines()[-1]
