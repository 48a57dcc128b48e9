"""cards.pdf and cards-single.pdf as users meet them: sizes, fonts, text, QR codes, duplex, errors."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from tests.cardgen import card, short_card, write_workshop
from tests.conftest import need_tool, run_cli
from workshop.content.markup import to_plain
from workshop.content.units import mm, to_mm
from workshop.pdf.layout import back_slots
from workshop.pipeline.build import Overrides, build_workshop

URL = "https://example.org/kg/"


def build(folder: Path, **overrides: Any) -> dict[str, bytes]:
    report = build_workshop(folder, folder / "build", only=("cards",), overrides=Overrides(**overrides))
    return {name: (report.out_dir / name).read_bytes() for name in report.files} | {
        "_notes": "\n".join(report.notes).encode()
    }


@pytest.fixture(scope="module")
def poker(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """30 Dutch poker cards on A4, long-edge duplex."""
    return build(write_workshop(tmp_path_factory.mktemp("poker"), 30))


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return build(write_workshop(tmp_path_factory.mktemp("letter"), 12, paper="letter"))


def decode(pdf: bytes, pages: list[int] | None = None, dpi: int = 170) -> list[set[str]]:
    """The QR codes found on each page, rendered at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    found = []
    for index in pages if pages is not None else range(len(document)):
        image = document[index].render(scale=dpi / 72).to_pil()
        found.append({code.text for code in zxingcpp.read_barcodes(image)})
    document.close()
    return found


def urls(first: int, last: int) -> set[str]:
    return {f"{URL}kaart-{i:02d}/" for i in range(first, last + 1)}


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
    reader = _reader(files["cards.pdf"])
    front_pages = list(range(0, len(reader.pages), 2))
    found = set().union(*decode(files["cards.pdf"], front_pages))
    assert found == urls(1, 6)
    single = decode(files["cards-single.pdf"], [0, 2], dpi=200)
    assert single == [urls(1, 1), urls(2, 2)]


def _reader(data: bytes) -> pypdf.PdfReader:
    import io

    return pypdf.PdfReader(io.BytesIO(data))


def test_sheet_and_card_sizes_are_exact(poker: dict[str, bytes], letter: dict[str, bytes]) -> None:
    for data, expected in ((poker["cards.pdf"], (210, 297)), (letter["cards.pdf"], (279.4, 215.9))):
        for page in _reader(data).pages:
            box = page.mediabox
            assert (to_mm(float(box.width)), to_mm(float(box.height))) == pytest.approx(expected, abs=0.1)
    single = _reader(poker["cards-single.pdf"])
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
    reader = _reader(poker["cards-single.pdf"])
    for index in range(1, 31):
        text = _normalise(reader.pages[2 * (index - 1)].extract_text())
        data = card(index)
        fields = [data["title"]] + [data[k] for k in ("situation", "setting", "question") if k in data]
        fields += data.get("options", []) + data.get("prompts", []) + [data["id"], f"{index}/30"]
        for field in fields:
            assert _normalise(to_plain(field)) in text, (index, field, text)
    assert "€ 4,50" in _normalise(reader.pages[0].extract_text())


def _normalise(text: str) -> str:
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # join words hyphenated at a line end
    return re.sub(r"\s+", " ", text).strip()


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
    back = _normalise(_reader(poker["cards-single.pdf"]).pages[1].extract_text())
    assert "Klantgerichtheid of authenticiteit?" in back and "DILEMMA" in back


def test_two_builds_are_byte_identical(tmp_path: Path, poker: dict[str, bytes]) -> None:
    again = build(write_workshop(tmp_path / "again", 30))
    assert again["cards.pdf"] == poker["cards.pdf"]
    assert again["cards-single.pdf"] == poker["cards-single.pdf"]


def test_viewer_preferences(poker: dict[str, bytes], tmp_path: Path) -> None:
    prefs = _reader(poker["cards.pdf"]).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None" and prefs["/Duplex"] == "/DuplexFlipLongEdge"
    short = build(write_workshop(tmp_path / "s", 3, duplex="short-edge"))
    assert (
        _reader(short["cards.pdf"]).trailer["/Root"]["/ViewerPreferences"]["/Duplex"]
        == "/DuplexFlipShortEdge"
    )


def test_every_sheet_has_the_print_hint_and_ruler(poker: dict[str, bytes]) -> None:
    for page in _reader(poker["cards.pdf"]).pages:
        text = page.extract_text()
        assert "Print op 100 %" in text and "lange zijde" in text and "50 mm" in text


