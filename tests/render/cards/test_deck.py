"""cards.pdf and cards-single.pdf as users meet them: sizes, fonts, text, QR codes, duplex, errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdf
import pytest

from tests.cardgen import card, short_card, write_workshop
from tests.cardpdfs import build, decode, normalise, read_pdf, urls
from tests.conftest import need_tool, replace_in, run_cli
from workshop.content.markup import to_plain
from workshop.content.units import to_mm


@pytest.fixture(scope="module")
def poker(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """30 Dutch poker cards on A4, long-edge duplex."""
    return build(write_workshop(tmp_path_factory.mktemp("poker"), 30))


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return build(write_workshop(tmp_path_factory.mktemp("letter"), 12, paper="letter"))


def test_the_build_says_which_layout_it_chose(poker: dict[str, bytes]) -> None:
    assert poker["_notes"].decode().splitlines()[0] == (
        "cards.pdf: 3×3 poker cards per A4 sheet (butted, shared cut lines), 8 pages (4 front pages + 4 back pages); "
        "print.layout: auto: every crop mark prints at least 2 mm inside a home printer's 5 mm margin, "
        "with outer bleed 1.75 mm at the left and right sheet edges"
    )


def test_every_qr_code_on_a4_poker_sheets_decodes_to_its_card(poker: dict[str, bytes]) -> None:
    fronts = decode(poker["cards.pdf"], [0, 2, 4, 6])
    assert fronts == [urls(1, 9), urls(10, 18), urls(19, 27), urls(28, 30)]
    assert decode(poker["cards.pdf"], [1]) == [set()]  # backs carry no codes


def test_every_qr_code_on_letter_sheets_decodes(letter: dict[str, bytes]) -> None:
    assert decode(letter["cards.pdf"], [0, 2]) == [urls(1, 8), urls(9, 12)]
    assert "4×2 poker cards per Letter sheet (landscape)" in letter["_notes"].decode()


@pytest.mark.parametrize(("size", "paper"), [("mini", "a4"), ("tarot", "letter"), ("square", "a4")])
def test_qr_codes_decode_on_other_card_sizes(tmp_path: Path, size: str, paper: str) -> None:
    cards = [short_card(i) for i in range(1, 7)] if size in ("mini", "square") else None
    files = build(write_workshop(tmp_path / size, 6, cards=cards, card_size=size, paper=paper))
    reader = read_pdf(files["cards.pdf"])
    front_pages = list(range(0, len(reader.pages), 2))
    found = set().union(*decode(files["cards.pdf"], front_pages))
    assert found == urls(1, 6)
    single = decode(files["cards-single.pdf"], [0, 2], dpi=200)
    assert single == [urls(1, 1), urls(2, 2)]


def test_sheet_and_card_sizes_are_exact(poker: dict[str, bytes], letter: dict[str, bytes]) -> None:
    for data, expected in ((poker["cards.pdf"], (210, 297)), (letter["cards.pdf"], (279.4, 215.9))):
        for page in read_pdf(data).pages:
            box = page.mediabox
            assert (to_mm(float(box.width)), to_mm(float(box.height))) == pytest.approx(expected, abs=0.1)
    single = read_pdf(poker["cards-single.pdf"])
    assert len(single.pages) == 60
    for page in single.pages:
        trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
        assert (to_mm(float(trim.width)), to_mm(float(trim.height))) == pytest.approx((63.5, 88.9), abs=0.1)
        assert (to_mm(float(trim.left)), to_mm(float(trim.bottom))) == pytest.approx((3, 3), abs=0.1)
        assert (float(bleed.width), float(bleed.height)) == pytest.approx(
            (float(media.width), float(media.height))
        )
        assert to_mm(float(media.width)) == pytest.approx(69.5, abs=0.1)


def test_all_fonts_are_embedded_lato(poker: dict[str, bytes], tmp_path: Path) -> None:
    pdffonts = need_tool("pdffonts")
    for name in ("cards.pdf", "cards-single.pdf"):
        path = tmp_path / name
        path.write_bytes(poker[name])
        output = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout
        rows = output.splitlines()[2:]
        assert rows, output
        for row in rows:
            assert "Lato" in row and " yes " in row, row  # embedded (and subset)
        assert "Helvetica" not in output


def test_every_card_text_extracts_with_diacritics(poker: dict[str, bytes]) -> None:
    reader = read_pdf(poker["cards-single.pdf"])
    for index in range(1, 31):
        text = normalise(reader.pages[2 * (index - 1)].extract_text())
        data = card(index)
        fields = [data["title"]] + [data[k] for k in ("situation", "setting", "question") if k in data]
        fields += data.get("options", []) + data.get("prompts", []) + [data["id"], f"{index}/30"]
        for field in fields:
            assert normalise(to_plain(field)) in text, (index, field, text)
    assert "€ 4,50" in normalise(reader.pages[0].extract_text())


def test_pages_that_draw_the_same_share_one_content_stream(poker: dict[str, bytes]) -> None:
    """cards-single.pdf: every back of a card type is one stream, referred to by each back page."""
    import io

    reader = pypdf.PdfReader(io.BytesIO(poker["cards-single.pdf"]))
    streams = [page.get_object().raw_get("/Contents").idnum for page in reader.pages]
    fronts, backs = streams[0::2], streams[1::2]
    assert len(set(fronts)) == len(fronts)  # every front its own
    assert 1 < len(set(backs)) <= 3  # one per type (the deck has three)
    texts = {stream: reader.pages[2 * i + 1].extract_text() for i, stream in enumerate(backs)}
    assert all(texts.values())  # and each still shows its back


def test_backs_show_workshop_title_and_type(poker: dict[str, bytes]) -> None:
    back = normalise(read_pdf(poker["cards-single.pdf"]).pages[1].extract_text())
    assert "Klantgerichtheid of authenticiteit?" in back and "DILEMMA" in back


def test_two_builds_are_byte_identical(tmp_path: Path, poker: dict[str, bytes]) -> None:
    again = build(write_workshop(tmp_path / "again", 30))
    assert again["cards.pdf"] == poker["cards.pdf"]
    assert again["cards-single.pdf"] == poker["cards-single.pdf"]


def test_viewer_preferences(poker: dict[str, bytes], tmp_path: Path) -> None:
    prefs = read_pdf(poker["cards.pdf"]).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None" and prefs["/Duplex"] == "/DuplexFlipLongEdge"
    short = build(write_workshop(tmp_path / "s", 3, duplex="short-edge"))
    assert (
        read_pdf(short["cards.pdf"]).trailer["/Root"]["/ViewerPreferences"]["/Duplex"]
        == "/DuplexFlipShortEdge"
    )


def test_every_sheet_has_the_print_hint_and_ruler(poker: dict[str, bytes]) -> None:
    for page in read_pdf(poker["cards.pdf"]).pages:
        text = page.extract_text()
        assert "Print op 100 %" in text and "lange zijde" in text and "50 mm" in text


def test_without_base_url_no_codes_and_one_warning(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "nourl", 4, base_url=None)
    result = run_cli("build", folder, "--only", "cards")
    assert result.exit_code == 0, result.output
    assert sum("warning" in line and "base_url" in line for line in result.stderr.splitlines()) == 1
    assert decode((folder / "build" / "cards-single.pdf").read_bytes(), [0]) == [set()]


def test_minimal_example_builds(minimal: Path) -> None:
    result = run_cli("build", minimal, "--only", "cards")
    assert result.exit_code == 0, result.output
    assert set().union(*decode((minimal / "build" / "cards.pdf").read_bytes())) == {
        "https://example.org/mini/wachttijd/",
        "https://example.org/mini/het-menu/",
        "https://example.org/mini/wat-neem-je-mee/",
    }


def test_cards_of_one_type_share_one_text_size(tmp_path):
    """A dense dilemma sets the size for every dilemma, so cards laid side by side match."""
    from tests.cardgen import write_workshop
    from workshop.pipeline.build import load_and_check
    from workshop.render.cards.deck import prepare_deck

    folder = write_workshop(tmp_path / "w", 9)
    replace_in(
        folder / "cards.yaml",
        "Authentiek of onvriendelijk?",
        "Authentiek, of toch gewoon onvriendelijk tegenover een gast die thee wil?",
    )
    workshop, _ = load_and_check(folder)
    deck = prepare_deck(workshop)
    sizes: dict[str, set[float]] = {}
    for front, card_type in zip(deck.fronts, deck.types, strict=True):
        sizes.setdefault(card_type, set()).add(front.size)
    assert all(len(found) == 1 for found in sizes.values()), sizes
