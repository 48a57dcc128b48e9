"""The export: sheets named after card files, only the columns used, text that stays text."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cardgen import card, write_workshop
from tests.conftest import replace_in
from workshop.content.loader import load_workshop
from workshop.content.problems import ContentError, Problems
from workshop.content.sheet_export import export_csv, export_xlsx, sheet_names


def test_sheet_names_follow_the_card_files_as_excel_allows():
    files = [
        Path("dilemmas.yaml"),
        Path("cards/dilemmas.yaml"),
        Path("roles.yaml"),
        Path("a:b*" + "x" * 40 + ".yml"),
    ]
    names = sheet_names(files)
    assert names[:3] == ["dilemmas", "dilemmas (2)", "cards roles"]
    assert names[3].startswith("a-b-x") and len(names[3]) == 31


def workshop_of(tmp_path: Path, cards: list[dict]):
    root = write_workshop(tmp_path / "ws", len(cards), language="en", cards=cards)
    problems = Problems()
    workshop = load_workshop(root, problems)
    assert problems.errors == []
    return root, workshop


def test_xlsx_has_a_frozen_bold_header_wrapped_text_and_fitting_widths(tmp_path: Path):
    reflection = card(3)
    reflection["title"] = "=SUM(A1:A2) stays text"
    root, workshop = workshop_of(tmp_path, [card(1), card(2), reflection])
    (root / "cards.xlsx").write_bytes(export_xlsx(workshop))
    book = load_workbook(root / "cards.xlsx")
    sheet, roles = book["cards"], book["roles"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert sheet["D2"].alignment.wrap_text
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "id", "type", "title", "situation", "question", "options", "setting", "minutes", "prompts",
        "debrief.summary",
    ]  # fmt: skip
    assert sheet["C4"].value == "=SUM(A1:A2) stays text" and sheet["C4"].data_type == "s"
    assert sheet["H3"].value == 10  # a number stays a number
    assert 10 <= sheet.column_dimensions["A"].width <= 12  # 'kaart-01'
    assert sheet.column_dimensions["D"].width == 62  # long text wraps at 60 characters
    assert [cell.value for cell in roles[1]] == ["card", "name", "brief", "observe"]
    assert roles.max_row == 4


def test_list_items_that_span_lines_are_separated_by_empty_lines_and_read_back(tmp_path: Path):
    dilemma = card(1)
    dilemma["options"] = ["First\nstill first", "Second"]
    dilemma |= {"copies": 3, "tags": ["terrace", "humour"]}
    root, workshop = workshop_of(tmp_path, [dilemma])
    cards, roles = export_csv(workshop)
    assert b",tags,copies," in cards and b',"terrace\nhumour",3,' in cards
    assert roles is None
    assert b'"First\nstill first\n\nSecond"' in cards
    assert cards.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 as UTF-8 only with the mark
    (root / "cards.csv").write_bytes(cards)
    replace_in(root / "workshop.yaml", "cards.yaml", "cards.csv")
    assert load_workshop(root, Problems()).cards == workshop.cards


def test_an_item_with_an_empty_line_cannot_be_exported_and_says_where_it_is(tmp_path: Path):
    dilemma = card(1)
    dilemma["options"] = ["First\n\nparagraph", "Second"]
    _root, workshop = workshop_of(tmp_path, [dilemma])
    with pytest.raises(ContentError) as caught:
        export_xlsx(workshop)
    (problem,) = caught.value.problems
    assert problem.location.file.name == "cards.yaml" and problem.location.line > 1
    assert "this item has an empty line in it" in problem.message