def _rows_of_types() -> list[dict]:
    """Nine cards whose types differ per row and per column, so any wrong mirror shows."""
    order = [
        "dilemma",
        "roleplay",
        "roleplay",
        "reflection",
        "dilemma",
        "dilemma",
        "roleplay",
        "reflection",
        "reflection",
    ]
    cards = []
    for index, kind in enumerate(order, 1):
        base = card({"dilemma": 1, "roleplay": 2, "reflection": 3}[kind])
        cards.append({**base, "id": f"kaart-{index:02d}"})
    return cards


@pytest.mark.parametrize("edge", ["long-edge", "short-edge"])
def test_each_back_lands_behind_its_front(tmp_path: Path, edge: str) -> None:
    from workshop.pdf.layout import plan_sheet

    folder = write_workshop(tmp_path / edge, 9, cards=_rows_of_types(), duplex=edge)
    files = build(folder)
    plan = plan_sheet("a4", mm(63.5), mm(88.9), mm(3))
    assert plan is not None
    document = pdfium.PdfDocument(files["cards.pdf"])
    front, back = (document[i].render(scale=1).to_pil().convert("RGB") for i in (0, 1))
    for slot, mirrored in zip(plan.slots, back_slots(plan, edge), strict=True):  # type: ignore[arg-type]
        assert _colour(front, slot.trim, plan.height) == _colour(back, mirrored.trim, plan.height)
    document.close()


def _colour(image: Any, trim: Any, page_height: float) -> tuple[int, int, int]:
    """The colour just inside a card's top-left corner (the type colour on fronts and backs)."""
    x, y = trim.x + mm(2), page_height - (trim.top - mm(2))
    return image.getpixel((round(x), round(y)))


def test_back_offset_shifts_every_back(tmp_path: Path) -> None:
    plain = build(write_workshop(tmp_path / "plain", 3))
    shifted = build(write_workshop(tmp_path / "shifted", 3, back_offset=["2mm", "-1mm"]))
    for page, text, (dx, dy) in ((0, "kaart-01", (0, 0)), (1, "Klantgerichtheid", (mm(2), mm(-1)))):
        before, after = _char_box(plain["cards.pdf"], page, text), _char_box(shifted["cards.pdf"], page, text)
        assert after[0] - before[0] == pytest.approx(dx, abs=0.05)
        assert after[1] - before[1] == pytest.approx(dy, abs=0.05)


def _char_box(pdf: bytes, page_index: int, text: str) -> tuple[float, float, float, float]:
    document = pdfium.PdfDocument(pdf)
    page = document[page_index]
    textpage = page.get_textpage()
    first = textpage.search(text).get_next()
    assert first is not None, text
    box = textpage.get_charbox(first[0])
    document.close()
    return box


def test_fold_puts_front_and_back_side_by_side(tmp_path: Path) -> None:
    files = build(write_workshop(tmp_path / "fold", 5, duplex="fold"))
    notes = files["_notes"].decode()
    assert "fold" in notes
    reader = _reader(files["cards.pdf"])
    first = _normalise(reader.pages[0].extract_text())
    assert "kaart-01" in first and "Klantgerichtheid of authenticiteit?" in first
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/Simplex"
    assert set().union(*decode(files["cards.pdf"])) == urls(1, 5)


def test_none_gives_fronts_and_one_back_sheet_per_type(tmp_path: Path) -> None:
    files = build(write_workshop(tmp_path / "none", 12, duplex="none"))
    reader = _reader(files["cards.pdf"])
    assert len(reader.pages) == 2 + 3
    assert "kaart-10" in reader.pages[1].extract_text()
    assert "DILEMMA" in reader.pages[2].extract_text() and "kaart" not in reader.pages[2].extract_text()
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/Simplex"


def test_overlong_card_fails_naming_card_field_and_overflow(tmp_path: Path) -> None:
    long = {**card(1), "situation": " ".join(["Een heel lang verhaal over klantgerichtheid."] * 40)}
    folder = write_workshop(tmp_path / "long", 0, cards=[long])
    result = run_cli("build", folder)
    assert result.exit_code == 1
    assert re.search(
        r"cards\.yaml:\d+:\d+: error: card 'kaart-01': the situation does not fit on the card even at 9 pt; "
        r"it needs \d+ mm more; shorten (it|the card's text) by about \d+ words",
        result.output,
    ), result.output
    assert not (folder / "build" / "cards.pdf").exists()


def test_a_word_wider_than_the_column_is_an_error(tmp_path: Path) -> None:
    word = "0123456789" * 6  # no hyphenation point, no URL break
    folder = write_workshop(tmp_path / "wide", 0, cards=[{**card(1), "question": f"Zie {word}"}])
    result = run_cli("build", folder)
    assert result.exit_code == 1
    assert "card 'kaart-01': the question holds '0123456789" in result.output
    assert re.search(r"\d+ mm wide at 9 pt: wider than the \d+ mm of a line", result.output), result.output


def test_without_base_url_no_codes_and_one_warning(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "nourl", 4, base_url=None)
    result = run_cli("build", folder, "--only", "cards")
    assert result.exit_code == 0, result.output
    assert sum("warning" in line and "base_url" in line for line in result.output.splitlines()) == 1
    assert decode((folder / "build" / "cards-single.pdf").read_bytes(), [0]) == [set()]


def test_calibration_sheet(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "cal", 2)
    report = build_workshop(folder, only=("cards",), calibration=True)
    reader = _reader((report.out_dir / "calibration.pdf").read_bytes())
    assert len(reader.pages) == 2
    assert "back_offset" in reader.pages[0].extract_text() and "50 mm" in reader.pages[0].extract_text()


def test_cli_overrides_card_size_and_paper(tmp_path: Path) -> None:
    folder = write_workshop(tmp_path / "cli", 4)
    result = run_cli(
        "build", folder, "--only", "cards", "--paper", "letter", "--card-size", "tarot", "--duplex", "fold"
    )
    assert result.exit_code == 0, result.output
    assert "tarot cards per Letter sheet" in result.output


def test_minimal_example_builds(minimal: Path) -> None:
    result = run_cli("build", minimal, "--only", "cards")
    assert result.exit_code == 0, result.output
    assert set().union(*decode((minimal / "build" / "cards.pdf").read_bytes())) == {
        "https://example.org/mini/wachttijd/",
        "https://example.org/mini/het-menu/",
        "https://example.org/mini/wat-neem-je-mee/",
    }


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_logo_on_backs(tmp_path: Path, kind: str) -> None:
    import yaml
    from PIL import Image

    folder = write_workshop(tmp_path / kind, 1)
    if kind == "svg":
        (folder / "logo.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><rect width="100" height="40"/></svg>'
        )
    else:
        Image.new("RGB", (200, 80), (0, 0, 0)).save(folder / "logo.png")
    config = yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))
    (folder / "workshop.yaml").write_text(
        yaml.safe_dump({**config, "theme": {"logo": f"logo.{kind}"}}), encoding="utf-8"
    )
    files = build(folder)
    image = pdfium.PdfDocument(files["cards-single.pdf"])[1].render(scale=1).to_pil().convert("RGB")
    assert image.getpixel((image.width // 2, round(image.height * 0.35))) == (0, 0, 0)  # the logo, centred


def test_cards_of_one_type_share_one_text_size(tmp_path):
    """A dense dilemma sets the size for every dilemma, so cards laid side by side match."""
    from tests.cardgen import write_workshop
    from workshop.pipeline.build import load_and_check
    from workshop.render.cards.deck import prepare_deck

    folder = write_workshop(tmp_path / "w", 9)
    cards_file = folder / "cards.yaml"
    cards_file.write_text(
        cards_file.read_text(encoding="utf-8").replace(
            "Authentiek of onvriendelijk?",
            "Authentiek, of toch gewoon onvriendelijk tegenover een gast die thee wil?",
            1,
        ),
        encoding="utf-8",
    )
    workshop, _ = load_and_check(folder)
    deck = prepare_deck(workshop)
    sizes: dict[str, set[float]] = {}
    for front, card_type in zip(deck.fronts, deck.types, strict=True):
        sizes.setdefault(card_type, set()).add(front.size)
    assert all(len(found) == 1 for found in sizes.values()), sizes


def test_text_size_cache_gives_the_same_bytes_and_survives_damage(tmp_path):
    import shutil

    from tests.cardgen import write_workshop
    from workshop.pipeline.build import build_workshop

    folder = write_workshop(tmp_path / "w", 12)
    build_workshop(folder, tmp_path / "first", only=("cards",))
    cache = tmp_path / "first" / ".cache" / "text-sizes.bin"
    assert cache.is_file()
    build_workshop(folder, tmp_path / "first", only=("cards",))  # from the cache
    shutil.rmtree(tmp_path / "first" / ".cache", ignore_errors=False)
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    assert (tmp_path / "first" / "cards.pdf").read_bytes() == (tmp_path / "fresh" / "cards.pdf").read_bytes()
    (tmp_path / "fresh" / ".cache" / "text-sizes.bin").write_bytes(b"workshop cache 2\n[")
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    assert (tmp_path / "first" / "cards.pdf").read_bytes() == (tmp_path / "fresh" / "cards.pdf").read_bytes()
    assert (tmp_path / "first" / "cards-single.pdf").read_bytes() == (
        tmp_path / "fresh" / "cards-single.pdf"
    ).read_bytes()


def test_a_cached_size_that_no_longer_fits_is_found_again(tmp_path: Path) -> None:
    """A wrong size in the cache (every card at the largest size) cannot make text overflow the card."""
    import json

    from workshop.pipeline.build import load_and_check
    from workshop.pipeline.cache import CacheStore

    folder = write_workshop(tmp_path / "w", 9)
    cards_file = folder / "cards.yaml"
    cards_file.write_text(
        cards_file.read_text(encoding="utf-8").replace(
            "Authentiek of onvriendelijk?",
            "Authentiek, of toch gewoon onvriendelijk tegenover een gast die thee wil?",
            1,
        ),
        encoding="utf-8",
    )
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    store = CacheStore.for_build(tmp_path / "fresh" / ".cache", load_and_check(folder)[0])
    keys = list(store._offsets("text-sizes"))
    assert any(json.loads(store.get("text-sizes", key) or b"")[0] < 10.5 for key in keys)  # a shrunk card
    for key in keys:
        store.put("text-sizes", key, b"[10.5, 1]")  # as only a bug could write it
    store.commit()
    (tmp_path / "fresh" / ".cache" / "card-faces.bin").unlink()
    first = (tmp_path / "fresh" / "cards.pdf").read_bytes()
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    assert (tmp_path / "fresh" / "cards.pdf").read_bytes() == first


def test_fronts_drawn_once_and_pasted_give_the_same_bytes_as_drawn_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sharing a front's drawing between documents (and builds) never changes a byte, also when the
    document leaves its primed state (here: priming only ASCII, so 'é' and '’' are coded late)."""
    from workshop.render.cards import deck as deck_module
    from workshop.render.cards import sheets
    from workshop.render.cards.stamps import Stamps

    folder = write_workshop(tmp_path / "w", 12)
    cards_file = folder / "cards.yaml"
    text = cards_file.read_text(encoding="utf-8")
    cards_file.write_text(
        text.replace(
            "Authentiek of onvriendelijk?", "Authentiek of *onvriendelijk*? [Lees](https://example.org/x)", 1
        ),
        encoding="utf-8",
    )

    made: list[Stamps] = []

    def pdfs(share: bool) -> tuple[bytes, bytes]:
        from workshop.pipeline.build import load_and_check
        from workshop.render.cards import sheet_plan

        workshop, _ = load_and_check(folder)
        deck = deck_module.prepare_deck(workshop)
        stamps = Stamps(deck, share=share)
        made.append(stamps)
        settings = workshop.config.print
        sheet, _ = sheets.render_sheets(
            deck, sheet_plan(workshop), settings.duplex, settings.back_offset, stamps
        )
        return sheet, sheets.render_single(deck, settings.duplex, stamps)

    assert pdfs(True) == pdfs(False)
    drawn_anew = list(made[0]._by_index.values()).count(None)
    assert drawn_anew == 1  # the card with a link
    real = sheets.deck_characters
    monkeypatch.setattr(
        sheets,
        "deck_characters",
        lambda deck, extra: {
            font: "".join(c for c in text if c.isascii()) for font, text in real(deck, extra).items()
        },
    )
    assert pdfs(True) == pdfs(False)
    assert list(made[2]._by_index.values()).count(None) > drawn_anew


def test_a_rebuild_draws_only_the_edited_front(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workshop.render.cards.recording import Primed

    folder = write_workshop(tmp_path / "w", 12)
    build_workshop(folder, tmp_path / "out", only=("cards",))
    cards_file = folder / "cards.yaml"
    cards_file.write_text(
        cards_file.read_text(encoding="utf-8").replace("Authentiek of onvriendelijk?", "Authentiek?", 1),
        encoding="utf-8",
    )
    recorded = []
    original = Primed.record
    monkeypatch.setattr(Primed, "record", lambda self, draw: recorded.append(1) or original(self, draw))
    build_workshop(folder, tmp_path / "out", only=("cards",))
    assert len(recorded) == 1
    edited = (tmp_path / "out" / "cards.pdf").read_bytes()
    build_workshop(folder, tmp_path / "fresh", only=("cards",))
    assert (tmp_path / "fresh" / "cards.pdf").read_bytes() == edited
